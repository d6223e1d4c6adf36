"""Finalized drills as evidence for cadence rules (``app.drills.compliance:evidence``).

The compliance rules engine, the monthly report and the drills page's own
cadence check (:mod:`app.drills.cadence`) all count drills through
:func:`evidence`, so they always agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from app.drills.queries import local_bounds
from app.drills.types import DRILL_TYPE_LABELS
from app.evidence import Evidence
from app.hazards.service import SCHOOL_TZ
from app.i18n import translate
from db.models import Drill


def evidence(
    session: Session, school_id: uuid.UUID, start: date, end: date, params: Mapping[str, Any]
) -> list[Evidence]:
    """Finalized drills held on school-local days ``start``..``end`` (inclusive), oldest first.

    ``params["types"]`` (optional): drill type values to count. A drill
    replaced by a finalized correction does not count; the correction does.
    """
    lo, hi = local_bounds(start, end)
    newer = aliased(Drill)
    corrected = exists().where(
        and_(
            newer.corrects_id == Drill.id,
            newer.finalized_at.is_not(None),
            newer.deleted_at.is_(None),
        )
    )
    q = select(Drill.id, Drill.held_at, Drill.drill_type, Drill.title).where(
        Drill.school_id == school_id,
        Drill.deleted_at.is_(None),
        Drill.finalized_at.is_not(None),
        Drill.held_at >= lo,
        Drill.held_at < hi,
        ~corrected,
    )
    types = params.get("types")
    if types:
        q = q.where(Drill.drill_type.in_(list(types)))
    out = []
    for drill_id, held_at, drill_type, title in session.execute(
        q.order_by(Drill.held_at, Drill.id)
    ):
        label = title or translate("app", DRILL_TYPE_LABELS.get(drill_type, drill_type))
        day = held_at.astimezone(SCHOOL_TZ).date()
        out.append(Evidence(held_at, "drill", drill_id, f"{day:%m-%d} {label}"[:60], drill_type))
    return out
