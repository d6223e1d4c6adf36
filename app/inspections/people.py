"""Who can be named on a record: inspectors of a check, the person responsible for a fix.

Any signed-in user may read this short list (a teacher starting a patrol
names the guard who walked with them); it holds names and roles, nothing
private. Read-only, no Qt: safe to call from a worker thread.
"""

from __future__ import annotations

import dataclasses
import uuid

from sqlalchemy import select

from app.actor import Actor
from app.workspace import Workspace
from db.models import UserAccount


@dataclasses.dataclass(frozen=True)
class PersonChoice:
    id: uuid.UUID
    name: str
    role: str


def active_people(ws: Workspace, actor: Actor) -> list[PersonChoice]:
    """Active users of this school, by name."""
    with ws.read() as s:
        rows = s.execute(
            select(UserAccount.id, UserAccount.display_name, UserAccount.role)
            .where(UserAccount.active.is_(True), UserAccount.deleted_at.is_(None))
            .order_by(UserAccount.display_name, UserAccount.username)
        ).all()
    return [PersonChoice(*r) for r in rows]
