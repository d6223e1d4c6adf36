"""Restoring a backup: checked first, the current data kept aside, sync and audit never go back."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from app.accounts.service import authenticate, change_own_secret, create_user
from app.backup import restore
from app.backup.service import backup_now, restorable_backups
from app.errors import PermissionDenied, UserError
from app.integrity import check_data_dir
from app.workspace import Workspace
from db.models import AuditEntry, UserAccount
from tests.helpers import PRINCIPAL_PASSWORD, make_user, open_db


def usernames(ws: Workspace) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(UserAccount.username)))


def test_a_restore_brings_back_the_backup_and_keeps_the_current_data_aside(workspace, principal):
    make_user(workspace, principal, "wangqiang", "staff")
    backup = backup_now(workspace, principal)
    make_user(workspace, principal, "lina", "staff")  # after the backup: still in the -wal
    data_dir = workspace.data_dir

    done = restore.restore_backup(workspace, principal, backup)

    assert done.kept_aside.parent == data_dir / "backups"
    assert done.kept_aside.name.startswith("before-restore-")
    assert not (data_dir / "xiaoan.sqlite3-wal").exists()
    assert [p.name for p in (data_dir / "backups").iterdir() if p.name.startswith(".")] == []
    ws = Workspace.open(data_dir)
    try:
        assert usernames(ws) == {"zhangli", "wangqiang"}
        assert check_data_dir(data_dir).sound
        with ws.read() as s:
            last = s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        assert last.action == "backup.restore"
        assert backup.name in last.detail and done.kept_aside.name in last.detail
    finally:
        ws.close()
    aside = open_db(done.kept_aside)
    try:
        names = {r[0] for r in aside.execute("SELECT username FROM user_account")}
    finally:
        aside.close()
    assert names == {"zhangli", "wangqiang", "lina"}, "the data before the restore is kept whole"


def test_the_audit_trail_and_passwords_are_never_rolled_back(workspace, principal):
    backup = backup_now(workspace, principal)
    make_user(workspace, principal, "lina", "staff")
    change_own_secret(
        workspace, principal, current=PRINCIPAL_PASSWORD, secret_kind="pin", secret="620417"
    )
    with workspace.read() as s:
        entries_before = s.scalar(select(func.count()).select_from(AuditEntry))
    data_dir = workspace.data_dir

    restore.restore_backup(workspace, principal, backup)

    ws = Workspace.open(data_dir)
    try:
        assert "lina" not in usernames(ws)
        with ws.read() as s:
            seqs = list(s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))
            actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        # Every entry made before the restore is still there, then the restore's own.
        assert seqs == list(range(1, entries_before + 2))
        assert actions[-3:] == ["user.create", "user.change_secret", "backup.restore"]
        assert check_data_dir(data_dir).sound
        # The principal signs in with the PIN set after the backup, not the old password.
        assert authenticate(ws, "zhangli", "620417").role == "principal"
        with pytest.raises(UserError):
            authenticate(ws, "zhangli", PRINCIPAL_PASSWORD)
    finally:
        ws.close()


def test_signing_keys_follow_the_secrets_they_are_sealed_with(workspace, principal):
    """A restore keeps today's PIN, so it keeps the key sealed with it: forms stay signed."""
    from app.reports.forms import print_form
    from app.signing import session_keys

    backup = backup_now(workspace, principal)
    change_own_secret(
        workspace, principal, current=PRINCIPAL_PASSWORD, secret_kind="pin", secret="620417"
    )
    data_dir = workspace.data_dir
    restore.restore_backup(workspace, principal, backup)
    session_keys.forget_everyone()

    ws = Workspace.open(data_dir)
    try:
        actor = authenticate(ws, "zhangli", "620417")
        assert session_keys.is_unlocked(actor.user_id)
        rendered = print_form(ws, actor, "ledger", "latest")
        assert rendered.signed and rendered.signed_by.startswith("张丽")
    finally:
        ws.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(workspace, principal):
    backup = backup_now(workspace, principal)
    conn = open_db(backup)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("UPDATE audit_entry SET detail = 'rewritten' WHERE seq = 1")
    conn.commit()
    conn.close()
    make_user(workspace, principal, "lina", "staff")

    with pytest.raises(UserError) as refused:
        restore.prepare_restore(workspace, principal, backup)

    assert "did not pass the check" in str(refused.value)
    assert "lina" in usernames(workspace), "the current data is untouched and still open"
    left = [p.name for p in workspace.backup_dir.iterdir() if not p.name.startswith(backup.name)]
    assert left == [], "no copy of the refused backup is left behind"


