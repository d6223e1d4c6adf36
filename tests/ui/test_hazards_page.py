"""The hazard ledger page: lazy rows, filters, the detail panel's history and actions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from app.hazards.ledger import LedgerFilters, hazard_detail, hazard_ledger
from app.hazards.service import HazardPlan, HazardReport, plan_hazard, report_hazard, school_today
from app.inspections.queries import inspection_detail
from app.inspections.service import (
    answer_item,
    answer_remaining,
    finalize_inspection,
    start_inspection,
)
from tests.app.inspection_helpers import people
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.hazards.model import LedgerModel
from ui.hazards.page import HazardsPage


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _old_finding(ws, actor, days_ago: int, item: int, note: str) -> None:
    """A patrol some days ago with one failed item: a hazard reported on that day."""
    at = datetime.now(UTC) - timedelta(days=days_ago)
    iid = start_inspection(ws, actor, "daily_patrol", ["daily_patrol"], place="全校", started_at=at)
    first = inspection_detail(ws, actor, iid).answers[item]
    answer_item(ws, actor, first.id, "fail", note)
    answer_remaining(ws, actor, iid)
    finalize_inspection(ws, actor, iid)


@pytest.fixture
def ledger(workspace, crew):
    ws = workspace
    _old_finding(ws, crew.officer, 10, 2, "宿舍楼疏散指示灯不亮")
    _old_finding(ws, crew.officer, 6, 3, "三楼走廊护栏松动")
    late = hazard_ledger(ws, crew.officer, LedgerFilters(text="指示灯"))[0]
    plan_hazard(
        ws,
        crew.officer,
        late.id,
        HazardPlan(
            crew.teacher.user_id, late.reported_on + timedelta(days=2), "更换灯具", "专人值守"
        ),
    )
    report_hazard(ws, crew.teacher, HazardReport(title="操场围栏破损", area="security"))
    return {r.title: r.id for r in hazard_ledger(ws, crew.officer)}


def _page(qtbot, ws, username, secret="482913"):
    page = HazardsPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.model.pages >= 1 and page.count >= 0)
    return page


def _titles(page):
    return [r.title for r in page.model.rows()]


def test_the_ledger_model_passes_the_model_tester(qtbot, qtmodeltester, workspace, crew, ledger):
    model = LedgerModel()
    model.PAGE = 2  # several pages, fetched as asked
    model.show_filters(workspace, crew.officer, LedgerFilters())
    qtbot.waitUntil(lambda: model.pages >= 1)
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.pages >= 2)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    assert {model.index(r, 3).data() for r in range(3)} == {"已上报", "已制定整改方案（逾期）"}
    assert {model.index(r, 2).data() for r in range(3)} == {"一般"}


def test_filters_change_the_rows(qtbot, workspace, ledger):
    page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    assert sorted(_titles(page)) == sorted(ledger)
    assert page.count_label.text() == "共 3 条隐患"

    pages = page.model.pages
    page.overdue.setChecked(True)
    qtbot.waitUntil(lambda: page.model.pages == 1 and page.count == 1)
    assert _titles(page) == ["宿舍楼疏散指示灯不亮"]
    assert page.model.index(0, 4).data() is not None  # the deadline

    page.overdue.setChecked(False)
    page.area.setCurrentIndex(page.area.findData("security"))
    qtbot.waitUntil(lambda: page.count == 1 and _titles(page) == ["操场围栏破损"])
    assert "人防物防技防" in page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)

    page.area.setCurrentIndex(0)
    page.search.setText("护栏")  # typed: read after a short pause, not per key
    qtbot.waitUntil(lambda: _titles(page) == ["三楼走廊护栏松动"])

    page.search.clear()
    page.use_dates.setChecked(True)
    page.date_from.setDate(QDate.currentDate().addDays(-8))
    page.date_to.setDate(QDate.currentDate().addDays(-1))
    qtbot.waitUntil(lambda: _titles(page) == ["三楼走廊护栏松动"])
    assert pages >= 1


def _choose(qtbot, page, hazard_id):
    qtbot.waitUntil(lambda: page.select_hazard(hazard_id))
    qtbot.waitUntil(
        lambda: page.detail.detail is not None and page.detail.detail.row.id == hazard_id
    )


def test_planning_shows_the_step_in_the_history(qtbot, workspace, crew, ledger):
    page = _page(qtbot, workspace, "lijianguo")
    hid = ledger["操场围栏破损"]
    _choose(qtbot, page, hid)
    assert "已上报" in page.detail.history.toPlainText()
    assert page.detail.buttons["plan"].isEnabled()

    page.detail.buttons["plan"].click()
    dialog = page.detail.dialog
    dialog.responsible.setCurrentIndex(dialog.responsible.findText("zhengxia-name（教职工）"))
    dialog.measures.setPlainText("更换破损围栏")
    dialog.safeguard.setPlainText("拉设警戒线")
    dialog.funds.setText("800")
    loads = page.detail.loads
    dialog.accept()
    qtbot.waitUntil(
        lambda: page.detail.loads > loads and "整改方案" in page.detail.history.toPlainText()
    )
    history = page.detail.history.toPlainText()
    assert "制定整改方案 → 已制定整改方案" in history and "更换破损围栏" in history
    assert "zhengxia-name" in page.detail.summary.toPlainText()
    assert hazard_detail(workspace, crew.officer, hid).row.status == "planned"
    assert page.detail.buttons["start"].isEnabled()  # a manager may start the work
    assert not page.detail.buttons["recheck_pass"].isEnabled()
    wait_idle(qtbot)


def test_staff_see_plan_and_recheck_disabled_with_the_reason(qtbot, workspace, crew, ledger):
    page = _page(qtbot, workspace, "zhengxia")
    _choose(qtbot, page, ledger["操场围栏破损"])
    for key in ("plan", "recheck_pass", "recheck_fail", "escalate"):
        button = page.detail.buttons[key]
        assert not button.isEnabled(), key
        assert button.toolTip() == "只有校长或安全主任可以进行此操作。"
    # The responsible person may do the work on the planned one.
    _choose(qtbot, page, ledger["宿舍楼疏散指示灯不亮"])
    assert page.detail.buttons["rectify"].isEnabled()
    assert not page.detail.buttons["plan"].isEnabled()


def test_a_refused_plan_shows_the_service_message_and_changes_nothing(
    qtbot, workspace, crew, ledger
):
    page = _page(qtbot, workspace, "lijianguo")
    hid = ledger["三楼走廊护栏松动"]
    _choose(qtbot, page, hid)
    page.detail.buttons["plan"].click()
    dialog = page.detail.dialog
    dialog.measures.setPlainText("紧固螺丝")
    dialog.safeguard.setPlainText("张贴警示")
    reported = hazard_detail(workspace, crew.officer, hid).row.reported_on
    before = reported - timedelta(days=1)
    dialog.deadline.setDate(QDate(before.year, before.month, before.day))
    dialog.accept()
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert page.message.text() == (
        f"整改时限 {before.isoformat()} 早于隐患上报时间（{reported.isoformat()}）。"
    )
    detail = hazard_detail(workspace, crew.officer, hid)
    assert detail.row.status == "reported" and detail.row.deadline is None
    assert [e.kind for e in detail.history] == ["report"]
    assert school_today() > reported


def test_a_hazard_from_a_drill_links_back_to_the_drill(qtbot, workspace, crew, tmp_path):
    from app.drills.queries import get_drill
    from app.drills.service import finalize_drill, problem_to_hazard, save_drill
    from tests.app.drill_helpers import complete_form, photo

    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    finalize_drill(workspace, crew.officer, drill_id)
    drill = get_drill(workspace, drill_id)
    hazard_id = problem_to_hazard(workspace, crew.officer, drill.problems[0].id, area="fire")
    by_hand = report_hazard(
        workspace, crew.officer, HazardReport(title="操场围栏松动", area="security")
    )

    page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    loads = page.detail.loads
    page.open_record(hazard_id)
    qtbot.waitUntil(lambda: page.detail.loads > loads and page.detail.origin.isVisible())
    shown = page.detail.origin.text()
    assert drill.ref in shown and "演练" in shown  # 来源：演练 …
    with qtbot.waitSignal(page.ctx.events.open_requested) as opened:
        page.detail.origin.linkActivated.emit("open")
    assert opened.args == ["drills", drill_id]

    loads = page.detail.loads
    page.open_record(by_hand)
    qtbot.waitUntil(lambda: page.detail.loads > loads and page.detail.hazard_id == by_hand)
    wait_idle(qtbot)
    assert not page.detail.origin.isVisible()


def test_deadline_and_responsible_person_fit_a_1366_pixel_window(
    qtbot, workspace, crew, laptop_style
):
    """1366 px wide, 168 of them the navigation: no horizontal scrollbar, long text elided."""
    long_title = "教学楼北侧二楼至三楼楼梯间扶手松动且照明不足，夜间自习下课时学生拥挤存在踩踏风险"
    hid = report_hazard(
        workspace,
        crew.teacher,
        HazardReport(title=long_title, area="events", place="教学楼北侧楼梯间"),
    )
    people = make_user(workspace, crew.principal, "ouyang", "staff")
    plan_hazard(
        workspace,
        crew.officer,
        hid,
        HazardPlan(people.id, school_today() + timedelta(days=5), "加固扶手，增加照明", "专人值守"),
    )
    page = HazardsPage(context_for(workspace, "lijianguo", "482913"))
    qtbot.addWidget(page)
    page.resize(1366 - 168 - 6, 680)  # the main window's page area (splitter handle included)
    page.show()
    qtbot.waitUntil(lambda: page.model.pages >= 1 and page.count == 1)
    QApplication.processEvents()

    table = page.table
    assert table.horizontalScrollBar().maximum() == 0, "a horizontal scrollbar hides columns"
    viewport = table.viewport().width()
    for col in (LedgerModel.DEADLINE, LedgerModel.RESPONSIBLE):
        right = table.columnViewportPosition(col) + table.columnWidth(col)
        assert table.columnViewportPosition(col) >= 0 and right <= viewport
    deadline = page.model.index(0, LedgerModel.DEADLINE).data()
    assert deadline == (school_today() + timedelta(days=5)).isoformat()
    metrics = table.fontMetrics()
    assert metrics.horizontalAdvance(deadline) < table.columnWidth(LedgerModel.DEADLINE)
    assert page.model.index(0, LedgerModel.RESPONSIBLE).data() == "ouyang-name"
    # The long title is elided in its cell; the whole text is in the tooltip.
    title = page.model.index(0, LedgerModel.TITLE)
    assert metrics.horizontalAdvance(long_title) > table.columnWidth(LedgerModel.TITLE)
    assert long_title in title.data(Qt.ItemDataRole.ToolTipRole)
    assert "教学楼北侧楼梯间" in title.data(Qt.ItemDataRole.ToolTipRole)
    wait_idle(qtbot)


def test_a_safety_officer_marks_a_hazard_major_from_its_detail(qtbot, workspace, crew, ledger):
    hid = ledger["操场围栏破损"]
    staff = _page(qtbot, workspace, "zhengxia")
    _choose(qtbot, staff, hid)
    button = staff.detail.buttons["major"]
    assert not button.isEnabled() and button.toolTip() == "只有校长或安全主任可以进行此操作。"

    page = _page(qtbot, workspace, "lijianguo")
    _choose(qtbot, page, hid)
    button = page.detail.buttons["major"]
    assert button.isEnabled() and button.text() == "认定为重大隐患…"
    button.click()
    page.detail.dialog.note.setPlainText("围栏外即为河道")
    loads = page.detail.loads
    page.detail.dialog.accept()
    qtbot.waitUntil(lambda: page.detail.loads > loads and page.detail.detail.row.major)
    assert "认定为重大隐患" in page.detail.history.toPlainText()
    assert not page.detail.buttons["major"].isEnabled()
    assert page.detail.buttons["monitor"].isEnabled()  # twice-daily monitoring starts
    detail = hazard_detail(workspace, crew.officer, hid)
    assert detail.major_since == school_today()
    wait_idle(qtbot)
