"""The hazard lifecycle (隐患排查→整改→销号), enforced here and nowhere else.

::

    reported ──plan──▶ planned ──start──▶ rectifying ──rectify──▶ rectified
                          │                    ▲                      │
                          └──────rectify───────┼──────────────────────┤
                                               └── re-check fails ────┤
                                                    re-check passes ──▶ closed (销号)

Rules (each refused with a UserError before anything is written, so a
refused action leaves no change, no outbox row and no audit entry):

* a plan names a responsible person, a deadline no earlier than the report
  date, the measures and the interim safeguard (the "five in place");
* only the responsible person or a hazard manager records a rectification,
  with a note and at least one evidence photo;
* the re-check is done by someone other than the person who rectified; a
  hazard closes only through a passed re-check.

Every step is one :meth:`Workspace.action` (outbox rows and one audit entry)
and leaves a :class:`HazardEvent` for the detail panel's history.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from app.accounts.roles import Permission, allowed, require
from app.actor import Actor
from app.attachments.links import check_photos, link_photos
from app.errors import PermissionDenied, UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections.templates import AREAS, RISK_GROUPS
from app.school.clock import SCHOOL_TZ, school_day, school_today  # noqa: F401 - re-exported
from app.workspace import Workspace
from db.base import new_id, utcnow
from db.models import Hazard, HazardEvent, UserAccount

OPEN_STATUSES = ("reported", "planned", "rectifying", "rectified")
# Work not yet done: these are overdue once the deadline has passed.
OVERDUE_STATUSES = ("planned", "rectifying")
STATUSES = (*OPEN_STATUSES, "closed")
# The bureau grades hazards 一般隐患 (general) or 重大隐患 (major); a major one is
# monitored at least twice a day until it is rectified (004 (三)2). Incidents
# have their own four grades; these are not those.
GRADES = ("general", "major")


def grade_of(major: bool) -> str:
    """The grade a hazard is shown and printed with (``major`` is the authority)."""
    return "major" if major else "general"


def is_overdue(status: str, deadline: date | None, today: date) -> bool:
    return status in OVERDUE_STATUSES and deadline is not None and deadline < today


def make_ref(reported_on: date, hazard_id: uuid.UUID) -> str:
    # The id's random tail keeps numbers made offline on two PCs apart.
    return f"YH{reported_on:%Y%m%d}-{hazard_id.hex[-6:].upper()}"


@dataclasses.dataclass(frozen=True)
class HazardReport:
    title: str
    area: str
    description: str = ""
    risk_group: str = ""
    severity: str = "general"
    place: str = ""
    zone: str = ""


@dataclasses.dataclass(frozen=True)
class HazardPlan:
    responsible_id: uuid.UUID | None
    deadline: date | None
    measures: str
    interim_safeguard: str
    funds_yuan: Decimal | str | int | None = None
    funds_source: str = ""


def _get(s: Session, hazard_id: uuid.UUID) -> Hazard:
    h = s.get(Hazard, hazard_id)
    if h is None or h.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This hazard no longer exists."))
    return h


def _event(
    s: Session, h: Hazard, actor: Actor, kind: str, before: str, note: str = "", **data
) -> None:
    s.add(
        HazardEvent(
            id=new_id(),
            hazard_id=h.id,
            at=utcnow(),
            actor_id=actor.user_id,
            actor_name=actor.name,
            kind=kind,
            from_status=before,
            to_status=h.status,
            note=note,
            data={k: v for k, v in data.items() if v is not None},
        )
    )


def _move(h: Hazard, to_status: str) -> None:
    # The last line of defence for the closing rule, whatever a caller does.
    if to_status == "closed" and h.recheck_result != "pass":
        raise RuntimeError("a hazard closes only through a passed re-check")
    h.status = to_status


def validate_report(report: HazardReport) -> HazardReport:
    title = report.title.strip()
    if not title:
        raise UserError(QT_TRANSLATE_NOOP("app", "Describe the hazard in a short title."))
    if len(title) > 200:
        raise UserError(QT_TRANSLATE_NOOP("app", "A title can have at most 200 characters."))
    if report.area not in AREAS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the area the hazard belongs to."))
    if report.risk_group and report.risk_group not in RISK_GROUPS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the risk group: 人, 物, 管 or 环."))
    if report.severity not in GRADES:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Choose the hazard's grade: general or major hazard.")
        )
    return dataclasses.replace(
        report, title=title, place=report.place.strip(), zone=report.zone.strip()
    )


def new_hazard(
    s: Session,
    actor: Actor,
    report: HazardReport,
    *,
    reported_at: datetime,
    item_code: str = "",
    source_inspection_id: uuid.UUID | None = None,
    note: str = "",
) -> Hazard:
    """Add a validated hazard and its first event inside the caller's action."""
    hid = new_id()
    day = school_day(reported_at)
    major = report.severity == "major"
    h = Hazard(
        id=hid,
        ref=make_ref(day, hid),
        title=report.title,
        description=report.description.strip(),
        area=report.area,
        risk_group=report.risk_group,
        severity=report.severity,
        major=major,
        major_since=day if major else None,
        place=report.place,
        zone=report.zone,
        item_code=item_code,
        status="reported",
        reported_at=reported_at,
        reported_on=day,
        reported_by=actor.user_id,
        source_inspection_id=source_inspection_id,
    )
    s.add(h)
    _event(s, h, actor, "report", "", note)
    return h


