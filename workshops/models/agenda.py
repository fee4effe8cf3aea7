"""The agenda: days (journées) made of sequences, each running one activity."""
import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshops.db import Base, utcnow


class Day(Base):
    __tablename__ = "days"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    objective: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[dt.date | None] = mapped_column(default=None)
    # When the day's first sequence starts; each sequence starts when the one before ends.
    starts_at: Mapped[dt.time | None] = mapped_column(default=None)

    sequences: Mapped[list["Sequence"]] = relationship(
        order_by="Sequence.position", cascade="all, delete-orphan", passive_deletes=True)


class Sequence(Base):
    __tablename__ = "sequences"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("days.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    # axis_board | question_board | individual_writing | group_drafting | poll | feedback_form | restitution
    activity: Mapped[str] = mapped_column(String(30))
    minutes: Mapped[int]
    instructions: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    # Axis keys this board covers; None means every axis of the workshop.
    axis_keys: Mapped[list | None] = mapped_column(JSON, default=None)
    poll_key: Mapped[str | None] = mapped_column(String(64), default=None)
    # Position of the day a restitution shows.
    restitution_of: Mapped[int | None] = mapped_column(default=None)
    # Actual time, against the planned minutes.
    started_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    ended_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    workshop = relationship("Workshop")


class Attendance(Base):
    """A participant was in the room on that day (counted once per day)."""

    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("participant_id", "day_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("days.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
