"""The inspections page: the lazy list, answering with keys only, photos, finalizing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.hazards.ledger import LedgerFilters, hazard_ledger
from app.inspections.queries import InspectionFilters, inspection_detail, list_inspections
from app.inspections.service import start_inspection
from tests.app.inspection_helpers import jpeg, people
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.hazards.page import HazardsPage
from ui.inspections.answer_view import FINALIZE_KEYS, key_text
from ui.inspections.model import InspectionListModel
from ui.inspections.page import InspectionsPage

FINDING = "安全出口堆放课桌"
SPOT = "教学楼二楼东侧"


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _page(qtbot, ws, username="lijianguo", secret="482913"):
    page = InspectionsPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    _activate(qtbot, page)  # keyboard focus and shortcuts work in the active window only
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
    _activate(qtbot, page)
    return view


def _activate(qtbot, window):
    """Back to the page after a dialog closed (a desktop's window manager does this)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


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


def _sign(qtbot, pad):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(40, 200, 12):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 50))


def _finalize_by_keys(qtbot, view, grades=None):
    """Ctrl+Enter, grade, confirm and sign in the dialog; waits until finalized."""
    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.dialog is not None)
    dialog = view.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for answer_id, grade in (grades or {}).items():
        combo = dialog.grades[answer_id]
        combo.setCurrentIndex(combo.findData(grade))
    dialog.confirm.setChecked(True)
    assert not ok.isEnabled()  # the inspector has to sign too
    _sign(qtbot, dialog.pad)
    assert ok.isEnabled()
    ok.click()
    qtbot.waitUntil(lambda: view.read_only)
    _activate(qtbot, view.window())
    return dialog


def test_answering_with_keys_only_and_finalizing_puts_the_failure_in_the_ledger(
    qtbot, workspace, crew
):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    assert view.current_row() == 0
    assert view.item_text.text().startswith("1. ")

    # P answers and moves on, as Enter does.
    _keys(qtbot, view.table, Qt.Key.Key_P)
    assert view.current_row() == 1 and view.table.hasFocus()
    _keys(qtbot, view.table, Qt.Key.Key_F)
    assert view.note.hasFocus() and view.spot.isEnabled()
    # F leaves the cursor in the note; Chinese arrives from the input method as one commit.
    view.note.insert(FINDING)
    qtbot.keyClick(view.note, Qt.Key.Key_Return)  # on to the spot
    assert view.spot.hasFocus() and view.current_row() == 1
    view.spot.insert(SPOT)
    qtbot.keyClick(view.spot, Qt.Key.Key_Return)  # saves both, next item
    assert view.current_row() == 2 and view.table.hasFocus()
    _keys(qtbot, view.table, Qt.Key.Key_N)
    assert view.current_row() == 3
    assert not view.spot.isEnabled()  # the spot is asked for a failed item only
    qtbot.waitUntil(view.idle)

    answers = inspection_detail(workspace, crew.officer, view.inspection_id).answers
    assert [(a.result, a.note, a.spot) for a in answers[:4]] == [
        ("pass", "", ""),
        ("fail", FINDING, SPOT),
        ("na", "", ""),
        ("", "", ""),
    ]
    assert [view.model.index(r, 3).data() for r in range(3)] == ["合格", "不合格", "不适用"]
    assert view.progress.text() == f"已查 3/{len(answers)} 项，不合格 1 项"

    # The rest pass with Ctrl+Shift+P, shown on the button.
    assert view.remaining_button.text() == "其余各项均合格 (Ctrl+Shift+P)"
    assert view.finalize_button.text() == f"确认提交… ({key_text(FINALIZE_KEYS[0])})"
    saves = view.saves
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: view.saves > saves and view.model.answered() == len(answers))
    dialog = _finalize_by_keys(qtbot, view, grades={answers[1].id: "major"})
    assert "新增隐患 1 条" in view.message.text()
    assert dialog.grades.keys() == {answers[1].id}

    ledger = HazardsPage(page.ctx)
    qtbot.addWidget(ledger)
    ledger.show()
    qtbot.waitUntil(lambda: ledger.model.pages >= 1 and ledger.count == 1)
    row = ledger.model.row_at(0)
    # The hazard is the problem found, at its spot, graded as chosen.
    assert (row.title, row.place, row.status, row.major) == (FINDING, SPOT, "reported", True)
    detail = inspection_detail(workspace, crew.officer, view.inspection_id)
    assert detail.inspector_signature is not None
    assert detail.inspector_signature.name == "lijianguo-name"
    wait_idle(qtbot)


