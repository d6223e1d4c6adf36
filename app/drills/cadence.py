"""Which required drills are done, due or missed, for the school's type and a period.

The rules (DOMAIN, 004 (二)2, 000 §5, §9):

* an emergency drill at least once a month at a school, once a quarter at a
  kindergarten (fire training does not count: it is teaching, not a drill);
* a fire evacuation drill and fire-safety training at least once a semester;
* a school-bus evacuation drill once a semester where the school runs buses.

A requirement is *done* when its period holds enough finalized drills,
*due* while its period has not ended, and *missed* after. Semesters come
from :func:`app.school.terms.terms_for`; on a day between terms (the summer
holiday) the semester requirements have no period and are left out.

Drills are counted by :func:`app.drills.compliance.evidence`, the same
query the compliance rules and the monthly report use. The dashboard and the
monthly report call :func:`cadence_status`.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.drills.compliance import evidence
from app.drills.types import EMERGENCY_DRILL_TYPES, DrillType
from app.evidence import Evidence
from app.hazards.service import school_today
from app.i18n import QT_TRANSLATE_NOOP
from app.periods import Cadence, Period, Term, period_of
from app.school.terms import terms_for
from db.models import School


class Status(enum.StrEnum):
    DONE = "done"
    DUE = "due"
    MISSED = "missed"


STATUS_LABELS = {
    Status.DONE: QT_TRANSLATE_NOOP("app", "Done"),
    Status.DUE: QT_TRANSLATE_NOOP("app", "Due"),
    Status.MISSED: QT_TRANSLATE_NOOP("app", "Missed"),
}


@dataclasses.dataclass(frozen=True)
class Requirement:
    code: str
    label: str  # English, marked for translation with context "app"
    cadence: Cadence
    types: tuple[str, ...]
    required: int = 1


MONTHLY_DRILL = Requirement(
    "drill_monthly", QT_TRANSLATE_NOOP("app", "Emergency drill this month"), Cadence.MONTHLY,
    EMERGENCY_DRILL_TYPES,
)  # fmt: skip
QUARTERLY_DRILL = Requirement(
    "drill_quarterly", QT_TRANSLATE_NOOP("app", "Emergency drill this quarter"),
    Cadence.QUARTERLY, EMERGENCY_DRILL_TYPES,
)  # fmt: skip
FIRE_DRILL = Requirement(
    "fire_drill", QT_TRANSLATE_NOOP("app", "Fire evacuation drill this semester"),
    Cadence.SEMESTER, (DrillType.FIRE_EVACUATION.value,),
)  # fmt: skip
FIRE_TRAINING = Requirement(
    "fire_training", QT_TRANSLATE_NOOP("app", "Fire safety training this semester"),
    Cadence.SEMESTER, (DrillType.FIRE_TRAINING.value,),
)  # fmt: skip
BUS_DRILL = Requirement(
    "bus_drill", QT_TRANSLATE_NOOP("app", "School-bus evacuation drill this semester"),
    Cadence.SEMESTER, (DrillType.SCHOOL_BUS_EVACUATION.value,),
)  # fmt: skip


def requirements(kind: str, has_school_bus: bool) -> list[Requirement]:
    """What a school of ``kind`` (a :class:`db.models.school.SchoolKind` value) must hold."""
    out = [QUARTERLY_DRILL if kind == "kindergarten" else MONTHLY_DRILL, FIRE_DRILL, FIRE_TRAINING]
    if has_school_bus:
        out.append(BUS_DRILL)
    return out


@dataclasses.dataclass(frozen=True)
class CadenceItem:
    requirement: Requirement
    period: Period
    done: int
    status: Status
    evidence: tuple[Evidence, ...]


def check(
    session: Session,
    school_id: uuid.UUID,
    on: date,
    today: date,
    *,
    kind: str,
    has_school_bus: bool,
    terms: Sequence[Term] | None = None,
) -> list[CadenceItem]:
    """Each requirement for the period holding ``on``, judged as of ``today``."""
    out = []
    for req in requirements(kind, has_school_bus):
        period = period_of(req.cadence, on, terms)
        if period is None:  # between terms
            continue
        found = evidence(session, school_id, period.start, period.end, {"types": req.types})
        if len(found) >= req.required:
            status = Status.DONE
        elif today <= period.end:
            status = Status.DUE
        else:
            status = Status.MISSED
        out.append(CadenceItem(req, period, len(found), status, tuple(found)))
    return out


def reference_day(month: Period, today: date) -> date:
    """The day of ``month`` whose quarter and semester to show: today if inside it, else its edge."""
    return min(max(today, month.start), month.end)


def cadence_status(
    session: Session, school_id: uuid.UUID, on: date | None = None, today: date | None = None
) -> list[CadenceItem]:
    """The school's drill cadence for the periods holding ``on`` (default: today)."""
    today = today or school_today()
    school = session.scalar(select(School).where(School.id == school_id))
    if school is None:
        return []
    return check(
        session,
        school_id,
        on or today,
        today,
        kind=school.kind,
        has_school_bus=school.has_school_bus,
        terms=terms_for(session, school_id),
    )


def drill_cadence(ws, on: date | None = None, today: date | None = None) -> list[CadenceItem]:
    """:func:`cadence_status` for the workspace's school (for the UI and the CLI)."""
    if ws.school_id is None:
        return []
    with ws.read() as s:
        return cadence_status(s, ws.school_id, on, today)
