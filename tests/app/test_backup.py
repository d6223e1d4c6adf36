"""Backups: consistent copies that open, the newest 14 kept, daily when due."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.backup import service as backup
from app.errors import PermissionDenied
from db.base import utcnow
from tests.helpers import make_user, open_db


def test_backup_now_writes_a_copy_that_opens_with_the_same_data(workspace, principal):
    path = backup.backup_now(workspace, principal)
    conn = open_db(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in conn.execute("SELECT name FROM school")]
    finally:
        conn.close()
    assert names == ["东风乡中心学校"]
    assert backup.list_backups(workspace)[0].path == path


def test_only_the_newest_fourteen_are_kept(workspace, principal):
    made = [backup.backup_now(workspace, principal) for _ in range(16)]
    kept = [b.path for b in backup.list_backups(workspace)]
    assert len(kept) == backup.KEEP
    assert set(kept) == set(made[-backup.KEEP :])


def test_daily_backup_runs_only_when_due(workspace, principal):
    assert backup.backup_if_due(workspace) is not None
    assert backup.backup_if_due(workspace) is None
    tomorrow = utcnow() + timedelta(hours=25)
    assert backup.backup_if_due(workspace, now=tomorrow) is not None
    assert len(backup.list_backups(workspace)) == 2


def test_staff_may_not_trigger_a_backup(workspace, principal):
    staff = make_user(workspace, principal, "wangqiang", "staff").actor()
    with pytest.raises(PermissionDenied):
        backup.backup_now(workspace, staff)
    assert backup.list_backups(workspace) == []


def test_backups_are_named_and_dated_on_the_school_clock(workspace, principal, monkeypatch):
    import time
    from datetime import UTC, datetime

    monkeypatch.setenv("TZ", "UTC")  # a school PC left on UTC
    time.tzset()
    try:
        at = datetime(2026, 11, 23, 20, 15, tzinfo=UTC)  # 04:15 on the 24th in the school
        monkeypatch.setattr(backup, "utcnow", lambda: at)
        path = backup.backup_now(workspace, principal)
        assert path.name.startswith("xiaoan-20261124-041500-")
        made = backup.list_backups(workspace)[0].made_at
        assert made.utcoffset() == timedelta(0)
    finally:
        monkeypatch.undo()
        time.tzset()
