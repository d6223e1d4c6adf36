"""The grid page: an unassigned zone is flagged at a glance; zones, posts, assignments and letters."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.grid.overview import grid_overview
from app.grid.service import add_post, add_zone, assign
from app.hazards.service import school_today
from app.staff.service import add_staff
from tests.app.inspection_helpers import jpeg
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.grid.page import UNASSIGNED_BACKGROUND, GridModel, GridPage


@pytest.fixture
def grid(workspace, principal):
    people = {n: add_staff(workspace, principal, name=n, post="教师", phone="13800000000").id
              for n in ("罗斌", "刘芳", "赵敏")}  # fmt: skip
    dorm = add_zone(workspace, principal, name="学生宿舍", kind="dormitory", place="东院")
    add_zone(workspace, principal, name="操场", kind="playground")
    post = add_post(
        workspace, principal, name="宿舍管理员", duties=["午休、晚眠点名", "夜间巡查宿舍"]
    )
    start = date(2026, 1, 1)
    assign(workspace, principal, zone_id=dorm.id, person_id=people["刘芳"], leader_id=people["罗斌"],
           supervisor_id=people["赵敏"], valid_from=start)  # fmt: skip
    assign(workspace, principal, post_id=post.id, person_id=people["刘芳"], valid_from=start)
    return people


def _page(qtbot, ws, username="zhangli", secret=PRINCIPAL_PASSWORD):
    page = GridPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    return page


def _row(page, name):
    return next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == name)


def _cell(page, name, col, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(_row(page, name), col).data(role)


def test_grid_model_passes_the_model_tester(qtmodeltester, workspace, grid):
    model = GridModel()
    model.set_rows(grid_overview(workspace, school_today()).rows)
    qtmodeltester.check(model)


def test_an_unassigned_zone_is_flagged_at_a_glance(qtbot, workspace, grid):
    page = _page(qtbot, workspace)
    assert _cell(page, "操场", 3) == "⚠ 无人负责"
    assert _cell(page, "操场", 6) == "⚠ 无责任人"
    assert _cell(page, "操场", 0, Qt.ItemDataRole.BackgroundRole).color() == UNASSIGNED_BACKGROUND
    assert _cell(page, "学生宿舍", 3) == "刘芳" and _cell(page, "学生宿舍", 6) == "✓ 齐全"
    assert _cell(page, "学生宿舍", 0, Qt.ItemDataRole.BackgroundRole) is None
    # The post lacks a leader and supervisor: flagged, but not as unassigned.
    assert "缺责任领导" in _cell(page, "宿舍管理员", 6)
    assert "1" in page.summary.text() and "没有责任人" in page.summary.text()
    # The post's duty list shows when it is chosen.
    page.table.selectRow(_row(page, "宿舍管理员"))
    assert "夜间巡查宿舍" in page.detail.text()


def test_assigning_the_open_zone_clears_its_flag(qtbot, workspace, grid):
    page = _page(qtbot, workspace)
    page.table.selectRow(_row(page, "操场"))
    qtbot.keyClick(
        page.table,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.dialog
    dialog.person.setCurrentIndex(dialog.person.findData(str(grid["罗斌"])))
    dialog.leader.setCurrentIndex(dialog.leader.findData(str(grid["赵敏"])))
    dialog.supervisor.setCurrentIndex(dialog.supervisor.findData(str(grid["刘芳"])))
    qtbot.keyClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.loads >= 2 and _cell(page, "操场", 3) == "罗斌")
    wait_idle(qtbot)
    assert _cell(page, "操场", 6) == "✓ 齐全"
    assert "全部" in page.summary.text()


def test_add_a_zone_and_a_post_with_its_duties(qtbot, workspace, grid):
    page = _page(qtbot, workspace)
    page.open_zone()
    dialog = page.dialog
    dialog.name.setText("锅炉房")
    dialog.kind.setCurrentIndex(dialog.kind.findData("boiler_room"))
    dialog.accept()
    qtbot.waitUntil(
        lambda: any(page.model.row_at(r).name == "锅炉房" for r in range(page.model.rowCount()))
    )
    wait_idle(qtbot)
    assert _cell(page, "锅炉房", 1) == "锅炉房" and _cell(page, "锅炉房", 6) == "⚠ 无责任人"
    page.open_post()
    dialog = page.dialog
    dialog.name.setText("保安")
    dialog.duties.setPlainText("校门管控\n夜间巡逻\n")
    dialog.accept()
    qtbot.waitUntil(
        lambda: any(page.model.row_at(r).name == "保安" for r in range(page.model.rowCount()))
    )
    wait_idle(qtbot)
    page.table.selectRow(_row(page, "保安"))
    assert "2. 夜间巡逻" in page.detail.text()


def test_record_a_letter_with_its_scan(qtbot, workspace, grid, tmp_path):
    scan = jpeg(tmp_path / "letter.jpg", size=(300, 400))
    page = _page(qtbot, workspace)
    page.tabs.setCurrentIndex(1)
    assert "罗斌" in page.unsigned.text()
    page.open_letter()
    dialog = page.dialog
    dialog.issuer.setCurrentIndex(dialog.issuer.findData(str(grid["赵敏"])))
    dialog.signer.setCurrentIndex(dialog.signer.findData(str(grid["罗斌"])))
    dialog.scan.setText(str(scan))
    dialog.accept()
    qtbot.waitUntil(lambda: page.letters.rowCount() == 1)
    wait_idle(qtbot)
    row = [page.letters.index(0, c).data() for c in range(6)]
    assert row[2:4] == ["赵敏", "罗斌"] and row[5].startswith("📎")
    assert "罗斌" not in page.unsigned.text()
    # The scan is a stored photo: its thumbnail shows under the list.
    page.letter_table.selectRow(0)
    qtbot.waitUntil(lambda: page.scan_strip.thumbnails == 1)


def test_staff_without_grid_rights_read_it_without_phones(qtbot, workspace, principal, grid):
    make_user(workspace, principal, "zhengxia", "staff")
    page = _page(qtbot, workspace, "zhengxia", "482913")
    assert not page.buttons["assign"].isVisibleTo(page)
    assert _cell(page, "学生宿舍", 5) == ""
    boss = _page(qtbot, workspace)
    assert _cell(boss, "学生宿舍", 5) == "13800000000"


def test_a_zone_prints_its_placard_for_anyone(qtbot, workspace, principal, grid, no_keyring):
    make_user(workspace, principal, "zhengxia", "staff")
    page = _page(qtbot, workspace, "zhengxia", "482913")
    page.table.selectRow(_row(page, "宿舍管理员"))
    assert not page.print_button.isEnabled()  # a post has no placard
    page.table.selectRow(_row(page, "学生宿舍"))
    assert page.print_button.isEnabled()
    page.print_selected()  # what the main window's Ctrl+P calls
    qtbot.waitUntil(lambda: page.preview.ready, timeout=30_000)
    zone_id = page.chosen().id
    assert page.preview.rendered.stamp.record_id == str(zone_id)
    page.preview.close()
    wait_idle(qtbot)
