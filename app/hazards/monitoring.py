"""Major-hazard monitoring (重大隐患日监测): at least two entries a school day until closed.

A day is *missed* when it has ended (school time) with fewer than
:data:`PER_DAY` entries; today is only *due* until it ends.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, timedelta

from sqlalchemy import func, select

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.hazards.service import _get, school_day, school_today
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import new_id, utcnow
from db.models import Hazard, HazardMonitoring

PER_DAY = 2
CONDITIONS = ("stable", "worse", "danger")


@dataclasses.dataclass(frozen=True)
class MonitoringGap:
    hazard_id: uuid.UUID
    ref: str
    title: str
    day: date
    entries: int


def add_monitoring(
    ws: Workspace, actor: Actor, hazard_id: uuid.UUID, observation: str, condition: str = "stable"
) -> uuid.UUID:
    require(actor, Permission.MONITOR_HAZARD)
    observation = observation.strip()
    if not observation:
        raise UserError(QT_TRANSLATE_NOOP("app", "Write down what you observed."))
    if condition not in CONDITIONS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the hazard's condition."))
    with ws.action(actor, "hazard.monitor") as s:
        h = _get(s, hazard_id)
        if not h.major:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "Only a major hazard has a monitoring record.")
            )
        if h.status == "closed":
            raise UserError(QT_TRANSLATE_NOOP("app", "Hazard {ref} is already closed."), ref=h.ref)
        now = utcnow()
        entry = HazardMonitoring(
            id=new_id(),
            hazard_id=h.id,
            observed_at=now,
            observed_on=school_day(now),
            observer_id=actor.user_id,
            observer_name=actor.name,
            observation=observation,
            condition=condition,
        )
        s.add(entry)
        h.last_monitored_at = now
        s.info["xiaoan.audit_detail"] = h.ref
        return entry.id


def missed_days(
    since: date | None, until: date, counts: dict[date, int], today: date
) -> list[tuple[date, int]]:
    """Days from ``since`` up to ``until`` (both included, today excluded) with too few entries."""
    if since is None:
        return []
    out = []
    day = since
    last = min(until, today - timedelta(days=1))
    while day <= last:
        n = counts.get(day, 0)
        if n < PER_DAY:
            out.append((day, n))
        day += timedelta(days=1)
    return out


def monitoring_gaps(ws: Workspace, actor: Actor, today: date | None = None) -> list[MonitoringGap]:
    """Every missed monitoring day of every major hazard (the dashboard's warning list)."""
    today = today or school_today()
    with ws.read() as s:
        hazards = s.execute(
            select(Hazard.id, Hazard.ref, Hazard.title, Hazard.major_since, Hazard.closed_at).where(
                Hazard.major.is_(True), Hazard.deleted_at.is_(None)
            )
        ).all()
        if not hazards:
            return []
        rows = s.execute(
            select(HazardMonitoring.hazard_id, HazardMonitoring.observed_on, func.count())
            .where(
                HazardMonitoring.hazard_id.in_([h.id for h in hazards]),
                HazardMonitoring.deleted_at.is_(None),
            )
            .group_by(HazardMonitoring.hazard_id, HazardMonitoring.observed_on)
        ).all()
    counts: dict[uuid.UUID, dict[date, int]] = {}
    for hid, day, n in rows:
        counts.setdefault(hid, {})[day] = n
    gaps = []
    for h in hazards:
        # The day it closed needs no more monitoring.
        until = school_day(h.closed_at) - timedelta(days=1) if h.closed_at else today
        for day, n in missed_days(h.major_since, until, counts.get(h.id, {}), today):
            gaps.append(MonitoringGap(h.id, h.ref, h.title, day, n))
    return gaps


def monitoring_due_today(
    ws: Workspace, actor: Actor, today: date | None = None
) -> list[tuple[uuid.UUID, int]]:
    """Open major hazards that have fewer than two entries so far today: (id, entries today)."""
    today = today or school_today()
    with ws.read() as s:
        ids = list(
            s.scalars(
                select(Hazard.id).where(
                    Hazard.major.is_(True), Hazard.status != "closed", Hazard.deleted_at.is_(None)
                )
            )
        )
        done = dict(
            s.execute(
                select(HazardMonitoring.hazard_id, func.count())
                .where(HazardMonitoring.hazard_id.in_(ids), HazardMonitoring.observed_on == today)
                .group_by(HazardMonitoring.hazard_id)
            ).all()
        )
    return [(i, done.get(i, 0)) for i in ids if done.get(i, 0) < PER_DAY]
