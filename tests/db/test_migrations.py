"""Migrations create and upgrade the schema; the models and the migrations agree."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from app.errors import UserError
from app.paths import DB_FILENAME
from app.workspace import Workspace
from db import schema
from db.base import Base
from db.session import make_engine, sqlite_url
from tests.helpers import open_db


def test_known_revisions_match_the_migration_scripts():
    script = ScriptDirectory.from_config(schema.alembic_config())
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == schema.REVISIONS
    assert script.get_current_head() == schema.HEAD


def test_alembic_check_reports_no_drift(tmp_path):
    url = sqlite_url(tmp_path / "check.sqlite3")
    cfg = schema.alembic_config(url)
    command.upgrade(cfg, "head")
    command.check(cfg)  # raises if the models and the migrations disagree


def test_a_new_database_is_created_by_the_migrations(empty_workspace):
    from db.models import load_all

    load_all()
    engine = make_engine(sqlite_url(empty_workspace.db_path), key=empty_workspace.key)
    try:
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert schema.current(engine) == schema.HEAD
    finally:
        engine.dispose()


@pytest.mark.parametrize("old", schema.REVISIONS[:-1])
def test_an_older_database_is_copied_aside_then_upgraded(tmp_path, old):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db_path = data_dir / DB_FILENAME
    engine = make_engine(sqlite_url(db_path), foreign_keys=False)
    schema.upgrade(engine, old)
    engine.dispose()

    ws = Workspace.open(data_dir)
    try:
        assert schema.sqlite_revision(db_path, ws.key) == schema.HEAD
        copies = list((data_dir / "backups").glob(f"before-upgrade-{old}-*.sqlite3"))
        assert len(copies) == 1
        assert schema.sqlite_revision(copies[0], ws.key) == old
    finally:
        ws.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(empty_workspace):
    db_path = empty_workspace.db_path
    empty_workspace.close()
    conn = open_db(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db_path)

    with pytest.raises(UserError) as err:
        Workspace.open(db_path.parent)
    message = err.value.localized()
    assert "9999_from_the_future" in message
    assert re.search(r"[\u4e00-\u9fff]{4}", message), "the default language is Chinese"
    assert _digest(db_path) == before


def test_a_file_that_is_not_ours_is_refused(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / DB_FILENAME).write_bytes(b"this is a spreadsheet, not a database" * 50)
    with pytest.raises(UserError, match="not a xiaoan database"):
        Workspace.open(data_dir)


def test_an_unwritable_data_dir_gets_a_clear_message(tmp_path):
    target = tmp_path / "file-not-folder"
    target.write_text("x")
    with pytest.raises(UserError) as err:
        Workspace.open(target / "data")
    assert "cannot be written" in str(err.value)


def test_hazards_graded_serious_become_general_and_majors_stay_major(workspace, principal):
    """0012: the bureau's two grades. "serious" was the checklist item's weight, not a grade."""
    from app.hazards.ledger import hazard_detail
    from app.hazards.service import HazardReport, report_hazard

    ids = {
        grade: report_hazard(
            workspace, principal, HazardReport(f"{grade} 隐患", "fire", severity=grade)
        )
        for grade in ("general", "major")
    }
    data_dir, db_path, key = workspace.data_dir, workspace.db_path, workspace.key
    workspace.close()
    engine = make_engine(sqlite_url(db_path), key=key, foreign_keys=False)
    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0009_incidents")
    engine.dispose()
    conn = open_db(db_path)
    conn.execute("UPDATE hazard SET severity = 'serious' WHERE major = 0")
    conn.commit()
    conn.close()

    ws = Workspace.open(data_dir)
    try:
        general = hazard_detail(ws, principal, ids["general"]).row
        major = hazard_detail(ws, principal, ids["major"]).row
        assert (general.severity, general.major) == ("general", False)
        assert (major.severity, major.major) == ("major", True)
    finally:
        ws.close()
