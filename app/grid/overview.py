"""The grid at a glance: every zone and post against its three roles (for the 公示 board).

A row is flagged when its responsible person is missing (the one gap the
bureau counts), and also when the leader or supervisor is missing or the
person named has left, so the principal sees what to fix.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from sqlalchemy import select

from app.grid.service import current_assignments
from app.workspace import Workspace
from db.models import GridPost, GridZone, StaffMember

# Flags, most serious first.
NO_PERSON = "no_person"
PERSON_LEFT = "person_left"
NO_LEADER = "no_leader"
NO_SUPERVISOR = "no_supervisor"


@dataclasses.dataclass(frozen=True)
class GridRow:
    target: str  # "zone" | "post"
    id: uuid.UUID
    name: str
    place: str
    kind: str  # a ZoneKind for zones, "" for posts
    duties: tuple[str, ...]
    assignment_id: uuid.UUID | None
    leader: str | None
    person: str | None
    person_phone: str | None
    supervisor: str | None
    valid_to: date | None
    flags: tuple[str, ...]

    @property
    def unassigned(self) -> bool:
        return NO_PERSON in self.flags


@dataclasses.dataclass(frozen=True)
class GridOverview:
    on: date
    rows: tuple[GridRow, ...]

    @property
    def flagged(self) -> tuple[GridRow, ...]:
        return tuple(r for r in self.rows if r.flags)

    @property
    def unassigned(self) -> tuple[GridRow, ...]:
        return tuple(r for r in self.rows if r.unassigned)


def grid_overview(ws: Workspace, on: date) -> GridOverview:
    """Zones (by kind, then name) then posts, each with who answers for it on ``on``."""
    with ws.read() as s:
        staff = {m.id: m for m in s.scalars(select(StaffMember))}
        by_zone, by_post = {}, {}
        for a in current_assignments(s, on):
            (by_zone if a.zone_id else by_post)[a.zone_id or a.post_id] = a
        zones = s.scalars(
            select(GridZone)
            .where(GridZone.deleted_at.is_(None))
            .order_by(GridZone.kind, GridZone.name)
        )
        posts = s.scalars(
            select(GridPost).where(GridPost.deleted_at.is_(None)).order_by(GridPost.name)
        )
        rows = [
            _row("zone", z.id, z.name, z.place, z.kind, (), by_zone.get(z.id), staff) for z in zones
        ]
        rows += [
            _row("post", p.id, p.name, "", "", tuple(p.duties), by_post.get(p.id), staff)
            for p in posts
        ]
    return GridOverview(on, tuple(rows))


def _row(
    target, row_id, name, place, kind, duties, a, staff: dict[uuid.UUID, StaffMember]
) -> GridRow:
    def who(staff_id: uuid.UUID | None) -> StaffMember | None:
        return staff.get(staff_id) if staff_id else None

    if a is None:
        return GridRow(target, row_id, name, place, kind, duties, None, None, None, None, None,
                       None, (NO_PERSON, NO_LEADER, NO_SUPERVISOR))  # fmt: skip
    leader, person, supervisor = who(a.leader_id), who(a.person_id), who(a.supervisor_id)
    flags = []
    if person is None or person.deleted_at is not None:
        flags.append(NO_PERSON)
    elif not person.active:
        flags.append(PERSON_LEFT)
    if leader is None:
        flags.append(NO_LEADER)
    if supervisor is None:
        flags.append(NO_SUPERVISOR)
    return GridRow(
        target, row_id, name, place, kind, duties, a.id,
        leader.name if leader else None,
        person.name if person else None,
        person.phone if person else None,
        supervisor.name if supervisor else None,
        a.valid_to, tuple(flags),
    )  # fmt: skip


def responsibilities_of(ws: Workspace, staff_id: uuid.UUID, on: date) -> list[GridRow]:
    """The rows where ``staff_id`` is leader, responsible person or supervisor on ``on``."""
    with ws.read() as s:
        ids = {
            a.zone_id or a.post_id
            for a in current_assignments(s, on)
            if staff_id in (a.leader_id, a.person_id, a.supervisor_id)
        }
    return [r for r in grid_overview(ws, on).rows if r.id in ids]