def test_a_file_that_is_no_backup_and_one_from_a_newer_version_are_refused(workspace, principal):
    junk = workspace.backup_dir / "xiaoan-20261123-000000-000000.sqlite3"
    junk.parent.mkdir(parents=True, exist_ok=True)
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError, match="is not a xiaoan backup"):
        restore.prepare_restore(workspace, principal, junk)

    newer = backup_now(workspace, principal)
    conn = open_db(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="newer version of xiaoan"):
        restore.prepare_restore(workspace, principal, newer)


def test_another_schools_backup_is_refused(workspace, principal, tmp_path):
    from app.school.service import SchoolProfile, set_up_school

    other = Workspace.open(tmp_path / "other")
    try:
        boss = set_up_school(
            other, SchoolProfile(name="西山小学", code="220105-0099", kind="primary"),
            principal_name="李明", username="liming", secret_kind="password",
            secret=PRINCIPAL_PASSWORD,
        )  # fmt: skip
        foreign = backup_now(other, boss)
    finally:
        other.close()
    workspace.backup_dir.mkdir(parents=True, exist_ok=True)
    copied = shutil.copy(foreign, workspace.backup_dir / foreign.name)
    with pytest.raises(UserError, match="another school's data"):
        restore.prepare_restore(workspace, principal, copied)


def test_only_the_principal_restores_and_only_to_data_they_can_sign_in_to(workspace, principal):
    backup = backup_now(workspace, principal)
    officer = make_user(workspace, principal, "zhaomin", "safety_officer").actor()
    with pytest.raises(PermissionDenied):
        restore.prepare_restore(workspace, officer, backup)
    second = create_user(
        workspace, principal, username="liuyang", display_name="刘洋", role="principal",
        secret_kind="password", secret="second-principal-1",
    ).actor()  # fmt: skip
    with pytest.raises(UserError, match="could not sign in"):
        restore.prepare_restore(workspace, second, backup)
    assert [b.path for b in restorable_backups(workspace)] == [backup]


def test_a_prepared_restore_that_is_declined_leaves_nothing_behind(workspace, principal):
    backup = backup_now(workspace, principal)
    plan = restore.prepare_restore(workspace, principal, backup)
    assert plan.staged.exists() and plan.audit_entries >= 2
    restore.discard_restore(plan)
    assert not plan.staging_dir.exists()
    assert "zhangli" in usernames(workspace)


def test_the_restore_is_refused_while_something_else_writes(workspace, principal, monkeypatch):
    backup = backup_now(workspace, principal)
    plan = restore.prepare_restore(workspace, principal, backup)
    writer = open_db(workspace.db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setattr(restore, "LOCK_TIMEOUT_S", 0.05)
        with pytest.raises(UserError, match="still working with the data"):
            restore.complete_restore(workspace, principal, plan)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    ws = Workspace.open(workspace.data_dir)
    try:
        assert check_data_dir(ws.data_dir).sound and "zhangli" in usernames(ws)
    finally:
        ws.close()
    assert not list(ws.backup_dir.glob("before-restore-*"))


def test_the_data_as_it_was_before_a_restore_can_itself_be_restored(workspace, principal):
    first = backup_now(workspace, principal)
    make_user(workspace, principal, "lina", "staff")
    data_dir = workspace.data_dir
    done = restore.restore_backup(workspace, principal, first)
    ws = Workspace.open(data_dir)
    try:
        kinds = {b.path.name: b.kind for b in restorable_backups(ws)}
        assert kinds[done.kept_aside.name] == "before_restore"
        restore.restore_backup(ws, principal, done.kept_aside)
    finally:
        ws.close()
    ws = Workspace.open(data_dir)
    try:
        assert "lina" in usernames(ws)
        assert check_data_dir(data_dir).sound
        with ws.read() as s:
            actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
        assert actions.count("backup.restore") == 2
    finally:
        ws.close()


def test_the_restore_waits_for_no_sync_pass(workspace, principal, monkeypatch):
    from app.sync.service import pass_lock

    backup = backup_now(workspace, principal)
    plan = restore.prepare_restore(workspace, principal, backup)
    monkeypatch.setattr(restore, "LOCK_TIMEOUT_S", 0.05)
    lock = pass_lock(workspace)
    lock.acquire()  # a pass is running
    try:
        with pytest.raises(UserError, match="still working with the data"):
            restore.complete_restore(workspace, principal, plan)
    finally:
        lock.release()
    assert not plan.staging_dir.exists()
    assert "zhangli" in usernames(workspace) and check_data_dir(workspace.data_dir).sound
