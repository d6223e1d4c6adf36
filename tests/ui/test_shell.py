"""Sharing one PC: signing out / switching user (Ctrl+L), the idle lock that keeps a
half-typed form and wants the signed-in person's own password or PIN."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.preferences import idle_lock_minutes
from db.models import AuditEntry
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.shell.idle_settings import IdleLockBox
from ui.shell.lock import Cover
from ui.shell.session import Shell

STAFF_PAGES = [
    "dashboard", "inspections", "hazards", "incidents", "handover", "roster", "grid", "settings",
]  # fmt: skip


@pytest.fixture
def shells():
    made: list[Shell] = []
    yield made
    for shell in made:
        shell.shutdown()
        for widget in (shell.window, shell.login, shell.lock_screen):
            if widget is not None and shiboken6.isValid(widget):
                if widget is shell.lock_screen:
                    widget.dismiss()
                widget.close()
                widget.deleteLater()
    QApplication.instance().setQuitOnLastWindowClosed(True)


def _shell(qtbot, shells, ws, username="zhangli", secret=PRINCIPAL_PASSWORD, **kw):
    ctx = context_for(ws, username, secret)
    shell = Shell(ws, **kw)
    shells.append(shell)
    window = shell.start(ctx.actor, ctx.school, username)
    window.activateWindow()
    qtbot.waitActive(window)
    wait_idle(qtbot)
    return shell, window


def _audit(ws) -> list[tuple[str, str, str]]:
    with ws.read() as s:
        rows = s.query(AuditEntry).order_by(AuditEntry.seq).all()
        return [(e.action, e.actor_name, e.detail) for e in rows]


def _ctrl(qtbot, window, key, extra=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier | extra)


def _sign_in(qtbot, shell, username, secret):
    login = shell.login
    qtbot.waitUntil(lambda: login.choices_loaded)
    login.user.setEditText(username)
    login.secret.setText(secret)
    login.submit()
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    return shell.window


def test_ctrl_l_signs_out_audited_and_the_next_person_gets_their_own_pages(
    qtbot, shells, workspace, principal
):
    make_user(workspace, principal, "zhengxia", "staff", pin="482913")
    shell, window = _shell(qtbot, shells, workspace)
    window.show_page("staff")
    wait_idle(qtbot)
    _ctrl(qtbot, window, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: shell.login is not None)
    assert shell.window is None
    assert not shiboken6.isValid(window) or not window.isVisible()
    assert _audit(workspace)[-1][:2] == ("logout", "张丽")

    staff_window = _sign_in(qtbot, shell, "zhengxia", "482913")
    assert staff_window is not window
    assert staff_window.isVisible()
    assert staff_window.ctx.actor.name == "zhengxia-name"
    assert staff_window.page_keys() == STAFF_PAGES
    assert "zhengxia-name（教职工）" in staff_window.user_label.text()
    # The principal's window and its pages are gone, not merely hidden.
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    assert shell.idle.watching


def test_signing_out_over_unsaved_input_asks_and_going_back_keeps_it(
    qtbot, shells, workspace, principal
):
    shell, window = _shell(qtbot, shells, workspace)
    settings = window.show_page("settings")
    qtbot.keyClicks(settings.current_secret, "half")  # typed, not saved
    _ctrl(qtbot, window, Qt.Key.Key_L)
    box = shell.discard_box
    assert box is not None and box.isVisible()
    assert "张丽" in box.text() and "设置" in box.informativeText()
    assert sorted(b.text() for b in box.buttons()) == sorted(["返回", "放弃并退出登录"])
    assert box.defaultButton().text() == "返回"

    box.escapeButton().click()  # Esc / "Go back": nothing happens
    qtbot.waitUntil(lambda: shell.discard_box is None)
    assert shell.window is window and window.isVisible()
    assert settings.current_secret.text() == "half"
    assert "logout" not in [a for a, _n, _d in _audit(workspace)]

    window.activateWindow()
    qtbot.waitActive(window)
    _ctrl(qtbot, window, Qt.Key.Key_L)
    box = shell.discard_box
    next(b for b in box.buttons() if b.text() == "放弃并退出登录").click()
    qtbot.waitUntil(lambda: shell.login is not None)
    assert _audit(workspace)[-1][:2] == ("logout", "张丽")


def test_idle_lock_covers_the_work_refuses_a_wrong_pin_and_keeps_a_half_typed_form(
    qtbot, shells, workspace, principal
):
    make_user(workspace, principal, "lijianguo", "safety_officer", pin="482913")
    boss, boss_window = _shell(qtbot, shells, workspace)
    # The principal sets the idle time in Settings; the shell takes it at once.
    lock_box = boss_window.show_page("settings").findChild(IdleLockBox)
    assert lock_box.minutes.isEnabled() and lock_box.minutes.value() == 10
    lock_box.minutes.setValue(3)
    assert idle_lock_minutes() == 3
    assert boss.idle.timer.interval() == 3 * 60_000
    boss.shutdown()
    boss_window.close()

    shell, window = _shell(qtbot, shells, workspace, "lijianguo", "482913")
    assert shell.idle.timer.interval() == 3 * 60_000 and shell.idle.timer.isActive()
    inspections = window.show_page("inspections")
    wait_idle(qtbot)
    inspections.new_button.click()
    dialog = inspections.dialog
    qtbot.waitUntil(lambda: dialog.ready)
    dialog.place.setFocus()
    typed = QInputMethodEvent()  # Chinese comes from the input method
    typed.setCommitString("教学楼三")
    QApplication.sendEvent(dialog.place, typed)  # half-typed, not saved
    assert dialog.place.text() == "教学楼三"

    shell.idle.timer.timeout.emit()  # three minutes without input
    lock = shell.lock_screen
    assert lock is not None and lock.isVisible()
    assert QApplication.activeModalWidget() is lock
    covered = {c.parentWidget() for c in window.findChildren(Cover) + dialog.findChildren(Cover)}
    assert covered == {window, dialog}
    assert all(c.isVisible() and c.geometry() == c.parentWidget().rect() for c in shell._covers)
    assert not shell.idle.timer.isActive()

    lock.secret.setText("000000")
    lock.submit()
    qtbot.waitUntil(lambda: not lock.busy)
    assert shell.locked and lock.message.isVisible()
    assert "密码" in lock.message.text() or "PIN" in lock.message.text()
    assert _audit(workspace)[-1][:3] == ("login", "lijianguo-name", "refused")

    lock.secret.setText("482913")
    lock.submit()
    qtbot.waitUntil(lambda: not shell.locked)
    assert window.findChildren(Cover) == [] or not any(
        c.isVisible() for c in window.findChildren(Cover)
    )
    assert dialog.isVisible() and dialog.place.text() == "教学楼三"
    assert shell.window is window and shell.idle.timer.isActive()
    assert QApplication.focusWidget() is dialog.place
    dialog.reject()


def test_esc_does_not_close_the_lock_screen_and_another_person_can_sign_out(
    qtbot, shells, workspace, principal
):
    shell, window = _shell(qtbot, shells, workspace)
    shell.lock()
    lock = shell.lock_screen
    qtbot.keyClicks(lock.secret, "wrong")  # someone else tried: that is not unsaved work
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    lock.close()
    assert lock.isVisible() and shell.locked
    lock.switch_button.click()  # nothing unsaved: signs out at once
    qtbot.waitUntil(lambda: shell.login is not None)
    assert not shell.locked
    assert _audit(workspace)[-1][:2] == ("logout", "张丽")
