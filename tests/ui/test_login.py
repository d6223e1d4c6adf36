"""Signing in: Enter submits; a wrong PIN says how many attempts are left."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers import make_user
from ui.login.dialog import LoginDialog


def test_wrong_pin_shows_attempts_left_and_the_right_one_signs_in(qtbot, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    dialog = LoginDialog(workspace, "东风乡中心学校")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.choices_loaded)
    labels = [dialog.user.itemText(i) for i in range(dialog.user.count())]
    assert "wangqiang-name（值班人员）" in labels
    dialog.user.setCurrentIndex(labels.index("wangqiang-name（值班人员）"))
    assert dialog.username() == "wangqiang"

    qtbot.keyClicks(dialog.secret, "111333")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and not dialog.busy)
    assert dialog.message.text() == "用户名、密码或 PIN 码不正确。再错 4 次，账号将被锁定 15 分钟。"
    assert dialog.actor is None and dialog.isVisible()

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClicks(dialog.secret, "482913")
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert dialog.actor.name == "wangqiang-name"


def test_a_typed_user_name_works_too(qtbot, workspace):
    dialog = LoginDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.choices_loaded)
    dialog.user.setEditText("ZhangLi")
    dialog.secret.setText("principal-pass-1")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.submit()
    assert dialog.actor.role == "principal"
