"""Catching up after (re)connecting: replay what was missed, or send a snapshot."""
from typing import Annotated

from pydantic import Field

from workshops.operations import (SCREENS, Caller, Event, Input, Operation, as_is,
                                  checked_by_service)
from workshops.services.agenda.timer import server_now_ms
from workshops.services.base import events
from workshops.services.groups import groups
from workshops.services.snapshot import snapshot


class Since(Input):
    since: Annotated[checked_by_service({"type": "integer"}),
                     Field(description="the last `seq` the screen applied; 0 (or anything "
                                       "but a number) asks for a snapshot")] = 0


def replay_audiences(caller: Caller) -> tuple[str, ...] | None:
    """Which logged events a reconnecting screen may replay (None: all of them): staff
    every audience, a participant `all` and their current group's, the projection `all`."""
    if caller.kind == "staff":
        return None
    if caller.participant is not None:
        group = groups.group_of(caller.session, caller.participant)
        if group is not None:
            return ("all", f"group:{group.id}")
    return ("all",)


def sync(caller: Caller, data: Since):
    since = data.since if isinstance(data.since, int) and not isinstance(data.since, bool) else 0
    found = {"seq": caller.workshop.last_seq, "now": server_now_ms()}
    if events.needs_snapshot(caller.workshop, since):
        return dict(found, snapshot=snapshot(caller.session, caller.workshop, caller.kind,
                                             caller.participant, caller.snapshots))
    missed = events.events_since(caller.session, caller.workshop, since,
                                 replay_audiences(caller))
    return dict(found, events=[events.envelope(e) for e in missed])


OPERATIONS = (
    Operation(
        "room.sync", SCREENS, Since, sync,
        "Catch up after (re)connecting: the events missed since `since`, or a snapshot",
        events=(Event("sync", as_is, "`{seq, now, events}` or `{seq, now, snapshot}`"),)),
)
