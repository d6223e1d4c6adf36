"""Accounts: creating and changing users, signing in, lock-out.

A login belongs to a person of the staff directory (:mod:`app.staff.people`):
creating a user creates its person — or gives an existing one the login — in
the same action, and a user's name, post and phone are the person's, edited
in that one place.

Every function that changes something takes the acting user and checks the
permission first; every change runs in one :meth:`Workspace.action` (one
transaction, outbox rows, one audit entry).
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, Role, require
from app.accounts.secrets import (
    check_secret,
    hash_secret,
    needs_rehash,
    verify_nobody,
    verify_secret,
)
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.school.clock import SCHOOL_TZ
from app.signing.lifecycle import (
    issue_signing_key,
    replace_signing_key,
    reseal_signing_key,
    unlock_signing_key,
)
from app.staff.people import clean_person, live_person, person_for_login
from app.workspace import Workspace
from db.base import new_id, utcnow
from db.models import LocalCredential, StaffMember, UserAccount

MAX_FAILED_ATTEMPTS = 5
LOCK_DURATION = timedelta(minutes=15)
_USERNAME = re.compile(r"^[^\s]{2,32}$")


@dataclasses.dataclass(frozen=True)
class UserView:
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    post: str
    phone: str
    active: bool
    has_secret: bool
    locked_until: datetime | None
    staff_id: uuid.UUID | None = None  # the person this login belongs to

    def actor(self) -> Actor:
        return Actor(user_id=self.id, name=self.display_name, role=self.role)


def _view(
    u: UserAccount, cred: LocalCredential | None, now: datetime, person: StaffMember | None
) -> UserView:
    locked = cred.locked_until if cred and cred.locked_until and cred.locked_until > now else None
    return UserView(
        id=u.id,
        username=u.username,
        display_name=person.name if person else u.display_name,
        role=u.role,
        post=person.post if person else "",
        phone=person.phone if person else "",
        active=u.active,
        has_secret=cred is not None,
        locked_until=locked,
        staff_id=u.staff_id,
    )


def normalize_username(username: str) -> str:
    return username.strip().lower()


def validate_login_fields(username: str, role: str) -> None:
    if not _USERNAME.match(normalize_username(username)):
        raise UserError(
            QT_TRANSLATE_NOOP("app", "A user name is 2 to 32 characters without spaces.")
        )
    if role not in {r.value for r in Role}:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose a role."))


def validate_user_fields(username: str, display_name: str, role: str) -> None:
    validate_login_fields(username, role)
    if not display_name.strip():
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter the person's name."))
    if len(display_name.strip()) > 50:
        raise UserError(QT_TRANSLATE_NOOP("app", "A name can have at most 50 characters."))


def add_user(
    s: Session,
    *,
    school_id: uuid.UUID,
    username: str,
    display_name: str = "",
    role: str,
    post: str = "",
    phone: str = "",
    secret_kind: str,
    secret: str,
    user_id: uuid.UUID | None = None,
    staff_id: uuid.UUID | None = None,
) -> UserAccount:
    """Insert a user and its local credential into an open write session (validated first).

    The login belongs to a person: the staff member ``staff_id`` names (who
    must still work here and have no login yet), or else a new staff member
    made from ``display_name``, ``post`` and ``phone`` in the same session.
    """
    if staff_id is None:
        validate_user_fields(username, display_name, role)
    else:
        validate_login_fields(username, role)
    check_secret(secret_kind, secret)
    name = normalize_username(username)
    taken = s.scalar(
        select(UserAccount.id).where(
            UserAccount.school_id == school_id, UserAccount.username == name
        )
    )
    if taken is not None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The user name {username} is already taken."), username=name
        )
    person = person_for_login(
        s, school_id=school_id, staff_id=staff_id, name=display_name, post=post, phone=phone
    )
    display_name = person.name  # from here on: the person's name, however they came
    user = UserAccount(
        id=user_id or new_id(),
        school_id=school_id,
        username=name,
        role=role,
        staff_id=person.id,
        active=True,
    )
    s.add(user)
    s.flush()
    s.add(LocalCredential(user_id=user.id, kind=secret_kind, secret_hash=hash_secret(secret)))
    issue_signing_key(s, user.id, secret)
    return user


def create_user(ws: Workspace, actor: Actor, **fields) -> UserView:
    require(actor, Permission.MANAGE_USERS)
    school_id = ws.school_id
    if school_id is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "Set up the school first."))
    with ws.action(actor, "user.create") as s:
        user = add_user(s, school_id=school_id, **fields)
        cred = s.get(LocalCredential, user.id)
        return _view(user, cred, utcnow(), live_person(s, user.staff_id))


def list_users(ws: Workspace, actor: Actor, *, include_inactive: bool = True) -> list[UserView]:
    require(actor, Permission.MANAGE_USERS)
    return _list(ws, include_inactive=include_inactive)


def _list(ws: Workspace, *, include_inactive: bool) -> list[UserView]:
    now = utcnow()
    with ws.read() as s:
        q = (
            select(UserAccount, LocalCredential, StaffMember)
            .outerjoin(LocalCredential, LocalCredential.user_id == UserAccount.id)
            .outerjoin(StaffMember, StaffMember.id == UserAccount.staff_id)
        )
        q = q.where(UserAccount.deleted_at.is_(None))
        if not include_inactive:
            q = q.where(UserAccount.active.is_(True))
        rows = s.execute(q.order_by(UserAccount.role, UserAccount.username)).all()
        return [_view(u, c, now, m) for u, c, m in rows]


@dataclasses.dataclass(frozen=True)
class LoginChoice:
    username: str
    display_name: str
    role: str


def login_choices(ws: Workspace) -> list[LoginChoice]:
    """Active users who can sign in on this PC (no permission needed: the login screen)."""
    return [
        LoginChoice(u.username, u.display_name, u.role)
        for u in _list(ws, include_inactive=False)
        if u.has_secret
    ]


def _get(s: Session, user_id: uuid.UUID) -> UserAccount:
    user = s.get(UserAccount, user_id)
    if user is None or user.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This user no longer exists."))
    return user


def update_user(
    ws: Workspace,
    actor: Actor,
    user_id: uuid.UUID,
    *,
    display_name: str,
    role: str,
    post: str = "",
    phone: str = "",
) -> None:
    """Change a login's role and its person's name, post and phone, in one action."""
    require(actor, Permission.MANAGE_USERS)
    with ws.action(actor, "user.update") as s:
        user = _get(s, user_id)
        validate_user_fields(user.username, display_name, role)
        if user.role == Role.PRINCIPAL and role != Role.PRINCIPAL:
            keep_one_principal(s, user)
        name, post, phone = clean_person(display_name, post, phone)
        person = live_person(s, user.staff_id)
        if person is None:  # an account an older version left without a person
            person = person_for_login(s, school_id=user.school_id, staff_id=None, name=name)
            user.staff_id = person.id
        person.name, person.post, person.phone = name, post, phone
        user.role = role


def keep_one_principal(s: Session, leaving: UserAccount) -> None:
    """Refuse (UserError) when ``leaving`` is the school's last active principal login."""
    others = s.scalar(
        select(UserAccount.id).where(
            UserAccount.role == Role.PRINCIPAL,
            UserAccount.active.is_(True),
            UserAccount.deleted_at.is_(None),
            UserAccount.id != leaving.id,
        )
    )
    if others is None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "The school needs at least one active principal account. Add another first."
            )
        )


