"""The agenda (days and sequences, planned against actual), the timer, attendance and the
restitution: the staff drive them, the room follows."""
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from workshops.operations import (ORGANISER, STAFF, Caller, Event, Input, NoInput, OnError,
                                  Operation, Rest, checked_by_service)
from workshops.services.agenda import agenda, agenda_edit, restitution, timer
from workshops.services.room import attendance, workshops

BASE = "/v1/workshops/<code>"


class DayAttendance(BaseModel):
    day: int
    position: int
    title: str
    count: int = Field(description="phones counted that day")
    by_type: dict[str, int] = Field(description="organisation type → phones")


class AgendaMove(Input):
    action: Annotated[Literal["next", "previous", "goto", "show"] | None,
                      OnError("unknown_agenda_action")] = None
    sequence: Annotated[int | str | None, OnError("unknown_sequence"),
                        Field(description="goto: the sequence's id")] = None
    day: Annotated[int | str | None, OnError("unknown_day"),
                   Field(description="goto: a day's id (its welcome)")] = None
    start: Annotated[checked_by_service({
        "type": "object", "properties": {"day": {"type": ["integer", "null"]},
                                         "sequence": {"type": ["integer", "null"]}}}),
        Field(alias="from", description="next, previous: where the room was seen (the state's "
              "`day` and `sequence`): a step already taken from there is not taken again, "
              "a room moved elsewhere refuses it (409 `agenda_moved`)")] = None


class AgendaEdit(Input):
    days: Annotated[checked_by_service({"type": "array", "items": {"type": "object"}}),
                    Field(description="the days, each with its `sequences` (organisers, "
                                      "before the day)")] = None


class TimerAction(Input):
    action: Annotated[Literal[timer.ACTIONS] | None, OnError("unknown_timer_action")] = None
    minutes: Annotated[float | None, OnError("invalid_minutes", max=timer.MAX_SECONDS // 60),
                       Field(gt=0, le=timer.MAX_SECONDS // 60, description="start: the duration (default: the sequence's); "
                                         "add: minutes to add")] = None


class RestitutionMove(Input):
    index: Annotated[checked_by_service({"type": "integer", "minimum": 0}),
                     Field(description="the screen to show (0-based)")] = None


def get_agenda(caller: Caller, _data: NoInput):
    return agenda.agenda_dict(caller.session, caller.workshop)


def move(caller: Caller, data: AgendaMove):
    day_before = caller.workshop.current_day_id
    agenda.act(caller.session, caller.workshop, data.action, sequence=data.sequence,
               day=data.day, start=data.start)
    if caller.workshop.current_day_id != day_before:
        caller.notices.day_opened(caller.workshop.id, caller.workshop.current_day_id)
    return workshops.state_dict(caller.workshop)


def edit_agenda(caller: Caller, data: AgendaEdit):
    agenda_edit.replace(caller.session, caller.workshop, data.days)
    return agenda.agenda_dict(caller.session, caller.workshop)


def get_timer(caller: Caller, _data: NoInput):
    return timer.timer_dict(caller.workshop)


def drive_timer(caller: Caller, data: TimerAction):
    timer.act(caller.session, caller.workshop, data.action, data.minutes)
    return timer.timer_dict(caller.workshop)


def get_attendance(caller: Caller, _data: NoInput):
    return attendance.by_day(caller.session, caller.workshop)


def get_restitution(caller: Caller, _data: NoInput):
    return restitution.payload(caller.session, caller.workshop)


def show_screen(caller: Caller, data: RestitutionMove):
    restitution.goto(caller.session, caller.workshop, data.index)
    return restitution.payload(caller.session, caller.workshop)


FROM = ("`{}`, or `{from: {day, sequence}}` (the state's, where the room was seen): "
        "a step already taken from there is not taken again")
TIMER_DATA = {
    "start": "`{minutes?}` (default: the sequence's planned minutes; decimals allowed)",
    "add": "`{minutes}` (while running — after the end, counted from now — or paused)"}


def _state(state) -> dict:
    return {"state": state}


def _timer(state) -> dict:
    return {"timer": state}


OPERATIONS = (
    Operation(
        "agenda.get", STAFF, NoInput, get_agenda,
        "Days and sequences, planned against actual minutes, attendance, where we are",
        output="Agenda", rest=(Rest("GET", BASE + "/agenda", "The agenda"),),
        events=(Event("agenda:get", lambda found: {"agenda": found},
                      "`{agenda}` — as `GET /api/v1/workshops/{code}/agenda`"),)),
    Operation(
        "agenda.move", STAFF, AgendaMove, move,
        "Move along the agenda: next, previous, go to a sequence or a day, or show the "
        "current activity on the projection again",
        output="State", emits=("state", "agenda", "timer"), errors=(409,),
        rest=(Rest("POST", BASE + "/agenda", "{action: next|previous|goto|show, sequence?, "
                   "day?, from?} → the room state"),),
        events=(Event("agenda:next", _state, "`{state}`; `agenda_end` at the end; "
                      "`agenda_moved` when the room left `from` meanwhile",
                      fixed={"action": "next"}, data=FROM),
                Event("agenda:previous", _state, "`{state}`; `agenda_start` at the start; "
                      "`agenda_moved` when the room left `from` meanwhile",
                      fixed={"action": "previous"}, data=FROM),
                Event("agenda:goto", _state, "`{state}`", fixed={"action": "goto"},
                      data="`{sequence: id}` or `{day: id}` (that day's welcome)"),
                Event("agenda:show", _state, "`{state}` — the current activity's own view "
                      "on the projection", fixed={"action": "show"}, data="`{}`"))),
    Operation(
        "agenda.edit", frozenset({ORGANISER}), AgendaEdit, edit_agenda,
        "Replace the days and sequences (organisers, before the day)", output="Agenda",
        emits=("agenda", "state"), errors=(409,),
        rest=(Rest("PATCH", BASE + "/agenda", "Replace the days and sequences"),)),
    Operation(
        "timer.get", STAFF, NoInput, get_timer, "The timer", output="Timer",
        rest=(Rest("GET", BASE + "/timer", "The timer"),)),
    Operation(
        "timer.drive", STAFF, TimerAction, drive_timer,
        "start (minutes?), pause, resume, add (minutes), stop", output="Timer",
        emits=("timer",),
        rest=(Rest("POST", BASE + "/timer", "{action: start|pause|resume|add|stop, "
                   "minutes?}"),),
        events=tuple(Event(f"timer:{action}", _timer, "`{timer}`", fixed={"action": action},
                           data=TIMER_DATA.get(action, "`{}`")) for action in timer.ACTIONS)),
    Operation(
        "attendance.get", STAFF, NoInput, get_attendance, "Who came, day by day",
        output=list[DayAttendance],
        rest=(Rest("GET", BASE + "/attendance", "Attendance by day"),)),
    Operation(
        "restitution.get", STAFF, NoInput, get_restitution,
        "The running restitution's current screen (null when none runs)",
        output="Restitution",
        rest=(Rest("GET", BASE + "/restitution", "The running restitution's screen"),)),
    Operation(
        "restitution.goto", STAFF, RestitutionMove, show_screen,
        "Show one screen of the running restitution", output="Restitution",
        emits=("restitution",),
        rest=(Rest("POST", BASE + "/restitution", "{index}: show that screen"),),
        events=(Event("restitution:goto", lambda shown: {"restitution": shown},
                      "`{restitution}`", data="`{index}` (0-based)"),)),
)
