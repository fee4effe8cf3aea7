"""A phone's (re)connect reads its own rows through indexes: no full scan of a table that
grows with every workshop the server has held (SQLite's EXPLAIN QUERY PLAN)."""
import re

from sqlalchemy import event, text

from workshops.extensions import db_session
from workshops.models import Workshop

GROWING = {"cards", "supports", "poll_votes", "writings", "recommendations",
           "recommendation_votes", "participants", "group_members", "room_events",
           "feedback_answers", "attendance"}


def _statements_of_a_phone_joining(room, answered=False) -> list[tuple[str, tuple]]:
    """The SELECTs of a phone's connect then `sync {since: 0}`, or (`answered`) of its
    connect with `since: 0`, the snapshot coming with the connection (static/js/core/live.js)."""
    engine = room.app.extensions["ensemble.db"].engine
    seen = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    _pid, _headers, token = room.join()
    event.listen(engine, "before_cursor_execute", record)
    try:
        if answered:
            socket = room.socket(role="participant", token=token, since=0)
            assert [e["name"] for e in socket.get_received()] == ["synced"]
        else:
            socket = room.socket(role="participant", token=token)
            assert socket.emit("sync", {"since": 0}, callback=True)["ok"]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_phone_snapshot_never_scans_a_growing_table(room):
    statements = _statements_of_a_phone_joining(room) + _statements_of_a_phone_joining(
        room, answered=True)
    assert statements
    engine = room.app.extensions["ensemble.db"].engine
    scans = []
    with engine.connect() as connection:
        for statement, parameters in statements:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            for row in plan:
                match = re.match(r"SCAN (\w+)(?! USING (?:COVERING )?INDEX)", row[-1])
                if match and match.group(1) in GROWING:
                    scans.append((match.group(1), statement.split("WHERE")[-1].strip()[:80]))
    assert scans == []


def test_a_phone_joining_a_warm_room_reads_the_database_three_times(room):
    """A join storm is a thousand of these: `connect` reads the workshop and the participant
    by code and token in one query, `sync` them again in one (the role re-checked), then
    asks once whether the phone has rows of its own; the room's shared parts are already
    built (docs/performance.md, « Join cost »)."""
    room.app.extensions["ensemble.snapshots"].max_age = 3600  # a slow machine keeps them too
    _pid, _headers, first = room.join()
    assert room.socket(token=first).emit("sync", {"since": 0}, callback=True)["ok"]
    statements = _statements_of_a_phone_joining(room)
    assert [s.split()[0] for s, _ in statements] == ["SELECT"] * 3, statements


def test_a_phone_answered_with_its_connection_reads_the_database_twice(room):
    """With `since` in its auth the snapshot comes with the connection: the workshop and the
    participant read and checked by `connect` serve its `sync`, then the own-rows probe."""
    room.app.extensions["ensemble.snapshots"].max_age = 3600
    _pid, _headers, first = room.join()
    assert room.socket(token=first).emit("sync", {"since": 0}, callback=True)["ok"]
    statements = _statements_of_a_phone_joining(room, answered=True)
    assert [s.split()[0] for s, _ in statements] == ["SELECT"] * 2, statements


def test_a_room_deleted_since_connect_answers_unknown_workshop_at_sync(room):
    """The one query of `sync` finding nothing, the room is told apart from the participant
    (tests/test_realtime.py: a deleted participant gets `unauthorized`)."""
    _pid, _headers, token = room.join()
    phone = room.socket(token=token)
    with room.app.app_context():
        session = db_session()
        session.delete(session.get(Workshop, room.workshop.id))
        session.commit()
    answer = phone.emit("sync", {"since": 0}, callback=True)
    assert answer["ok"] is False and answer["error"]["code"] == "unknown_workshop"
