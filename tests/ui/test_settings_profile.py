"""Settings: the school's details after the wizard, a PIN user's own kind, the version."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.school.service import get_profile
from db.models import SyncEnrollment
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.main_window import MainWindow
from ui.settings.page import SettingsPage


def test_the_principal_renames_the_school_and_the_window_says_so(qtbot, workspace):
    window = MainWindow(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("settings")
    assert page.profile_button.isEnabled()
    page.profile_button.click()
    dialog = page.profile_dialog
    assert dialog.name.text() == "东风乡中心学校" and dialog.boarding.isChecked()
    assert dialog.width() <= 1366 and dialog.height() <= 728
    dialog.name.setText("   ")
    dialog.save()
    assert dialog.message.text() == "请输入学校名称。" and dialog.isVisible()
    dialog.name.setText("东风镇中心学校")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.windowTitle() == "校安 — 东风镇中心学校"
    assert window.school_label.text() == "东风镇中心学校"
    assert "东风镇中心学校" in page.school_label.text()
    assert get_profile(workspace).name == "东风镇中心学校"
    wait_idle(qtbot)


def test_once_enrolled_the_code_is_read_only_and_a_changed_code_is_refused(qtbot, workspace):
    with workspace.db.write(actor_id=None) as s:
        s.add(
            SyncEnrollment(
                id=1, bureau_url="https://bureau.example", school_code="220105-0012",
                school_name="", bureau_signing_key="k", recipients=["age1x"],
                bureau_fingerprint="1", device_fingerprint="2",
            )
        )  # fmt: skip
    page = SettingsPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    page.edit_profile()
    dialog = page.profile_dialog
    qtbot.waitUntil(lambda: dialog.enrolled_code == "220105-0012")
    assert dialog.code.isReadOnly() and "220105-0012" in dialog.code_note.text()
    dialog.code.setText("220105-0099")  # were it typed anyway, the app refuses it in words
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert dialog.message.text().startswith("本机已按学校代码 220105-0012 在教育局注册")
    assert get_profile(workspace).code == "220105-0012"
    wait_idle(qtbot)


def test_only_the_principal_edits_the_school(qtbot, workspace, principal):
    make_user(workspace, principal, "zhaomin", "safety_officer", pin="275139")
    page = SettingsPage(context_for(workspace, "zhaomin", "275139"))
    qtbot.addWidget(page)
    assert not page.profile_button.isEnabled()
    wait_idle(qtbot)


def test_a_pin_user_changes_their_pin_by_default(qtbot, workspace, principal):
    make_user(workspace, principal, "zhoujun", "guard", pin="482913")
    page = SettingsPage(context_for(workspace, "zhoujun", "482913"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.secret_kind_loaded)
    assert page.new_secret.kind.currentData() == "pin"
    assert page.new_secret.secret.maxLength() == 6
    principal_page = SettingsPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(principal_page)
    qtbot.waitUntil(lambda: principal_page.secret_kind_loaded)
    assert principal_page.new_secret.kind.currentData() == "password"
    wait_idle(qtbot)


def test_the_version_reads_as_people_say_it_and_details_go_to_the_clipboard(qtbot, workspace):
    from db.schema import HEAD, REVISIONS

    page = SettingsPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    about = page.about
    assert about.version.text() == f"校安 0.1.0（数据版本 {len(REVISIONS)}）"
    assert HEAD not in about.version.text()
    assert HEAD in about.version.toolTip()
    about.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "xiaoan 0.1.0" in copied and HEAD in copied and str(workspace.data_dir) in copied
    assert about.message.text() == "已复制。"
    wait_idle(qtbot)
