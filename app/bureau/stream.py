"""A school's change stream: what a return bundle carries down to one of its devices.

Every row the bureau writes for a school gets the next position in that
school's stream (``bureau_field_clock.pos``, handed out by :func:`positions`
from ``bureau_school.change_pos`` while the writing transaction holds the
school's row, so positions become visible in order and no reader ever sees
a later one before an earlier one). A row written again moves to a new
position, so the stream holds each row once, at its newest write.

:func:`changes_for` reads a device's slice: the rows past its cursor, and of
each only the fields other devices wrote last (their clocks say who). A row
the device cannot hold yet (none of its fields is the device's own) comes as
an ``insert`` carrying every column at its oldest clock, followed by an
``update`` per newer clock; a row it holds comes as the ``update`` lines of
the other devices' fields. Every line keeps its original HLC and device, so
the PC's merge (:mod:`app.sync.merge`) reaches the same field winners as the
bureau. A photo row that travels as an insert brings the school's sync copy
of its picture, if the bureau has it.

Slices are bounded: at most ``budget`` bytes of change lines and photos
(uncompressed), always at least one row; ``more`` says whether rows are left.
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, update

from app.bureau.blobs import BLOB
from app.sync.bundle import canonical_json
from app.sync.merge import parse_clocks
from db.base import Base, is_local_only
from db.capture import json_value
from db.models import BureauFieldClock, BureauSchool

FC = BureauFieldClock.__table__
BS = BureauSchool.__table__
PAGE = 500
# Columns a change line never needs to carry: the row's clock summary is
# recomputed by the merge from the lines' own clocks.
NOT_SENT = {"hlc"}


def positions(school_id: uuid.UUID):
    """The merge's ``positions`` hook for one school's bundle (bureau only)."""

    def take(conn: Connection, n: int) -> int:
        last = conn.execute(
            update(BS)
            .where(BS.c.school_id == school_id)
            .values(change_pos=BS.c.change_pos + n)
            .returning(BS.c.change_pos)
        ).scalar()
        if last is None:
            raise RuntimeError(f"school {school_id} is not bound at this bureau")
        return last - n + 1

    return take


def stream_end(conn: Connection, school_id: uuid.UUID) -> int:
    return conn.execute(select(BS.c.change_pos).where(BS.c.school_id == school_id)).scalar() or 0


@dataclasses.dataclass
class Slice:
    lines: list[dict[str, Any]]
    # sha256 of the sync copy -> (sha256 of the original, file)
    blobs: dict[str, tuple[str, Path]]
    start: int  # the cursor it starts after
    through: int  # every position up to this one is in it (or not the device's to get)
    more: bool
    size: int
    end: int = 0  # the stream's last position when read

    @property
    def rows(self) -> int:
        return len({(line["table"], line["row"]) for line in self.lines})


def changes_for(
    conn: Connection, *, school_id: uuid.UUID, device_id: uuid.UUID, after: int, budget: int
) -> Slice:
    """The rows of ``school_id`` past position ``after`` that ``device_id`` lacks."""
    device = str(device_id)
    out = Slice([], {}, after, after, False, 0)
    end = stream_end(conn, school_id)
    out.end = end
    cursor = after
    while cursor < end:
        page = conn.execute(
            select(FC.c.table_name, FC.c.row_id, FC.c.clocks, FC.c.pos)
            .where(FC.c.school_id == school_id, FC.c.pos > cursor, FC.c.pos <= end)
            .order_by(FC.c.pos)
            .limit(PAGE)
        ).all()
        if not page:
            break
        values = _row_values(conn, page)
        for entry in page:
            cursor = entry.pos
            clocks = parse_clocks(entry.clocks)
            theirs = {f: c for f, c in clocks.items() if c[1] != device}
            row = values.get((entry.table_name, str(entry.row_id)))
            if not theirs or row is None:
                out.through = cursor
                continue
            lines = _lines(entry.table_name, str(entry.row_id), row, clocks, theirs, device)
            blobs = _photo_blob(conn, school_id, entry.table_name, row, lines)
            size = sum(len(canonical_json(x)) + 1 for x in lines)
            size += sum(p.stat().st_size for _o, p in blobs.values())
            if out.lines and out.size + size > budget:
                out.more = True
                return out
            out.lines.extend(lines)
            out.blobs.update(blobs)
            out.size += size
            out.through = cursor
    return out


def _row_values(conn: Connection, page) -> dict[tuple[str, str], dict[str, Any]]:
    by_table: dict[str, list[uuid.UUID]] = {}
    for entry in page:
        by_table.setdefault(entry.table_name, []).append(entry.row_id)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for name, ids in by_table.items():
        table = Base.metadata.tables.get(name)
        if table is None:
            continue
        cols = [c for c in table.columns if not is_local_only(c) and c.name not in NOT_SENT]
        for r in conn.execute(select(*cols).where(table.c.id.in_(ids))):
            m = r._mapping
            out[(name, str(m["id"]))] = {c.name: json_value(m[c.name]) for c in cols}
    return out


def _lines(
    table: str,
    row: str,
    values: dict[str, Any],
    clocks: dict[str, tuple[int, str]],
    theirs: dict[str, tuple[int, str]],
    device: str,
) -> list[dict[str, Any]]:
    groups: dict[tuple[int, str], list[str]] = {}
    for field, clock in theirs.items():
        if field in values:
            groups.setdefault(clock, []).append(field)
    lines = []
    holds = len(theirs) < len(clocks)  # some field is the device's own: it has the row
    order = sorted(groups)
    if not holds:
        first = order[0]
        lines.append(_line(table, row, "insert", first, dict(values)))
        order = order[1:]
    for clock in order:
        fields = {f: values[f] for f in groups[clock]}
        lines.append(_line(table, row, "update", clock, fields))
    return lines


def _line(table: str, row: str, op: str, clock: tuple[int, str], fields: dict) -> dict[str, Any]:
    return {
        "table": table,
        "row": row,
        "op": op,
        "hlc": clock[0],
        "device": clock[1],
        "changes": fields,
    }


def _photo_blob(
    conn: Connection, school_id: uuid.UUID, table: str, row: dict, lines: list[dict]
) -> dict[str, tuple[str, Path]]:
    if table != "photo" or not lines or lines[0]["op"] != "insert":
        return {}
    original = row.get("sha256")
    found = conn.execute(
        select(BLOB.c.sha256, BLOB.c.path).where(
            BLOB.c.school_id == school_id, BLOB.c.photo_sha256 == original
        )
    ).first()
    if found is None or not Path(found.path).is_file():
        return {}
    return {found.sha256: (original, Path(found.path))}
