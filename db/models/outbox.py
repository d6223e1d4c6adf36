"""The sync outbox: one row per captured change, written in the change's own transaction."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, utcnow


class OutboxEntry(Base):
    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # insert | update | delete (a tombstone: deleted_at set)
    op: Mapped[str] = mapped_column(String(8))
    # Changed columns with their new values (all columns for an insert).
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    hlc: Mapped[int] = mapped_column(BigInteger)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by the sync library when the change is packed into a bundle, and when acked.
    bundle_seq: Mapped[int | None] = mapped_column(Integer, default=None)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    __table_args__ = (
        Index("ix_outbox_pending", "bundle_seq", "seq"),
        # The merge asks for one row's own changes (their clocks) when another PC's arrive.
        Index("ix_outbox_row", "table_name", "row_id"),
    )