def report_hazard(
    ws: Workspace, actor: Actor, report: HazardReport, photo_ids: Sequence[uuid.UUID] = ()
) -> uuid.UUID:
    """Report a hazard found outside a checklist (a teacher, a guard, a parent's call)."""
    require(actor, Permission.REPORT_HAZARD)
    report = validate_report(report)
    with ws.action(actor, "hazard.report") as s:
        check_photos(s, photo_ids)
        h = new_hazard(s, actor, report, reported_at=utcnow())
        link_photos(s, "hazard", h.id, photo_ids, "report")
        s.info["xiaoan.audit_detail"] = h.ref
        return h.id


def _funds(value: Decimal | str | int | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        amount = Decimal(-1)
    if amount < 0 or amount >= Decimal("10000000000"):
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Enter the funds as an amount in yuan, for example 1200.50.")
        )
    return amount


def plan_hazard(ws: Workspace, actor: Actor, hazard_id: uuid.UUID, plan: HazardPlan) -> None:
    """Set (or revise) the rectification plan. A reported hazard becomes planned."""
    require(actor, Permission.MANAGE_HAZARDS)
    if plan.responsible_id is None:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Name the person responsible for the rectification.")
        )
    if plan.deadline is None:
        raise UserError(QT_TRANSLATE_NOOP("app", "Set a deadline for the rectification."))
    measures, safeguard = plan.measures.strip(), plan.interim_safeguard.strip()
    if not measures:
        raise UserError(QT_TRANSLATE_NOOP("app", "Describe the rectification measures."))
    if not safeguard:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "Describe the interim safeguard that protects people until it is fixed."
            )
        )
    funds = _funds(plan.funds_yuan)
    with ws.action(actor, "hazard.plan") as s:
        h = _get(s, hazard_id)
        if h.status not in ("reported", "planned", "rectifying"):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "Hazard {ref} is {status}; its plan can no longer change."
                ),
                ref=h.ref,
                status=h.status,
            )
        person = s.get(UserAccount, plan.responsible_id)
        if person is None or not person.active or person.deleted_at is not None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "The responsible person must be an active user.")
            )
        if plan.deadline < h.reported_on:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "The deadline {deadline} is before the hazard was reported ({reported})."
                ),
                deadline=plan.deadline.isoformat(),
                reported=h.reported_on.isoformat(),
            )
        before = h.status
        h.responsible_id = person.id
        h.deadline = plan.deadline
        h.measures = measures
        h.interim_safeguard = safeguard
        h.funds_yuan = funds
        h.funds_source = plan.funds_source.strip()
        h.planned_at = utcnow()
        if before == "reported":
            _move(h, "planned")
        _event(
            s,
            h,
            actor,
            "plan",
            before,
            measures,
            responsible=person.display_name,
            deadline=plan.deadline.isoformat(),
            funds=str(funds) if funds is not None else None,
            safeguard=safeguard,
        )
        s.info["xiaoan.audit_detail"] = h.ref


def _may_rectify(actor: Actor, h: Hazard) -> None:
    if actor.user_id == h.responsible_id or allowed(actor, Permission.MANAGE_HAZARDS):
        return
    raise PermissionDenied(
        QT_TRANSLATE_NOOP(
            "app", "Only the responsible person or the safety officer can work on this hazard."
        )
    )


def start_rectification(ws: Workspace, actor: Actor, hazard_id: uuid.UUID, note: str = "") -> None:
    with ws.action(actor, "hazard.start") as s:
        h = _get(s, hazard_id)
        _may_rectify(actor, h)
        if h.status != "planned":
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "Work can start only on a planned hazard; {ref} is {status}."
                ),
                ref=h.ref,
                status=h.status,
            )
        _move(h, "rectifying")
        _event(s, h, actor, "start", "planned", note.strip())
        s.info["xiaoan.audit_detail"] = h.ref


