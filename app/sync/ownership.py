"""Which school a synced row belongs to, and refusing changes that reach another school's rows.

A row's school is fixed by its first insert: the row's own ``school_id``
(never changed afterwards: the merge leaves it out of every update) and its
``bureau_field_clock`` entry both record it. Ids are compared as canonical
UUIDs only (:mod:`app.sync.validation` refused every other spelling before).

:func:`check_ownership` refuses, as ``foreign_row``, a bundle that

* inserts, updates or deletes a row another school owns;
* sets a foreign key (every ``ForeignKey`` of the synced tables, from the
  SQLAlchemy metadata) to a row another school owns — the target must be
  a row of the sending school, already at the bureau or inserted by the same
  bundle. No synced table refers to a bureau-owned or shared row, so there
  is no exception to this rule;
* sets one of the references the schema keeps without a constraint
  (:data:`SOFT_REFERENCES`: an actor, a patrol's hazard, a photo's or a
  signature's owning record; :data:`LIST_REFERENCES`: an inspection's
  inspectors) to a row another school owns.

A reference to a row the bureau does not know yet is left to the database:
a foreign key constraint refuses it when the row is written
(``apply_failed``), a soft reference may name a row still on its way (its
insert in a later or quarantined bundle of the same school). A stranger's
future row id cannot be guessed (random UUIDv7s; the derived ids include the
school's own id), so such a reference cannot come to point into another school.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, select

from app.sync.validation import Change, MergeError
from db.base import Base, synced_tables
from db.models import BureauFieldClock

FC = BureauFieldClock.__table__
# Uuid columns naming another synced row without a ForeignKey: column -> table
# it names, or for a record named by (table, id) columns: id column -> table column.
SOFT_REFERENCES: dict[str, dict[str, str]] = {
    "audit_entry": {"actor_id": "user_account"},
    "hazard_event": {"actor_id": "user_account"},
    "handover_patrol": {"hazard_id": "hazard"},
}
# JSON lists of ids of another synced table: table -> column -> table named.
LIST_REFERENCES: dict[str, dict[str, str]] = {
    "inspection": {"inspector_ids": "user_account"},
}
NAMED_REFERENCES: dict[str, tuple[str, str]] = {
    "photo_link": ("owner_id", "owner_table"),
    "signature": ("record_id", "record_table"),
}
ANY_TABLE = ""


def _canonical(value: str) -> bool:
    import uuid

    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def chunks(ids: list, size: int = 1000) -> Iterator[list]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@cache
def foreign_keys(table_name: str) -> dict[str, str]:
    """Column -> referenced table, for every ForeignKey of ``table_name`` (metadata)."""
    table = Base.metadata.tables[table_name]
    out = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    out.update(SOFT_REFERENCES.get(table_name, {}))
    return out


def owners(conn: Connection, table_name: str, ids: Iterable[str]) -> dict[str, set[str]]:
    """Row id -> the schools recorded for it: the row's own ``school_id`` and its field
    clock's (one query; the clock's was never rewritten, even by bureaus before these
    checks). ``table_name`` ANY_TABLE: field clocks of every table (a row named
    without its table)."""
    import uuid

    wanted = sorted({uuid.UUID(i) for i in ids})
    found: dict[str, set[str]] = defaultdict(set)
    for part in chunks(wanted):
        if table_name == ANY_TABLE:
            query = select(FC.c.row_id, FC.c.school_id).where(FC.c.row_id.in_(part))
            for r in conn.execute(query):
                found[str(r.row_id)].add(str(r.school_id))
            continue
        table = Base.metadata.tables[table_name]
        clock = and_(FC.c.table_name == table_name, FC.c.row_id == table.c.id)
        query = (
            select(table.c.id, table.c.school_id, FC.c.school_id.label("clock_school"))
            .select_from(table.outerjoin(FC, clock))
            .where(table.c.id.in_(part))
        )
        for r in conn.execute(query):
            found[str(r.id)].add(str(r.school_id))
            if r.clock_school is not None:
                found[str(r.id)].add(str(r.clock_school))
    return found


def check_ownership(
    conn: Connection,
    changes: list[Change],
    merged: dict[tuple[str, str], dict[str, Any]],
    inserted: set[tuple[str, str]],
    school: str,
) -> None:
    """Raise MergeError("foreign_row") if any change touches or names another school's row."""
    synced = synced_tables()
    touched: dict[str, set[str]] = defaultdict(set)
    for table, row in merged:
        touched[table].add(row)
    # (table or ANY_TABLE) -> id -> where it was named, for the message
    named: dict[str, dict[str, str]] = defaultdict(dict)
    for change in changes:
        fks = foreign_keys(change.table)
        for column, value in change.fields.items():
            target = fks.get(column)
            if target is not None and value is not None:
                named[target][value] = f"{change.table}.{column} of {change.row}"
        for column, target in LIST_REFERENCES.get(change.table, {}).items():
            for value in change.fields.get(column) or ():
                if not isinstance(value, str) or not _canonical(value):
                    raise MergeError("bad_change", f"{change.table}.{column}: {str(value)[:40]!r}")
                named[target][value] = f"{change.table}.{column} of {change.row}"
        pair = NAMED_REFERENCES.get(change.table)
        if pair is not None and change.fields.get(pair[0]) is not None:
            id_column, table_column = pair
            target = change.fields.get(table_column, ANY_TABLE)
            if target == ANY_TABLE or target in synced:
                named[target][change.fields[id_column]] = (
                    f"{change.table}.{id_column} of {change.row}"
                )
    for table in sorted(touched.keys() | named.keys()):
        rows = touched.get(table, set())
        refs = named.get(table, {})
        # A row this bundle inserts is checked as touched: not another school's.
        found = owners(conn, table, rows | {r for r in refs if (table, r) not in inserted})
        for row, schools in found.items():
            if row in rows and schools - {school}:
                raise MergeError("foreign_row", f"{table} {row} belongs to another school")
            if row not in refs:
                continue
            # Named without its table (an update of the id alone): any row of this
            # school with that id will do, so another school cannot block it.
            foreign = school not in schools if table == ANY_TABLE else bool(schools - {school})
            if foreign:
                raise MergeError("foreign_row", f"{refs[row]} names a row of another school")
