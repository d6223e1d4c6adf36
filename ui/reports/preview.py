"""Print / 打印: preview a signed form, print it, or save it as a PDF.

One call from any page that shows a record with a printed form::

    from ui.reports.preview import open_print_preview

    open_print_preview(self.ctx, self, "handover", handover_id)

``form`` is a key of :data:`app.reports.forms.FORMS` (``inspection``,
``hazard-notice``, ``recheck``, ``ledger``, ``handover``, ``placard``, and
whatever other areas register); ``record`` is a record id, ``"latest"``, or
what the form's ``xiaoan print --record`` accepts (a ledger takes
``2026-09-01..2026-11-30``). The dialog opens at once (non-modal, deleted
on close) and returns; the form is rendered and signed in the background
exactly as ``xiaoan print`` does, then its pages are shown.

* **Signed PDF / Paper print** — the form is signed with the signed-in
  person's own key (unlocked when they signed in; no OS keyring involved);
  "Paper print" renders it without a digital signature, its footer saying
  so. A person with no key unlocked here gets the paper print either way,
  and the status line says why. The status line names who signed.

* **Print…** (Ctrl+P) opens Qt's print dialog; pages are rendered as
  images at the printer's resolution (at most 300 dpi) and painted onto the
  printer in the background, so a slow printer driver never freezes the
  window. Printing needs no network.
* **Save as PDF…** (Ctrl+S) writes the file byte for byte, so a PAdES
  signature stays valid.
* **Close** (Esc).

A missing Chinese font, or any other refusal, is shown in the dialog in
words (the font message names the paths tried).

Threading: create and use on the UI thread; rendering, printing and saving
run through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.reports.forms import UNSIGNED_NO_KEY, RenderedForm, print_form
from app.signing.session_keys import is_unlocked
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background
from ui.shell.geometry import fit_window

MAX_PRINT_DPI = 300
PREFERRED_SIZE = QSize(820, 900)  # an A4 page at reading size, where the screen has room


def open_print_preview(
    ctx: AppContext, parent: QWidget | None, form: str, record: uuid.UUID | str = "latest"
) -> PrintPreviewDialog:
    """Open the preview of ``form`` for ``record`` and start rendering it; returns at once."""
    dialog = PrintPreviewDialog(ctx, parent, form, str(record))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.render()
    return dialog


def _reader(pdf: bytes, parent: QObject) -> QBuffer:
    """A read-only device over ``pdf`` for a QPdfDocument, owned by ``parent``.

    QtPdf reads the device whenever it renders a page, so the device must
    outlive the document's use of it: its owner is deleted after the document.
    """
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))  # a copy the buffer owns
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def print_pages(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of ``pdf`` in the printer's page range; returns pages printed.

    Runs on a worker thread: QPdfDocument, QImage and a QPainter on a
    QPrinter are all usable off the UI thread (no widget is touched).
    """
    doc = QPdfDocument()
    # A child of the document: freed after the document is closed, whatever
    # order Python drops the locals in.
    doc.load(_reader(pdf, doc))
    count = doc.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, last) if first > 0 and last >= first else range(count)
    pages = [p for p in pages if 0 <= p < count]
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return 0
    try:
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            size = doc.pagePointSize(page)
            pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
            image = QImage(pixels, QImage.Format.Format_RGB32)
            image.fill(QColor("white"))  # render() gives a transparent page: paint it on white
            with_page = QPainter(image)
            with_page.drawImage(QPointF(0, 0), doc.render(page, pixels))
            with_page.end()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(
                target.x() + (target.width() - scaled.width()) // 2,
                target.y(),
                image.scaled(
                    scaled,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                ),
            )
    finally:
        painter.end()
        doc.close()
    return len(pages)


class PrintPreviewDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None, form: str, record: str) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.record = record
        self.rendered: RenderedForm | None = None
        self.saved_to: Path | None = None
        self.printed = -1  # pages sent to the printer by the last print, once done
        self.setWindowTitle(translate("Printing", "Print preview"))
        fit_window(self, PREFERRED_SIZE, "print-preview")

        self.status = QLabel(translate("Printing", "Preparing the form…"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buffer: QBuffer | None = None
        # The order is load-bearing. QPdfView renders pages on a thread of its
        # own, straight from the document, and Qt deletes a dialog's children
        # in the order they were made. Made first, the view goes first: its
        # renderer stops that thread, then the document is closed, then the
        # buffers it read from are freed. With the document made first, closing
        # the preview while a page was still being rendered freed the document
        # under the render thread (a segfault in QPdfDocument::render, which
        # took the whole program down). The document must not be a child of the
        # view either: it would then be closed inside the view's destructor and
        # notify the half-destroyed view.
        self.view = QPdfView(self)
        self.document = QPdfDocument(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.save_button = QPushButton(translate("Printing", "Save as PDF…"))
        self.close_button = QPushButton(translate("Printing", "Close"))
        self.print_button.clicked.connect(self.print_form)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.close)
        self.print_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Print).toString())
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.kind = QComboBox()
        self.kind.addItem(translate("Printing", "Signed PDF"), True)
        self.kind.addItem(translate("Printing", "Paper print, not signed"), False)
        self.kind.setToolTip(
            translate(
                "Printing",
                "A signed PDF carries your digital signature; a paper print carries none "
                "and is signed by hand.",
            )
        )
        self.kind.setCurrentIndex(0 if is_unlocked(ctx.actor.user_id) else 1)
        self.kind.currentIndexChanged.connect(lambda _index: self.render())
        self._generation = 0  # the newest render; older results are dropped
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for b in (self.kind, self.print_button, self.save_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_form)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        self._set_ready(False)
        self.close_button.setFocus()

    # -- rendering -----------------------------------------------------------------

    @property
    def signing(self) -> bool:
        """Whether the signed PDF (rather than the paper print) is chosen."""
        return bool(self.kind.currentData())

    def render(self) -> None:
        ws, actor, form, record = self.ctx.workspace, self.ctx.actor, self.form, self.record
        sign = self.signing
        self._generation += 1
        generation = self._generation
        self.rendered = None
        self._set_ready(False)
        self.status.setStyleSheet("")
        self.status.setText(translate("Printing", "Preparing the form…"))
        run_in_background(
            lambda: print_form(ws, actor, form, record, sign=sign),
            on_done=lambda rendered: self._rendered(rendered, generation),
            on_error=lambda message, error: self._failed(message, error, generation),
            context=self,
            description=f"render form {form}",
        )

    def _rendered(self, rendered: RenderedForm, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return  # the choice changed while this one was rendering
        self.rendered = rendered
        self.document.close()
        self._buffer = _reader(rendered.pdf, self)
        self.document.load(self._buffer)
        self.show_first_page()
        pages = self.document.pageCount()
        self.setWindowTitle(
            translate("Printing", "Print preview: {name}").format(
                name=Path(rendered.suggested_name).stem
            )
        )
        self.status.setText(self._describe(rendered, pages))
        self._set_ready(True)
        self.print_button.setFocus()

    def show_first_page(self) -> None:
        """Page 1 from its top, as wide as the view: what the person checks before printing.

        Set again after every load: a view that had a document (or none) keeps
        its old scroll position and zoom otherwise, which showed an empty area
        until the window was resized.
        """
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        if self.document.pageCount() > 0:
            self.view.pageNavigator().jump(0, QPointF(0, 0))
        self.view.verticalScrollBar().setValue(0)
        self.view.horizontalScrollBar().setValue(0)
        self.view.viewport().update()

    def _describe(self, rendered: RenderedForm, pages: int) -> str:
        record = rendered.stamp.record_id
        if rendered.signed:
            text = translate("Printing", "{pages} pages, digitally signed by {signer}. Record {id}")
            return text.format(pages=pages, signer=rendered.signed_by, id=record)
        if rendered.unsigned_reason == UNSIGNED_NO_KEY:
            text = translate(
                "Printing",
                "{pages} pages, not digitally signed: {name} has no signing key unlocked on "
                "this computer (sign in again to unlock it). Sign the paper by hand. Record {id}",
            )
            return text.format(pages=pages, name=self.ctx.actor.name, id=record)
        text = translate(
            "Printing", "{pages} pages, paper print without a digital signature: sign it by hand. Record {id}"
        )  # fmt: skip
        return text.format(pages=pages, id=record)

    def _failed(self, message: str, _error: BaseException, generation: int | None = None) -> None:
        if generation is not None and generation != self._generation:
            return
        self.status.setText(message)
        self.status.setStyleSheet("color: #b3261e;")
        self._set_ready(False)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    @property
    def ready(self) -> bool:
        return self.rendered is not None and self.document.pageCount() > 0

    # -- printing and saving -------------------------------------------------------

    def print_form(self) -> None:
        if not self.ready:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self.rendered.suggested_name).stem)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.send_to(printer)

    def send_to(self, printer: QPrinter) -> None:
        """Print on ``printer`` (already set up) in the background."""
        pdf = self.rendered.pdf
        self.printed = -1
        self._printer = printer  # kept alive until the job is done
        self.status.setText(translate("Printing", "Printing…"))
        run_in_background(
            lambda: print_pages(pdf, printer),
            on_done=self._printed,
            on_error=self._failed,
            context=self,
            description="print form",
        )

    def _printed(self, pages: int) -> None:
        self.printed = pages
        self._printer = None
        self.status.setText(translate("Printing", "Sent {pages} pages to the printer.").format(
            pages=pages))  # fmt: skip

    def save_as(self) -> None:
        if not self.ready:
            return
        suggested = str(Path.home() / self.rendered.suggested_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, translate("Printing", "Save as PDF"), suggested, translate("Printing", "PDF (*.pdf)")
        )  # fmt: skip
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        pdf = self.rendered.pdf  # the bytes as rendered: a signature stays valid
        run_in_background(
            lambda: target.write_bytes(pdf),
            on_done=lambda _n: self._saved(target),
            on_error=self._failed,
            context=self,
            description="save form",
        )

    def _saved(self, target: Path) -> None:
        self.saved_to = target
        self.status.setText(translate("Printing", "Saved to {path}.").format(path=str(target)))