def test_a_failed_item_cannot_be_left_without_its_note_and_spot(qtbot, workspace, crew):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    _keys(qtbot, view.table, Qt.Key.Key_F)
    assert view.note.hasFocus()
    qtbot.keyClick(view.note, Qt.Key.Key_Return)  # nothing written yet
    assert view.current_row() == 0 and view.note.hasFocus()
    assert view.message.text() == "第 1 项不合格：请先写明发现的问题再继续。"
    view.note.insert(FINDING)
    view.table.setFocus()
    _keys(qtbot, view.table, Qt.Key.Key_Return)  # still no spot
    assert view.current_row() == 0 and view.spot.hasFocus()
    assert view.message.text() == "第 1 项不合格：请先写明具体部位再继续。"
    # A click on another item is refused too: back to the failed one.
    view.table.selectRow(4)
    qtbot.waitUntil(lambda: view.current_row() == 0)
    assert view.spot.hasFocus()
    # Finalizing is refused in words as well, before any dialog opens.
    qtbot.keyClick(view.spot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.dialog is None and view.message.text() == "第 1 项不合格：请先写明具体部位再继续。"
    view.spot.insert(SPOT)
    qtbot.keyClick(view.spot, Qt.Key.Key_Return)
    assert view.current_row() == 1 and view.message.text() == ""
    qtbot.waitUntil(view.idle)
    first = inspection_detail(workspace, crew.officer, view.inspection_id).answers[0]
    assert (first.result, first.note, first.spot) == ("fail", FINDING, SPOT)
    wait_idle(qtbot)


def test_a_click_on_a_result_button_leaves_the_cursor_where_the_keys_work(qtbot, workspace, crew):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    qtbot.mouseClick(view.fail_button, Qt.MouseButton.LeftButton)
    assert view.note.hasFocus()
    view.note.insert(FINDING)
    qtbot.keyClick(view.note, Qt.Key.Key_Tab)
    assert view.spot.hasFocus()
    view.spot.insert(SPOT)
    qtbot.keyClick(view.spot, Qt.Key.Key_Return)
    for row in range(1, 4):
        assert view.current_row() == row
        assert view.table.hasFocus() and not view.fail_button.hasFocus()
        if row == 2:
            qtbot.mouseClick(view.pass_button, Qt.MouseButton.LeftButton)
        else:
            _keys(qtbot, view.table, Qt.Key.Key_P)
    assert view.current_row() == 4 and view.table.hasFocus()
    qtbot.waitUntil(view.idle)
    wait_idle(qtbot)


def test_the_principal_countersigns_a_finalized_inspection(qtbot, workspace, crew):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    assert not view.countersign_button.isVisible()
    view.remaining_button.click()
    qtbot.waitUntil(lambda: view.model.answered() == view.model.rowCount() > 0)
    _finalize_by_keys(qtbot, view)
    assert not view.countersign_button.isVisible()  # a safety officer does not countersign
    iid = view.inspection_id

    boss = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    boss.open_inspection(iid)
    answers = boss.answers
    qtbot.waitUntil(lambda: answers.detail is not None and answers.read_only)
    assert answers.countersign_button.isVisible()
    answers.countersign_button.click()
    dialog = answers.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    _sign(qtbot, dialog.pad)
    ok.click()
    qtbot.waitUntil(lambda: not answers.countersign_button.isVisible())
    assert "张丽" in answers.meta.text()
    detail = inspection_detail(workspace, crew.officer, iid)
    assert detail.principal_signature is not None and detail.principal_signature.name == "张丽"
    wait_idle(qtbot)


def test_a_finalized_inspection_is_read_only(qtbot, workspace, crew):
    page = _page(qtbot, workspace)
    view = _start_patrol(qtbot, page)
    view.remaining_button.click()
    qtbot.waitUntil(lambda: view.model.answered() == view.model.rowCount() > 0)
    _finalize_by_keys(qtbot, view)

    assert view.note.isReadOnly() and view.spot.isReadOnly()
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
    view.note.insert(FINDING)
    view.spot.insert(SPOT)
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


def test_the_finalize_and_countersign_dialogs_fit_the_laptop_screen(qtbot):
    """16 failed items with long notes: the list scrolls, the dialog stays within 1366×728."""
    import uuid

    from ui.inspections.dialogs import CountersignDialog, FailedItem, FinalizeDialog

    failed = [
        FailedItem(
            uuid.uuid4(),
            n,
            "教学楼安全出口、疏散通道畅通",
            "安全出口堆放课桌，" * 6,
            "教学楼二楼东侧",
            "general",
        )
        for n in range(1, 17)
    ]
    for dialog in (
        FinalizeDialog(None, "李建国", 183, failed),
        CountersignDialog(None, "张丽", "消防安全检查表 / 燃气安全检查表 / 学生宿舍安全检查表"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= 1366 and dialog.height() <= 728, dialog.size()
    assert dialog.ok.isEnabled() is False


def test_every_answer_column_fits_a_1366_pixel_window(qtbot, workspace, crew, laptop_style):
    """In the main window on a 1366×728 laptop screen the result and the finding stay in
    view beside the item: no horizontal scrollbar hides a column."""
    from ui.main_window import MainWindow

    window = MainWindow(context_for(workspace, "lijianguo", "482913"))
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    page = window.show_page("inspections")
    qtbot.waitUntil(lambda: page.model.pages >= 1)
    view = _start_patrol(qtbot, page)
    QApplication.processEvents()
    table = view.table
    assert table.horizontalScrollBar().maximum() == 0, "a horizontal scrollbar hides columns"
    viewport = table.viewport().width()
    last = view.model.columnCount() - 1
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= viewport
    wait_idle(qtbot)
