"""Activities beyond the axis board: private writing, polls, the feedback form.

(Question-board answers are cards: see models/board.py, `Card.sequence_id`.)
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshops.db import Base, utcnow


class Writing(Base):
    """One person's private text for an individual-writing sequence (one per person)."""

    __tablename__ = "writings"
    __table_args__ = (UniqueConstraint("sequence_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    sequence_id: Mapped[int] = mapped_column(ForeignKey("sequences.id", ondelete="CASCADE"), index=True)
    # Null once participant data is deleted (the text stays, anonymous, for the booklet).
    # Indexed: a phone's snapshot asks whether it has written anything (snapshot.has_own_rows).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WritingReveal(Base):
    """Whether the facilitator has shown a writing sequence's texts to the room."""

    __tablename__ = "writing_reveals"

    sequence_id: Mapped[int] = mapped_column(
        ForeignKey("sequences.id", ondelete="CASCADE"), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    revealed: Mapped[bool] = mapped_column(default=False)
    revealed_at: Mapped[datetime | None] = mapped_column(default=None)


class Poll(Base):
    """The live state of one poll of the format (workshop.format_data["polls"], by key)."""

    __tablename__ = "polls"
    __table_args__ = (UniqueConstraint("workshop_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    open: Mapped[bool] = mapped_column(default=False)
    # Whether the room sees the results: None follows the poll's `results` setting (live:
    # yes, hidden: no); the facilitator's reveal (or hiding) sets it.
    shown: Mapped[bool | None] = mapped_column(default=None)
    opened_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)


class PollVote(Base):
    """One participant's answer to a poll: one row per (poll, participant), updated in place."""

    __tablename__ = "poll_votes"
    __table_args__ = (UniqueConstraint("poll_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True)  # a phone's snapshot
    # Option keys chosen; for a 1–5 scale, one of "1".."5".
    choices: Mapped[list] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class FeedbackWindow(Base):
    """When the feedback form opened and how many days its link stays valid."""

    __tablename__ = "feedback_windows"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    valid_days: Mapped[int] = mapped_column(default=14)
    opened_at: Mapped[datetime | None] = mapped_column(default=None)


class FeedbackAnswer(Base):
    """One device's answers to the feedback form, editable until the link expires."""

    __tablename__ = "feedback_answers"
    __table_args__ = (UniqueConstraint("workshop_id", "respondent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the device's random feedback cookie, or "p<participant id>" via the API.
    respondent: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
