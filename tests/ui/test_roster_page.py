"""The roster page: month and week calendars with their gaps, a rotation and a swap from the UI."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from app.duty.roster import generate_rotation, list_shifts
from app.hazards.service import school_today
from tests.app.compliance_helpers import in_use_since
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.duty_helpers import crew
from tests.ui.helpers import context_for
from ui.common.fields import pydate
from ui.duty.roster_page import GAP_BACKGROUND, RosterPage, ShiftsModel, rotation_dates

MONTH = date(2026, 3, 1)


@pytest.fixture
def team(workspace, principal):
    in_use_since(workspace, MONTH)  # gaps are owed from the school's set-up day
    return crew(workspace, principal)


def _page(qtbot, ws, username="zhangli", secret=PRINCIPAL_PASSWORD):
    page = RosterPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    page.show_period("month", MONTH)
    qtbot.waitUntil(lambda: page.loads >= 2 and page.calendar.start == MONTH)
    return page


def test_shifts_model_passes_the_model_tester(qtmodeltester, workspace, principal, team):
    generate_rotation(workspace, principal, team.night.id, MONTH, MONTH + timedelta(days=6),
                      [team.staff["wangqiang"], team.staff["liufang"]])  # fmt: skip
    model = ShiftsModel()
    model.set_rows(list_shifts(workspace, MONTH, MONTH + timedelta(days=6)))
    qtmodeltester.check(model)


def test_month_view_shows_who_is_on_and_the_gaps(qtbot, workspace, principal, team):
    generate_rotation(workspace, principal, team.night.id, MONTH, date(2026, 3, 20),
                      [team.staff["wangqiang"], team.staff["liufang"]])  # fmt: skip
    generate_rotation(workspace, principal, team.leader.id, MONTH, date(2026, 3, 31),
                      [team.staff["zhangli"], team.staff["lijianguo"]])  # fmt: skip
    page = _page(qtbot, workspace)
    covered, uncovered = page.cell_of(date(2026, 3, 2)), page.cell_of(date(2026, 3, 25))
    assert "值宿 wangqiang-name" in covered.text() or "值宿 liufang-name" in covered.text()
    assert covered.background().color() != GAP_BACKGROUND
    # From the 21st nobody watches at night: each such day is red and says so.
    assert uncovered.background().color() == GAP_BACKGROUND
    assert "⚠ 值宿无人值班" in uncovered.text()
    assert "11" in page.gap_label.text() and "⚠" in page.gap_label.text()
    # The week view of the chosen day shows the same gap, seven days in one row.
    page.select_days(date(2026, 3, 25))
    page.week_button.click()
    qtbot.waitUntil(lambda: page.calendar.end - page.calendar.start == timedelta(days=6))
    assert page.grid.rowCount() == 1
    assert page.period.text().startswith("2026-03-23")
    assert page.cell_of(date(2026, 3, 25)).background().color() == GAP_BACKGROUND


def test_generate_a_rotation_from_the_dialog(qtbot, workspace, principal, team):
    page = _page(qtbot, workspace)
    assert page.cell_of(date(2026, 3, 10)).background().color() == GAP_BACKGROUND
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None
    dialog.duty.setCurrentIndex(dialog.duty.findData(str(team.night.id)))
    dialog.start.setDate(QDate(2026, 3, 1))  # March is over: planned here after the fact
    dialog.end.setDate(QDate(2026, 3, 31))
    dialog.tick(["wangqiang-name", "liufang-name"])
    qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "31" in page.message.text())
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: "值宿" in page.cell_of(date(2026, 3, 10)).text().split("⚠")[0])
    nights = [
        v for v in list_shifts(workspace, MONTH, date(2026, 3, 31)) if v.kind == "night_watch"
    ]
    assert len(nights) == 31
    counts = {n: sum(v.staff_name == n for v in nights) for n in ("wangqiang-name", "liufang-name")}
    assert abs(counts["wangqiang-name"] - counts["liufang-name"]) <= 1


def test_swap_two_shifts_by_choosing_them(qtbot, workspace, principal, team):
    generate_rotation(workspace, principal, team.night.id, MONTH, date(2026, 3, 31),
                      [team.staff["wangqiang"], team.staff["liufang"]])  # fmt: skip
    page = _page(qtbot, workspace)
    first, second = date(2026, 3, 2), date(2026, 3, 3)
    before = {v.date: v.staff_name for v in list_shifts(workspace, first, second)}
    assert before[first] != before[second]
    page.select_days(first, second)
    assert page.shifts.rowCount() == 2
    assert not page.swap_button.isEnabled()
    page.shift_table.selectAll()
    assert page.swap_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.message.isVisible() and page.loads >= 3)
    wait_idle(qtbot)
    after = {v.date: v.staff_name for v in list_shifts(workspace, first, second)}
    assert after == {first: before[second], second: before[first]}
    assert before[second] in page.cell_of(first).text()


def test_duty_staff_see_the_roster_but_cannot_change_it(qtbot, workspace, team):
    page = _page(qtbot, workspace, "wangqiang", "246800")
    assert not page.generate_button.isVisibleTo(page)
    assert not page.swap_button.isVisibleTo(page)
    assert page.cell_of(date(2026, 3, 10)) is not None


def test_a_new_school_is_not_behind_and_its_rotation_starts_today(qtbot, workspace, principal):
    """Set up today: no red days before today, and a rotation proposed from today."""
    crew(workspace, principal)
    today = school_today()
    page = RosterPage(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    for day in page.calendar.days:
        cell = page.cell_of(day.date)
        if day.date < today:
            assert not day.gaps and cell.background().color() != GAP_BACKGROUND
        else:  # from the set-up day on, a night with no watch is a gap
            assert cell.background().color() == GAP_BACKGROUND and "⚠" in cell.text()
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert pydate(dialog.start.date()) == today
    assert pydate(dialog.end.date()) == page.period_range()[1]
    dialog.reject()


def test_rotation_dates_proposed_for_the_period_shown():
    today = date(2026, 11, 23)
    assert rotation_dates((date(2026, 11, 1), date(2026, 11, 30)), today) == (
        today, date(2026, 11, 30))  # fmt: skip
    assert rotation_dates((date(2026, 12, 1), date(2026, 12, 31)), today) == (
        date(2026, 12, 1), date(2026, 12, 31))  # fmt: skip
    assert rotation_dates((date(2026, 11, 23), date(2026, 11, 29)), today) == (
        today, date(2026, 11, 29))  # fmt: skip
    # A period already over proposes from today to the end of this month.
    assert rotation_dates((date(2026, 3, 1), date(2026, 3, 31)), today) == (
        today, date(2026, 11, 30))  # fmt: skip


def test_the_handover_column_says_on_duty_until_the_shift_ends(workspace, principal):
    from datetime import datetime

    from app.duty.roster import add_duty_type, add_shift
    from app.school.clock import SCHOOL_TZ

    team = crew(workspace, principal)
    now = datetime.now(SCHOOL_TZ).replace(second=0, microsecond=0)
    starts, ends = now - timedelta(hours=1), now + timedelta(hours=2)
    duty = add_duty_type(workspace, principal, name="晚自习值班", kind="teacher",
                         start_time=starts.time(), end_time=ends.time())  # fmt: skip
    running = add_shift(workspace, principal, duty.id, starts.date(), team.staff["liufang"])
    over = add_shift(
        workspace, principal, duty.id, starts.date() - timedelta(days=2), team.staff["liufang"]
    )
    model = ShiftsModel()
    model.set_rows([over, running])
    assert [model.index(r, 4).data() for r in (0, 1)] == ["缺交接班记录", "值班中"]
