"""The inspections page: the lazy list, answering with keys only, photos, finalizing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.hazards.ledger import LedgerFilters, hazard_ledger
from app.inspections.queries import InspectionFilters, inspection_detail, list_inspections
from app.inspections.service import start_inspection
from tests.app.inspection_helpers import jpeg, people
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.hazards.page import HazardsPage
from ui.inspections.model import InspectionListModel
from ui.inspections.page import InspectionsPage

FINDING = "二楼东侧安全出口堆放课桌"


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _page(qtbot, ws, username="lijianguo", secret="482913"):
    page = InspectionsPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.model.pages >= 1)
    return page


def _start_patrol(qtbot, page):
    """Through the dialog: the daily patrol checklist at the teaching building."""
    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.ready)
    dialog.kind.setCurrentIndex(dialog.kind.findData("daily_patrol"))
    dialog.choose_templates(["daily_patrol"])
    dialog.place.setText("教学楼")
    dialog.accept()
    view = page.answers
    qtbot.waitUntil(lambda: page.stack.currentWidget() is view and view.detail is not None)
    return view


def _keys(qtbot, widget, *keys):
    for key in keys:
        qtbot.keyClick(widget, key)


def test_the_inspection_list_model_passes_the_model_tester(qtbot, qtmodeltester, workspace, crew):
    for place in ("教学楼", "食堂", "宿舍"):
        start_inspection(workspace, crew.officer, "daily_patrol", ["daily_patrol"], place=place)
    model = InspectionListModel()
    model.PAGE = 2
    model.show_filters(workspace, crew.officer, InspectionFilters())
    qtbot.waitUntil(lambda: model.pages >= 1)
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtmodeltester.check(model)
    assert {model.index(r, 3).data() for r in range(3)} == {"教学楼", "食堂", "宿舍"}
    assert model.index(0, 6).data() == "检查中"


def test_answering_with_keys_only_and_finalizing_puts_the_failure_in_the_ledger(
    qtbot, workspace, crew
):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    assert view.current_row() == 0
    assert view.item_text.text().startswith("1. ")

    _keys(qtbot, view.table, Qt.Key.Key_P, Qt.Key.Key_Return, Qt.Key.Key_F)
    # F leaves the cursor in the note; Chinese arrives from the input method as one commit.
    view.note.insert(FINDING)
    qtbot.keyClick(view.note, Qt.Key.Key_Return)  # saves the note, next item
    _keys(qtbot, view.table, Qt.Key.Key_N, Qt.Key.Key_Return)
    assert view.current_row() == 3
    qtbot.waitUntil(view.idle)

    answers = inspection_detail(workspace, crew.officer, view.inspection_id).answers
    assert [(a.result, a.note) for a in answers[:4]] == [
        ("pass", ""),
        ("fail", FINDING),
        ("na", ""),
        ("", ""),
    ]
    assert [view.model.index(r, 3).data() for r in range(3)] == ["合格", "不合格", "不适用"]
    assert view.progress.text() == f"已查 3/{len(answers)} 项，不合格 1 项"

    saves = view.saves
    view.remaining_button.click()
    qtbot.waitUntil(lambda: view.saves > saves and view.model.answered() == len(answers))
    view.finalize_button.click()
    dialog = view.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the inspector has to confirm first
    dialog.confirm.setChecked(True)
    ok.click()
    qtbot.waitUntil(lambda: view.read_only)
    assert "新增隐患 1 条" in view.message.text()

    ledger = HazardsPage(page.ctx)
    qtbot.addWidget(ledger)
    ledger.show()
    qtbot.waitUntil(lambda: ledger.model.pages >= 1 and ledger.count == 1)
    row = ledger.model.row_at(0)
    assert (row.title, row.place, row.status) == (FINDING, "教学楼", "reported")
    wait_idle(qtbot)


def test_a_finalized_inspection_is_read_only(qtbot, workspace, crew):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    view.remaining_button.click()
    qtbot.waitUntil(lambda: view.model.answered() == view.model.rowCount() > 0)
    view.finalize_button.click()
    view.dialog.confirm.setChecked(True)
    view.dialog.accept()
    qtbot.waitUntil(lambda: view.read_only)

    assert view.note.isReadOnly()
    for button in (
        view.pass_button,
        view.fail_button,
        view.na_button,
        view.add_files,
        view.add_folder,
        view.finalize_button,
        view.remaining_button,
    ):
        assert not button.isEnabled()
    assert view.correct_button.isVisible()
    saves = view.saves
    _keys(qtbot, view.table, Qt.Key.Key_F)
    assert view.saves == saves and view.idle()
    assert view.message.text() == "该检查已确认提交，如需修改请更正记录。"
    assert all(
        a.result == "pass"
        for a in inspection_detail(workspace, crew.officer, view.inspection_id).answers
    )

    # A correction is a new, open inspection that refers to this one.
    old = view.inspection_id
    view.correct_button.click()
    view.dialog.reason.setText("第 3 项应为不适用")
    view.dialog.accept()
    qtbot.waitUntil(lambda: view.inspection_id != old and view.detail is not None)
    assert not view.read_only and not view.note.isReadOnly()
    assert view.detail.row.corrects_id == old
    wait_idle(qtbot)


def test_a_folder_of_photos_lands_on_the_current_item_with_thumbnails(
    qtbot, workspace, crew, tmp_path
):
    for i in range(3):
        jpeg(tmp_path / "shots" / f"p{i}.jpg", color=(200, 30 + 60 * i, 30))
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    _keys(qtbot, view.table, Qt.Key.Key_F)
    view.photos.import_paths([str(tmp_path / "shots")], view.current_answer_id())
    qtbot.waitUntil(lambda: view.photos.thumbnails == 3 and view.idle(), timeout=10_000)
    answer = inspection_detail(workspace, crew.officer, view.inspection_id).answers[0]
    assert answer.result == "fail"
    assert sorted(p.original_name for p in answer.photos) == ["p0.jpg", "p1.jpg", "p2.jpg"]
    assert view.model.index(0, 5).data() == "3"
    # Photos chosen before the item is answered wait for the answer.
    _keys(qtbot, view.table, Qt.Key.Key_Return)
    view.photos.import_paths([str(tmp_path / "shots" / "p0.jpg")], view.current_answer_id())
    qtbot.waitUntil(lambda: view.photos.count() == 1)
    _keys(qtbot, view.table, Qt.Key.Key_P)
    qtbot.waitUntil(view.idle)
    second = inspection_detail(workspace, crew.officer, view.inspection_id).answers[1]
    assert (second.result, [p.original_name for p in second.photos]) == ("pass", ["p0.jpg"])
    assert list_inspections(workspace, crew.officer)[0].id == view.inspection_id
    assert hazard_ledger(workspace, crew.officer, LedgerFilters()) == []
    wait_idle(qtbot)
