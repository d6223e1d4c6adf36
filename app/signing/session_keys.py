"""The signing keys unlocked on this PC, in memory for the session of their person.

Keyed by user id. Sign-in (:mod:`app.signing.lifecycle`) holds what is needed
to sign — the sealing key derived from the secret and the sealed key, or the
opened key when it was just made — and :func:`identity_for` opens it on first
use and keeps the opened key. :func:`forget` drops it; it is registered with
:func:`app.accounts.sessions.on_session_end`, so signing out or switching
user drops the person's key. Nothing here is ever written anywhere or logged.

Threading: any thread; a lock guards the store. Opening a key (AES-GCM, a
millisecond) happens outside the lock.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import uuid

from app.accounts.sessions import on_session_end
from app.signing.person_keys import SigningIdentity, UnsealError, role_title, unseal

log = logging.getLogger(__name__)


@dataclasses.dataclass(eq=False)
class HeldKey:
    """A person's key for this session: opened, or ready to open without their secret."""

    user_id: uuid.UUID
    cert_pem: str
    signer: str
    role: str  # as the certificate names it
    organization: str
    key_der: bytes | None = None  # opened
    sealing_key: bytes | None = None  # or: what opens it
    nonce: bytes = b""
    sealed: bytes = b""

    def __repr__(self) -> str:
        return f"HeldKey(user_id={self.user_id}, signer={self.signer!r})"

    def identity(self) -> SigningIdentity:
        """The opened identity; raises :class:`UnsealError` if the key does not open."""
        if self.key_der is None:
            if self.sealing_key is None:
                raise UnsealError("nothing to open the key with")
            self.key_der = unseal(self.sealed, self.nonce, self.sealing_key, self.user_id)
            self.sealing_key, self.sealed = None, b""  # the opened key is all we keep
        return SigningIdentity(
            self.key_der,
            self.cert_pem.encode("ascii"),
            self.signer,
            role_title(self.role),
            self.organization,
        )


_held: dict[uuid.UUID, HeldKey] = {}
_lock = threading.Lock()


def hold(key: HeldKey) -> None:
    with _lock:
        _held[key.user_id] = key


def forget(user_id: uuid.UUID) -> None:
    """Drop ``user_id``'s key from memory (their session ended, or their key changed)."""
    with _lock:
        _held.pop(user_id, None)


def forget_everyone() -> None:
    with _lock:
        _held.clear()


def is_unlocked(user_id: uuid.UUID | None) -> bool:
    with _lock:
        return user_id is not None and user_id in _held


def identity_for(user_id: uuid.UUID | None) -> SigningIdentity | None:
    """The signing identity of ``user_id`` if their key is unlocked here, else None.

    A key that does not open (it cannot happen after a correct sign-in, but a
    damaged row must not stop printing) is forgotten and None returned: the
    form then prints without a digital signature.
    """
    if user_id is None:
        return None
    with _lock:
        held = _held.get(user_id)
    if held is None:
        return None
    try:
        return held.identity()
    except UnsealError:
        log.warning("the signing key of user %s did not open; printing unsigned", user_id)
        forget(user_id)
        return None


on_session_end(forget)
