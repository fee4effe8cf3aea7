"""The restitution booklet: the organisers' curation, export jobs, and what survives a purge.

See docs/privacy.md for the data lifecycle and docs/decisions.md (« Booklet ») for choices.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workshops.db import Base, utcnow


class BookletSettings(Base):
    """What the organisers write and choose for the booklet, one row per workshop."""

    __tablename__ = "booklet_settings"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    # None: not written yet, the format's draft (format_data["booklet"]) is offered.
    edito: Mapped[str | None] = mapped_column(Text, default=None)
    et_apres: Mapped[str | None] = mapped_column(Text, default=None)
    organiser_name: Mapped[str] = mapped_column(String(200), default="")
    subtitle: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    show_organisations: Mapped[bool] = mapped_column(default=False)
    # Participant data is purged this many days after the last day (services/retention.py).
    retention_days: Mapped[int] = mapped_column(default=90)
    # Axis keys in booklet order (axes not listed follow, in the workshop's order).
    axis_order: Mapped[list] = mapped_column(JSON, default=list)
    # Counts kept when participant data was deleted, so the booklet's method and
    # « Qui était là ? » survive: {"days": {"<day position>": n}, "total": n,
    # "by_type": {"<type key>": n}, "organisations": [...]}.
    kept_counts: Mapped[dict] = mapped_column(JSON, default=dict)
    participants_purged_at: Mapped[datetime | None] = mapped_column(default=None)


class ExportJob(Base):
    """A booklet export running in the background (long PDF), polled by the organiser's screen."""

    __tablename__ = "export_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None)
    format: Mapped[str] = mapped_column(String(10))
    # queued | building | rendering | done | failed
    status: Mapped[str] = mapped_column(String(10), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    filename: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
