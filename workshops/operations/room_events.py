"""What the room hears: every room event's type, audience and `data`, declared once.

A service records a room event (`services/base/events.record(session, workshop, type,
data)`); screens receive it as `event {seq, type, data}` once committed. Here each type's
`data` is a pydantic model that forbids unknown fields: `docs/realtime.md`'s tables of
server → room events are written from these declarations (`python -m
workshops.operations.docs`), and `tests/test_room_events.py` checks that the services'
payloads match them — a field added to a payload and not here fails it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from workshops.formats.model import POLL_KINDS
from workshops.operations.board import Card
from workshops.vocabulary import ACTIVITIES, STATUSES

Activity = Literal[tuple(ACTIVITIES) + ("welcome",)]


class Data(BaseModel):
    """Every event's data carries the event's `seq`: a screen keeps the newest version of
    each thing and ignores what it already applied."""

    model_config = ConfigDict(extra="forbid")

    seq: int = Field(description="the room's sequence number of this event")


@dataclass(frozen=True)
class RoomEvent:
    type: str
    audience: str  # as docs/realtime.md says it
    data: type[Data]
    domain: str  # the docs/realtime.md block it is listed in
    doc: str = ""


# --- the board and the room's state


class CardData(Card, Data):
    seq: int = Field(description="the room's sequence number of this version of the card")


class Deleted(Data):
    id: int


class State(Data):
    axis: int | None = Field(description="the axis the projection shows")
    locked: bool = Field(description="posting closed")
    view: str = Field(description="what the projection shows")
    spotlight: int | None = Field(description="the card filling the projection (view spotlight)")
    sort: Literal["time", "support"] = Field(description="projected cards by time or by support")
    pages_held: bool = Field(description="the projection's pages stay until turned")
    page_turns: int = Field(description="pages turned from the console; screens turn by the "
                                        "difference")
    day: int | None
    day_title: str
    day_position: int | None
    sequence: int | None
    activity: Activity | None
    sequence_title: str
    instructions: str | None
    question: str | None
    minutes: int | None
    poll: str | None
    axes: list[int] | None = Field(description="the axes an axis-board sequence covers")
    restitution_of: int | None
    restitution_screen: int


class AxisData(BaseModel):
    id: int
    key: str
    title: str
    description: str


class WorkshopData(Data):
    code: str
    title: str
    format: str
    axes: list[AxisData]
    state: dict[str, Any] = Field(description="as the `state` event's data")


# --- activities


class WritingCount(Data):
    sequence: int
    count: int


class WritingReveal(Data):
    sequence: int
    revealed: bool
    count: int


class SequenceData(Data):
    id: int
    activity: Activity
    title: str
    question: str
    instructions: str
    poll: str | None = Field(description="the poll's key, for a poll")


class PollOption(BaseModel):
    key: str
    label: str
    description: str | None
    count: int
    percent: int


class PollResult(Data):
    key: str
    question: str
    kind: Literal[POLL_KINDS]
    open: bool
    shown: bool = Field(description="the room sees the counts; hidden, the room's event has "
                                    "none (a word cloud no word) and the staff get a second one")
    total: int = Field(description="people who answered")
    options: list[PollOption]
    average: float | None = Field(None, description="a scale's mean answer")


class Feedback(Data):
    available: bool
    open: bool
    opened_at: str | None
    expires_at: str | None
    valid_days: int
    answers: int = Field(description="how many answered")


class FeedbackCount(Data):
    answers: int


# --- groups and the wall


class GroupData(BaseModel):
    id: int
    name: str
    position: int
    place: str = Field(description="where the group meets (table, room), may be empty")
    size: int = Field(description="how many members (never who: no participant id)")


class Groups(Data):
    groups: list[GroupData]
    formed: bool = Field(description="the groups were (re)formed: every phone asks "
                                     "`group:mine` for its own")


class Origin(BaseModel):
    id: int | None
    group: int | None
    text: str


class RecommendationFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    group: int | None
    target: str
    theme: str
    text: str
    status: Literal[STATUSES]
    version: int = Field(description="bumped by every change of text, target or theme")
    merged_into: int | None
    origins: list[Origin] = Field(description="what a merge folded in")
    votes: int = Field(description="its dots")
    position: int
    client_id: str


class Recommendation(RecommendationFields, Data):
    pass


class Wall(Data):
    open: bool
    votes_per_participant: int = Field(description="dots per person, 0: no vote")
    recommendations: list[RecommendationFields] | None = Field(
        None, description="every recommendation on the wall, only when it opens")


# --- agenda, timer, attendance, restitution


class Timer(Data):
    status: Literal["idle", "running", "paused"]
    ends_at: int | None = Field(description="ms since 1970, server clock")
    remaining: int | None = Field(description="seconds")
    duration: int | None = Field(description="seconds")
    now: int = Field(description="server clock, ms")


class Restitution(Data):
    day: int
    day_title: str
    index: int
    count: int
    screen: dict[str, Any] = Field(description="`{kind, title, subtitle?, number?, total?, "
                                               "sections?, bars?}`")


class DayAttendance(BaseModel):
    day: int
    position: int
    title: str
    count: int
    by_type: dict[str, int]


class Attendance(Data):
    days: list[DayAttendance]


class AgendaChanged(Data):
    """No field but `seq`: the organiser edited the agenda, reload it."""


class WorkshopDeleted(Data):
    """No field but `seq`: the room is gone, with everything in it."""


ROOM_EVENTS: tuple[RoomEvent, ...] = (
    RoomEvent("card", "all", CardData, "board",
              "a card's new version; a hidden one is removed from phones and projection"),
    RoomEvent("card_deleted", "all", Deleted, "board"),
    RoomEvent("state", "all", State, "board",
              "where the room is: the axis and view, and the agenda (« Agenda, timer… »)"),
    RoomEvent("workshop", "all", WorkshopData, "board",
              "after the organiser edits title or axes"),
    RoomEvent("workshop_deleted", "all", WorkshopDeleted, "board",
              "the organiser deleted the workshop: phones and screens say so and stop"),
    RoomEvent("groups", "all", Groups, "groups"),
    RoomEvent("recommendation", "`group:<id>` until the wall opens, then all",
              Recommendation, "groups"),
    RoomEvent("wall", "all", Wall, "groups"),
    RoomEvent("writing_count", "all", WritingCount, "activities",
              "when the number of writers changes; no text"),
    RoomEvent("writing_reveal", "all", WritingReveal, "activities", "no text"),
    RoomEvent("sequence", "all", SequenceData, "activities",
              "a sequence made from the console, before the room moves to it"),
    RoomEvent("poll", "all (while hidden: without counts; the staff then get a second one)",
              PollResult, "activities", "the whole result, not a delta"),
    RoomEvent("feedback", "all", Feedback, "activities", "the form link's state"),
    RoomEvent("feedback_count", "all", FeedbackCount, "activities"),
    RoomEvent("timer", "all", Timer, "agenda"),
    RoomEvent("restitution", "all", Restitution, "agenda", "the screen shown"),
    RoomEvent("attendance", "staff", Attendance, "agenda",
              "when someone is counted for a day"),
    RoomEvent("agenda", "staff", AgendaChanged, "agenda",
              "the organiser edited the agenda: reload it"),
)
BY_TYPE = {event.type: event for event in ROOM_EVENTS}