def set_active(ws: Workspace, actor: Actor, user_id: uuid.UUID, active: bool) -> None:
    require(actor, Permission.MANAGE_USERS)
    if not active and user_id == actor.user_id:
        raise UserError(QT_TRANSLATE_NOOP("app", "You cannot deactivate your own account."))
    with ws.action(actor, "user.activate" if active else "user.deactivate") as s:
        user = _get(s, user_id)
        if not active and user.role == Role.PRINCIPAL:
            keep_one_principal(s, user)
        person = live_person(s, user.staff_id)
        if active and person is not None and not person.active:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "{name} is marked as no longer working here. Change that first."
                ),
                name=person.name,
            )
        user.active = active


def reset_secret(
    ws: Workspace, actor: Actor, user_id: uuid.UUID, *, secret_kind: str, secret: str
) -> None:
    """The principal sets a new password or PIN for someone (also unlocks the account)."""
    require(actor, Permission.MANAGE_USERS)
    check_secret(secret_kind, secret)
    with ws.action(actor, "user.reset_secret", detail=secret_kind, always_audit=True) as s:
        user = _get(s, user_id)
        _store_secret(s, user.id, secret_kind, secret)
        replace_signing_key(s, user.id, secret)


def change_own_secret(
    ws: Workspace, actor: Actor, *, current: str, secret_kind: str, secret: str
) -> None:
    check_secret(secret_kind, secret)
    with ws.action(actor, "user.change_secret", detail=secret_kind, always_audit=True) as s:
        cred = s.get(LocalCredential, actor.user_id)
        if cred is None or not verify_secret(cred.secret_hash, current):
            raise UserError(QT_TRANSLATE_NOOP("app", "The current password or PIN is wrong."))
        _store_secret(s, actor.user_id, secret_kind, secret)
        reseal_signing_key(s, actor.user_id, current, secret)


