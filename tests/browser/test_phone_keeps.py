"""A phone keeps what the person is doing while the room lives: the draft and the focus stay
through their own post, others' posts and a change of axis; changes are said in the live
region; +1, poll answers and private texts wait offline and go once; errors and ends are
said plainly (issue 10). 360×740 phone viewport."""
import datetime as dt
import re

from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.browser.conftest import PHONE, join_from_phone
from tests.browser.test_activities_browser import start
from workshops.extensions import db_session
from workshops.models import Card, PollVote, Support, Writing
from workshops.services import retention
from workshops.services.activities import polls
from workshops.services.board import cards
from workshops.services.room import participants, workshops

ANNOUNCER = "#announcer"
POLLS = "plateformes-accompagnement"  # a format with polls


def room(server, code):
    """(session, workshop) inside the server's app context (the caller holds the context)."""
    session = db_session()
    return session, workshops.get_workshop(session, code)


def someone_posts(server, code, text, client_id):
    with server.app.app_context():
        session, workshop = room(server, code)
        person, _ = participants.join(session, workshop, "Bailleur", "association", "direction")
        cards.post_card(session, workshop, person, client_id, workshop.axes[0].id, "lever", text)


def a_phone_and_a_card(server, new_page, text):
    """A workshop with someone's lever and a phone joined to it: (code, phone)."""
    code, _key = server.workshop()
    someone_posts(server, code, text, "other-1")
    phone = new_page(PHONE)
    join_from_phone(phone, server.url, code)
    return code, phone


def set_state(server, code, **change):
    with server.app.app_context():
        session, workshop = room(server, code)
        if "axis" in change:
            change["axis"] = workshop.axes[change["axis"]].id
        workshops.set_state(session, workshop, **change)


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_the_draft_and_the_focus_survive_own_posts_others_posts_and_a_new_axis(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    text = phone.get_by_label("Votre texte")

    # Own post: the box is emptied, the focus stays in it (the keyboard stays open).
    text.fill("Ma première carte")
    text.press("Tab")
    phone.keyboard.press("Enter")  # the « Envoyer » button
    expect(phone.locator("article.card.mine")).to_have_count(1)
    text.click()
    text.fill("Un brouillon à moitié")
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator("article.card.mine")).to_have_count(2)
    expect(text).to_have_value("")

    # Someone else posts while the person types: the draft, the caret and the focus stay.
    text.fill("Je suis en train d'écr")
    text.evaluate("area => area.setSelectionRange(5, 5)")
    someone_posts(live_server, code, "La carte d'une autre personne", "other-1")
    expect(phone.locator("article.card", has_text="La carte d'une autre")).to_be_visible()
    assert focused_id(phone) == "compose-text"
    expect(text).to_have_value("Je suis en train d'écr")
    assert text.evaluate("area => area.selectionStart") == 5

    # The facilitator changes axis: the draft is kept, the focus too, the title follows.
    set_state(live_server, code, axis=1)
    expect(phone.locator("#axis-title")).to_contain_text("Réduire le nombre de personnes")
    assert focused_id(phone) == "compose-text"
    expect(text).to_have_value("Je suis en train d'écr")

    # A reload keeps the draft too (QA.md #13); once sent, the box stays empty after one.
    phone.reload()
    expect(text).to_have_value("Je suis en train d'écr")
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator("article.card.mine")).to_have_text(re.compile("Je suis en train d'écr"))
    phone.reload()
    expect(phone.locator("article.card.mine")).to_have_count(1)
    expect(text).to_have_value("")

    # A focused +1 button keeps the focus when a card arrives above it.
    set_state(live_server, code, axis=0)
    support = phone.locator("article.card", has_text="Ma première carte").get_by_role(
        "button", name=re.compile("^Je soutiens"))
    support.focus()
    someone_posts(live_server, code, "Encore une carte d'ailleurs", "other-2")
    expect(phone.locator("article.card", has_text="Encore une carte")).to_be_visible()
    expect(support).to_be_focused()
    assert phone.errors == []


