"""Every phone screen, in French and in English, reflows at 200 % text on 320×568 and
360×740: no horizontal scroll, nothing sticking out of the screen, no word cut where it fits
whole, no select cutting its answer, a pinned header that leaves the screen to the page
(WCAG 1.4.4 / 1.4.10); at the default size, every target is 44 × 44 px or more (2.5.5); the
focus ring stands out at 3:1 or more from what is around it, wherever it is (WCAG 1.4.11).
Issue 10, item 5."""
import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import join_from_phone
from tests.browser.test_activities_browser import start
from tests.browser.test_phone_keeps import POLLS, room, someone_posts
from workshops.models import Day
from workshops.services import retention
from workshops.services.agenda import agenda, timer
from workshops.services.activities import feedback, polls
from workshops.services.groups import groups, wall
from workshops.services.room import workshops

SHOTS = os.environ.get("ENSEMBLE_SHOTS")  # a folder: keep each screen's picture to look at

SMALL = {"width": 320, "height": 568}
PHONE = {"width": 360, "height": 740}

# What sticks out: elements whose box passes the right edge of the screen (or of a box that
# clips them), the page's own horizontal scroll first.
OVERFLOW = """() => {
  const doc = document.documentElement;
  const out = [];
  if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('.skip')) continue;
    if (box.right > doc.clientWidth + 1 || box.left < -1) out.push(`${el.tagName}.${el.className} ${Math.round(box.left)}–${Math.round(box.right)}`);
  }
  return out.slice(0, 8);
}"""

