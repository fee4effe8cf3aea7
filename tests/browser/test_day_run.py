"""What a study day run by hand after the templates refactor found wrong on the screens
(docs/decisions.md, « dayrun »): each test is one thing a person noticed."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, join_from_phone, open_console
from tests.browser.test_activities_browser import start
from tests.browser.test_agenda_editor import open_programme, saved_agenda
from tests.browser.test_groups_browser import draft
from tests.browser.test_phone_keeps import room, someone_posts
from workshops.services.activities import feedback
from workshops.services.groups import groups, wall

LONG = "Financer l'accompagnement sans limite de durée pour chaque ménage relogé."


def focused_text(page) -> str:
    """The text of what has the focus, if it is not the whole page."""
    return page.evaluate("document.activeElement === document.body ? ''"
                         " : document.activeElement.textContent.trim()")


def test_the_feedback_form_brings_the_phone_to_what_is_missing_then_to_the_thanks(live_server, new_page):
    """Sent with a required answer missing, the page said so out of sight and the focus fell
    to the page's body: a screen reader heard nothing, a thumb had to hunt for the red."""
    code, _key = live_server.workshop()
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        feedback.configure(session, workshop, open_=True)
    phone = new_page(PHONE)
    phone.goto(f"{live_server.url}/f/{code}")
    phone.get_by_label("Qu'est-ce qui vous a été le plus utile ?").fill("Les échanges")
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.get_by_role("alert")).to_contain_text("Certaines réponses sont à compléter")
    assert "Certaines réponses sont à compléter" in focused_text(phone)
    assert phone.get_by_label("Qu'est-ce qui vous a été le plus utile ?").input_value() == "Les échanges"

    phone.get_by_label("4", exact=True).check()
    phone.get_by_label("Oui", exact=True).check()
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.get_by_role("status").first).to_contain_text("Vos réponses sont enregistrées")
    assert "Vos réponses sont enregistrées" in focused_text(phone)
    assert phone.errors == []


def test_a_long_recommendations_buttons_say_it_was_cut_not_half_a_word(live_server, new_page):
    """A screen reader heard « Ajouter une gommette à : Financer l'accompagnement sans limite
    de » — the text cut at 40 characters, mid-phrase (or mid-word), with nothing saying so."""
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        groups.form(session, workshop, count=1)
    start(live_server, code, "group_drafting")
    draft(phone, LONG, "Pour les institutions").click()
    edit = phone.locator(".our-recs article.rec").get_by_role("button", name=re.compile("^Modifier"))
    expect(edit).to_have_accessible_name(re.compile(r"^Modifier : Financer l'accompagnement .*\w…$"))
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        wall.set_wall(session, workshop, open_=True, dots=2)
    phone.get_by_role("button", name=re.compile(r"^Le mur \(")).click()
    add = phone.locator(".wall-phone article.rec").get_by_role("button", name=re.compile("^Ajouter"))
    name = add.evaluate("b => b.getAttribute('aria-label')")
    assert name.startswith("Ajouter une gommette à : Financer l'accompagnement") and name.endswith("…")
    assert LONG.startswith(name.removeprefix("Ajouter une gommette à : ").removesuffix("…"))
    assert name.removesuffix("…").split()[-1] in LONG.split()  # whole words only
    assert phone.errors == []


def test_the_consoles_typo_fix_buttons_stand_apart(live_server, new_page):
    """« Enregistrer » and « Annuler » of a card's correction touched, one button to the eye."""
    code, _key = live_server.workshop()
    someone_posts(live_server, code, "Le logement direct évite les rutpures.", "typo-1")
    console = open_console(new_page, live_server, code)
    console.get_by_role("tab", name="Axes et cartes").click()
    card = console.locator("li, article", has_text="rutpures").last
    card.get_by_role("button", name="Corriger").click()
    fix = console.get_by_role("textbox", name="Texte corrigé").locator("xpath=ancestor::form[1]")
    save, cancel = fix.get_by_role("button", name="Enregistrer"), fix.get_by_role("button", name="Annuler")
    gap = cancel.bounding_box()["x"] - (save.bounding_box()["x"] + save.bounding_box()["width"])
    assert gap >= 6, gap
    assert console.errors == []


