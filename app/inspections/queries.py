"""Inspection lists and details for the UI and print: paged, filtered, small rows."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, or_, select

from app.actor import Actor
from app.attachments.links import linked_photos
from app.attachments.store import PhotoRef
from app.errors import UserError
from app.hazards.service import SCHOOL_TZ
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.models import Hazard, Inspection, InspectionAnswer, Signature, UserAccount


@dataclasses.dataclass(frozen=True)
class InspectionFilters:
    kind: str | None = None
    date_from: date | None = None  # school-local days, inclusive
    date_to: date | None = None
    finalized: bool | None = None
    with_failures: bool = False
    text: str = ""


@dataclasses.dataclass(frozen=True)
class InspectionRow:
    id: uuid.UUID
    kind: str
    title: str
    started_at: datetime
    place: str
    lead_name: str
    item_count: int
    fail_count: int
    finalized_at: datetime | None
    corrects_id: uuid.UUID | None


@dataclasses.dataclass(frozen=True)
class AnswerRow:
    id: uuid.UUID
    position: int
    template_code: str
    item_code: str
    area: str
    risk_group: str
    severity: str
    text: str
    result: str
    note: str
    hazard_id: uuid.UUID | None
    photos: list[PhotoRef]
    spot: str = ""
    hazard_ref: str = ""  # the ledger number of ``hazard_id``


@dataclasses.dataclass(frozen=True)
class SignedBy:
    """A drawn signature on the inspection (the picture comes from the signature store)."""

    signature_id: uuid.UUID
    name: str
    signed_at: datetime


@dataclasses.dataclass(frozen=True)
class InspectionDetail:
    row: InspectionRow
    zone: str
    templates: list[str]
    inspector_names: list[str]
    note: str
    answers: list[AnswerRow]
    corrected_by: list[uuid.UUID]
    # The inspector's signature made at finalizing, and the principal's countersignature.
    inspector_signature: SignedBy | None = None
    principal_signature: SignedBy | None = None


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, SCHOOL_TZ)


def _filtered(q: Select, ws: Workspace, f: InspectionFilters) -> Select:
    q = q.where(Inspection.school_id == ws.school_id, Inspection.deleted_at.is_(None))
    if f.kind:
        q = q.where(Inspection.kind == f.kind)
    if f.date_from:
        q = q.where(Inspection.started_at >= _local_start(f.date_from))
    if f.date_to:
        q = q.where(Inspection.started_at < _local_start(f.date_to) + _ONE_DAY)
    if f.finalized is True:
        q = q.where(Inspection.finalized_at.is_not(None))
    elif f.finalized is False:
        q = q.where(Inspection.finalized_at.is_(None))
    if f.with_failures:
        q = q.where(Inspection.fail_count > 0)
    if f.text.strip():
        like = f"%{f.text.strip()}%"
        q = q.where(or_(Inspection.title.like(like), Inspection.place.like(like)))
    return q


def list_inspections(
    ws: Workspace,
    actor: Actor,
    filters: InspectionFilters = InspectionFilters(),
    offset: int = 0,
    limit: int = 100,
) -> list[InspectionRow]:
    """One page, most recent first."""
    q = (
        select(
            Inspection.id,
            Inspection.kind,
            Inspection.title,
            Inspection.started_at,
            Inspection.place,
            UserAccount.display_name,
            Inspection.item_count,
            Inspection.fail_count,
            Inspection.finalized_at,
            Inspection.corrects_id,
        )
        .outerjoin(UserAccount, UserAccount.id == Inspection.lead_inspector_id)
        .order_by(Inspection.started_at.desc(), Inspection.id.desc())
        .offset(max(offset, 0))
        .limit(max(limit, 0))
    )
    with ws.read() as s:
        rows = s.execute(_filtered(q, ws, filters)).all()
    return [InspectionRow(*r[:5], r[5] or "", *r[6:]) for r in rows]


def count_inspections(
    ws: Workspace, actor: Actor, filters: InspectionFilters = InspectionFilters()
) -> int:
    with ws.read() as s:
        q = _filtered(select(func.count()).select_from(Inspection), ws, filters)
        return s.scalar(q) or 0


def inspection_detail(ws: Workspace, actor: Actor, inspection_id: uuid.UUID) -> InspectionDetail:
    with ws.read() as s:
        i = s.get(Inspection, inspection_id)
        if i is None or i.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This inspection no longer exists."))
        ids = [uuid.UUID(x) for x in i.inspector_ids]
        names = dict(
            s.execute(
                select(UserAccount.id, UserAccount.display_name).where(
                    UserAccount.id.in_([*ids, i.lead_inspector_id])
                )
            ).all()
        )
        answers = s.scalars(
            select(InspectionAnswer)
            .where(InspectionAnswer.inspection_id == i.id, InspectionAnswer.deleted_at.is_(None))
            .order_by(InspectionAnswer.position)
        ).all()
        photos = linked_photos(s, "inspection_answer", [a.id for a in answers])
        hazard_ids = {a.hazard_id for a in answers if a.hazard_id}
        refs = (
            dict(s.execute(select(Hazard.id, Hazard.ref).where(Hazard.id.in_(hazard_ids))).all())
            if hazard_ids
            else {}
        )
        signed: dict[str, SignedBy] = {}
        for sid, purpose, name, at in s.execute(
            select(Signature.id, Signature.purpose, Signature.signer_name, Signature.signed_at)
            .where(
                Signature.record_table == "inspection",
                Signature.record_id == i.id,
                Signature.deleted_at.is_(None),
            )
            .order_by(Signature.signed_at)
        ):
            signed.setdefault(purpose, SignedBy(sid, name, at))
        corrected_by = list(
            s.scalars(
                select(Inspection.id)
                .where(Inspection.corrects_id == i.id)
                .order_by(Inspection.created_at)
            )
        )
        row = InspectionRow(
            i.id,
            i.kind,
            i.title,
            i.started_at,
            i.place,
            names.get(i.lead_inspector_id, ""),
            i.item_count or len(answers),
            i.fail_count if i.finalized_at else sum(a.result == "fail" for a in answers),
            i.finalized_at,
            i.corrects_id,
        )
        return InspectionDetail(
            row=row,
            zone=i.zone,
            templates=list(i.templates),
            inspector_names=[names.get(x, "") for x in ids],
            note=i.note,
            answers=[
                AnswerRow(
                    a.id,
                    a.position,
                    a.template_code,
                    a.item_code,
                    a.area,
                    a.risk_group,
                    a.severity,
                    a.text,
                    a.result,
                    a.note,
                    a.hazard_id,
                    [p for _purpose, p in photos.get(a.id, [])],
                    a.spot,
                    refs.get(a.hazard_id, "") if a.hazard_id else "",
                )
                for a in answers
            ],
            corrected_by=corrected_by,
            inspector_signature=signed.get("inspection.inspector"),
            principal_signature=signed.get("inspection.principal"),
        )


_ONE_DAY = timedelta(days=1)
