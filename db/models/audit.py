"""The append-only audit trail: who did what to which records, when.

Each entry carries the hash of the previous entry made on the same device, so
an edited, removed or reordered entry breaks the chain (see app.audit).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime


class AuditEntry(SyncedMixin, Base):
    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    actor_name: Mapped[str] = mapped_column(Name)
    actor_role: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    # [{"table": ..., "id": ..., "op": ...}, ...] — the rows this action changed
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    # HMAC-SHA256 under the device's audit key (kept outside the database),
    # chained over the previous entry's MAC; None before the chain was keyed.
    entry_mac: Mapped[str | None] = mapped_column(String(64), default=None)

    __table_args__ = (
        UniqueConstraint("origin_device", "seq"),
        # The newest entries (工作台's recent activity) without reading every entry:
        # its list of touched rows can run to overflow pages, each decrypted to be read.
        Index("ix_audit_entry_at_seq", "at", "seq"),
    )
