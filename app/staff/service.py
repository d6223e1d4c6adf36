"""Staff directory and leave.

Reads need no permission (the grid and rosters that name these people are
posted publicly); changes need :attr:`Permission.EDIT_STAFF`. Every change is
one :meth:`Workspace.action`: validated first, then one transaction with its
outbox rows and one audit entry.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import utcnow
from db.models import StaffLeave, StaffMember, UserAccount

MAX_NAME = 50


@dataclasses.dataclass(frozen=True)
class StaffView:
    id: uuid.UUID
    name: str
    post: str
    phone: str
    user_id: uuid.UUID | None
    active: bool


@dataclasses.dataclass(frozen=True)
class LeaveView:
    id: uuid.UUID
    staff_id: uuid.UUID
    start_date: date
    end_date: date
    reason: str


def staff_view(m: StaffMember) -> StaffView:
    return StaffView(m.id, m.name, m.post, m.phone, m.user_id, m.active)


def school_of(ws: Workspace) -> uuid.UUID:
    """The workspace's school id, or a UserError when the school is not set up yet."""
    school_id = ws.school_id
    if school_id is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "Set up the school first."))
    return school_id


def get_staff(s: Session, staff_id: uuid.UUID) -> StaffMember:
    """A live staff row inside an open session, or a UserError."""
    m = s.get(StaffMember, staff_id)
    if m is None or m.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This staff member no longer exists."))
    return m


def staff_for_user(s: Session, user_id: uuid.UUID | None) -> StaffMember | None:
    """The live staff entry linked to a user account, if any."""
    if user_id is None:
        return None
    return s.scalar(
        select(StaffMember).where(StaffMember.user_id == user_id, StaffMember.deleted_at.is_(None))
    )


def _clean(name: str, post: str, phone: str) -> tuple[str, str, str]:
    name, post, phone = name.strip(), post.strip(), phone.strip()
    if not name:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter the person's name."))
    if len(name) > MAX_NAME:
        raise UserError(QT_TRANSLATE_NOOP("app", "A name can have at most 50 characters."))
    if len(post) > 100:
        raise UserError(QT_TRANSLATE_NOOP("app", "A post can have at most 100 characters."))
    if phone and not all(c.isdigit() or c in "+- " for c in phone) or len(phone) > 32:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "A phone number has only digits, spaces, + and -.")
        )
    return name, post, phone


def _check_user_link(s: Session, user_id: uuid.UUID | None, staff_id: uuid.UUID | None) -> None:
    if user_id is None:
        return
    user = s.get(UserAccount, user_id)
    if user is None or user.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This user no longer exists."))
    other = staff_for_user(s, user_id)
    if other is not None and other.id != staff_id:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The account {username} already belongs to {name}."),
            username=user.username,
            name=other.name,
        )


def add_staff(
    ws: Workspace,
    actor: Actor,
    *,
    name: str,
    post: str = "",
    phone: str = "",
    user_id: uuid.UUID | None = None,
) -> StaffView:
    """Add a person to the directory; ``user_id`` links their login, if they have one."""
    require(actor, Permission.EDIT_STAFF)
    school_of(ws)
    name, post, phone = _clean(name, post, phone)
    with ws.action(actor, "staff.add") as s:
        _check_user_link(s, user_id, None)
        m = StaffMember(name=name, post=post, phone=phone, user_id=user_id, active=True)
        s.add(m)
        s.flush()
        return staff_view(m)


def update_staff(
    ws: Workspace,
    actor: Actor,
    staff_id: uuid.UUID,
    *,
    name: str,
    post: str = "",
    phone: str = "",
    user_id: uuid.UUID | None = None,
) -> StaffView:
    require(actor, Permission.EDIT_STAFF)
    name, post, phone = _clean(name, post, phone)
    with ws.action(actor, "staff.update") as s:
        m = get_staff(s, staff_id)
        _check_user_link(s, user_id, m.id)
        m.name, m.post, m.phone, m.user_id = name, post, phone, user_id
        return staff_view(m)


def set_staff_active(ws: Workspace, actor: Actor, staff_id: uuid.UUID, active: bool) -> None:
    """Someone who left stays in the directory (old records name them) but is inactive."""
    require(actor, Permission.EDIT_STAFF)
    with ws.action(actor, "staff.activate" if active else "staff.deactivate") as s:
        get_staff(s, staff_id).active = active


def list_staff(ws: Workspace, *, include_inactive: bool = False) -> list[StaffView]:
    with ws.read() as s:
        q = select(StaffMember).where(StaffMember.deleted_at.is_(None))
        if not include_inactive:
            q = q.where(StaffMember.active.is_(True))
        return [staff_view(m) for m in s.scalars(q.order_by(StaffMember.name))]


def add_leave(
    ws: Workspace, actor: Actor, staff_id: uuid.UUID, start: date, end: date, reason: str = ""
) -> LeaveView:
    """Record leave (both ends included); rotations skip the person on those days."""
    require(actor, Permission.EDIT_STAFF)
    if end < start:
        raise UserError(QT_TRANSLATE_NOOP("app", "The leave cannot end before it starts."))
    if (end - start).days > 366:
        raise UserError(QT_TRANSLATE_NOOP("app", "A leave can last at most one year."))
    with ws.action(actor, "staff.leave.add") as s:
        get_staff(s, staff_id)
        leave = StaffLeave(
            staff_id=staff_id, start_date=start, end_date=end, reason=reason.strip()[:200]
        )
        s.add(leave)
        s.flush()
        return LeaveView(leave.id, staff_id, start, end, leave.reason)


def cancel_leave(ws: Workspace, actor: Actor, leave_id: uuid.UUID) -> None:
    require(actor, Permission.EDIT_STAFF)
    with ws.action(actor, "staff.leave.cancel") as s:
        leave = s.get(StaffLeave, leave_id)
        if leave is None or leave.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This leave no longer exists."))
        leave.deleted_at = utcnow()


def leaves_between(s: Session, start: date, end: date) -> dict[uuid.UUID, list[tuple[date, date]]]:
    """staff id -> leave periods overlapping ``start``..``end``, inside an open session."""
    rows = s.scalars(
        select(StaffLeave).where(
            StaffLeave.deleted_at.is_(None),
            StaffLeave.start_date <= end,
            StaffLeave.end_date >= start,
        )
    )
    out: dict[uuid.UUID, list[tuple[date, date]]] = {}
    for leave in rows:
        out.setdefault(leave.staff_id, []).append((leave.start_date, leave.end_date))
    return out


def on_leave(
    leaves: dict[uuid.UUID, list[tuple[date, date]]], staff_id: uuid.UUID, day: date
) -> bool:
    return any(a <= day <= b for a, b in leaves.get(staff_id, ()))


def list_leave(ws: Workspace, start: date, end: date) -> list[LeaveView]:
    with ws.read() as s:
        rows = s.scalars(
            select(StaffLeave)
            .where(
                StaffLeave.deleted_at.is_(None),
                StaffLeave.start_date <= end,
                StaffLeave.end_date >= start,
            )
            .order_by(StaffLeave.start_date)
        )
        return [LeaveView(r.id, r.staff_id, r.start_date, r.end_date, r.reason) for r in rows]
