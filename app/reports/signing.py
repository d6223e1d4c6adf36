"""PAdES signatures with the school device's ECDSA P-256 key.

The key and its certificate live in the OS keyring (self-signed until the
bureau's enrolment issues one). ECDSA P-256 rather than Ed25519: poppler's
``pdfsig`` — what most Linux readers use — cannot verify Ed25519 PDF
signatures.
"""

from __future__ import annotations

import dataclasses
import io
import uuid
from datetime import UTC, datetime, timedelta

from app.sync.keys import KEYRING_SERVICE, _keyring

CERT_YEARS = 10


@dataclasses.dataclass(frozen=True)
class PdfSigningIdentity:
    key_pem: bytes
    cert_pem: bytes


def _names(device_id: uuid.UUID) -> tuple[str, str]:
    return f"device:{device_id}:pdf-key", f"device:{device_id}:pdf-cert"


def _self_signed(common_name: str, organization: str) -> PdfSigningIdentity:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * CERT_YEARS))
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
        .sign(key, hashes.SHA256())
    )
    return PdfSigningIdentity(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert.public_bytes(serialization.Encoding.PEM),
    )


def load_or_create_pdf_identity(device_id: uuid.UUID, school_name: str) -> PdfSigningIdentity:
    kr = _keyring()
    key_name, cert_name = _names(device_id)
    key, cert = (
        kr.get_password(KEYRING_SERVICE, key_name),
        kr.get_password(KEYRING_SERVICE, cert_name),
    )
    if key and cert:
        return PdfSigningIdentity(key.encode("ascii"), cert.encode("ascii"))
    ident = _self_signed(f"{school_name} 校安 {str(device_id)[:8]}", school_name)
    kr.set_password(KEYRING_SERVICE, key_name, ident.key_pem.decode("ascii"))
    kr.set_password(KEYRING_SERVICE, cert_name, ident.cert_pem.decode("ascii"))
    return ident


def sign_pdf(pdf: bytes, identity: PdfSigningIdentity, *, reason: str, location: str) -> bytes:
    """Return ``pdf`` with an incremental PAdES signature appended."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    _t, _h, cert_der = pem.unarmor(identity.cert_pem)
    _t, _h, key_der = pem.unarmor(identity.key_pem)
    cert = asn1_x509.Certificate.load(cert_der)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name="XiaoanSignature",
            reason=reason,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        ),
        signer=signer,
        output=out,
    )
    return out.getvalue()
