"""PAdES signatures with the printing person's ECDSA P-256 key.

The key and its certificate are the person's (:mod:`app.signing`), unlocked
at sign-in; this module only applies them. ECDSA P-256 rather than Ed25519:
poppler's ``pdfsig`` — what most Linux readers use — cannot verify Ed25519
PDF signatures.
"""

from __future__ import annotations

import io

from app.signing.person_keys import SigningIdentity


def sign_pdf(pdf: bytes, identity: SigningIdentity, *, reason: str, location: str) -> bytes:
    """Return ``pdf`` with an incremental PAdES signature appended."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    _t, _h, cert_der = pem.unarmor(identity.cert_pem)
    cert = asn1_x509.Certificate.load(cert_der)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(identity.key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(
            field_name="XiaoanSignature",
            name=identity.signer,
            reason=reason,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        ),
        signer=signer,
        output=out,
    )
    return out.getvalue()