def test_the_live_region_says_what_changed_and_the_new_activity_gets_the_focus(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    announcer = phone.locator(ANNOUNCER)
    expect(announcer).to_have_attribute("aria-live", "polite")

    set_state(live_server, code, locked=True)
    expect(announcer).to_have_text("L'animation a fermé les contributions.")
    set_state(live_server, code, locked=False)
    expect(announcer).to_have_text("Les contributions sont rouvertes.")
    set_state(live_server, code, axis=1)
    expect(announcer).to_have_text(re.compile("^Nouvel axe : Réduire le nombre"))
    start(live_server, code, "individual_writing")
    expect(announcer).to_have_text(re.compile("^Nouvelle activité : "))
    expect(phone.locator("h1[data-activity=individual_writing]")).to_be_focused()
    assert phone.errors == []


def test_a_poll_opening_and_closing_is_said(live_server, new_page):
    code, _key = live_server.workshop(format_id=POLLS)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    announcer = phone.locator(ANNOUNCER)
    start(live_server, code, "poll")
    expect(announcer).to_have_text(re.compile("^Nouvelle activité : "))
    heading = phone.locator("h1[data-activity=poll]")
    expect(heading).to_be_focused()
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        key = polls.definitions(workshop)[0]["key"]
        question = polls.definitions(workshop)[0]["question"]
        polls.set_open(session, workshop, key, True)
    expect(announcer).to_have_text(f"Le vote est ouvert : {question}")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        polls.set_open(session, workshop, key, False)
    expect(announcer).to_have_text(f"Le vote est fermé : {question}")
    assert phone.errors == []


def go_offline(phone):
    phone.context.set_offline(True)
    expect(phone.locator("#status")).to_contain_text("Hors connexion", timeout=30_000)


def back_online(phone):
    phone.context.set_offline(False)
    expect(phone.locator("#status")).to_have_text("Connecté", timeout=30_000)


def test_a_poll_answer_waits_offline_and_goes_once(live_server, new_page):
    code, _key = live_server.workshop(format_id=POLLS)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    start(live_server, code, "poll")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        key = polls.definitions(workshop)[0]["key"]
        polls.set_open(session, workshop, key, True)
    expect(phone.get_by_role("button", name="Valider mon choix")).to_be_enabled()
    go_offline(phone)
    phone.locator(".choices input").first.check()
    phone.get_by_role("button", name="Valider mon choix").click()
    expect(phone.locator("#status")).to_contain_text("1 vote en attente d'envoi")
    expect(phone.locator(".my-vote")).to_contain_text("en attente d'envoi")
    back_online(phone)
    expect(phone.locator(".my-vote")).to_have_text(re.compile("^Votre réponse : "))
    phone.reload()
    expect(phone.locator("#status")).to_have_text("Connecté")
    with live_server.app.app_context():
        assert db_session().scalar(select(func.count()).select_from(PollVote)) == 1
    assert phone.errors == []


def test_support_and_private_text_wait_offline_and_go_once(live_server, new_page):
    code, phone = a_phone_and_a_card(live_server, new_page, "Une carte à soutenir")

    # +1 offline: pressed and counted at once, said waiting, stored once back.
    count = phone.locator("article.card .support-count")
    expect(count).to_have_text(" · 0")
    go_offline(phone)
    support = phone.locator("article.card").get_by_role("button", name=re.compile("^Je soutiens"))
    support.click()
    expect(support).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text(" · 1")
    expect(phone.locator("#status")).to_contain_text("1 soutien en attente d'envoi")
    back_online(phone)
    expect(count).to_have_text(" · 1")

    # Private text offline.
    start(live_server, code, "individual_writing")
    expect(phone.locator("h1[data-activity=individual_writing]")).to_be_visible()
    go_offline(phone)
    phone.locator("#writing-text").fill("Écrit sans réseau, pour moi seul·e")
    phone.get_by_role("button", name="Garder mon texte").click()
    expect(phone.locator("#status")).to_contain_text("1 texte en attente d'envoi")
    back_online(phone)
    expect(phone.locator(".saved")).to_contain_text("Texte gardé")

    phone.reload()  # a reload re-reads the outbox: nothing goes twice
    expect(phone.locator("#status")).to_have_text("Connecté")
    with live_server.app.app_context():
        session = db_session()
        assert session.scalar(select(Card)).supports == 1
        assert session.scalar(select(func.count()).select_from(Support)) == 1
        assert list(session.scalars(select(Writing.text))) == ["Écrit sans réseau, pour moi seul·e"]
    assert phone.errors == []


def test_join_errors_are_tied_to_their_field_and_cleared_once_fixed(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    phone.goto(f"{live_server.url}/j/{code}")
    phone.get_by_role("button", name="Rejoindre l'atelier").click()
    kind = phone.get_by_label("Type de structure", exact=True)
    expect(kind).to_have_attribute("aria-invalid", "true")
    expect(kind).to_be_focused()
    expect(kind).to_have_accessible_description("Choisissez un type de structure.")
    kind.select_option(label="Association")
    expect(kind).not_to_have_attribute("aria-invalid", "true")
    phone.get_by_role("button", name="Rejoindre l'atelier").click()
    profession = phone.get_by_label("Votre profession", exact=True)
    expect(profession).to_have_attribute("aria-invalid", "true")
    expect(profession).to_have_accessible_description("Choisissez une profession.")
    expect(kind).not_to_have_attribute("aria-invalid", "true")


def test_a_purged_participation_and_a_deleted_workshop_are_said_plainly(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        retention.purge_participants(session, workshop, dt.datetime.now(dt.timezone.utc))
        session.commit()
    phone.reload()
    expect(phone.get_by_role("heading", name="Votre participation n'est plus valable")).to_be_visible()
    expect(phone.locator("#status")).not_to_contain_text("Hors connexion")
    phone.get_by_role("button", name="Rejoindre à nouveau").click()
    expect(phone.get_by_label("Type de structure", exact=True)).to_be_visible()

    # The workshop is deleted while a phone is in: back from a network cut, it says so.
    other = new_page(PHONE)
    join_from_phone(other, live_server.url, code)
    go_offline(other)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        retention.delete_workshop(session, workshop, None)
        session.commit()
    other.context.set_offline(False)
    expect(other.get_by_role("heading", name="Cet atelier n'existe plus")).to_be_visible(timeout=30_000)
    expect(other.locator("#status")).to_have_text("")
