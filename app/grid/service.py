"""Zones, posts and assignments of the responsibility grid (网格化安全管理).

Reads need no permission: the grid is posted publicly (公示, 000 §3). Changes
need :attr:`Permission.EDIT_GRID` and run as one :meth:`Workspace.action`
each, validated before anything is written.

An assignment names the responsible leader, the responsible person and the
supervisor of one zone or one post for ``valid_from``..``valid_to`` (both
included, ``valid_to`` None = until further notice). A new assignment ends
the one it replaces on the day before it starts, so a zone never has two
current responsible people.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.staff.service import get_staff, school_of
from app.workspace import Workspace
from db.base import utcnow
from db.models import GridAssignment, GridPost, GridZone


class ZoneKind(enum.StrEnum):
    TEACHING_BUILDING = "teaching_building"
    DORMITORY = "dormitory"
    CANTEEN = "canteen"
    GATE = "gate"
    PLAYGROUND = "playground"
    LAB = "lab"
    BOILER_ROOM = "boiler_room"
    OFFICE = "office"
    LIBRARY = "library"
    OTHER = "other"


ZONE_KIND_LABELS: dict[str, str] = {
    ZoneKind.TEACHING_BUILDING: QT_TRANSLATE_NOOP("app", "Teaching building"),
    ZoneKind.DORMITORY: QT_TRANSLATE_NOOP("app", "Dormitory"),
    ZoneKind.CANTEEN: QT_TRANSLATE_NOOP("app", "Canteen"),
    ZoneKind.GATE: QT_TRANSLATE_NOOP("app", "Gate"),
    ZoneKind.PLAYGROUND: QT_TRANSLATE_NOOP("app", "Playground"),
    ZoneKind.LAB: QT_TRANSLATE_NOOP("app", "Laboratory"),
    ZoneKind.BOILER_ROOM: QT_TRANSLATE_NOOP("app", "Boiler room"),
    ZoneKind.OFFICE: QT_TRANSLATE_NOOP("app", "Office"),
    ZoneKind.LIBRARY: QT_TRANSLATE_NOOP("app", "Library"),
    ZoneKind.OTHER: QT_TRANSLATE_NOOP("app", "Other"),
}


@dataclasses.dataclass(frozen=True)
class ZoneView:
    id: uuid.UUID
    name: str
    place: str
    kind: str
    note: str


@dataclasses.dataclass(frozen=True)
class PostView:
    id: uuid.UUID
    name: str
    duties: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class AssignmentView:
    id: uuid.UUID
    zone_id: uuid.UUID | None
    post_id: uuid.UUID | None
    leader_id: uuid.UUID | None
    person_id: uuid.UUID
    supervisor_id: uuid.UUID | None
    valid_from: date
    valid_to: date | None


def _zone_view(z: GridZone) -> ZoneView:
    return ZoneView(z.id, z.name, z.place, z.kind, z.note)


def _post_view(p: GridPost) -> PostView:
    return PostView(p.id, p.name, tuple(p.duties))


def assignment_view(a: GridAssignment) -> AssignmentView:
    return AssignmentView(
        a.id, a.zone_id, a.post_id, a.leader_id, a.person_id, a.supervisor_id,
        a.valid_from, a.valid_to,
    )  # fmt: skip


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UserError(QT_TRANSLATE_NOOP("app", "Enter a name."))
    if len(name) > 100:
        raise UserError(QT_TRANSLATE_NOOP("app", "A name can have at most 100 characters."))
    return name


def _duties(duties: list[str]) -> list[str]:
    out = [d.strip() for d in duties if d.strip()]
    if not out:
        raise UserError(QT_TRANSLATE_NOOP("app", "List at least one safety duty of the post."))
    if any(len(d) > 500 for d in out) or len(out) > 50:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "A post has at most 50 duties of at most 500 characters.")
        )
    return out


def _kind(kind: str) -> str:
    if kind not in {k.value for k in ZoneKind}:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the kind of zone."))
    return kind


def _live(s: Session, cls: type, row_id: uuid.UUID):
    row = s.get(cls, row_id)
    if row is None or row.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This record no longer exists."))
    return row


# -- zones and posts -------------------------------------------------------------


def add_zone(
    ws: Workspace, actor: Actor, *, name: str, kind: str, place: str = "", note: str = ""
) -> ZoneView:
    require(actor, Permission.EDIT_GRID)
    school_of(ws)
    name, kind = _name(name), _kind(kind)
    with ws.action(actor, "grid.zone.add") as s:
        z = GridZone(name=name, kind=kind, place=place.strip()[:200], note=note.strip())
        s.add(z)
        s.flush()
        return _zone_view(z)


def update_zone(
    ws: Workspace, actor: Actor, zone_id: uuid.UUID, *, name: str, kind: str, place: str = "",
    note: str = "",
) -> ZoneView:  # fmt: skip
    require(actor, Permission.EDIT_GRID)
    name, kind = _name(name), _kind(kind)
    with ws.action(actor, "grid.zone.update") as s:
        z = _live(s, GridZone, zone_id)
        z.name, z.kind, z.place, z.note = name, kind, place.strip()[:200], note.strip()
        return _zone_view(z)


def add_post(ws: Workspace, actor: Actor, *, name: str, duties: list[str]) -> PostView:
    require(actor, Permission.EDIT_GRID)
    school_of(ws)
    name, clean = _name(name), _duties(duties)
    with ws.action(actor, "grid.post.add") as s:
        p = GridPost(name=name, duties=clean)
        s.add(p)
        s.flush()
        return _post_view(p)


def update_post(
    ws: Workspace, actor: Actor, post_id: uuid.UUID, *, name: str, duties: list[str]
) -> PostView:
    require(actor, Permission.EDIT_GRID)
    name, clean = _name(name), _duties(duties)
    with ws.action(actor, "grid.post.update") as s:
        p = _live(s, GridPost, post_id)
        p.name, p.duties = name, clean
        return _post_view(p)


def remove(ws: Workspace, actor: Actor, *, zone_id: uuid.UUID | None = None,
           post_id: uuid.UUID | None = None) -> None:  # fmt: skip
    """Retire a zone or a post (tombstone), with its assignments."""
    require(actor, Permission.EDIT_GRID)
    if (zone_id is None) == (post_id is None):
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose a zone or a post."))
    with ws.action(actor, "grid.zone.remove" if zone_id else "grid.post.remove") as s:
        row = _live(s, GridZone, zone_id) if zone_id else _live(s, GridPost, post_id)
        now = utcnow()
        row.deleted_at = now
        column = GridAssignment.zone_id if zone_id else GridAssignment.post_id
        for a in s.scalars(
            select(GridAssignment).where(column == row.id, GridAssignment.deleted_at.is_(None))
        ):
            a.deleted_at = now


def list_zones(ws: Workspace) -> list[ZoneView]:
    with ws.read() as s:
        q = select(GridZone).where(GridZone.deleted_at.is_(None)).order_by(GridZone.name)
        return [_zone_view(z) for z in s.scalars(q)]


def list_posts(ws: Workspace) -> list[PostView]:
    with ws.read() as s:
        q = select(GridPost).where(GridPost.deleted_at.is_(None)).order_by(GridPost.name)
        return [_post_view(p) for p in s.scalars(q)]


# -- assignments -------------------------------------------------------------------


def assign(
    ws: Workspace,
    actor: Actor,
    *,
    person_id: uuid.UUID | None,
    valid_from: date,
    zone_id: uuid.UUID | None = None,
    post_id: uuid.UUID | None = None,
    leader_id: uuid.UUID | None = None,
    supervisor_id: uuid.UUID | None = None,
    valid_to: date | None = None,
) -> AssignmentView:
    """Make ``person_id`` responsible for one zone or post from ``valid_from``.

    The assignment current on ``valid_from`` is ended the day before; one that
    starts on or after ``valid_from`` is an overlap and is refused.
    """
    require(actor, Permission.EDIT_GRID)
    if (zone_id is None) == (post_id is None):
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose a zone or a post."))
    if person_id is None:  # the column is NOT NULL: refuse here, in words, not in SQL
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the responsible person."))
    if valid_to is not None and valid_to < valid_from:
        raise UserError(QT_TRANSLATE_NOOP("app", "The end date cannot be before the start date."))
    if supervisor_id is not None and supervisor_id == person_id:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "app", "The supervisor must be someone other than the responsible person."
            )
        )
    with ws.action(actor, "grid.assign") as s:
        if zone_id is not None:
            _live(s, GridZone, zone_id)
        else:
            _live(s, GridPost, post_id)
        for staff_id in (person_id, leader_id, supervisor_id):
            if staff_id is not None and not get_staff(s, staff_id).active:
                raise UserError(QT_TRANSLATE_NOOP("app", "{name} no longer works here."),
                                name=get_staff(s, staff_id).name)  # fmt: skip
        column = GridAssignment.zone_id if zone_id else GridAssignment.post_id
        for old in s.scalars(
            select(GridAssignment).where(
                column == (zone_id or post_id),
                GridAssignment.deleted_at.is_(None),
                or_(GridAssignment.valid_to.is_(None), GridAssignment.valid_to >= valid_from),
            )
        ):
            if old.valid_from >= valid_from:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "app",
                        "This overlaps the assignment that starts on {date}. Change that one instead.",
                    ),
                    date=old.valid_from.isoformat(),
                )
            old.valid_to = valid_from - timedelta(days=1)
        a = GridAssignment(
            zone_id=zone_id, post_id=post_id, leader_id=leader_id, person_id=person_id,
            supervisor_id=supervisor_id, valid_from=valid_from, valid_to=valid_to,
        )  # fmt: skip
        s.add(a)
        s.flush()
        return assignment_view(a)


def end_assignment(ws: Workspace, actor: Actor, assignment_id: uuid.UUID, last_day: date) -> None:
    require(actor, Permission.EDIT_GRID)
    with ws.action(actor, "grid.assignment.end") as s:
        a = _live(s, GridAssignment, assignment_id)
        if last_day < a.valid_from:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "The end date cannot be before the start date.")
            )
        a.valid_to = last_day


def current_assignments(s: Session, on: date) -> list[GridAssignment]:
    """Assignments valid on ``on`` (inside an open session)."""
    return list(
        s.scalars(
            select(GridAssignment).where(
                GridAssignment.deleted_at.is_(None),
                GridAssignment.valid_from <= on,
                or_(GridAssignment.valid_to.is_(None), GridAssignment.valid_to >= on),
            )
        )
    )


def assignments_of(ws: Workspace, *, zone_id: uuid.UUID | None = None,
                   post_id: uuid.UUID | None = None) -> list[AssignmentView]:  # fmt: skip
    """The history of one zone or post, newest first."""
    column = GridAssignment.zone_id if zone_id else GridAssignment.post_id
    with ws.read() as s:
        q = select(GridAssignment).where(
            column == (zone_id or post_id), GridAssignment.deleted_at.is_(None)
        )
        return [assignment_view(a) for a in s.scalars(q.order_by(GridAssignment.valid_from.desc()))]
