"""The room's screens agree with each other and with what they say (issue 15, item 6):
each of these failed before."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import FULL_HD, PHONE, PROJECTOR, join_from_phone, open_console


def test_groups_panel_counts_the_people_who_joined_without_a_reload(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code)
    console.get_by_role("tab", name="Groupes et mur").click()
    expect(console.locator("#groups")).to_contain_text("0 personne a rejoint")
    for organisation in ("Foyer A", "Bailleur B"):
        join_from_phone(new_page(PHONE), live_server.url, code, organisation=organisation)
    expect(console.locator("#people-count")).to_have_text("2")
    expect(console.locator("#groups")).to_contain_text("Pas encore de groupes. 2 personnes ont rejoint l'atelier.")


def test_the_join_address_never_breaks_inside_the_code(live_server, new_page):
    code, key = live_server.workshop()
    for viewport in (PROJECTOR, FULL_HD):
        projection = new_page(viewport)
        projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
        expect(projection.locator("#view-join")).to_be_visible()
        lines = projection.evaluate("""(code) => {
            const part = [...document.querySelectorAll('.join-url .nowrap')].find(s => s.textContent.includes(code));
            const range = document.createRange(); range.selectNodeContents(part);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }""", code)
        assert lines == 1, viewport


def test_the_axis_board_instruction_asks_nothing_phones_cannot_do(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    console = open_console(new_page, live_server, code)
    console.get_by_role("tab", name="Programme").click()
    console.locator("#agenda .agenda-item", has_text="Les freins/leviers").click()
    instructions = phone.locator("#agenda-bar .seq-instructions")
    expect(instructions).to_contain_text("L'écran montre un axe")
    expect(instructions).not_to_contain_text("Choisissez un axe")


def test_counts_in_words_agree_in_number(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    console = open_console(new_page, live_server, code)
    phone.get_by_role("button", name=re.compile("^Levier")).click()
    phone.get_by_label("Votre texte").fill("Un levier sans soutien")
    phone.get_by_role("button", name="Envoyer").click()
    expect(console.locator("#card-list .supports")).to_have_text("0 soutien")
    expect(console.locator("#axis-list [aria-pressed=true] .axis-c")).to_have_text("1 carte")


def test_an_ended_timer_does_not_follow_the_room_to_the_next_screens(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code)
    console.get_by_role("button", name="Tableau de l'axe").click()
    console.get_by_label("Durée (minutes)").fill("0.02")
    console.get_by_role("button", name="Lancer", exact=True).click()
    corner = projection.locator(".corner-timer")
    expect(corner).to_contain_text("Temps écoulé")
    console.get_by_role("button", name="Accueil (QR code)").click()
    expect(projection.locator("#view-join")).to_be_visible()
    expect(corner).to_be_hidden()


def test_the_questionnaire_title_is_said_once(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code)
    console.get_by_role("tab", name="Programme").click()
    console.locator("#agenda .agenda-item", has_text="Votre avis sur la journée").click()
    view = projection.locator("#view-feedback_form")
    expect(view).to_be_visible()
    expect(view.get_by_text("Votre avis sur la journée", exact=True)).to_have_count(1)
    expect(view.locator(".join-count")).to_have_text("0 réponse")


def test_the_author_of_a_hidden_card_is_told_kindly(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    console = open_console(new_page, live_server, code)
    phone.get_by_role("button", name=re.compile("^Levier")).click()
    phone.get_by_label("Votre texte").fill("Hors sujet complet")
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator("#announcer")).to_contain_text("Carte envoyée")
    console.locator("#card-list").get_by_role("button", name="Masquer").click()
    expect(phone.locator("#cards")).not_to_contain_text("Hors sujet complet", timeout=10_000)
    notice = phone.locator(".own-hidden")
    expect(notice).to_contain_text("L'animation a retiré votre carte « Hors sujet complet » de l'écran")
    expect(phone.locator("#announcer")).to_contain_text("Elle n'est pas perdue")
    notice.get_by_role("button", name="J'ai compris").click()
    expect(notice).to_have_count(0)
