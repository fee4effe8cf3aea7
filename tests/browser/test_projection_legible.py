"""The projection read from the back of the room, at 1920×1080 and 1280×720: numbers of a list
not cut at the screen's edge, no empty screen."""
import os

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import FULL_HD, PROJECTOR
from workshops.extensions import db_session
from workshops.models import Sequence
from workshops.services.agenda import agenda
from workshops.services.room import workshops

SHOTS = os.environ.get("ENSEMBLE_SHOTS")  # a folder: keep screenshots to look at
SCREENS = pytest.mark.parametrize("viewport", [FULL_HD, PROJECTOR], ids=["1920", "1280"])

# Each number of an ordered list: where its marker (« 8. ») starts, measured with a copy of
# the marker's text in the item's font, and the left edge of every box that clips it.
MARKERS = """(list) => [...list.children].map((item, i) => {
  const probe = document.createElement("span");
  probe.textContent = `${i + 1}. `;
  probe.style.cssText = "position:absolute; white-space:pre";
  item.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  let clip = 0;
  for (let box = item.parentElement; box; box = box.parentElement) {
    const left = box.getBoundingClientRect().left + box.clientLeft;
    if (getComputedStyle(box).overflowX !== "visible") clip = Math.max(clip, left);
  }
  return { number: i + 1, left: item.getBoundingClientRect().left - width, clip };
})"""

def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"projection-{name}-{page.viewport_size['width']}.png"))


def projection(new_page, live_server, code, key, viewport):
    page = new_page(viewport)
    page.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    return page


@SCREENS
def test_restitution_cover_shows_every_list_number_whole(live_server, new_page, viewport):
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        sequence = session.scalar(select(Sequence).where(Sequence.workshop_id == workshop.id,
                                                         Sequence.activity == "restitution"))
        agenda.goto(session, workshop, sequence=sequence.id)
    page = projection(new_page, live_server, code, key, viewport)
    items = page.locator("#view-restitution .resti-cover .resti-items")
    expect(items.locator("li").first).to_be_visible()
    shot(page, "restitution-cover")
    markers = items.evaluate(MARKERS)
    assert len(markers) == 5  # day 1's sequences
    for marker in markers:
        assert marker["left"] >= max(marker["clip"], 0) - 0.5, marker


@SCREENS
def test_timer_and_sequence_views_are_never_empty(live_server, new_page, viewport):
    code, key = live_server.workshop(title="Journée d'étude Logement d'Abord")
    with live_server.app.app_context():
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="timer")
    page = projection(new_page, live_server, code, key, viewport)
    timer = page.locator("#view-timer")
    expect(timer).to_be_visible()
    expect(timer.locator(".big-timer-title")).to_have_text("Journée d'étude Logement d'Abord")
    shot(page, "timer-idle")
    expect(timer.get_by_text("Pas de minuteur en cours")).to_be_in_viewport(ratio=1)

    # « Consignes de la séquence » before the programme starts: the room is welcomed and
    # shown how to join.
    with live_server.app.app_context():
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="sequence")
    sequence = page.locator("#view-sequence")
    expect(sequence.get_by_role("heading", level=1)).to_have_text("Journée d'étude Logement d'Abord")
    shot(page, "sequence-before-the-day")
    expect(sequence.get_by_text("La journée va commencer")).to_be_in_viewport(ratio=1)
    expect(sequence.get_by_text("Scannez le QR code avec votre téléphone")).to_be_in_viewport(ratio=1)
    expect(sequence.get_by_role("img", name="QR code pour rejoindre l'atelier")).to_be_in_viewport(ratio=1)
