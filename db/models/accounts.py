"""User accounts (synced) and their login secrets (local to this PC, never synced).

A login belongs to a person of the staff directory: ``user_account.staff_id``
names the :class:`~db.models.staff.StaffMember` whose name, post and phone it
shows. The account itself holds only what signing in needs — the user name,
the role and whether the login may be used — so a person's details are typed
and stored once. ``UserAccount.display_name`` and ``StaffMember.user_id`` are
read-only SQL expressions over that one link (usable in queries and loaded
with the row); assigning to them changes nothing.

A PIN hash is cheap to brute-force offline (10^6 candidates), so secrets stay
on the PC where they were set; only the account itself travels.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
    func,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column

from db.base import Base, SyncedMixin, UTCDateTime, utcnow
from db.models.staff import StaffMember


class UserAccount(SyncedMixin, Base):
    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(64))
    # principal | safety_officer | duty_staff | guard | staff | bureau_admin
    role: Mapped[str] = mapped_column(String(32))
    # The person this login belongs to. Nullable only for rows an older app
    # version sent to the bureau; the app always sets it.
    staff_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff_member.id"), default=None, index=True
    )
    # Whether the login may be used (the person may still work here without one).
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (UniqueConstraint("school_id", "username"),)


# The person's name, falling back to the user name for a login without a person.
UserAccount.display_name = column_property(
    func.coalesce(
        select(StaffMember.name)
        .where(StaffMember.id == UserAccount.staff_id)
        .correlate_except(StaffMember)
        .scalar_subquery(),
        UserAccount.username,
    )
)

# The login that belongs to this person, if any (an active one first).
StaffMember.user_id = column_property(
    select(UserAccount.id)
    .where(UserAccount.staff_id == StaffMember.id, UserAccount.deleted_at.is_(None))
    .correlate_except(UserAccount)
    .order_by(UserAccount.active.desc(), UserAccount.created_at, UserAccount.id)
    .limit(1)
    .scalar_subquery()
)


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
