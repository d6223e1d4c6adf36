"""The main window shows each role only the pages it may use."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.main_window import MainWindow


def test_staff_has_no_users_page(qtbot, workspace, principal):
    make_user(workspace, principal, "zhengxia", "staff", pin="482913")
    window = MainWindow(context_for(workspace, "zhengxia", "482913"))
    qtbot.addWidget(window)
    window.show()
    assert window.page_keys() == ["dashboard", "inspections", "hazards", "settings", "incidents"]
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["工作台", "安全检查", "隐患台账", "设置", "突发事件"]
    wait_idle(qtbot)
    assert "zhengxia-name（教职工）" in window.user_label.text()


def test_principal_has_users_page_and_shortcuts_switch_pages(qtbot, workspace):
    window = MainWindow(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.page_keys() == [
        "dashboard",
        "inspections",
        "hazards",
        "users",
        "settings",
        "incidents",
    ]
    assert window.windowTitle() == "校安 — 东风乡中心学校"
    assert window.current_key() == "dashboard"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "users"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "settings"
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.current_key() == "users"
    qtbot.waitUntil(lambda: "最近备份" in window.backup_label.text())
    assert window.backup_label.text() == "最近备份：从未备份"
