"""User accounts (synced) and their login secrets (local to this PC, never synced).

A PIN hash is cheap to brute-force offline (10^6 candidates), so secrets stay
on the PC where they were set; only the account itself travels.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin, UTCDateTime, utcnow


class UserAccount(SyncedMixin, Base):
    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(Name)
    # principal | safety_officer | duty_staff | guard | staff | bureau_admin
    role: Mapped[str] = mapped_column(String(32))
    post: Mapped[str] = mapped_column(Name, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (UniqueConstraint("school_id", "username"),)


class LocalCredential(Base):
    __tablename__ = "local_credential"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("user_account.id"), primary_key=True
    )
    # password | pin
    kind: Mapped[str] = mapped_column(String(8))
    secret_hash: Mapped[str] = mapped_column(String(256))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
