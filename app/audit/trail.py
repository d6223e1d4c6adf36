"""Writing and verifying the audit trail.

Each device keeps its own chain: entry ``n`` stores the SHA-256 of entry
``n-1`` (``prev_hash``) and its own hash over a canonical JSON of its fields.
The device's head (last seq and hash) is also kept in ``device_state``, so
removing entries from the end is detected as well as editing, removing or
reordering entries in the middle.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.i18n import QT_TRANSLATE_NOOP, translate
from db.base import new_id, utcnow
from db.capture import CAPTURE_KEY
from db.models import AuditEntry, DeviceState

GENESIS = "0" * 64


def entry_hash(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hashed_fields(e: AuditEntry, device_id: uuid.UUID, school_id: uuid.UUID | None) -> dict:
    return {
        "id": str(e.id),
        "school_id": str(school_id) if school_id else None,
        "device": str(device_id),
        "seq": e.seq,
        "at": e.at.isoformat(),
        "actor_id": str(e.actor_id) if e.actor_id else None,
        "actor_name": e.actor_name,
        "actor_role": e.actor_role,
        "action": e.action,
        "targets": e.targets,
        "detail": e.detail,
        "prev_hash": e.prev_hash,
    }


def append_entry(
    session: Session, actor: Actor, action: str, targets: list[dict[str, str]], detail: str = ""
) -> AuditEntry:
    """Append one entry to this device's chain, inside the caller's write transaction."""
    ctx = session.info[CAPTURE_KEY]
    state = session.get(DeviceState, 1)
    assert state is not None
    entry = AuditEntry(
        id=new_id(),
        school_id=ctx.school_id,
        seq=state.audit_head_seq + 1,
        at=utcnow(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        actor_role=actor.role,
        action=action,
        targets=targets,
        detail=detail,
        prev_hash=state.audit_head_hash or GENESIS,
    )
    entry.entry_hash = entry_hash(_hashed_fields(entry, ctx.device_id, ctx.school_id))
    session.add(entry)
    state.audit_head_seq = entry.seq
    state.audit_head_hash = entry.entry_hash
    return entry


@dataclasses.dataclass(frozen=True)
class ChainProblem:
    device_id: uuid.UUID
    seq: int
    entry_id: uuid.UUID | None
    reason: str  # edited | missing | out_of_order | head_missing

    def describe(self, language: str | None = None) -> str:
        text = translate("app", _REASONS[self.reason], language)
        return text.format(seq=self.seq, device=self.device_id, id=self.entry_id or "-")


_REASONS = {
    "edited": QT_TRANSLATE_NOOP(
        "app", "Audit entry #{seq} (id {id}) of device {device} was changed after it was written."
    ),
    "missing": QT_TRANSLATE_NOOP(
        "app", "Audit entry #{seq} of device {device} is missing: it was deleted."
    ),
    "out_of_order": QT_TRANSLATE_NOOP(
        "app",
        "Audit entry #{seq} (id {id}) of device {device} does not follow the entry before it.",
    ),
    "head_missing": QT_TRANSLATE_NOOP(
        "app",
        "Audit entry #{seq} of device {device} is missing from the end of the trail: it was deleted.",
    ),
}


def verify_chain(session: Session) -> list[ChainProblem]:
    """Every break in every device's chain, first break per device."""
    problems: list[ChainProblem] = []
    local = session.get(DeviceState, 1)
    devices = set(session.scalars(select(AuditEntry.origin_device).distinct()))
    if local is not None and local.audit_head_seq:
        devices.add(local.device_id)
    for device in sorted(devices):
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.origin_device == device).order_by(AuditEntry.seq)
        ).all()
        expected_seq, prev = 1, GENESIS
        broken = None
        for e in rows:
            if e.seq != expected_seq:
                broken = ChainProblem(device, expected_seq, None, "missing")
                break
            if e.prev_hash != prev:
                broken = ChainProblem(device, e.seq, e.id, "out_of_order")
                break
            if entry_hash(_hashed_fields(e, device, e.school_id)) != e.entry_hash:
                broken = ChainProblem(device, e.seq, e.id, "edited")
                break
            expected_seq, prev = e.seq + 1, e.entry_hash
        if broken is None and local is not None and device == local.device_id:
            last_seq = expected_seq - 1
            if local.audit_head_seq > last_seq:
                broken = ChainProblem(device, last_seq + 1, None, "head_missing")
            elif local.audit_head_seq == last_seq and last_seq and local.audit_head_hash != prev:
                broken = ChainProblem(device, last_seq, rows[-1].id, "edited")
        if broken:
            problems.append(broken)
    return problems


def recent_entries(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(
        session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc()).limit(limit)).all()
    )
