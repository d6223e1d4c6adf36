"""Is a PDF what xiaoan printed for a record? Its signature and its page, not only its footer.

A footer line (``XIAOAN-VERIFY v1 <type> <id> <sha256>``) is plain text: anyone
can copy it onto a page that says something else. So ``verify-pdf`` (on the
school PC and at the bureau) also asks:

* **the signature** — checked with the certificate *from the school's signer
  registry* (``signing_certificate``, synced), not with whatever certificate
  the file carries: the signer's certificate must be that very certificate,
  the signature must verify under it and cover the whole file (nothing added
  after signing: no incremental update);
* **the page** — the form named on the page (表 XA-nn) must be one printed
  for that kind of record, and the page text must show the record's text
  fields as the form prints them (every Chinese text value of the record's
  canonical content, less the few a form leaves out, :data:`NOT_PRINTED`),
  and the school's name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

# form key -> the kind of record its footer names
FORM_RECORD_TYPE: dict[str, str] = {
    "inspection": "inspection",
    "hazard-notice": "hazard",
    "recheck": "hazard",
    "ledger": "hazard_ledger",
    "handover": "handover",
    "placard": "grid_zone",
    "drill": "drill",
    "monthly": "monthly_report",
    "incident": "incident",
}

# Parts of a record's canonical content a form does not print (paths as in _text_fields).
NOT_PRINTED: dict[str, tuple[str, ...]] = {
    "inspection": ("/title",),  # the template's name: the form has its own title
    "hazard-notice": ("/history", "/recheck", "/rectification_note"),
    "recheck": ("/funds_source", "/interim_safeguard", "/row/responsible_name"),
    "drill": ("/photos", "/documents"),  # at most six photo captions; attachments by name
}

_CJK = re.compile(r"[\u3400-\u9fff]")
_FORM_NUMBER = re.compile(r"表\s*XA-(\d\d)")
_SPACE = re.compile(r"\s+")


def page_text(pdf: bytes) -> str:
    """All pages' text, as a PDF reader extracts it ("" when there is none)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # noqa: BLE001 - an unreadable page shows nothing
        return ""


def form_on_page(text: str) -> str | None:
    """The form key whose number (表 XA-nn) the page shows."""
    from app.reports.forms import FORM_NUMBERS

    numbers = {_SPACE.sub("", n): key for key, n in FORM_NUMBERS.items()}
    for m in _FORM_NUMBER.finditer(text):
        key = numbers.get(f"表XA-{m.group(1)}")
        if key:
            return key
    return None


def _text_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if _CJK.search(value):
            yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _text_fields(v, f"{path}/{k}")
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _text_fields(v, path)


def page_problem(
    text: str, record_type: str, content: dict[str, Any], school_name: str = ""
) -> str | None:
    """Why the page does not show this record (a sentence in Chinese), or None when it does."""
    form = form_on_page(text)
    if form is None or FORM_RECORD_TYPE.get(form) != record_type:
        return "页面上的表格编号与页脚所指的记录类型不符，或没有表格编号"
    flat = _SPACE.sub("", text)
    if school_name and _SPACE.sub("", school_name) not in flat:
        return f"页面上没有学校名称“{school_name}”"
    skip = NOT_PRINTED.get(form, ())
    for path, value in _text_fields(content):
        if path.startswith(skip):
            continue
        if _SPACE.sub("", value) not in flat:
            return f"页面上没有记录中的内容“{_short(value)}”"
    return None


def _short(text: str, n: int = 30) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def signature_problem(pdf: bytes, certificate_pem: str) -> str | None:
    """Why the PDF's signature does not stand with this registry certificate, or None.

    Reasons: ``unsigned``, ``other_certificate`` (signed with a certificate other
    than the registry's), ``broken`` (does not verify), ``not_whole_file``
    (something was added after signing).
    """
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # noqa: BLE001 - a file we cannot parse carries no signature we accept
        return "unsigned"
    if not signatures:
        return "unsigned"
    raw = certificate_pem.encode("ascii") if isinstance(certificate_pem, str) else certificate_pem
    _type, _headers, der = pem.unarmor(raw)
    registry = asn1_x509.Certificate.load(der)
    embedded = signatures[-1]
    if embedded.signer_cert.dump() != registry.dump():
        return "other_certificate"
    try:
        status = validate_pdf_signature(embedded, ValidationContext(trust_roots=[registry]))
    except Exception:  # noqa: BLE001 - a signature that cannot be checked does not stand
        return "broken"
    if not (status.intact and status.valid):
        return "broken"
    if len(signatures) != 1 or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "not_whole_file"
    return None


def registry_certificate(conn, fingerprint: str) -> str | None:
    """The registry's PEM of the certificate with ``fingerprint`` (a Session or Connection)."""
    from sqlalchemy import select

    from db.models import SigningCertificate

    c = SigningCertificate.__table__.c
    return conn.execute(
        select(c.certificate_pem).where(c.fingerprint == fingerprint, c.deleted_at.is_(None))
    ).scalar()
