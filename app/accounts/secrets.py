"""Password and PIN hashing with Argon2id (argon2-cffi, RFC 9106 low-memory profile)."""

from __future__ import annotations

import functools

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP

MIN_PASSWORD_LENGTH = 8
PIN_LENGTH = 6


@functools.cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()  # Argon2id, t=3, m=64 MiB, p=4


def check_secret(kind: str, secret: str) -> None:
    """Refuse a weak or malformed secret with a message the user can act on."""
    if kind == "pin":
        if len(secret) != PIN_LENGTH or not secret.isdigit():
            raise UserError(QT_TRANSLATE_NOOP("app", "A PIN is exactly 6 digits."))
        if len(set(secret)) == 1 or secret in ("123456", "654321", "012345"):
            raise UserError(
                QT_TRANSLATE_NOOP("app", "This PIN is too easy to guess. Choose another.")
            )
    elif kind == "password":
        if len(secret) < MIN_PASSWORD_LENGTH:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "A password needs at least {n} characters."),
                n=MIN_PASSWORD_LENGTH,
            )
    else:
        raise ValueError(f"unknown secret kind {kind!r}")


def hash_secret(secret: str) -> str:
    return _hasher().hash(secret)


def verify_secret(stored_hash: str, secret: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False
