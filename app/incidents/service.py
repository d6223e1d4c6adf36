"""Reporting an incident and logging the reports made upward, enforced here only.

Rules (each refused with a UserError before anything is written):

* anyone working at the school reports an incident; discovery is never in the
  future and the incident cannot have happened after it was discovered;
* a report (phone, written, follow-up 续报) is logged with the time it was
  actually made: by default now, or a time the user states that is neither
  in the future nor before discovery. The first phone and written report
  times are fixed once logged; another phone or written report, or a
  correction, is logged as a follow-up. Nothing here edits or deletes a report;
* closing (结案) belongs to the principal and the safety officer, needs a
  closing note, and does not stop a clock that never ran out: an incident
  closed without its written report still shows the report missing.

Every write is one urgent :meth:`Workspace.action`, so sync sends it at once.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.incidents.access import require_manage, require_report
from app.incidents.labels import CATEGORY_LABELS, PERSON_ROLE_LABELS, SEVERITY_LABELS
from app.school.clock import SCHOOL_TZ
from app.workspace import Workspace
from db.base import new_id, utcnow
from db.models import Incident, IncidentPerson, IncidentReport

REPORT_KINDS = ("phone", "written", "follow_up")
# A clock a little ahead of the server is not "the future" (seconds of skew while typing).
FUTURE_SLACK = timedelta(minutes=1)


@dataclasses.dataclass(frozen=True)
class PersonDraft:
    name: str
    role: str = "student"  # student | staff | other
    minor: bool = True
    injury: str = ""


@dataclasses.dataclass(frozen=True)
class IncidentDraft:
    category: str
    place: str
    description: str
    discovered_at: datetime | None = None  # None: now
    severity: str = "general"
    occurred_at: datetime | None = None
    immediate_actions: str = ""
    people: Sequence[PersonDraft] = ()


def make_ref(discovered_at: datetime, incident_id: uuid.UUID) -> str:
    return f"SJ{discovered_at.astimezone(SCHOOL_TZ):%Y%m%d}-{incident_id.hex[-6:].upper()}"


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return at.astimezone(UTC)


def get_incident(s: Session, incident_id: uuid.UUID) -> Incident:
    inc = s.get(Incident, incident_id)
    if inc is None or inc.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This incident no longer exists."))
    return inc


def _validate_person(p: PersonDraft) -> PersonDraft:
    name = p.name.strip()
    if not name:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter the name of each person involved."))
    if len(name) > 200:
        raise UserError(QT_TRANSLATE_NOOP("app", "A name can have at most 200 characters."))
    if p.role not in PERSON_ROLE_LABELS:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Choose whether the person is a student, staff or other.")
        )
    return dataclasses.replace(p, name=name, injury=p.injury.strip())


def validate_draft(draft: IncidentDraft, now: datetime) -> IncidentDraft:
    if draft.category not in CATEGORY_LABELS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose what kind of incident this is."))
    if draft.severity not in SEVERITY_LABELS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose how serious the incident is."))
    place, description = draft.place.strip(), draft.description.strip()
    if not place:
        raise UserError(QT_TRANSLATE_NOOP("app", "Say where the incident happened."))
    if len(place) > 200:
        raise UserError(QT_TRANSLATE_NOOP("app", "A place can have at most 200 characters."))
    if not description:
        raise UserError(QT_TRANSLATE_NOOP("app", "Describe briefly what happened."))
    discovered = _aware(draft.discovered_at) if draft.discovered_at else now
    if discovered > now + FUTURE_SLACK:
        raise UserError(QT_TRANSLATE_NOOP("app", "The time of discovery cannot be in the future."))
    occurred = _aware(draft.occurred_at) if draft.occurred_at else None
    if occurred is not None and occurred > discovered:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The incident cannot have happened after it was discovered.")
        )
    return dataclasses.replace(
        draft,
        place=place,
        description=description,
        immediate_actions=draft.immediate_actions.strip(),
        discovered_at=min(discovered, now),
        occurred_at=occurred,
        people=[_validate_person(p) for p in draft.people],
    )


def _add_person(s: Session, incident_id: uuid.UUID, p: PersonDraft) -> None:
    s.add(
        IncidentPerson(
            id=new_id(),
            incident_id=incident_id,
            name=p.name,
            role=p.role,
            minor=p.minor,
            injury=p.injury,
        )
    )


def report_incident(
    ws: Workspace, actor: Actor, draft: IncidentDraft, *, now: datetime | None = None
) -> uuid.UUID:
    """Record a new incident; its clocks start at the time of discovery."""
    require_report(actor)
    now = now or utcnow()
    draft = validate_draft(draft, now)
    with ws.action(actor, "incident.report", urgent=True) as s:
        iid = new_id()
        assert draft.discovered_at is not None
        inc = Incident(
            id=iid,
            ref=make_ref(draft.discovered_at, iid),
            category=draft.category,
            severity=draft.severity,
            occurred_at=draft.occurred_at,
            discovered_at=draft.discovered_at,
            discovered_on=draft.discovered_at.astimezone(SCHOOL_TZ).date(),
            place=draft.place,
            description=draft.description,
            immediate_actions=draft.immediate_actions,
            reported_by=actor.user_id,
            reporter_name=actor.name,
        )
        s.add(inc)
        s.flush()
        for p in draft.people:
            _add_person(s, iid, p)
        s.info["xiaoan.audit_detail"] = inc.ref
        return iid


def add_person(ws: Workspace, actor: Actor, incident_id: uuid.UUID, person: PersonDraft) -> None:
    """Add someone found to be involved later (a second pupil, a driver)."""
    require_report(actor)
    person = _validate_person(person)
    with ws.action(actor, "incident.add_person", urgent=True) as s:
        inc = get_incident(s, incident_id)
        _add_person(s, inc.id, person)
        s.info["xiaoan.audit_detail"] = inc.ref


def log_report(
    ws: Workspace,
    actor: Actor,
    incident_id: uuid.UUID,
    kind: str,
    *,
    to_whom: str = "",
    summary: str = "",
    at: datetime | None = None,
    now: datetime | None = None,
) -> datetime:
    """Log a report made upward; returns the report time recorded.

    ``at`` is when the report was actually made (default: now). The first
    phone and written report set their clock for good.
    """
    require_report(actor)
    if kind not in REPORT_KINDS:
        raise ValueError(f"unknown report kind {kind!r}")
    now = now or utcnow()
    made = _aware(at) if at is not None else now
    if made > now + FUTURE_SLACK:
        raise UserError(QT_TRANSLATE_NOOP("app", "A report time cannot be in the future."))
    made = min(made, now)
    to_whom, summary = to_whom.strip(), summary.strip()
    if kind == "follow_up" and not summary:
        raise UserError(QT_TRANSLATE_NOOP("app", "Write what the follow-up report said."))
    with ws.action(actor, f"incident.report_{kind}", urgent=True) as s:
        inc = get_incident(s, incident_id)
        if made < inc.discovered_at:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "A report cannot have been made before the incident was discovered."
                )
            )
        if kind == "phone":
            if inc.phone_reported_at is not None:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "app",
                        "The phone report is already logged and cannot be changed. "
                        "Log a follow-up report instead.",
                    )
                )
            inc.phone_reported_at = made
        elif kind == "written":
            if inc.written_reported_at is not None:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "app",
                        "The written report is already logged and cannot be changed. "
                        "Log a follow-up report instead.",
                    )
                )
            inc.written_reported_at = made
        s.add(
            IncidentReport(
                id=new_id(),
                incident_id=inc.id,
                kind=kind,
                at=made,
                logged_at=now,
                to_whom=to_whom,
                by_id=actor.user_id,
                by_name=actor.name,
                summary=summary,
            )
        )
        s.info["xiaoan.audit_detail"] = inc.ref
    return made


def close_incident(
    ws: Workspace, actor: Actor, incident_id: uuid.UUID, note: str, *, now: datetime | None = None
) -> None:
    """结案: the incident is dealt with. Its clocks keep what they showed."""
    require_manage(actor)
    note = note.strip()
    if not note:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Write how the incident was dealt with before closing it.")
        )
    with ws.action(actor, "incident.close", urgent=True) as s:
        inc = get_incident(s, incident_id)
        if inc.closed_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This incident is already closed."))
        inc.closed_at = now or utcnow()
        inc.closed_by = actor.user_id
        inc.closure_note = note
        s.info["xiaoan.audit_detail"] = inc.ref
