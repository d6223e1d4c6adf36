"""A principal's first ten minutes, as a newcomer walks them, on a PC with no OS keyring.

Fresh data folder → first-run wizard (the password confirmation mistyped
first) → sign in → the daily patrol with one failed item, its note and spot
→ finalized and signed on the pad → the hazard it raised is planned in the
ledger → the inspection form printed to PDF from Ctrl+P, its digital
signature valid in poppler's ``pdfsig`` and naming the principal, and
``xiaoan verify-pdf`` answering 一致. Every step goes through the real
widgets, services and SQLite file; keyring's fail backend is active
throughout, so nothing here may depend on an OS keyring.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWizard

from app.hazards.ledger import LedgerFilters, hazard_ledger
from app.school.service import get_profile
from tests.ui.conftest import wait_idle
from ui.context import AppContext
from ui.hazards.page import HazardsPage
from ui.inspections.page import InspectionsPage
from ui.launcher import main as xiaoan
from ui.login.dialog import LoginDialog
from ui.main_window import MainWindow
from ui.wizard.first_run import FirstRunWizard

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"
)

PASSWORD = "dongfeng-2026"
FINDING = "二楼东侧安全出口堆放课桌，通道宽度不足 1 米"
SPOT = "教学楼二楼东侧安全出口"


def _activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _press(qtbot, window, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(window.windowHandle(), combo.key(), combo.keyboardModifiers())


def _draw(qtbot, pad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(40, 220, 12):
        qtbot.mouseMove(pad, QPoint(x, 55 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(220, 50))


def _wizard(qtbot, ws) -> None:
    wizard = FirstRunWizard(ws)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    school = wizard.school
    school.name.setText("东风乡中心学校")
    school.code.setText("220105-0012")
    school.kind.setCurrentIndex(school.kind.findData("nine_year"))
    school.boarding.setChecked(True)
    wizard.next()
    principal = wizard.principal
    principal.display_name.setText("张丽")
    principal.username.setText("zhangli")
    principal.secret.secret.setText(PASSWORD)
    principal.secret.confirm.setText(PASSWORD.replace("2026", "2025"))  # a slip of the finger
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    wait_idle(qtbot)
    assert wizard.isVisible() and "不一致" in principal.message.text()
    assert get_profile(ws) is None  # nothing saved on a mistyped confirmation

    principal.secret.confirm.setText(PASSWORD)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish.click()


def _sign_in(qtbot, ws):
    dialog = LoginDialog(ws, "东风乡中心学校")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.choices_loaded)
    assert dialog.username() == "zhangli"  # the only account is offered
    qtbot.keyClicks(dialog.secret, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    return dialog.actor


def _patrol_with_one_finding(qtbot, window) -> InspectionsPage:
    page = window.show_page("inspections")
    qtbot.waitUntil(lambda: page.model.pages >= 1)
    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(lambda: dialog.ready)
    dialog.kind.setCurrentIndex(dialog.kind.findData("daily_patrol"))
    dialog.choose_templates(["daily_patrol"])
    dialog.place.setText("全校")
    dialog.accept()
    view = page.answers
    qtbot.waitUntil(lambda: page.stack.currentWidget() is view and view.detail is not None)
    _activate(qtbot, window)
    view.table.setFocus()

    qtbot.keyClick(view.table, Qt.Key.Key_P)  # items 1 and 2 pass
    qtbot.keyClick(view.table, Qt.Key.Key_P)
    qtbot.keyClick(view.table, Qt.Key.Key_F)  # 3. exits and escape routes: the note is asked for
    assert view.note.hasFocus()
    view.note.insert(FINDING)
    qtbot.keyClick(view.note, Qt.Key.Key_Return)
    assert view.spot.hasFocus()
    view.spot.insert(SPOT)
    qtbot.keyClick(view.spot, Qt.Key.Key_Return)
    qtbot.waitUntil(view.idle)
    saves = view.saves
    qtbot.keyClick(  # the rest pass
        view.table,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: view.saves > saves and view.model.answered() == view.model.rowCount())

    qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.dialog is not None)
    confirm = view.dialog
    confirm.confirm.setChecked(True)
    _draw(qtbot, confirm.pad)  # the inspector signs on the pad
    confirm.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: view.read_only)
    assert "新增隐患 1 条" in view.message.text()
    return page


def _plan_the_hazard(qtbot, window, ws, actor) -> None:
    ledger: HazardsPage = window.show_page("hazards")
    (hazard,) = hazard_ledger(ws, actor, LedgerFilters())
    assert (hazard.title, hazard.place, hazard.major) == (FINDING[:60], SPOT, False)
    qtbot.waitUntil(lambda: ledger.select_hazard(hazard.id))
    qtbot.waitUntil(lambda: ledger.detail.detail is not None)
    ledger.detail.buttons["plan"].click()
    plan = ledger.detail.dialog
    plan.responsible.setCurrentIndex(0)
    plan.measures.setPlainText("课桌搬回教室，出口保持畅通")
    plan.safeguard.setPlainText("出口处张贴警示，值班教师课间巡看")
    loads = ledger.detail.loads
    plan.accept()
    qtbot.waitUntil(lambda: ledger.detail.loads > loads)
    (hazard,) = hazard_ledger(ws, actor, LedgerFilters())
    assert hazard.status == "planned"


def test_a_newcomer_records_a_patrol_plans_the_hazard_and_prints_a_signed_form(
    qtbot, empty_workspace, no_keyring, tmp_path, monkeypatch, capsys
):
    ws = empty_workspace
    _wizard(qtbot, ws)
    actor = _sign_in(qtbot, ws)
    assert actor.role == "principal"

    window = MainWindow(AppContext(ws, actor, get_profile(ws)))
    qtbot.addWidget(window)
    window.show()
    _activate(qtbot, window)

    page = _patrol_with_one_finding(qtbot, window)
    _plan_the_hazard(qtbot, window, ws, actor)

    # Back to the patrol, Ctrl+P, save the signed PDF.
    window.show_page("inspections")
    _activate(qtbot, window)
    assert page.stack.currentWidget() is page.answers
    _press(qtbot, window, "Ctrl+P")
    qtbot.waitUntil(lambda: page.answers.preview is not None)
    preview = page.answers.preview
    qtbot.waitUntil(lambda: preview.ready, timeout=30_000)
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    assert preview.rendered.signed and "张丽（校长）" in preview.status.text()
    target = tmp_path / "安全检查记录表.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    preview.save_as()
    qtbot.waitUntil(lambda: preview.saved_to == target, timeout=10_000)

    report = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report
    assert "Signer Certificate Common Name: 张丽" in report
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True
    ).stdout
    assert FINDING[:10] in text and "隐患编号" in text
    preview.close()
    wait_idle(qtbot)

    capsys.readouterr()
    assert xiaoan(["verify-pdf", "--data-dir", str(ws.data_dir), str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("一致") and "张丽" in out
