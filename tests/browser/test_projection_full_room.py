"""The projection with a full room (about sixty phones' worth of long French texts), at
1280×720, 1366×768 and 1920×1080: each page's cards whole on the screen, the page number
visible and on no card."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import FULL_HD, PROJECTOR
from tests.browser.test_projection_legible import assert_words_whole, projection, shot
from workshops.extensions import db_session
from workshops.models import Sequence
from workshops.services.activities import writing
from workshops.services.agenda import agenda, live_activities, restitution, timer
from workshops.services.board import cards
from workshops.services.groups import groups, recommendations, wall
from workshops.services.room import participants, workshops

LAPTOP = {"width": 1366, "height": 768}
SCREENS = pytest.mark.parametrize("viewport", [FULL_HD, LAPTOP, PROJECTOR], ids=["1920", "1366", "1280"])

# What sixty people write on a question board: short and long answers, long words.
ANSWERS = [
    "Mieux se connaître entre professionnels du territoire.",
    "Organiser des temps d'interconnaissance réguliers entre bailleurs sociaux, associations "
    "d'accompagnement, services intégrés d'accueil et d'orientation et collectivités, pour que "
    "chacun sache à qui s'adresser quand une situation se complique.",
    "Un référent unique pour chaque ménage, identifié par tous les partenaires.",
    "Reconnaître l'accompagnement pluridisciplinaire dans les conventionnements "
    "interinstitutionnels et le financer dans la durée.",
    "Partager les informations utiles, avec l'accord des personnes concernées.",
    "Associer les personnes concernées à la construction des réponses.",
]


def question_board(live_server, count):
    """A workshop projecting a question board that `count` people answered."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        sequence, _, _ = live_activities.create(
            session, workshop, "question_board",
            "Comment mieux travailler ensemble sur notre territoire ?", start=True)
        for i in range(count):
            person = participants.join(session, workshop, f"Structure {i}", "association", "direction")[0]
            cards.post_card(session, workshop, person, f"q{i}", None, "answer",
                            f"{i + 1}. {ANSWERS[i % len(ANSWERS)]}", sequence=sequence.id)
    return code, key


def assert_in_pages(page, view, name, count=60):
    """`count` cards, in pages, the one shown whole, its words whole and readable."""
    expect(page.locator(f"{view} .card")).to_have_count(count)
    expect(page.locator(f"{view} .page-of")).to_contain_text(re.compile(r"^Page \d+ / \d+$"))
    assert_words_whole(page, page.locator(f"{view} .card"), name)
    assert_page_whole(page, view)


def assert_page_whole(page, view, items=".card"):
    """This page's items inside the screen and their list's box, none under the page number."""
    cards_shown = page.locator(f"{view} {items}").filter(visible=True)
    assert cards_shown.count() > 0
    label = page.locator(f"{view} .page-of")
    expect(label).to_be_visible()
    expect(label).to_be_in_viewport(ratio=1)
    boxes = cards_shown.evaluate_all("""(cards) => cards.map((card) => {
      const r = card.getBoundingClientRect();
      let clip = { top: 0, bottom: window.innerHeight };
      for (let box = card.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflowY === "visible") continue;
        const b = box.getBoundingClientRect();
        clip = { top: Math.max(clip.top, b.top), bottom: Math.min(clip.bottom, b.bottom) };
      }
      return { text: card.textContent.slice(0, 30), top: r.top, bottom: r.bottom, left: r.left,
               right: r.right, clipTop: clip.top, clipBottom: clip.bottom };
    })""")
    tag = label.bounding_box()
    for box in boxes:
        assert box["top"] >= box["clipTop"] - 0.5 and box["bottom"] <= box["clipBottom"] + 0.5, box
        assert box["left"] >= 0 and box["right"] <= page.viewport_size["width"], box
        apart = (box["bottom"] <= tag["y"] or box["top"] >= tag["y"] + tag["height"]
                 or box["right"] <= tag["x"] or box["left"] >= tag["x"] + tag["width"])
        assert apart, (box, tag)


