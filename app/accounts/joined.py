"""A PC that joined its school from an empty data folder: who signs in first.

Passwords and PINs never travel (``local_credential`` is not synced), so a
PC that joined with the bureau's one-time enrollment file holds the school's
accounts but nobody's secret. :func:`claim_on_joined_pc` lets the first
person at it pick their own account and set this computer's password or PIN
for it — once: only while the PC has no local credential at all, and only on
a PC whose records came from the bureau. Afterwards the normal sign-in works
and that person sets the others' secrets as on any PC.

:func:`join_stage` tells the first-run wizard where a data folder stands.
No Qt; call from a worker thread (hashing a secret takes a moment).
"""

from __future__ import annotations

import dataclasses
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import ROLE_PERMISSIONS, Permission
from app.accounts.secrets import check_secret
from app.accounts.service import _store_secret
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.signing.lifecycle import issue_signing_key
from app.workspace import Workspace
from db.models import LocalCredential, School, SyncEnrollment, UserAccount

NEW, JOIN, CLAIM = "new", "join", "claim"


def may_claim(role: str) -> bool:
    """Whether an account of ``role`` may be the first to sign in on a joined PC.

    Only a role that manages users (the principal). The first person on this
    PC is, for a while, the only one who can sign in here, and everyone else's
    password or PIN on this PC is set by someone who may manage users
    (``reset_secret``). A safety officer may not manage users: a PC claimed by
    one could never get a second person signed in, and the safety officer
    would have taken, on the strength of a file the bureau sends the school,
    the place that belongs to whoever answers for the school's accounts.
    """
    return Permission.MANAGE_USERS in ROLE_PERMISSIONS.get(role, frozenset())


@dataclasses.dataclass(frozen=True)
class ClaimChoice:
    user_id: uuid.UUID
    username: str
    display_name: str
    role: str


def _joined(s: Session) -> bool:
    """This data folder's school came from the bureau (an enrollment that names it)."""
    row = s.get(SyncEnrollment, 1)
    return row is not None and row.school_id is not None


def _school_here(s: Session) -> bool:
    return s.scalar(select(School.id).where(School.deleted_at.is_(None)).limit(1)) is not None


def _any_credential(s: Session) -> bool:
    return s.scalar(select(LocalCredential.user_id).limit(1)) is not None


def _claimable(s: Session) -> list[UserAccount]:
    users = s.scalars(
        select(UserAccount)
        .where(UserAccount.deleted_at.is_(None), UserAccount.active.is_(True))
        .order_by(UserAccount.username)
    )
    return [u for u in users if may_claim(u.role)]


def join_stage(ws: Workspace) -> str | None:
    """Where the first run of this data folder stands.

    ``"new"``: nothing here yet (set up a school, or join one). ``"join"``: an
    enrollment file that names a school was imported, but the school's records
    (its profile and a principal's account) have not all arrived. ``"claim"``:
    they have, and nobody has a password or PIN on this PC yet. None: the
    normal sign-in.
    """
    with ws.read() as s:
        if _any_credential(s):
            return None
        joined, school = _joined(s), _school_here(s)
        if not joined:
            return None if school else NEW
        if school and _claimable(s):
            return CLAIM
        return JOIN


def claim_choices(ws: Workspace) -> list[ClaimChoice]:
    """The accounts that may claim this PC (empty once anybody has a secret here)."""
    with ws.read() as s:
        if _any_credential(s) or not _joined(s):
            return []
        return [ClaimChoice(u.id, u.username, u.display_name, u.role) for u in _claimable(s)]


def _refusal(s: Session, user_id: uuid.UUID) -> UserError | None:
    """Why ``user_id`` may not claim this PC now (None: it may)."""
    if _any_credential(s):
        return UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "Somebody already signs in on this computer. Sign in, or ask the principal "
                "to set your password or PIN here.",
            )
        )
    if not _joined(s) or not _school_here(s):
        return UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "The school's records have not arrived on this computer yet. "
                "Sync with the bureau first.",
            )
        )
    user = s.get(UserAccount, user_id)
    if user is None or user.deleted_at is not None or not user.active:
        return UserError(QT_TRANSLATE_NOOP("app", "This user no longer exists."))
    if not may_claim(user.role):
        return UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "Only the principal can be the first to sign in on a computer that joined "
                "the school. The principal then sets everyone else's password or PIN here.",
            )
        )
    return None


def claim_on_joined_pc(ws: Workspace, user_id: uuid.UUID, secret_kind: str, secret: str) -> Actor:
    """Set this PC's password or PIN for ``user_id`` and sign them in (audited).

    Allowed only while this PC has no local credential at all and its records
    came from the bureau; refused (UserError, nothing changed) otherwise.
    The person's signing key is made here, sealed with the new secret (keys
    never travel either).
    """
    check_secret(secret_kind, secret)
    with ws.read() as s:
        refusal = _refusal(s, user_id)
        if refusal is not None:
            raise refusal
        user = s.get(UserAccount, user_id)
        actor = Actor(user_id=user.id, name=user.display_name, role=user.role)
    with ws.action(actor, "user.claim_on_pc", detail=secret_kind, always_audit=True) as s:
        refusal = _refusal(s, user_id)  # again, inside the write: two clicks, one claim
        if refusal is not None:
            raise refusal
        _store_secret(s, user_id, secret_kind, secret)
        issue_signing_key(s, user_id, secret)
    return actor
