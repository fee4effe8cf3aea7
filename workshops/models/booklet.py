"""The restitution booklet: the organisers' curation, export jobs, and what survives a purge.

See docs/privacy.md for the data lifecycle and docs/decisions.md (« Booklet ») for choices.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
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

    # The organisation's identity (services/identity.py): copied from the organiser's last
    # workshop when a new one is created. None: never written (the format's text is only a
    # suggestion on the Livret screen, nothing prints).
    accent_colour: Mapped[str] = mapped_column(String(7), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    logo_type: Mapped[str] = mapped_column(String(20), default="")
    links: Mapped[list | None] = mapped_column(JSON, default=None)  # [{"label", "url"}]
    # [{"name", "logo_type", "logo" (base64)}], in the order printed on the back page.
    partners: Mapped[list] = mapped_column(JSON, default=list)
    colophon: Mapped[str | None] = mapped_column(Text, default=None)
    axes_intro: Mapped[str | None] = mapped_column(Text, default=None)
    recommendations_intro: Mapped[str | None] = mapped_column(Text, default=None)

    # The organiser's choices (services/readiness.py asks for the first two until made):
    # axes with no card « omit » | « mention » (« Aucune contribution sur cet axe »);
    # recommendations « kept » | « all »; None: not chosen yet.
    empty_axes: Mapped[str | None] = mapped_column(String(10), default=None)
    recommendations_shown: Mapped[str | None] = mapped_column(String(10), default=None)
    show_supports: Mapped[bool] = mapped_column(default=True)
    # The body keeps the N most supported cards per axis (and the starred verbatims);
    # None: every card. The annex and the spreadsheet keep everything.
    top_cards: Mapped[int | None] = mapped_column(default=None)


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
    # Written every few seconds while the job runs: a job still running whose heartbeat
    # stopped lost its worker (killed, restarted) and is shown failed (services/exports.py).
    heartbeat_at: Mapped[datetime | None] = mapped_column(default=None)
