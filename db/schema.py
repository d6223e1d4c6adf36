"""Schema revisions: a cheap check on start, Alembic only when a migration is due.

Importing Alembic costs start-up time, so the revision a database is at is
read with one plain query, compared with :data:`HEAD`, and Alembic is imported
only to create or upgrade. A test keeps :data:`REVISIONS` equal to the
migration scripts.
"""

from __future__ import annotations

import enum
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL

# Oldest first. Never edit a released revision; add a new one.
REVISIONS: tuple[str, ...] = (
    "0001_sync_core",
    "0002_accounts_audit",
    "0003_inspections_hazards",
    "0005_sync",
    "0004_grid_duty",
    "0006_drills",
    "0008_sync_blobs",
    "0010_monthly_report",
    "0009_incidents",
    "0014_handover_early_reason",
    "0012_hazard_grades",
    "0011_person_signing_keys",
    "0013_people",
    "0015_bundle_v2",
    "0017_keyed_audit",
    "0016_merge_ownership",
    "0018_audit_entry_recent",
    "0019_bundle_claimed_device",
    "0020_two_way_cursors",
    "0021_oversight",
)
HEAD = REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaState(enum.Enum):
    NEW = "new"  # no database yet (or an empty file)
    CURRENT = "current"
    OLDER = "older"  # upgrade due
    NEWER = "newer"  # written by a newer app: refuse to touch it
    FOREIGN = "foreign"  # some other SQLite file


def sqlite_revision(path: Path, key: bytes | None = None) -> str | None:
    """The revision stamped in a SQLite file, read without modifying it (read-only URI).

    ``key``: the file's SQLCipher key (None: a plain file). A wrong key or a
    file that is not a database raises :data:`db.cipher.DatabaseError`.
    """
    from db import cipher

    uri = f"file:{Path(path).resolve()}?mode=ro"
    conn = cipher.connect(uri, key, uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return "" if tables else None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def classify(revision: str | None) -> SchemaState:
    if revision is None:
        return SchemaState.NEW
    if revision == "":
        return SchemaState.FOREIGN
    if revision == HEAD:
        return SchemaState.CURRENT
    if revision in REVISIONS:
        return SchemaState.OLDER
    return SchemaState.NEWER


def sqlite_state(path: Path, key: bytes | None = None) -> tuple[SchemaState, str | None]:
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState.NEW, None
    rev = sqlite_revision(path, key)
    return classify(rev), rev


def alembic_config(url: URL | str | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", str(url).replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations on ``engine`` up to ``revision`` (creates a new database too)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
