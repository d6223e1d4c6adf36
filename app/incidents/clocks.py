"""The reporting clocks of an incident: phone report within 30 minutes of
discovery, brief written report within 2 hours (002 七(十)).

A clock is pure arithmetic over its due time and the time the report was made,
so the UI counts down every second from what it loaded without reading the
database again. A report made after its due time is LATE for ever: the report
time cannot be edited once logged.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import translate
from app.incidents.labels import CATEGORY_LABELS

PHONE_WITHIN = timedelta(minutes=30)
WRITTEN_WITHIN = timedelta(hours=2)


class ClockState(enum.StrEnum):
    RUNNING = "running"  # not reported yet, not yet due
    OVERDUE = "overdue"  # not reported yet, past due
    ON_TIME = "on_time"  # reported at or before due
    LATE = "late"  # reported after due (kept for ever)


@dataclasses.dataclass(frozen=True)
class ReportClock:
    kind: str  # "phone" | "written"
    due_at: datetime  # aware UTC: discovered_at + 30 min / + 2 h
    reported_at: datetime | None

    def state(self, now: datetime) -> ClockState:
        if self.reported_at is not None:
            return ClockState.ON_TIME if self.reported_at <= self.due_at else ClockState.LATE
        return ClockState.RUNNING if now <= self.due_at else ClockState.OVERDUE

    def remaining(self, now: datetime) -> timedelta:
        """Time left until due (negative when overdue); for a made report, its margin."""
        return self.due_at - (self.reported_at if self.reported_at is not None else now)

    @property
    def reported(self) -> bool:
        return self.reported_at is not None


@dataclasses.dataclass(frozen=True)
class IncidentClocks:
    incident_id: uuid.UUID
    title: str  # short text (place + category label key is fine; no minors' names)
    category: str  # enum value
    severity: str  # enum value
    discovered_at: datetime
    closed: bool
    phone: ReportClock
    written: ReportClock
    follow_ups: int


def duration_text(d: timedelta) -> str:
    """ "1:05:09" style, always positive (the clock's state says which way)."""
    seconds = int(abs(d.total_seconds()))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


def phone_clock(discovered_at: datetime, reported_at: datetime | None) -> ReportClock:
    return ReportClock("phone", discovered_at + PHONE_WITHIN, reported_at)


def written_clock(discovered_at: datetime, reported_at: datetime | None) -> ReportClock:
    return ReportClock("written", discovered_at + WRITTEN_WITHIN, reported_at)


def incident_title(place: str, category: str) -> str:
    """Place and category, e.g. "操场 · 受伤"; never a person's name."""
    kind = translate("app", CATEGORY_LABELS.get(category, category))
    return f"{place} · {kind}" if place else kind


def urgency_key(clocks: IncidentClocks) -> tuple:
    """Sort key: incidents with a clock still open first, the soonest (or most overdue)
    due time first; then the rest, newest discovery first."""
    pending = [c.due_at for c in (clocks.phone, clocks.written) if not c.reported]
    if pending:
        return (0, min(pending).timestamp(), str(clocks.incident_id))
    return (1, -clocks.discovered_at.timestamp(), str(clocks.incident_id))


def clocks_of(incident, follow_ups: int) -> IncidentClocks:
    return IncidentClocks(
        incident_id=incident.id,
        title=incident_title(incident.place, incident.category),
        category=incident.category,
        severity=incident.severity,
        discovered_at=incident.discovered_at,
        closed=incident.closed_at is not None,
        phone=phone_clock(incident.discovered_at, incident.phone_reported_at),
        written=written_clock(incident.discovered_at, incident.written_reported_at),
        follow_ups=follow_ups,
    )


def follow_up_counts(session: Session, incident_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    from sqlalchemy import func

    from db.models import IncidentReport

    if not incident_ids:
        return {}
    rows = session.execute(
        select(IncidentReport.incident_id, func.count())
        .where(
            IncidentReport.incident_id.in_(incident_ids),
            IncidentReport.kind == "follow_up",
            IncidentReport.deleted_at.is_(None),
        )
        .group_by(IncidentReport.incident_id)
    )
    return {iid: n for iid, n in rows}


def open_incident_clocks(session: Session, school_id, now: datetime) -> list[IncidentClocks]:
    """Incidents not closed, most urgent first (an overdue or running clock first)."""
    from db.models import Incident

    incidents = list(
        session.scalars(
            select(Incident).where(
                Incident.school_id == school_id,
                Incident.closed_at.is_(None),
                Incident.deleted_at.is_(None),
            )
        )
    )
    counts = follow_up_counts(session, [i.id for i in incidents])
    return sorted((clocks_of(i, counts.get(i.id, 0)) for i in incidents), key=urgency_key)
