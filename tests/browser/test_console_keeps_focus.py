"""The console keeps the facilitator's place: cards posted by the room never take the focus
away from the view, axis or moderation button just used (issue 10)."""
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, join_from_phone
from tests.browser.test_live_board import open_console, post


def test_cards_arriving_leave_the_focus_on_the_consoles_buttons(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)

    view = console.get_by_role("button", name="Tableau de l'axe")
    view.focus()
    console.keyboard.press("Enter")
    expect(view).to_have_attribute("aria-pressed", "true")
    post(phone, "Premier levier")
    expect(console.locator("#card-list")).to_contain_text("Premier levier")
    expect(view).to_be_focused()

    axis = console.locator("#axis-list button").nth(0)
    axis.focus()
    post(phone, "Deuxième levier")
    expect(axis).to_contain_text("2 cartes")
    expect(axis).to_be_focused()

    hide = console.locator("#card-list article", has_text="Premier levier").get_by_role("button", name="Masquer")
    hide.focus()
    console.keyboard.press("Enter")
    restore = console.locator("#card-list article", has_text="Premier levier").get_by_role("button", name="Rétablir")
    expect(restore).to_be_focused()
    post(phone, "Troisième levier")
    expect(console.locator("#card-list")).to_contain_text("Troisième levier")
    expect(restore).to_be_focused()
    expect(console.locator("#card-list")).not_to_contain_text("null")  # no empty slot written out
