"""The drills page and editor: cadence at the top, filters, photos imported by folder,
captions, finalizing by keyboard, and read-only finalized records."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.drills.queries import get_drill, list_drills
from app.drills.service import save_drill
from tests.app.drill_helpers import complete_form, held_drill, photo
from tests.app.inspection_helpers import jpeg, people
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.drills.editor import DrillEditor
from ui.drills.model import DrillsModel
from ui.drills.page import DrillsPage


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _page(qtbot, ws, username="lijianguo", secret="482913"):
    page = DrillsPage(context_for(ws, username, secret))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitUntil(lambda: page.loaded >= 1)
    return page


def _editor(qtbot, ws, drill_id=None, username="lijianguo", secret="482913"):
    editor = DrillEditor(context_for(ws, username, secret), drill_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.loaded)
    wait_idle(qtbot)
    return editor


def test_the_drills_model_passes_the_model_tester(qtmodeltester, workspace, crew, tmp_path):
    held_drill(workspace, crew.officer, tmp_path, "earthquake", date(2026, 10, 9))
    model = DrillsModel()
    model.set_rows(list_drills(workspace))
    qtmodeltester.check(model)


def test_the_page_shows_the_cadence_and_filters_drills(qtbot, workspace, crew, tmp_path):
    held_drill(workspace, crew.officer, tmp_path, "fire_evacuation", date(2026, 9, 10))
    held_drill(workspace, crew.officer, tmp_path, "earthquake", date(2026, 10, 9))
    page = _page(qtbot, workspace)

    assert page.model.rowCount() == 2
    chips = {c.property("code"): c.property("status") for c in page.cadence.chips}
    # The fixture school (nine-year, with buses) this month: the semester's fire
    # drill is done, training and the bus drill are not yet.
    assert chips["fire_drill"] == "done"
    assert chips["fire_training"] in ("due", "missed") and "bus_drill" in chips
    assert "消防" in page.cadence.chips[1].text(), "the strip speaks Chinese"

    page.type_filter.setCurrentIndex(page.type_filter.findData("earthquake"))
    wait_idle(qtbot)
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).drill_type == "earthquake"

    page.type_filter.setCurrentIndex(0)
    september = next(i for i in range(page.period.count()) if page.period.itemText(i) == "2026-09")
    page.period.setCurrentIndex(september)
    wait_idle(qtbot)
    assert [page.model.row_at(i).drill_type for i in range(page.model.rowCount())] == [
        "fire_evacuation"
    ]
    chips = {c.property("code"): c.property("status") for c in page.cadence.chips}
    assert chips["drill_monthly"] == "done"


def test_only_the_principal_sees_the_term_dates_button(qtbot, workspace, crew):
    assert not _page(qtbot, workspace).terms_button.isVisible()
    principal_page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)
    assert principal_page.terms_button.isVisible()


def test_a_folder_import_keeps_good_photos_and_names_the_bad_one(qtbot, workspace, crew, tmp_path):
    card = tmp_path / "DCIM"
    for i, color in enumerate([(250, 0, 0), (0, 250, 0), (0, 0, 250)]):
        jpeg(card / f"IMG_{i}.JPG", color=color, size=(400, 300))
    (card / "IMG_9.JPG").write_bytes(b"\xff\xd8\xff\xe0 broken")
    editor = _editor(qtbot, workspace)

    editor.grid.import_paths([str(card)])
    qtbot.waitUntil(lambda: editor.grid.pending == 0 and editor.grid.thumbnails == 3)

    assert editor.grid.count() == 3
    assert editor.message.isVisible() and "IMG_9.JPG" in editor.message.text()
    assert [name for name, _m in editor.grid.refused] == ["IMG_9.JPG"]

    # The same card again adds nothing new.
    editor.grid.import_paths([str(card)])
    qtbot.waitUntil(lambda: editor.grid.pending == 0)
    assert editor.grid.count() == 3


def test_a_drill_is_written_captioned_saved_and_finalized_by_keyboard(
    qtbot, workspace, crew, tmp_path, monkeypatch
):
    editor = _editor(qtbot, workspace)
    editor.drill_type.setCurrentIndex(editor.drill_type.findData("earthquake"))
    editor.title.setText("防地震疏散演练")
    editor.held.setChecked(True)
    editor.plan.setPlainText("就地躲避后疏散到操场。")
    editor.summary.setPlainText("疏散有序。")
    editor.rating.setCurrentIndex(editor.rating.findData("good"))
    editor.students.setValue(300)
    editor.grid.import_paths([str(jpeg(tmp_path / "a.jpg", size=(400, 300)))])
    qtbot.waitUntil(lambda: editor.grid.thumbnails == 1)
    editor.grid.item(0).setText("操场集合")
    editor._add_problem()
    editor.problems.item(0, 0).setText("二楼楼梯口拥挤")

    qtbot.keyClick(editor.title, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: editor.drill_id is not None and not editor.busy)
    wait_idle(qtbot)
    record = get_drill(workspace, editor.drill_id)
    assert record.title == "防地震疏散演练" and not record.finalized
    assert [(v.caption) for v in record.photos] == ["操场集合"]
    assert [p.text for p in record.problems] == ["二楼楼梯口拥挤"]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: get_drill(workspace, editor.drill_id).finalized)
    wait_idle(qtbot)
    assert not editor.save_button.isVisible() and editor.correct_button.isVisible()
    assert editor.title.isReadOnly() and not editor.grid.editable


def test_a_finalized_drill_opens_read_only_and_a_problem_goes_to_the_ledger(
    qtbot, workspace, crew, tmp_path, monkeypatch
):
    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    from app.drills.service import finalize_drill

    finalize_drill(workspace, crew.officer, drill_id)
    editor = _editor(qtbot, workspace, drill_id)
    qtbot.waitUntil(lambda: editor.grid.thumbnails == 1)
    assert not editor.save_button.isVisible()
    assert not editor.drill_type.isEnabled() and editor.summary.isReadOnly()
    assert editor.grid.item(0).text() == "集合点清点人数"

    import ui.drills.editor as editor_module

    class _Accept:
        def __init__(self, *_a):
            pass

        def exec(self):
            return editor_module.QDialog.DialogCode.Accepted

        def area(self):
            return "fire"

        def severity(self):
            return "major"

    monkeypatch.setattr(editor_module, "HazardChoiceDialog", _Accept)
    editor.problems.setCurrentCell(0, 0)
    assert editor.to_hazard.isEnabled()
    editor.to_hazard.click()
    qtbot.waitUntil(lambda: bool(editor.problems.item(0, 1) and editor.problems.item(0, 1).text()))
    assert editor.problems.item(0, 1).text().startswith("YH")
    assert not editor.to_hazard.isEnabled()


def test_photos_are_reordered_removed_and_shown_large_by_keyboard(qtbot, workspace, crew, tmp_path):
    editor = _editor(qtbot, workspace)
    paths = [
        str(jpeg(tmp_path / f"{n}.jpg", color=c, size=(400, 300)))
        for n, c in (("a", (250, 0, 0)), ("b", (0, 250, 0)), ("c", (0, 0, 250)))
    ]
    editor.grid.import_paths(paths)
    qtbot.waitUntil(lambda: editor.grid.thumbnails == 3 and editor.grid.pending == 0)
    names = lambda: [ref.original_name for ref, _c in editor.grid.refs()]  # noqa: E731
    assert names() == ["a.jpg", "b.jpg", "c.jpg"], "tiles keep the order of the files"

    editor.grid.setFocus()
    editor.grid.setCurrentRow(0)
    qtbot.keyClick(editor.grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert names() == ["b.jpg", "a.jpg", "c.jpg"]
    qtbot.keyClick(editor.grid, Qt.Key.Key_Delete)
    assert names() == ["b.jpg", "c.jpg"]

    from ui.drills.photo_view import PhotoView

    view = PhotoView(editor, workspace.data_dir, editor.grid.refs(), 0)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.loaded == 1)
    assert view.picture.pixmap() is not None and not view.picture.pixmap().isNull()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.loaded == 2)
    assert view.row == 1 and "2" in view.windowTitle()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.row == 1, "the last photo stays"


def test_the_principal_sets_term_dates_from_the_page(qtbot, workspace, crew, monkeypatch):
    from app.school.terms import get_terms
    from ui.drills import page as page_module

    page = _page(qtbot, workspace, "zhangli", PRINCIPAL_PASSWORD)

    class _Dialog(page_module.TermsDialog):
        def exec(self):  # the dialog offers this year's term; accept it as it is
            return page_module.QDialog.DialogCode.Accepted

    monkeypatch.setattr(page_module, "TermsDialog", _Dialog)
    page.terms_button.click()
    qtbot.waitUntil(lambda: page.message.isVisible())
    wait_idle(qtbot)
    assert len(get_terms(workspace)) == 1
    assert "学期日期已保存" in page.message.text()


def test_a_finalized_drill_prints_its_record_form(qtbot, workspace, crew, tmp_path, no_keyring):
    from app.drills.service import finalize_drill

    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    draft = _editor(qtbot, workspace, drill_id)
    assert not draft.print_button.isVisible()  # a draft has no form to sign yet
    draft.close()
    finalize_drill(workspace, crew.officer, drill_id)
    editor = _editor(qtbot, workspace, drill_id)
    assert editor.print_button.isVisible() and editor.print_button.text() == "打印…"
    editor.print_button.click()
    preview = editor.preview
    qtbot.waitUntil(lambda: preview.ready, timeout=30_000)
    assert preview.rendered.stamp.record_id == str(drill_id)
    preview.close()
    wait_idle(qtbot)
