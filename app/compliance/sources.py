"""Evidence sources (and subject lists) for the rules whose records live in this app.

Each is an :data:`~app.evidence.EvidenceSource`:
``(session, school_id, start, end, params) -> list[Evidence]`` over school-local
days ``start..end`` (both included). Subject lists (``per`` in a rule) have
the same signature and return :class:`~app.compliance.engine.Subject` rows.
All reads; nothing here writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.compliance.engine import SCHOOL_TZ, Subject, local_day
from app.evidence import Evidence

FAR_FUTURE = date(9999, 12, 31)


def local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants bounding the school-local days ``start``..``end``: ``[lo, hi)``."""
    lo = datetime.combine(start, time(), SCHOOL_TZ)
    hi = datetime.combine(end + timedelta(days=1), time(), SCHOOL_TZ)
    return lo, hi


def inspections(
    s: Session, school_id: uuid.UUID, start: date, end: date, params: Mapping[str, Any]
) -> list[Evidence]:
    """Finalized inspections started in the range; ``params["kinds"]`` limits the kinds."""
    from db.models import Inspection

    lo, hi = local_bounds(start, end)
    q = select(Inspection.id, Inspection.kind, Inspection.title, Inspection.started_at).where(
        Inspection.school_id == school_id,
        Inspection.deleted_at.is_(None),
        Inspection.finalized_at.is_not(None),
        Inspection.started_at >= lo,
        Inspection.started_at < hi,
    )
    kinds = params.get("kinds")
    if kinds:
        q = q.where(Inspection.kind.in_(list(kinds)))
    return [
        Evidence(at, "inspection", iid, title or kind, kind)
        for iid, kind, title, at in s.execute(q.order_by(Inspection.started_at))
    ]


def open_major_hazards(
    s: Session, school_id: uuid.UUID, start: date, end: date, _params: Mapping[str, Any]
) -> list[Subject]:
    """Major hazards owed monitoring in the range: from ``major_since`` to the day before closing."""
    from db.models import Hazard

    rows = s.execute(
        select(Hazard.id, Hazard.ref, Hazard.title, Hazard.major_since, Hazard.closed_at).where(
            Hazard.school_id == school_id,
            Hazard.major.is_(True),
            Hazard.deleted_at.is_(None),
            Hazard.major_since.is_not(None),
            Hazard.major_since <= end,
        )
    ).all()
    out = []
    for hid, ref, title, since, closed_at in rows:
        last = local_day(closed_at) - timedelta(days=1) if closed_at else FAR_FUTURE
        if last >= start and last >= since:
            out.append(Subject(str(hid), f"{ref} {title}", since, last, "hazard", hid))
    return out


def major_hazard_monitoring(
    s: Session, school_id: uuid.UUID, start: date, end: date, _params: Mapping[str, Any]
) -> list[Evidence]:
    """Monitoring entries in the range; ``kind`` is the hazard's id (matched to its subject)."""
    from db.models import HazardMonitoring

    rows = s.execute(
        select(
            HazardMonitoring.id,
            HazardMonitoring.hazard_id,
            HazardMonitoring.observed_at,
            HazardMonitoring.condition,
        ).where(
            HazardMonitoring.school_id == school_id,
            HazardMonitoring.deleted_at.is_(None),
            HazardMonitoring.observed_on >= start,
            HazardMonitoring.observed_on <= end,
        )
    )
    return [Evidence(at, "hazard_monitoring", mid, cond, str(hid)) for mid, hid, at, cond in rows]


def _shifts(s: Session, school_id: uuid.UUID, start: date, end: date):
    from db.models import DutyShift, DutyType, StaffMember

    return s.execute(
        select(
            DutyShift.id,
            DutyShift.date,
            DutyType.name,
            StaffMember.name,
            DutyShift.start_minute,
            DutyShift.end_minute,
        )
        .join(DutyType, DutyType.id == DutyShift.duty_type_id)
        .join(StaffMember, StaffMember.id == DutyShift.staff_id)
        .where(
            DutyShift.school_id == school_id,
            DutyShift.deleted_at.is_(None),
            DutyShift.date >= start,
            DutyShift.date <= end,
        )
        .order_by(DutyShift.date, DutyShift.start_minute)
    ).all()


