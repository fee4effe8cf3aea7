"""Authorization, generated from the operation table: every declared operation, called by
every kind of caller over REST and over Socket.IO, gets the answer its declaration gives —
allowed callers get past the check (whatever their input's fate), the others get 401/403
(REST) or `not_allowed`/`unauthorized` (Socket.IO), or cannot even connect."""
import dataclasses
import re

import pytest

from workshops.factory import create_app
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.operations import (ACCOUNT, FACILITATOR, ORGANISER, PARTICIPANT, PROJECTION,
                                  PUBLIC)
from workshops.operations.table import OPERATIONS
from workshops.services.room import accounts, participants, workshops

PASSWORD = "correct horse battery"
FORMAT_ID = "logement-d-abord-10-axes"
ROLES = ("anonymous", "participant", "participant_elsewhere", "projection",
         "projection_elsewhere", "facilitator", "owner", "organiser_elsewhere")
# The roles each kind of caller holds in the workshop called (the others hold none there);
# every organiser's account may look after its own things (formats, its workshops list).
HOLDS = {"participant": {PARTICIPANT}, "projection": {PROJECTION},
         "facilitator": {FACILITATOR, ACCOUNT}, "owner": {ORGANISER, ACCOUNT},
         "organiser_elsewhere": {ACCOUNT}}
REFUSALS = {"unauthorized", "not_allowed"}
NOWHERE = 999_999  # an id that names nothing: allowed callers then meet a 404, not a 403


def allowed(operation, role: str) -> bool:
    return PUBLIC in operation.allow or bool(HOLDS.get(role, set()) & operation.allow)


class World:
    """Two workshops (here, elsewhere), each with its people, and their credentials."""

    def __init__(self, app):
        self.app = app
        with app.app_context():
            s = db_session()
            owner = accounts.create_account(s, "owner@example.org", PASSWORD)
            facilitator = accounts.create_account(s, "co@example.org", PASSWORD)
            other = accounts.create_account(s, "other@example.org", PASSWORD)
            here = workshops.create_workshop(s, owner, "Ici", get_builtin(FORMAT_ID))
            elsewhere = workshops.create_workshop(s, other, "Ailleurs", get_builtin(FORMAT_ID))
            workshops.invite_facilitator(s, here, facilitator.email)
            workshops.answer_invitation(s, here, facilitator, accept=True)
            _p, token_here = participants.join(s, here, "Foyer", "association", "direction")
            _q, token_elsewhere = participants.join(s, elsewhere, "Foyer", "association",
                                                    "direction")
            self.code = here.code
            self.bearer = {
                "anonymous": None, "participant": token_here,
                "participant_elsewhere": token_elsewhere, "projection": here.projection_key,
                "projection_elsewhere": elsewhere.projection_key,
                "facilitator": accounts.issue_token(s, facilitator),
                "owner": accounts.issue_token(s, owner),
                "organiser_elsewhere": accounts.issue_token(s, other)}
            self.socket_auth = {
                "anonymous": {"role": "participant"},
                "participant": {"role": "participant", "token": token_here},
                "participant_elsewhere": {"role": "participant", "token": token_elsewhere},
                "projection": {"role": "projection", "key": here.projection_key},
                "projection_elsewhere": {"role": "projection", "key": elsewhere.projection_key},
                "facilitator": {"role": "staff", "email": facilitator.email},
                "owner": {"role": "staff", "email": owner.email},
                "organiser_elsewhere": {"role": "staff", "email": other.email}}
        self.sockets = {role: self._connect(role) for role in ROLES}

    def _connect(self, role):
        auth = dict(self.socket_auth[role], code=self.code)
        flask_client = self.app.test_client()
        email = auth.pop("email", None)
        if email:
            response = flask_client.post("/connexion", data={"email": email,
                                                             "password": PASSWORD})
            assert response.status_code == 302
        client = self.app.extensions["ensemble.socketio"].test_client(
            self.app, auth=auth, flask_test_client=flask_client)
        return client if client.is_connected() else None

    def rest(self, binding, role):
        path = re.sub(r"<int:\w+>", str(NOWHERE), binding.path).replace("<code>", self.code)
        path = re.sub(r"<\w+>", "nothing", path)
        token = self.bearer[role]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.app.test_client().open(
            "/api" + path, method=binding.method, headers=headers,
            json={} if binding.takes_body else None)
        error = (response.get_json(silent=True) or {}).get("error") \
            if response.status_code >= 400 else None
        return response.status_code, error["code"] if isinstance(error, dict) else None

    def emit(self, event, role):
        client = self.sockets[role]
        if client is None:
            return None  # refused at connect
        ack = client.emit(event, {"id": NOWHERE}, callback=True)
        client.get_received()
        return ack


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    cheap = pytest.MonkeyPatch()
    cheap.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")  # scrypt: a second a hash
    app = create_app({
        "TESTING": True, "CREATE_TABLES": True, "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test", "PUBLIC_URL": "http://ensemble.test", "PHONE_BATCH_S": 0,
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('authz') / 'test.db'}"})
    yield World(app)
    app.extensions["ensemble.db"].engine.dispose()
    cheap.undo()


def rest_escapes(world, operation) -> list[str]:
    escapes = []
    for binding in operation.rest:
        for role in ROLES:
            status, code = world.rest(binding, role)
            refused = status in (401, 403) and code in REFUSALS
            if refused == allowed(operation, role):
                escapes.append(f"{binding.method} {binding.path} as {role}: {status} {code}")
    return escapes


def socket_escapes(world, operation) -> list[str]:
    escapes = []
    for event in operation.events:
        for role in ROLES:
            ack = world.emit(event.name, role)
            refused = ack is None or (not ack["ok"] and ack["error"]["code"] in REFUSALS)
            if refused == allowed(operation, role):
                escapes.append(f"{event.name} as {role}: {ack}")
    return escapes


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_every_caller_gets_the_tables_answer_over_rest_and_socketio(world, operation):
    assert rest_escapes(world, operation) + socket_escapes(world, operation) == []


def test_the_matrix_sees_a_disagreement(world):
    """Measured against a table that lets participants moderate, the routes' refusal of the
    participant shows: the check compares what happens with what is declared."""
    moderate = next(op for op in OPERATIONS if op.name == "card.moderate")
    loose = dataclasses.replace(moderate, allow=moderate.allow | {PARTICIPANT})
    assert any("as participant" in e for e in rest_escapes(world, loose))
    assert any("as participant" in e for e in socket_escapes(world, loose))