@SCREENS
def test_question_board_of_a_full_room_shows_each_page_whole(live_server, new_page, viewport):
    """Sixty long answers: pages, each with its cards whole above the screen's bottom and the
    « Page x / y » label beside them (it was put in the flow after fitting, and cut the last
    cards of every page)."""
    code, key = question_board(live_server, 60)
    assert_in_pages(projection(new_page, live_server, code, key, viewport), "#view-question_board", "question-full")


NAMES = ["Marie-Claude", "Karim", "Jean-Luc", "Aïcha", "Thomas", "Sophie"]


def room_of(live_server, people=60, groups_count=10):
    """A workshop where `people` joined with first names, in mixed groups with their place."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        workshops.update_workshop(session, workshop, member_names="first_names")
        persons = [participants.join(session, workshop, f"Structure {i}", "association", "direction",
                                     display_name=NAMES[i % len(NAMES)])[0] for i in range(people)]
        formed, _ = groups.form(session, workshop, count=groups_count)
        session.commit()
        for i, group in enumerate(formed):
            groups.rename(session, workshop, group["id"], name=f"Groupe {i + 1}",
                          place=f"Salle {['Rhône', 'Saône', 'Fourvière'][i % 3]}")
        session.commit()
    return code, key, persons


@SCREENS
def test_writing_of_a_full_room_revealed_in_pages(live_server, new_page, viewport):
    """Sixty private texts revealed: in pages (they were all laid out at once, the last ones
    cut off at the screen's bottom), each page whole."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        sequence, _, _ = live_activities.create(
            session, workshop, "individual_writing", "Ce que je change dès lundi dans ma pratique", start=True)
        for i in range(60):
            person = participants.join(session, workshop, f"Structure {i}", "association", "direction")[0]
            writing.save(session, workshop, person, sequence.id, f"{i + 1}. {ANSWERS[i % len(ANSWERS)]}")
        writing.reveal(session, workshop, sequence.id, True)
    assert_in_pages(projection(new_page, live_server, code, key, viewport), "#view-individual_writing", "writing-full")


OVERFLOWING_BOX = "(box) => box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1"

# How many « · » between names (or a group and its place) begin a line instead of ending one.
DOT_STARTS_A_LINE = """(groups) => groups.flatMap((group) => [...group.querySelectorAll("p")]).filter((p) => {
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const left = p.getBoundingClientRect().left + parseFloat(getComputedStyle(p).paddingLeft);
  const starts = [];
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (const dot of text.data.matchAll(/·/g)) {
      const range = document.createRange();
      range.setStart(text, dot.index);
      range.setEnd(text, dot.index + 1);
      starts.push(range.getBoundingClientRect().left - left < 2);
    }
  }
  return starts.some(Boolean);
}).length"""


@SCREENS
def test_groups_of_a_full_room_show_each_page_whole(live_server, new_page, viewport):
    """Sixty people in ten groups: all on one screen (at 1280×720 they took two pages of five
    narrow columns, a group alone in each and half the screen empty), a first name
    « Marie-Claude » is never cut after its hyphen (it was, as « Marie- » at a line's end), a
    line never starts with the « · » between two names, each page whole."""
    code, key, _ = room_of(live_server, people=60, groups_count=10)
    with live_server.app.app_context():
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="groups")
    page = projection(new_page, live_server, code, key, viewport)
    view = "#view-groups"
    expect(page.locator(f"{view} .pj-group")).to_have_count(10)
    expect(page.locator(view)).to_contain_text(re.compile("Marie.Claude"))
    page.wait_for_function("() => document.getElementById('view-groups').style.fontSize !== ''")
    assert_words_whole(page, page.locator(f"{view} .pj-group"), "groups-full")
    assert page.locator(f"{view} .pj-group").filter(visible=True).evaluate_all(DOT_STARTS_A_LINE) == 0
    shot(page, "groups-full")
    expect(page.locator(f"{view} .pj-group").filter(visible=True)).to_have_count(10)
    expect(page.locator(f"{view} .page-of")).to_be_hidden()
    assert page.locator(f"{view} .pj-groups-body").evaluate(OVERFLOWING_BOX) is False


