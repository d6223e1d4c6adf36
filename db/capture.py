"""Change capture: every write to a synced table leaves an outbox row in the same transaction.

Installed on :class:`db.session.SyncSession`. Rules:

* insert, update and tombstone (``deleted_at`` set) of a synced row each write
  one :class:`~db.models.outbox.OutboxEntry` carrying the changed columns and
  their new values, the row's new HLC value and this device's id;
* a rollback discards the outbox rows with the change (same transaction);
* a hard ``session.delete()`` of a synced row, and a bulk ``INSERT``/``UPDATE``/
  ``DELETE`` statement on a synced table, raise instead of slipping past;
* a write to a synced table outside a capture context (see
  :class:`CaptureContext`) raises: every change is attributed to an actor.
"""

from __future__ import annotations

import base64
import dataclasses
import decimal
import enum
import hashlib
import json
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session

from db.base import FROZEN_BY, SyncedMixin, is_local_only, new_id, synced_tables, utcnow
from db.hlc import HybridClock
from db.models.local import DeviceState
from db.models.outbox import OutboxEntry

CAPTURE_KEY = "xiaoan.capture"


class CaptureError(RuntimeError):
    """A write that would escape change capture. A programming error, never user input."""


@dataclasses.dataclass(frozen=True)
class CaptureContext:
    device_id: uuid.UUID
    clock: HybridClock
    actor_id: uuid.UUID | None
    school_id: uuid.UUID | None = None
    # Changes applied from another device (sync) keep their own hlc/origin and
    # are not queued again.
    replaying: bool = False


def json_value(value: Any) -> Any:
    """A column value as it travels in the outbox and in bundles."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    raise TypeError(f"cannot capture a value of type {type(value).__name__}")


def _stored_attrs(mapper) -> list:
    """The mapper's attributes stored in the row's own table — not read-only SQL
    expressions mapped beside them (a ``column_property`` over another table)."""
    return [
        attr
        for attr in mapper.column_attrs
        if isinstance(attr.columns[0], Column) and attr.columns[0].table is mapper.local_table
    ]


def _fill_defaults(obj: SyncedMixin) -> None:
    """Apply Python-side column defaults now, so the outbox sees the values the INSERT will use."""
    mapper = inspect(obj).mapper
    for attr in _stored_attrs(mapper):
        column = attr.columns[0]
        if getattr(obj, attr.key) is not None or column.default is None:
            continue
        default = column.default
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable:
            setattr(obj, attr.key, default.arg(None))


def _row_values(obj: SyncedMixin, keys: list[str] | None = None) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    out: dict[str, Any] = {}
    for attr in _stored_attrs(mapper):
        if is_local_only(attr.columns[0]):
            continue
        if keys is None or attr.key in keys:
            out[attr.key] = json_value(getattr(obj, attr.key))
    return out


def _changed_keys(obj: SyncedMixin) -> list[str]:
    state = inspect(obj)
    changed = []
    for attr in _stored_attrs(state.mapper):
        if is_local_only(attr.columns[0]):
            continue  # a local cache changing is not a change to send
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            # A value set to itself is not a change.
            if hist.added and hist.deleted and hist.added[0] == hist.deleted[0]:
                continue
            changed.append(attr.key)
    return changed


@dataclasses.dataclass(frozen=True)
class _LoadedSchema:
    table_count: int
    # table name -> position in dependency order (parents first)
    ranks: dict[str, int]
    synced: frozenset[str]


_schema_cache = _LoadedSchema(-1, {}, frozenset())


def _loaded_schema() -> _LoadedSchema:
    """Facts about the tables mapped so far, recomputed only when more are loaded
    (record areas' models load on first use; tables are never removed)."""
    global _schema_cache
    from db.base import Base

    count = len(Base.metadata.tables)
    if _schema_cache.table_count != count:
        _schema_cache = _LoadedSchema(
            count,
            {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)},
            frozenset(synced_tables(load=False)),
        )
    return _schema_cache


