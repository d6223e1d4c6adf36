"""Settings → Backups: the list, "back up now" and restoring a backup.

Restoring asks and reports; the work is :mod:`app.backup.restore`'s. The
chosen backup is checked in the background (the same check as ``xiaoan
check``), the person confirms with what the check found, then — once the
app's other background work has finished — the checked copy replaces the
data and xiaoan starts again. Only the principal restores; whoever may back
up sees the list.

:attr:`BackupsBox.confirm_restore` and :attr:`BackupsBox.restart` are
attributes so tests can answer the question and see the restart (the real
one tells what was kept, then starts xiaoan again with the same command line).

Threading: UI thread; listing, backing up and both restore steps run
through :mod:`ui.operations`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QProcess, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.backup.restore import (
    Restored,
    RestorePlan,
    complete_restore,
    discard_restore,
    prepare_restore,
)
from app.backup.service import BackupInfo, backup_now, restorable_backups
from ui import operations
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import role_label, translate
from ui.operations import run_in_background
from ui.settings.backups_model import BackupsModel

IDLE_POLL_MS = 100
IDLE_POLLS = 300  # 30 s: then the restore itself says the data is busy


def restart_app() -> None:
    """Start xiaoan again with the same command line, then end this one."""
    if getattr(sys, "frozen", False):  # an installed build: the executable is xiaoan
        program, args = sys.executable, sys.argv[1:]
    else:
        program, args = sys.executable, list(sys.argv)
    QProcess.startDetached(program, args)
    QApplication.quit()


class BackupsBox(QGroupBox):
    """The backups group of the settings page."""

    backed_up = Signal(Path)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("Settings", "Backups"), parent)
        self.ctx = ctx
        self.loads = 0  # completed list loads; tests wait on it
        self.last_backup_path: Path | None = None
        self.restored: Restored | None = None
        self.confirm_restore: Callable[[RestorePlan], bool] = self._ask_restore
        self.restart: Callable[[Restored], None] = self._tell_and_restart
        self.may_back_up = allowed(ctx.actor, Permission.BACKUP)
        self.may_restore = allowed(ctx.actor, Permission.RESTORE_BACKUP)

        self.backup_button = QPushButton(translate("Settings", "Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.backup_button.setEnabled(self.may_back_up)
        self.restore_button = QPushButton(translate("Settings", "Restore this backup…"))
        self.restore_button.clicked.connect(self.restore_chosen)
        self.restore_button.setEnabled(False)
        if not self.may_restore:
            self.restore_button.setToolTip(
                translate("Settings", "Only the principal can restore a backup.")
            )
        self.reason = QLabel(self._reason_text())
        self.reason.setObjectName("hint")
        self.reason.setWordWrap(True)
        self.message = MessageLabel()

        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(160)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(self.restore_button)
        top.addWidget(self.reason, 1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.message)
        column.addWidget(self.table)

    def _reason_text(self) -> str:
        if not self.may_back_up:
            return translate(
                "Settings",
                "Your role ({role}) may not make backups by hand. "
                "The daily automatic backup still runs.",
            ).format(role=role_label(self.ctx.actor.role))
        return translate(
            "Settings", "A backup is also made automatically once a day. The newest 14 are kept."
        )

    # -- the list ----------------------------------------------------------------------

    def reload(self) -> None:
        ws = self.ctx.workspace
        run_in_background(
            lambda: restorable_backups(ws),
            on_done=self._loaded,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="list backups",
        )

    def _loaded(self, backups: list[BackupInfo]) -> None:
        self.model.set_backups(backups)
        self._selection_changed()
        self.loads += 1

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args) -> None:
        self.restore_button.setEnabled(self.may_restore and self.chosen() is not None)

    # -- back up now -------------------------------------------------------------------

    def back_up_now(self) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.backup_button.setEnabled(False)
        self.message.clear_message()
        run_in_background(
            lambda: backup_now(ws, actor),
            on_done=self._backed_up,
            on_error=self._backup_failed,
            context=self,
            description="backup now",
        )

    def _backed_up(self, path: Path) -> None:
        self.last_backup_path = path
        self.backup_button.setEnabled(True)
        self.message.show_notice(
            translate("Settings", "Backup saved: {file}").format(file=path.name)
        )
        self.backed_up.emit(path)
        self.reload()

    def _backup_failed(self, message: str, _error: BaseException) -> None:
        self.backup_button.setEnabled(self.may_back_up)
        self.message.show_error(message)

    # -- restore -----------------------------------------------------------------------

    def restore_chosen(self) -> None:
        """Check the chosen backup; the person is asked once the check has passed."""
        backup = self.chosen()
        if backup is None or not self.may_restore:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        self._restoring(True)
        self.message.show_notice(
            translate("Settings", "Checking the backup {file}…").format(file=backup.path.name)
        )
        run_in_background(
            lambda: prepare_restore(ws, actor, backup.path),
            on_done=self._checked,
            on_error=self._restore_failed,
            context=self,
            description="check a backup before restoring it",
        )

    def _ask_restore(self, plan: RestorePlan) -> bool:
        when = format_time(plan.made_at)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Settings", "Restore a backup"),
            translate("Settings", "Restore the data as it was at {time}?").format(time=when),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            translate(
                "Settings",
                "The backup passed the check ({n} audit entries verified).\n\n"
                "Everything recorded on this computer after {time} is undone here. What was "
                "already sent to the education bureau stays there.\n\n"
                "The data as it is now is kept in the backups folder and can be restored "
                "again. xiaoan starts again afterwards.",
            ).format(n=plan.audit_entries, time=when)
        )
        yes = box.addButton(
            translate("Settings", "Restore and restart"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def _checked(self, plan: RestorePlan) -> None:
        if not self.confirm_restore(plan):
            self.message.clear_message()
            self._restoring(False)
            run_in_background(
                lambda: discard_restore(plan),
                on_error=lambda _msg, _e: None,  # a leftover copy only takes space
                context=self,
                description="discard a prepared restore",
            )
            return
        self.message.show_notice(translate("Settings", "Restoring…"))
        self._when_idle(lambda: self._complete(plan))

    def _when_idle(self, then: Callable[[], None], polls: int = 0) -> None:
        """Call ``then`` once no other background work runs (a sync pass, a page's read)."""
        if operations.busy() and polls < IDLE_POLLS:
            QTimer.singleShot(IDLE_POLL_MS, self, lambda: self._when_idle(then, polls + 1))
            return
        then()

    def _complete(self, plan: RestorePlan) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: complete_restore(ws, actor, plan),
            on_done=self._restored,
            on_error=self._restore_failed,
            context=self,
            description="restore a backup",
        )

    def _restored(self, restored: Restored) -> None:
        self.restored = restored
        self.message.show_notice(translate("Settings", "Restored. xiaoan starts again…"))
        self.restart(restored)

    def _tell_and_restart(self, restored: Restored) -> None:
        QMessageBox.information(
            self,
            translate("Settings", "Backup restored"),
            translate(
                "Settings",
                "The backup {backup} was restored. The data as it was before is kept as "
                "{kept} in the backups folder. xiaoan now starts again; sign in as usual.",
            ).format(backup=restored.backup.name, kept=restored.kept_aside.name),
        )
        restart_app()

    def _restore_failed(self, message: str, _error: BaseException) -> None:
        self._restoring(False)
        self.message.show_error(message)

    def _restoring(self, busy: bool) -> None:
        self.restore_button.setEnabled(not busy and self.may_restore and self.chosen() is not None)
        self.backup_button.setEnabled(not busy and self.may_back_up)
        self.table.setEnabled(not busy)
