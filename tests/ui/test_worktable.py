"""工作台: due and overdue work in order, lines open their page, it refreshes itself, clocks tick."""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime, timedelta

from app.dashboard.worktable import Line
from app.hazards.service import school_today
from tests.app.compliance_helpers import add_hazard, add_inspection
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.dashboard.page import DashboardPage
from ui.dashboard.worktable import WorktableModel, countdown
from ui.main_window import MainWindow


def rows(model) -> list[tuple[str, str, str]]:
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def test_overdue_hazards_come_before_todays_patrol_and_open_the_ledger(qtbot, workspace, principal):
    today = school_today()
    late = add_hazard(workspace, principal, today - timedelta(days=9), deadline=today - timedelta(days=2), status="rectifying")  # fmt: skip
    add_hazard(workspace, principal, today, deadline=today + timedelta(days=5), status="planned")
    window = MainWindow(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    page = window.page("dashboard")
    qtbot.waitUntil(lambda: page.loads >= 1)
    got = rows(page.work_model)
    titles = [t for _s, t, _d in got]
    hazard_row = titles.index("隐患超过整改时限")
    patrol_row = titles.index("领导每日巡查校园")
    assert hazard_row < patrol_row
    assert got[hazard_row][0] == "已逾期" and got[patrol_row][0] == "待办"
    assert "安全月报表" in titles
    assert "逾期：" in page.summary.text()

    page.work.setCurrentIndex(page.work_model.index(hazard_row, 0))
    page.open_line(page.work.currentIndex())
    assert window.current_key() == "hazards"
    hazards = window.page("hazards")
    qtbot.waitUntil(lambda: hazards.detail.hazard_id == late, timeout=5000)
    wait_idle(qtbot)


def test_the_dashboard_refreshes_itself_when_a_record_is_committed(qtbot, workspace, principal):
    page = DashboardPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    patrol = [r for r in rows(page.work_model) if r[1] == "领导每日巡查校园"]
    assert patrol and patrol[0][0] == "待办"
    loads = page.loads
    # A commit on a worker thread, as the pages make them: heard through a queued signal.
    worker = threading.Thread(
        target=add_inspection,
        args=(workspace, principal, "daily_patrol", datetime.now(UTC) - timedelta(minutes=5)),
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: page.loads > loads, timeout=5000)
    patrol = [r for r in rows(page.work_model) if r[1] == "领导每日巡查校园"]
    assert patrol[0][0] == "已完成"


def test_countdowns_tick_without_reading_again(qtbot):
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    model = WorktableModel()
    clock = Line(0, "incident.phone", "running", "食堂 食物中毒", "food", "incidents", None,
                 now + timedelta(minutes=12, seconds=5), date(2026, 11, 23))  # fmt: skip
    model.set_rows([clock])
    model.tick(now)
    assert model.index(0, 3).data() == "剩余 12:05"
    assert model.index(0, 1).data() == "突发事件：电话报告教育局"
    with qtbot.waitSignal(model.dataChanged):
        model.tick(now + timedelta(minutes=13))
    assert model.index(0, 3).data() == "已超时 00:55"
    assert countdown(now + timedelta(hours=2), now) == "剩余 2:00:00"


def test_periods_show_in_words_not_keys(qtbot):
    from app.periods import half_month_of, semester_of, week_of

    day = date(2026, 11, 23)
    model = WorktableModel()
    model.set_rows([
        Line(4, "weekly_check", "due", "Weekly safety check", day=week_of(day).end, period=week_of(day)),
        Line(4, "half_monthly_self_inspection", "overdue", "x", day=date(2026, 11, 30),
             period=half_month_of(day)),
        Line(4, "fire_drill", "due", "x", day=date(2027, 1, 31), period=semester_of(day)),
        Line(1, "hazard", "overdue", "x", "YH-2026-003 楼梯扶手松动", "hazards"),
    ])  # fmt: skip
    which = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert which == [
        "第48周（11/23–11/29）",
        "11月下半月",
        "2026年秋季学期",
        "YH-2026-003 楼梯扶手松动",
    ]


KEY = re.compile(r"\b\d{4}-(W\d{2}|\d{2}[ab]?|Q\d|spring|autumn)(?![-\d])")


def test_the_real_worktable_shows_no_period_key(qtbot, workspace, principal):
    page = DashboardPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    model = page.work_model
    cells = [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(4)]
    assert model.rowCount() > 0
    assert [c for c in cells if KEY.search(c)] == []
    wait_idle(qtbot)
