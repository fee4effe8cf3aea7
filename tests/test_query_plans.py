"""A phone's (re)connect reads its own rows through indexes: no full scan of a table that
grows with every workshop the server has held (SQLite's EXPLAIN QUERY PLAN)."""
import re

from sqlalchemy import event, text

GROWING = {"cards", "supports", "poll_votes", "writings", "recommendations",
           "recommendation_votes", "participants", "group_members", "room_events",
           "feedback_answers", "attendance"}


def _statements_of_a_phone_joining(room) -> list[tuple[str, tuple]]:
    engine = room.app.extensions["ensemble.db"].engine
    seen = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    _pid, _headers, token = room.join()
    event.listen(engine, "before_cursor_execute", record)
    try:
        socket = room.socket(role="participant", token=token)
        assert socket.emit("sync", {"since": 0}, callback=True)["ok"]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_phone_snapshot_never_scans_a_growing_table(room):
    statements = _statements_of_a_phone_joining(room)
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
