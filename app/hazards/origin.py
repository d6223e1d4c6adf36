"""Where a hazard came from: the drill, the handover patrol or the inspection that found it.

:func:`hazard_origin` names the source record and the page that opens it, so
the hazard's detail can link back. A drill is looked up through the drills
area (:func:`app.drills.queries.drill_for_hazard`) when it is installed; a
hazard entered by hand has no origin. One read; nothing here writes.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from sqlalchemy import select

from app.evidence import load_source
from app.hazards.service import school_day
from app.workspace import Workspace

DRILL_SOURCE = "app.drills.queries:drill_for_hazard"


@dataclasses.dataclass(frozen=True)
class HazardOrigin:
    kind: str  # "drill" | "handover" | "inspection"
    page: str  # the page key that opens the record
    record_id: uuid.UUID
    label: str  # the record's own text: a drill's ref, a patrol's place, an inspection's title
    day: date | None = None


def hazard_origin(ws: Workspace, hazard_id: uuid.UUID) -> HazardOrigin | None:
    """The record this hazard was raised from, or None when it was entered directly."""
    try:
        drill_for_hazard = load_source(DRILL_SOURCE)
    except LookupError:
        drill_for_hazard = None
    if drill_for_hazard is not None:
        found = drill_for_hazard(ws, hazard_id)
        if found is not None:
            return HazardOrigin("drill", "drills", found[0], found[1])
    from db.models import Handover, HandoverPatrol, Hazard, Inspection

    with ws.read() as s:
        patrol = s.execute(
            select(Handover.id, HandoverPatrol.place, HandoverPatrol.at)
            .join(Handover, Handover.id == HandoverPatrol.handover_id)
            .where(HandoverPatrol.hazard_id == hazard_id, HandoverPatrol.deleted_at.is_(None))
            .limit(1)
        ).first()
        if patrol is not None:
            return HazardOrigin("handover", "handover", patrol[0], patrol[1], school_day(patrol[2]))
        inspection = s.execute(
            select(Inspection.id, Inspection.title, Inspection.kind, Inspection.started_at)
            .join(Hazard, Hazard.source_inspection_id == Inspection.id)
            .where(Hazard.id == hazard_id)
        ).first()
        if inspection is not None:
            iid, title, kind, started = inspection
            return HazardOrigin(
                "inspection", "inspections", iid, title or kind, school_day(started)
            )
    return None
