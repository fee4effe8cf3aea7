"""Cards (contributions) and supports (+1)."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workshops.db import Base, utcnow


class Card(Base):
    __tablename__ = "cards"
    # Idempotent posting: a phone re-sending the same client id gets the same card.
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    axis_id: Mapped[int | None] = mapped_column(ForeignKey("axes.id", ondelete="CASCADE"), index=True)
    # Question-board answers (kind "answer") belong to a sequence instead of an axis.
    sequence_id: Mapped[int | None] = mapped_column(
        ForeignKey("sequences.id", ondelete="CASCADE"), index=True, default=None)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"))
    # Null once participant data is deleted (the card itself stays for the booklet).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(64))
    hidden: Mapped[bool] = mapped_column(default=False)
    verbatim: Mapped[bool] = mapped_column(default=False)
    supports: Mapped[int] = mapped_column(default=0)
    # Booklet curation (services/curation.py): the organisers' wording (None: `text`), and the
    # card this duplicate was merged into (it then shows only in the annex).
    booklet_text: Mapped[str | None] = mapped_column(Text, default=None)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("cards.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Support(Base):
    __tablename__ = "supports"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    # Indexed apart: a phone's snapshot and the purge look supports up by participant, which
    # the (card, participant) key cannot serve.
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )
