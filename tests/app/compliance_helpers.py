"""Builders for the compliance and monthly-report tests: records at chosen school-local times.

Services stamp records with the current time; cadence tests need records on
chosen days (month ends, leap days), so these insert them directly, inside
one workspace action each, exactly as the services would store them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone

from app.actor import Actor
from app.workspace import Workspace
from db.models import Hazard, HazardMonitoring, Inspection, School

CST = timezone(timedelta(hours=8))


def local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A school-local wall time as the aware UTC instant stored in the DB."""
    return datetime.combine(day, time(hour, minute), CST).astimezone(UTC)


def set_school(ws: Workspace, actor: Actor, **fields) -> None:
    with ws.action(actor, "test.school") as s:
        school = s.get(School, ws.school_id)
        for k, v in fields.items():
            setattr(school, k, v)


def in_use_since(ws: Workspace, day: date) -> None:
    """Back-date the school's set-up to ``day`` (work is owed from then on).

    ``created_at`` of a synced row never changes through the app, so this
    writes the column directly, as if the school had been set up that day.
    """
    from sqlalchemy import update

    with ws.db.engine.begin() as conn:
        conn.execute(
            update(School.__table__)
            .where(School.__table__.c.id == ws.school_id)
            .values(created_at=local(day, 8))
        )


def add_inspection(
    ws: Workspace, actor: Actor, kind: str, at: datetime, *, finalized: bool = True
) -> uuid.UUID:
    with ws.action(actor, "test.inspection") as s:
        i = Inspection(
            kind=kind,
            title=f"{kind} {at:%m-%d}",
            templates=["fire@1"],
            started_at=at,
            lead_inspector_id=actor.user_id,
            inspector_ids=[str(actor.user_id)],
            finalized_at=at + timedelta(minutes=30) if finalized else None,
            finalized_by=actor.user_id if finalized else None,
        )
        s.add(i)
        s.flush()
        return i.id


def add_hazard(
    ws: Workspace,
    actor: Actor,
    reported_on: date,
    *,
    area: str = "fire",
    deadline: date | None = None,
    status: str = "reported",
    major_since: date | None = None,
    rectified_on: date | None = None,
    closed_on: date | None = None,
) -> uuid.UUID:
    with ws.action(actor, "test.hazard") as s:
        h = Hazard(
            ref=f"YH{reported_on:%Y%m%d}-{uuid.uuid4().hex[:6].upper()}",
            title=f"{area} hazard",
            area=area,
            reported_at=local(reported_on),
            reported_on=reported_on,
            deadline=deadline,
            status="closed" if closed_on else status,
            major=major_since is not None,
            major_since=major_since,
            severity="major" if major_since else "general",
            rectified_at=local(rectified_on, 15) if rectified_on else None,
            closed_at=local(closed_on, 16) if closed_on else None,
        )
        s.add(h)
        s.flush()
        return h.id


def add_monitoring(ws: Workspace, actor: Actor, hazard_id: uuid.UUID, at: datetime) -> None:
    with ws.action(actor, "test.monitor") as s:
        s.add(
            HazardMonitoring(
                hazard_id=hazard_id,
                observed_at=at,
                observed_on=at.astimezone(CST).date(),
                observer_id=actor.user_id,
                observer_name=actor.name,
                observation="稳定",
            )
        )
