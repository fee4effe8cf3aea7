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
    expect(poll.locator(".results-soon")).to_be_hidden()
    expect(poll.locator(".poll-bars")).to_be_visible()
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


def test_a_refused_correction_is_shown_under_its_text_box_and_keeps_the_focus(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, LAPTOP)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    post(phone, "Un référent unique")
    row = console.locator("#card-list li", has_text="Un référent unique")
    card = console.locator(f"#card-list li[data-card='{row.get_attribute('data-card')}']")  # its text becomes a field
    card.get_by_role("button", name="Corriger").click()
    box = card.get_by_label("Texte corrigé")
    box.fill("")
    card.get_by_role("button", name="Enregistrer").click()
    error = card.locator(".form-error")
    expect(error).to_be_visible()
    expect(error).to_have_text("Le texte est vide.")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    assert box.get_attribute("aria-describedby") == error.get_attribute("id")
    shot(console, "correction-refused")
    box.fill("Un référent unique pour la personne")
    card.get_by_role("button", name="Enregistrer").click()
    expect(card.locator(".text")).to_have_text("Un référent unique pour la personne")
    expect(card.locator(".form-error")).to_have_count(0)
    assert console.errors == []


def test_a_refused_button_action_is_shown_on_screen_until_the_next_success(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, LAPTOP)
    refusal = console.locator("#console-error")
    expect(refusal).to_be_hidden()
    console.get_by_role("button", name="◀ Précédent").click()  # nothing before the start
    expect(refusal).to_be_visible()
    expect(refusal).not_to_be_empty()
    console.get_by_role("button", name="Suivant ▶").click()
    expect(console.locator("#now-current")).to_contain_text("accueil")
    expect(refusal).to_be_hidden()


def test_the_group_rename_fields_are_usable_at_laptop_size(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, LAPTOP)
    for organisation in ("Foyer Notre-Dame", "Bailleur Est", "Métropole"):
        join_from_phone(new_page(PHONE), live_server.url, code, organisation=organisation)
    console.get_by_role("tab", name="Groupes et mur").click()
    console.get_by_label("Par nombre de groupes").check()
    console.get_by_label("Nombre de groupes", exact=True).fill("2")
    console.get_by_role("button", name="Former les groupes").click()
    expect(console.locator("#announcer")).to_have_text("2 groupes formés.")
    card = console.locator(".console-group").first
    card.scroll_into_view_if_needed()
    shot(console, "group-rename")
    outer = card.bounding_box()
    for field in (card.get_by_label("Nouveau nom pour Groupe 1"), card.get_by_label("Lieu de Groupe 1")):
        assert field.bounding_box()["width"] >= NARROWEST_FIELD
    button = card.get_by_role("button", name="Enregistrer").bounding_box()
    assert outer["x"] <= button["x"] and button["x"] + button["width"] <= outer["x"] + outer["width"]
    card.get_by_label("Lieu de Groupe 1").fill("Salle B")
    card.get_by_role("button", name="Enregistrer").click()
    expect(card.get_by_label("Lieu de Groupe 1")).to_have_value("Salle B")


def strip_bottom(console):
    return console.evaluate("document.getElementById('now').getBoundingClientRect().bottom")


def test_the_now_strip_is_compact_and_never_covers_the_card_acted_on(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, LAPTOP)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    for n in range(1, 7):
        post(phone, f"Levier numéro {n}")
    expect(console.locator("#card-list li")).to_have_count(6)
    for _ in range(2):  # a sequence running: the strip's longest texts
        console.get_by_role("button", name="Suivant ▶").click()
    expect(console.locator("#now-current")).to_contain_text("Les pratiques actuelles")
    strip = console.locator("#now").bounding_box()
    shot(console, "strip")
    assert strip["height"] <= HIGHEST_STRIP, strip

    # Shift+Tab up from a card to the one above it, scrolled under the strip: it comes out below.
    console.get_by_role("tab", name="Axes et cartes").click()
    above, below = (console.locator("#card-list li", has_text=f"Levier numéro {n}") for n in (1, 2))
    spot = above.get_by_role("button", name="Mettre en avant")
    console.evaluate("y => window.scrollBy(0, y)", spot.bounding_box()["y"] - 40)
    below.get_by_role("button", name="Masquer").focus()
    console.keyboard.press("Shift+Tab")
    expect(spot).to_be_focused()
    assert spot.bounding_box()["y"] >= strip_bottom(console)
    assert console.evaluate("window.scrollY") > 0
    spot.press("Enter")
    expect(spot).to_have_attribute("aria-pressed", "true")
    # the card brought into view (as a click or a find does) shows its top below the strip
    above.scroll_into_view_if_needed()
    above.evaluate("node => node.scrollIntoView()")
    assert above.bounding_box()["y"] >= strip_bottom(console)
    shot(console, "strip-and-card")
