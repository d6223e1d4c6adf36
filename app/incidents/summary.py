"""Incident figures for a period (the monthly safety report, the bureau's overview)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.incidents.clocks import ClockState, clocks_of, follow_up_counts
from db.base import utcnow


@dataclasses.dataclass(frozen=True)
class IncidentFigures:
    total: int
    by_category: dict[str, int]
    phone_on_time: int
    phone_late: int
    phone_missing: int  # past due and never reported
    written_on_time: int
    written_late: int
    written_missing: int
    follow_ups: int
    open: int
    closed: int


def month_figures(
    session: Session, school_id, start: date, end: date, *, now: datetime | None = None
) -> IncidentFigures:
    """Incidents discovered between start and end (school-local dates, inclusive).

    A clock still running at ``now`` (default: the current time) counts in
    none of on time / late / missing.
    """
    from db.models import Incident

    now = now or utcnow()
    incidents = list(
        session.scalars(
            select(Incident).where(
                Incident.school_id == school_id,
                Incident.discovered_on >= start,
                Incident.discovered_on <= end,
                Incident.deleted_at.is_(None),
            )
        )
    )
    counts = follow_up_counts(session, [i.id for i in incidents])
    by_category: dict[str, int] = {}
    states: dict[tuple[str, ClockState], int] = {}
    closed = 0
    for inc in incidents:
        by_category[inc.category] = by_category.get(inc.category, 0) + 1
        clocks = clocks_of(inc, counts.get(inc.id, 0))
        closed += clocks.closed
        for clock in (clocks.phone, clocks.written):
            key = (clock.kind, clock.state(now))
            states[key] = states.get(key, 0) + 1
    return IncidentFigures(
        total=len(incidents),
        by_category=dict(sorted(by_category.items())),
        phone_on_time=states.get(("phone", ClockState.ON_TIME), 0),
        phone_late=states.get(("phone", ClockState.LATE), 0),
        phone_missing=states.get(("phone", ClockState.OVERDUE), 0),
        written_on_time=states.get(("written", ClockState.ON_TIME), 0),
        written_late=states.get(("written", ClockState.LATE), 0),
        written_missing=states.get(("written", ClockState.OVERDUE), 0),
        follow_ups=sum(counts.values()),
        open=len(incidents) - closed,
        closed=closed,
    )
