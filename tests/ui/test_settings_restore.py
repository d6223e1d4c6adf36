"""Settings → Backups: the principal restores a checked backup; others cannot."""

from __future__ import annotations

from sqlalchemy import select

from app.backup.service import backup_now
from app.workspace import Workspace
from db.models import UserAccount
from tests.helpers import PRINCIPAL_PASSWORD, make_user, open_db
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.settings.page import SettingsPage


def usernames(data_dir) -> set[str]:
    ws = Workspace.open(data_dir)
    try:
        with ws.read() as s:
            return set(s.scalars(select(UserAccount.username)))
    finally:
        ws.close()


def open_page(qtbot, workspace, username="zhangli", secret=PRINCIPAL_PASSWORD):
    page = SettingsPage(context_for(workspace, username, secret))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    return page


def choose(page, name: str) -> None:
    box = page.backups
    row = next(r for r in range(box.model.rowCount()) if box.model.backup_at(r).path.name == name)
    box.table.selectRow(row)


def test_the_principal_restores_a_backup_after_confirming_and_xiaoan_restarts(
    qtbot, workspace, principal
):
    backup = backup_now(workspace, principal)
    make_user(workspace, principal, "lina", "staff")
    page = open_page(qtbot, workspace)
    box = page.backups
    asked, restarted = [], []
    box.confirm_restore = lambda plan: asked.append(plan) or True
    box.restart = restarted.append
    assert not box.restore_button.isEnabled(), "nothing chosen yet"
    choose(page, backup.name)
    assert box.restore_button.isEnabled()
    box.restore_button.click()
    qtbot.waitUntil(lambda: bool(restarted), timeout=20_000)
    assert asked[0].backup == backup and asked[0].audit_entries > 0
    kept = restarted[0].kept_aside
    assert kept.exists() and kept.name.startswith("before-restore-")
    wait_idle(qtbot)
    assert usernames(workspace.data_dir) == {"zhangli"}


def test_saying_no_changes_nothing(qtbot, workspace, principal):
    backup = backup_now(workspace, principal)
    make_user(workspace, principal, "lina", "staff")
    page = open_page(qtbot, workspace)
    box = page.backups
    asked = []
    box.confirm_restore = lambda plan: asked.append(plan) or False
    box.restart = lambda _r: (_ for _ in ()).throw(AssertionError("must not restart"))
    choose(page, backup.name)
    box.restore_button.click()
    qtbot.waitUntil(lambda: bool(asked))
    wait_idle(qtbot)
    assert not asked[0].staging_dir.exists()
    assert box.restore_button.isEnabled() and not box.message.isVisible()
    assert "lina" in usernames(workspace.data_dir)


def test_a_damaged_backup_is_refused_in_words(qtbot, workspace, principal):
    backup = backup_now(workspace, principal)
    conn = open_db(backup)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("UPDATE audit_entry SET detail = 'x' WHERE seq = 1")
    conn.commit()
    conn.close()
    page = open_page(qtbot, workspace)
    box = page.backups
    box.confirm_restore = lambda _plan: (_ for _ in ()).throw(AssertionError("must not ask"))
    choose(page, backup.name)
    box.restore_button.click()
    qtbot.waitUntil(lambda: "未通过检查" in box.message.text(), timeout=10_000)
    assert "未做任何更改" in box.message.text()
    assert box.restore_button.isEnabled()


def test_a_safety_officer_backs_up_but_does_not_restore(qtbot, workspace, principal):
    make_user(workspace, principal, "zhaomin", "safety_officer", pin="275139")
    backup_now(workspace, principal)
    page = open_page(qtbot, workspace, "zhaomin", "275139")
    box = page.backups
    box.table.selectRow(0)
    assert box.backup_button.isEnabled()
    assert not box.restore_button.isEnabled()
    assert box.restore_button.toolTip() == "只有校长可以恢复备份。"


def test_xiaoan_starts_again_with_the_same_command_line(monkeypatch):
    import sys

    from ui.settings import backups

    started, quit_called = [], []
    monkeypatch.setattr(backups.QProcess, "startDetached", lambda *a: started.append(a) or True)
    monkeypatch.setattr(backups.QApplication, "quit", lambda: quit_called.append(True))
    monkeypatch.setattr(sys, "argv", ["/opt/xiaoan/.venv/bin/xiaoan", "--data-dir", "/d"])
    backups.restart_app()
    assert started == [(sys.executable, ["/opt/xiaoan/.venv/bin/xiaoan", "--data-dir", "/d"])]
    assert quit_called
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # an installed build
    backups.restart_app()
    assert started[-1] == (sys.executable, ["--data-dir", "/d"])
