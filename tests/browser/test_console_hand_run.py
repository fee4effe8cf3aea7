"""The console at 1366×768 as a facilitator found it on a hand-run study day (/work/wt/QA.md):
each « Nouvelle activité » starts fresh (results hidden) and Escape closes it, a refused
correction is shown under its text box, the groups' rename fields are usable, and the
« now » strip stays compact without hiding the card just acted on."""
import os

from playwright.sync_api import expect

from tests.browser.conftest import FULL_HD, PHONE, join_from_phone, open_console
from tests.browser.test_live_board import post

LAPTOP = {"width": 1366, "height": 768}
SHOTS = os.environ.get("ENSEMBLE_SHOTS")  # a folder: keep screenshots to look at
NARROWEST_FIELD = 120  # px: room for « Table 4, salle B… » or a group's name
HIGHEST_STRIP = 120  # px at 1366×768: about a sixth of the screen


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"console-{name}.png"))


def launch(console, kind, question, live=False):
    console.get_by_role("button", name="+ Nouvelle activité").click()
    console.get_by_label("Type").select_option(label=kind)
    console.get_by_label("Question", exact=True).fill(question)
    if live:
        console.get_by_label("en direct").check()
    console.get_by_role("button", name="Lancer maintenant").click()
    expect(console.locator("#launch")).to_be_hidden()


def test_each_new_activity_starts_fresh_so_a_poll_goes_out_hidden_and_r_reveals_it(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(FULL_HD)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code, LAPTOP)
    launch(console, "Nuage de mots (3 mots chacun)", "Un mot pour la journée ?", live=True)
    expect(projection.locator("#view-poll")).to_contain_text("Un mot pour la journée ?")

    console.get_by_role("button", name="+ Nouvelle activité").click()
    shot(console, "launch-reopened")
    expect(console.get_by_label("masqués jusqu'à révélation")).to_be_checked()
    expect(console.get_by_label("Type")).to_have_value("single")
    expect(console.get_by_label("Question", exact=True)).to_have_value("")
    expect(console.get_by_label("Réponse 1", exact=True)).to_have_value("")
    console.get_by_role("button", name="Annuler").click()

    launch(console, "Sondage : échelle de 1 à 5", "Où en sommes-nous ?")
    poll = projection.locator("#view-poll")
    expect(poll).to_contain_text("Où en sommes-nous ?")
    expect(poll.locator(".results-soon")).to_have_text("Résultats bientôt affichés")
    console.locator("body").press("r")
    expect(console.locator("#poll-reveal")).to_have_text("Masquer les résultats")
    expect(poll.locator(".results-soon")).to_have_count(0)
    assert console.errors == [] and projection.errors == []


def test_escape_closes_the_new_activity_form_back_on_its_button(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, LAPTOP)
    toggle = console.get_by_role("button", name="+ Nouvelle activité")
    toggle.click()
    console.get_by_label("Question", exact=True).fill("Une question ?")
    console.keyboard.press("Escape")
    expect(console.locator("#launch")).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")
