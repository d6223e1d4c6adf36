"""Writing drill records: drafts, finalizing, corrections, problems into hazards.

A drill starts as a draft that may be saved any number of times. Finalizing
checks that the record is complete (held when, a plan, a summary, a rating
and at least one photo) and freezes it; after that every edit is refused,
and a mistake is put right by a correction: a new draft copied from the old
record whose ``corrects_id`` names it. Once the correction is finalized it
replaces the old record in every count (see :mod:`app.drills.compliance`).

Every change is one :meth:`Workspace.action`; bad input raises a UserError
before anything is written.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.attachments.links import check_photos
from app.drills.types import DRILL_TYPE_LABELS, RATING_LABELS, SCOPE_LABELS
from app.errors import UserError
from app.hazards.service import HazardReport, new_hazard, school_day, validate_report
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import new_id, utcnow
from db.models import Drill, DrillDocument, DrillPhoto, DrillProblem

MAX_TEXT = 20_000
# A PC clock a little ahead must not refuse a drill that just ended.
FUTURE_SLACK = timedelta(hours=1)


@dataclasses.dataclass(frozen=True)
class PhotoEntry:
    photo_id: uuid.UUID
    caption: str = ""


@dataclasses.dataclass(frozen=True)
class ProblemEntry:
    text: str
    id: uuid.UUID | None = None  # an existing problem keeps its id (and its hazard link)


@dataclasses.dataclass(frozen=True)
class DrillForm:
    """Everything the editor saves. Times are aware datetimes; dates are school-local."""

    drill_type: str
    title: str = ""
    planned_on: date | None = None
    plan: str = ""
    held_at: datetime | None = None
    duration_minutes: int | None = None
    scope: str = "whole_school"
    scope_detail: str = ""
    students: int = 0
    staff: int = 0
    evacuation_seconds: int | None = None
    organiser_id: uuid.UUID | None = None
    organiser_name: str = ""
    observers: tuple[str, ...] = ()
    summary: str = ""
    rating: str = ""
    evaluation: str = ""
    problems: tuple[ProblemEntry, ...] = ()
    photos: tuple[PhotoEntry, ...] = ()


def make_ref(day: date, drill_id: uuid.UUID) -> str:
    # The id's random tail keeps numbers made offline on two PCs apart.
    return f"YL{day:%Y%m%d}-{drill_id.hex[-6:].upper()}"


def _text(value: str, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "A text can have at most {limit} characters."), limit=limit
        )
    return value


def _count(value: int | None, *, optional: bool = False) -> int | None:
    if value is None:
        return None if optional else 0
    if not isinstance(value, int) or value < 0 or value > 100_000:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "Numbers of people and the evacuation time are whole numbers of 0 or more."
            )
        )
    return value


def validate(form: DrillForm, now: datetime | None = None) -> DrillForm:
    """The form cleaned up, or a UserError naming the first problem."""
    if form.drill_type not in DRILL_TYPE_LABELS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the type of drill."))
    if form.scope not in SCOPE_LABELS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose who took part in the drill."))
    if form.rating and form.rating not in RATING_LABELS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose a rating for the drill."))
    if form.held_at is not None:
        if form.held_at.tzinfo is None:
            raise ValueError("held_at must be an aware datetime")
        if form.held_at > (now or utcnow()) + FUTURE_SLACK:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "A drill cannot be recorded as held in the future. Check the date."
                )
            )
    if form.duration_minutes is not None and not 0 < form.duration_minutes <= 24 * 60:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Enter how long the drill took, in minutes (1 to 1440).")
        )
    for entry in form.photos:
        if len(entry.caption.strip()) > 200:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "A photo caption can have at most 200 characters.")
            )
    observers = tuple(o.strip()[:100] for o in form.observers if o.strip())
    problems = tuple(
        dataclasses.replace(p, text=_text(p.text, 2000)) for p in form.problems if p.text.strip()
    )
    return dataclasses.replace(
        form,
        title=_text(form.title, 200),
        plan=_text(form.plan),
        scope_detail=_text(form.scope_detail, 200),
        students=_count(form.students),
        staff=_count(form.staff),
        evacuation_seconds=_count(form.evacuation_seconds, optional=True),
        organiser_name=_text(form.organiser_name, 200),
        observers=observers,
        summary=_text(form.summary),
        evaluation=_text(form.evaluation),
        problems=problems,
        photos=tuple(PhotoEntry(p.photo_id, p.caption.strip()) for p in form.photos),
    )


def _get(s: Session, drill_id: uuid.UUID) -> Drill:
    d = s.get(Drill, drill_id)
    if d is None or d.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This drill record no longer exists."))
    return d


def _draft(s: Session, drill_id: uuid.UUID) -> Drill:
    d = _get(s, drill_id)
    if d.finalized_at is not None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app",
                "This drill record is finalized and cannot be changed. "
                "Start a correction to put a mistake right.",
            )
        )
    return d


def _children(s: Session, model, drill_id: uuid.UUID) -> list:
    return list(
        s.scalars(
            select(model)
            .where(model.drill_id == drill_id, model.deleted_at.is_(None))
            .order_by(model.position)
        )
    )


_FIELDS = (
    "drill_type", "title", "planned_on", "plan", "held_at", "duration_minutes", "scope",
    "scope_detail", "students", "staff", "evacuation_seconds", "organiser_id",
    "organiser_name", "summary", "rating", "evaluation",
)  # fmt: skip


def _write_fields(d: Drill, form: DrillForm) -> None:
    for field in _FIELDS:
        if getattr(d, field) != getattr(form, field):
            setattr(d, field, getattr(form, field))
    if list(d.observers or []) != list(form.observers):
        d.observers = list(form.observers)


def _write_problems(s: Session, d: Drill, problems: Sequence[ProblemEntry]) -> None:
    existing = {p.id: p for p in _children(s, DrillProblem, d.id)}
    kept: set[uuid.UUID] = set()
    for position, entry in enumerate(problems):
        row = existing.get(entry.id) if entry.id else None
        if row is None:
            s.add(DrillProblem(drill_id=d.id, position=position, text=entry.text))
            continue
        kept.add(row.id)
        if row.text != entry.text:
            row.text = entry.text
        if row.position != position:
            row.position = position
    now = utcnow()
    for row in existing.values():
        if row.id not in kept:
            if row.hazard_id is not None:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "app",
                        "A problem already in the hazard ledger cannot be removed from the drill.",
                    )
                )
            row.deleted_at = now


def _write_photos(s: Session, d: Drill, photos: Sequence[PhotoEntry]) -> None:
    check_photos(s, [p.photo_id for p in photos])
    existing = {p.photo_id: p for p in _children(s, DrillPhoto, d.id)}
    seen: set[uuid.UUID] = set()
    position = 0
    for entry in photos:
        if entry.photo_id in seen:
            continue
        seen.add(entry.photo_id)
        row = existing.get(entry.photo_id)
        if row is None:
            s.add(
                DrillPhoto(
                    drill_id=d.id, photo_id=entry.photo_id, position=position, caption=entry.caption
                )
            )
        else:
            if row.caption != entry.caption:
                row.caption = entry.caption
            if row.position != position:
                row.position = position
        position += 1
    now = utcnow()
    for photo_id, row in existing.items():
        if photo_id not in seen:
            row.deleted_at = now


def save_drill(
    ws: Workspace, actor: Actor, form: DrillForm, drill_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Create a draft (``drill_id`` None) or save over one; returns the drill's id."""
    require(actor, Permission.RECORD_DRILL)
    form = validate(form)
    with ws.action(actor, "drill.save") as s:
        if drill_id is None:
            did = new_id()
            day = (
                school_day(form.held_at)
                if form.held_at
                else (form.planned_on or school_day(utcnow()))
            )
            d = Drill(id=did, ref=make_ref(day, did))
            _write_fields(d, form)
            s.add(d)
            s.flush()
        else:
            d = _draft(s, drill_id)
            _write_fields(d, form)
        _write_problems(s, d, form.problems)
        _write_photos(s, d, form.photos)
        s.info["xiaoan.audit_detail"] = d.ref
        return d.id


