"""Checking a bundle's change lines against the schema before anything is written.

Whoever applies other devices' changes (the bureau's merge, and later a school
PC replaying its other PCs' changes through the same merge) runs every change
line through :func:`validate_change` first. A change that does not fit the
schema exactly raises :class:`MergeError` with a named ``reason``:

* ``bad_change`` — not a change line (not an object, missing or extra keys,
  unknown ``op``), ``hlc`` not an integer with 0 < hlc < 2**63, a row id,
  ``device`` or UUID value not in canonical form (``str(uuid.UUID(v)) == v``),
  a value of the wrong JSON type for its column (README.md, "Values"), a NOT
  NULL column set to null, an insert lacking a required column or whose
  ``id`` is not its ``row``;
* ``unknown_table`` — not a synced table;
* ``unknown_column`` — a column the table does not have at this schema, or a
  local-only column (those never travel). Columns of a *newer* schema are
  not merged silently without: the bundle's ``schema_revision`` is checked
  against the revisions this build knows before its changes are read, so
  for a known revision every column is known, and a column this schema
  lacks means the bureau must be upgraded first; the bundle is quarantined
  (settled) and released by an operator after the upgrade. Only the columns
  listed in :data:`RETIRED` — removed by a migration this build ran, and
  still sent by PCs packing bundles under an older schema — are dropped,
  by name;
* ``foreign_row`` — an insert naming another school (``school_id``), or an
  update that would move a row to another school.

Ownership of existing rows and foreign keys needs the database; it is checked
by the merge (:mod:`app.sync.merge`).
"""

from __future__ import annotations

import dataclasses
import typing
import uuid
from functools import cache
from typing import Any

from sqlalchemy import JSON, Column, Table

from app.sync.codec import canonical_uuid, decode_value
from db.base import Base, is_local_only, synced_tables

OPS = frozenset({"insert", "update", "delete"})
CHANGE_KEYS = frozenset({"table", "row", "op", "hlc", "device", "changes"})
REQUIRED_KEYS = frozenset({"table", "row", "op", "hlc", "changes"})
HLC_LIMIT = 2**63
# Set by the merge itself, never taken from a change.
COMPUTED = frozenset({"hlc"})
# Columns a migration removed from a synced table, which bundles packed by an
# older schema still carry: dropped by name (README.md, "Schema versions").
RETIRED: dict[str, frozenset[str]] = {
    "user_account": frozenset({"display_name", "post", "phone"}),  # 0013_people
    "staff_member": frozenset({"user_id"}),  # 0013_people
    "signature": frozenset({"png", "png_sha256"}),  # local-only since bundles of 2026-11-23
}