def test_the_consoles_poll_counts_sit_under_their_headings(live_server, new_page):
    """The counts are right-aligned, their headings « Nombre » and « % » were left-aligned:
    each number stood under nothing, the heading over the next column's gap."""
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code)
    console.keyboard.press("n")
    console.get_by_label("Question", exact=True).fill("Où en est notre territoire ?")
    for n, label in enumerate(("Coordination", "Mutualisation"), start=1):
        console.get_by_label(f"Réponse {n}", exact=True).fill(label)
    console.get_by_role("button", name="Lancer maintenant").click()
    table = console.locator(".act-panel table").first
    expect(table).to_be_visible()
    for column in (2, 3):
        head_text = table.locator(f"thead th:nth-child({column})").evaluate(
            "th => { const r = document.createRange(); r.selectNodeContents(th);"
            " return r.getBoundingClientRect().right; }")
        cell_text = table.locator(f"tbody tr:first-child td:nth-child({column})").evaluate(
            "td => { const r = document.createRange(); r.selectNodeContents(td);"
            " return r.getBoundingClientRect().right; }")
        assert abs(head_text - cell_text) < 2, (column, head_text, cell_text)
    assert console.errors == []


def test_the_feedback_links_save_button_stands_beside_its_field(live_server, new_page):
    """« Enregistrer » stood 70 px right of the « Lien valable (jours) » box, 10 px shorter
    than it: it read as belonging to nothing."""
    code, _key = live_server.workshop()
    start(live_server, code, "feedback_form")
    console = open_console(new_page, live_server, code)
    expect(console.locator("#feedback-days-save")).to_be_visible()
    # Both measured at once: the panel is drawn again when the answers' summary arrives.
    field, save = console.evaluate("""() => ['feedback-days', 'feedback-days-save'].map((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height }; })""")
    assert 0 <= save["x"] - (field["x"] + field["width"]) <= 16, (field, save)
    assert abs((save["y"] + save["height"]) - (field["y"] + field["height"])) <= 2
    assert abs(save["height"] - field["height"]) <= 3, (field, save)
    assert console.errors == []


def test_a_new_days_first_sequence_shows_only_what_to_fill(live_server, new_page):
    """« Ajouter une journée »: its one sequence showed a wide box holding « 1 » (its order,
    unlabelled on screen, read as the minutes) and a « Retirer » box for a row never saved."""
    code, page = open_programme(live_server, new_page)
    new_day = page.locator(".day-new")
    expect(new_day.get_by_label("Ordre")).to_be_hidden()
    expect(new_day.get_by_text("Retirer")).to_be_hidden()
    new_day.get_by_label("Titre de la journée").fill("Troisième journée")
    new_day.get_by_label("Minutes").fill("20")
    new_day.get_by_label("Titre", exact=True).fill("Bilan")
    new_day.get_by_label("Activité").select_option(label="Question ouverte")
    new_day.get_by_text("Consignes", exact=True).click()
    new_day.get_by_label("Question (question ouverte, écriture individuelle)").fill("Que retenez-vous ?")
    page.get_by_role("button", name="Enregistrer le programme").click()
    expect(page.get_by_text("Programme enregistré.")).to_be_visible()
    third = saved_agenda(live_server, code)[2]
    assert third["title"] == "Troisième journée"
    assert [(s["title"], s["minutes"]) for s in third["sequences"]] == [("Bilan", 20)]
    assert page.errors == []


def test_the_feedback_links_days_typed_on_the_console_survive_an_answer_arriving(live_server, new_page):
    """The panel is drawn again at each answer: the facilitator's half-typed « 30 » went back
    to 14 and the box lost the focus."""
    code, _key = live_server.workshop()
    start(live_server, code, "feedback_form")
    console = open_console(new_page, live_server, code)
    expect(console.locator("#activity-body")).to_contain_text("le plus utile")  # the summary drawn
    days = console.get_by_label("Lien valable (jours)")
    days.fill("30")
    days.focus()
    phone = new_page(PHONE)
    phone.goto(f"{live_server.url}/f/{code}")
    phone.get_by_label("4", exact=True).check()
    phone.get_by_label("Oui", exact=True).check()
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(console.locator("#activity-body")).to_contain_text("1 réponse")
    expect(days).to_have_value("30")
    expect(days).to_be_focused()
    assert console.errors == []
