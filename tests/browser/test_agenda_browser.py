"""The agenda's screens: no serious accessibility violation (axe-core), the console's agenda
driven with the keyboard alone, the organiser's programme and format editor in a browser."""
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone


def serious_violations(page):
    results = Axe().run(page)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def open_console(new_page, live_server, code):
    page = new_page({"width": 1280, "height": 800})
    live_server.login(page)
    page.goto(f"{live_server.url}/w/{code}/console")
    expect(page.locator("#status")).to_have_text("Connecté")
    return page


def test_console_agenda_by_keyboard_and_every_agenda_screen_passes_axe(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    console = open_console(new_page, live_server, code)

    # Keyboard only: focus « Suivant », press Enter twice (day 1 opens, then its first sequence).
    next_button = console.get_by_role("button", name="Suivant ▶", exact=True)
    next_button.focus()
    console.keyboard.press("Enter")
    expect(phone.locator("[data-activity=welcome]")).to_be_visible()
    assert serious_violations(phone) == []
    expect(console.get_by_role("button", name="Suivant ▶", exact=True)).to_be_focused()
    console.keyboard.press("Enter")
    expect(phone.locator("#agenda-bar .seq-title")).to_have_text("Les pratiques actuelles d'accompagnement")
    expect(console.locator("#agenda .agenda-list [aria-current=step]")).to_contain_text(
        "Les pratiques actuelles d'accompagnement")

    # The timer, with a typed duration.
    console.get_by_label("Durée (minutes)").fill("2")
    console.get_by_role("button", name="Lancer", exact=True).press("Enter")
    expect(phone.locator(".phone-timer .timer-value")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    expect(console.locator(".console-timer .timer-value")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    assert serious_violations(console) == []
    assert serious_violations(phone) == []
    # The end sound is off on phones until the person turns it on; the choice is remembered.
    sound = phone.get_by_role("button", name="Son à la fin")
    expect(sound).to_have_attribute("aria-pressed", "false")
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "true")
    phone.reload()
    expect(phone.get_by_role("button", name="Son à la fin")).to_have_attribute("aria-pressed", "true")
    # Instructions were open the first time; after that they are folded away to leave room
    # for the activity, and open again on demand.
    expect(phone.locator("#agenda-bar .seq-instructions")).to_be_hidden()
    phone.get_by_text("Consignes", exact=True).click()
    expect(phone.locator("#agenda-bar .seq-instructions")).to_be_visible()

    # Projection views: the sequence in large type, the full-screen timer.
    console.get_by_role("button", name="Minuteur en plein écran").click()
    expect(projection.locator("#view-timer")).to_be_visible()
    expect(projection.locator(".big-timer .timer-value")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
    assert serious_violations(projection) == []
    console.get_by_role("button", name="Consignes de la séquence").click()
    expect(projection.locator("#view-sequence")).to_be_visible()
    expect(projection.locator(".seq-big-question")).to_contain_text("Comment accompagnez-vous")
    assert serious_violations(projection) == []

    # Jump to day 2's restitution from the programme list, then back to « En cours ».
    console.get_by_role("tab", name="Programme").click()
    console.get_by_role("button", name=re.compile("^Temps de restitution")).click()
    console.get_by_role("tab", name="En cours").click()
    expect(projection.locator("#view-restitution .resti-title")).to_have_text("État des lieux du Logement d'Abord")
    assert serious_violations(projection) == []
    expect(console.get_by_role("button", name="Écran suivant ▶")).to_be_visible()
    assert serious_violations(console) == []
    for page in (projection, phone, console):
        assert page.errors == []


def test_programme_and_format_editor_pages(live_server, new_page):
    code, _key = live_server.workshop()
    page = new_page({"width": 1280, "height": 800})
    live_server.login(page)
    page.goto(f"{live_server.url}/organisateur/ateliers/{code}/programme")
    expect(page.get_by_role("heading", name=re.compile("^Programme"))).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Titre de la journée").first.fill("Jour 1 : état des lieux")
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    expect(page.get_by_label("Titre de la journée").first).to_have_value("Jour 1 : état des lieux")

    page.goto(f"{live_server.url}/organisateur/formats")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Dupliquer Plateformes d'accompagnement", exact=False).first.click()
    editor = page.get_by_role("textbox", name="Texte du format")
    expect(editor).to_be_visible()
    text = editor.input_value()
    editor.fill(text.replace("minutes: 15", "minutes: quinze", 1))
    page.get_by_role("button", name="Vérifier et enregistrer").click()
    error = page.get_by_role("alert")
    expect(error).to_contain_text(re.compile(r"^Ligne \d+ :"))
    line = int(re.search(r"Ligne (\d+)", error.inner_text()).group(1))
    # The cursor is put on the line at fault.
    selected = page.evaluate("""() => { const a = document.getElementById('format-source');
        return a.value.slice(0, a.selectionStart).split('\\n').length; }""")
    assert selected == line and "quinze" in editor.input_value().splitlines()[line - 1]
    expect(editor).to_be_focused()
    assert serious_violations(page) == []
    page.set_viewport_size(PHONE)
    assert serious_violations(page) == []
    assert page.errors == []