def record_rectification(
    ws: Workspace, actor: Actor, hazard_id: uuid.UUID, note: str, photo_ids: Sequence[uuid.UUID]
) -> None:
    """The work is done: a note and at least one evidence photo; waits for the re-check."""
    note = note.strip()
    if not note:
        raise UserError(QT_TRANSLATE_NOOP("app", "Describe what was done to fix the hazard."))
    if not photo_ids:
        raise UserError(QT_TRANSLATE_NOOP("app", "Add at least one photo showing the fix."))
    with ws.action(actor, "hazard.rectify") as s:
        h = _get(s, hazard_id)
        _may_rectify(actor, h)
        if h.status not in ("planned", "rectifying"):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "Only a planned hazard or one being fixed can be marked fixed; {ref} is {status}.",
                ),
                ref=h.ref,
                status=h.status,
            )
        check_photos(s, photo_ids)
        before = h.status
        h.rectified_at = utcnow()
        h.rectified_by = actor.user_id
        h.rectification_note = note
        h.recheck_result = ""
        _move(h, "rectified")
        link_photos(s, "hazard", h.id, photo_ids, "rectification")
        _event(s, h, actor, "rectify", before, note, photos=[str(p) for p in photo_ids])
        s.info["xiaoan.audit_detail"] = h.ref


def recheck_hazard(
    ws: Workspace, actor: Actor, hazard_id: uuid.UUID, *, passed: bool, note: str = ""
) -> None:
    """The re-check (回头看): pass closes the hazard (销号), fail sends it back to rectifying."""
    require(actor, Permission.RECHECK_HAZARD)
    note = note.strip()
    if not passed and not note:
        raise UserError(QT_TRANSLATE_NOOP("app", "Say why the re-check failed."))
    with ws.action(actor, "hazard.recheck") as s:
        h = _get(s, hazard_id)
        if h.status != "rectified":
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "Only a fixed hazard can be re-checked; {ref} is {status}."
                ),
                ref=h.ref,
                status=h.status,
            )
        if actor.user_id is not None and actor.user_id == h.rectified_by:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "You fixed this hazard, so someone else must re-check it.",
                )
            )
        now = utcnow()
        h.rechecked_at = now
        h.rechecked_by = actor.user_id
        h.recheck_note = note
        h.recheck_result = "pass" if passed else "fail"
        if passed:
            _move(h, "closed")
            h.closed_at = now
            _event(s, h, actor, "recheck_pass", "rectified", note)
        else:
            _move(h, "rectifying")
            _event(s, h, actor, "recheck_fail", "rectified", note)
        s.info["xiaoan.audit_detail"] = h.ref


def escalate_hazard(ws: Workspace, actor: Actor, hazard_id: uuid.UUID, note: str) -> None:
    """Mark a hazard the school cannot fix itself, for a written report upward."""
    require(actor, Permission.MANAGE_HAZARDS)
    note = note.strip()
    if not note:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Say why the school cannot fix this hazard itself.")
        )
    with ws.action(actor, "hazard.escalate") as s:
        h = _get(s, hazard_id)
        if h.status == "closed":
            raise UserError(QT_TRANSLATE_NOOP("app", "Hazard {ref} is already closed."), ref=h.ref)
        h.needs_escalation = True
        h.escalation_note = note
        h.escalated_at = utcnow()
        _event(s, h, actor, "escalate", h.status, note)
        s.info["xiaoan.audit_detail"] = h.ref


def mark_major(ws: Workspace, actor: Actor, hazard_id: uuid.UUID, note: str = "") -> None:
    """Grade a hazard major (重大隐患): monitoring twice a day is due from today.

    Only the principal or a safety officer grades a hazard; a closed hazard
    or one already major is refused. One audited action and one history step.
    """
    require(actor, Permission.MANAGE_HAZARDS)
    with ws.action(actor, "hazard.major") as s:
        h = _get(s, hazard_id)
        if h.status == "closed":
            raise UserError(QT_TRANSLATE_NOOP("app", "Hazard {ref} is already closed."), ref=h.ref)
        if h.major:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "Hazard {ref} is already a major hazard."), ref=h.ref
            )
        grade_major(s, actor, h, note)
        s.info["xiaoan.audit_detail"] = h.ref


def grade_major(s: Session, actor: Actor, h: Hazard, note: str = "") -> None:
    """Make ``h`` major inside the caller's action (its monitoring is due from today)."""
    h.major = True
    h.severity = "major"
    h.major_since = school_today()
    _event(s, h, actor, "major", h.status, note.strip())


def attach_sighting(
    s: Session, actor: Actor, h: Hazard, inspection_id: uuid.UUID, note: str = ""
) -> None:
    """A later check found an open hazard again: note it in its history, no new hazard."""
    _event(s, h, actor, "seen_again", h.status, note, inspection=str(inspection_id))