def finalize_drill(ws: Workspace, actor: Actor, drill_id: uuid.UUID) -> None:
    """Freeze a complete record. Refuses an incomplete one, saying what is missing."""
    require(actor, Permission.RECORD_DRILL)
    with ws.action(actor, "drill.finalize") as s:
        d = _draft(s, drill_id)
        if d.held_at is None:
            raise UserError(QT_TRANSLATE_NOOP("app", "Enter when the drill was held."))
        if not d.plan and not _children(s, DrillDocument, d.id):
            raise UserError(
                QT_TRANSLATE_NOOP("app", "Write the drill plan or attach the plan document.")
            )
        if not d.summary:
            raise UserError(QT_TRANSLATE_NOOP("app", "Write the drill summary."))
        if not d.rating:
            raise UserError(QT_TRANSLATE_NOOP("app", "Rate how well the drill went."))
        if not _children(s, DrillPhoto, d.id):
            raise UserError(QT_TRANSLATE_NOOP("app", "Add at least one photo of the drill."))
        d.finalized_at = utcnow()
        d.finalized_by = actor.user_id
        s.info["xiaoan.audit_detail"] = d.ref


def start_correction(ws: Workspace, actor: Actor, drill_id: uuid.UUID) -> uuid.UUID:
    """A new draft copied from a finalized drill, naming it in ``corrects_id``."""
    require(actor, Permission.RECORD_DRILL)
    with ws.action(actor, "drill.correct") as s:
        old = _get(s, drill_id)
        if old.finalized_at is None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "A draft can be edited directly; it needs no correction.")
            )
        pending = s.scalar(
            select(Drill.id).where(
                Drill.corrects_id == old.id,
                Drill.finalized_at.is_(None),
                Drill.deleted_at.is_(None),
            )
        )
        if pending is not None:
            return pending
        did = new_id()
        new = Drill(
            id=did, ref=make_ref(school_day(old.held_at or utcnow()), did), corrects_id=old.id
        )
        for field in (*_FIELDS, "observers"):
            setattr(new, field, getattr(old, field))
        s.add(new)
        s.flush()
        for p in _children(s, DrillProblem, old.id):
            s.add(
                DrillProblem(drill_id=did, position=p.position, text=p.text, hazard_id=p.hazard_id)
            )
        for p in _children(s, DrillPhoto, old.id):
            s.add(
                DrillPhoto(
                    drill_id=did, photo_id=p.photo_id, position=p.position, caption=p.caption
                )
            )
        for doc in _children(s, DrillDocument, old.id):
            s.add(
                DrillDocument(
                    drill_id=did, sha256=doc.sha256, media_type=doc.media_type,
                    byte_size=doc.byte_size, name=doc.name, position=doc.position,
                )
            )  # fmt: skip
        s.info["xiaoan.audit_detail"] = f"{new.ref} corrects {old.ref}"
        return did


