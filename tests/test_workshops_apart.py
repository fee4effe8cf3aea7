"""One workshop never harms another: a workshop whose purge fails (a day stored in year
9999, before dates were bounded) is logged and counted while every other workshop is purged
on time; nobody becomes a co-facilitator without accepting, and a dashboard never fails."""
import datetime as dt
import logging

from tests.conftest import PASSWORD
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.models import Day, Participant
from workshops.services import retention
from workshops.services.room import accounts, participants, workshops

FORMAT = get_builtin("logement-d-abord-10-axes")


def _workshop_with_people(session, owner, title, last_day: dt.date):
    workshop = workshops.create_workshop(session, owner, title, FORMAT)
    participants.join(session, workshop, "Foyer", "association", "direction")
    day = session.query(Day).filter_by(workshop_id=workshop.id).order_by(Day.position).first()
    day.date = last_day  # straight into the table, as an old database may hold it
    session.commit()
    return workshop


def test_a_poisoned_workshop_does_not_stop_the_purge_of_the_others(room, caplog):
    with room.app.app_context():
        s = db_session()
        before = _workshop_with_people(s, room.account, "Avant", dt.date(2026, 1, 5))
        poisoned = _workshop_with_people(s, room.account, "Poison", dt.date(9999, 12, 31))
        after = _workshop_with_people(s, room.account, "Après", dt.date(2026, 1, 6))
        failed = []
        with caplog.at_level(logging.ERROR):
            purged = retention.purge_due(s, dt.datetime(2026, 6, 1), failed=failed.append)
        assert set(purged) == {before.code, after.code}
        assert failed == [poisoned.code]
        assert any(poisoned.code in record.getMessage() for record in caplog.records)
        left = {p.workshop_id for p in s.query(Participant)}
        assert left == {poisoned.id}


def test_a_poisoned_workshop_leaves_its_team_s_dashboard_working(room):
    with room.app.app_context():
        s = db_session()
        workshop = _workshop_with_people(s, room.account, "Poison", dt.date(9999, 12, 31))
    room.login()
    page = room.client.get("/organisateur/")
    assert page.status_code == 200
    assert workshop.code in page.get_data(as_text=True)


def _account(room, email):
    with room.app.app_context():
        s = db_session()
        account = accounts.create_account(s, email, PASSWORD)
        return {"Authorization": f"Bearer {accounts.issue_token(s, account)}"}


def test_a_co_facilitator_is_invited_and_accepts_before_the_workshop_is_theirs(room):
    client, code = room.client, room.code
    co = _account(room, "co@example.org")
    answer = client.post(f"/api/v1/workshops/{code}/facilitators", headers=room.auth,
                         json={"email": "co@example.org"})
    assert answer.status_code == 201
    assert client.get("/api/v1/workshops", headers=co).get_json() == []
    assert client.get(f"/api/v1/workshops/{code}", headers=co).status_code == 403
    assert client.get("/api/v1/invitations", headers=co).get_json() == [
        {"code": code, "title": "Journée test"}]
    assert client.post(f"/api/v1/invitations/{code}", headers=co).status_code == 200
    assert [w["code"] for w in client.get("/api/v1/workshops", headers=co).get_json()] == [code]
    assert client.get(f"/api/v1/workshops/{code}", headers=co).status_code == 200
    assert client.post(f"/api/v1/invitations/{code}", headers=co).status_code == 404


def test_an_invitation_can_be_declined_from_the_dashboard(room):
    _account(room, "co@example.org")
    room.client.post(f"/api/v1/workshops/{room.code}/facilitators", headers=room.auth,
                     json={"email": "co@example.org"})
    room.login(email="co@example.org")
    assert "Invitations à co-animer" in room.client.get("/organisateur/").get_data(as_text=True)
    room.client.post(f"/organisateur/invitations/{room.code}/refuser")
    page = room.client.get("/organisateur/").get_data(as_text=True)
    assert "Invitations à co-animer" not in page and room.code not in page


def test_inviting_answers_the_same_whether_the_account_exists_or_not(room):
    _account(room, "co@example.org")
    url = f"/api/v1/workshops/{room.code}/facilitators"
    known = room.client.post(url, headers=room.auth, json={"email": "co@example.org"})
    unknown = room.client.post(url, headers=room.auth, json={"email": "nobody@example.org"})
    assert (known.status_code, unknown.status_code) == (201, 201)
    assert known.get_json() == {"email": "co@example.org", "role": "invited"}
    assert unknown.get_json() == {"email": "nobody@example.org", "role": "invited"}
