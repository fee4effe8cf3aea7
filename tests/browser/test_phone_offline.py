"""Every phone action waits offline and goes once (issue 10): a recommendation draft and a
dot, besides the cards, +1, votes and texts of test_phone_keeps.py; a workshop deleted while
phones and the projection are online is said plainly at once, not « Connecté ». Light on the
network: a reload fetches no static file again; another axis's cards come on demand."""
import re

from playwright.sync_api import expect
from sqlalchemy import func, select

from tests.browser.conftest import PHONE, join_from_phone
from tests.browser.test_activities_browser import start
from tests.browser.test_groups_browser import draft
from tests.browser.test_phone_keeps import back_online, go_offline, room, set_state, someone_posts
from workshops.extensions import db_session
from workshops.models import FeedbackAnswer, Recommendation, RecommendationVote
from workshops.services import retention
from workshops.services.activities import feedback
from workshops.services.board import cards
from workshops.services.groups import groups, wall
from workshops.services.room import participants


def test_a_recommendation_and_a_dot_wait_offline_and_go_once(live_server, new_page):
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        groups.form(session, workshop, count=1)
    start(live_server, code, "group_drafting")
    expect(phone.locator("#group-title")).to_have_text("Groupe 1")
    phone.locator("#rec-text").fill("Écrite dans le mé")
    phone.reload()  # the text being typed survives a reload (QA.md #13)
    expect(phone.locator("#rec-text")).to_have_value("Écrite dans le mé")

    go_offline(phone)
    draft(phone, "Écrite dans le métro", "Pour ma structure").click()
    expect(phone.locator("#status")).to_contain_text("1 recommandation en attente d'envoi")
    back_online(phone)
    expect(phone.locator(".our-recs article.rec")).to_have_count(1)

    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        wall.set_wall(session, workshop, open_=True, dots=2)
    phone.get_by_role("button", name=re.compile(r"^Le mur \(")).click()
    dot = phone.locator(".wall-phone article.rec").get_by_role("button", name=re.compile("^Ajouter une gommette"))
    go_offline(phone)
    dot.click()
    expect(phone.locator("#status")).to_contain_text("1 gommette en attente d'envoi")
    back_online(phone)
    expect(phone.locator(".dots-left")).to_have_text("Il vous reste 1 gommette sur 2.")

    phone.reload()  # a reload re-reads the outbox: nothing goes twice; the sent text is no draft
    expect(phone.locator("#status")).to_have_text("Connecté")
    expect(phone.locator("#rec-text")).to_have_value("")
    with live_server.app.app_context():
        session = db_session()
        assert session.scalar(select(func.count()).select_from(Recommendation)) == 1
        assert session.scalar(select(func.sum(RecommendationVote.count))) == 1
    assert phone.errors == []


def test_a_workshop_deleted_while_phones_and_projection_are_online_is_said_at_once(live_server, new_page):
    """Nobody has to act: the room's last event says the workshop is gone, the phone and
    the projection say so in plain French and stop (no « Connecté » left behind)."""
    code, key = live_server.workshop()
    someone_posts(live_server, code, "Une carte à soutenir", "other-1")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    expect(phone.locator("article.card")).to_have_count(1)
    projection = new_page({"width": 1280, "height": 720})
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    expect(projection.locator("#view-join")).to_be_visible()
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        retention.delete_workshop(session, workshop, None)
    expect(phone.get_by_role("heading", name="Cet atelier n'existe plus")).to_be_visible()
    expect(phone.locator("#ended-text")).to_contain_text("Cet atelier a été supprimé par ses organisateurs.")
    expect(phone.locator("#status")).to_have_text("")
    expect(projection.get_by_role("heading", name="Cet atelier a été supprimé par ses organisateurs.")).to_be_visible()
    expect(projection.locator("#view-join")).to_be_hidden()
    assert phone.errors == [] and projection.errors == []


def test_a_reload_fetches_no_static_file_again(live_server, new_page):
    """Static files are versioned and kept a year, modules too (import map): reloading the
    phone asks the server for the page and the room's state only."""
    code, _key = live_server.workshop()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    sent, cached = {}, set()
    cdp.on("Network.requestWillBeSent", lambda e: sent.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    phone.reload()
    expect(phone.locator("#status")).to_have_text("Connecté")
    # (Chromium's favicon loader asks apart from the page's cache: not counted.)
    fetched = [url for rid, url in sent.items() if "/static/" in url and rid not in cached and "favicon" not in url]
    assert fetched == []
    assert any("/static/js/core/dom.js" in url for url in sent.values())  # asked, and served from the cache
    assert phone.errors == []


def test_the_cards_of_the_next_axis_come_when_the_room_moves_there(live_server, new_page):
    """The phone's snapshot holds the axis shown; another axis's cards come on demand."""
    code, _key = live_server.workshop()
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        person, _ = participants.join(session, workshop, "Bailleur", "association", "direction")
        cards.post_card(session, workshop, person, "later-1", workshop.axes[1].id, "lever", "Sur l'axe suivant")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    expect(phone.locator("#activity")).not_to_contain_text("Sur l'axe suivant")
    set_state(live_server, code, axis=1)
    expect(phone.locator("article.card")).to_have_text(re.compile("Sur l'axe suivant"))
    assert phone.errors == []


def test_feedback_answers_wait_offline_and_are_stored_once(live_server, new_page):
    code, _key = live_server.workshop()
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        feedback.configure(session, workshop, open_=True)
    phone = new_page(PHONE)
    phone.goto(f"{live_server.url}/f/{code}")
    phone.get_by_label("4", exact=True).check()
    phone.get_by_label("Oui", exact=True).check()
    phone.get_by_label("Qu'est-ce qui vous a été le plus utile ?").fill("Répondu dans le métro")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.locator("#feedback-waiting")).to_be_visible()
    phone.context.set_offline(False)
    expect(phone.get_by_role("status")).to_contain_text("Vos réponses sont enregistrées", timeout=15_000)
    phone.wait_for_timeout(6000)  # a retry cycle later: nothing goes twice
    with live_server.app.app_context():
        assert db_session().scalar(select(func.count()).select_from(FeedbackAnswer)) == 1
    assert phone.errors == []
