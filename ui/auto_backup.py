"""The daily automatic backup: checked after sign-in, then every hour.

``app.backup.service.backup_if_due`` decides whether one is due (24 h since
the last); the check and the copy run in the background. Failures are
logged and reported through ``report`` (a status-bar line), never as a
dialog in the user's way.

Threading: UI thread (a QTimer); the work runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.backup.service import backup_if_due
from ui.context import AppContext
from ui.i18n import translate
from ui.operations import run_in_background

HOUR_MS = 60 * 60 * 1000


class AutoBackup(QObject):
    def __init__(
        self, ctx: AppContext, parent: QObject, report: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report = report or (lambda _text: None)
        self.runs = 0  # completed checks; tests wait on it
        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def check(self) -> None:
        ws = self.ctx.workspace
        run_in_background(
            lambda: backup_if_due(ws),
            on_done=self._done,
            on_error=self._failed,
            description="automatic backup",
        )

    def _done(self, path: Path | None) -> None:
        self.runs += 1
        if path is not None:
            self.report(translate("AutoBackup", "Today's automatic backup was saved."))
            self.ctx.events.changed.emit("backup")

    def _failed(self, message: str, _error: BaseException) -> None:
        self.runs += 1
        self.report(
            translate("AutoBackup", "The automatic backup failed: {reason}").format(reason=message)
        )
