"""``xiaoan check``: is the database file sound and the audit trail untouched?

Reads only: the file is opened read-only, nothing is migrated or written.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy.orm import Session

from app.audit.records import RecordProblem, check_records
from app.audit.trail import ChainProblem, verify_chain
from app.paths import DB_FILENAME
from db import cipher, schema
from db.session import make_engine


@dataclasses.dataclass
class CheckReport:
    db_path: Path
    integrity: list[str]  # empty when PRAGMA integrity_check says ok
    chain: list[ChainProblem]
    audit_entries: int
    records: list[RecordProblem] = dataclasses.field(default_factory=list)
    records_compared: int = 0

    @property
    def sound(self) -> bool:
        """Intact file, trail and records (a replaced audit key is only a note)."""
        return not self.integrity and not any(not p.notice for p in self.chain) and not self.records

    @property
    def sound_elsewhere(self) -> bool:
        """As :attr:`sound`, for a backup opened on another computer: the audit key stayed
        with the computer that wrote the entries, so a missing key is expected there (those
        entries are still checked by their SHA-256 chain; the first action on the new
        computer starts a new key at a recorded anchor)."""
        return not self.integrity and not any(p.tampered for p in self.chain) and not self.records


def check_data_dir(data_dir: Path, key: bytes | None = None) -> CheckReport:
    """Raises FileNotFoundError when there is no database, ValueError when it is not ours.

    ``key``: the database's key; by default the data folder's own
    (:func:`app.data_key.require_key`: a UserError when it is not on this PC).
    A plain file (a release before encryption, not opened since) is read as is.
    """
    db_path = Path(data_dir) / DB_FILENAME
    if not db_path.exists():
        raise FileNotFoundError(db_path)
    if key is None and cipher.may_be_encrypted(db_path):
        from app.data_key import require_key

        key = require_key(data_dir, db_path)
    try:
        state, _rev = schema.sqlite_state(db_path, key)
    except cipher.DatabaseError as e:
        return CheckReport(db_path, [str(e)], [], 0)
    if state in (schema.SchemaState.FOREIGN, schema.SchemaState.NEW):
        raise ValueError(db_path)
    conn = cipher.connect(f"file:{db_path.resolve()}?mode=ro", key, uri=True)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    except cipher.DatabaseError as e:
        # Too damaged to even finish the check: that is the answer.
        return CheckReport(db_path, [str(e)], [], 0)
    finally:
        conn.close()
    integrity = [] if rows == ["ok"] else rows
    integrity += [f"foreign key: {r}" for r in fk]
    if integrity:
        return CheckReport(db_path, integrity, [], 0)
    engine = make_engine(f"sqlite:///file:{db_path.resolve()}?mode=ro&uri=true", key=key)
    try:
        with Session(engine) as s:
            from sqlalchemy import func, select

            from db.models import AuditEntry

            chain = verify_chain(s)
            count = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
            records, compared = check_records(s)
    finally:
        engine.dispose()
    return CheckReport(db_path, integrity, chain, count, records, compared)
