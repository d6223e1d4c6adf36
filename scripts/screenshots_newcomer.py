"""The newcomer's path for ``scripts/screenshots.py``: a principal's first minutes.

On an empty data folder, through the real widgets: the wizard (with the
password confirmation mistyped first), sign-in, today's patrol with one failed
item finalized and signed on the pad, the hazard it raised planned, and its
inspection form in the print preview, digitally signed by the principal.
"""

from __future__ import annotations

import time
from pathlib import Path

from screenshots import SIZE, save, wait

NEWCOMER_PASSWORD = "hongqi-2026"


def shoot_newcomer(app, outdir: Path, tmp: Path) -> None:
    """A principal's first minutes on an empty data folder, through the real widgets."""
    from PySide6.QtWidgets import QDialogButtonBox, QWizard

    from app.school.service import get_profile
    from app.workspace import Workspace
    from ui import operations
    from ui.login.dialog import LoginDialog
    from ui.shell.session import Shell
    from ui.wizard.first_run import FirstRunWizard

    ws = Workspace.open(tmp / "newcomer")
    wizard = FirstRunWizard(ws)
    wizard.show()
    wizard.next()
    school = wizard.school
    school.name.setText("红旗小学")
    school.code.setText("220105-0031")
    school.kind.setCurrentIndex(school.kind.findData("primary"))
    school.boarding.setChecked(True)
    school.district.setText("长春市二道区")
    wait(app, lambda: wizard.isVisible())
    save(wizard, outdir / "first-run-wizard.png")
    wizard.next()
    principal = wizard.principal
    principal.display_name.setText("王红")
    principal.username.setText("wanghong")
    principal.secret.secret.setText(NEWCOMER_PASSWORD)
    principal.secret.confirm.setText(NEWCOMER_PASSWORD.replace("2026", "2025"))  # mistyped
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    finish.click()
    wait(app, lambda: not operations.busy() and bool(principal.message.text()))
    save(wizard, outdir / "first-run-mismatch.png")
    principal.secret.confirm.setText(NEWCOMER_PASSWORD)
    finish.click()
    wait(app, lambda: wizard.actor is not None and not wizard.isVisible())

    # Next morning: sign in.
    login = LoginDialog(ws, "红旗小学")
    login.show()
    wait(app, lambda: login.choices_loaded)
    login.secret.setText(NEWCOMER_PASSWORD)
    save(login, outdir / "login.png")
    login.submit()
    wait(app, lambda: login.actor is not None and not operations.busy())
    actor = login.actor

    shell = Shell(ws)
    window = shell.start(actor, get_profile(ws), "wanghong")
    window.resize(*SIZE)
    page = window.show_page("inspections")
    wait(app, lambda: page.model.pages >= 1 and not operations.busy())
    page.new_button.click()
    dialog = page.dialog
    wait(app, lambda: dialog.ready)
    dialog.kind.setCurrentIndex(dialog.kind.findData("daily_patrol"))
    dialog.choose_templates(["daily_patrol"])
    dialog.place.setText("全校")
    dialog.accept()
    view = page.answers
    wait(app, lambda: view.detail is not None and not operations.busy())
    view.answer("pass")
    view.answer("pass")
    view.answer("fail")  # 3. exits and escape routes clear
    view.note.setText("二楼东侧安全出口堆放课桌，通道宽度不足 1 米")
    view.spot.setText("教学楼二楼东侧安全出口")
    view._note_entered()
    wait(app, lambda: view.idle() and not operations.busy())
    view.answer_remaining()
    wait(app, lambda: view.idle() and view.model.answered() == view.model.rowCount())
    view.finalize()
    wait(app, lambda: view.dialog is not None and view.dialog.isVisible())
    confirm = view.dialog
    confirm.confirm.setChecked(True)
    confirm.pad.set_strokes(SIGNATURE)
    wait(app, lambda: True)
    save(confirm, outdir / "newcomer-finalize.png")
    confirm.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait(app, lambda: view.read_only and not operations.busy())

    ledger = window.show_page("hazards")
    wait(app, lambda: ledger.model.pages >= 1 and ledger.count >= 1 and not operations.busy())
    ledger.table.selectRow(0)
    wait(app, lambda: ledger.detail.detail is not None and not operations.busy())
    ledger.detail.buttons["plan"].click()
    plan = ledger.detail.dialog
    plan.measures.setPlainText("课桌搬回教室，出口保持畅通；班主任课间巡看")
    plan.safeguard.setPlainText("出口处张贴警示标识")
    wait(app, lambda: True)
    save(plan, outdir / "newcomer-plan.png")
    loads = ledger.detail.loads
    plan.accept()
    wait(app, lambda: ledger.detail.loads > loads and not operations.busy())

    window.show_page("inspections")
    view.print_form()
    preview = view.preview
    preview.resize(900, 700)
    wait(app, lambda: preview.ready and not operations.busy(), 60)
    until = time.monotonic() + 3  # QPdfView paints its pages from a render thread
    wait(app, lambda: time.monotonic() > until)
    save(preview, outdir / "print-preview.png")
    preview.close()
    shell.shutdown()
    window.close()
    operations.wait_all()
    ws.close()


SIGNATURE = [
    [(40 + i * 7, 60 + (16 if i % 3 else -12) + (i % 5) * 3, i * 16) for i in range(30)],
    [(60 + i * 11, 92 + (i % 2), 600 + i * 9) for i in range(16)],
]
