"""The programme editor (issue 15): a day on one screen at 1366×768, one row per sequence,
each with its start time; rows moved by keyboard (the focus stays on the moved row, the
new place is said) and by dragging, within their day or to another one; axes ticked from
the workshop's list, a poll picked from the format's; a refused field said next to it, and
no longer invalid once fixed."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.test_agenda_browser import serious_violations
from workshops.extensions import db_session
from workshops.services.agenda import agenda
from workshops.services.room import workshops

LAPTOP = {"width": 1366, "height": 768}
SMALL_PHONE = {"width": 320, "height": 568}
FIRST = "Les pratiques actuelles d'accompagnement"
BOARD = "Les freins/leviers/perspectives de l'accompagnement dans le LDA"
DAY_TWO = "Journée 2 · Élaboration de préconisations — mardi 12 mai"


def open_programme(live_server, new_page, viewport=LAPTOP, format_id="logement-d-abord-10-axes"):
    code, _key = live_server.workshop(format_id=format_id)
    page = new_page(viewport)
    live_server.login(page)
    page.goto(f"{live_server.url}/organisateur/ateliers/{code}/programme")
    expect(page.locator(".ed-tools").first).to_be_visible()  # the module has run
    return code, page


def saved_agenda(live_server, code):
    with live_server.app.app_context():
        session = db_session()
        return agenda.agenda_dict(session, workshops.get_workshop(session, code))["days"]


def titles(page, day=0):
    return page.locator(f"[data-day='{day}'] .ed-title input").evaluate_all("nodes => nodes.map(n => n.value)")


def test_a_day_on_one_screen_reordered_by_keyboard_and_by_dragging(live_server, new_page):
    code, page = open_programme(live_server, new_page)
    day = page.locator("[data-day='0']")
    day.evaluate("node => window.scrollTo(0, node.getBoundingClientRect().top + scrollY)")
    box = day.bounding_box()
    assert box["height"] <= LAPTOP["height"], box  # the whole day without scrolling
    for row in day.locator(".ed-row").all():
        row_box = row.bounding_box()
        assert 0 <= row_box["y"] and row_box["y"] + row_box["height"] <= LAPTOP["height"]

    page.get_by_label("Heure de début").first.fill("09:00")
    expect(day.locator(".ed-at")).to_have_text(["09:00", "09:30", "10:00", "11:15", "12:00", "12:30"])

    # Keyboard: « Descendre » on the first row, twice; the focus stays on that row's button.
    down = page.get_by_role("button", name=f"Descendre « {FIRST} »")
    down.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert titles(page)[2] == FIRST
    expect(page.get_by_role("button", name=f"Descendre « {FIRST} »")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(re.compile(f"« {FIRST} » : position 3 sur 6.$"))
    expect(day.locator(".ed-at").nth(2)).to_have_text("10:45")  # after 30 + 75 minutes
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # « Monter »
    assert titles(page)[1] == FIRST
    expect(page.get_by_role("button", name=f"Monter « {FIRST} »")).to_be_focused()

    # Dragging: the last row (the questionnaire) dropped on the first one.
    last = titles(page)[-1]
    day.locator(".ed-grip").last.drag_to(day.locator(".ed-row").first, target_position={"x": 20, "y": 5})
    assert titles(page)[0] == last

    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    saved = saved_agenda(live_server, code)[0]
    assert [s["title"] for s in saved["sequences"]][:3] == [last, "Les contours du LDA", FIRST]
    assert saved["starts_at"] == "09:00"
    expect(page.locator("[data-day='0'] .ed-at").first).to_have_text("09:00")  # as the server computes it
    assert serious_violations(page) == []
    assert page.errors == []


def test_axes_and_polls_are_picked_not_typed_and_a_row_is_added(live_server, new_page):
    code, page = open_programme(live_server, new_page, format_id="plateformes-accompagnement")
    day = page.locator("[data-day='0']")
    board = day.locator(".ed-row").filter(has=page.locator("option[value=axis_board]:checked"))
    board.locator(".ed-axes summary").click()
    expect(board.locator(".ed-axes-count")).to_have_text("tous")
    board.get_by_label("2. Continuité").uncheck()
    board.get_by_label("4. Lien au droit commun").uncheck()
    expect(board.locator(".ed-axes-count")).to_have_text("2 / 4")

    page.get_by_role("button", name="Ajouter une séquence").first.click()
    new_title = day.locator(".ed-row").last.get_by_label("Titre", exact=True)
    expect(new_title).to_be_focused()
    new_title.fill("Un vote de plus")
    row = day.locator(".ed-row").last
    expect(row.get_by_label("Sondage", exact=True)).to_be_hidden()
    row.get_by_label("Activité").select_option(label="Sondage")
    row.get_by_label("Sondage", exact=True).select_option(label="Où en est notre territoire ?")
    row.get_by_label("Minutes", exact=True).fill("5")
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    sequences = saved_agenda(live_server, code)[0]["sequences"]
    assert [s["axes"] for s in sequences if s["activity"] == "axis_board"] == [["lisibilite", "adaptabilite"]]
    assert (sequences[-1]["title"], sequences[-1]["poll"], sequences[-1]["minutes"]) == (
        "Un vote de plus", "positionnement", 5)
    assert page.errors == []


def test_a_refused_field_is_said_next_to_it_and_cleared_once_fixed(live_server, new_page):
    _code, page = open_programme(live_server, new_page)
    minutes = page.locator("[data-day='0'] .ed-minutes input").nth(2)
    minutes.fill("0")
    page.get_by_role("button", name="Enregistrer le programme").click()
    minutes = page.locator("[data-day='0'] .ed-minutes input").nth(2)
    expect(minutes).to_have_attribute("aria-invalid", "true")
    expect(minutes).to_be_focused()
    message = page.locator(f"#{minutes.get_attribute('aria-describedby')}")
    expect(message).to_contain_text("Journée 1, séquence 3")
    expect(page.get_by_role("alert")).to_contain_text("Journée 1, séquence 3")
    minutes.fill("20")
    expect(minutes).not_to_have_attribute("aria-invalid", "true")
    expect(message).to_be_hidden()
    assert serious_violations(page) == []
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert serious_violations(page) == []
    assert page.errors == []


# What the programme form shows that goes past the screen's right edge (the site's header is not the editor's).
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('#agenda-form *')].filter((node) =>
  node.checkVisibility() && node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map((node) => node.id || node.className || node.tagName)"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_a_sequence_moves_to_day_two_by_its_control_and_by_keyboard(live_server, new_page, viewport):
    code, page = open_programme(live_server, new_page, viewport)
    page.get_by_label("Date", exact=True).nth(1).fill("2026-05-12")
    page.get_by_label("Heure de début").nth(0).fill("09:00")
    page.get_by_label("Heure de début").nth(1).fill("09:30")
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    board_id = saved_agenda(live_server, code)[0]["sequences"][2]["id"]
    day1, day2 = page.locator("[data-day='0']"), page.locator("[data-day='1']")
    expect(day2.locator(".ed-at")).to_have_text(["09:30", "10:00", "11:30"])

    # The board, edited and not saved, sent to day 2 with its control.
    row = day1.locator(".ed-row").nth(2)
    row.get_by_label("Titre", exact=True).fill("Atelier 3")
    row.get_by_label("Minutes", exact=True).fill("60")
    row.locator(".ed-texts summary").click()
    row.get_by_label("Consignes (affichées sur les téléphones et la projection)").fill("Par petits groupes.")
    mover = row.locator(".ed-move summary")
    expect(mover).to_have_accessible_name("Déplacer au jour… « Atelier 3 »")
    mover.click()
    expect(row.get_by_role("button", name=re.compile("^Journée 1"))).to_be_hidden()  # only the other days
    row.get_by_role("button", name=DAY_TWO).click()
    moved = day2.locator(".ed-row").last
    expect(moved.get_by_label("Titre", exact=True)).to_have_value("Atelier 3")
    expect(moved.locator(".ed-move summary")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(f"« Atelier 3 » passe en {DAY_TWO} : position 4 sur 4.")
    expect(day1.locator(".ed-at")).to_have_text(["09:00", "09:30", "10:00", "10:45", "11:15"])
    expect(day2.locator(".ed-at")).to_have_text(["09:30", "10:00", "11:30", "11:45"])
    assert page.evaluate("document.querySelectorAll('[id]').length === new Set([...document.querySelectorAll('[id]')]"
                         ".map((n) => n.id)).size")  # its fields renamed into day 2, no id twice

    # By keyboard: the first sequence of day 1, its control opened with Enter, day 2 chosen with Tab, Enter.
    first = day1.locator(".ed-row").first.locator(".ed-move summary")
    first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(DAY_TWO)
    page.keyboard.press("Enter")
    expect(day2.locator(".ed-row").last.locator(".ed-move summary")).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(f"« {FIRST} » passe en {DAY_TWO} : position 5 sur 5.")
    assert titles(page, 1)[-2:] == ["Atelier 3", FIRST]
    assert serious_violations(page) == []
    if viewport == PHONE:  # 320 px wide at 200 % text, a move menu open: nothing wider than the screen
        page.set_viewport_size(SMALL_PHONE)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        day2.locator(".ed-row").last.locator(".ed-move summary").click()
        assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
        page.evaluate("() => { document.documentElement.style.fontSize = ''; }")

    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    page.reload()
    assert titles(page, 1)[-2:] == ["Atelier 3", FIRST]
    assert FIRST not in titles(page, 0) and "Atelier 3" not in titles(page, 0)
    saved = saved_agenda(live_server, code)[1]["sequences"][-2]
    assert (saved["id"], saved["title"], saved["minutes"], saved["activity"], saved["instructions"]) == (
        board_id, "Atelier 3", 60, "axis_board", "Par petits groupes.")
    expect(page.locator("[data-day='1'] .ed-at")).to_have_text(["09:30", "10:00", "11:30", "11:45", "12:45"])
    assert page.errors == []


def test_a_row_dragged_onto_another_day_joins_it_where_dropped(live_server, new_page):
    code, page = open_programme(live_server, new_page, {"width": 1366, "height": 1600})  # both days in view
    day1, day2 = page.locator("[data-day='0']"), page.locator("[data-day='1']")
    day1.locator(".ed-grip").nth(1).drag_to(day2.locator(".ed-row").nth(1), target_position={"x": 20, "y": 5})
    assert titles(page, 1)[1] == "Les contours du LDA"
    expect(page.locator("#announcer")).to_have_text(re.compile("« Les contours du LDA » passe en Journée 2 · "
                                                                ".* : position 2 sur 4.$"))
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    assert [s["title"] for s in saved_agenda(live_server, code)[1]["sequences"]][:2] == [
        "Temps de restitution", "Les contours du LDA"]
    assert len(saved_agenda(live_server, code)[0]["sequences"]) == 5
    assert page.errors == []


def test_the_sequence_the_room_is_in_stays_in_its_day_and_the_refusal_is_on_its_row(live_server, new_page):
    code, page = open_programme(live_server, new_page)
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        agenda.goto(session, workshop, sequence=agenda.agenda_dict(session, workshop)["days"][0]["sequences"][0]["id"])
    page.reload()
    row = page.locator("[data-day='0'] .ed-row").first
    row.locator(".ed-move summary").click()
    row.get_by_role("button", name=re.compile("^Journée 2")).click()
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_role("alert")).to_contain_text(f"« {FIRST} » est en cours dans la salle")
    jour = page.locator("[data-day='1'] .ed-row").last.get_by_label("Jour", exact=True)
    expect(jour).to_be_focused()  # shown, said invalid, its message next to it
    expect(jour).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{jour.get_attribute('aria-describedby')}")).to_contain_text("reste dans sa journée")
    assert saved_agenda(live_server, code)[0]["sequences"][0]["title"] == FIRST
    assert page.errors == []
