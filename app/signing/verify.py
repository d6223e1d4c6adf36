"""Reading a printed form's PAdES signature back, and finding its certificate on record.

Used by ``xiaoan verify-pdf`` (the school's own database) and ``xiaoan-bureau
verify-pdf`` (the bureau's): the same two questions on either side — is the
signature intact, and is the certificate that made it one this school
issued to this person (``signing_certificate``, synced)?

The certificate is self-signed, so "intact" here means: the bytes the
signature covers are unchanged and the signature was made by the key of the
certificate embedded with it, covering the whole file. Whose key that is
comes from the record, not from the certificate's own say-so.
"""

from __future__ import annotations

import dataclasses
import io
import uuid
from datetime import datetime

from sqlalchemy import select

from db.models import SigningCertificate


@dataclasses.dataclass(frozen=True)
class PdfSignature:
    intact: bool  # the signed bytes are unchanged and the signature checks out
    whole_file: bool  # nothing was added to the file after it was signed
    fingerprint: str  # hex SHA-256 of the signer's certificate (DER)
    signer: str  # the certificate's common name
    title: str
    organization: str
    user_id: str
    signed_at: datetime | None

    @property
    def valid(self) -> bool:
        return self.intact and self.whole_file


@dataclasses.dataclass(frozen=True)
class CertificateOnRecord:
    school_id: uuid.UUID
    user_id: uuid.UUID
    holder_name: str
    holder_role: str
    organization: str
    issued_at: datetime
    superseded_at: datetime | None


def read_signature(pdf: bytes) -> PdfSignature | None:
    """The last signature of ``pdf``, checked; None when the PDF carries no signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - an unreadable file has no signature we can show
        return None
    if not signatures:
        return None
    embedded = signatures[-1]
    cert = embedded.signer_cert
    subject = cert.subject.native
    try:
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[cert]))
        intact = bool(status.intact and status.valid)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        signed_at = status.signer_reported_dt
    except Exception:  # noqa: BLE001 - a signature that cannot be checked is not intact
        intact, whole, signed_at = False, False, None
    return PdfSignature(
        intact=intact,
        whole_file=whole,
        fingerprint=cert.sha256.hex(),
        signer=str(subject.get("common_name", "")),
        title=str(subject.get("title", "")),
        organization=str(subject.get("organization_name", "")),
        user_id=str(subject.get("user_id", "")),
        signed_at=signed_at,
    )


def certificate_on_record(conn, fingerprint: str) -> CertificateOnRecord | None:
    """The certificate with ``fingerprint`` in this database (a Session or a Connection)."""
    c = SigningCertificate.__table__.c
    row = conn.execute(
        select(
            c.school_id,
            c.user_id,
            c.holder_name,
            c.holder_role,
            c.organization,
            c.created_at,
            c.superseded_at,
        ).where(c.fingerprint == fingerprint, c.deleted_at.is_(None))
    ).first()
    if row is None:
        return None
    return CertificateOnRecord(
        uuid.UUID(str(row.school_id)),
        uuid.UUID(str(row.user_id)),
        row.holder_name,
        row.holder_role,
        row.organization,
        row.created_at,
        row.superseded_at,
    )
