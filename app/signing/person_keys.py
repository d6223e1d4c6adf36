"""The cryptography of a person's signing key: no database, no Qt, no I/O.

* :func:`new_private_key` — an ECDSA P-256 key as PKCS#8 DER.
* :func:`issue_certificate` — a self-signed certificate naming the person.
* :func:`derive_sealing_key` — Argon2id over the person's secret.
* :func:`seal` / :func:`unseal` — AES-256-GCM of the private key, bound to
  the user id by the associated data.

``cryptography`` is imported inside the functions that need it: sign-in only
derives the sealing key (Argon2, already loaded for the PIN check) and the
key is opened on first use, so start-up does not pay for the import.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import uuid
from datetime import datetime, timedelta

from app.accounts.roles import ROLE_LABELS, ROLE_PERMISSIONS, Permission

# The same Argon2id cost as the PIN hash (app.accounts.secrets): a cheaper
# derivation would make the sealed key an easier target than the hash beside it.
KDF_TIME_COST = 2
KDF_MEMORY_KIB = 19 * 1024
KDF_PARALLELISM = 1
SALT_BYTES = 16
NONCE_BYTES = 12
CERT_YEARS = 10
# A certificate this close to its end is renewed (same key) at the next sign-in.
RENEW_BEFORE = timedelta(days=90)
_AAD = b"xiaoan signing key v1 "

# A person signs forms when their role records something a form has a
# signature box for: an inspection or a bureau spot check (检查人), a shift
# handover (交班人 / 接班人) or the monthly report (校长签字). Field work is
# everyone's at a school (一岗双责), so today every role with a login signs:
# principal, safety officer, duty staff, guard, staff and the bureau
# administrator recording a spot check. The app itself ("system") never does.
SIGNING_PERMISSIONS = frozenset(
    {Permission.INSPECT, Permission.RECORD_HANDOVER, Permission.SIGN_MONTHLY_REPORT}
)


def signs_forms(role: str) -> bool:
    """Whether a person with ``role`` has a signing key."""
    return role != "system" and bool(ROLE_PERMISSIONS.get(role, frozenset()) & SIGNING_PERMISSIONS)


def role_title(role: str) -> str:
    """The role as printed in a certificate: Chinese, like the forms (校长, 安全主任 …)."""
    from app.i18n import translate

    label = ROLE_LABELS.get(role)
    return translate("app", label, "zh_CN") if label else role


@dataclasses.dataclass(frozen=True)
class KdfParams:
    salt: bytes
    time_cost: int = KDF_TIME_COST
    memory_kib: int = KDF_MEMORY_KIB
    parallelism: int = KDF_PARALLELISM

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(os.urandom(SALT_BYTES))


def derive_sealing_key(secret: str, params: KdfParams) -> bytes:
    """Argon2id(secret, salt) → 32 bytes, the AES-256-GCM key that seals the private key."""
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret.encode("utf-8"),
        params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


class UnsealError(Exception):
    """The sealed key does not open with this sealing key (wrong secret, or damaged)."""


def seal(private_der: bytes, sealing_key: bytes, user_id: uuid.UUID) -> tuple[bytes, bytes]:
    """Encrypt ``private_der``; returns ``(nonce, ciphertext with tag)``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(sealing_key).encrypt(nonce, private_der, _AAD + user_id.bytes)


def unseal(sealed: bytes, nonce: bytes, sealing_key: bytes, user_id: uuid.UUID) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(sealing_key).decrypt(nonce, sealed, _AAD + user_id.bytes)
    except (InvalidTag, ValueError) as e:
        raise UnsealError("the signing key does not open") from e


def new_private_key() -> bytes:
    """A fresh ECDSA P-256 private key, PKCS#8 DER (unencrypted: seal it at once)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclasses.dataclass(frozen=True)
class Holder:
    """Whom a certificate names."""

    user_id: uuid.UUID
    name: str
    role: str
    organization: str  # the school's name

    @property
    def title(self) -> str:
        return role_title(self.role)


@dataclasses.dataclass(frozen=True)
class IssuedCertificate:
    pem: str
    fingerprint: str
    valid_from: datetime
    valid_to: datetime


def fingerprint_of(certificate_der: bytes) -> str:
    """Hex SHA-256 of a certificate's DER bytes."""
    return hashlib.sha256(certificate_der).hexdigest()


def issue_certificate(private_der: bytes, holder: Holder, now: datetime) -> IssuedCertificate:
    """A self-signed certificate for ``private_der`` naming ``holder``.

    Valid from a day before ``now`` (another PC's clock may be behind) for
    :data:`CERT_YEARS` years, for digital signatures and non-repudiation.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = serialization.load_der_private_key(private_der, password=None)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(holder.organization or "xiaoan")),
            x509.NameAttribute(NameOID.TITLE, _fit(holder.title)),
            x509.NameAttribute(NameOID.COMMON_NAME, _fit(holder.name)),
            x509.NameAttribute(NameOID.USER_ID, str(holder.user_id)),
        ]
    )
    valid_from = (now - timedelta(days=1)).replace(microsecond=0)
    valid_to = (now + timedelta(days=365 * CERT_YEARS)).replace(microsecond=0)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_to)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return IssuedCertificate(
        cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        fingerprint_of(cert.public_bytes(serialization.Encoding.DER)),
        valid_from,
        valid_to,
    )


def _fit(text: str) -> str:
    """X.509 names allow at most 64 characters per attribute."""
    return text.strip()[:64] or "-"


@dataclasses.dataclass(frozen=True)
class SigningIdentity:
    """What a PDF signature needs: the opened key, its certificate, whom it names."""

    key_der: bytes
    cert_pem: bytes
    signer: str  # the person's name
    title: str  # their role, as in the certificate
    organization: str  # the school

    def __repr__(self) -> str:  # never show the key, even in a traceback
        return f"SigningIdentity(signer={self.signer!r}, title={self.title!r})"

    @property
    def signed_by(self) -> str:
        return f"{self.signer}（{self.title}）"
