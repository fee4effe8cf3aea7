"""Sessions and tokens: logging out ends the session on the server (a kept cookie opens
nothing), API tokens expire and their owner lists and revokes them, the login answers the
same way and in about the same time whether the account exists, secrets are compared in
constant time."""
import datetime as dt
import time

from workshops.extensions import db_session
from workshops.models import ApiToken
from workshops.services.room import accounts

from tests.conftest import PASSWORD


def test_a_session_cookie_kept_from_before_logout_opens_nothing(room):
    client = room.login()
    kept = client.get_cookie("session").value
    assert client.get("/organisateur/").status_code == 200
    client.post("/deconnexion")
    replay = room.app.test_client()
    replay.set_cookie("session", kept)
    response = replay.get("/organisateur/")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    staff = room.socket("staff", flask_client=replay)
    assert not staff.is_connected()
    assert room.login().get("/organisateur/").status_code == 200  # logging in again works


def test_the_owner_lists_and_revokes_their_tokens(room):
    client = room.client
    listed = client.get("/api/v1/tokens", headers=room.auth).get_json()
    assert len(listed) == 1 and "token" not in listed[0] and listed[0]["expires_at"]
    other = client.post("/api/v1/tokens", json={"email": "orga@example.org",
                                                 "password": PASSWORD}).get_json()["token"]
    assert len(client.get("/api/v1/tokens", headers=room.auth).get_json()) == 2
    assert client.delete(f"/api/v1/tokens/{listed[0]['id']}",
                         headers={"Authorization": f"Bearer {other}"}).status_code == 204
    assert client.get("/api/v1/workshops", headers=room.auth).status_code == 401
    with room.app.app_context():
        s = db_session()
        stranger = accounts.create_account(s, "autre@example.org", PASSWORD)
        stranger_auth = {"Authorization": f"Bearer {accounts.issue_token(s, stranger)}"}
    mine = client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {other}"})
    response = client.delete(f"/api/v1/tokens/{mine.get_json()[0]['id']}",
                             headers=stranger_auth)
    assert response.status_code == 404


def test_a_token_stops_working_after_its_lifetime(room):
    assert room.client.get("/api/v1/workshops", headers=room.auth).status_code == 200
    with room.app.app_context():
        s = db_session()
        for token in s.query(ApiToken):
            token.created_at -= accounts.TOKEN_LIFETIME + dt.timedelta(minutes=1)
        s.commit()
    assert room.client.get("/api/v1/workshops", headers=room.auth).status_code == 401


def test_tokens_are_listed_and_revoked_on_the_organiser_page(room):
    client = room.login()
    page = client.get("/organisateur/").get_data(as_text=True)
    assert "Jetons d'API" in page and "Révoquer" in page
    # Dates read as the organiser says them, not as ISO codes.
    today = dt.datetime.now(dt.timezone.utc)
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    assert f"Créé le {today.day} {months[today.month - 1]} {today.year}" in page
    assert f"{today:%Y-%m-%d}" not in page
    with room.app.app_context():
        token_id = db_session().query(ApiToken).one().id
    client.post(f"/organisateur/jetons/{token_id}/revoquer")
    assert client.get("/api/v1/workshops", headers=room.auth).status_code == 401


def test_the_login_takes_as_long_for_an_unknown_address(room, monkeypatch):
    monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:200000")
    with room.app.app_context():
        s = db_session()
        accounts.create_account(s, "lent@example.org", PASSWORD)

    def timed(email):
        started = time.perf_counter()
        response = room.client.post("/api/v1/tokens", json={"email": email,
                                                            "password": "pas le bon"})
        return response, time.perf_counter() - started

    timed("lent@example.org")  # warm-up (the dummy hash is made once)
    timed("personne@example.org")
    known, known_s = timed("lent@example.org")
    unknown, unknown_s = timed("personne@example.org")
    assert (known.status_code, unknown.status_code) == (401, 401)
    assert known.get_json() == unknown.get_json()
    assert unknown_s > known_s / 3  # without the dummy hash: 3 ms against 100 ms


def test_projection_keys_are_compared_in_constant_time():
    import inspect

    from workshops.api import operations
    from workshops.realtime import _authenticate
    from workshops.views import projection

    for source in (inspect.getsource(operations._projected_workshop),
                   inspect.getsource(_authenticate), inspect.getsource(projection.screen)):
        assert "same_secret" in source and "== workshop.projection_key" not in source
