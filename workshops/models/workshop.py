"""A workshop (atelier), its axes, its participants, its members and its event log."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshops.db import Base, utcnow


class Workshop(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    format_id: Mapped[str] = mapped_column(String(80))
    # The format as it was when the workshop was created (then edited with it). Tens of KB
    # of JSON that connecting and posting never need: loaded on first use only.
    format_data: Mapped[dict] = mapped_column(JSON, deferred=True)
    projection_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Last per-room sequence number handed out (see services.base.events).
    last_seq: Mapped[int] = mapped_column(default=0)
    # Live state of the room.
    current_axis_id: Mapped[int | None] = mapped_column(default=None)
    current_sequence_id: Mapped[int | None] = mapped_column(default=None)
    locked: Mapped[bool] = mapped_column(default=False)
    view: Mapped[str] = mapped_column(String(20), default="join")
    # The recommendation wall (services.groups.recommendations): open to the whole room or not,
    # and how many dots each participant may put on it (0: no dot voting).
    wall_open: Mapped[bool] = mapped_column(default=False)
    votes_per_participant: Mapped[int] = mapped_column(default=0)
    # The day opened by the facilitator (its welcome, or the day of current_sequence_id).
    current_day_id: Mapped[int | None] = mapped_column(default=None)
    # Timer (services.agenda.timer): end time in server UTC while running, seconds left while paused.
    timer_ends_at: Mapped[datetime | None] = mapped_column(default=None)
    timer_remaining: Mapped[int | None] = mapped_column(default=None)
    timer_duration: Mapped[int | None] = mapped_column(default=None)
    # Screen of a restitution sequence the projection shows (services.agenda.restitution).
    restitution_screen: Mapped[int] = mapped_column(default=0)
    # How the projection shows a board (services.room.workshops.set_state): one card filling
    # the screen (view "spotlight"), cards sorted by time or support, pages turning by
    # themselves or held, and how many times the facilitator turned them (the screens count).
    spotlight_card_id: Mapped[int | None] = mapped_column(default=None)
    board_sort: Mapped[str] = mapped_column(String(10), default="time")
    pages_held: Mapped[bool] = mapped_column(default=False)
    page_turns: Mapped[int] = mapped_column(default=0)
    # How the projection names the members of groups (the organiser's privacy choice):
    # "initials" (M. D.) or "first_names" (Marie); phones of a group always show first names.
    member_names: Mapped[str] = mapped_column(String(12), default="initials")

    axes: Mapped[list["Axis"]] = relationship(
        order_by="Axis.position", cascade="all, delete-orphan", passive_deletes=True
    )
    days: Mapped[list["Day"]] = relationship(  # noqa: F821
        order_by="Day.position", cascade="all, delete-orphan", passive_deletes=True
    )
    members: Mapped[list["WorkshopMember"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class WorkshopMember(Base):
    """An account's role in a workshop: `organiser` (owner) or `facilitator`."""

    __tablename__ = "workshop_members"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20))

    account = relationship("Account")


class Axis(Base):
    __tablename__ = "axes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class Participant(Base):
    """A phone that joined. Declared fields are personal data (see docs/privacy.md)."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    organisation: Mapped[str] = mapped_column(String(120), default="")
    # A key of the format's list, or « autre: » and up to 60 characters (participants.CHOICE_MAX)
    organisation_type: Mapped[str] = mapped_column(String(66))
    profession: Mapped[str] = mapped_column(String(66))
    display_name: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RoomEvent(Base):
    """Every event a room receives, numbered per room, kept so reconnecting screens catch up."""

    __tablename__ = "room_events"
    __table_args__ = (UniqueConstraint("workshop_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    seq: Mapped[int]
    type: Mapped[str] = mapped_column(String(40))
    # "all": everyone in the room; "staff": organisers and facilitators only;
    # "group:<id>": that group's members, and the staff.
    audience: Mapped[str] = mapped_column(String(20), default="all")
    payload: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