def discard_draft(ws: Workspace, actor: Actor, drill_id: uuid.UUID) -> None:
    """Throw away a draft (a tombstone; finalized records are never removed)."""
    require(actor, Permission.RECORD_DRILL)
    with ws.action(actor, "drill.discard") as s:
        d = _draft(s, drill_id)
        if any(p.hazard_id for p in _children(s, DrillProblem, d.id)):
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "This draft has a problem in the hazard ledger and cannot be discarded."
                )
            )
        now = utcnow()
        for model in (DrillProblem, DrillPhoto, DrillDocument):
            for row in _children(s, model, d.id):
                row.deleted_at = now
        d.deleted_at = now
        s.info["xiaoan.audit_detail"] = d.ref


def problem_to_hazard(
    ws: Workspace,
    actor: Actor,
    problem_id: uuid.UUID,
    *,
    area: str,
    severity: str = "general",
    title: str = "",
) -> uuid.UUID:
    """Report a problem found in a drill as a hazard in the ledger; returns the hazard id.

    The hazard is made by the ledger's own service inside this action, and
    the problem keeps its id: from the hazard, :func:`app.drills.queries.drill_for_hazard`
    finds the drill again.
    """
    require(actor, Permission.REPORT_HAZARD)
    with ws.action(actor, "drill.problem.to_hazard") as s:
        p = s.get(DrillProblem, problem_id)
        if p is None or p.deleted_at is not None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "This problem is no longer in the drill record.")
            )
        if p.hazard_id is not None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "This problem is already in the hazard ledger.")
            )
        d = _get(s, p.drill_id)
        report = validate_report(
            HazardReport(
                title=(title or p.text).strip().splitlines()[0][:200],
                area=area,
                description=p.text,
                severity=severity,
                place=d.scope_detail,
            )
        )
        h = new_hazard(s, actor, report, reported_at=utcnow(), note=f"应急演练 {d.ref}")
        s.flush()  # the hazard row first: the link's foreign key needs it
        p.hazard_id = h.id
        s.flush()
        s.info["xiaoan.audit_detail"] = f"{d.ref} → {h.ref}"
        return h.id