# Words of a button's label cut across two lines (« Je soutie / ns »), parted from the
# French punctuation that goes with them (« Oui, mais… / » alone), or set side by side so
# that the lines read out of order (« Je · / soutiens 0 »): each word's range gives one box
# per line it sits on, and no word may sit above the one before it.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const button of document.querySelectorAll('button')) {
    if (!button.getClientRects().length) continue;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    let above = -Infinity;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      for (const word of node.data.matchAll(/(«\\s)?\\S+(\\s[»?!:;])?/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = [...new Set([...range.getClientRects()].map((r) => Math.round(r.top)))];
        if (lines.length > 1 || lines[0] < above - 1) broken.push(word[0]);
        above = Math.max(above, ...lines);
      }
    }
  }
  return broken;
}"""

# Words of 14 letters or fewer of a poll's choices, a recommendation's targets (« Pour qui ? »),
# a title, the agenda bar's sequence title or a tab (« Continuité », « fondamental », « Mon
# groupe ») cut across two lines or sticking out of their box: the line is wide enough for
# them; only a longer word may break (QA.md #16).
SPLIT_WORDS = """() => {
  const split = [];
  for (const box of document.querySelectorAll('label.choice, h1, .seq-title, .tabs button')) {
    if (!box.getClientRects().length) continue;
    const { left, right } = box.getBoundingClientRect();
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[\\p{L}']+/gu)) {
        if (word[0].length > 14) continue;
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        const out = rects.some((r) => r.right > right + 1 || r.left < left - 1);
        if (lines.size > 1 || out) split.push(`${word[0]} (${box.tagName.toLowerCase()}.${box.className})`);
      }
    }
  }
  return split;
}"""

# Any visible word (between spaces or hyphens; an address is no word) cut across two lines
# although it fits whole:
# in the box it sits in, or in the page's column less one box's edges (vw − 64 px: a word
# cut in a box narrowed by padding, « L'anima / tion »). Only a word wider than that may
# break (« recommandations » at 200 % text on 320 px: hyphenated where the phone can). The
# same for the words typed in a text box, which wraps them alike.
WHOLE_WORDS = """() => {
  const column = document.documentElement.clientWidth - 64, cut = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let box = node.parentElement;
    if (box.closest('.visually-hidden, script, template, select, option')) continue;
    while (getComputedStyle(box).display === 'inline') box = box.parentElement;
    const style = getComputedStyle(box);
    const inside = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const words = [...node.data.matchAll(/[^\\s/]+/g)].filter((w) => !/[/@]/.test(node.data.slice(
      node.data.lastIndexOf(' ', w.index) + 1, (node.data.indexOf(' ', w.index) + 1 || node.data.length + 1) - 1)));
    for (const word of words.flatMap((w) => [...w[0].matchAll(/[^-]+/g)].map((p) => ({ 0: p[0], index: w.index + p.index })))) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (new Set(rects.map((r) => Math.round(r.top))).size < 2) continue;
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      if (width <= Math.max(column, inside)) cut.push(`${word[0]} (${Math.round(width)} px, its box ${Math.round(inside)}, ${box.tagName.toLowerCase()}.${box.className})`);
    }
  }
  const pen = document.createElement('canvas').getContext('2d');  // what is typed in a text box
  for (const area of [...document.querySelectorAll('textarea')].filter((el) => el.getClientRects().length)) {
    const style = getComputedStyle(area);
    pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inside = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of area.value.split(/[\\s-]+/).filter((w) => !/[/@]/.test(w))) {
      const width = pen.measureText(word).width;
      if (width > inside && width <= column) cut.push(`${word} (${Math.round(width)} px, its text box ${Math.round(inside)})`);
    }
  }
  return cut;
}"""

# Where this word (and its singular) is cut across two lines, or parted from its full stop.
CUT_WORD = """(word) => {
  const cut = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const found of node.data.matchAll(new RegExp(word.slice(0, -1) + 's?[.,;:]?', 'g'))) {
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      if (new Set(rects.map((r) => Math.round(r.top))).size > 1) cut.push(node.parentElement.className || node.parentElement.tagName);
    }
  }
  return cut;
}"""

# What a finger aims at, 44 × 44 px or more at the default text size (WCAG 2.5.5): buttons,
# links, fields, the rows of choices (their radio inside is part of the row).
SMALL_TARGETS = """() => [...document.querySelectorAll('a, button, select, summary, textarea, input, label.choice')]
  .filter((el) => el.getClientRects().length && !el.closest('label.choice, .skip'))
  .map((el) => [el, el.getBoundingClientRect()]).filter(([, box]) => box.width < 44 || box.height < 44)
  .map(([el, box]) => `${el.tagName.toLowerCase()} « ${el.textContent.trim()} » ${Math.round(box.width)}×${Math.round(box.height)}`)"""

# A select too narrow for the answer chosen in it shows it cut (« Sans thèm »).
CUT_SELECTS = """() => {
  const pen = document.createElement('canvas').getContext('2d'), cut = [];
  for (const select of document.querySelectorAll('select')) {
    if (!select.getClientRects().length) continue;
    const style = getComputedStyle(select);
    pen.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0].text;
    if (pen.measureText(text).width > select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) cut.push(text);
  }
  return cut;
}"""

# The part of the screen the pinned header covers.
PINNED = """() => {
  const header = document.querySelector('.phone-header');
  return header && getComputedStyle(header).position === 'sticky' ? header.offsetHeight / innerHeight : 0;
}"""

BIG_TEXT = "() => { document.documentElement.style.fontSize = '200%'; }"
NORMAL_TEXT = "() => { document.documentElement.style.fontSize = ''; }"


def check(page, screen):
    page.evaluate(NORMAL_TEXT)
    assert not page.evaluate(OVERFLOW), (screen, "at 100 %", page.evaluate(OVERFLOW))
    assert not page.evaluate(SMALL_TARGETS), (screen, "small targets", page.evaluate(SMALL_TARGETS))
    page.evaluate(BIG_TEXT)
    page.wait_for_timeout(100)
    if SHOTS:
        size = page.viewport_size
        lang = page.evaluate("document.documentElement.lang")
        page.screenshot(path=os.path.join(SHOTS, f"phone-{size['width']}x{size['height']}-{lang}-{screen}.png"), full_page=True)
    out = page.evaluate(OVERFLOW)
    assert not out, (screen, out)
    assert not page.evaluate(BROKEN_WORDS), (screen, "words cut", page.evaluate(BROKEN_WORDS))
    assert not page.evaluate(SPLIT_WORDS), (screen, "words split", page.evaluate(SPLIT_WORDS))
    assert not page.evaluate(WHOLE_WORDS), (screen, "words cut", page.evaluate(WHOLE_WORDS))
    assert not page.evaluate(CUT_SELECTS), (screen, "selects cut", page.evaluate(CUT_SELECTS))
    assert page.evaluate(PINNED) <= .25, (screen, "pinned header", page.evaluate(PINNED))


LONG = "Créer des permanences communes entre bailleurs sociaux et associations d'accompagnement"
URL = "https://www.example.org/logement-dabord/ressources/plateformes-territoriales-2019.pdf"


def join(phone, url, code):
    """The join form, by its fields' ids: the same in French and in English."""
    phone.goto(f"{url}/j/{code}")
    phone.locator("#organisation_type").select_option(index=1)
    phone.locator("#organisation").fill("Foyer Notre-Dame")
    phone.locator("#profession").select_option(index=1)
    phone.locator("#join-form button[type=submit]").click()
    phone.locator("#compose-text, #activity .waiting, #activity [data-activity]").first.wait_for()


