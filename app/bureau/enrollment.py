"""Enrollment at the bureau: issue one-time enrollment files, register devices.

An enrollment file is JSON (README.md, "Enrollment"); its token is random
(256 bits), shown once, and stored only as its SHA-256. Registration spends
the token: a second use, an expired token or another school's token is
refused. The first device of a school binds the school's own id; later
devices of that school must name the same id.

Every refusal carries a stable ``reason`` (:data:`REASONS`) next to its
English detail, so a PC can tell the school what to do without reading
English. A device the operator retired (revoked, e.g. by
:func:`app.bureau.operator.reset_enrollment`) may register again with a fresh
token of its own school: its row is taken up again with the keys it sends now,
its received bundles and its seq numbering kept.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import BaseModel, StringConstraints, ValidationError
from sqlalchemy import Engine, select, update

from app.bureau.config import BureauConfig
from app.sync.keys import fingerprint
from db.models import BureauDevice, BureauSchool, EnrollmentToken

ENROLLMENT_FORMAT = "xiaoan-enrollment/1"
BS, BD, ET = BureauSchool.__table__, BureauDevice.__table__, EnrollmentToken.__table__


# Why a registration was refused (the ``reason`` of the bureau's answer).
MALFORMED = "malformed"
TOKEN_UNKNOWN = "token_unknown"
TOKEN_USED = "token_used"
TOKEN_EXPIRED = "token_expired"
SCHOOL_BOUND = "school_bound"  # the school code is enrolled with another school's id
DEVICE_REGISTERED = "device_registered"  # this device id is registered with other keys
REASONS = (MALFORMED, TOKEN_UNKNOWN, TOKEN_USED, TOKEN_EXPIRED, SCHOOL_BOUND, DEVICE_REGISTERED)

SchoolCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")]


class Registration(BaseModel):
    """What a PC sends to register (over HTTP, or in a USB registration request)."""

    token: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    school_code: SchoolCode
    school_id: uuid.UUID
    device_id: uuid.UUID
    signing_key: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    recipient: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    device_name: Annotated[str, StringConstraints(max_length=100)] = ""


class RegistrationError(Exception):
    def __init__(self, status: int, reason: str, detail: str) -> None:
        self.status = status
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}")


def checked_registration(raw: Any) -> dict[str, Any]:
    """A registration from outside (parsed JSON) checked field by field, or RegistrationError."""
    try:
        return Registration.model_validate(raw).model_dump(mode="json")
    except ValidationError as e:
        fields = ", ".join(str(err["loc"][0]) for err in e.errors() if err.get("loc"))
        raise RegistrationError(400, MALFORMED, f"malformed registration: {fields}") from None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def revoke_unused_tokens(conn, school_code: str, now: datetime) -> int:
    """Expire every unspent token of a school (a file may have gone astray); how many."""
    return conn.execute(
        update(ET)
        .where(ET.c.school_code == school_code, ET.c.used_at.is_(None), ET.c.expires_at > now)
        .values(expires_at=now)
    ).rowcount


def issue_enrollment(
    engine: Engine,
    config: BureauConfig,
    *,
    school_code: str,
    name: str,
    valid_days: int = 14,
    revoke_unused: bool = False,
) -> dict[str, Any]:
    """Create (or reuse) the school and a fresh one-time token; return the enrollment file.

    With ``revoke_unused`` the school's earlier unspent tokens stop working first
    (several files for several PCs stay valid otherwise)."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        if revoke_unused:
            revoke_unused_tokens(conn, school_code, now)
        bound = conn.execute(
            select(BS.c.id, BS.c.school_id).where(BS.c.code == school_code)
        ).first()
        if bound is None:
            conn.execute(
                BS.insert().values(id=uuid.uuid4(), code=school_code, name=name, created_at=now)
            )
        conn.execute(
            ET.insert().values(
                token_sha256=_token_hash(token),
                school_code=school_code,
                created_at=now,
                expires_at=now + timedelta(days=valid_days),
            )
        )
    return {
        "format": ENROLLMENT_FORMAT,
        "bureau_url": config.public_url,
        "school_code": school_code,
        "school_name": name,
        "token": token,
        "bureau_signing_key": config.signing_public_b64,
        "bureau_recipients": [config.age.recipient],
        "escrow_recipient": config.escrow_recipient,
        "bureau_fingerprint": config.fingerprint,
        "expires_at": (now + timedelta(days=valid_days)).isoformat(),
        # Once the school's first PC registered: a new PC joins this school and
        # receives its records (an empty data folder needs no setup of its own).
        "school_id": str(bound.school_id) if bound is not None and bound.school_id else None,
    }


