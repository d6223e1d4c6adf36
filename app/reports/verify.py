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
    PAGE_DIFFERS = "the page does not show the record"  # a copied footer on another page


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
    return verify_pdf_page(ws, pdf_path)[:2]


def verify_pdf_page(ws, pdf_path: Path) -> tuple[Verdict, Stamp | None, str]:
    """The verdict, the footer's stamp, and (for PAGE_DIFFERS) what the page lacks.

    The footer alone proves nothing (it is plain text anyone can copy), so a
    footer that matches the record is also checked against the page: the form
    number and the record's text as the form prints it
    (:func:`app.reports.authenticity.page_problem`).
    """
    from app.reports.authenticity import page_problem, page_text
    from app.school.service import get_profile

    stamp = read_stamp(pdf_path)
    if stamp is None:
        return Verdict.NO_FOOTER, None, ""
    reader = CONTENT_READERS.get(stamp.record_type)
    content = reader(ws, stamp.record_id) if reader else None
    if content is None:
        return Verdict.UNKNOWN, stamp, ""
    if canonical_digest(content) != stamp.digest:
        return Verdict.CHANGED, stamp, ""
    profile = get_profile(ws)
    text = page_text(Path(pdf_path).read_bytes())
    problem = page_problem(text, stamp.record_type, content, profile.name if profile else "")
    if problem:
        return Verdict.PAGE_DIFFERS, stamp, problem
    return Verdict.MATCHES, stamp, ""
