"""Each activity beyond the axis board on a 360×740 phone (and the projection where the room
looks at it): question board, private writing, poll, feedback form."""
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone
from workshops.extensions import db_session
from workshops.models import Sequence, Workshop
from workshops.services.agenda import agenda


def serious_violations(page):
    results = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def start(server, code, activity):
    """What the console's agenda does: make the first sequence of this activity current."""
    with server.app.app_context():
        session = db_session()
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        sequence = session.scalars(select(Sequence).where(
            Sequence.workshop_id == workshop.id, Sequence.activity == activity)
            .order_by(Sequence.day_id, Sequence.position)).first()
        agenda.goto(session, workshop, sequence=sequence.id)


def open_console(server, new_page, code):
    console = new_page({"width": 1440, "height": 900})
    console.on("dialog", lambda dialog: dialog.accept())
    server.login(console)
    console.goto(f"{server.url}/w/{code}/console")
    expect(console.locator("#status")).to_have_text("Connecté")
    return console


def open_projection(server, new_page, code, key):
    projection = new_page(PROJECTOR)
    projection.goto(f"{server.url}/w/{code}/projection?key={key}")
    expect(projection.locator("#view-join")).to_be_visible()  # synced: its first snapshot is drawn
    return projection


def test_question_board_answers_and_supports_reach_the_projection(live_server, new_page):
    code, key = live_server.workshop()
    projection = open_projection(live_server, new_page, code, key)
    alice, bob = new_page(PHONE), new_page(PHONE)
    join_from_phone(alice, live_server.url, code)
    join_from_phone(bob, live_server.url, code, organisation="Bailleur Est")
    start(live_server, code, "question_board")
    expect(alice.locator("h1[data-activity=question_board]")).to_contain_text("Logement d'Abord")
    alice.get_by_label("Votre réponse").fill("Le logement d'abord, sans passer par l'hébergement.")
    alice.get_by_role("button", name="Envoyer").click()
    answer = projection.locator("#view-question_board .card")
    expect(answer).to_have_text("Le logement d'abord, sans passer par l'hébergement.")
    bob.get_by_role("button", name="+1 · 0 soutien").click()
    expect(projection.locator("#view-question_board .supports")).to_have_text("+1")
    expect(alice.locator("#answers .card.mine .support")).to_contain_text("1")
    assert serious_violations(alice) == [] and serious_violations(projection) == []
    assert not alice.errors and not bob.errors and not projection.errors


def test_private_writing_is_invisible_until_the_facilitator_reveals(live_server, new_page):
    code, key = live_server.workshop()
    projection = open_projection(live_server, new_page, code, key)
    console = open_console(live_server, new_page, code)
    alice, bob = new_page(PHONE), new_page(PHONE)
    join_from_phone(alice, live_server.url, code)
    join_from_phone(bob, live_server.url, code, organisation="Bailleur Est")
    start(live_server, code, "individual_writing")
    secret = "Je rencontre les personnes chez elles, à leur rythme."
    # The board's text box is labelled « Votre texte » too: write once the phone has moved.
    expect(alice.locator("h1[data-activity=individual_writing]")).to_be_visible()
    alice.get_by_label("Votre texte").fill(secret)
    alice.get_by_role("button", name="Garder mon texte").click()
    expect(alice.locator(".saved")).to_contain_text("Texte gardé")
    expect(projection.locator("#view-individual_writing .act-count")).to_have_text("1")
    expect(console.locator("#activity-panel .big-number")).to_have_text("1")
    assert serious_violations(alice) == [] and serious_violations(projection) == []
    for page in (bob, projection, console):
        assert secret not in page.content()
    # After a reload (a phone waking up), still nothing.
    bob.reload()
    expect(bob.locator("h1[data-activity=individual_writing]")).to_be_visible()
    assert secret not in bob.content()

    console.get_by_role("button", name="Dévoiler les textes (sans les noms)").click()
    expect(projection.locator("#view-individual_writing .card")).to_have_text(secret)
    expect(bob.locator(".room-texts .card")).to_have_text(secret)
    expect(alice.locator(".my-writing .text")).to_have_text(secret)
    assert serious_violations(bob) == []
    assert not alice.errors and not bob.errors and not projection.errors


def test_poll_counts_one_answer_per_phone_on_the_live_histogram(live_server, new_page):
    code, key = live_server.workshop(format_id="plateformes-accompagnement")
    projection = open_projection(live_server, new_page, code, key)
    console = open_console(live_server, new_page, code)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    start(live_server, code, "poll")
    expect(phone.locator(".locked-banner")).to_contain_text("pas encore ouvert")
    console.get_by_role("button", name="Ouvrir le vote").click()
    phone.get_by_label("Coordination").check()
    phone.get_by_role("button", name="Valider mon choix").click()
    expect(phone.locator(".my-vote")).to_have_text("Votre réponse : Coordination")
    bars = projection.locator("#view-poll .poll-bars")
    expect(bars).to_contain_text("Coordination : 1 réponse, 100\u00a0%")
    # The phone sleeps, wakes (reload), changes its mind: still one answer in the room.
    phone.reload()
    phone.get_by_label("Intégration").check()
    phone.get_by_role("button", name="Changer mon choix").click()
    expect(bars).to_contain_text("Intégration : 1 réponse, 100\u00a0%")
    expect(bars).to_contain_text("Coordination : 0 réponse, 0\u00a0%")
    expect(projection.locator("#view-poll .act-total")).to_have_text("1 réponse")
    assert serious_violations(phone) == [] and serious_violations(projection) == []
    assert serious_violations(console) == []
    console.get_by_role("button", name="Fermer le vote").click()
    expect(phone.locator(".locked-banner")).to_have_text("Le vote est fermé.")
    assert not phone.errors and not projection.errors


def test_feedback_form_works_on_a_phone_without_scripts(live_server, new_page, browser):
    code, key = live_server.workshop()
    projection = open_projection(live_server, new_page, code, key)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    start(live_server, code, "feedback_form")
    expect(projection.locator("#view-feedback_form img.qr")).to_be_visible()
    expect(phone.get_by_role("link", name="Répondre au questionnaire")).to_be_visible()

    # An old phone, scripts off: the page is a plain form.
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="fr-FR")
    try:
        old = context.new_page()
        old.goto(f"{live_server.url}/f/{code}")
        old.get_by_role("button", name="Envoyer mes réponses").click()
        expect(old.locator(".field-error").first).to_have_text("Répondez à cette question.")
        old.get_by_label("4", exact=True).check()
        old.get_by_label("Oui", exact=True).check()
        old.get_by_label("Qu'est-ce qui vous a été le plus utile ?").fill("Les échanges entre métiers")
        old.get_by_role("button", name="Envoyer mes réponses").click()
        expect(old.get_by_role("status")).to_contain_text("Vos réponses sont enregistrées")
        old.goto(f"{live_server.url}/f/{code}")
        expect(old.get_by_label("Qu'est-ce qui vous a été le plus utile ?")).to_have_value("Les échanges entre métiers")
        expect(old.get_by_role("button", name="Enregistrer mes modifications")).to_be_visible()
        old_js = new_page(PHONE)
        old_js.goto(f"{live_server.url}/f/{code}")
        assert serious_violations(old_js) == []
    finally:
        context.close()
    expect(projection.locator("#view-feedback_form .join-count strong")).to_have_text("1")
    assert serious_violations(projection) == [] and serious_violations(phone) == []
