"""Writing and verifying the audit trail.

Each device keeps its own chain: entry ``n`` stores the SHA-256 of entry
``n-1`` (``prev_hash``) and its own hash over a canonical JSON of its fields.
The device's head (last seq and hash) is also kept in ``device_state``, so
removing entries from the end is detected as well as editing, removing or
reordering entries in the middle.

A SHA-256 chain alone can be recomputed by anyone who can write the file, so
the chain is also *keyed*: every entry carries ``entry_mac``, an HMAC-SHA256
under the device's audit key (app/audit/keys.py, kept outside the database)
over the previous entry's MAC, the entry's canonical fields and its SHA-256;
``device_state.audit_head_mac`` MACs the head. Rewriting an entry and every
later hash, or cutting the end and moving the head back, then needs the key.

Where the keyed part starts: a new database is keyed from entry 1. A chain
written before keys existed gets an ``audit.keyed`` anchor entry, by the
app, in the transaction of the first action after the upgrade; its MAC
starts from :data:`GENESIS_MAC` and, like every MAC, covers its
``prev_hash`` — so the older, SHA-256-only entries are bound into the keyed
chain through it. If the key is gone when the app writes again (a new
keyring, the folder moved to another PC), the app makes a new key and an
``audit.rekeyed`` anchor; ``xiaoan check`` then says the entries before it
can no longer be checked with a key. Both anchors record the outbox's last
seq before them (``outbox_seq=N``): later outbox rows must each be named by
an audit entry (app/audit/records.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.audit import keys
from app.i18n import QT_TRANSLATE_NOOP, translate
from db.base import new_id, utcnow
from db.capture import CAPTURE_KEY
from db.models import AuditEntry, DeviceState
from db.models.outbox import OutboxEntry

GENESIS = "0" * 64
GENESIS_MAC = keys.GENESIS_MAC
KEYED = "audit.keyed"  # the anchor where an existing SHA-256-only chain becomes keyed
REKEYED = "audit.rekeyed"  # the anchor of a new key after the old one was lost
ANCHORS = (KEYED, REKEYED)
_OUTBOX_MARK = re.compile(r"outbox_seq=(\d+)")


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
    """Append one entry to this device's chain, inside the caller's write transaction.

    Keys the chain first if it is not keyed yet (an ``audit.keyed`` anchor),
    or again under a new key if the old one is gone (``audit.rekeyed``).
    """
    ctx = session.info[CAPTURE_KEY]
    state = session.get(DeviceState, 1)
    assert state is not None
    key, made = keys.key_for_writing(ctx.device_id)
    prev_mac = GENESIS_MAC
    if state.audit_head_seq:
        last = session.scalar(
            select(AuditEntry).where(
                AuditEntry.origin_device == ctx.device_id, AuditEntry.seq == state.audit_head_seq
            )
        )
        last_mac = last.entry_mac if last is not None else None
        if last_mac and not made:
            prev_mac = last_mac
        else:
            # This action's own changes are already flushed: the outbox rows
            # before them are the ones no audit entry names.
            top = session.scalar(select(func.max(OutboxEntry.seq))) or 0
            mark = f"outbox_seq={max(top - len(targets), 0)}"
            anchor = REKEYED if last_mac else KEYED
            why = (
                "审计密钥在本机找不到，已换用新密钥；此前的条目只能按 SHA-256 链核对"
                if last_mac
                else "审计链自此条起由本机密钥（HMAC-SHA256）保护；此前的条目按 SHA-256 链核对"
            )
            entry = _write(
                session, ctx, state, Actor.system(), anchor, [], f"{why}。{mark}", key, GENESIS_MAC
            )
            prev_mac = entry.entry_mac
    return _write(session, ctx, state, actor, action, targets, detail, key, prev_mac)


def _write(session, ctx, state, actor, action, targets, detail, key, prev_mac) -> AuditEntry:
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
    fields = _hashed_fields(entry, ctx.device_id, ctx.school_id)
    entry.entry_hash = entry_hash(fields)
    entry.entry_mac = keys.entry_mac(key, prev_mac, fields, entry.entry_hash)
    session.add(entry)
    state.audit_head_seq = entry.seq
    state.audit_head_hash = entry.entry_hash
    state.audit_head_mac = keys.head_mac(key, ctx.device_id, entry.seq, entry.entry_mac)
    return entry


def outbox_mark(entry: AuditEntry) -> int | None:
    """The outbox seq an anchor entry recorded (rows after it are all audited)."""
    m = _OUTBOX_MARK.search(entry.detail or "")
    return int(m.group(1)) if m else None


@dataclasses.dataclass(frozen=True)
class ChainProblem:
    device_id: uuid.UUID
    seq: int
    entry_id: uuid.UUID | None
    # edited | missing | out_of_order | head_missing | unkeyed | key_missing | key_replaced
    reason: str

    @property
    def tampered(self) -> bool:
        """False for what is not evidence of an edit: a key that is missing or was replaced."""
        return self.reason not in ("key_missing", "key_replaced")

    @property
    def notice(self) -> bool:
        """Worth saying, and no reason to doubt the trail (its later part is keyed)."""
        return self.reason == "key_replaced"

    def describe(self, language: str | None = None) -> str:
        text = translate("app", _REASONS[self.reason], language)
        return text.format(
            seq=self.seq,
            device=self.device_id,
            id=self.entry_id or "-",
            key=keys.key_name(self.device_id),
        )


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
    "unkeyed": QT_TRANSLATE_NOOP(
        "app",
        "Audit entry #{seq} of device {device} has lost its key seal (MAC): the trail was "
        "rewritten without the audit key.",
    ),
    "key_missing": QT_TRANSLATE_NOOP(
        "app",
        "The audit entries of device {device} from #{seq} on are sealed with an audit key that "
        "this computer does not have (key {key}), so they cannot be verified. Restore that key "
        "from the computer that wrote them; a new key would not make them verify.",
    ),
    "key_replaced": QT_TRANSLATE_NOOP(
        "app",
        "Note: the audit key of device {device} was replaced at entry #{seq} (the old one was "
        "lost); entries before it are checked by their SHA-256 chain only.",
    ),
}


def verify_chain(session: Session) -> list[ChainProblem]:
    """Every break in every device's chain, first break per device.

    The keyed part is checked for every device whose audit key this computer
    has (normally only its own); other devices' entries by SHA-256 alone.
    """
    problems: list[ChainProblem] = []
    local = session.get(DeviceState, 1)
    devices = set(session.scalars(select(AuditEntry.origin_device).distinct()))
    if local is not None and local.audit_head_seq:
        devices.add(local.device_id)
    for device in sorted(devices):
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.origin_device == device).order_by(AuditEntry.seq)
        ).all()
        is_local = local is not None and device == local.device_id
        broken = _hash_break(device, rows, local if is_local else None)
        if broken is None:
            broken = _key_break(
                device, rows, local if is_local else None, keys.existing_key(device)
            )
        if broken:
            problems.append(broken)
    return problems


def _hash_break(device, rows, local: DeviceState | None) -> ChainProblem | None:
    expected_seq, prev = 1, GENESIS
    for e in rows:
        if e.seq != expected_seq:
            return ChainProblem(device, expected_seq, None, "missing")
        if e.prev_hash != prev:
            return ChainProblem(device, e.seq, e.id, "out_of_order")
        if entry_hash(_hashed_fields(e, device, e.school_id)) != e.entry_hash:
            return ChainProblem(device, e.seq, e.id, "edited")
        expected_seq, prev = e.seq + 1, e.entry_hash
    if local is not None:
        last_seq = expected_seq - 1
        if local.audit_head_seq > last_seq:
            return ChainProblem(device, last_seq + 1, None, "head_missing")
        if local.audit_head_seq == last_seq and last_seq and local.audit_head_hash != prev:
            return ChainProblem(device, last_seq, rows[-1].id, "edited")
    return None


def _key_break(device, rows, local: DeviceState | None, key: bytes | None) -> ChainProblem | None:
    keyed = [i for i, e in enumerate(rows) if e.entry_mac]
    if key is None:
        if keyed and local is not None:
            first = rows[keyed[0]]
            return ChainProblem(device, first.seq, first.id, "key_missing")
        return None
    if not rows:
        return None
    if not keyed:
        # The key exists, so this device has sealed entries: their MACs were removed.
        return ChainProblem(device, rows[-1].seq, rows[-1].id, "unkeyed")
    start = keyed[0]
    if rows[start].seq != 1 and rows[start].action not in ANCHORS:
        # The MACs before this entry (back to its anchor) were removed.
        return ChainProblem(device, rows[start - 1].seq, rows[start - 1].id, "unkeyed")
    begin = start
    for j in range(start, len(rows)):
        if not rows[j].entry_mac:
            return ChainProblem(device, rows[j].seq, rows[j].id, "unkeyed")
        if j > start and rows[j].action == REKEYED:
            begin = j
    prev = GENESIS_MAC
    for e in rows[begin:]:
        mac = keys.entry_mac(key, prev, _hashed_fields(e, device, e.school_id), e.entry_hash)
        if not keys.same(mac, e.entry_mac):
            return ChainProblem(device, e.seq, e.id, "edited")
        prev = e.entry_mac
    last = rows[-1]
    if local is not None and not (
        local.audit_head_seq == last.seq
        and keys.same(keys.head_mac(key, device, last.seq, last.entry_mac), local.audit_head_mac)
    ):
        return ChainProblem(device, last.seq + 1, None, "head_missing")
    if begin != start:
        return ChainProblem(device, rows[begin].seq, rows[begin].id, "key_replaced")
    return None


def recent_entries(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(
        session.scalars(select(AuditEntry).order_by(AuditEntry.at.desc()).limit(limit)).all()
    )
