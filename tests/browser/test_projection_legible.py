"""The projection read from the back of the room, at 1920×1080 and 1280×720: numbers of a list
not cut at the screen's edge, no empty screen, no word split in the middle when it fits."""
import os

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import FULL_HD, PROJECTOR
from workshops.extensions import db_session
from workshops.models import Sequence
from workshops.services.activities import polls
from workshops.services.agenda import agenda, live_activities
from workshops.services.board import cards
from workshops.services.groups import groups, recommendations, wall
from workshops.services.room import participants, workshops

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

# Every word of the elements' text that the browser laid out on more than one line.
SPLIT_WORDS = """(nodes) => nodes.flatMap((node) => {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const split = [];
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const word of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      if (range.getClientRects().length !== 1) split.push(word[0]);
    }
  }
  return split;
})"""

OVERFLOWING = """(boxes) => boxes.filter((box) =>
  box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1).length"""

OFF_SCREEN = """(boxes) => boxes.filter((box) => {
  const { left, right } = box.getBoundingClientRect();
  return left < 0 || right > window.innerWidth;
}).length"""


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


LONG_WORDS = [
    "Financer l'accompagnement dans la durée.",
    "Reconnaître l'accompagnement pluridisciplinaire dans les conventionnements interinstitutionnels.",
    "Former les professionnels.",
]


def wall_of(live_server, texts, target=-1):
    """A workshop projecting its open wall with `texts` as recommendations for one target."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        person = participants.join(session, workshop, "Foyer A", "association", "direction")[0]
        participants.join(session, workshop, "Foyer B", "association", "direction")
        groups.form(session, workshop, count=1)
        session.commit()
        key_of_target = recommendations.targets(workshop)[target]["key"]
        for i, text in enumerate(texts):
            recommendations.create(session, workshop, person, f"r{i}", key_of_target, "", text)
        wall.set_wall(session, workshop, open_=True)
        workshops.set_state(session, workshop, view="wall")
    return code, key


@SCREENS
def test_wall_never_splits_a_word_that_fits_its_column(live_server, new_page, viewport):
    code, key = wall_of(live_server, LONG_WORDS)
    page = projection(new_page, live_server, code, key, viewport)
    expect(page.locator("#view-wall .rec")).to_have_count(3)
    page.wait_for_function("() => document.getElementById('view-wall').style.fontSize !== ''")  # fitted
    shot(page, "wall")
    texts = page.locator("#view-wall .rec, #view-wall .wall-target, #view-wall .wall-theme")
    assert texts.evaluate_all(SPLIT_WORDS) == []
    assert page.locator("#view-wall .wall-body, #view-wall .rec .text").evaluate_all(OVERFLOWING) == 0
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#view-wall .rec .text')).fontSize)")
    assert size >= 24


def test_wall_breaks_a_word_longer_than_its_column(live_server, new_page):
    # no hyphen (a line may end after one) and wider than the whole screen at the readable
    # size: the wall's one column is as wide as the screen when it shows one recommendation
    link = "https://exemple.org/" + "UnLienSansEspaceNiTiretPlusLongQueToutLecran" * 3
    code, key = wall_of(live_server, [f"Lire {link}"], target=0)
    page = projection(new_page, live_server, code, key, PROJECTOR)
    expect(page.locator("#view-wall .rec")).to_have_count(1)
    page.wait_for_function("() => document.getElementById('view-wall').classList.contains('paged')")
    assert page.locator("#view-wall .wall-body, #view-wall .rec .text").evaluate_all(OVERFLOWING) == 0
    assert page.locator("#view-wall .rec").evaluate_all(SPLIT_WORDS) == [link]


BOARD_TEXTS = ["L'intercommunalité", "Un accompagnement renforcé", "Intercommunalité et accompagnement",
               "Accompagnement social"]


@SCREENS
def test_board_never_splits_a_word_that_fits_its_card(live_server, new_page, viewport):
    """« intercommunali té » on the board, read from 10 m: a word wraps whole (QA, issue 10)."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        workshops.set_state(session, workshop, view="board")
        person = participants.join(session, workshop, "Foyer A", "association", "direction")[0]
        axis = workshop.axes[0].id
        for i in range(12):  # enough for the fitting to try three columns of cards
            cards.post_card(session, workshop, person, f"c{i}", axis, "lever" if i % 3 else "limit",
                            BOARD_TEXTS[i % 4])
    page = projection(new_page, live_server, code, key, viewport)
    expect(page.locator("#view-board .card")).to_have_count(12)
    page.wait_for_function("() => document.getElementById('view-board').style.fontSize !== ''")  # fitted
    assert_words_whole(page, page.locator("#view-board .card"), "board-long-words")


