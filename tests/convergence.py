"""Did a school and its bureau converge? Per-table content hashes, compared row by row.

For every synced table (:func:`db.base.synced_tables`) each row of one school is
reduced to a hash of its synced columns — every column but the local-only
ones, as change capture sends them (:func:`db.capture.json_value`) — keyed by
the row's id. :func:`school_hashes` reads the school's own encrypted SQLite
file, :func:`bureau_hashes` the bureau's PostgreSQL rows of that school (the
bureau keeps every school's rows in the same tables, told apart by
``school_id``). :func:`compare` counts, per table, rows ``lost`` (on the PC,
not at the bureau), ``duplicated`` (at the bureau, not on the PC: a row that
arrived twice under another id, or one the PC never had) and ``different``
(the same id, other contents).
"""

from __future__ import annotations

import dataclasses
import decimal
import hashlib
import json
import uuid
from pathlib import Path

from sqlalchemy import Engine, select

from db.base import Base, is_local_only, synced_tables
from db.capture import json_value

Hashes = dict[str, dict[str, str]]  # table -> row id -> hash of its synced columns


@dataclasses.dataclass(frozen=True)
class TableDiff:
    lost: int = 0
    duplicated: int = 0
    different: int = 0

    def __bool__(self) -> bool:
        return bool(self.lost or self.duplicated or self.different)


def _plain(value):
    if isinstance(value, decimal.Decimal):
        value = value.normalize()
    return json_value(value)


def table_hashes(engine: Engine, school_id: uuid.UUID) -> Hashes:
    """Every synced row of ``school_id`` in the database behind ``engine``."""
    out: Hashes = {}
    with engine.connect() as conn:
        for name in sorted(synced_tables()):
            table = Base.metadata.tables[name]
            columns = [c for c in table.c if not is_local_only(c)]
            rows = conn.execute(select(*columns).where(table.c.school_id == school_id))
            hashes: dict[str, str] = {}
            for row in rows:
                values = {c.name: _plain(v) for c, v in zip(columns, row, strict=True)}
                text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
                key = str(row.id)
                # A second row with the same id (no primary key would allow it) counts too.
                while key in hashes:
                    key += "+"
                hashes[key] = hashlib.sha256(text.encode()).hexdigest()
            out[name] = hashes
    return out


def school_engine(data_dir: Path) -> Engine:
    """An engine on the school's encrypted database file in ``data_dir`` (its key applied)."""
    from app.data_key import load_key
    from app.paths import DB_FILENAME
    from db.session import make_engine

    return make_engine(f"sqlite:///{Path(data_dir) / DB_FILENAME}", key=load_key(Path(data_dir)))


def school_hashes(data_dir: Path, school_id: uuid.UUID) -> Hashes:
    engine = school_engine(data_dir)
    try:
        return table_hashes(engine, school_id)
    finally:
        engine.dispose()


def bureau_hashes(db_url: str, school_id: uuid.UUID) -> Hashes:
    from db.session import make_engine

    engine = make_engine(db_url)
    try:
        return table_hashes(engine, school_id)
    finally:
        engine.dispose()


def compare(school: Hashes, bureau: Hashes) -> dict[str, TableDiff]:
    """Per table: rows lost, duplicated and different, the school's copy against the bureau's."""
    out: dict[str, TableDiff] = {}
    for name in sorted(set(school) | set(bureau)):
        mine, theirs = school.get(name, {}), bureau.get(name, {})
        out[name] = TableDiff(
            lost=len(mine.keys() - theirs.keys()),
            duplicated=len(theirs.keys() - mine.keys()),
            different=sum(1 for k in mine.keys() & theirs.keys() if mine[k] != theirs[k]),
        )
    return out


def differences(school: Hashes, bureau: Hashes) -> dict[str, TableDiff]:
    """Only the tables that do not match (empty when the two converged)."""
    return {name: diff for name, diff in compare(school, bureau).items() if diff}


def row_counts(hashes: Hashes) -> int:
    return sum(len(rows) for rows in hashes.values())
