"""Builders shared by the inspection, hazard and photo tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import func, select

from app.actor import Actor
from app.workspace import Workspace
from db.models import AuditEntry, OutboxEntry
from tests.helpers import make_user


@dataclasses.dataclass
class People:
    principal: Actor
    officer: Actor
    officer2: Actor
    teacher: Actor
    guard: Actor


def people(ws: Workspace, principal: Actor) -> People:
    return People(
        principal=principal,
        officer=make_user(ws, principal, "lijianguo", "safety_officer").actor(),
        officer2=make_user(ws, principal, "zhaomin", "safety_officer").actor(),
        teacher=make_user(ws, principal, "zhengxia", "staff").actor(),
        guard=make_user(ws, principal, "zhoujun", "guard").actor(),
    )


def jpeg(path: Path, color=(200, 30, 30), size=(40, 20), orientation: int | None = None) -> Path:
    """A real JPEG; the left half red, the right half blue, so rotation is visible."""
    from PIL import Image

    im = Image.new("RGB", size, (20, 40, 220))
    im.paste(Image.new("RGB", (size[0] // 2, size[1]), color), (0, 0))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def outbox_count(ws: Workspace) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry)) or 0


def audit_actions(ws: Workspace) -> list[str]:
    with ws.read() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def outbox_tables_since(ws: Workspace, seq: int) -> list[str]:
    with ws.read() as s:
        return list(s.scalars(select(OutboxEntry.table_name).where(OutboxEntry.seq > seq)))
