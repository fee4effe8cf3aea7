"""The console built around « now » (issue 15): the strip with what the room sees and what
comes next stays in view at 1366×768 and 1024×768, one click or key puts the current
activity back on the projection (not day 1's axis 3), shortcuts never fire while typing,
and the console works as a remote on a 360 px phone."""
from playwright.sync_api import expect

from tests.browser.conftest import PROJECTOR, open_console

LAPTOP = {"width": 1366, "height": 768}
TABLET = {"width": 1024, "height": 768}
REMOTE = {"width": 360, "height": 740}
MAIN_ACTIONS = ("◀ Précédent", "Suivant ▶", "Montrer l'activité en cours", "Fermer les contributions", "Lancer")


def in_viewport(page, name):
    box = page.get_by_role("button", name=name, exact=True).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]


def test_main_actions_in_view_without_scrolling_at_laptop_and_tablet_sizes(live_server, new_page):
    for viewport in (LAPTOP, TABLET):
        code, _key = live_server.workshop()
        console = open_console(new_page, live_server, code, viewport)
        console.get_by_role("button", name="Suivant ▶", exact=True).click()
        # Each step seen before the next click: two « Suivant » in flight at once may both
        # start from the welcome (a race left for later: docs/decisions.md).
        expect(console.locator("#now-current")).to_contain_text("accueil")
        console.get_by_role("button", name="Suivant ▶", exact=True).click()
        expect(console.locator("#now-current")).to_contain_text("Les pratiques actuelles")
        expect(console.locator("#now-next")).not_to_be_empty()
        for name in MAIN_ACTIONS:
            assert in_viewport(console, name), (viewport, name)
        # still in view after scrolling down to the cards: the strip stays at the top
        console.mouse.wheel(0, 3000)
        for name in MAIN_ACTIONS:
            assert in_viewport(console, name), (viewport, name, "scrolled")
        console.mouse.wheel(0, -3000)


def test_show_current_activity_puts_the_running_sequence_back_after_the_timer(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code, LAPTOP)
    programme = console.get_by_role("tab", name="Programme")
    programme.click()
    # day 1's first sequence is a question board in the built-in format's walk? go to an axis board
    console.locator("#agenda .agenda-item", has_text="Question ouverte").first.click()
    expect(projection.locator("#view-question_board")).to_be_visible()
    console.get_by_role("tab", name="En cours").click()
    console.get_by_role("button", name="Minuteur en plein écran").click()
    expect(projection.locator("#view-timer")).to_be_visible()
    expect(console.locator("#now-screen")).to_have_text("Minuteur")
    console.get_by_role("button", name="Montrer l'activité en cours").click()
    expect(projection.locator("#view-question_board")).to_be_visible()
    expect(projection.locator("#view-board")).to_be_hidden()
    # the same with the keyboard: A, from anywhere but a text field
    console.get_by_role("button", name="Accueil (QR code)").click()
    expect(projection.locator("#view-join")).to_be_visible()
    console.locator("body").press("a")
    expect(projection.locator("#view-question_board")).to_be_visible()


def test_shortcuts_are_listed_and_do_not_fire_while_typing(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, LAPTOP)
    console.get_by_text("Raccourcis clavier").click()
    expect(console.locator("#shortcuts")).to_contain_text("Séquence suivante")
    console.locator("body").press("s")
    expect(console.locator("#now-current")).to_contain_text("accueil")
    console.locator("body").press("f")
    expect(console.locator("#lock-button")).to_have_text("Rouvrir les contributions")
    # typing « f » and « s » in the timer's minutes changes nothing else
    console.get_by_label("Durée (minutes)").press("f")
    console.get_by_label("Durée (minutes)").press("s")
    expect(console.locator("#lock-button")).to_have_text("Rouvrir les contributions")
    expect(console.locator("#now-current")).to_contain_text("accueil")
    # they can be turned off
    console.get_by_label("Raccourcis d'une touche activés").uncheck()
    console.locator("body").press("f")
    expect(console.locator("#lock-button")).to_have_text("Rouvrir les contributions")


def test_console_works_as_a_remote_on_a_phone(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code, REMOTE)
    assert console.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for name in MAIN_ACTIONS[:4]:
        assert in_viewport(console, name), name
    console.get_by_role("button", name="Suivant ▶", exact=True).click()
    expect(console.locator("#now-current")).to_contain_text("accueil")
