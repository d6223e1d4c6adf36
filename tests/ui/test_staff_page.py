"""The staff page: every person once, with their login; the principal manages logins there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.accounts.service import authenticate, list_users
from app.errors import UserError
from app.hazards.service import school_today
from app.staff.people import list_people
from app.staff.service import add_staff, list_leave, list_staff
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.pages import PAGES
from ui.staff.model import LOGIN, NAME, PHONE, POST, ROLE, STATE, StaffModel
from ui.staff.page import StaffPage


def open_page(qtbot, workspace, username="zhangli", secret=PRINCIPAL_PASSWORD) -> StaffPage:
    p = StaffPage(context_for(workspace, username, secret))
    qtbot.addWidget(p)
    p.resize(1280, 700)
    p.show()
    qtbot.waitUntil(lambda: p.loads >= 1)
    return p


def row_of(page: StaffPage, name: str) -> list[str]:
    row = page.model.names().index(name)
    return [page.model.index(row, c).data() for c in range(page.model.columnCount())]


def ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_person_with_a_login_is_added_in_one_dialog_and_listed_once(qtbot, workspace):
    page = open_page(qtbot, workspace)
    assert page.model.names() == ["张丽"]  # the principal is a person of the directory too
    page.open_add()
    d = page.dialog
    d.name.setText("刘芳")
    d.post.setText("宿舍管理员")
    d.phone.setText("139 0000 1111")
    d.give_login.setChecked(True)
    d.login.username.setText("liufang")
    d.login.role.setCurrentIndex(d.login.role.findData("duty_staff"))
    d.login.secret.secret.setText("902174")
    d.login.secret.confirm.setText("902174")
    ok(d)
    qtbot.waitUntil(lambda: "刘芳" in page.model.names(), timeout=10_000)
    wait_idle(qtbot)
    assert row_of(page, "刘芳")[: STATE + 1] == [
        "刘芳", "宿舍管理员", "139 0000 1111", "liufang", "值班人员", "可以登录",
    ]  # fmt: skip
    assert page.chosen().name == "刘芳"  # the new row is selected
    assert [m.name for m in list_staff(workspace)].count("刘芳") == 1
    actor = authenticate(workspace, "liufang", "902174")
    assert actor.name == "刘芳" and actor.role == "duty_staff"


def test_a_taken_user_name_keeps_the_dialog_open_and_saves_nothing(qtbot, workspace):
    page = open_page(qtbot, workspace)
    page.open_add()
    d = page.dialog
    d.name.setText("另一个张丽")
    d.give_login.setChecked(True)
    d.login.username.setText("zhangli")
    d.login.secret.secret.setText("902174")
    d.login.secret.confirm.setText("902174")
    ok(d)
    qtbot.waitUntil(lambda: d.message.isVisible(), timeout=10_000)
    assert d.message.text() == "用户名 zhangli 已被占用。"
    assert d.isVisible()
    wait_idle(qtbot)
    assert [m.name for m in list_staff(workspace)] == ["张丽"]


def test_a_person_of_the_directory_is_given_a_login(qtbot, workspace, principal):
    add_staff(workspace, principal, name="罗斌", post="体育教师")
    page = open_page(qtbot, workspace)
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "罗斌"))
    assert page.give_button.isEnabled() and not page.secret_button.isEnabled()
    page.give_button.click()
    d = page.dialog
    d.login.username.setText("luobin")
    d.login.secret.secret.setText("551234")
    d.login.secret.confirm.setText("551234")
    ok(d)
    qtbot.waitUntil(lambda: row_of(page, "罗斌")[LOGIN] == "luobin", timeout=10_000)
    wait_idle(qtbot)
    assert page.model.rowCount() == 2  # no second 罗斌
    assert authenticate(workspace, "luobin", "551234").name == "罗斌"
    assert not page.give_button.isEnabled()


def test_editing_a_phone_here_is_what_the_login_shows(qtbot, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff")
    page = open_page(qtbot, workspace)
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "wangqiang-name"))
    page.open_edit()
    d = page.dialog
    d.name.setText("王强")
    d.phone.setText("13800001111")
    d.role.setCurrentIndex(d.role.findData("guard"))
    ok(d)
    qtbot.waitUntil(lambda: "王强" in page.model.names(), timeout=10_000)
    wait_idle(qtbot)
    assert row_of(page, "王强")[PHONE] == "13800001111"
    assert row_of(page, "王强")[ROLE] == "保安"
    user = next(u for u in list_users(workspace, principal) if u.username == "wangqiang")
    assert (user.display_name, user.phone, user.role) == ("王强", "13800001111", "guard")


def test_someone_who_leaves_loses_their_login(qtbot, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    page = open_page(qtbot, workspace)
    page.select_person(next(m.id for m in list_staff(workspace) if m.user_id is not None
                            and m.name == "wangqiang-name"))  # fmt: skip
    page.open_edit()
    page.dialog.active.setChecked(False)
    ok(page.dialog)
    qtbot.waitUntil(lambda: "wangqiang-name" not in page.model.names(), timeout=10_000)
    wait_idle(qtbot)
    with pytest.raises(UserError, match="Wrong user name"):
        authenticate(workspace, "wangqiang", "482913")
    page.show_left.setChecked(True)
    qtbot.waitUntil(lambda: "wangqiang-name" in page.model.names(), timeout=10_000)
    wait_idle(qtbot)
    assert row_of(page, "wangqiang-name")[NAME] == "wangqiang-name（已离校）"
    assert row_of(page, "wangqiang-name")[STATE] == "已停用"


def test_deactivate_and_unlock_a_login_from_the_page(qtbot, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    for _ in range(5):  # the fifth wrong PIN locks the account
        with pytest.raises(UserError):
            authenticate(workspace, "wangqiang", "000000")
    page = open_page(qtbot, workspace)
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "wangqiang-name"))
    assert row_of(page, "wangqiang-name")[STATE].startswith("锁定至")
    assert page.unlock_button.isEnabled()
    page.unlock_button.click()
    qtbot.waitUntil(lambda: row_of(page, "wangqiang-name")[STATE] == "可以登录", timeout=10_000)
    assert authenticate(workspace, "wangqiang", "482913").name == "wangqiang-name"
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "wangqiang-name"))
    assert page.active_button.text() == "停用登录"
    page.active_button.click()
    qtbot.waitUntil(lambda: row_of(page, "wangqiang-name")[STATE] == "已停用", timeout=10_000)
    wait_idle(qtbot)
    assert page.active_button.text() == "启用登录"
    assert "wangqiang-name" in [m.name for m in list_staff(workspace)]  # still works here


def test_one_person_typed_twice_is_joined_into_the_directory_entry(qtbot, workspace, principal):
    make_user(workspace, principal, "wangfang", "staff")  # the login's own entry
    kept = add_staff(workspace, principal, name="wangfang-name", post="三年级班主任")
    page = open_page(qtbot, workspace)
    assert page.hint.isVisible() and "名字重复：wangfang-name" in page.hint.text()
    twice = [p for p in list_people(workspace, principal) if p.name == "wangfang-name"]
    with_login = next(p for p in twice if p.has_login)
    page.select_person(with_login.id)
    page.merge_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=10_000)
    d = page.dialog
    assert d.into.currentData() == kept.id
    ok(d)
    qtbot.waitUntil(lambda: page.model.names().count("wangfang-name") == 1, timeout=10_000)
    wait_idle(qtbot)
    assert row_of(page, "wangfang-name")[POST] == "三年级班主任"
    assert row_of(page, "wangfang-name")[LOGIN] == "wangfang"
    assert not page.hint.isVisible()
    assert next(m for m in list_staff(workspace) if m.name == "wangfang-name").id == kept.id


def test_a_safety_officer_edits_people_but_manages_no_logins(qtbot, workspace, principal):
    make_user(workspace, principal, "zhaomin", "safety_officer", pin="246810")
    page = open_page(qtbot, workspace, "zhaomin", "246810")
    assert page.login_buttons == []
    assert row_of(page, "张丽")[LOGIN] == "zhangli"
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "张丽"))
    page.open_edit()
    assert page.dialog.role is None  # no role to change
    page.dialog.reject()


def test_record_leave(qtbot, workspace):
    page = open_page(qtbot, workspace)
    page.open_add()
    page.dialog.name.setText("赵敏")
    ok(page.dialog)
    qtbot.waitUntil(lambda: "赵敏" in page.model.names(), timeout=10_000)
    wait_idle(qtbot)
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "赵敏"))
    page.open_leave()
    page.dialog.reason.setText("病假")
    page.dialog.accept()
    qtbot.waitUntil(lambda: bool(row_of(page, "赵敏")[-1]), timeout=10_000)
    wait_idle(qtbot)
    assert row_of(page, "赵敏")[-1].startswith("至")
    today = school_today()
    assert [x.reason for x in list_leave(workspace, today, today)] == ["病假"]


def test_staff_model_passes_the_model_tester(qtmodeltester, workspace, principal):
    add_staff(workspace, principal, name="罗斌")
    make_user(workspace, principal, "wangqiang", "duty_staff")
    model = StaffModel()
    model.set_rows(list_people(workspace, principal))
    qtmodeltester.check(model)
    assert sorted(model.index(r, NAME).data() for r in range(3)) == sorted(
        ["wangqiang-name", "张丽", "罗斌"]
    )


def test_the_page_is_only_for_those_who_edit_staff(workspace, principal):
    spec = next(p for p in PAGES if p.key == "staff")
    assert spec.visible(principal)
    guard = make_user(workspace, principal, "zhoujun", "guard").actor()
    assert not spec.visible(guard)
    handover = next(p for p in PAGES if p.key == "handover")
    assert handover.visible(guard)
    assert "users" not in [p.key for p in PAGES]  # logins are managed on this page


def test_enter_on_a_row_opens_it_for_editing(qtbot, workspace):
    page = open_page(qtbot, workspace)
    page.select_person(next(m.id for m in list_staff(workspace) if m.name == "张丽"))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.name.text() == "张丽"
    page.dialog.reject()
