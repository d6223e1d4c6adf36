"""The staff directory: add with a login link, edit, leave; only for those who edit staff."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.hazards.service import school_today
from app.staff.service import list_leave, list_staff
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.pages import PAGES
from ui.staff.page import StaffModel, StaffPage


@pytest.fixture
def page(qtbot, workspace, principal):
    make_user(workspace, principal, "liufang", "duty_staff")
    p = StaffPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(p)
    p.show()
    qtbot.waitUntil(lambda: p.loads >= 1)
    return p


def test_add_a_person_linked_to_a_login_then_edit(qtbot, workspace, page):
    page.open_add()
    d = page.dialog
    d.name.setText("刘芳")
    d.post.setText("宿舍管理员")
    d.phone.setText("139 0000 1111")
    d.account.setCurrentIndex(d.account.findText("liufang", Qt.MatchFlag.MatchContains))
    d.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    wait_idle(qtbot)
    assert [page.model.index(0, c).data() for c in range(4)] == [
        "刘芳",
        "宿舍管理员",
        "139 0000 1111",
        "liufang",
    ]
    page.table.selectRow(0)
    page.open_edit()
    page.dialog.post.setText("生活老师")
    page.dialog.accept()
    qtbot.waitUntil(lambda: page.model.index(0, 1).data() == "生活老师")
    wait_idle(qtbot)
    assert list_staff(workspace)[0].post == "生活老师"


def test_record_leave(qtbot, workspace, page):
    page.open_add()
    page.dialog.name.setText("赵敏")
    page.dialog.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    wait_idle(qtbot)
    page.table.selectRow(0)
    page.open_leave()
    page.dialog.reason.setText("病假")
    page.dialog.accept()
    qtbot.waitUntil(lambda: bool(page.model.index(0, 4).data()))
    wait_idle(qtbot)
    assert page.model.index(0, 4).data().startswith("至")
    today = school_today()
    assert [x.reason for x in list_leave(workspace, today, today)] == ["病假"]


def test_staff_model_passes_the_model_tester(qtmodeltester, workspace, principal):
    from app.staff.service import add_staff

    add_staff(workspace, principal, name="罗斌")
    model = StaffModel()
    model.set_rows(list_staff(workspace))
    qtmodeltester.check(model)


def test_the_page_is_only_for_those_who_edit_staff(workspace, principal):
    spec = next(p for p in PAGES if p.key == "staff")
    assert spec.visible(principal)
    guard = make_user(workspace, principal, "zhoujun", "guard").actor()
    assert not spec.visible(guard)
    handover = next(p for p in PAGES if p.key == "handover")
    assert handover.visible(guard)