def rostered_shifts(
    s: Session, school_id: uuid.UUID, start: date, end: date, _params: Mapping[str, Any]
) -> list[Subject]:
    """Every rostered shift in the range; each owes its handover once it has ended."""
    from app.duty.shift_time import shift_bounds

    def ends(day: date, start_minute: int, end_minute: int) -> datetime:
        start, end = (time(m // 60, m % 60) for m in (start_minute, end_minute))
        return shift_bounds(day, start, end)[1]

    return [
        Subject(str(sid), f"{duty} {person}", day, day, "duty_shift", sid, ends(day, sm, em))
        for sid, day, duty, person, sm, em in _shifts(s, school_id, start, end)
    ]


def _handovers(s: Session, school_id: uuid.UUID, start: date, end: date):
    from db.models import DutyShift, Handover

    return s.execute(
        select(Handover.id, Handover.shift_id, Handover.recorded_at, Handover.peaceful, DutyShift.date)
        .join(DutyShift, DutyShift.id == Handover.shift_id)
        .where(
            Handover.school_id == school_id,
            Handover.deleted_at.is_(None),
            DutyShift.date >= start,
            DutyShift.date <= end,
        )
    ).all()  # fmt: skip


def handovers(
    s: Session, school_id: uuid.UUID, start: date, end: date, _params: Mapping[str, Any]
) -> list[Evidence]:
    """Recorded handovers of shifts in the range; ``kind`` is the shift's id."""
    return [
        Evidence(at, "handover", hid, "peaceful" if ok else "incident", str(shift_id))
        for hid, shift_id, at, ok, _day in _handovers(s, school_id, start, end)
    ]


def zero_reports(
    s: Session, school_id: uuid.UUID, start: date, end: date, _params: Mapping[str, Any]
) -> list[Evidence]:
    """One entry per day whose zero report is complete: shifts rostered, every handover in.

    The entry is the day's last handover; ``kind`` is the day (``2026-11-23``, the
    period it answers) and ``label`` is ``peaceful`` (平安) or ``incident``.
    """
    shifts_by_day: dict[date, set[uuid.UUID]] = {}
    for sid, day, *_rest in _shifts(s, school_id, start, end):
        shifts_by_day.setdefault(day, set()).add(sid)
    by_day: dict[date, list] = {}
    for row in _handovers(s, school_id, start, end):
        by_day.setdefault(row[4], []).append(row)
    out = []
    for day, shift_ids in sorted(shifts_by_day.items()):
        rows = by_day.get(day, [])
        if not shift_ids <= {r[1] for r in rows}:
            continue
        last = max(rows, key=lambda r: r[2])
        peaceful = all(r[3] for r in rows)
        label = "peaceful" if peaceful else "incident"
        out.append(Evidence(last[2], "handover", last[0], label, day.isoformat()))
    return out


def monthly_reports(
    s: Session, school_id: uuid.UUID, start: date, end: date, _params: Mapping[str, Any]
) -> list[Evidence]:
    """Finalized monthly reports for months that start in the range; ``kind`` is the month."""
    from db.models import MonthlyReport

    first = f"{start.year:04d}-{start.month:02d}"
    last = f"{end.year:04d}-{end.month:02d}"
    rows = s.execute(
        select(MonthlyReport.id, MonthlyReport.month, MonthlyReport.finalized_at).where(
            MonthlyReport.school_id == school_id,
            MonthlyReport.deleted_at.is_(None),
            MonthlyReport.finalized_at.is_not(None),
            MonthlyReport.month >= first,
            MonthlyReport.month <= last,
        )
    )
    return [Evidence(at, "monthly_report", rid, month, month) for rid, month, at in rows]
