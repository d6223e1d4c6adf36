"""The users table and adding a user through the page's dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.accounts.service import authenticate, list_users
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.users.model import UsersModel
from ui.users.page import UsersPage


def test_users_model_passes_the_model_tester(qtmodeltester, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff")
    make_user(workspace, principal, "zhoujun", "guard")
    model = UsersModel()
    model.set_users(list_users(workspace, principal))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    roles = {model.index(r, 2).data() for r in range(3)}
    assert roles == {"校长", "值班人员", "保安"}


def test_adding_a_user_through_the_dialog_shows_it_in_the_table(qtbot, workspace):
    page = UsersPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    assert page.model.usernames() == ["zhangli"]

    page.add_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.display_name.setText("赵敏")
    dialog.username.setText("zhaomin")
    dialog.role.setCurrentIndex(dialog.role.findData("safety_officer"))
    dialog.post.setText("安全办主任")
    dialog.secret.secret.setText("902174")
    dialog.secret.confirm.setText("902174")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "zhaomin" in page.model.usernames(), timeout=10_000)
    row = page.model.usernames().index("zhaomin")
    assert page.model.index(row, 2).data() == "安全主任"
    assert page.model.index(row, 3).data() == "安全办主任"
    assert authenticate(workspace, "zhaomin", "902174").role == "safety_officer"


def test_a_taken_user_name_keeps_the_dialog_open_with_the_message(qtbot, workspace):
    page = UsersPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    page.add_button.click()
    dialog = page.dialog
    dialog.display_name.setText("另一个张丽")
    dialog.username.setText("zhangli")
    dialog.secret.secret.setText("902174")
    dialog.secret.confirm.setText("902174")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=10_000)
    assert dialog.message.text() == "用户名 zhangli 已被占用。"
    assert dialog.isVisible()
    wait_idle(qtbot)


def test_deactivate_and_unlock_from_the_page(qtbot, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    page = UsersPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: "wangqiang" in page.model.usernames())
    page.table.selectRow(page.model.usernames().index("wangqiang"))
    assert page.active_button.text() == "停用"
    loads = page.loads
    page.active_button.click()
    qtbot.waitUntil(lambda: page.loads > loads)
    row = page.model.usernames().index("wangqiang")
    assert page.model.index(row, 5).data() == "否"
    assert page.active_button.text() == "启用"
