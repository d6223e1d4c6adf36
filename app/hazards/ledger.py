"""The hazard ledger (整改台账) for lists, the CLI and print: paged, filtered, small rows.

Queries return frozen dataclasses, never ORM objects, so a Qt model can keep
them in its row cache across threads. ``hazard_ledger`` and ``hazard_count``
take the same :class:`LedgerFilters`; a lazy model asks for the count once
and for pages as the view scrolls.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased

from app.actor import Actor
from app.attachments.links import linked_photos
from app.attachments.store import PhotoRef
from app.errors import UserError
from app.hazards.monitoring import missed_days
from app.hazards.service import (
    OPEN_STATUSES,
    OVERDUE_STATUSES,
    STATUSES,
    is_overdue,
    school_day,
    school_today,
)
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.models import Hazard, HazardEvent, HazardMonitoring, InspectionAnswer, UserAccount


@dataclasses.dataclass(frozen=True)
class LedgerFilters:
    """``status``: open | overdue | closed | a single status | None (all)."""

    status: str | None = None
    area: str | None = None
    overdue: bool = False
    major: bool | None = None
    escalated: bool | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""


@dataclasses.dataclass(frozen=True)
class HazardRow:
    id: uuid.UUID
    ref: str
    title: str
    area: str
    risk_group: str
    severity: str
    major: bool
    status: str
    place: str
    reported_on: date
    deadline: date | None
    responsible_name: str
    overdue: bool
    needs_escalation: bool


def _filtered(q: Select, ws: Workspace, f: LedgerFilters, today: date) -> Select:
    # One school's ledger (the bureau's database holds many); the index on
    # (school_id, reported_at, id) then serves pages without a sort.
    q = q.where(Hazard.school_id == ws.school_id, Hazard.deleted_at.is_(None))
    if f.status == "open":
        q = q.where(Hazard.status.in_(OPEN_STATUSES))
    elif f.status == "overdue" or f.overdue:
        q = q.where(Hazard.status.in_(OVERDUE_STATUSES), Hazard.deadline < today)
    if f.status not in (None, "", "open", "overdue"):
        if f.status not in STATUSES:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "Unknown hazard status {status}."), status=f.status
            )
        q = q.where(Hazard.status == f.status)
    if f.area:
        q = q.where(Hazard.area == f.area)
    if f.major is not None:
        q = q.where(Hazard.major.is_(f.major))
    if f.escalated is not None:
        q = q.where(Hazard.needs_escalation.is_(f.escalated))
    if f.date_from:
        q = q.where(Hazard.reported_on >= f.date_from)
    if f.date_to:
        q = q.where(Hazard.reported_on <= f.date_to)
    text = f.text.strip()
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        q = q.where(
            or_(
                Hazard.title.like(like, escape="\\"),
                Hazard.place.like(like, escape="\\"),
                Hazard.ref.like(like, escape="\\"),
                Hazard.description.like(like, escape="\\"),
            )
        )
    return q


def hazard_ledger(
    ws: Workspace,
    actor: Actor,
    filters: LedgerFilters = LedgerFilters(),
    offset: int = 0,
    limit: int = 100,
    today: date | None = None,
) -> list[HazardRow]:
    """One page of the ledger, newest report first."""
    today = today or school_today()
    person = aliased(UserAccount)
    q = (
        select(
            Hazard.id,
            Hazard.ref,
            Hazard.title,
            Hazard.area,
            Hazard.risk_group,
            Hazard.severity,
            Hazard.major,
            Hazard.status,
            Hazard.place,
            Hazard.reported_on,
            Hazard.deadline,
            person.display_name,
            Hazard.needs_escalation,
        )
        .outerjoin(person, person.id == Hazard.responsible_id)
        .order_by(Hazard.reported_at.desc(), Hazard.id.desc())
        .offset(max(offset, 0))
        .limit(max(limit, 0))
    )
    q = _filtered(q, ws, filters, today)
    with ws.read() as s:
        rows = s.execute(q).all()
    return [
        HazardRow(
            id=r[0],
            ref=r[1],
            title=r[2],
            area=r[3],
            risk_group=r[4],
            severity=r[5],
            major=r[6],
            status=r[7],
            place=r[8],
            reported_on=r[9],
            deadline=r[10],
            responsible_name=r[11] or "",
            overdue=is_overdue(r[7], r[10], today),
            needs_escalation=r[12],
        )
        for r in rows
    ]


def hazard_count(
    ws: Workspace, actor: Actor, filters: LedgerFilters = LedgerFilters(), today: date | None = None
) -> int:
    q = _filtered(select(func.count()).select_from(Hazard), ws, filters, today or school_today())
    with ws.read() as s:
        return s.scalar(q) or 0


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str  # an event kind, or "monitor"
    actor_name: str
    from_status: str
    to_status: str
    note: str
    data: dict


@dataclasses.dataclass(frozen=True)
class HazardDetail:
    row: HazardRow
    description: str
    zone: str
    item_code: str
    reported_at: datetime
    reported_by_name: str
    measures: str
    interim_safeguard: str
    funds_yuan: Decimal | None
    funds_source: str
    rectification_note: str
    rectified_by_name: str
    recheck_result: str
    recheck_note: str
    rechecked_by_name: str
    closed_at: datetime | None
    escalation_note: str
    major_since: date | None
    # (purpose, photo): report | rectification | answer
    photos: list[tuple[str, PhotoRef]]
    # (inspection id, item text, note) of every failed item that found it
    findings: list[tuple[uuid.UUID, str, str]]
    history: list[HistoryEntry]
    missed_monitoring: list[tuple[date, int]]


def hazard_detail(
    ws: Workspace, actor: Actor, hazard_id: uuid.UUID, today: date | None = None
) -> HazardDetail:
    """Everything the detail panel shows, history oldest first (monitoring included)."""
    today = today or school_today()
    with ws.read() as s:
        h = s.get(Hazard, hazard_id)
        if h is None or h.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This hazard no longer exists."))
        ids = {i for i in (h.reported_by, h.responsible_id, h.rectified_by, h.rechecked_by) if i}
        names = dict(
            s.execute(
                select(UserAccount.id, UserAccount.display_name).where(UserAccount.id.in_(ids))
            ).all()
        )
        events = s.scalars(
            select(HazardEvent)
            .where(HazardEvent.hazard_id == h.id, HazardEvent.deleted_at.is_(None))
            .order_by(HazardEvent.at, HazardEvent.hlc)
        ).all()
        checks = s.scalars(
            select(HazardMonitoring)
            .where(HazardMonitoring.hazard_id == h.id, HazardMonitoring.deleted_at.is_(None))
            .order_by(HazardMonitoring.observed_at)
        ).all()
        answers = s.execute(
            select(
                InspectionAnswer.id,
                InspectionAnswer.inspection_id,
                InspectionAnswer.text,
                InspectionAnswer.note,
            )
            .where(InspectionAnswer.hazard_id == h.id)
            .order_by(InspectionAnswer.answered_at)
        ).all()
        photos = list(linked_photos(s, "hazard", [h.id]).get(h.id, []))
        by_answer = linked_photos(s, "inspection_answer", [a[0] for a in answers])
        for a in answers:
            photos += [("answer", p) for _purpose, p in by_answer.get(a[0], [])]
    history = [
        HistoryEntry(e.at, e.kind, e.actor_name, e.from_status, e.to_status, e.note, e.data or {})
        for e in events
    ] + [
        HistoryEntry(
            m.observed_at,
            "monitor",
            m.observer_name,
            h.status,
            h.status,
            m.observation,
            {"condition": m.condition},
        )
        for m in checks
    ]
    history.sort(key=lambda e: e.at)
    counts: dict[date, int] = {}
    for m in checks:
        counts[m.observed_on] = counts.get(m.observed_on, 0) + 1
    # The day it closed needs no more monitoring.
    until = school_day(h.closed_at) - timedelta(days=1) if h.closed_at else today
    missed = missed_days(h.major_since if h.major else None, until, counts, today)
    row = HazardRow(
        h.id,
        h.ref,
        h.title,
        h.area,
        h.risk_group,
        h.severity,
        h.major,
        h.status,
        h.place,
        h.reported_on,
        h.deadline,
        names.get(h.responsible_id, ""),
        is_overdue(h.status, h.deadline, today),
        h.needs_escalation,
    )
    return HazardDetail(
        row=row,
        description=h.description,
        zone=h.zone,
        item_code=h.item_code,
        reported_at=h.reported_at,
        reported_by_name=names.get(h.reported_by, ""),
        measures=h.measures,
        interim_safeguard=h.interim_safeguard,
        funds_yuan=h.funds_yuan,
        funds_source=h.funds_source,
        rectification_note=h.rectification_note,
        rectified_by_name=names.get(h.rectified_by, ""),
        recheck_result=h.recheck_result,
        recheck_note=h.recheck_note,
        rechecked_by_name=names.get(h.rechecked_by, ""),
        closed_at=h.closed_at,
        escalation_note=h.escalation_note,
        major_since=h.major_since,
        photos=photos,
        findings=[(a[1], a[2], a[3]) for a in answers],
        history=history,
        missed_monitoring=missed,
    )
