"""``xiaoan-bureau verify-pdf``: is this PDF a form a school's person signed for a record?

Refused (exit 1), each with its reason: no signature; a certificate that is
not in the schools' signer registry (``signing_certificate``); a signature
that does not verify under the registry's certificate or does not cover the
whole file (changed or appended to after signing); no footer; a record the
bureau does not hold, or one of another school than the signer's; a record
that changed since printing; a page that does not show the record
(app/reports/authenticity.py). Exit 0 only when all of that holds.
Operator messages are English, like the rest of ``xiaoan-bureau``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

_SIGNATURE = {
    "unsigned": "Signature: none. A plain paper print: only its handwritten signatures count.",
    "other_certificate": "Signature: REFUSED. It was not made with the registry's certificate.",
    "broken": "Signature: BROKEN. It does not verify: the file was changed after it was signed.",
    "not_whole_file": "Signature: REFUSED. It does not cover the whole file: something was "
    "added or changed after signing.",
}


@dataclasses.dataclass
class PdfVerdict:
    ok: bool = False
    lines: list[str] = dataclasses.field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)


class _SchoolRecords:
    """What the forms' content readers need of a workspace, over the bureau's database."""

    def __init__(self, engine: Engine, school_id: uuid.UUID) -> None:
        self._engine = engine
        self.school_id = school_id
        self.data_dir = None

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        from db.session import SyncSession

        with SyncSession(self._engine) as s:
            s.info["xiaoan.readonly"] = True
            yield s


def verify_pdf_at_bureau(path: Path, engine: Engine) -> PdfVerdict:
    from app.reports.authenticity import (
        page_problem,
        page_text,
        registry_certificate,
        signature_problem,
    )
    from app.reports.verify import read_stamp
    from app.school.clock import SCHOOL_TZ
    from app.signing.verify import certificate_on_record, read_signature
    from db.models import BureauSchool

    out = PdfVerdict()
    pdf = path.read_bytes()
    stamp = read_stamp(path)
    if stamp is not None:
        out.add(f"Form: {stamp.record_type} record {stamp.record_id}")
    signature = read_signature(pdf)
    if signature is None:
        out.add(_SIGNATURE["unsigned"])
        return out

    def local(dt) -> str:
        return dt.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M") if dt else "-"

    with engine.connect() as conn:
        record = certificate_on_record(conn, signature.fingerprint)
        pem = registry_certificate(conn, signature.fingerprint) if record else None
        school = (
            conn.execute(
                select(BureauSchool.code, BureauSchool.name).where(
                    BureauSchool.school_id == record.school_id
                )
            ).first()
            if record
            else None
        )
    claimed = (
        f"{signature.signer} ({signature.title}), {signature.organization}, "
        f"at {local(signature.signed_at)} (Beijing time)"
    )
    if record is None or pem is None:
        out.add(f"Signed by (its own claim): {claimed}")
        out.add(
            f"Certificate: NOT on record (SHA-256 {signature.fingerprint}). No school sent it; "
            "the name in it is only its own claim."
        )
        return out
    problem = signature_problem(pdf, pem)
    if problem:
        out.add(_SIGNATURE[problem])
        out.add(f"Signed by (its own claim): {claimed}")
        return out
    out.add("Signature: valid (verified with the registry's certificate; covers the whole file).")
    out.add(f"Signed by: {claimed}")
    where = f"{school.name} ({school.code})" if school else f"school {record.school_id}"
    out.add(
        f"Certificate: on record for {where}, person {record.holder_name} "
        f"({record.holder_role}, user {record.user_id}), issued {local(record.issued_at)}."
    )
    if record.superseded_at is not None:
        out.add(
            f"  Replaced by a newer certificate at {local(record.superseded_at)}; "
            "forms signed before then stand."
        )
    if stamp is None:
        out.add("Content: REFUSED. No verification footer: the page names no record.")
        return out
    content, why = _content(engine, record.school_id, stamp)
    if content is None:
        out.add(f"Content: REFUSED. {why}")
        return out
    from app.reports.verification import canonical_digest

    if canonical_digest(content) != stamp.digest:
        out.add(
            "Content: the record has changed since this form was printed; the paper shows an "
            "older state."
        )
        return out
    page = page_problem(page_text(pdf), stamp.record_type, content, school.name if school else "")
    if page:
        out.add(f"Content: REFUSED. The page does not match the record: {page}.")
        return out
    out.add("Content: the page shows the record as the bureau holds it.")
    out.ok = True
    return out


def _content(engine: Engine, school_id: uuid.UUID, stamp):
    """The record's canonical content as the bureau holds it, or (None, why)."""
    from app.reports.forms import load_forms
    from app.reports.verification import CONTENT_READERS
    from db.base import Base
    from db.models import load_all

    load_forms()
    load_all()
    table = Base.metadata.tables.get(stamp.record_type)
    if table is not None and "school_id" in table.c:
        with engine.connect() as conn:
            owner = conn.execute(
                select(table.c.school_id).where(table.c.id == uuid.UUID(stamp.record_id))
            ).scalar()
        if owner is not None and owner != school_id:
            return None, "The record belongs to another school than the signer's."
    reader = CONTENT_READERS.get(stamp.record_type)
    try:
        content = reader(_SchoolRecords(engine, school_id), stamp.record_id) if reader else None
    except Exception as e:  # noqa: BLE001 - a record the bureau cannot read cannot be matched
        return None, f"The bureau cannot read this {stamp.record_type} record ({type(e).__name__})."
    if content is None:
        return None, "The bureau holds no such record (not synced yet, or not this school's)."
    return content, ""
