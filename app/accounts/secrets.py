"""Password and PIN hashing with Argon2id (argon2-cffi).

Parameters follow OWASP's Argon2id recommendation (19 MiB, 2 passes, 1 lane):
still memory-hard, and about 40 ms on a two-core school PC where RFC 9106's
4-lane 64 MiB profile took ~450 ms per sign-in. The hash records its own
parameters, so :func:`needs_rehash` lets a sign-in move old hashes along.
"""

from __future__ import annotations

import functools

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP

MIN_PASSWORD_LENGTH = 8
PIN_LENGTH = 6


@functools.cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


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


# A hash of a random secret nobody knows, with today's parameters. A sign-in
# as an unknown or inactive user is checked against it, so it costs the same
# Argon2 work as one for a real account and cannot tell which names exist.
DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$W1SZX0H1qXV0wOHhZ0UscQ$/Yq9YW3gNusMNgczUlnbpJjYuF6CIBC1BA9sBk1xH5Q"


def verify_nobody(secret: str) -> None:
    """The work of :func:`verify_secret` for an account that does not exist; always fails."""
    verify_secret(DUMMY_HASH, secret)


def needs_rehash(stored_hash: str) -> bool:
    from argon2.exceptions import InvalidHashError

    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
