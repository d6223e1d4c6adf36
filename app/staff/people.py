"""People and their logins: one record per person, a login is something a person may have.

The staff member (``staff_member``) is the person — name, post, phone, still
works here. A login (``user_account``) points at its person through
``staff_id`` and holds only the user name, the role and whether it may be
used; its password or PIN stays on this PC. So a person's details are typed
once, in one place, and every list that names them reads the same row.

This module holds the link: finding or making the person of a new login
(:func:`person_for_login`, used inside :func:`app.accounts.service.add_user`),
the staff page's list with each person's login (:func:`list_people`), and
joining two entries that turn out to be one person (:func:`merge_into`).

Threading: plain functions; call them from a worker, never the UI thread.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import Base, utcnow
from db.models import LocalCredential, StaffMember, UserAccount

MAX_NAME = 50


def clean_person(name: str, post: str, phone: str) -> tuple[str, str, str]:
    """The person's details trimmed and checked, or a UserError saying what is wrong."""
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


def live_person(s: Session, staff_id: uuid.UUID | None) -> StaffMember | None:
    m = s.get(StaffMember, staff_id) if staff_id is not None else None
    return m if m is not None and m.deleted_at is None else None


def login_of(s: Session, staff_id: uuid.UUID) -> UserAccount | None:
    """The live login that belongs to a person, if any (an active one first)."""
    return s.scalar(
        select(UserAccount)
        .where(UserAccount.staff_id == staff_id, UserAccount.deleted_at.is_(None))
        .order_by(UserAccount.active.desc(), UserAccount.created_at)
        .limit(1)
    )


def person_for_login(
    s: Session,
    *,
    school_id: uuid.UUID,
    staff_id: uuid.UUID | None,
    name: str,
    post: str = "",
    phone: str = "",
) -> StaffMember:
    """The person a new login belongs to, inside an open write session.

    With ``staff_id``: that staff member, who must still work here and have
    no login yet (``name``, ``post`` and ``phone`` are ignored — the
    directory already has them). Without: a new staff member with those
    details, flushed so the login can point at it. A staff member who only
    has the same name is never taken for the same person.
    """
    if staff_id is None:
        name, post, phone = clean_person(name, post, phone)
        person = StaffMember(school_id=school_id, name=name, post=post, phone=phone, active=True)
        s.add(person)
        s.flush()
        return person
    person = live_person(s, staff_id)
    if person is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This staff member no longer exists."))
    if not person.active:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{name} no longer works here, so cannot have a login."),
            name=person.name,
        )
    other = login_of(s, person.id)
    if other is not None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "{name} already signs in as {username}."),
            name=person.name,
            username=other.username,
        )
    return person


@dataclasses.dataclass(frozen=True)
class PersonView:
    """One row of the staff page: the person, and their login if they have one."""

    id: uuid.UUID
    name: str
    post: str
    phone: str
    active: bool
    user_id: uuid.UUID | None = None
    username: str | None = None
    role: str | None = None
    login_active: bool = False
    has_secret: bool = False
    locked_until: datetime | None = None
    # Another person who still works here has the same name (maybe one person typed twice).
    same_name: bool = False

    @property
    def has_login(self) -> bool:
        return self.user_id is not None


def _name_key(name: str) -> str:
    return "".join(name.split()).casefold()


def list_people(ws: Workspace, actor: Actor, *, include_inactive: bool = False) -> list[PersonView]:
    """Everyone in the directory with their login, by name (for those who edit the directory)."""
    require(actor, Permission.EDIT_STAFF)
    now = utcnow()
    with ws.read() as s:
        q = (
            select(StaffMember, UserAccount, LocalCredential)
            .outerjoin(
                UserAccount,
                (UserAccount.staff_id == StaffMember.id) & UserAccount.deleted_at.is_(None),
            )
            .outerjoin(LocalCredential, LocalCredential.user_id == UserAccount.id)
            .where(StaffMember.deleted_at.is_(None))
            .order_by(
                StaffMember.name, StaffMember.id, UserAccount.active.desc(), UserAccount.created_at
            )  # fmt: skip
        )
        if not include_inactive:
            q = q.where(StaffMember.active.is_(True))
        rows = s.execute(q).all()
    names: dict[str, int] = {}
    for m, _u, _c in rows:
        if m.active:
            names[_name_key(m.name)] = names.get(_name_key(m.name), 0) + 1
    out: list[PersonView] = []
    seen: set[uuid.UUID] = set()
    for m, u, cred in rows:
        if m.id in seen:
            continue  # a second login of one person (two PCs gave one): the first stands
        seen.add(m.id)
        locked = (
            cred.locked_until if cred and cred.locked_until and cred.locked_until > now else None
        )
        out.append(
            PersonView(
                id=m.id,
                name=m.name,
                post=m.post,
                phone=m.phone,
                active=m.active,
                user_id=u.id if u else None,
                username=u.username if u else None,
                role=u.role if u else None,
                login_active=bool(u and u.active),
                has_secret=cred is not None,
                locked_until=locked,
                same_name=m.active and names.get(_name_key(m.name), 0) > 1,
            )  # fmt: skip
        )
    return out


def _referenced(s: Session, staff_id: uuid.UUID) -> bool:
    """Whether any record (a shift, a grid assignment, a letter, a leave…) names this person."""
    from db.models import load_all

    load_all()
    person = StaffMember.__table__
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column is person.c.id and table is not UserAccount.__table__:
                n = s.scalar(select(func.count()).select_from(table).where(fk.parent == staff_id))
                if n:
                    return True
    return False


def merge_into(ws: Workspace, actor: Actor, staff_id: uuid.UUID, into_id: uuid.UUID) -> None:
    """Two entries are one person: ``staff_id``'s login moves to ``into_id``, which stays.

    For a person typed twice (once as a user, once in the directory). The
    entry left behind is removed when no record names it, and otherwise kept
    as someone who has left, so old records still read right. Moving a login
    is managing logins: the principal's.
    """
    require(actor, Permission.MANAGE_USERS)
    if staff_id == into_id:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose another entry of the same person."))
    with ws.action(actor, "staff.merge") as s:
        old, keep = live_person(s, staff_id), live_person(s, into_id)
        if old is None or keep is None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This staff member no longer exists."))
        login = login_of(s, old.id)
        if login is None:
            raise UserError(QT_TRANSLATE_NOOP("app", "{name} has no login to move."), name=old.name)
        person_for_login(s, school_id=keep.school_id, staff_id=keep.id, name="")
        login.staff_id = keep.id
        s.flush()
        if _referenced(s, old.id):
            old.active = False
        else:
            old.deleted_at = utcnow()
