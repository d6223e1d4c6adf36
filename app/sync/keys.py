"""Device keys: the OS keyring where one works, else a file only the user can read.

Each device has an Ed25519 key that signs its bundles' manifests and an age
X25519 identity that return bundles are encrypted to. Private keys never
touch the database or a log; where they are kept is :mod:`app.sync.keystore`'s
business (the OS keyring, or ``<config dir>/keys/`` with mode 0600), and
:func:`key_place` says where they are for the Settings page.

Keys are made once, when the enrollment file is imported
(:func:`load_or_create_device_keys`); every later use goes through
:func:`device_keys`, which refuses — rather than silently making new keys
the bureau does not know — when an enrolled PC's keys cannot be found (a
locked keyring, say).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import uuid

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import keystore
from app.sync.keystore import KEYRING_SERVICE, KeyPlace

__all__ = ["KEYRING_SERVICE", "KeyPlace"]


def fingerprint(public_key: bytes) -> str:
    """A short fingerprint to compare by phone: 16 digits in four groups."""
    digest = hashlib.sha256(public_key).digest()
    number = int.from_bytes(digest[:8], "big") % 10**16
    text = f"{number:016d}"
    return " ".join(text[i : i + 4] for i in range(0, 16, 4))


def age_fingerprint(recipient: str) -> str:
    return fingerprint(recipient.encode("ascii"))


@dataclasses.dataclass(frozen=True)
class SigningKey:
    """An Ed25519 key pair (raw 32-byte private key)."""

    private: bytes

    @classmethod
    def generate(cls) -> SigningKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )

        key = Ed25519PrivateKey.generate()
        return cls(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))

    def _key(self):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.private)

    @property
    def public(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        return self._key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, data: bytes) -> bytes:
        return self._key().sign(data)


def verify_signature(public: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclasses.dataclass(frozen=True)
class AgeIdentity:
    """An age X25519 identity (``AGE-SECRET-KEY-1…``)."""

    secret: str

    @classmethod
    def generate(cls) -> AgeIdentity:
        from pyrage import x25519

        return cls(str(x25519.Identity.generate()))

    @property
    def recipient(self) -> str:
        from pyrage import x25519

        return str(x25519.Identity.from_str(self.secret).to_public())


@dataclasses.dataclass(frozen=True)
class DeviceKeys:
    device_id: uuid.UUID
    signing: SigningKey
    receiving: AgeIdentity

    @property
    def signing_public_b64(self) -> str:
        return base64.b64encode(self.signing.public).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing.public + self.receiving.recipient.encode("ascii"))


def _names(device_id: uuid.UUID) -> tuple[str, str]:
    return f"device:{device_id}:ed25519", f"device:{device_id}:x25519"


def load_device_keys(device_id: uuid.UUID) -> DeviceKeys | None:
    """This device's keys, or None if they are nowhere to be found."""
    sign_name, recv_name = _names(device_id)
    sign, recv = keystore.load(sign_name), keystore.load(recv_name)
    if not sign or not recv:
        return None
    return DeviceKeys(device_id, SigningKey(base64.b64decode(sign)), AgeIdentity(recv))


def device_keys(device_id: uuid.UUID) -> DeviceKeys:
    """The keys of an enrolled device; a UserError saying where they should be if missing."""
    keys = load_device_keys(device_id)
    if keys is not None:
        return keys
    place = keystore.where(list(_names(device_id)))
    raise UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "This computer's sync keys cannot be found (looked in {keyring} and {path}). "
            "If the system keyring is locked, unlock it (sign in to the desktop) and try again. "
            "If the keys are lost, or this data folder was copied from another computer, "
            "re-enroll it as a new computer on the sync page.",
        ),
        keyring=place.keyring or "-",
        path=str(place.path),
    )


def create_device_keys(device_id: uuid.UUID) -> DeviceKeys:
    """Generate and store this device's keys (replacing any old ones)."""
    keys = DeviceKeys(device_id, SigningKey.generate(), AgeIdentity.generate())
    sign_name, recv_name = _names(device_id)
    keystore.store(sign_name, base64.b64encode(keys.signing.private).decode())
    keystore.store(recv_name, keys.receiving.secret)
    return keys


def load_or_create_device_keys(device_id: uuid.UUID) -> DeviceKeys:
    """For enrollment only: an enrolled device uses :func:`device_keys`."""
    return load_device_keys(device_id) or create_device_keys(device_id)


def key_place(device_id: uuid.UUID) -> KeyPlace:
    """Where this device's sync keys are (or, before enrollment, would go)."""
    sign_name, recv_name = _names(device_id)
    return keystore.where([sign_name, recv_name, _secret_name(device_id, "enrollment-token")])


def _secret_name(device_id: uuid.UUID, name: str) -> str:
    return f"device:{device_id}:{name}"


def store_secret(device_id: uuid.UUID, name: str, value: str) -> None:
    """Keep a small sync secret (the one-time enrollment token) beside the keys, not in the DB."""
    keystore.store(_secret_name(device_id, name), value)


def load_secret(device_id: uuid.UUID, name: str) -> str | None:
    return keystore.load(_secret_name(device_id, name))


def delete_secret(device_id: uuid.UUID, name: str) -> None:
    keystore.delete(_secret_name(device_id, name))
