"""Device keys, kept only in the OS keyring.

Each device has an Ed25519 key that signs its bundles' manifests and an age
X25519 identity that return bundles are encrypted to. Private keys never
touch the database, a log or a file; with keyring's null/fail backend the app
refuses to sync and says what to enable.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import uuid

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP

KEYRING_SERVICE = "xiaoan"


def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    names = {type(backend).__module__, type(backend).__name__}
    if isinstance(backend, fail.Keyring) or any("null" in n.lower() for n in names):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This computer has no secure key store, so xiaoan cannot keep its sync keys. "
                "On Windows this should not happen; on Linux install and unlock a keyring "
                "(for example GNOME Keyring or KWallet), then try again.",
            )
        )
    return keyring


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
    kr = _keyring()
    sign_name, recv_name = _names(device_id)
    sign, recv = (
        kr.get_password(KEYRING_SERVICE, sign_name),
        kr.get_password(KEYRING_SERVICE, recv_name),
    )
    if not sign or not recv:
        return None
    return DeviceKeys(device_id, SigningKey(base64.b64decode(sign)), AgeIdentity(recv))


def create_device_keys(device_id: uuid.UUID) -> DeviceKeys:
    """Generate and store this device's keys (replacing any old ones)."""
    kr = _keyring()
    keys = DeviceKeys(device_id, SigningKey.generate(), AgeIdentity.generate())
    sign_name, recv_name = _names(device_id)
    kr.set_password(KEYRING_SERVICE, sign_name, base64.b64encode(keys.signing.private).decode())
    kr.set_password(KEYRING_SERVICE, recv_name, keys.receiving.secret)
    return keys


def load_or_create_device_keys(device_id: uuid.UUID) -> DeviceKeys:
    return load_device_keys(device_id) or create_device_keys(device_id)


def _secret_name(device_id: uuid.UUID, name: str) -> str:
    return f"device:{device_id}:{name}"


def store_secret(device_id: uuid.UUID, name: str, value: str) -> None:
    """Keep a small sync secret (the one-time enrollment token) in the keyring, not the DB."""
    _keyring().set_password(KEYRING_SERVICE, _secret_name(device_id, name), value)


def load_secret(device_id: uuid.UUID, name: str) -> str | None:
    return _keyring().get_password(KEYRING_SERVICE, _secret_name(device_id, name))


def delete_secret(device_id: uuid.UUID, name: str) -> None:
    import keyring.errors

    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        _keyring().delete_password(KEYRING_SERVICE, _secret_name(device_id, name))
