"""The dashboard shows the school, the date, backups and readable recent activity."""

from __future__ import annotations

from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.helpers import context_for
from ui.dashboard.page import DashboardPage


def test_dashboard_shows_school_and_recent_activity_in_chinese(qtbot, workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff")
    page = DashboardPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    assert page.school_name.text() == "东风乡中心学校"
    assert page.school_kind.text() == "九年一贯制学校"
    assert page.school_boarding.text() == "是" and page.school_buses.text() == "是"
    assert "星期" in page.date_label.text() and "年" in page.date_label.text()
    assert page.last_backup.text() == "尚无"
    assert page.today_backup.text() == "今天尚未备份"
    m = page.activity_model
    actions = [m.index(r, 2).data() for r in range(m.rowCount())]
    assert actions[0] == "登录"  # newest first
    assert "添加用户" in actions and "创建学校" in actions
    assert page.activity_title.text() == "最近操作记录"


def test_staff_sees_only_their_own_activity(qtbot, workspace, principal):
    make_user(workspace, principal, "zhengxia", "staff", pin="482913")
    page = DashboardPage(context_for(workspace, "zhengxia", "482913"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    m = page.activity_model
    assert m.rowCount() == 1
    assert m.index(0, 1).data() == "zhengxia-name（教职工）"
    assert page.activity_title.text() == "我的最近操作"
