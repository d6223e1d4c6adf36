"""The staff directory and staff leave.

A staff member is a person who can hold a grid post, sign a responsibility
letter or stand a duty shift. Many have no login (cooks, boiler men, temporary
guards), so the link to :class:`~db.models.accounts.UserAccount` is optional.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Name, SyncedMixin


class StaffMember(SyncedMixin, Base):
    __tablename__ = "staff_member"

    name: Mapped[str] = mapped_column(Name)
    post: Mapped[str] = mapped_column(Name, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("user_account.id"), default=None, index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StaffLeave(SyncedMixin, Base):
    """A stretch of days (both ends included) a person is away; rosters skip them."""

    __tablename__ = "staff_leave"

    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Name, default="")
