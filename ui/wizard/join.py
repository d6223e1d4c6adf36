"""First run on a school's second (or reinstalled) PC: join with the bureau's enrollment file.

:class:`JoinPage` imports the file (:func:`app.school.join.join_school`) and
runs sync passes until the school's records have arrived; the bar fills from
the pass's ``"receiving"`` progress. Without a network it offers the USB
route: the registration request is written to a folder
(:func:`app.sync.service.export_usb`), and the folder with the bureau's reply
is read later (:func:`app.sync.service.import_usb`). The wizard can be closed
at any point; the next start comes back to this page
(:func:`app.accounts.joined.join_stage`).

"Who are you?" follows (:mod:`ui.wizard.claim`).

The file and folder choosers are attributes (:attr:`JoinPage.choose_file`,
:attr:`JoinPage.choose_folder`) so tests can answer them; the path can also
be typed. Threading: UI thread; every database, file and network step runs
through :mod:`ui.operations`, progress arrives by a queued signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.accounts.joined import CLAIM, join_stage
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.sync import problems
from ui.common.message_label import MessageLabel
from ui.i18n import translate
from ui.operations import run_in_background

# The first-run wizard's pages, by id.
WELCOME_PAGE, SCHOOL_PAGE, PRINCIPAL_PAGE, JOIN_PAGE, CLAIM_PAGE = range(5)
_B = QWizard.WizardButton
WITH_BACK = [_B.Stretch, _B.BackButton, _B.NextButton, _B.FinishButton, _B.CancelButton]
WITHOUT_BACK = [_B.Stretch, _B.NextButton, _B.FinishButton, _B.CancelButton]
# Problems the USB route gets around (the line, not the bureau's answer).
_NETWORK = {problems.OFFLINE, problems.BUSY, problems.TOO_LARGE}


class Stopped(UserError):
    """The person stopped the pass (raised from its progress callback)."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("app", "Stopped. Nothing received so far is lost."))


class _Relay(QObject):
    progress = Signal(object)  # SyncProgress, emitted on the worker, delivered queued


