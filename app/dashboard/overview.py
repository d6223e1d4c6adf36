"""What the dashboard shows: the school, backups and the latest activity.

One read, no changes. Anyone signed in sees the school and the backup state;
the whole school's recent activity needs :attr:`Permission.VIEW_AUDIT`,
other roles see their own actions only.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import select

from app.accounts.roles import Permission, allowed
from app.actor import Actor
from app.backup.service import last_backup_at, list_backups
from app.school.clock import school_day, school_today
from app.school.service import SchoolProfile, get_profile
from app.workspace import Workspace
from db.models import AuditEntry

RECENT_LIMIT = 20


@dataclasses.dataclass(frozen=True)
class ActivityItem:
    at: datetime  # UTC
    actor_name: str
    actor_role: str
    action: str  # e.g. "login", "user.create"
    detail: str


@dataclasses.dataclass(frozen=True)
class Overview:
    school: SchoolProfile | None
    last_backup_at: datetime | None  # UTC
    backup_count: int
    recent: list[ActivityItem]
    whole_school: bool  # False: ``recent`` holds only the actor's own actions

    def backed_up_today(self, now: datetime | None = None) -> bool:
        """Whether a backup (automatic or by hand) was made on the school's today."""
        if self.last_backup_at is None:
            return False
        return school_day(self.last_backup_at) == school_today(now)


def recent_activity(ws: Workspace, actor: Actor, limit: int = RECENT_LIMIT) -> list[ActivityItem]:
    """The latest audit entries, newest first (own entries only without VIEW_AUDIT)."""
    # Only the columns shown: an entry's list of touched rows can be huge (a bulk import).
    q = (
        select(
            AuditEntry.at,
            AuditEntry.actor_name,
            AuditEntry.actor_role,
            AuditEntry.action,
            AuditEntry.detail,
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.seq.desc())
        .limit(limit)
    )
    if not allowed(actor, Permission.VIEW_AUDIT):
        q = q.where(AuditEntry.actor_id == actor.user_id)
    with ws.read() as s:
        return [
            ActivityItem(at, name, role, action, detail or "")
            for at, name, role, action, detail in s.execute(q)
        ]


def load_overview(ws: Workspace, actor: Actor, limit: int = RECENT_LIMIT) -> Overview:
    return Overview(
        school=get_profile(ws),
        last_backup_at=last_backup_at(ws),
        backup_count=len(list_backups(ws)),
        recent=recent_activity(ws, actor, limit),
        whole_school=allowed(actor, Permission.VIEW_AUDIT),
    )
