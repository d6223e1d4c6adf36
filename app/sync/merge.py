"""Applying other devices' changes: per-field last-writer-wins, the same code on both sides.

The bureau applies every bundle a PC sends with it (into PostgreSQL), and every
PC applies the changes a return bundle brings from the school's other PCs with
it (into its SQLite file), so both sides reach the same rows by the same rules.
Two hooks differ: the PC adds the clocks of its own writes, which sit in its
outbox rather than in ``bureau_field_clock`` (``local_clocks``), and the bureau
numbers every row it writes in the school's change stream (``positions``), the
cursor return bundles are built from (:mod:`app.bureau.stream`).

Contract: :func:`apply_changes` runs inside the caller's transaction on a
SQLAlchemy Connection, writes with Core statements (``INSERT … ON CONFLICT``
for new rows, ``UPDATE`` of the winning fields for known rows) and never
commits. For every field the value with the highest ``(hlc, device)`` wins —
device ids compare as their canonical lowercase strings — and the winner's
clock is recorded in ``bureau_field_clock``. Applying the same changes twice
changes nothing the second time.

Nothing is written before every change line passed
:func:`app.sync.validation.validate_change` (schema, types, canonical UUIDs)
and :func:`app.sync.ownership.check_ownership` (every row touched and every
row referenced belongs to the sending school). Any failure raises
:class:`MergeError` with a ``reason`` (``bad_change``, ``unknown_table``,
``unknown_column``, ``foreign_row``, ``apply_failed``), so the caller
quarantines the whole bundle. Inserts never move a row between schools even
under a race: the ``ON CONFLICT`` update only touches a row of the same
school, and an id missing from the insert's ``RETURNING`` fails the bundle.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.exc import InterfaceError, OperationalError

from app.sync.codec import decode_value
from app.sync.ownership import check_ownership
from app.sync.validation import MergeError, validate_change
from db.base import FROZEN_BY, Base
from db.models import BureauFieldClock

__all__ = ["MergeError", "apply_changes", "pack_clocks", "parse_clocks"]

# Never clocked: fixed at insert, or derived from the clocks themselves.
UNCLOCKED = {"id", "school_id", "created_at", "hlc"}
# Never changed once inserted, not even by a repeated insert.
FIXED = ("id", "school_id", "created_at")
Clock = tuple[int, str]
# Rows frozen once a column is set (db.base.FROZEN_BY: a finalized report,
# inspection or drill, a locked handover): a change that does not carry the
# freeze is dropped, and the freezing change wins every field it carries
# whatever the clocks say, so a draft edited later on another PC never
# overwrites or half-mixes into the signed record.
# (conn, table, row ids) -> row id -> field -> clock: a PC's own writes.
LocalClocks = Callable[[Connection, str, list[uuid.UUID]], dict[str, dict[str, Clock]]]
# (conn, how many) -> the first of that many consecutive stream positions.
Positions = Callable[[Connection, int], int]


def parse_clocks(raw: dict[str, list[str]]) -> dict[str, Clock]:
    out: dict[str, Clock] = {}
    for key, fields in raw.items():
        hlc, device = key.split(":", 1)
        for field in fields:
            out[field] = (int(hlc), device)
    return out


def pack_clocks(clocks: dict[str, Clock]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for field, (hlc, device) in clocks.items():
        grouped[f"{hlc}:{device}"].append(field)
    return {k: sorted(v) for k, v in sorted(grouped.items())}


def _insert(conn: Connection, table: Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _ranks() -> dict[str, int]:
    return {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


def apply_changes(
    conn: Connection,
    changes: list[Any],
    *,
    school_id: uuid.UUID,
    device_id: uuid.UUID,
    notes: list[str] | None = None,
    local_clocks: LocalClocks | None = None,
    positions: Positions | None = None,
) -> int:
    """Merge ``changes`` (bundle change lines) into the database. Returns rows written.

    Raises :class:`MergeError` (with ``reason``) for anything wrong with the changes;
    only a lost database connection escapes as itself (not the bundle's fault).
    What was left out on purpose is said in ``notes`` (a copied folder's forked
    audit entries: :func:`_forked_audit_entries`).
    """
    try:
        return _apply(
            conn,
            changes,
            school_id=school_id,
            device_id=device_id,
            notes=notes if notes is not None else [],
            local_clocks=local_clocks,
            positions=positions,
        )
    except (MergeError, OperationalError, InterfaceError):
        raise
    except Exception as e:  # noqa: BLE001 - the database refusing a value, or a bug: named
        raise MergeError("apply_failed", f"{type(e).__name__}: {e}") from e


def _forked_audit_entries(
    conn: Connection, table: Table, fresh: dict[str, dict[str, tuple[Any, Clock]]], school: str
) -> set[str]:
    """New audit entries that cannot be kept under their ``(origin_device, seq)``.

    An entry naming a device of another school is refused (``foreign_row``):
    it would take that device's place in its chain. An entry whose
    ``(origin_device, seq)`` this school's chain already holds under another id
    was written by a copy of a data folder that went on under the original's
    identity before it was re-enrolled as a new computer: the first chain
    received stands, and the copy's entries stay on that PC only (returned, to
    be left out and said in the bundle's detail) rather than failing every
    record of the bundle.
    """
    from db.models import BureauDevice

    bd = BureauDevice.__table__
    claims = {
        rid: (str(slot["origin_device"][0]), slot["seq"][0])
        for rid, slot in fresh.items()
        if "origin_device" in slot and "seq" in slot
    }
    if not claims:
        return set()
    devices = {uuid.UUID(d) for d, _s in claims.values()}
    for r in conn.execute(
        select(bd.c.device_id, bd.c.school_id).where(bd.c.device_id.in_(devices))
    ):
        if r.school_id is not None and str(r.school_id) != school:
            raise MergeError(
                "foreign_row", f"audit_entry of {r.device_id}, another school's device"
            )
    taken: dict[tuple[str, int], tuple[str, str]] = {}
    for device in devices:
        seqs = [s for d, s in claims.values() if d == str(device)]
        for r in conn.execute(
            select(table.c.id, table.c.school_id, table.c.origin_device, table.c.seq).where(
                table.c.origin_device == device, table.c.seq.in_(seqs)
            )
        ):
            taken[(str(r.origin_device), r.seq)] = (str(r.id), str(r.school_id))
    forked = set()
    for rid, claim in claims.items():
        if claim in taken and taken[claim][0] != rid:
            if taken[claim][1] != school:
                raise MergeError("foreign_row", f"audit_entry {claim} is another school's")
            forked.add(rid)
    return forked


def _apply(
    conn: Connection,
    raw: list[Any],
    *,
    school_id: uuid.UUID,
    device_id: uuid.UUID,
    notes: list[str],
    local_clocks: LocalClocks | None = None,
    positions: Positions | None = None,
) -> int:
    if not isinstance(raw, list):
        raise MergeError("bad_change", "changes are not a list")
    changes = [validate_change(c, school=school_id, device=device_id) for c in raw]
    school = str(school_id)
    # (table, row) -> field -> (json value, clock); the newest value per field within the bundle.
    merged: dict[tuple[str, str], dict[str, tuple[Any, Clock]]] = defaultdict(dict)
    inserted: set[tuple[str, str]] = set()
    for change in changes:
        clock = (change.hlc, change.device)
        if change.op == "insert":
            inserted.add((change.table, change.row))
        slot = merged[(change.table, change.row)]
        for field, value in change.fields.items():
            if field not in slot or clock >= slot[field][1]:
                slot[field] = (value, clock)
    check_ownership(conn, changes, merged, inserted, school)

    by_table: dict[str, list[str]] = defaultdict(list)
    for table, row in merged:
        by_table[table].append(row)
    ranks = _ranks()
    clock_rows: list[dict[str, Any]] = []
    written = 0
    fc = BureauFieldClock.__table__
    for table_name in sorted(by_table, key=lambda t: ranks.get(t, 0)):
        table = Base.metadata.tables[table_name]
        rows = by_table[table_name]
        ids = [uuid.UUID(r) for r in rows]
        existing: dict[str, tuple[str, dict[str, Clock]]] = {}
        for start in range(0, len(ids), 1000):
            for r in conn.execute(
                select(fc.c.row_id, fc.c.school_id, fc.c.clocks).where(
                    fc.c.table_name == table_name, fc.c.row_id.in_(ids[start : start + 1000])
                )
            ):
                existing[str(r.row_id)] = (str(r.school_id), parse_clocks(r.clocks))
        if local_clocks is not None:
            for row, own in local_clocks(conn, table_name, ids).items():
                known = existing.setdefault(row, (school, {}))[1]
                for f, c in own.items():
                    # Only what the bureau clocks too (and created_at's insert), so the
                    # row's hlc (the highest clock) is the same on both sides.
                    if (f not in UNCLOCKED or f == "created_at") and c > known.get(f, (-1, "")):
                        known[f] = c
        frozen_col = FROZEN_BY.get(table_name)
        frozen: set[str] = set()
        if frozen_col is not None:
            for start in range(0, len(ids), 1000):
                frozen |= {
                    str(r.id)
                    for r in conn.execute(
                        select(table.c.id).where(
                            table.c.id.in_(ids[start : start + 1000]),
                            table.c[frozen_col].is_not(None),
                        )
                    )
                }
        born = _births(
            conn,
            table,
            [r for r in rows if r in existing and "created_at" in merged[(table_name, r)]],
        )
        new_rows: list[dict[str, Any]] = []
        updates: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
        forked: set[str] = set()
        if table_name == "audit_entry":
            fresh = {
                r: merged[(table_name, r)]
                for r in rows
                if r not in existing and (table_name, r) in inserted
            }
            forked = _forked_audit_entries(conn, table, fresh, school)
            if forked:
                notes.append(
                    f"{len(forked)} audit entries of a copied folder's old identity kept "
                    "on that PC only (the first chain received stands)"
                )
        for row in rows:
            if row in forked:
                continue
            slot = merged[(table_name, row)]
            if row in existing:
                owner, clocks = existing[row]
                if owner != school:
                    raise MergeError("foreign_row", f"{table_name} {row} belongs to another school")
                freezing = frozen_col is not None and slot.get(frozen_col, (None,))[0] is not None
                earlier = _earlier_birth(table, slot, born.get(row))
                if row in frozen and not freezing:
                    # A draft's edit of a finalized row: the finalized row stands.
                    winners = {}
                else:
                    winners = {
                        f: v
                        for f, v in slot.items()
                        if f not in UNCLOCKED
                        and (
                            v[1] > clocks.get(f, (-1, ""))
                            or (freezing and row not in frozen)  # finalizing a draft: all wins
                        )
                    }
                if not winners and earlier is None:
                    continue
                for f, (_v, clock) in winners.items():
                    clocks[f] = clock
                # Bind names must differ from column names in an UPDATE … SET.
                values = {f"v_{f}": _decode(table, f, v) for f, (v, _c) in winners.items()}
                if earlier is not None:
                    values["v_created_at"] = earlier
                    clocks["created_at"] = slot["created_at"][1]
                if clocks:
                    values["v_hlc"] = max(c[0] for c in clocks.values())
                values["_row_id"] = uuid.UUID(row)
                updates[frozenset(values)].append(values)
            elif (table_name, row) in inserted:
                clocks = {f: c for f, (_v, c) in slot.items() if f not in UNCLOCKED}
                if "created_at" in slot:
                    # Which insert's created_at stands (the earliest, see _earlier_birth).
                    clocks["created_at"] = slot["created_at"][1]
                values = {f: _decode(table, f, v) for f, (v, _c) in slot.items()}
                values["hlc"] = max(c[0] for _v, c in slot.values())
                new_rows.append(values)
            else:
                # An update whose insert never arrived (it sits in a quarantined
                # bundle): nothing to merge it into; it is dropped and counted.
                continue
            clock_rows.append(
                {
                    "table_name": table_name,
                    "row_id": uuid.UUID(row),
                    "school_id": school_id,
                    "clocks": pack_clocks(clocks),
                }
            )
            written += 1
        if new_rows:
            for cols, group in _group_by_columns(new_rows).items():
                stmt = _insert(conn, table)
                stmt = stmt.on_conflict_do_update(
                    index_elements=[table.c.id],
                    set_={c: stmt.excluded[c] for c in cols if c not in FIXED},
                    where=table.c.school_id == stmt.excluded.school_id,
                ).returning(table.c.id)
                # A row another school's bundle inserted meanwhile (same id, committed
                # first) is neither inserted nor updated here: it comes back missing.
                kept = conn.execute(stmt, group).scalars().all()
                if len(kept) != len(group):
                    lost = {r["id"] for r in group} - set(kept)
                    raise MergeError("foreign_row", f"{table_name} {min(lost)} is another school's")
        for cols, group in updates.items():
            stmt = (
                update(table)
                .where(table.c.id == bindparam("_row_id"))
                .values({c[2:]: bindparam(c) for c in cols if c != "_row_id"})
            )
            conn.execute(stmt, group)
    if clock_rows:
        if positions is not None:
            first = positions(conn, len(clock_rows))
            for i, r in enumerate(clock_rows):
                r["pos"] = first + i
        stmt = _insert(conn, fc)
        stmt = stmt.on_conflict_do_update(
            index_elements=[fc.c.table_name, fc.c.row_id],
            set_={"clocks": stmt.excluded.clocks, "pos": stmt.excluded.pos},
            where=fc.c.school_id == stmt.excluded.school_id,
        )
        conn.execute(stmt, clock_rows)
    return written


def _births(conn: Connection, table: Table, rows: list[str]) -> dict[str, Any]:
    """``created_at`` as stored, of rows a change inserts again (made on two PCs at once)."""
    out: dict[str, Any] = {}
    ids = [uuid.UUID(r) for r in rows]
    for start in range(0, len(ids), 1000):
        for r in conn.execute(
            select(table.c.id, table.c.created_at).where(table.c.id.in_(ids[start : start + 1000]))
        ):
            out[str(r.id)] = r.created_at
    return out


def _earlier_birth(table: Table, slot: dict[str, tuple[Any, Clock]], stored: Any) -> Any:
    """The incoming ``created_at`` when it is earlier than the stored one, else None.

    A row with a derived id (a month's report, a person) may be inserted on two PCs
    independently; the earliest ``created_at`` stands everywhere, whichever insert
    arrives first, so every copy ends the same. Its clock in ``bureau_field_clock``
    names the insert it came from (so a return carries it to the other PCs), but
    a later clock never replaces it."""
    if stored is None or "created_at" not in slot:
        return None
    incoming = _decode(table, "created_at", slot["created_at"][0])
    return incoming if incoming is not None and incoming < stored else None


def _group_by_columns(rows: list[dict[str, Any]]) -> dict[frozenset[str], list[dict[str, Any]]]:
    groups: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[frozenset(r)].append(r)
    return groups


def _decode(table: Table, field: str, value: Any) -> Any:
    try:
        return decode_value(table.c[field], value)
    except (KeyError, ValueError, TypeError) as e:
        raise MergeError("bad_change", f"{table.name}.{field}: {e}") from None
