"""The main window: left navigation, one page at a time, a status bar.

Thin by design: the pages come from :mod:`ui.pages` and do their own work.
Ctrl+1..9 switch pages, Ctrl+Q quits.

Threading: UI thread only; reads (last backup time) go through
:mod:`ui.operations`.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app.backup.service import last_backup_at
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import role_label, translate
from ui.operations import run_in_background
from ui.pages import PageSpec, pages_for

SYNC_START_DELAY_MS = 1500


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs: list[PageSpec] = pages_for(ctx.actor)
        self._pages: dict[str, QWidget] = {}
        self.setWindowTitle(
            translate("MainWindow", "xiaoan — {school}").format(school=ctx.school.name)
        )
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(168)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        for spec in self.specs:
            item = QListWidgetItem(translate("Navigation", spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(150, 40))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the page when first shown
        self.nav.currentRowChanged.connect(self._show_row)

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        self._build_status_bar()
        self._attach_sync()
        self._build_shortcuts()
        ctx.events.changed.connect(self._on_changed)
        ctx.events.open_requested.connect(self.open_record)
        self.nav.setCurrentRow(0)
        self.nav.setFocus()
        self.refresh_status()

    # -- pages -----------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [s.key for s in self.specs]

    def page(self, key: str) -> QWidget:
        """The page for ``key``, created on first use."""
        if key not in self._pages:
            index = self.page_keys().index(key)
            page = self.specs[index].create(self.ctx)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.page_keys().index(key))
        return self.page(key)

    def open_record(self, key: str, record_id: object = None) -> bool:
        """Show page ``key`` and, when the page has ``open_record``, the record there."""
        if key not in self.page_keys():
            return False
        page = self.show_page(key)
        opener = getattr(page, "open_record", None)
        if record_id is not None and callable(opener):
            opener(record_id)
        return True

    def current_key(self) -> str:
        return self.specs[self.stack.currentIndex()].key

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            page = self.page(self.specs[row].key)
            self.stack.setCurrentWidget(page)

    # -- status bar ------------------------------------------------------------

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        self.user_label = QLabel(
            translate("MainWindow", "Signed in: {name} ({role})").format(
                name=actor.name, role=role_label(actor.role)
            )
        )
        self.school_label = QLabel(self.ctx.school.name)
        self.backup_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.school_label)
        bar.addPermanentWidget(self.backup_label)

    def refresh_status(self) -> None:
        ws = self.ctx.workspace
        run_in_background(
            lambda: last_backup_at(ws),
            on_done=self._show_last_backup,
            on_error=lambda msg, _e: self.backup_label.setText(msg),
            context=self,
            description="status: last backup",
        )

    def _show_last_backup(self, when: datetime | None) -> None:
        self.backup_label.setText(
            translate("MainWindow", "No backup yet")
            if when is None
            else translate("MainWindow", "Last backup: {time}").format(time=format_time(when))
        )

    def _on_changed(self, area: str) -> None:
        if area == "backup":
            self.refresh_status()
        elif area == "school":  # the school's details were edited in Settings
            self.setWindowTitle(
                translate("MainWindow", "xiaoan — {school}").format(school=self.ctx.school.name)
            )
            self.school_label.setText(self.ctx.school.name)

    # -- sync (status bar) ----------------------------------------------------

    def _attach_sync(self) -> None:
        """Start the sync triggers and show the last successful sync in the status bar."""
        from ui.sync.controller import SyncController

        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sync = SyncController.of(self.ctx)
        self.sync.overview_changed.connect(self._show_sync)
        # After the window is up: its first reading loads the sync models in a
        # worker, which would otherwise compete with start-up for the GIL.
        QTimer.singleShot(SYNC_START_DELAY_MS, self.sync, self.sync.start)

    def _show_sync(self, overview) -> None:
        from ui.sync.controller import status_text

        self.sync_label.setText(status_text(overview))

    # -- keyboard --------------------------------------------------------------

    def _build_shortcuts(self) -> None:
        for i in range(min(9, len(self.specs))):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.addAction(action)
        quit_action = QAction(translate("MainWindow", "Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
