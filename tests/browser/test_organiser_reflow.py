"""The organiser's pages reflow at 320 px with 200 % text (WCAG 1.4.10): the header's links,
the dashboard, the workshop's settings, the programme and the formats never make the page
scroll sideways (a data table scrolls in its own box)."""
import pytest
from sqlalchemy import select

from workshops.extensions import db_session
from workshops.models import ExportJob, Workshop

SMALL_PHONE = {"width": 320, "height": 568}

WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')].filter((node) =>
  node.checkVisibility() && !node.closest('.table-scroll')
  && node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map((node) => node.id || node.className || node.tagName).slice(0, 8)"""

# Words of a button's label drawn on two lines (« Consol / e d'anim / ation ») although they
# would fit whole in the button: a word may break only when it is wider than the button.
SPLIT_WORDS = """() => [...document.querySelectorAll('button, .button')].filter((b) => b.checkVisibility())
  .flatMap((button) => {
    const style = getComputedStyle(button);
    const room = button.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const ruler = document.createElement('canvas').getContext('2d');
    ruler.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    const split = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length > 1 && ruler.measureText(match[0]).width <= room) split.push(match[0]);
      }
    }
    return split;
  })"""

PAGES = {"dashboard": "/organisateur/", "settings": "/organisateur/ateliers/{code}",
         "programme": "/organisateur/ateliers/{code}/programme", "formats": "/organisateur/formats",
         "livret": "/organisateur/ateliers/{code}/livret"}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_organiser_pages_reflow_at_200_percent_on_320_px(live_server, new_page, path):
    code, _key = live_server.workshop()
    with live_server.app.app_context():  # the Livret's files: a label wider than 12rem once was
        session = db_session()
        workshop_id = session.scalar(select(Workshop.id).where(Workshop.code == code))
        session.add(ExportJob(workshop_id=workshop_id, format="pdf", status="failed", error="arrêt"))
        session.commit()
    page = new_page(SMALL_PHONE)
    live_server.login(page)
    page.goto(live_server.url + path.format(code=code))
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.errors == []