def _check_keys(signing: bytes, recipient: str) -> None:
    """Both public keys must load: a device with a broken key would fail every later step."""
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from pyrage import x25519

    try:
        if len(signing) != 32:
            raise ValueError("not 32 bytes")
        Ed25519PublicKey.from_public_bytes(signing)
    except ValueError as e:
        raise RegistrationError(400, MALFORMED, f"malformed signing key: {e}") from None
    try:
        if len(recipient) > 100 or not recipient.startswith("age1"):
            raise ValueError("not an age1 recipient")
        x25519.Recipient.from_str(recipient)
    except (ValueError, pyrage.RecipientError) as e:
        raise RegistrationError(
            400, MALFORMED, f"malformed age recipient: {type(e).__name__}"
        ) from None


def register_device(engine: Engine, payload: dict[str, Any]) -> dict[str, Any]:
    """Spend a token and record a device's public keys. Raises RegistrationError.

    Idempotent: the same device registering again with the same token and keys
    (its first answer was lost on the line) gets the same answer.
    """
    try:
        token = str(payload["token"])
        code = str(payload["school_code"])
        school_id = uuid.UUID(str(payload["school_id"]))
        device_id = uuid.UUID(str(payload["device_id"]))
        signing = base64.b64decode(str(payload["signing_key"]), validate=True)
        recipient = str(payload["recipient"])
    except (KeyError, ValueError) as e:
        raise RegistrationError(400, MALFORMED, f"malformed registration: {e}") from None
    _check_keys(signing, recipient)
    now = datetime.now(UTC)
    device_fp = fingerprint(signing + recipient.encode("ascii"))
    with engine.begin() as conn:
        tok = conn.execute(
            select(ET).where(ET.c.token_sha256 == _token_hash(token)).with_for_update()
        ).first()
        if tok is None or tok.school_code != code:
            raise RegistrationError(403, TOKEN_UNKNOWN, "unknown enrollment token")
        if tok.used_at is not None and tok.used_by == device_id:
            dev = conn.execute(select(BD).where(BD.c.device_id == device_id)).first()
            if (
                dev is not None
                and dev.revoked_at is None
                and dev.school_id == school_id
                and dev.signing_key == base64.b64encode(signing).decode("ascii")
                and dev.recipient == recipient
            ):
                # The same registration again (the PC never heard the answer): the same answer.
                return {"device_fingerprint": dev.fingerprint, "school_code": code}
        if tok.used_at is not None:
            raise RegistrationError(403, TOKEN_USED, "enrollment token already used")
        if tok.expires_at < now:
            raise RegistrationError(403, TOKEN_EXPIRED, "enrollment token expired")
        school = conn.execute(select(BS).where(BS.c.code == code).with_for_update()).one()
        if school.school_id is None:
            conn.execute(update(BS).where(BS.c.code == code).values(school_id=school_id))
        elif school.school_id != school_id:
            raise RegistrationError(
                409, SCHOOL_BOUND, "this school code is enrolled with another school"
            )
        keys = dict(
            school_id=school_id,
            signing_key=base64.b64encode(signing).decode("ascii"),
            recipient=recipient,
            fingerprint=device_fp,
            registered_at=now,
        )
        known = conn.execute(
            select(BD).where(BD.c.device_id == device_id).with_for_update()
        ).first()
        if known is not None and (known.revoked_at is None or known.school_code != code):
            raise RegistrationError(
                409, DEVICE_REGISTERED, "device already registered (with other keys)"
            )
        if known is not None:
            # Retired by the operator, enrolled again with a fresh token: the same row
            # (its bundles and seq numbering) with the keys it has now.
            conn.execute(
                update(BD).where(BD.c.device_id == device_id).values(revoked_at=None, **keys)
            )
        else:
            conn.execute(
                BD.insert().values(
                    device_id=device_id, school_code=code, contiguous_seq=0, return_seq=0, **keys
                )
            )
        conn.execute(
            update(ET)
            .where(ET.c.token_sha256 == tok.token_sha256)
            .values(used_at=now, used_by=device_id)
        )
    return {"device_fingerprint": device_fp, "school_code": code}
