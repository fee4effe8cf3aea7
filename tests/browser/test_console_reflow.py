"""The facilitator's console at 320 px with 200 % text (WCAG 1.4.10): a facilitator may run
the room from a phone. Every tab reflows without sideways scroll, and the labels of the
now-strip's buttons (« Précédent », « Suivant », « Afficher les résultats »…) wrap whole
words, never a letter or two per line."""
import pytest
from playwright.sync_api import expect

from .conftest import open_console
from .test_organiser_reflow import SMALL_PHONE, SPLIT_WORDS, WIDER_THAN_THE_SCREEN

TABS = ["En cours", "Programme", "Axes et cartes", "Groupes et mur", "Qui est là"]


@pytest.mark.parametrize("tab", TABS)
def test_the_console_reflows_at_200_percent_on_320_px(live_server, new_page, tab):
    code, _key = live_server.workshop()
    page = open_console(new_page, live_server, code, SMALL_PHONE)
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    page.get_by_role("tab", name=tab).click()
    expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
    assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.errors == []
