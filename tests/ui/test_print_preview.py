"""Print / 打印: the preview renders in the background, shows the pages, prints and saves
the signed file byte for byte, or a paper print without a signature; the inspection and
hazard pages open it. No OS keyring is involved (keyring's fail backend is active)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from app.demo import PRINCIPAL
from app.inspections.queries import InspectionFilters, list_inspections
from app.workspace import Workspace
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.reports.preview import open_print_preview

pytestmark = pytest.mark.skipif(
    shutil.which("pdfsig") is None, reason="poppler-utils is installed by make"
)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory, module_user_dirs, demo_template):
    path = tmp_path_factory.mktemp("demo") / "school"
    demo_template.copy_to(path)
    return path


@pytest.fixture
def ctx(demo_dir, no_keyring):
    ws = Workspace.open(demo_dir)
    yield context_for(ws, PRINCIPAL[0], PRINCIPAL[2])
    wait_idle_all()
    ws.close()


def wait_idle_all() -> None:
    from ui import operations

    operations.wait_all()


def test_the_preview_renders_in_the_background_and_saves_the_signed_pdf(
    qtbot, ctx, tmp_path, monkeypatch
):
    dialog = open_print_preview(ctx, None, "inspection", "latest")
    qtbot.addWidget(dialog)
    # The call returned with the window open and the form still being rendered.
    assert dialog.isVisible() and not dialog.ready
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert dialog.document.pageCount() >= 1
    assert "安全检查记录表" in dialog.windowTitle()
    assert dialog.rendered.stamp.record_id in dialog.status.text()

    target = tmp_path / "检查记录.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=10_000)
    assert target.read_bytes() == dialog.rendered.pdf
    report = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in report
    assert "已保存" in dialog.status.text()


def test_with_no_keyring_print_and_save_are_enabled_and_the_status_names_the_signer(qtbot, ctx):
    dialog = open_print_preview(ctx, None, "inspection", "latest")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.signing and dialog.rendered.signed
    assert "张丽（校长）" in dialog.status.text() and "数字签名" in dialog.status.text()


def test_a_paper_print_can_be_chosen_and_is_saved_without_a_signature(
    qtbot, ctx, tmp_path, monkeypatch
):
    dialog = open_print_preview(ctx, None, "inspection", "latest")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    dialog.kind.setCurrentIndex(dialog.kind.findData(False))
    qtbot.waitUntil(lambda: dialog.ready and not dialog.rendered.signed, timeout=30_000)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert "手写" in dialog.status.text()  # sign it by hand

    target = tmp_path / "纸质.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog.save_as()
    qtbot.waitUntil(lambda: dialog.saved_to == target, timeout=10_000)
    report = subprocess.run(["pdfsig", str(target)], capture_output=True, text=True).stdout
    assert "does not contain any signatures" in report
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "本表未加数字签名" in text


def test_someone_without_an_unlocked_key_still_prints_on_paper(qtbot, ctx):
    from app.signing import session_keys

    session_keys.forget(ctx.actor.user_id)
    dialog = open_print_preview(ctx, None, "inspection", "latest")
    qtbot.addWidget(dialog)
    assert not dialog.signing  # paper print is the choice offered
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert not dialog.rendered.signed


def test_printing_paints_every_page_on_the_printer(qtbot, ctx, tmp_path):
    dialog = open_print_preview(ctx, None, "handover", "latest")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.send_to(printer)
    qtbot.waitUntil(lambda: dialog.printed >= 0, timeout=30_000)
    assert dialog.printed == dialog.document.pageCount()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert f"Pages:          {dialog.printed}" in info.replace(
        "Pages:           ", "Pages:          "
    )


def test_a_form_that_cannot_be_printed_says_why_in_the_window(qtbot, ctx):
    dialog = open_print_preview(ctx, None, "inspection", "not-a-record")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "not-a-record" in dialog.status.text(), timeout=10_000)
    assert "记录" in dialog.status.text()  # in Chinese
    assert not dialog.save_button.isEnabled()


def test_a_finalized_inspection_offers_print_and_opens_the_preview(qtbot, ctx):
    from ui.inspections.page import InspectionsPage

    done = list_inspections(ctx.workspace, ctx.actor, InspectionFilters(finalized=True), limit=1)
    page = InspectionsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.open_inspection(done[0].id)
    qtbot.waitUntil(lambda: page.answers.detail is not None, timeout=10_000)
    assert page.answers.print_button.isVisible()
    assert page.answers.print_button.text() == "打印…"
    qtbot.mouseClick(page.answers.print_button, Qt.MouseButton.LeftButton)
    preview = page.answers.preview
    qtbot.waitUntil(lambda: preview.ready, timeout=30_000)
    assert preview.rendered.stamp.record_id == str(done[0].id)
    preview.close()
    wait_idle(qtbot)


def test_the_hazard_page_prints_the_ledger_for_the_dates_shown(qtbot, ctx):
    from PySide6.QtCore import QDate

    from ui.hazards.page import HazardsPage

    page = HazardsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot)
    page.date_from.setDate(QDate(2026, 9, 1))
    page.date_to.setDate(QDate(2026, 11, 30))
    page.use_dates.setChecked(True)
    assert page.ledger_range() == "2026-09-01..2026-11-30"
    page.print_actions["ledger"].trigger()
    qtbot.waitUntil(lambda: page.preview.ready, timeout=30_000)
    assert "2026-09-01" in page.preview.windowTitle()
    page.preview.close()
    wait_idle(qtbot)


def test_closing_the_preview_stops_page_rendering_before_the_document_goes(qtbot, ctx):
    """Closing the preview while pages are still being drawn must not crash the program.

    The preview's view renders pages on a thread of its own, straight from the
    dialog's document. When the document went first, a render still running
    read the freed document and the whole program died (a segfault in
    QPdfDocument::render). The renderer must be gone before the document is.
    """
    from PySide6.QtPdf import QPdfPageRenderer

    dialog = open_print_preview(ctx, None, "ledger", "latest")
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    renderer = dialog.view.findChild(QPdfPageRenderer)
    assert renderer.renderMode() == QPdfPageRenderer.RenderMode.MultiThreaded
    gone: list[str] = []
    renderer.destroyed.connect(lambda *_: gone.append("page renderer"))
    dialog.document.destroyed.connect(lambda *_: gone.append("document"))
    dialog.close()  # deleted on close
    qtbot.waitUntil(lambda: len(gone) == 2)
    assert gone == ["page renderer", "document"]
