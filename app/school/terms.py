"""The school's own term dates, where they differ from the bureau default.

:func:`terms_for` gives what :func:`app.periods.semester_of` takes as
``terms``: an empty list when the school has set nothing (the defaults
apply), else the school's terms, with the default terms filling the years
around them that the school has not set. Only the principal sets them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.periods import Term, TermName, default_terms
from app.workspace import Workspace
from db.base import utcnow
from db.models import SchoolTerm


def school_terms(session: Session, school_id: uuid.UUID) -> list[Term]:
    """Only the terms the school set, in order."""
    rows = session.scalars(
        select(SchoolTerm)
        .where(SchoolTerm.school_id == school_id, SchoolTerm.deleted_at.is_(None))
        .order_by(SchoolTerm.start)
    )
    return [Term(r.start, r.end, TermName(r.name)) for r in rows]


def terms_for(session: Session, school_id: uuid.UUID) -> list[Term]:
    """The terms to count semesters in (empty → the defaults apply)."""
    own = school_terms(session, school_id)
    if not own:
        return []
    out = list(own)
    for year in range(own[0].start.year - 1, own[-1].end.year + 2):
        for term in default_terms(year):
            clash = any(t.start <= term.end and term.start <= t.end for t in out)
            if not clash:
                out.append(term)
    return sorted(set(out))


def validate_terms(terms: Sequence[Term]) -> list[Term]:
    ordered = sorted(terms)
    for term in ordered:
        if term.end <= term.start:
            raise UserError(QT_TRANSLATE_NOOP("app", "A term must end after it starts."))
        if (term.end - term.start).days > 250:
            raise UserError(QT_TRANSLATE_NOOP("app", "A term can be at most 250 days long."))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start <= a.end:
            raise UserError(QT_TRANSLATE_NOOP("app", "Two terms overlap. Check their dates."))
    return ordered


def set_terms(ws: Workspace, actor: Actor, terms: Sequence[Term]) -> None:
    """Replace the school's own terms (an empty list goes back to the defaults)."""
    require(actor, Permission.EDIT_SCHOOL_PROFILE)
    ordered = validate_terms(terms)
    with ws.action(actor, "school.terms") as s:
        existing = list(
            s.scalars(
                select(SchoolTerm).where(
                    SchoolTerm.school_id == ws.school_id, SchoolTerm.deleted_at.is_(None)
                )
            )
        )
        keep = {(t.start, t.end, t.name.value) for t in ordered}
        have = set()
        now = utcnow()
        for row in existing:
            key = (row.start, row.end, row.name)
            if key in keep and key not in have:
                have.add(key)
            else:
                row.deleted_at = now
        for t in ordered:
            if (t.start, t.end, t.name.value) not in have:
                s.add(SchoolTerm(name=t.name.value, start=t.start, end=t.end))


def get_terms(ws: Workspace) -> list[Term]:
    """The terms the school set itself (for the dialog)."""
    school_id = ws.school_id
    if school_id is None:
        return []
    with ws.read() as s:
        return school_terms(s, school_id)
