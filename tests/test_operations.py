"""The operation table's framework: declarations, input validation with our error codes,
and room events delivered once, after the commit, through the one hook."""
import re
from typing import Annotated

import pytest
from pydantic import Field

from workshops.db import Database
from workshops.migrate import create_tables
from workshops.models import RoomEvent
from workshops.operations import (PARTICIPANT, STAFF, Input, OnError, Operation, Rest,
                                  checked_by_service)
from workshops.operations import docs
from workshops.operations.table import OPERATIONS
from workshops.services.base import events
from workshops.services.base.errors import ServiceError
from workshops.services.room import accounts, workshops
from workshops.formats import get_builtin

FORMAT_ID = "logement-d-abord-10-axes"


class Sample(Input):
    id: Annotated[int | None, OnError("unknown_card", 404)] = None
    text: Annotated[str | None, OnError("text_required")] = None
    size: Annotated[int, Field(ge=2)] = 2
    count: Annotated[int | None, OnError("invalid_count", max=200)] = None
    raw: checked_by_service({"type": "integer"}) = None


def sample(caller, data):
    return data


OPERATION = Operation("sample.do", frozenset({PARTICIPANT}), Sample, sample, "A sample")


def test_an_operation_without_a_rule_for_its_callers_cannot_be_declared():
    with pytest.raises(ValueError, match="who may call"):
        Operation("nobody.calls", frozenset(), Sample, sample, "No rule")
    with pytest.raises(ValueError, match="who may call"):
        Operation("typo.calls", frozenset({"organizer"}), Sample, sample, "Misspelt role")


def test_input_is_typed_strictly_and_unknown_fields_are_ignored():
    parsed = OPERATION.parse({"id": 3, "text": "Bonjour", "extra": [1]})
    assert (parsed.id, parsed.text, parsed.size) == (3, "Bonjour", 2)


def test_a_field_the_service_judges_passes_any_json_value_through():
    assert OPERATION.parse({"raw": "douze"}).raw == "douze"
    assert OPERATION.input.model_json_schema()["properties"]["raw"]["type"] == "integer"


def test_a_refused_field_keeps_its_messages_parameters(app):
    with pytest.raises(ServiceError) as raised:
        OPERATION.parse({"count": "beaucoup"})
    assert (raised.value.code, raised.value.params) == ("invalid_count", {"max": 200})


@pytest.mark.parametrize("data, code, status", [
    ({"id": "3"}, "unknown_card", 404),      # no coercion: "3" is not a card id
    ({"id": True}, "unknown_card", 404),
    ({"text": 12}, "text_required", 400),
    ({"id": "x", "text": 12}, "unknown_card", 404),  # the first refused field answers
    ({"size": 1}, "invalid_body", 400),      # a field without a code of its own
])
def test_refused_input_answers_with_the_fields_error_code(data, code, status):
    with pytest.raises(ServiceError) as raised:
        OPERATION.parse(data)
    assert (raised.value.code, raised.value.status) == (code, status)


def test_rest_bindings_read_a_body_only_where_json_is_sent():
    assert Rest("POST", "/x", "x").takes_body
    assert not Rest("PUT", "/x", "x", body=False).takes_body
    assert not Rest("DELETE", "/x", "x").takes_body
    assert not Rest("GET", "/x", "x", query=True).takes_body


def test_every_declared_operation_is_exposed_and_named_once():
    events_ = [event.name for op in OPERATIONS for event in op.events]
    assert len(events_) == len(set(events_))
    assert all(op.rest or op.events for op in OPERATIONS)
    assert {op.name for op in OPERATIONS if op.allow & STAFF} >= {"card.moderate", "state.set"}


@pytest.fixture
def database(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'events.db'}")
    create_tables(database)
    yield database
    database.engine.dispose()


@pytest.fixture
def delivered(database):
    sent = []
    events.deliver_after_commit(database.session_factory, sent.append)
    return sent


def _workshop(session):
    account = accounts.create_account(session, "o@example.org", "correct horse battery")
    return workshops.create_workshop(session, account, "Atelier", get_builtin(FORMAT_ID))


def test_room_events_go_out_once_after_the_commit(database, delivered):
    with database.session_factory() as session:
        workshop = _workshop(session)
        delivered.clear()
        event = events.record(session, workshop, "state", {"view": "board"})
        assert delivered == []  # recorded, not committed: nothing sent yet
        session.commit()
        assert [[e.seq for e in batch] for batch in delivered] == [[event.seq]]
        session.commit()  # nothing new recorded: nothing sent again
        assert len(delivered) == 1


def test_rolled_back_events_are_never_sent(database, delivered):
    with database.session_factory() as session:
        workshop = _workshop(session)
        delivered.clear()
        events.record(session, workshop, "state", {"view": "board"})
        session.rollback()
        session.commit()
        assert delivered == []
        assert session.query(RoomEvent).filter_by(type="state").count() == 0


def test_a_delivery_failure_does_not_undo_or_break_the_commit(database):
    def fail(_events):
        raise RuntimeError("Redis is gone")

    events.deliver_after_commit(database.session_factory, fail)
    with database.session_factory() as session:
        workshop = _workshop(session)
        events.record(session, workshop, "state", {"view": "board"})
        session.commit()
        assert session.query(RoomEvent).filter_by(type="state").count() == 1


def test_the_realtime_docs_event_tables_follow_the_declarations():
    text = docs.DOC.read_text(encoding="utf-8")
    assert docs.updated(text) == text, "run: python -m workshops.operations.docs"
    documented = set(re.findall(r"^\| `([\w:]+)` \|", text, re.M))
    assert {event.name for op in OPERATIONS for event in op.events} <= documented