@SCREENS
def test_groups_never_split_a_word_that_fits_their_box(live_server, new_page, viewport):
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        for i in range(24):
            participants.join(session, workshop, f"Foyer {i}", "association", "direction")
        formed, _ = groups.form(session, workshop, count=12)
        session.commit()
        for i, group in enumerate(formed):
            groups.rename(session, workshop, group["id"], name=f"Accompagnement {i + 1}",
                          place="Salle intercommunalité")
        session.commit()
        workshops.set_state(session, workshop, view="groups")
    page = projection(new_page, live_server, code, key, viewport)
    expect(page.locator("#view-groups .pj-group-members")).to_have_text(["2 personnes sans prénom"] * 12)
    assert_words_whole(page, page.locator("#view-groups .pj-group"), "groups-long-words")


def assert_words_whole(page, boxes, name):
    """Once fitted, the boxes shown (this page's) keep every word whole and inside its box,
    on the screen, in text readable from 10 m (docs/projection.md, less a rounding pixel)."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shot(page, name)
    shown = boxes.filter(visible=True)
    assert shown.evaluate_all(SPLIT_WORDS) == []
    assert shown.locator("p").evaluate_all(OVERFLOWING) == 0
    assert shown.evaluate_all(OFF_SCREEN) == 0
    sizes = shown.locator("p").evaluate_all("(ps) => ps.map((p) => parseFloat(getComputedStyle(p).fontSize))")
    assert min(sizes) >= max(24, page.viewport_size["height"] / 33.75) - 1


POLL_OPTIONS = ["Renforcer l'accompagnement social dans l'intercommunalité", "Coordination",
                "Mutualiser les permanences entre bailleurs et associations", "Intégration",
                "Développer l'interconnaissance des professionnels du territoire",
                "Logement d'abord", "Accompagnement renforcé des ménages en difficulté",
                "Partenariats", "Simplifier les démarches administratives des locataires",
                "Autre"]


def poll_of(live_server, monkeypatch, count, labels=POLL_OPTIONS):
    """A poll of `count` options (a format may plan more than the console's 8), results live,
    answered by a few phones: options with different counts."""
    monkeypatch.setattr(polls, "OPTIONS_MAX", len(labels))
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        _, result, _ = live_activities.create(
            session, workshop, "poll", "Quelle priorité pour l'accompagnement social sur notre territoire ?",
            kind="single", options=labels[:count], results="live", start=True)
        options = [o["key"] for o in result["options"]]
        for i in range(7):
            person = participants.join(session, workshop, f"Foyer {i}", "association", "direction")[0]
            polls.vote(session, workshop, person, result["key"], [options[(i * i) % count]])
    return code, key, result["key"]


@SCREENS
@pytest.mark.parametrize("count", [2, 6, 10])
def test_poll_fits_the_screen_with_words_whole(live_server, new_page, viewport, monkeypatch, count):
    """A poll of up to 10 long French answers, during the vote and on its results: under its
    question, above the screen's bottom, every word whole, text readable from 10 m."""
    code, key, poll = poll_of(live_server, monkeypatch, count)
    page = projection(new_page, live_server, code, key, viewport)
    bars = page.locator("#view-poll .poll-bars li")
    expect(bars).to_have_count(count)
    for moment in ("vote", "results"):
        if moment == "results":
            with live_server.app.app_context():
                session = db_session()
                polls.set_open(session, workshops.get_workshop(session, code), poll, False)
            expect(page.locator("#view-poll .act-kicker")).to_have_text("Vote fermé")
        page.wait_for_function("() => document.getElementById('view-poll').style.fontSize !== ''")  # fitted
        assert_poll_fits(page, f"poll-{count}-{moment}")


def test_poll_too_long_for_the_screen_turns_pages_none_cut(live_server, new_page, monkeypatch):
    """Ten answers of 80 characters at 1280×720: at the readable size, in pages, each page's
    answers whole between the question and the total."""
    long = [f"Option {i} : renforcer l'accompagnement social des ménages dans l'intercommunalité"
            for i in range(10)]
    code, key, _ = poll_of(live_server, monkeypatch, 10, long)
    page = projection(new_page, live_server, code, key, PROJECTOR)
    expect(page.locator("#view-poll .poll-bars li")).to_have_count(10)
    expect(page.locator("#view-poll .page-of")).to_have_text("Page 1 / 2")
    assert_poll_fits(page, "poll-long-page-1")
    shown = page.locator("#view-poll .poll-bars li").filter(visible=True).count()
    assert 0 < shown < 10


def assert_poll_fits(page, name):
    assert_words_whole(page, page.locator("#view-poll .poll-bars li"), name)
    title = page.locator("#view-poll .act-head").bounding_box()
    body = page.locator("#view-poll .poll-body").evaluate("(b) => b.getBoundingClientRect().toJSON()")
    total = page.locator("#view-poll .act-total").bounding_box()
    for box in page.locator("#view-poll .poll-bars li").filter(visible=True).all():
        place = box.bounding_box()
        assert place["y"] >= title["y"] + title["height"]  # under the question
        assert place["y"] + place["height"] <= min(body["bottom"], total["y"]) + 1  # above the total
    assert total["y"] + total["height"] <= page.viewport_size["height"]
