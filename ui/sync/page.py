"""同步: enrollment and fingerprints, "sync now" with progress, bundles, USB, bureau notices.

The page shows what :class:`ui.sync.controller.SyncController` knows and
asks it to run passes; it never runs one itself. At the top, in sentences
(:func:`app.sync.status.advice`): what the bureau has, what it waits for from
this computer and what to do — and, for a data folder copied from another
computer, the button that re-enrolls it as a new computer. Enrollment
import, re-enrollment and USB export/import run through :mod:`ui.operations`.
The file and folder choosers and the re-enrollment question are attributes
(:attr:`choose_file`, :attr:`choose_folder`, :attr:`confirm_reenroll`) so
tests can answer them. Keyboard: F5 syncs now, Ctrl+O imports an enrollment
file; the re-enroll button is in the tab order (Alt+R).
Threading: UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.sync import problems
from app.sync.enrollment import enroll_from_file
from app.sync.identity import reenroll_as_new_device
from app.sync.service import export_usb, import_usb
from app.sync.status import SyncOverview, advice
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import translate
from ui.operations import run_in_background
from ui.sync.controller import SyncController
from ui.sync.model import STATE_COLUMN, BundlesModel, ProgressDelegate


def _problem_text(code: str) -> str:
    return translate("app", problems.message(code)) if code else ""


class SyncPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.controller = SyncController.of(ctx)
        self.overview = SyncOverview()
        self.choose_file: Callable[[], Path | None] = self._ask_file
        self.choose_folder: Callable[[str], Path | None] = self._ask_folder
        self.confirm_reenroll: Callable[[], bool] = self._ask_reenroll
        self.usb_done = 0  # finished USB exports/imports, for tests

        layout = QVBoxLayout(self)
        title = QLabel(translate("Sync", "Sync with the education bureau"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(self._advice_box())
        top = QHBoxLayout()
        top.addWidget(self._enrollment_box(), 3)
        right = QVBoxLayout()
        right.addWidget(self._usb_box())
        right.addWidget(self._notices_box(), 1)
        top.addLayout(right, 2)
        layout.addLayout(top)
        layout.addWidget(self._sync_box(), 1)

        c = self.controller
        c.overview_changed.connect(self.show_overview)
        c.started.connect(self._pass_started)
        c.progress.connect(self._progress)
        c.finished.connect(self._pass_finished)
        c.failed.connect(self._pass_failed)
        QShortcut(QKeySequence("F5"), self, activated=self.sync_now)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.import_enrollment)
        c.start()  # idempotent: the main window has usually started it already
        self.show_overview(c.overview)
        self.live = LiveRefresh(self, ctx, c.refresh, on_show=False)  # every commit queues changes
        if c.running:
            self._pass_started()

    # -- layout ------------------------------------------------------------------------

    def _advice_box(self) -> QGroupBox:
        box = QGroupBox(translate("Sync", "What the bureau is waiting for"))
        row = QHBoxLayout(box)
        self.advice_label = QLabel()
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.advice_label, 1)
        self.reenroll_button = QPushButton(translate("Sync", "&Re-enroll as a new computer…"))
        self.reenroll_button.setToolTip(
            translate(
                "Sync",
                "Gives this data folder a new identity and new keys; the school's records stay "
                "and everything the bureau has not received is sent again under the new one.",
            )
        )
        self.reenroll_button.clicked.connect(self.reenroll)
        if not allowed(self.ctx.actor, Permission.EDIT_SCHOOL_PROFILE):
            self.reenroll_button.setToolTip(translate("Sync", "Only the principal can do this."))
        self.reenroll_button.hide()
        row.addWidget(self.reenroll_button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _enrollment_box(self) -> QGroupBox:
        box = QGroupBox(translate("Sync", "Enrollment"))
        form = QFormLayout(box)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.bureau_label = QLabel()
        self.bureau_label.setWordWrap(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(mono.pointSize() + 3)
        self.bureau_fp = QLabel()
        self.device_fp = QLabel()
        for label in (self.bureau_fp, self.device_fp):
            label.setFont(mono)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(translate("Sync", "State:"), self.state_label)
        form.addRow(translate("Sync", "Bureau:"), self.bureau_label)
        form.addRow(translate("Sync", "Bureau fingerprint:"), self.bureau_fp)
        form.addRow(translate("Sync", "This computer's fingerprint:"), self.device_fp)
        hint = QLabel(
            translate(
                "Sync",
                "Read both fingerprints to the bureau by phone: they must match what the "
                "bureau sees. If they differ, do not sync and call the bureau.",
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.import_button = QPushButton(translate("Sync", "Import enrollment file…"))
        self.import_button.setToolTip("Ctrl+O")
        self.import_button.clicked.connect(self.import_enrollment)
        form.addRow(self.import_button)
        return box

    def _usb_box(self) -> QGroupBox:
        box = QGroupBox(translate("Sync", "USB transfer (no network)"))
        column = QVBoxLayout(box)
        text = QLabel(
            translate(
                "Sync",
                "Without a network: export the bundles to a USB stick and take it to the "
                "bureau. Bring back the bureau's reply files on the stick and import them.",
            )
        )
        text.setWordWrap(True)
        column.addWidget(text)
        self.export_button = QPushButton(translate("Sync", "Export bundles to a folder…"))
        self.export_button.clicked.connect(lambda: self.export_usb())
        self.import_usb_button = QPushButton(translate("Sync", "Import the bureau's replies…"))
        self.import_usb_button.clicked.connect(lambda: self.import_usb())
        column.addWidget(self.export_button)
        column.addWidget(self.import_usb_button)
        self.usb_message = MessageLabel()
        column.addWidget(self.usb_message)
        column.addStretch(1)
        return box

    def _notices_box(self) -> QGroupBox:
        box = QGroupBox(translate("Sync", "Notices from the bureau"))
        column = QVBoxLayout(box)
        self.notices = QListWidget()
        self.notices.setWordWrap(True)
        self.notices.setAlternatingRowColors(True)
        self.notices.setMaximumHeight(96)  # the bundles below get the room
        column.addWidget(self.notices)
        return box

    def _sync_box(self) -> QGroupBox:
        box = QGroupBox(translate("Sync", "Bundles"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        self.sync_button = QPushButton(translate("Sync", "Sync now"))
        self.sync_button.setToolTip("F5")
        self.sync_button.clicked.connect(self.sync_now)
        row.addWidget(self.sync_button)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        row.addWidget(self.progress_bar, 1)
        self.last_sync_label = QLabel()
        row.addWidget(self.last_sync_label, 1)
        self.pending_label = QLabel()
        row.addWidget(self.pending_label)
        column.addLayout(row)
        # What the school's other computers and the bureau sent down last time.
        self.received_label = QLabel()
        self.received_label.setWordWrap(True)
        column.addWidget(self.received_label)
        self.message = MessageLabel()
        column.addWidget(self.message)
        self.model = BundlesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATE_COLUMN, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE_COLUMN, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.table, 1)
        self.network_label = QLabel()
        self.network_label.setObjectName("hint")
        column.addWidget(self.network_label)
        return box

    # -- state -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.controller.refresh()

    def show_overview(self, ov: SyncOverview) -> None:
        self.overview = ov
        if not ov.enrolled:
            state = translate(
                "Sync",
                "Not enrolled. Import the enrollment file the education bureau sent you.",
            )
        elif not ov.registered and not ov.token_waiting:
            state = translate(
                "Sync", "Needs a new enrollment file from the bureau (this computer is new to it)."
            )
        elif not ov.registered:
            state = translate(
                "Sync",
                "Enrollment file imported; this computer registers with the bureau at the "
                "next sync.",
            )
        else:
            state = translate("Sync", "Enrolled with the bureau as school {code}.").format(
                code=ov.school_code
            )
        self.state_label.setText(state)
        said = advice(ov)
        self.advice_label.setText("\n".join(a.text(translate) for a in said))
        self.reenroll_button.setVisible(any(a.kind == "copy" for a in said))
        self.reenroll_button.setEnabled(allowed(self.ctx.actor, Permission.EDIT_SCHOOL_PROFILE))
        self.bureau_label.setText(
            f"{ov.school_name}  {ov.bureau_url}".strip() if ov.enrolled else "—"
        )
        self.bureau_fp.setText(ov.bureau_fingerprint or "—")
        self.device_fp.setText(ov.device_fingerprint or "—")
        self.import_button.setEnabled(not ov.registered)
        self.sync_button.setEnabled(ov.enrolled and not self.controller.running)
        self.export_button.setEnabled(ov.enrolled)
        self.import_usb_button.setEnabled(ov.enrolled)
        self.last_sync_label.setText(
            translate("Sync", "Never synced with the bureau yet")
            if ov.last_sync_at is None
            else translate("Sync", "Last successful sync: {time}").format(
                time=format_time(ov.last_sync_at)
            )
        )
        self.pending_label.setText(
            translate("Sync", "Records not yet received by the bureau: {n}").format(
                n=ov.unacked_changes
            )
        )
        got = ov.received
        self.received_label.setVisible(got is not None and bool(got.text(translate)))
        if got is not None:
            self.received_label.setText(
                translate("Sync", "Received {time}: {what}").format(
                    time=format_time(got.at), what=got.text(translate)
                )
            )
        self.notices.clear()
        for n in ov.notices:
            line = f"{format_time(n.created_at)}\n{n.text}"
            if n.acknowledged_at is not None:
                line += "\n" + translate("Sync", "Acknowledged by {name} on {time}").format(
                    name=n.acknowledged_by, time=format_time(n.acknowledged_at)
                )
            elif n.ack_required:
                line += "\n" + translate("Sync", "To acknowledge on the dashboard")
            self.notices.addItem(line)
        if not ov.notices:
            self.notices.addItem(translate("Sync", "No notices."))
        if not self.controller.running:
            self.model.set_rows(ov.bundles)
            if ov.last_problem:
                self.message.show_error(_problem_text(ov.last_problem))
        source = self.controller.reachability_source
        if source.startswith("qt:"):
            watch = translate(
                "Sync", "Syncs by itself when the network comes back and every 15 minutes."
            )
        else:
            watch = translate(
                "Sync",
                "Checks every minute whether the bureau can be reached; syncs when it can "
                "and every 15 minutes.",
            )
        self.network_label.setText(watch)

    # -- sync --------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.controller.sync_now("manual"):
            self.message.clear_message()

    def _pass_started(self) -> None:
        self.message.clear_message()
        self.sync_button.setEnabled(False)
        self.sync_button.setText(translate("Sync", "Syncing…"))
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(translate("Sync", "Preparing…"))
        self.progress_bar.show()

    def _progress(self, p) -> None:
        if p.stage == "uploading" and p.total:
            percent = int(100 * p.sent / p.total)
            self.progress_bar.setValue(percent)
            self.progress_bar.setFormat(
                translate("Sync", "Sending bundle {seq}: {percent}%").format(
                    seq=p.seq, percent=percent
                )
            )
            self.model.set_progress(p.seq, p.sent, p.total)
        elif p.stage == "fetching":
            self.progress_bar.setValue(100)
            self.progress_bar.setFormat(translate("Sync", "Waiting for the bureau's reply…"))
        elif p.stage == "receiving" and p.total:
            percent = min(100, int(100 * p.sent / p.total))
            self.progress_bar.setValue(percent)
            self.progress_bar.setFormat(
                translate(
                    "Sync", "Receiving the school's other computers' records: {percent}%"
                ).format(percent=percent)
            )

    def _pass_ended(self) -> None:
        self.sync_button.setText(translate("Sync", "Sync now"))
        self.sync_button.setEnabled(self.overview.enrolled)
        self.progress_bar.hide()

    def _pass_finished(self, report) -> None:
        self._pass_ended()
        if report is None:
            return
        if report.problem:
            self.message.show_error(_problem_text(report.problem))
        elif report.quarantined:
            self.message.show_error(
                translate(
                    "Sync",
                    "The bureau held back {n} bundles (see the list). Call the bureau; "
                    "everything else was received.",
                ).format(n=len(report.quarantined))
            )
        else:
            self.message.show_notice(translate("Sync", "Sync finished: the bureau has everything."))

    def _pass_failed(self, message: str) -> None:
        self._pass_ended()
        self.message.show_error(message)

    # -- enrollment --------------------------------------------------------------------

    def _ask_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("Sync", "Enrollment file from the bureau"),
            "",
            translate("Sync", "Enrollment files (*.enroll.json *.json)"),
        )
        return Path(name) if name else None

    def import_enrollment(self) -> None:
        if self.overview.registered:
            return
        path = self.choose_file()
        if path is None:
            return
        ws = self.ctx.workspace
        factory = self.controller.transport_factory
        self.import_button.setEnabled(False)

        run_in_background(
            lambda: enroll_from_file(ws, path, factory),
            on_done=self._enrolled,
            on_error=self._enroll_failed,
            context=self,
            description="sync: import enrollment",
        )

    def _enrolled(self, result) -> None:
        _info, problem = result
        if problem:
            self.message.show_error(
                translate(
                    "Sync", "The enrollment file was imported, but registering did not work yet."
                )
                + " "
                + _problem_text(problem)
            )
        else:
            self.message.show_notice(
                translate(
                    "Sync",
                    "Enrolled. Read both fingerprints to the bureau by phone, then sync.",
                )
            )
        self.controller.refresh()

    def _enroll_failed(self, message: str, _error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.message.show_error(message)

    # -- a copied data folder ----------------------------------------------------------

    def _ask_reenroll(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Sync", "Re-enroll as a new computer"),
            translate("Sync", "Make this data folder a new computer for the bureau?"),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            translate(
                "Sync",
                "This folder gets a new identity and new sync keys. The school's records stay "
                "here, and everything the bureau has not received yet is sent again under the "
                "new identity.\n\nThe bureau must then register this computer: ask it for a new "
                "enrollment file for school {code} and import it here.",
            ).format(code=self.overview.school_code)
        )
        yes = box.addButton(
            translate("Sync", "Re-enroll as a new computer"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def reenroll(self) -> None:
        """Ask, then make this data folder a new device (principal only; the service checks)."""
        if not self.overview.enrolled or self.controller.running or not self.confirm_reenroll():
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.reenroll_button.setEnabled(False)
        run_in_background(
            lambda: reenroll_as_new_device(ws, actor),
            on_done=self._reenrolled,
            on_error=self._reenroll_failed,
            context=self,
            description="sync: re-enroll as a new device",
        )

    def _reenrolled(self, done) -> None:
        self.message.show_notice(
            translate(
                "Sync",
                "This data folder is now a new computer (fingerprint {fp}); {n} changes wait to "
                "be sent. Ask the bureau for a new enrollment file for school {code} and import "
                "it (Ctrl+O).",
            ).format(fp=done.fingerprint, n=done.requeued, code=self.overview.school_code)
        )
        self.controller.refresh()

    def _reenroll_failed(self, message: str, _error: BaseException) -> None:
        self.show_overview(self.overview)
        self.message.show_error(message)

    # -- USB ---------------------------------------------------------------------------

    def _ask_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, title)
        return Path(name) if name else None

    def export_usb(self, folder: Path | None = None) -> None:
        folder = folder or self.choose_folder(translate("Sync", "Folder on the USB stick"))
        if folder is None:
            return
        ws = self.ctx.workspace
        run_in_background(
            lambda: export_usb(ws, folder),
            on_done=lambda written: self._usb_finished(
                translate("Sync", "Wrote {n} bundles to {path}. Take them to the bureau.").format(
                    n=len(written), path=str(folder)
                )
            ),
            on_error=self._usb_failed,
            context=self,
            description="sync: export to USB",
        )

    def import_usb(self, folder: Path | None = None) -> None:
        folder = folder or self.choose_folder(translate("Sync", "Folder with the bureau's replies"))
        if folder is None:
            return
        ws = self.ctx.workspace
        run_in_background(
            lambda: import_usb(ws, folder),
            on_done=lambda report: self._usb_finished(_import_text(report, folder)),
            on_error=self._usb_failed,
            context=self,
            description="sync: import from USB",
        )

    def _usb_finished(self, text: str) -> None:
        self.usb_done += 1
        self.usb_message.show_notice(text)
        self.controller.refresh()

    def _usb_failed(self, message: str, _error: BaseException) -> None:
        self.usb_done += 1
        self.usb_message.show_error(message)


def _import_text(report, folder: Path) -> str:
    """What a USB import did: the replies read, and the files left alone (by name)."""
    n = report.applied
    text = (
        translate("Sync", "Read {n} replies from the bureau.").format(n=n)
        if n
        else translate("Sync", "No new reply for this computer was found in {path}.").format(
            path=str(folder)
        )
    )
    if report.problems:
        text += " " + translate(
            "Sync",
            "{n} files in the folder were not read or did not verify, "
            "and were left as they are: {names}",
        ).format(n=len(report.problems), names=", ".join(report.problems))
    return text