@pytest.mark.parametrize("viewport", [{"width": 740, "height": 360}, {"width": 360, "height": 400}],
                         ids=["sideways", "keyboard-open"])
def test_a_short_window_does_not_keep_the_header_over_the_text_box(live_server, new_page, viewport):
    """A phone held sideways, or a window the keyboard shrinks, at 200 % text: the header
    scrolls away with the page instead of covering the text being typed."""
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join(phone, live_server.url, code)
    phone.evaluate(BIG_TEXT)
    phone.set_viewport_size(viewport)
    phone.locator("#compose-text").focus()
    assert phone.evaluate(PINNED) <= .25, phone.evaluate(PINNED)
    label = phone.locator("label[for=compose-text]").bounding_box()
    header = phone.locator(".phone-header").bounding_box()
    assert label["y"] >= header["y"] + header["height"] - 1 or header["y"] + header["height"] <= 0


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("viewport", [SMALL, PHONE], ids=["320x568", "360x740"])
def test_every_phone_screen_reflows_at_200_percent_text(live_server, new_page, viewport, lang):
    code, _key = live_server.workshop()
    someone_posts(live_server, code, LONG, "o-1")
    someone_posts(live_server, code, URL, "o-2")
    phone = new_page(viewport)
    phone.context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])
    phone.goto(f"{live_server.url}/j/{code}")
    phone.locator("#organisation_type").wait_for()
    phone.locator("#join-form button[type=submit]").click()  # the errors too
    check(phone, "join")
    join(phone, live_server.url, code)
    check(phone, "board")
    phone.locator("article.card button.reply").first.click()  # « Oui, mais… » to a long lever
    expect(phone.locator(".compose-context blockquote").first).to_be_visible()
    check(phone, "board-reply")
    phone.context.set_offline(True)
    expect(phone.locator("#status.offline")).to_be_visible(timeout=30_000)
    check(phone, "offline")
    phone.context.set_offline(False)
    expect(phone.locator("#status.online")).to_be_visible(timeout=30_000)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        timer.act(session, workshop, "start", minutes=12)
        workshops.set_state(session, workshop, locked=True)
    expect(phone.locator(".locked-banner").first).to_be_visible()
    expect(phone.locator(".phone-timer")).to_be_visible()
    check(phone, "locked-with-timer")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        workshops.set_state(session, workshop, locked=False)
    for activity in ["question_board", "individual_writing", "restitution"]:
        start(live_server, code, activity)
        expect(phone.locator(f"#activity [data-activity={activity}]")).to_be_visible()
        check(phone, activity)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        groups.form(session, workshop, count=1)
    start(live_server, code, "group_drafting")
    expect(phone.locator("#group-title")).to_have_text(re.compile("1"))
    check(phone, "groups-and-targets")
    for target, text in [(1, LONG), (3, URL)]:
        phone.locator("#rec-compose input[type=radio]").nth(target).check()
        phone.locator("#rec-text").fill(text)
        phone.locator("#rec-compose button[type=submit]").click()
    expect(phone.locator(".our-recs article.rec")).to_have_count(2)
    phone.locator(".our-recs .edit-rec").first.click()
    check(phone, "groups-edit")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        wall.set_wall(session, workshop, open_=True, dots=2)
    phone.locator(".tabs button").nth(1).click()
    phone.locator(".wall-phone .dot-button").nth(1).click()
    expect(phone.locator(".wall-phone .dot-count").first).to_contain_text("1")
    check(phone, "wall")
    if viewport == PHONE:  # a 360 px line holds the word, in a title as in the instructions
        assert not phone.evaluate(CUT_WORD, "recommandations"), phone.evaluate(CUT_WORD, "recommandations")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        feedback.configure(session, workshop, open_=True)
    phone.goto(f"{live_server.url}/f/{code}")
    phone.locator(".feedback-form button[type=submit]").click()  # the errors too
    check(phone, "feedback")

    code, _key = live_server.workshop(format_id=POLLS, email="sondages@example.org")
    join(phone, live_server.url, code)
    check(phone, "welcome")
    start(live_server, code, "poll")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        polls.set_open(session, workshop, polls.definitions(workshop)[0]["key"], True)
    expect(phone.locator(".choices input").first).to_be_enabled()
    check(phone, "poll")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        retention.purge_participants(session, workshop, dt.datetime.now(dt.timezone.utc))
        session.commit()
    phone.reload()
    expect(phone.locator("#rejoin")).to_be_visible()
    check(phone, "purged")
    join(phone, live_server.url, code)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        retention.delete_workshop(session, workshop, None)
    expect(phone.locator("#ended-title")).to_be_visible()
    check(phone, "ended")
    assert phone.errors == []


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


