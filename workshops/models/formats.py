"""Formats organisers made their own: duplicated from a built-in one, edited, or imported."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from workshops.db import Base, utcnow


class CustomFormat(Base):
    __tablename__ = "custom_formats"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    # The "id" field of the document (not unique: two organisers may import the same file).
    format_id: Mapped[str] = mapped_column(String(80))
    # The validated document (formats.Format.to_dict()).
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
