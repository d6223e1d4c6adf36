"""Which enrolled device sent a request: server challenges and Ed25519 request signatures.

A challenge is ``1.<bureau ms>.<nonce>.<mac>``: the bureau's own time in
milliseconds since the epoch, 16 random bytes (base64url, no padding) and an
HMAC-SHA256 of ``1.<ms>.<nonce>`` under a secret kept in
``<key-dir>/challenge.key`` (0600, made on first use), base64url without
padding. Nothing is stored per challenge: the bureau recomputes the MAC and
checks the age against its own clock, so a PC whose clock is wrong is not
affected. A request then carries the device's signature over
:func:`app.sync.request_auth.signed_text`, checked against the device's
enrolled, non-revoked key. Every refusal is an :class:`AuthError` with a short
reason; an unknown device and a wrong signature give the same reason.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import os
import secrets
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

from sqlalchemy import Engine, select

from app.sync.keys import verify_signature
from app.sync.request_auth import MalformedAuthorization, parse_authorization, signed_text
from db.models import BureauDevice

CHALLENGE_FILE = "challenge.key"
CHALLENGE_LIFETIME_S = 300
# A challenge made up to this long "in the future" still counts (several bureau workers).
CLOCK_SLACK_S = 5
BD = BureauDevice.__table__
# Checked against when the device is unknown, so both cases take the same work.
_DUMMY_KEY = bytes(32)


class AuthError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclasses.dataclass(frozen=True)
class Device:
    device_id: uuid.UUID
    school_id: uuid.UUID
    school_code: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def load_secret(key_dir: Path) -> bytes:
    """The challenge MAC key, created (0600) on first use."""
    path = key_dir / CHALLENGE_FILE
    try:
        return base64.b64decode(path.read_text().strip(), validate=True)
    except FileNotFoundError:
        pass
    secret = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        return base64.b64decode(path.read_text().strip(), validate=True)
    with os.fdopen(fd, "w") as f:
        f.write(base64.b64encode(secret).decode("ascii"))
    return secret


class DeviceAuth:
    def __init__(
        self,
        engine: Engine,
        key_dir: Path,
        *,
        lifetime_s: int = CHALLENGE_LIFETIME_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.secret = load_secret(key_dir)
        self.lifetime_ms = lifetime_s * 1000
        self.clock = clock

    def _mac(self, text: str) -> str:
        return _b64(hmac.new(self.secret, text.encode("ascii"), hashlib.sha256).digest())

    def challenge(self) -> str:
        body = f"1.{int(self.clock() * 1000)}.{_b64(secrets.token_bytes(16))}"
        return f"{body}.{self._mac(body)}"

    def check_challenge(self, challenge: str) -> None:
        parts = challenge.split(".")
        if len(parts) != 4 or parts[0] != "1" or not parts[1].isdigit() or len(parts[1]) > 15:
            raise AuthError("bad_challenge")
        body = ".".join(parts[:3])
        if not hmac.compare_digest(self._mac(body), parts[3]):
            raise AuthError("bad_challenge")
        age = self.clock() * 1000 - int(parts[1])
        if age > self.lifetime_ms or age < -CLOCK_SLACK_S * 1000:
            raise AuthError("challenge_expired")

    def authenticate(
        self, method: str, path: str, headers: Mapping[str, str], authorization: str | None
    ) -> Device:
        """The device that signed this request, or AuthError."""
        if not authorization:
            raise AuthError("authorization_required")
        try:
            device_id, challenge, signature = parse_authorization(authorization)
        except MalformedAuthorization as e:
            raise AuthError(f"malformed_authorization: {e}") from None
        self.check_challenge(challenge)
        with self.engine.connect() as conn:
            row = conn.execute(
                select(BD.c.signing_key, BD.c.school_id, BD.c.school_code).where(
                    BD.c.device_id == device_id, BD.c.revoked_at.is_(None)
                )
            ).first()
        key = base64.b64decode(row.signing_key) if row else _DUMMY_KEY
        text = signed_text(method, path, device_id, challenge, headers)
        if not verify_signature(key, signature, text) or row is None:
            raise AuthError("bad_signature")
        return Device(device_id, row.school_id, row.school_code)
