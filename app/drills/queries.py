"""Reading drills: the list, one record in full, and the drill behind a hazard."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.attachments.store import PhotoRef, _ref
from app.hazards.service import SCHOOL_TZ
from app.workspace import Workspace
from db.models import Drill, DrillDocument, DrillPhoto, DrillProblem, Hazard, Photo


def local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """School-local days ``start``..``end`` (inclusive) as a half-open UTC range."""
    lo = datetime.combine(start, time.min, SCHOOL_TZ)
    hi = datetime.combine(end, time.min, SCHOOL_TZ) + timedelta(days=1)
    return lo, hi


@dataclasses.dataclass(frozen=True)
class DrillRow:
    id: uuid.UUID
    ref: str
    drill_type: str
    title: str
    planned_on: date | None
    held_at: datetime | None
    students: int
    staff: int
    evacuation_seconds: int | None
    rating: str
    finalized: bool
    corrects_id: uuid.UUID | None
    photo_count: int


@dataclasses.dataclass(frozen=True)
class ProblemView:
    id: uuid.UUID
    text: str
    hazard_id: uuid.UUID | None
    hazard_ref: str


@dataclasses.dataclass(frozen=True)
class PhotoView:
    photo: PhotoRef
    caption: str


@dataclasses.dataclass(frozen=True)
class DocumentView:
    id: uuid.UUID
    name: str
    sha256: str
    media_type: str
    byte_size: int


@dataclasses.dataclass(frozen=True)
class DrillRecord:
    id: uuid.UUID
    ref: str
    drill_type: str
    title: str
    planned_on: date | None
    plan: str
    held_at: datetime | None
    duration_minutes: int | None
    scope: str
    scope_detail: str
    students: int
    staff: int
    evacuation_seconds: int | None
    organiser_id: uuid.UUID | None
    organiser_name: str
    observers: list[str]
    summary: str
    rating: str
    evaluation: str
    finalized_at: datetime | None
    corrects_id: uuid.UUID | None
    corrects_ref: str
    corrected_by_ref: str  # the finalized correction that replaces this record, if any
    problems: list[ProblemView]
    photos: list[PhotoView]
    documents: list[DocumentView]

    @property
    def finalized(self) -> bool:
        return self.finalized_at is not None


def list_drills(
    ws: Workspace,
    *,
    drill_type: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[DrillRow]:
    """Drills newest first (drafts not yet held by their planned date), optionally filtered.

    ``start``/``end`` are school-local days and match the held date, or the
    planned date of a drill not held yet.
    """
    with ws.read() as s:
        q = select(Drill).where(Drill.deleted_at.is_(None))
        if drill_type:
            q = q.where(Drill.drill_type == drill_type)
        drills = list(s.scalars(q))
        counts: dict[uuid.UUID, int] = {}
        for drill_id in s.scalars(
            select(DrillPhoto.drill_id).where(
                DrillPhoto.drill_id.in_([d.id for d in drills]), DrillPhoto.deleted_at.is_(None)
            )
        ):
            counts[drill_id] = counts.get(drill_id, 0) + 1
    rows = []
    for d in drills:
        day = d.held_at.astimezone(SCHOOL_TZ).date() if d.held_at else d.planned_on
        if start and (day is None or day < start):
            continue
        if end and (day is None or day > end):
            continue
        rows.append(
            DrillRow(
                d.id,
                d.ref,
                d.drill_type,
                d.title,
                d.planned_on,
                d.held_at,
                d.students,
                d.staff,
                d.evacuation_seconds,
                d.rating,
                d.finalized_at is not None,
                d.corrects_id,
                counts.get(d.id, 0),
            )  # fmt: skip
        )

    def key(r: DrillRow):
        when = r.held_at or (
            datetime.combine(r.planned_on, time.min, SCHOOL_TZ) if r.planned_on else None
        )
        return (when is not None, when or datetime.min.replace(tzinfo=SCHOOL_TZ), r.id)

    return sorted(rows, key=key, reverse=True)


def get_drill(ws: Workspace, drill_id: uuid.UUID) -> DrillRecord | None:
    with ws.read() as s:
        d = s.get(Drill, drill_id)
        if d is None or d.deleted_at is not None:
            return None
        problems = [
            ProblemView(p.id, p.text, p.hazard_id, ref or "")
            for p, ref in s.execute(
                select(DrillProblem, Hazard.ref)
                .outerjoin(Hazard, Hazard.id == DrillProblem.hazard_id)
                .where(DrillProblem.drill_id == d.id, DrillProblem.deleted_at.is_(None))
                .order_by(DrillProblem.position)
            )
        ]
        photos = [
            PhotoView(_ref(photo), link.caption)
            for link, photo in s.execute(
                select(DrillPhoto, Photo)
                .join(Photo, Photo.id == DrillPhoto.photo_id)
                .where(DrillPhoto.drill_id == d.id, DrillPhoto.deleted_at.is_(None))
                .order_by(DrillPhoto.position)
            )
        ]
        documents = [
            DocumentView(doc.id, doc.name, doc.sha256, doc.media_type, doc.byte_size)
            for doc in s.scalars(
                select(DrillDocument)
                .where(DrillDocument.drill_id == d.id, DrillDocument.deleted_at.is_(None))
                .order_by(DrillDocument.position)
            )
        ]
        corrects_ref = s.scalar(select(Drill.ref).where(Drill.id == d.corrects_id)) or ""
        corrected_by = s.scalar(
            select(Drill.ref).where(
                Drill.corrects_id == d.id,
                Drill.finalized_at.is_not(None),
                Drill.deleted_at.is_(None),
            )
        )
        return DrillRecord(
            id=d.id, ref=d.ref, drill_type=d.drill_type, title=d.title, planned_on=d.planned_on,
            plan=d.plan, held_at=d.held_at, duration_minutes=d.duration_minutes, scope=d.scope,
            scope_detail=d.scope_detail, students=d.students, staff=d.staff,
            evacuation_seconds=d.evacuation_seconds, organiser_id=d.organiser_id,
            organiser_name=d.organiser_name, observers=list(d.observers or []),
            summary=d.summary, rating=d.rating, evaluation=d.evaluation,
            finalized_at=d.finalized_at, corrects_id=d.corrects_id, corrects_ref=corrects_ref,
            corrected_by_ref=corrected_by or "", problems=problems, photos=photos,
            documents=documents,
        )  # fmt: skip


def latest_drill_id(ws: Workspace, *, finalized_only: bool = True) -> uuid.UUID | None:
    with ws.read() as s:
        q = select(Drill.id).where(Drill.deleted_at.is_(None), Drill.held_at.is_not(None))
        if finalized_only:
            q = q.where(Drill.finalized_at.is_not(None))
        return s.scalar(q.order_by(Drill.held_at.desc(), Drill.id.desc()).limit(1))


def drill_for_hazard(ws: Workspace, hazard_id: uuid.UUID) -> tuple[uuid.UUID, str] | None:
    """The drill (id, ref) whose problem became this hazard, if it came from a drill."""
    with ws.read() as s:
        row = s.execute(
            select(Drill.id, Drill.ref)
            .join(DrillProblem, DrillProblem.drill_id == Drill.id)
            .where(DrillProblem.hazard_id == hazard_id, DrillProblem.deleted_at.is_(None))
            .order_by(Drill.created_at)
            .limit(1)
        ).first()
    return (row[0], row[1]) if row else None