class MergeError(Exception):
    """A change that cannot be applied. ``reason`` names it (quarantine reason)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail[:300]
        super().__init__(f"{reason}: {self.detail}" if detail else reason)


@dataclasses.dataclass(frozen=True)
class Change:
    """A validated change line: canonical ids, decoded-clean JSON values of known columns."""

    table: str
    row: str  # canonical UUID string
    op: str
    hlc: int
    device: str  # canonical UUID string
    fields: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class TableSchema:
    table: Table
    columns: dict[str, Column]  # the columns that travel
    required: frozenset[str]  # NOT NULL without a default: an insert must carry them
    json_shapes: dict[str, type | None]  # list | dict | None (any JSON)


@cache
def _schemas() -> dict[str, TableSchema]:
    out: dict[str, TableSchema] = {}
    synced = synced_tables()
    shapes = _json_shapes()
    for name in synced:
        table = Base.metadata.tables[name]
        columns = {c.name: c for c in table.c if not is_local_only(c)}
        required = frozenset(
            c.name
            for c in columns.values()
            if not c.nullable
            and c.default is None
            and c.server_default is None
            and c.name not in COMPUTED
        )
        json_shapes = {
            c.name: shapes.get((name, c.name)) for c in columns.values() if isinstance(c.type, JSON)
        }
        out[name] = TableSchema(table, columns, required, json_shapes)
    return out


def _json_shapes() -> dict[tuple[str, str], type | None]:
    """``(table, column)`` -> list or dict as the model declares it (``Mapped[list[…]]``)."""
    shapes: dict[tuple[str, str], type | None] = {}
    for mapper in Base.registry.mappers:
        try:
            hints = typing.get_type_hints(mapper.class_)
        except Exception:  # noqa: BLE001 - an unresolvable hint only loses the shape check
            continue
        for key, hint in hints.items():
            inner = typing.get_args(hint)[0] if typing.get_args(hint) else None
            origin = typing.get_origin(inner)
            if origin in (list, dict):
                shapes[(mapper.local_table.name, key)] = origin
    return shapes


def table_schema(name: str) -> TableSchema:
    schema = _schemas().get(name) if isinstance(name, str) else None
    if schema is None:
        raise MergeError("unknown_table", f"{str(name)[:64]!r} is not a synced table")
    return schema


def check_hlc(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < HLC_LIMIT:
        raise MergeError("bad_change", f"hlc must be an integer 0 < hlc < 2**63, got {value!r:.40}")
    return value


def validate_change(change: Any, *, school: uuid.UUID, device: uuid.UUID) -> Change:
    """``change`` checked against the schema. ``school``: the sending device's school;
    ``device``: the sending device (a line's own ``device``, when given, is used instead)."""
    if not isinstance(change, dict):
        raise MergeError("bad_change", "a change line is not an object")
    keys = set(change)
    if not keys >= REQUIRED_KEYS or not keys <= CHANGE_KEYS:
        raise MergeError("bad_change", f"change keys {sorted(map(str, keys))[:8]}")
    schema = table_schema(change["table"])
    table = schema.table.name
    row = _uuid(change["row"], f"{table} row id")
    op = change["op"]
    if not isinstance(op, str) or op not in OPS:
        raise MergeError("bad_change", f"{table} {row}: op {str(op)[:20]!r}")
    hlc = check_hlc(change["hlc"])
    by = _uuid(change["device"], "device") if change.get("device") is not None else str(device)
    raw = change["changes"]
    if not isinstance(raw, dict):
        raise MergeError("bad_change", f"{table} {row}: changes is not an object")
    retired = RETIRED.get(table, frozenset())
    fields: dict[str, Any] = {}
    for name, value in raw.items():
        column = schema.columns.get(name) if isinstance(name, str) else None
        if column is None:
            if name in retired:
                continue
            raise MergeError("unknown_column", f"{table}.{str(name)[:64]}")
        try:
            decode_value(column, value)
        except (ValueError, TypeError, OverflowError) as e:
            raise MergeError("bad_change", f"{table}.{name} of {row}: {e}") from None
        if value is None and not column.nullable:
            raise MergeError("bad_change", f"{table}.{name} of {row} cannot be null")
        shape = schema.json_shapes.get(name)
        if value is not None and shape is not None and not isinstance(value, shape):
            raise MergeError("bad_change", f"{table}.{name} of {row}: expected a {shape.__name__}")
        fields[name] = value
    if "id" in fields and fields["id"] != row:
        raise MergeError("bad_change", f"{table} {row}: id {fields['id']} is not the row")
    if "school_id" in fields and fields["school_id"] != str(school):
        raise MergeError("foreign_row", f"{table} {row} names another school")
    if op == "insert":
        missing = (schema.required | {"id", "school_id"}) - set(fields)
        if missing:
            raise MergeError("bad_change", f"insert {table} {row} lacks {sorted(missing)[:5]}")
    return Change(table, row, op, hlc, by, fields)


def _uuid(value: Any, what: str) -> str:
    try:
        return str(canonical_uuid(value))
    except ValueError as e:
        raise MergeError("bad_change", f"{what}: {e}") from None
