"""Every room event a service records is declared (operations/room_events.py), with the
fields it really carries: docs/realtime.md's server → room tables are written from those
declarations, so a field added to a payload and not declared fails here."""
import ast
from pathlib import Path

from sqlalchemy import event as sqlalchemy_event, select

from tests.booklet_helpers import study_day
from workshops.models import Group, RoomEvent, Workshop
from workshops.operations.room_events import BY_TYPE, ROOM_EVENTS
from workshops.operations.table import OPERATIONS
from workshops.services.activities import feedback, polls
from workshops.services import retention
from workshops.services.agenda import agenda, agenda_edit, live_activities, timer
from workshops.services.base import events
from workshops.services.board import cards
from workshops.services.groups import groups
from workshops.services.room import attendance, workshops

ROOT = Path(__file__).resolve().parent.parent


def recorded_types() -> set[str]:
    """The types the services pass to `events.record(session, workshop, "<type>", …)`."""
    found = set()
    for path in (ROOT / "workshops" / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "record" and len(node.args) >= 3 \
                    and isinstance(node.args[2], ast.Constant):
                found.add(node.args[2].value)
    return found


def test_every_recorded_type_is_declared_once():
    assert recorded_types() == set(BY_TYPE)
    assert len(BY_TYPE) == len(ROOM_EVENTS)


def test_operations_name_declared_room_events():
    unknown = {(op.name, kind) for op in OPERATIONS for kind in op.emits if kind not in BY_TYPE}
    assert unknown == set()


def _unchanged(session, workshop) -> list[dict]:
    keys = ("id", "title", "activity", "minutes", "instructions", "question", "axes", "poll",
            "restitution_of")
    return [{"id": d["id"], "title": d["title"], "date": d["date"], "objective": d["objective"],
             "sequences": [{k: s[k] for k in keys} for s in d["sequences"]]}
            for d in agenda.agenda_dict(session, workshop)["days"]]


def test_payloads_carry_exactly_the_declared_fields(room, session):
    workshop = session.merge(room.workshop)
    day = study_day(session, workshop)
    alice = day.people[0]
    cards.delete_own_card(session, workshop, alice, day.other_limit.id)
    workshops.update_workshop(session, workshop, title="Autre titre")
    group = session.scalar(select(Group).where(Group.workshop_id == workshop.id))
    groups.rename(session, workshop, group.id, "Groupe A")
    attendance.staff_event(session, workshop)
    agenda_edit.replace(session, workshop, _unchanged(session, workshop))
    feedback.configure(session, workshop, open_=True)
    poll = {"key": "territoire", "question": "Où en est notre territoire ?", "kind": "single",
            "options": [{"key": "coordination", "label": "Coordination"},
                        {"key": "integration", "label": "Intégration"}]}
    workshop.format_data = dict(workshop.format_data, polls=[poll])
    polls.set_open(session, workshop, poll["key"], True)
    polls.vote(session, workshop, alice, poll["key"], polls.option_keys(poll)[:1])
    _sequence, cloud, _events = live_activities.create(session, workshop, "poll", "Un mot ?",
                                                       "words")
    polls.set_open(session, workshop, cloud["key"], True)
    polls.vote(session, workshop, alice, cloud["key"], ["Logement", "Lien"])  # hidden: 2 events
    polls.set_shown(session, workshop, cloud["key"], True)
    for _step in agenda.steps(session, workshop)[1:]:  # through a restitution
        agenda.next_step(session, workshop)
    timer.act(session, workshop, "start", 5)

    recorded = list(session.scalars(select(RoomEvent).where(
        RoomEvent.workshop_id == workshop.id).order_by(RoomEvent.seq)))
    for event in recorded:
        BY_TYPE[event.type].data.model_validate(event.payload)
    # the scenario shows every type but the last one a room hears (the next test)
    assert {e.type for e in recorded} == set(BY_TYPE) - {"workshop_deleted"}


def test_a_deleted_workshop_is_the_last_thing_its_room_hears(room, session):
    workshop = session.merge(room.workshop)
    committing = []
    sqlalchemy_event.listen(session, "before_commit",
                            lambda s: committing.extend(s.info.get(events.PENDING, [])))
    retention.delete_workshop(session, workshop, None)
    assert [(e.type, e.audience) for e in committing] == [("workshop_deleted", "all")]
    BY_TYPE["workshop_deleted"].data.model_validate(committing[0].payload)
    assert session.get(Workshop, workshop.id) is None


def test_an_acknowledged_card_carries_the_seq_of_its_event(room):
    _pid, phone, _token = room.join()
    posted = room.post_card(phone).get_json()
    path = f"/api/v1/workshops/{room.code}/cards/{posted['id']}/support"
    supported = room.client.put(path, headers=phone).get_json()
    assert supported["seq"] > posted["seq"] > 0 and supported["supports"] == 1
    again = room.client.put(path, headers=phone).get_json()
    assert again == supported  # nothing changed: the same version, the same number
