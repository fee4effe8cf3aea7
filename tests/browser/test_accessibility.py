"""axe-core finds no serious or critical violation on the screens people use, and the
board works with the keyboard alone."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone


def serious_violations(page):
    results = Axe().run(page)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def room(live_server):
    return live_server.workshop()


def test_join_page_and_phone_board(live_server, new_page, room):
    code, _key = room
    phone = new_page(PHONE)
    phone.goto(f"{live_server.url}/j/{code}")
    phone.get_by_label("Type de structure", exact=True).wait_for()
    assert serious_violations(phone) == []
    join_from_phone(phone, live_server.url, code)
    phone.get_by_label("Votre texte").fill("Un levier")
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator("article.card")).to_have_count(1)
    assert serious_violations(phone) == []


def test_projection_join_and_board(live_server, new_page, room):
    code, key = room
    page = new_page(PROJECTOR)
    page.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    expect(page.locator("#view-join")).to_be_visible()
    assert serious_violations(page) == []
    with live_server.app.app_context():
        from workshops.extensions import db_session
        from workshops.services.room import workshops
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="board")
    page.reload()
    expect(page.locator("#view-board")).to_be_visible()
    assert serious_violations(page) == []


def test_console_and_organiser_pages(live_server, new_page, room):
    code, _key = room
    page = new_page({"width": 1280, "height": 800})
    live_server.login(page)
    assert serious_violations(page) == []
    page.goto(f"{live_server.url}/w/{code}/console")
    expect(page.locator("#status")).to_have_text("Connecté")
    assert serious_violations(page) == []


def test_the_phone_works_with_the_keyboard_alone(live_server, new_page, room):
    code, _key = room
    phone = new_page(PHONE)
    phone.goto(f"{live_server.url}/j/{code}")
    select = phone.get_by_label("Type de structure", exact=True)
    select.focus()
    phone.keyboard.press("ArrowDown")  # Association
    phone.keyboard.press("Tab")
    phone.keyboard.type("Foyer du clavier")
    phone.keyboard.press("Tab")
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("Tab")  # display name
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")  # Rejoindre
    text = phone.get_by_label("Votre texte")
    expect(text).to_be_visible()
    # Choose « Oui, mais… » with the keyboard, type, send with the keyboard.
    phone.get_by_role("button", name=re.compile("^Oui, mais")).focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("button", name=re.compile("^Oui, mais"))).to_have_attribute("aria-pressed", "true")
    phone.get_by_label("Votre texte").focus()
    phone.keyboard.type("Au clavier seulement")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    expect(phone.locator(".column.limits article.card")).to_contain_text("Au clavier seulement")
    # Support it with the keyboard.
    support = phone.locator(".column.limits").get_by_role("button", name=re.compile("Je soutiens"))
    support.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".column.limits").get_by_role("button", name=re.compile("Je soutiens"))).to_have_attribute("aria-pressed", "true")