class JoinPage(QWizardPage):
    """Import the enrollment file, then sync until the school's records are here."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("FirstRun", "Join your school"))
        self.setSubTitle(
            translate(
                "FirstRun",
                "The school's records, people and accounts come from the education bureau.",
            )
        )
        self.choose_file: Callable[[], Path | None] = self._ask_file
        self.choose_folder: Callable[[str], Path | None] = self._ask_folder
        # Tests hand in a transport with a quick retry policy; None = the app's own.
        self.transport_factory: Callable[[str], object] | None = None
        self.running = False
        self.stoppable = False  # what runs is an import or a pass (not a USB step)
        self.arrived = False
        self.imported = False  # an enrollment is stored (now or on an earlier start)
        self.passes = 0  # finished attempts (passes and USB reads), for tests
        self._stop = threading.Event()  # set by Stop; a new import or pass clears it
        self._relay = _Relay(self)
        self._relay.progress.connect(self._progress)

        body = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "FirstRun",
                "Ask the education bureau for your school's enrollment file (it ends in "
                ".enroll.json) and choose it here. This computer then fetches the school's "
                "records; on a slow line that can take a while. You can close xiaoan at any "
                "time: it comes back to this step.",
            )
        )
        intro.setWordWrap(True)
        body.addWidget(intro)

        self.path = QLineEdit()
        self.path.setPlaceholderText(translate("FirstRun", "the enrollment file from the bureau"))
        self.path.returnPressed.connect(self.start)
        self.browse = QPushButton(translate("FirstRun", "&Choose…"))
        self.browse.clicked.connect(self._browse)
        self.join_button = QPushButton(translate("FirstRun", "&Join the school"))
        self.join_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(translate("FirstRun", "Enrollment file:"), row)
        body.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.join_button)
        self.retry_button = QPushButton(translate("FirstRun", "&Try again"))
        self.retry_button.clicked.connect(self.sync)
        self.stop_button = QPushButton(translate("FirstRun", "&Stop"))
        self.stop_button.clicked.connect(self.stop)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        body.addLayout(buttons)

        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        body.addWidget(self.bar)
        body.addWidget(self.status)
        body.addWidget(self._usb_box())
        body.addStretch(1)
        self.message = MessageLabel()
        body.addWidget(self.message)
        self._show_state()

    def _usb_box(self) -> QGroupBox:
        self.usb = QGroupBox(translate("FirstRun", "No network? Use a USB stick"))
        column = QVBoxLayout(self.usb)
        text = QLabel(
            translate(
                "FirstRun",
                "1. Write this computer's request to a USB stick and take it to the bureau.\n"
                "2. The bureau imports it and writes its reply onto the stick.\n"
                "3. Back here, read the folder with the bureau's reply.",
            )
        )
        text.setWordWrap(True)
        column.addWidget(text)
        row = QHBoxLayout()
        self.export_button = QPushButton(translate("FirstRun", "&Write the request to a folder…"))
        self.export_button.clicked.connect(lambda: self.export_usb())
        self.import_button = QPushButton(translate("FirstRun", "&Read the bureau's reply…"))
        self.import_button.clicked.connect(lambda: self.import_usb())
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        column.addLayout(row)
        return self.usb

    # -- the wizard's questions ----------------------------------------------------------

    def nextId(self) -> int:  # noqa: N802
        return CLAIM_PAGE

    def isComplete(self) -> bool:  # noqa: N802
        return self.arrived and not self.running

    def initializePage(self) -> None:  # noqa: N802
        if self.imported and not self.arrived and not self.running:
            self.sync()  # an earlier start imported the file: try the network again

    def _show_state(self) -> None:
        busy = self.running
        self.path.setEnabled(not self.imported and not busy)
        self.browse.setEnabled(not self.imported and not busy)
        self.join_button.setVisible(not self.imported)
        self.join_button.setEnabled(not busy)
        self.retry_button.setVisible(self.imported and not self.arrived and not busy)
        self.stop_button.setVisible(busy and self.stoppable)
        self.bar.setVisible(busy or self.arrived)
        self.usb.setVisible(self.imported and not self.arrived and not busy and self.passes > 0)
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        wizard = self.wizard()
        if wizard is not None:
            # Qt enables Back on every page after the first; taking it out of the button
            # row is what holds: nothing to go back to once the folder is the school's.
            wizard.setButtonLayout(WITH_BACK if not busy and not self.imported else WITHOUT_BACK)
        self.completeChanged.emit()

    def _ask_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("FirstRun", "Enrollment file from the bureau"),
            "",
            translate("FirstRun", "Enrollment files (*.enroll.json *.json)"),
        )
        return Path(name) if name else None

    def _ask_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, title)
        return Path(name) if name else None

    def _browse(self) -> None:
        path = self.choose_file()
        if path is not None:
            self.path.setText(str(path))
            self.start()

    # -- import, then sync -------------------------------------------------------------------

    def start(self) -> None:
        """Import the file named in the field, then sync."""
        if self.running or self.imported:
            return
        text = self.path.text().strip()
        if not text:
            self.message.show_error(translate("FirstRun", "Choose the enrollment file first."))
            return
        from app.school.join import join_school

        ws, path = self.wizard().ws, Path(text)
        self._stop.clear()
        self.running = self.stoppable = True
        self.message.clear_message()
        self.status.setText(translate("FirstRun", "Reading the enrollment file…"))
        self._show_state()
        run_in_background(
            lambda: join_school(ws, path),
            on_done=self._imported,
            on_error=self._import_refused,
            context=self,
            description="join: import enrollment",
        )

    def _imported(self, _info) -> None:
        self.running = False
        self.imported = True
        self.wizard().imported = True
        if self._stop.is_set():  # stopped while the file was read: no pass now
            self._failed(Stopped().localized(translate), Stopped())
            return
        self.sync()

    def _import_refused(self, message: str, _error: BaseException) -> None:
        self.running = False
        self.status.clear()
        self._show_state()
        self.message.show_error(message)

    def sync(self) -> None:
        """One sync pass off the UI thread; the bar follows what it receives."""
        if self.running:
            return
        ws, factory = self.wizard().ws, self.transport_factory
        stop, relay = self._stop, self._relay
        stop.clear()
        self.running = self.stoppable = True
        self.message.clear_message()
        self.bar.setRange(0, 0)  # busy until the first return bundle says how much
        self.status.setText(translate("FirstRun", "Connecting to the education bureau…"))
        self._show_state()

        def on_progress(p) -> None:  # worker thread
            if stop.is_set():
                raise Stopped()
            if shiboken6.isValid(relay):
                relay.progress.emit(p)

        def work():
            from app.sync.enrollment import current_enrollment
            from app.sync.service import sync_pass
            from app.sync.transport import HttpTransport, RetryPolicy

            url = current_enrollment(ws).bureau_url
            if factory is not None:
                transport = factory(url)
            else:
                # Someone waits at the screen: a dead line is told within about half a
                # minute (Try again and USB are right there); each request still has
                # the transport's own time to carry a large return bundle.
                transport = HttpTransport(url, policy=RetryPolicy(3, timeout=30, wait_max=10))
            report = sync_pass(ws, transport=transport, progress=on_progress)
            return report.problem, report.received, join_stage(ws)

        run_in_background(
            work,
            on_done=self._synced,
            on_error=self._failed,
            context=self,
            description="join: sync pass",
        )

    def stop(self) -> None:
        """Stop the pass at its next step (what arrived so far is kept)."""
        if self.running:
            self._stop.set()
            self.status.setText(translate("FirstRun", "Stopping…"))

    def _progress(self, p) -> None:
        if p.stage == "receiving":
            self.bar.setRange(0, max(1, p.total))
            self.bar.setValue(min(p.sent, p.total))
            self.status.setText(translate("FirstRun", "Receiving the school's records…"))

    def _synced(self, result) -> None:
        problem, _received, stage = result
        self.running = False
        self.passes += 1
        if stage == CLAIM:
            self._arrive()
            return
        if problem in _NETWORK:
            self.status.clear()
            self.message.show_error(
                translate(
                    "FirstRun",
                    "The school's records could not be fetched from the bureau. Check the "
                    "network and press Try again, or use a USB stick as described below.",
                )
            )
        elif problem:
            self.status.setText(translate("FirstRun", "The bureau did not let this computer join."))
            self.message.show_error(translate("app", problems.message(problem)))
        else:
            self.status.setText(
                translate(
                    "FirstRun",
                    "The bureau does not have this school's records yet. Sync on the school's "
                    "first computer, then press Try again.",
                )
            )
        self._show_state()

    def _failed(self, message: str, _error: BaseException) -> None:
        self.running = False
        self.passes += 1
        self.status.clear()
        self._show_state()
        self.message.show_error(message)

    def _arrive(self) -> None:
        self.arrived = True
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.setText(translate("FirstRun", "The school's records have arrived."))
        self._show_state()
        self.wizard().next()  # on to "Who are you?"

    # -- USB ---------------------------------------------------------------------------

    def export_usb(self, folder: Path | None = None) -> None:
        folder = folder or self.choose_folder(translate("FirstRun", "Folder on the USB stick"))
        if folder is None or self.running:
            return
        from app.sync.service import export_usb

        ws = self.wizard().ws
        self.running, self.stoppable = True, False
        self._show_state()
        run_in_background(
            lambda: export_usb(ws, folder),
            on_done=lambda _written: self._exported(folder),
            on_error=self._failed,
            context=self,
            description="join: write the request to USB",
        )

    def _exported(self, folder: Path) -> None:
        self.running = False
        self.status.setText(
            translate(
                "FirstRun",
                "The request was written to {path}. Take it to the bureau. When you have the "
                "bureau's reply, press Read the bureau's reply. You may close xiaoan meanwhile: "
                "it opens on this step again.",
            ).format(path=str(folder))
        )
        self._show_state()

    def import_usb(self, folder: Path | None = None) -> None:
        title = translate("FirstRun", "Folder with the bureau's reply")
        folder = folder or self.choose_folder(title)
        if folder is None or self.running:
            return
        from app.sync.service import import_usb

        ws = self.wizard().ws
        self.running, self.stoppable = True, False
        self._show_state()
        run_in_background(
            lambda: (import_usb(ws, folder).applied, join_stage(ws)),
            on_done=lambda result: self._read(folder, *result),
            on_error=self._failed,
            context=self,
            description="join: read the bureau's reply",
        )

    def _read(self, folder: Path, applied: int, stage: str | None) -> None:
        self.running = False
        self.passes += 1
        if stage == CLAIM:
            self._arrive()
            return
        if applied:
            text = translate(
                "FirstRun",
                "Read {n} replies, but the school's records are not all here yet. Write the "
                "request again and take it to the bureau.",
            ).format(n=applied)
        else:
            text = translate("FirstRun", "No reply for this computer was found in {path}.").format(
                path=str(folder)
            )
        self._show_state()
        self.message.show_error(text)
