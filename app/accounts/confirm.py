"""A person confirms who they are at someone else's session: their own password or PIN.

Two people sign some records at one PC — the incoming person of a shift
handover signs on the outgoing person's session. Before a signature is taken
in a name other than the signed-in person's, that person types their own
password or PIN here. It is checked exactly as a sign-in is
(:func:`app.accounts.service.check_attempt`): the same failure count, so
five wrong tries here or at the sign-in window lock the account for 15
minutes, and every attempt is in the audit trail as the person's own
(``identity.confirm``, detail ``ok`` or ``refused``).

A successful check returns a :class:`Confirmation`: the service that takes
the signature asks for it and checks it with :func:`is_confirmed`. It is
sealed with a key that lives only in this process, so no caller can make
one up by forgetting a step, and it holds for :data:`CONFIRMATION_VALID`
— time to draw a signature, not to leave the PC and come back.

A person with no password or PIN on this PC cannot confirm; the refusal
says to ask the principal to set one (on a second PC, secrets are set
there: they never travel).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from app.accounts.service import check_attempt
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import utcnow
from db.models import LocalCredential, UserAccount

CONFIRMATION_VALID = timedelta(minutes=10)
_SEAL_KEY = secrets.token_bytes(32)  # this process only: a Confirmation never outlives it


@dataclasses.dataclass(frozen=True)
class Confirmation:
    """``user_id`` typed their own secret at ``confirmed_at`` (aware UTC) on this PC."""

    user_id: uuid.UUID
    name: str
    confirmed_at: datetime
    seal: bytes = dataclasses.field(repr=False, default=b"")


def _seal(user_id: uuid.UUID, at: datetime) -> bytes:
    message = f"{user_id}|{at.isoformat()}".encode()
    return hmac.new(_SEAL_KEY, message, hashlib.sha256).digest()


def no_login_error(name: str) -> UserError:
    """The refusal for a person who has no password or PIN on this PC (or no account)."""
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "{name} has no sign-in on this computer, so they cannot confirm who they are here. "
            "Ask the principal to set a password or PIN for {name} on this computer, then sign.",
        ),
        name=name,
    )


def _live_user(s, user_id: uuid.UUID) -> UserAccount | None:
    return s.scalar(
        select(UserAccount).where(
            UserAccount.id == user_id,
            UserAccount.deleted_at.is_(None),
            UserAccount.active.is_(True),
        )
    )


def can_confirm(ws: Workspace, user_id: uuid.UUID | None) -> bool:
    """Whether ``user_id`` is an active account with a password or PIN on this PC."""
    if user_id is None:
        return False
    with ws.read() as s:
        return _live_user(s, user_id) is not None and s.get(LocalCredential, user_id) is not None


def confirm_identity(ws: Workspace, user_id: uuid.UUID, secret: str) -> Confirmation:
    """Check ``user_id``'s own password or PIN; count failures and lock as a sign-in does.

    Raises a UserError (wrong, with the attempts left; locked until when; or
    no sign-in on this PC). Every attempt by a known account is audited.
    """
    now = utcnow()
    with ws.read() as s:
        user = _live_user(s, user_id)
        name = user.display_name if user else ""
        actor = Actor(user_id=user.id, name=user.display_name, role=user.role) if user else None
    if actor is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This person cannot sign in on this computer."))
    outcome: UserError | None = None
    with ws.action(actor, "identity.confirm", always_audit=True) as s:
        cred = s.get(LocalCredential, user_id)
        if cred is None:
            outcome = no_login_error(name)
        else:
            outcome = check_attempt(
                cred,
                secret,
                now,
                QT_TRANSLATE_NOOP(
                    "app",
                    "Wrong password or PIN. {left} more wrong attempts lock the account for 15 minutes.",
                ),
            )
        s.info["xiaoan.audit_detail"] = "ok" if outcome is None else "refused"
    if outcome is not None:
        raise outcome
    return Confirmation(user_id, name, now, _seal(user_id, now))


def is_confirmed(
    confirmation: Confirmation | None, user_id: uuid.UUID | None, now: datetime | None = None
) -> bool:
    """Whether ``confirmation`` is this process's, for ``user_id``, and still fresh."""
    if confirmation is None or user_id is None or confirmation.user_id != user_id:
        return False
    if not hmac.compare_digest(confirmation.seal, _seal(user_id, confirmation.confirmed_at)):
        return False
    age = (now or utcnow()) - confirmation.confirmed_at
    return timedelta(0) <= age <= CONFIRMATION_VALID
