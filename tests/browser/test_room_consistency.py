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
