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
    assert window.page_keys() == [
        "dashboard", "inspections", "hazards", "incidents", "handover", "roster", "grid",
        "settings",
    ]  # fmt: skip
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "工作台", "安全检查", "隐患台账", "突发事件", "交接班", "值班表", "责任网格", "设置",
    ]  # fmt: skip
    wait_idle(qtbot)
    assert "zhengxia-name（教职工）" in window.user_label.text()


def test_principal_has_users_page_and_shortcuts_switch_pages(qtbot, workspace):
    window = MainWindow(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.page_keys() == [
        "dashboard", "inspections", "hazards", "incidents", "drills", "handover", "roster",
        "grid", "staff", "monthly", "sync", "settings",
    ]  # fmt: skip
    assert window.windowTitle() == "校安 — 东风乡中心学校"
    assert window.current_key() == "dashboard"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "incidents"
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "drills"
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.current_key() == "incidents"
    qtbot.waitUntil(lambda: window.backup_label.text() != "")
    assert window.backup_label.text() == "尚无备份"


def test_opening_every_page_keeps_the_window_active(qtbot, workspace):
    """No page flashes a widget of its own as a separate window (it would take the focus)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    window = MainWindow(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    strays: list[str] = []

    class StrayWindows(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if (
                event.type() == QEvent.Type.Show
                and isinstance(obj, QWidget)
                and obj.isWindow()
                and obj is not window
            ):
                strays.append(f"{window.current_key()}: {type(obj).__name__}")
            return False

    watcher = StrayWindows()
    QApplication.instance().installEventFilter(watcher)
    try:
        for key in window.page_keys():
            window.show_page(key)
            wait_idle(qtbot)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert strays == [], strays
    assert QApplication.activeWindow() is window
