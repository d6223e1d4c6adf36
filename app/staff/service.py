"""Staff directory and leave.

A staff member is the person (:mod:`app.staff.people`): their name, post and
phone are kept here once, also for people who sign in. Reads need no
permission (the grid and rosters that name these people are posted
publicly); changes need :attr:`Permission.EDIT_STAFF`, and changing whether
someone with a login still works here also :attr:`Permission.MANAGE_USERS`
(their login goes with them). Every change is one :meth:`Workspace.action`:
validated first, then one transaction with its outbox rows and one audit
entry.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, Role, require
from app.accounts.service import keep_one_principal
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.staff.people import clean_person, live_person, login_of
from app.workspace import Workspace
from db.base import utcnow
from db.models import StaffLeave, StaffMember, UserAccount


@dataclasses.dataclass(frozen=True)
class StaffView:
    id: uuid.UUID
    name: str
    post: str
    phone: str
    user_id: uuid.UUID | None  # the person's login, if they have one
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
    """The person a user account belongs to, if any (inside an open session)."""
    user = s.get(UserAccount, user_id) if user_id is not None else None
    if user is None or user.deleted_at is not None:
        return None
    return live_person(s, user.staff_id)


def add_staff(
    ws: Workspace,
    actor: Actor,
    *,
    name: str,
    post: str = "",
    phone: str = "",
    user_id: uuid.UUID | None = None,
) -> StaffView:
    """Add a person to the directory.

    Someone who signs in already is in it — creating their login made their
    entry — so with ``user_id`` no second entry is made: that login's person
    gets this name, and this post and phone where they are given.
    """
    require(actor, Permission.EDIT_STAFF)
    school_of(ws)
    name, post, phone = clean_person(name, post, phone)
    if user_id is not None:
        with ws.action(actor, "staff.update") as s:
            m = staff_for_user(s, user_id)
            if m is None:
                raise UserError(QT_TRANSLATE_NOOP("app", "This user no longer exists."))
            m.name, m.post, m.phone = name, post or m.post, phone or m.phone
            s.flush()
            return staff_view(m)
    with ws.action(actor, "staff.add") as s:
        m = StaffMember(name=name, post=post, phone=phone, active=True)
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
    active: bool | None = None,
    role: str | None = None,
) -> StaffView:
    """Edit a person in one action: name, post, phone — which their login shows too —
    and, when given, whether they still work here and their login's role.

    Changing the role is managing logins (the principal's); so is a person with
    an active login leaving, since the login is deactivated with them.
    """
    require(actor, Permission.EDIT_STAFF)
    name, post, phone = clean_person(name, post, phone)
    if role is not None:
        require(actor, Permission.MANAGE_USERS)
        if role not in {r.value for r in Role if r != Role.BUREAU_ADMIN}:
            raise UserError(QT_TRANSLATE_NOOP("app", "Choose a role."))
    with ws.read() as s:
        before = get_staff(s, staff_id).active
    verb = (
        "update" if active is None or active == before else "activate" if active else "deactivate"
    )
    with ws.action(actor, f"staff.{verb}") as s:
        m = get_staff(s, staff_id)
        m.name, m.post, m.phone = name, post, phone
        login = login_of(s, m.id)
        if role is not None and login is not None and login.role != role:
            if login.role == Role.PRINCIPAL:
                keep_one_principal(s, login)
            login.role = role
        if active is not None:
            _set_active(s, actor, m, active)
        return staff_view(m)


def set_staff_active(ws: Workspace, actor: Actor, staff_id: uuid.UUID, active: bool) -> None:
    """Someone who left stays in the directory (old records name them) but is inactive.

    A person who leaves takes their login with them: it is deactivated in
    the same action, which makes this the principal's (managing logins), and
    the last principal or the signed-in user cannot leave this way. Coming
    back does not reopen the login; the principal activates it.
    """
    require(actor, Permission.EDIT_STAFF)
    with ws.action(actor, "staff.activate" if active else "staff.deactivate") as s:
        _set_active(s, actor, get_staff(s, staff_id), active)


def _set_active(s: Session, actor: Actor, m: StaffMember, active: bool) -> None:
    m.active = active
    login = None if active else login_of(s, m.id)
    if login is not None and login.active:
        require(actor, Permission.MANAGE_USERS)
        if login.id == actor.user_id:
            raise UserError(QT_TRANSLATE_NOOP("app", "You cannot deactivate your own account."))
        if login.role == Role.PRINCIPAL:
            keep_one_principal(s, login)
        login.active = False


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