def full_wall(live_server):
    """A workshop projecting its open wall: forty recommendations under four targets and
    four themes each. Returns (code, key)."""
    code, key, persons = room_of(live_server, people=40, groups_count=8)
    themes = ["Me former", "S'organiser", "Faire évoluer les financements", "Informer"]
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        targets = recommendations.targets(workshop)
        for i, person in enumerate(persons):
            recommendations.create(session, workshop, person, f"r{i}", targets[i % 4]["key"], themes[i // 4 % 4],
                                   ANSWERS[i % len(ANSWERS)])
        wall.set_wall(session, workshop, open_=True)
        workshops.set_state(session, workshop, view="wall")
    return code, key


# The headings (targets, themes) shown on the wall that end a column: their first
# recommendation is in another column, or on no column of this page.
HEADINGS_ENDING_A_COLUMN = """(view) => {
  const shown = (selector) => [...view.querySelectorAll(selector)].filter((e) => e.checkVisibility());
  const recs = shown(".rec, .pj-empty");
  return shown(".wall-target, .wall-theme").filter((heading) => {
    const next = recs.find((rec) => heading.compareDocumentPosition(rec) & Node.DOCUMENT_POSITION_FOLLOWING);
    const [a, b] = [heading.getBoundingClientRect(), next?.getBoundingClientRect()];
    return !b || Math.abs(a.left - b.left) > 2 || b.top < a.bottom - 1;
  }).map((heading) => heading.textContent);
}"""

# Forty recommendations of about a hundred characters at the readable size: a 1280×720 page
# holds about 60 lines of 25 characters in three columns (1,500 characters, 24 px DejaVu
# Sans), so 4,000 characters need three pages of text alone; with the headings and whole
# recommendations per column, five. (It took ten: four target columns a quarter of the
# width, each turning one or two recommendations.)
MOST_PAGES = 5


# The wall's recommendations at the top of a column whose theme began in an earlier one,
# with no « Thème (suite) » over them: the back of the room would not know what they are about.
THEMES_NOT_NAMED_AGAIN = """(view) => {
  const shown = [...view.querySelectorAll(".wall-items > li")].filter((item) => item.checkVisibility());
  return shown.filter((item, i) => i > 0 && shown[i - 1].closest(".wall-group") === item.closest(".wall-group")
    && item.getBoundingClientRect().left > shown[i - 1].getBoundingClientRect().left + 1
    && !item.querySelector(".wall-again")).map((item) => item.textContent);
}"""


@SCREENS
def test_wall_of_a_full_room_turns_few_pages_none_cut(live_server, new_page, viewport):
    """Forty recommendations under four targets and their themes: in at most five pages
    (it took ten at 1280×720), each page whole, no heading ending a column (a theme stood
    alone at the bottom of one, its recommendations on the next page), the target shown
    again over a page that goes on with it, every text readable."""
    code, key = full_wall(live_server)
    page = projection(new_page, live_server, code, key, viewport)
    view = "#view-wall"
    expect(page.locator(f"{view} .rec")).to_have_count(40)
    label = page.locator(f"{view} .page-of")
    expect(label).to_contain_text(re.compile(r"^Page 1 / \d+$"))
    pages = int(label.text_content().split("/")[1])
    assert pages <= MOST_PAGES
    assert_words_whole(page, page.locator(f"{view} .rec"), "wall-full")
    seen, continued = [], []
    for number in range(1, pages + 1):
        if number > 1:
            with live_server.app.app_context():
                session = db_session()
                workshops.set_state(session, workshops.get_workshop(session, code), page="next")
            expect(label).to_have_text(f"Page {number} / {pages}")
        shot(page, f"wall-full-p{number}")
        assert_page_whole(page, view, ".rec")
        assert page.locator(view).evaluate(HEADINGS_ENDING_A_COLUMN) == []
        assert page.locator(view).evaluate(THEMES_NOT_NAMED_AGAIN) == []
        continued += page.locator(f"{view} .wall-again").filter(visible=True).all_text_contents()
        assert page.evaluate(SMALL_TEXTS) == []
        shown = page.locator(f"{view} .rec").filter(visible=True)
        first_target = shown.first.locator("xpath=ancestor::section[1]").get_attribute("aria-label")
        expect(page.locator(f"{view} .wall-target").filter(visible=True).first).to_contain_text(first_target)
        seen += shown.all_text_contents()
    assert len(seen) == 40  # each recommendation on one page exactly
    assert continued and all(text.endswith(" (suite)") for text in continued), continued


# What runs out of the join bar: the bar or one of its parts wider than its box, or a line of
# its text past the screen's edges.
OUT_OF_THE_BAR = """() => {
  const bar = document.querySelector(".screen-footer");
  const boxes = [bar, ...bar.children].filter((e) => e.scrollWidth > e.clientWidth + 1);
  const lines = [...bar.querySelectorAll("*")].flatMap((e) => [...e.getClientRects()])
    .filter((r) => r.left < -0.5 || r.right > innerWidth + 0.5);
  return boxes.map((e) => e.className || e.tagName).concat(lines.map((r) => `line at ${r.left}–${r.right}`));
}"""

# The wall's recommendations shown that the bottom of their list's box cuts.
CUT_AT_THE_BOTTOM = """() => {
  const body = document.querySelector("#view-wall .wall-body").getBoundingClientRect();
  return [...document.querySelectorAll("#view-wall .rec")].filter((rec) => rec.checkVisibility()
    && rec.getBoundingClientRect().bottom > body.bottom + 0.5).length;
}"""


@pytest.mark.parametrize("viewport", [PROJECTOR, {"width": 1024, "height": 768}, FULL_HD],
                         ids=["1280", "1024", "1920"])
def test_join_bar_holds_a_long_address_and_an_ended_timer(live_server, new_page, viewport):
    """A federation's long address and « 0:00 Temps écoulé » in the join bar: nothing runs out
    of it (at 1280 px the timer went past the screen's edge, cut), the code is never split,
    and the wall under the taller bar is fitted again, none of its recommendations cut."""
    live_server.app.config["PUBLIC_URL"] = "https://ensemble-collectif-logement-rhone.example.org"
    code, key = full_wall(live_server)
    page = projection(new_page, live_server, code, key, viewport)
    expect(page.locator("#view-wall .page-of")).to_contain_text("Page 1 /")
    expect(page.locator(".screen-footer")).to_contain_text(f"ensemble-collectif-logement-rhone.example.org/j/{code}")
    with live_server.app.app_context():
        session = db_session()
        timer.act(session, workshops.get_workshop(session, code), "start", minutes=1 / 60)
    expect(page.locator("#corner-timer")).to_contain_text("Temps écoulé")
    expect(page.locator("#corner-timer")).to_be_in_viewport(ratio=1)
    shot(page, "bar-long-address")
    assert page.evaluate(OUT_OF_THE_BAR) == []
    code_lines = page.locator(".screen-footer strong").filter(has_text=re.compile(f"^{code}$"))
    assert code_lines.evaluate("(code) => code.getClientRects().length") == 1
    page.wait_for_function(f"() => ({CUT_AT_THE_BOTTOM})() === 0")
    assert_page_whole(page, "#view-wall", ".rec")


# Every text shown on the projection whose size is under the readable one, with what it says:
# the views and the corner timer; the join bar, for late comers, at least 20 px on one line.
SMALL_TEXTS = """() => {
  const readable = Math.max(24, innerHeight / 33.75);
  const least = (el) => (el.closest(".screen-footer") && !el.closest(".corner-timer") ? 20 : readable - 1);
  return [...document.querySelectorAll("#screen *")].filter((el) => el.checkVisibility()
    && !el.closest(".visually-hidden")
    && [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())
    && parseFloat(getComputedStyle(el).fontSize) < least(el)).map((el) => el.textContent.trim());
}"""


def fitted(page, view):
    """Once the view is fitted (its text is 24 px until then), its texts under the readable size."""
    page.wait_for_function(f"() => document.getElementById('view-{view}').style.fontSize !== ''")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate(SMALL_TEXTS)


@SCREENS
def test_a_running_timer_hides_no_card_and_every_text_is_readable(live_server, new_page, viewport):
    """A full board, a question board with supports and a poll while a paused timer shows in
    the corner: the timer covers no card (it sat over the bottom-right ones), and no text is
    under the readable size (« Axe 1 / 10 », the poll's « Vote ouvert… », the join bar, the
    timer's « En pause » and a question's « +2 » were 15 to 21 px at 1280×720)."""
    code, key, persons = room_of(live_server, people=60, groups_count=6)
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        axis = workshop.axes[0].id
        for i, person in enumerate(persons):
            cards.post_card(session, workshop, person, f"c{i}", axis, "lever" if i % 3 else "limit",
                            ANSWERS[i % len(ANSWERS)])
        workshops.set_state(session, workshop, view="board")
        timer.act(session, workshop, "start", minutes=20)
        timer.act(session, workshop, "pause")
    page = projection(new_page, live_server, code, key, viewport)
    corner = page.locator("#corner-timer")
    expect(corner).to_contain_text("En pause")
    page.wait_for_function("() => document.getElementById('view-board').style.fontSize !== ''")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shot(page, "board-timer")
    box = corner.bounding_box()
    for card in page.locator("#view-board .card").filter(visible=True).all():
        c = card.bounding_box()
        assert (c["x"] + c["width"] <= box["x"] or c["x"] >= box["x"] + box["width"]
                or c["y"] + c["height"] <= box["y"] or c["y"] >= box["y"] + box["height"]), (c, box)
    assert page.evaluate(SMALL_TEXTS) == []
    lines = page.locator(".screen-footer > span:not(.corner-timer)").evaluate_all(
        "(spans) => spans.map((s) => s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).fontSize))")
    assert max(lines) < 1.6  # each on one line

    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        sequence, _, _ = live_activities.create(session, workshop, "question_board",
                                                "Comment mieux travailler ensemble ?", start=True)
        card, _, _ = cards.post_card(session, workshop, persons[0], "q", None, "answer", ANSWERS[0],
                                     sequence=sequence.id)
        for person in persons[1:3]:
            cards.support(session, workshop, person, card.id, True)
    expect(page.locator("#view-question_board .supports")).to_have_text("+2")
    assert fitted(page, "question_board") == []
    with live_server.app.app_context():
        session = db_session()
        live_activities.create(session, workshops.get_workshop(session, code), "poll", "Où en sommes-nous ?",
                               kind="single", options=["Coordination", "Intégration"], results="live", start=True)
    expect(page.locator("#view-poll .act-kicker")).to_have_text("Vote ouvert : répondez sur votre téléphone")
    assert fitted(page, "poll") == []


@pytest.mark.parametrize("activity", ["question_board", "individual_writing"])
def test_a_question_asked_from_the_console_is_said_once(live_server, new_page, activity):
    """Its sequence is titled by the question's first words: above the question, the day's
    title, not the same words again in small."""
    code, key = live_server.workshop()
    question = "Qu'est-ce qui vous a le plus surpris ce matin dans les échanges entre bailleurs et associations ?"
    with live_server.app.app_context():
        session = db_session()
        live_activities.create(session, workshops.get_workshop(session, code), activity, question, start=True)
    page = projection(new_page, live_server, code, key, PROJECTOR)
    view = page.locator(f"#view-{activity}")
    expect(view.get_by_role("heading", level=1)).to_have_text(question)
    expect(view.locator(".act-kicker")).to_have_text("État des lieux du Logement d'Abord")


@SCREENS
def test_restitution_of_a_full_axis_shows_whole_lines_and_counts_the_rest(live_server, new_page, viewport):
    """Day 1's axis with forty-five long levers and thirty « Oui, mais… », restituted on day 2:
    each section shows whole items (the last one was cut through the middle of its line) and
    « … et N autres » counts all the others."""
    code, key, persons = room_of(live_server, people=60, groups_count=6)
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        axis = workshop.axes[0].id
        for i in range(75):
            cards.post_card(session, workshop, persons[i % 60], f"c{i}", axis, "lever" if i < 45 else "limit",
                            ANSWERS[i % len(ANSWERS)])
        sequence = session.scalar(select(Sequence).where(Sequence.workshop_id == workshop.id,
                                                         Sequence.activity == "restitution"))
        agenda.goto(session, workshop, sequence=sequence.id)
        restitution.goto(session, workshop, 1)
    page = projection(new_page, live_server, code, key, viewport)
    expect(page.locator("#view-restitution .resti-title")).to_have_text(
        "Garantir le respect d'un droit fondamental : le logement")
    shot(page, "restitution-full-axis")
    for section, total in ((".resti-section.lever", 45), (".resti-section.limit", 30)):
        items = page.locator(f"#view-restitution {section} .resti-items")
        cut = items.evaluate("""(list) => [...list.children].filter((item) =>
          item.getBoundingClientRect().bottom > list.getBoundingClientRect().bottom + 1).length""")
        assert cut == 0
        more = page.locator(f"#view-restitution {section} .resti-more").text_content()
        assert items.locator("li").count() + int(re.search(r"\d+", more).group()) == total, more



# Each column of the page shown, top to bottom: its lines (a group's name, or a paragraph's
# part of first names) and the group each belongs to.
GROUPS_BY_COLUMN = """(view) => {
  const columns = new Map();
  for (const group of view.querySelectorAll(".pj-group:not([hidden])")) {
    const name = group.querySelector(".pj-group-name").textContent;
    for (const p of group.querySelectorAll(".pj-group-name, .pj-group-members")) {
      const line = { name, heading: p.matches(".pj-group-name"), text: p.textContent,
                     size: parseFloat(getComputedStyle(p).fontSize) };
      for (const box of p.getClientRects()) {
        const left = Math.round(box.left);
        columns.set(left, [...(columns.get(left) || []), { ...line, top: box.top }]);
      }
    }
  }
  return [...columns.values()].map((lines) => lines.sort((a, b) => a.top - b.top));
}"""


@pytest.mark.parametrize("viewport", [PROJECTOR, {"width": 1024, "height": 768}], ids=["1280", "1024"])
def test_a_group_going_on_in_the_next_column_is_named_there(live_server, new_page, viewport):
    """140 people in 4 groups, in pages: a group's names go on in the next column, and that
    column says whose they are, « Groupe 1 (suite) » as large as the name above its names (they
    were alone there: the back of the room could not tell which group they belonged to); no
    column ends with a group's name."""
    code, key, _ = room_of(live_server, people=140, groups_count=4)
    with live_server.app.app_context():
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="groups")
    page = projection(new_page, live_server, code, key, viewport)
    view = page.locator("#view-groups")
    expect(view.locator(".page-of")).to_be_visible()
    assert_words_whole(page, view.locator(".pj-group"), "groups-continued")
    columns = view.evaluate(GROUPS_BY_COLUMN)
    spread = {line["name"] for column in columns for line in column if not line["heading"]}
    assert sum(not line["heading"] for column in columns for line in column) > len(spread), "no group split"
    for column in columns:
        first = next(i for i, line in enumerate(column) if not line["heading"])
        assert any(line["name"] == column[first]["name"] for line in column[:first]), column[first]["text"][:40]
        assert column[first - 1]["text"] in (column[first]["name"], f"{column[first]['name']} (suite)")
        assert not column[-1]["heading"], column[-1]["text"]
    assert len({line["size"] for column in columns for line in column if line["heading"]}) == 1
    assert page.locator("#view-groups .pj-groups-body").evaluate(OVERFLOWING_BOX) is False