def _before_flush(session: Session, flush_context, instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, SyncedMixin):
            raise CaptureError(
                f"{type(obj).__name__} rows are never hard-deleted; set deleted_at (a tombstone)"
            )
    new = [o for o in session.new if isinstance(o, SyncedMixin)]
    dirty = [o for o in session.dirty if isinstance(o, SyncedMixin)]
    if not new and not dirty:
        return
    ctx: CaptureContext | None = session.info.get(CAPTURE_KEY)
    if ctx is None:
        raise CaptureError("write to a synced table outside a capture context")
    if ctx.replaying:
        return

    with session.no_autoflush:
        state = session.get(DeviceState, 1)
        if state is None:
            raise CaptureError("device_state is missing: the database was not initialised")
        ctx.clock.observe(state.hlc_last)
        now = utcnow()
        captured: list[OutboxEntry] = []
        # Parents before children, so a replay in outbox order satisfies foreign keys.
        ranks = _loaded_schema().ranks
        for obj in sorted(new, key=lambda o: ranks.get(o.__tablename__, len(ranks))):
            if obj.id is None:
                obj.id = new_id()
            if obj.school_id is None:
                obj.school_id = ctx.school_id
            obj.origin_device = ctx.device_id
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.hlc = ctx.clock.tick()
            _fill_defaults(obj)
            captured.append(
                OutboxEntry(
                    table_name=obj.__tablename__,
                    row_id=obj.id,
                    op="insert",
                    changes=_row_values(obj),
                    hlc=obj.hlc,
                    device_id=ctx.device_id,
                    actor_id=ctx.actor_id,
                    created_at=now,
                )
            )
        for obj in dirty:
            keys = _changed_keys(obj)
            if not keys:
                continue
            for fixed in ("id", "school_id", "created_at"):
                if fixed in keys:
                    raise CaptureError(f"{fixed} of a synced row cannot change")
            op = "update"
            if "deleted_at" in keys:
                hist = inspect(obj).attrs["deleted_at"].history
                before = hist.deleted[0] if hist.deleted else None
                if before is None and obj.deleted_at is not None:
                    op = "delete"
            obj.origin_device = ctx.device_id
            obj.updated_at = now
            obj.hlc = ctx.clock.tick()
            keys = sorted(set(keys) | {"updated_at", "origin_device"})
            freeze = FROZEN_BY.get(obj.__tablename__)
            if freeze in keys:
                hist = inspect(obj).attrs[freeze].history
                if (hist.deleted[0] if hist.deleted else None) is None and getattr(obj, freeze):
                    keys = None  # freezing: the whole record, so it reads the same on every PC
            captured.append(
                OutboxEntry(
                    table_name=obj.__tablename__,
                    row_id=obj.id,
                    op=op,
                    changes=_row_values(obj, keys),
                    hlc=obj.hlc,
                    device_id=ctx.device_id,
                    actor_id=ctx.actor_id,
                    created_at=now,
                )
            )
        if not captured:
            return
        session.add_all(captured)
        state.hlc_last = ctx.clock.last
        touched = session.info.setdefault("xiaoan.touched", [])
        for entry in captured:
            touched.append(
                {
                    "table": entry.table_name,
                    "id": str(entry.row_id),
                    "op": entry.op,
                    "digest": change_digest(
                        entry.table_name, entry.row_id, entry.op, entry.changes, entry.hlc
                    ),
                }
            )


def change_digest(table: str, row_id, op: str, changes: dict[str, Any], hlc: int) -> str:
    """SHA-256 (first 128 bits, hex) of one outbox change, as the audit entry names it.

    The audit entry of an action lists each change it captured with this
    digest, so the (keyed) audit chain vouches for the outbox rows, and the
    outbox for the records (``xiaoan check``, app/audit/records.py).
    """
    raw = json.dumps(
        [table, str(row_id), op, changes, int(hlc)],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def _refuse_bulk_writes(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and table.name in _loaded_schema().synced:
        kind = "UPDATE" if state.is_update else "DELETE" if state.is_delete else "INSERT"
        raise CaptureError(
            f"bulk {kind} on synced table {table.name!r} would bypass the outbox; "
            "load the rows and change them through the session"
        )


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "do_orm_execute", _refuse_bulk_writes)


def touched_rows(session: Session) -> list[dict[str, str]]:
    """The synced rows this session's flushes have captured so far (for the audit entry)."""
    return list(session.info.get("xiaoan.touched", []))


def clear_touched(session: Session) -> None:
    session.info.pop("xiaoan.touched", None)
