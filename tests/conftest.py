"""Shared fixtures: an app on a fresh SQLite file, API helpers, Socket.IO test clients."""
import os

import pytest

from workshops.factory import create_app
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.services.room import accounts, workshops

FORMAT_ID = "logement-d-abord-10-axes"
PASSWORD = "correct horse battery"


def pytest_collection_modifyitems(items):
    """Browser tests last: they are the slowest, and Playwright's sync API leaves an event
    loop marked running in the main thread, which `asyncio.run` in later tests refuses."""
    items.sort(key=lambda item: "/tests/browser/" in str(item.fspath).replace("\\", "/"))


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """scrypt costs about a second per hash on a busy 2-core machine: too slow for tests."""
    monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")


def _server_schema(server_url: str) -> tuple[str, str]:
    """TEST_DATABASE_URL (PostgreSQL): a fresh schema per test, so tests never share rows."""
    import uuid

    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server_url else "?"
    return f"{server_url}{separator}options=-csearch_path%3D{schema}", schema


def _drop_schema(server_url: str, schema: str) -> None:
    """Best effort: a background task still holding a lock leaves the schema behind,
    in a database that only tests use."""
    import psycopg

    with psycopg.connect(server_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("SET lock_timeout = '3s'")
        try:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        except psycopg.errors.LockNotAvailable:
            pass


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path / "instance"))
    server_url, schema = os.environ.get("TEST_DATABASE_URL"), None
    database_url = f"sqlite:///{tmp_path / 'test.db'}"
    if server_url:
        database_url, schema = _server_schema(server_url)
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "CREATE_TABLES": True,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test",
        "PUBLIC_URL": "http://ensemble.test",
        # Every event at once: tests/test_phone_digest.py and the browser tests cover batches.
        "PHONE_BATCH_S": 0,
    })
    yield app
    database = app.extensions["ensemble.db"]
    database.remove()
    database.engine.dispose()
    if schema:
        _drop_schema(server_url, schema)


def make_facilitator(session, workshop, account) -> None:
    """Invite the account to co-facilitate the workshop, and accept for it."""
    workshops.invite_facilitator(session, workshop, account.email)
    workshops.answer_invitation(session, workshop, account, accept=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def session(app):
    with app.app_context():
        yield db_session()


class Room:
    """A workshop with an organiser, ready for API calls."""

    def __init__(self, app, client):
        self.app, self.client = app, client
        with app.app_context():
            s = db_session()
            self.account = accounts.create_account(s, "orga@example.org", PASSWORD)
            self.token = accounts.issue_token(s, self.account)
            self.workshop = workshops.create_workshop(s, self.account, "Journée test",
                                                      get_builtin(FORMAT_ID))
            self.code = self.workshop.code
            self.axes = [a.id for a in self.workshop.axes]

    @property
    def auth(self):
        return {"Authorization": f"Bearer {self.token}"}

    def join(self, organisation="Foyer A", organisation_type="association",
             profession="travail_social", display_name=""):
        response = self.client.post(f"/api/v1/workshops/{self.code}/participants", json={
            "organisation": organisation, "organisation_type": organisation_type,
            "profession": profession, "display_name": display_name})
        assert response.status_code == 201, response.get_json()
        data = response.get_json()
        return data["id"], {"Authorization": f"Bearer {data['token']}"}, data["token"]

    def post_card(self, headers, text="Un levier", kind="lever", axis=None, client_id=None,
                  parent=None):
        import uuid

        return self.client.post(f"/api/v1/workshops/{self.code}/cards", headers=headers, json={
            "client_id": client_id or str(uuid.uuid4()), "axis": axis or self.axes[0],
            "kind": kind, "text": text, "parent": parent})

    def socket(self, role="participant", token=None, key=None, flask_client=None, since=None):
        """A connection; with `since`, answered at once with `synced` (docs/realtime.md)."""
        socketio = self.app.extensions["ensemble.socketio"]
        auth = {"code": self.code, "role": role}
        if token:
            auth["token"] = token
        if key:
            auth["key"] = key
        if since is not None:
            auth["since"] = since
        return socketio.test_client(self.app, auth=auth, flask_test_client=flask_client)

    def login(self, client=None, email="orga@example.org"):
        client = client or self.client
        response = client.post("/connexion", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302
        return client


@pytest.fixture
def room(app, client):
    return Room(app, client)
