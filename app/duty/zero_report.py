"""The daily zero report (日报平安 / 重大事件零报告, 000 §20), built from handovers.

A day is 平安 (peaceful) when every handover of that day's shifts reported
no incident; otherwise the report lists what happened. A handover is owed
once its shift has ended: a shift that has ended with no handover is
flagged as missing (the report is then incomplete, and a missing handover
never counts as peaceful); a shift still running, or still to come, is
listed as such — never as missing — and the report is not complete yet.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from sqlalchemy import select

from app.duty.roster import ShiftView, days_between, shift_views, shifts_between
from app.workspace import Workspace
from db.base import utcnow
from db.models import Handover, HandoverEvent


@dataclasses.dataclass(frozen=True)
class Incident:
    shift: ShiftView
    at: datetime
    what: str
    action_taken: str


@dataclasses.dataclass(frozen=True)
class ZeroReport:
    date: date
    shifts: tuple[ShiftView, ...]
    # Shifts that have ended without a handover.
    missing: tuple[ShiftView, ...]
    # Shifts whose handover said "not peaceful", and what their handovers recorded.
    incident_shifts: tuple[ShiftView, ...]
    incidents: tuple[Incident, ...]
    # Shifts that have ended with a saved handover nobody has signed.
    unsigned: tuple[ShiftView, ...]
    # Shifts running at the report's time, and shifts still to come (not handed over early).
    on_duty: tuple[ShiftView, ...] = ()
    upcoming: tuple[ShiftView, ...] = ()

    @property
    def peaceful(self) -> bool:
        """平安: every recorded handover reported no incident (see ``complete`` for gaps)."""
        return not self.incident_shifts

    @property
    def complete(self) -> bool:
        """Every shift of the day is over and handed over."""
        return bool(self.shifts) and not (self.missing or self.on_duty or self.upcoming)


def zero_reports(
    ws: Workspace, start: date, end: date, now: datetime | None = None
) -> list[ZeroReport]:
    """The zero report of each day in ``start``..``end`` as it stands at ``now`` (default: now)."""
    now = now or utcnow()
    with ws.read() as s:
        views = shift_views(s, shifts_between(s, start, end))
        ids = [v.id for v in views]
        handovers = {
            h.shift_id: h
            for h in s.scalars(select(Handover).where(Handover.shift_id.in_(ids), Handover.deleted_at.is_(None)))
        } if ids else {}  # fmt: skip
        events: dict = {}
        if handovers:
            q = select(HandoverEvent).where(
                HandoverEvent.handover_id.in_([h.id for h in handovers.values()]),
                HandoverEvent.deleted_at.is_(None),
            )
            for e in s.scalars(q.order_by(HandoverEvent.at)):
                events.setdefault(e.handover_id, []).append(e)
    out = []
    for day in days_between(start, end):
        shifts = [v for v in views if v.date == day]
        status = {v.id: v.handover_status(now) for v in shifts}
        missing = [v for v in shifts if status[v.id] == "missing"]
        bad = [v for v in shifts if v.id in handovers and not handovers[v.id].peaceful]
        unsigned = [v for v in shifts if status[v.id] == "unsigned"]
        incidents = [
            Incident(v, e.at, e.what, e.action_taken)
            for v in bad
            for e in events.get(handovers[v.id].id, [])
        ]
        out.append(
            ZeroReport(
                day,
                tuple(shifts),
                tuple(missing),
                tuple(bad),
                tuple(incidents),
                tuple(unsigned),
                tuple(v for v in shifts if status[v.id] == "on_duty"),
                tuple(v for v in shifts if status[v.id] == "upcoming"),
            )
        )
    return out


def zero_report(ws: Workspace, day: date, now: datetime | None = None) -> ZeroReport:
    return zero_reports(ws, day, day, now)[0]
