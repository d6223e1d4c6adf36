"""The daily zero report (日报平安 / 重大事件零报告, 000 §20), built from handovers.

A day is 平安 (peaceful) when every handover of that day's shifts reported
no incident; otherwise the report lists what happened. A rostered shift
with no handover is flagged as missing: the report is then incomplete, and
a missing handover never counts as peaceful.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from sqlalchemy import select

from app.duty.roster import ShiftView, days_between, shift_views, shifts_between
from app.workspace import Workspace
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
    missing: tuple[ShiftView, ...]
    # Shifts whose handover said "not peaceful", and what their handovers recorded.
    incident_shifts: tuple[ShiftView, ...]
    incidents: tuple[Incident, ...]
    unsigned: tuple[ShiftView, ...]

    @property
    def peaceful(self) -> bool:
        """平安: every recorded handover reported no incident (see ``complete`` for gaps)."""
        return not self.incident_shifts

    @property
    def complete(self) -> bool:
        return bool(self.shifts) and not self.missing


def zero_reports(ws: Workspace, start: date, end: date) -> list[ZeroReport]:
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
        missing = [v for v in shifts if v.id not in handovers]
        bad = [v for v in shifts if v.id in handovers and not handovers[v.id].peaceful]
        unsigned = [
            v for v in shifts if v.id in handovers and handovers[v.id].outgoing_signature_id is None
        ]
        incidents = [
            Incident(v, e.at, e.what, e.action_taken)
            for v in bad
            for e in events.get(handovers[v.id].id, [])
        ]
        out.append(
            ZeroReport(
                day, tuple(shifts), tuple(missing), tuple(bad), tuple(incidents), tuple(unsigned)
            )
        )
    return out


def zero_report(ws: Workspace, day: date) -> ZeroReport:
    return zero_reports(ws, day, day)[0]
