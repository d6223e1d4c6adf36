"""The staff directory — the school's people — and their leave.

A staff member is a person: the one record of their name, post, phone and
whether they still work here. They can hold a grid post, sign a
responsibility letter or stand a duty shift. Many have no login (cooks,
boiler men, temporary guards); a person who signs in has a
:class:`~db.models.accounts.UserAccount` that points here
(``user_account.staff_id``), and the account takes its name from here.
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
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # ``user_id`` (read-only: the id of the login that points here, if any) is
    # mapped in db/models/accounts.py, where both tables are known.


class StaffLeave(SyncedMixin, Base):
    """A stretch of days (both ends included) a person is away; rosters skip them."""

    __tablename__ = "staff_leave"

    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff_member.id"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Name, default="")