def own_secret_kind(ws: Workspace, actor: Actor) -> str | None:
    """Whether the signed-in person signs in with a "password" or a "pin" (None: neither)."""
    with ws.read() as s:
        cred = s.get(LocalCredential, actor.user_id) if actor.user_id else None
        return cred.kind if cred else None


def _store_secret(s: Session, user_id: uuid.UUID, kind: str, secret: str) -> None:
    cred = s.get(LocalCredential, user_id)
    if cred is None:
        cred = LocalCredential(user_id=user_id, kind=kind, secret_hash="")
        s.add(cred)
    cred.kind = kind
    cred.secret_hash = hash_secret(secret)
    cred.failed_attempts = 0
    cred.locked_until = None
    cred.changed_at = utcnow()


def unlock(ws: Workspace, actor: Actor, user_id: uuid.UUID) -> None:
    require(actor, Permission.MANAGE_USERS)
    with ws.action(actor, "user.unlock", always_audit=True) as s:
        user = _get(s, user_id)
        cred = s.get(LocalCredential, user.id)
        if cred is not None:
            cred.failed_attempts = 0
            cred.locked_until = None


def authenticate(ws: Workspace, username: str, secret: str) -> Actor:
    """Check a password or PIN; count failures and lock the account after too many.

    Raises a UserError that says how many attempts are left, or until when
    the account is locked. Every outcome for a known account is audited. An
    unknown or inactive user name gets the same Argon2 check (against a hash
    nobody knows), a write committed like the audit entry of a refusal, and
    the same message, so timing tells no names apart.
    """
    name = normalize_username(username)
    now = utcnow()
    wrong = UserError(QT_TRANSLATE_NOOP("app", "Wrong user name, password or PIN."))
    with ws.read() as s:
        user = s.scalar(
            select(UserAccount).where(
                UserAccount.username == name,
                UserAccount.deleted_at.is_(None),
                UserAccount.active.is_(True),
            )
        )
    if user is None:
        verify_nobody(secret)
        _commit_like_a_refusal(ws)
        raise wrong
    actor = Actor(user_id=user.id, name=user.display_name, role=user.role)
    outcome: UserError | None = None
    with ws.action(actor, "login", always_audit=True) as s:
        cred = s.get(LocalCredential, user.id)
        if cred is None:
            outcome = UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "{name} has no password on this computer yet. Ask the principal to set one.",
                ),
                name=user.display_name,
            )
        else:
            outcome = check_attempt(
                cred,
                secret,
                now,
                QT_TRANSLATE_NOOP(
                    "app",
                    "Wrong user name, password or PIN. {left} more wrong attempts lock the account for 15 minutes.",
                ),
            )
            if outcome is None:
                unlock_signing_key(s, user.id, secret)
        s.info["xiaoan.audit_detail"] = "ok" if outcome is None else "refused"
    if outcome is not None:
        raise outcome
    return actor


def _commit_like_a_refusal(ws: Workspace) -> None:
    """The write a refusal for a known account makes (its audit entry), without a record:
    one write transaction committed to disk, so an unknown name answers no sooner."""
    with ws.db.write(actor_id=None) as s:
        s.connection().exec_driver_sql("UPDATE device_state SET hlc_last = hlc_last WHERE id = 1")


def check_attempt(
    cred: LocalCredential, secret: str, now: datetime, wrong_message: str
) -> UserError | None:
    """One attempt at a stored password or PIN, inside an open write session.

    A locked credential refuses without looking at ``secret``. A right one
    clears the failure count (and moves an old hash to today's parameters);
    a wrong one counts, and the :data:`MAX_FAILED_ATTEMPTS`-th locks the
    account for :data:`LOCK_DURATION`. Returns the refusal to raise (
    ``wrong_message`` takes ``{left}``), or None when the secret is right.
    Sign-in and every other check of a person's secret share this count.
    """
    if cred.locked_until and cred.locked_until > now:
        return _locked_error(cred.locked_until)
    if verify_secret(cred.secret_hash, secret):
        cred.failed_attempts = 0
        cred.locked_until = None
        if needs_rehash(cred.secret_hash):
            cred.secret_hash = hash_secret(secret)
        return None
    cred.failed_attempts += 1
    left = MAX_FAILED_ATTEMPTS - cred.failed_attempts
    if left <= 0:
        cred.locked_until = now + LOCK_DURATION
        cred.failed_attempts = 0
        return _locked_error(cred.locked_until)
    return UserError(wrong_message, left=left)


def _locked_error(until: datetime) -> UserError:
    local = until.astimezone(SCHOOL_TZ).strftime("%H:%M")
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "Too many wrong attempts: this account is locked until {time}. The principal can unlock it.",
        ),
        time=local,
    )
