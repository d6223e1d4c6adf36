"""``xiaoan verify-pdf``: does a printed form still match the database?"""

from __future__ import annotations

import enum
from pathlib import Path

from app.reports.verification import CONTENT_READERS, Stamp, canonical_digest, find_stamp


class Verdict(enum.Enum):
    MATCHES = "matches"
    CHANGED = "record changed since printing"
    UNKNOWN = "unknown record"
    NO_FOOTER = "no verification footer"


def read_stamp(pdf_path: Path) -> Stamp | None:
    """The footer's stamp, from the text layer (the plain ASCII line) or the metadata."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_path))
    for page in reversed(reader.pages):
        stamp = find_stamp(page.extract_text() or "")
        if stamp:
            return stamp
    subject = (reader.metadata or {}).get("/Subject") or ""
    return find_stamp(str(subject))


def verify_pdf(ws, pdf_path: Path) -> tuple[Verdict, Stamp | None]:
    stamp = read_stamp(pdf_path)
    if stamp is None:
        return Verdict.NO_FOOTER, None
    reader = CONTENT_READERS.get(stamp.record_type)
    content = reader(ws, stamp.record_id) if reader else None
    if content is None:
        return Verdict.UNKNOWN, stamp
    if canonical_digest(content) != stamp.digest:
        return Verdict.CHANGED, stamp
    return Verdict.MATCHES, stamp