RING = """() => {
  const el = document.activeElement;
  const rgb = (text) => text.match(/\\d+(\\.\\d+)?/g).slice(0, 4).map(Number);
  const ring = rgb(getComputedStyle(el).outlineColor);
  let node = el.parentElement, around = [255, 255, 255];
  while (node) {
    const bg = rgb(getComputedStyle(node).backgroundColor);
    if (bg.length < 4 || bg[3] > 0) { around = bg.slice(0, 3); break; }
    node = node.parentElement;
  }
  return [ring.slice(0, 3), around, getComputedStyle(el).outlineStyle];
}"""


def test_the_focus_ring_stands_out_at_3_to_1_everywhere_on_the_phone(live_server, new_page):
    code, _key = live_server.workshop()
    someone_posts(live_server, code, "Une carte à soutenir", "o-1")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    phone.set_viewport_size(PHONE)
    seen = 0
    for _ in range(25):  # every stop of the keyboard's tour
        phone.keyboard.press("Tab")
        ring, around, style = phone.evaluate(RING)
        if style == "none":
            continue
        seen += 1
        assert contrast(ring, around) >= 3, (phone.evaluate("document.activeElement.outerHTML.slice(0, 80)"), ring, around)
    assert seen > 5
    label = phone.locator("article.card .support-label").inner_text()
    support = phone.locator("article.card").get_by_role("button", name=re.compile("^" + re.escape(label)))
    expect(support).to_have_count(1)  # the support button's name begins with its visible label


