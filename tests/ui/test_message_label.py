"""Messages do not outstay their moment: notices fade, errors go when the person changes the input."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tests.helpers import make_user
from tests.ui.helpers import context_for
from ui.common.message_label import MessageLabel
from ui.settings.page import SettingsPage


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(["一般", "重大"])
        self.note = QPlainTextEdit()
        self.count = QSpinBox()
        self.records = QListView()
        self.records.setModel(QStringListModel(["YH-001", "YH-002", "YH-003"]))
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        for w in (self.name, self.kind, self.note, self.count, self.records, self.message):
            layout.addWidget(w)


def shown_form(qtbot) -> Form:
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_a_notice_fades_and_an_error_stays(qtbot, monkeypatch):
    form = shown_form(qtbot)
    form.message.show_notice("已保存。")
    assert form.message.fade_timer.isActive()
    assert form.message.fade_timer.interval() == 8000
    form.message.show_error("请输入名称。")
    assert not form.message.fade_timer.isActive(), "an error waits for the person"
    monkeypatch.setattr(MessageLabel, "NOTICE_MS", 20)
    form.message.show_notice("已保存。")
    qtbot.waitUntil(lambda: not form.message.isVisible())
    assert form.message.text() == ""


def test_typing_again_clears_an_error_but_code_filling_a_field_does_not(qtbot):
    form = shown_form(qtbot)
    form.message.show_error("请输入名称。")
    form.name.setText("refilled by the page")
    form.name.clear()
    form.kind.setCurrentIndex(1)
    form.records.setCurrentIndex(form.records.model().index(2, 0))
    assert form.message.text() == "请输入名称。", "the page's own changes keep the message"
    qtbot.keyClicks(form.name, "a")
    assert not form.message.isVisible() and form.message.text() == ""


def test_choosing_another_record_or_value_clears_an_error(qtbot):
    form = shown_form(qtbot)
    form.records.setFocus()
    form.records.setCurrentIndex(form.records.model().index(0, 0))
    form.message.show_error("该隐患已销号。")
    qtbot.keyClick(form.records, Qt.Key.Key_Down)
    assert form.message.text() == ""

    form.message.show_error("该隐患已销号。")
    rect = form.records.visualRect(form.records.model().index(2, 0))
    qtbot.mouseClick(form.records.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert form.message.text() == ""

    form.message.show_error("请选择等级。")
    form.kind.activated.emit(0)  # what a person's pick in the list emits
    assert form.message.text() == ""

    form.message.show_error("请填写说明。")
    qtbot.keyClicks(form.note, "x")
    assert form.message.text() == ""

    form.message.show_error("数量不对。")
    qtbot.keyClick(form.count, Qt.Key.Key_Up)
    assert form.message.text() == ""


def test_leaving_the_page_takes_its_message_along(qtbot):
    stack = QStackedWidget()
    form, other = Form(), QWidget()
    stack.addWidget(form)
    stack.addWidget(other)
    qtbot.addWidget(stack)
    stack.show()
    form.message.show_error("备份失败。")
    stack.setCurrentWidget(other)
    qtbot.waitUntil(lambda: form.message.text() == "")
    stack.setCurrentWidget(form)
    assert not form.message.isVisible()


def test_settings_password_error_goes_when_the_person_types_again(qtbot, workspace, principal):
    make_user(workspace, principal, "zhoujun", "guard", pin="482913")
    page = SettingsPage(context_for(workspace, "zhoujun", "482913"))
    qtbot.addWidget(page)
    page.show()
    page.current_secret.setText("000000")
    page.new_secret.kind.setCurrentIndex(page.new_secret.kind.findData("pin"))
    page.new_secret.secret.setText("620417")
    page.new_secret.confirm.setText("620417")
    page.secret_button.click()
    qtbot.waitUntil(lambda: page.secret_message.isVisible() and page.secret_button.isEnabled())
    assert page.secret_message.text() == "当前密码或 PIN 码不正确。"
    page.current_secret.clear()
    qtbot.keyClicks(page.current_secret, "4")
    assert not page.secret_message.isVisible()
