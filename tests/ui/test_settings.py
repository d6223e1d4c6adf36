"""Settings: backup now, the language choice, what a role without backup rights sees."""

from __future__ import annotations

from app.preferences import load_preferences
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.helpers import context_for
from ui.settings.page import SettingsPage


def test_backup_now_writes_a_file_and_lists_it(qtbot, workspace):
    page = SettingsPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    box = page.backups
    assert box.model.rowCount() == 0
    box.backup_button.click()
    qtbot.waitUntil(lambda: page.loads >= 2, timeout=10_000)
    files = list((workspace.data_dir / "backups").glob("xiaoan-*.sqlite3"))
    assert len(files) == 1 and box.last_backup_path == files[0]
    assert box.model.rowCount() == 1
    assert box.message.text().startswith("备份已保存：")


def test_language_choice_is_saved_for_next_start(qtbot, workspace):
    page = SettingsPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    assert load_preferences().language == "zh_CN"
    page.language.setCurrentIndex(page.language.findData("en"))
    assert load_preferences().language == "en"
    assert "下次启动" in page.language_note.text()


def test_staff_cannot_back_up_by_hand_and_is_told_why(qtbot, workspace, principal):
    make_user(workspace, principal, "zhoujun", "guard", pin="482913")
    page = SettingsPage(context_for(workspace, "zhoujun", "482913"))
    qtbot.addWidget(page)
    assert not page.backups.backup_button.isEnabled()
    assert not page.backups.restore_button.isEnabled()
    assert page.backups.reason.text().startswith("您的角色（保安）无权手动备份")


def test_changing_own_pin(qtbot, workspace, principal):
    from app.accounts.service import authenticate

    make_user(workspace, principal, "zhoujun", "guard", pin="482913")
    page = SettingsPage(context_for(workspace, "zhoujun", "482913"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.secret_kind_loaded)
    page.current_secret.setText("000000")
    s = page.new_secret
    s.secret.setText("620417")
    s.confirm.setText("620417")
    page.secret_button.click()
    qtbot.waitUntil(lambda: page.secret_message.isVisible() and page.secret_button.isEnabled())
    assert page.secret_message.text() == "当前密码或 PIN 码不正确。"
    page.current_secret.setText("482913")
    page.secret_button.click()
    qtbot.waitUntil(lambda: page.secret_message.text().startswith("已修改"))
    assert authenticate(workspace, "zhoujun", "620417").name == "zhoujun-name"
