"""Local-only state of this installation (never synced)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime, utcnow


class DeviceState(Base):
    """Exactly one row (id = 1): who this PC is and where its clocks and chains stand.

    ``hlc_last`` is the last hybrid-logical-clock value issued here; the
    audit head is the last entry of this device's audit hash chain, kept so
    that deleting entries at the end of the chain is detected too.
    """

    __tablename__ = "device_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hlc_last: Mapped[int] = mapped_column(BigInteger, default=0)
    audit_head_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head_hash: Mapped[str] = mapped_column(String(64), default="")
    # HMAC of (device, head seq, head entry's MAC) under the audit key: moving
    # the head back after cutting the end of the chain needs the key.
    audit_head_mac: Mapped[str] = mapped_column(String(64), default="", server_default="")
    last_backup_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
