"""What the page and the command line read: incident rows with their clocks,
and one incident's full record. Minors' names are redacted here, in the
service, for every role but the principal and the safety officer."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from sqlalchemy import select

from app.actor import Actor
from app.i18n import translate
from app.incidents.access import may_manage, may_report, may_see_minors, require_report
from app.incidents.clocks import IncidentClocks, clocks_of, follow_up_counts, urgency_key
from app.incidents.labels import REDACTED_MINOR
from app.incidents.service import get_incident
from app.workspace import Workspace
from db.models import Incident, IncidentPerson, IncidentReport


@dataclasses.dataclass(frozen=True)
class IncidentRow:
    ref: str
    place: str
    reporter_name: str
    clocks: IncidentClocks

    @property
    def id(self) -> uuid.UUID:
        return self.clocks.incident_id


@dataclasses.dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    name: str  # redacted for minors unless the reader may see them
    role: str
    minor: bool
    injury: str
    redacted: bool


@dataclasses.dataclass(frozen=True)
class ReportView:
    id: uuid.UUID
    kind: str
    at: datetime
    logged_at: datetime
    to_whom: str
    by_name: str
    summary: str


@dataclasses.dataclass(frozen=True)
class IncidentDetail:
    row: IncidentRow
    description: str
    immediate_actions: str
    occurred_at: datetime | None
    closed_at: datetime | None
    closure_note: str
    people: list[PersonView]
    reports: list[ReportView]
    may_log: bool
    may_close: bool


def person_view(p, actor: Actor) -> PersonView:
    hide = p.minor and not may_see_minors(actor)
    return PersonView(
        id=p.id,
        name=translate("app", REDACTED_MINOR) if hide else p.name,
        role=p.role,
        minor=p.minor,
        injury=p.injury,
        redacted=hide,
    )


def list_incidents(ws: Workspace, actor: Actor, *, open_only: bool = False) -> list[IncidentRow]:
    """Open incidents first (most urgent clock first), then closed ones, newest first."""
    require_report(actor)
    with ws.read() as s:
        q = select(Incident).where(
            Incident.school_id == ws.school_id, Incident.deleted_at.is_(None)
        )
        if open_only:
            q = q.where(Incident.closed_at.is_(None))
        incidents = list(s.scalars(q))
        counts = follow_up_counts(s, [i.id for i in incidents])
        rows = [
            IncidentRow(i.ref, i.place, i.reporter_name, clocks_of(i, counts.get(i.id, 0)))
            for i in incidents
        ]
    return sorted(rows, key=lambda r: (r.clocks.closed, urgency_key(r.clocks)))


def incident_detail(ws: Workspace, actor: Actor, incident_id: uuid.UUID) -> IncidentDetail:
    require_report(actor)
    with ws.read() as s:
        inc = get_incident(s, incident_id)
        people = s.scalars(
            select(IncidentPerson)
            .where(IncidentPerson.incident_id == inc.id, IncidentPerson.deleted_at.is_(None))
            .order_by(IncidentPerson.created_at, IncidentPerson.id)
        )
        reports = list(
            s.scalars(
                select(IncidentReport)
                .where(IncidentReport.incident_id == inc.id, IncidentReport.deleted_at.is_(None))
                .order_by(IncidentReport.at, IncidentReport.id)
            )
        )
        follow_ups = sum(r.kind == "follow_up" for r in reports)
        return IncidentDetail(
            row=IncidentRow(inc.ref, inc.place, inc.reporter_name, clocks_of(inc, follow_ups)),
            description=inc.description,
            immediate_actions=inc.immediate_actions,
            occurred_at=inc.occurred_at,
            closed_at=inc.closed_at,
            closure_note=inc.closure_note,
            people=[person_view(p, actor) for p in people],
            reports=[
                ReportView(r.id, r.kind, r.at, r.logged_at, r.to_whom, r.by_name, r.summary)
                for r in reports
            ],
            may_log=may_report(actor) and inc.closed_at is None,
            may_close=may_manage(actor) and inc.closed_at is None,
        )
