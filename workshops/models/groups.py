"""Mixed groups, the recommendations they draft, and the room's dot votes."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshops.db import Base, utcnow


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    position: Mapped[int]
    # Where the group meets (« Table 4 », « Salle B »), shown with it on the projection.
    place: Mapped[str] = mapped_column(String(60), default="")


class GroupMember(Base):
    """A participant's group: one group at most per participant (so per workshop)."""

    __tablename__ = "group_members"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)


class Recommendation(Base):
    """A recommendation drafted by a group, filed under a target and a theme."""

    __tablename__ = "recommendations"
    # Idempotent posting, as for cards.
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    # Null when its group was removed by re-forming with fewer groups (it stays on the wall).
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(40))
    theme: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | kept | merged
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommendations.id", ondelete="SET NULL"))
    # What a merge folded in: [{"id", "group", "text"}, …] (the survivor's own text first).
    origins: Mapped[list] = mapped_column(JSON, default=list)
    # Bumped by every change of text, target or theme: an edit names the version it started from.
    version: Mapped[int] = mapped_column(default=1)
    position: Mapped[int] = mapped_column(default=0)
    # The wording the organisers curate for the booklet (None: use `text`).
    booklet_text: Mapped[str | None] = mapped_column(Text, default=None)
    # Order within its target and theme in the booklet (None: wall order).
    booklet_position: Mapped[int | None] = mapped_column(default=None)
    # Dots of participants whose data was deleted (services/retention.py): still counted.
    kept_votes: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RecommendationVote(Base):
    """A participant's dots on one recommendation (dot voting)."""

    __tablename__ = "recommendation_votes"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True, index=True)
    count: Mapped[int] = mapped_column(default=0)