# The visible texts (and a select's answers) of these elements that say nothing of being French.
UNMARKED = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => (el.getClientRects().length || el.tagName === 'OPTION') && el.closest('[lang]').lang !== 'fr')
  .map((el) => el.textContent.trim())"""


def test_in_english_the_formats_french_texts_say_they_are_french(live_server, new_page):
    """The format's texts (its day and sequence titles, instructions, axes, questions, targets,
    themes, the join form's choices, a poll's question) and the organisers' workshop title
    are read in French by a screen reader and hyphenated by French rules on an English page."""
    code, key = live_server.workshop()
    phone = new_page(PHONE)
    phone.context.add_cookies([{"name": "lang", "value": "en", "url": live_server.url}])
    phone.goto(f"{live_server.url}/j/{code}")
    assert phone.evaluate(UNMARKED, "#join option:not([value='']), .phone-title") == []
    phone.get_by_label("Organisation type", exact=True).select_option(label="Association")
    phone.get_by_label("Your organisation").fill("Foyer")
    phone.get_by_label("Your profession", exact=True).select_option(label="Travailleur·se social·e")
    phone.get_by_role("button", name="Join the workshop").click()
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.locator("#axis-title")).to_have_attribute("lang", "fr")
    start(live_server, code, "question_board")
    expect(phone.locator("h1[data-activity=question_board]")).to_have_attribute("lang", "fr")
    expect(phone.locator(".seq-title")).to_have_attribute("lang", "fr")
    assert phone.evaluate(UNMARKED, ".seq-kicker, .seq-title, .seq-instructions") == []
    start(live_server, code, "restitution")
    expect(phone.locator(".restitution-now")).to_be_visible()
    assert phone.evaluate(UNMARKED, ".restitution-now span:not(.visually-hidden)") == []
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        groups.form(session, workshop, count=1)
    start(live_server, code, "group_drafting")
    phone.locator("#rec-compose input[type=radio]").nth(1).check()
    phone.locator("#rec-compose select").select_option(index=1)
    phone.locator("#rec-text").fill("Une recommandation")
    phone.locator("#rec-compose button[type=submit]").click()
    expect(phone.locator(".our-recs article.rec")).to_have_count(1)
    themes = "#rec-compose select option:not([value='']):not([value='__other__'])"
    assert phone.evaluate(UNMARKED, f"fieldset.targets span, {themes}, .target-title, .rec-theme") == []
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        wall.set_wall(session, workshop, open_=True, dots=2)
        days = session.scalars(select(Day).where(Day.workshop_id == workshop.id).order_by(Day.position)).all()
    phone.locator(".tabs button").nth(1).click()
    expect(phone.locator(".wall-phone .theme-title")).to_be_visible()
    assert phone.evaluate(UNMARKED, ".wall-phone :is(.target-title, .theme-title)") == []
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        agenda.goto(session, workshop, day=days[0].id)
    expect(phone.locator(".welcome h1")).to_be_visible()
    assert phone.evaluate(UNMARKED, ".welcome h1") == []
    french = new_page(PHONE)
    join_from_phone(french, live_server.url, code)
    expect(french.locator(".welcome h1")).not_to_have_attribute("lang", "en")
    start(live_server, code, "question_board")
    expect(french.locator("h1[data-activity=question_board]")).not_to_have_attribute("lang", "fr")

    code, _key = live_server.workshop(format_id=POLLS, email="sondages@example.org")
    phone.goto(f"{live_server.url}/j/{code}")
    phone.get_by_label("Organisation type", exact=True).select_option(index=1)
    phone.get_by_label("Your organisation").fill("Foyer")
    phone.get_by_label("Your profession", exact=True).select_option(index=1)
    phone.get_by_role("button", name="Join the workshop").click()
    start(live_server, code, "poll")
    expect(phone.locator(".poll-form legend")).to_be_attached()
    assert phone.evaluate("document.querySelector('.poll-form legend').closest('[lang]').lang") == "fr"
