"""The monthly safety report's figures (安全月报表), computed from the records.

Every figure is counted from stored records for the school-local days of the
month, up to ``today`` when the month is still running (a day that has not
come is not owed). Work owed — patrols, handovers, zero reports, drills,
monitoring — is counted only from the day the school started keeping its
records here (:func:`app.compliance.engine.records_since`, the 工作台's rule
too); ``counted_from`` says from which day, ``None`` when nothing was owed. Sections whose record area is not installed — drills,
incidents — are ``None``: the report says "not recorded in this app" rather
than printing a number nobody counted.

The result is plain JSON-able data (:func:`compute_figures`), frozen into the
report when the principal finalizes it.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.compliance.engine import Check, Status, evaluate, local_day, records_since
from app.compliance.rules import RuleSet, load_rules
from app.compliance.sources import inspections, rostered_shifts, zero_reports
from app.evidence import load_source
from app.periods import Period, next_month_day

DRILLS_SOURCE = "app.drills.compliance:evidence"
INCIDENTS_SOURCE = "app.incidents.summary:month_figures"
REPORT_DAY = 5


def due_on(month: Period) -> date:
    """The report is due by the 5th of the following month (004 (七))."""
    return next_month_day(month.start, REPORT_DAY)


def _counted(checks: list[Check], rule_id: str, last: date) -> tuple[int, int]:
    """(required, done) for one rule's checks whose period started by ``last``."""
    mine = [c for c in checks if c.rule.id == rule_id and c.period and c.period.start <= last]
    return len(mine), sum(1 for c in mine if c.status is Status.DONE)


def _hazards(s: Session, school_id: uuid.UUID, start: date, end: date, ref: date) -> dict:
    from db.models import Hazard

    rows = s.execute(
        select(
            Hazard.reported_on,
            Hazard.closed_at,
            Hazard.rectified_at,
            Hazard.deadline,
            Hazard.major,
            Hazard.major_since,
            Hazard.area,
        ).where(
            Hazard.school_id == school_id,
            Hazard.deleted_at.is_(None),
            Hazard.reported_on <= end,
        )
    ).all()
    found = closed = overdue = major = open_at_end = 0
    by_area: Counter[str] = Counter()
    for reported_on, closed_at, rectified_at, deadline, is_major, since, area in rows:
        closed_day = local_day(closed_at) if closed_at else None
        rectified_day = local_day(rectified_at) if rectified_at else None
        if start <= reported_on <= end:
            found += 1
            by_area[area] += 1
        if closed_day and start <= closed_day <= end:
            closed += 1
        still_open = closed_day is None or closed_day > ref
        if reported_on <= ref and still_open:
            open_at_end += 1
            if (
                deadline is not None
                and deadline < ref
                and (rectified_day is None or rectified_day > ref)
            ):
                overdue += 1  # fmt: skip
        if (
            is_major
            and since is not None
            and since <= end
            and (closed_day is None or closed_day >= start)
        ):
            major += 1  # fmt: skip
    return {
        "found": found,
        "closed": closed,
        "overdue": overdue,
        "major": major,
        "open_at_month_end": open_at_end,
        "found_by_area": dict(sorted(by_area.items())),
    }


def _drills(s: Session, school_id: uuid.UUID, checks: list[Check], start: date, end: date):
    try:
        source = load_source(DRILLS_SOURCE)
    except LookupError:
        return None
    held = source(s, school_id, start, end, {})
    owed = [
        c
        for c in checks
        if c.rule.what == "drill" and c.status is not Status.NOT_CHECKABLE and c.due_on and start <= c.due_on <= end
    ]  # fmt: skip
    return {
        "held": len(held),
        "by_type": dict(sorted(Counter(e.kind for e in held).items())),
        "required": len(owed),
        "required_met": sum(1 for c in owed if c.status is Status.DONE),
    }


def _incidents(s: Session, school_id: uuid.UUID, start: date, end: date):
    try:
        month_figures = load_source(INCIDENTS_SOURCE)
    except LookupError:
        return None
    f = month_figures(s, school_id, start, end)
    return {
        "total": f.total,
        "by_category": dict(sorted(f.by_category.items())),
        "phone_on_time": f.phone_on_time,
        "phone_late": f.phone_late,
        "phone_missing": f.phone_missing,
        "written_on_time": f.written_on_time,
        "written_late": f.written_late,
        "written_missing": f.written_missing,
        "follow_ups": f.follow_ups,
        "open": f.open,
        "closed": f.closed,
    }


def compute_figures(
    s: Session,
    school_id: uuid.UUID,
    month: Period,
    today: date,
    rules: RuleSet | None = None,
) -> dict[str, Any]:
    """Every figure of the month's report, as JSON-able data."""
    start, end = month.start, month.end
    ref = min(end, today)  # the last day already owed
    owed_from = max(start, records_since(s, school_id))  # nothing owed before set-up
    checks = (
        evaluate(s, school_id, owed_from, end, today, rules or load_rules())
        if owed_from <= end
        else []
    )
    patrol_required, patrol_done = _counted(checks, "daily_patrol", ref)
    by_kind = Counter(e.kind for e in inspections(s, school_id, start, end, {}))
    shifts = rostered_shifts(s, school_id, owed_from, ref, {})
    handovers = [
        c for c in checks if c.rule.id == "shift_handover" and c.period and c.period.start <= ref
    ]
    zero = zero_reports(s, school_id, owed_from, ref, {})
    days_owed = (ref - owed_from).days + 1 if ref >= owed_from else 0
    monitoring = [c for c in checks if c.rule.id == "major_hazard_monitoring" and c.period and c.period.start <= ref]  # fmt: skip
    return {
        "month": month.key,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "counted_from": owed_from.isoformat() if days_owed else None,
        "counted_to": ref.isoformat() if days_owed else None,
        "due_on": due_on(month).isoformat(),
        "patrols": {"required": patrol_required, "done": patrol_done},
        "inspections": {"total": sum(by_kind.values()), "by_kind": dict(sorted(by_kind.items()))},
        "hazards": {
            **_hazards(s, school_id, start, end, ref),
            "monitoring_days_owed": len(monitoring),
            "monitoring_days_missed": sum(1 for c in monitoring if c.status is Status.OVERDUE),
        },
        "drills": _drills(s, school_id, checks, start, end),
        "incidents": _incidents(s, school_id, start, end),
        "duty": {
            "shifts": len(shifts),
            "handovers": sum(1 for c in handovers if c.evidence),
            "handovers_missing": sum(1 for c in handovers if not c.evidence),
            "days_with_roster": len({sh.start for sh in shifts}),
        },
        "zero_reports": {
            "days": days_owed,
            "complete": len(zero),
            "peaceful": sum(1 for e in zero if e.label == "peaceful"),
            "with_incidents": sum(1 for e in zero if e.label == "incident"),
            "missing": days_owed - len(zero),
        },
    }
