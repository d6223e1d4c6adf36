"""The main window: left navigation, one page at a time, a status bar.

Thin by design: the pages come from :mod:`ui.pages` and do their own work.
The window owns the keys every page shares (listed on the F1 sheet, which
reads them from the actions themselves):

* each page's own key (:data:`ui.pages.PAGE_KEYS`, shown in the navigation's
  tooltips);
* Ctrl+P — the current page's ``print_selected()`` (the chosen record's form);
* Ctrl+L — sign out / switch user, Ctrl+Shift+L — lock the screen (both are
  carried out by the shell, :class:`ui.shell.session.Shell`, which listens to
  :attr:`sign_out_requested` and :attr:`lock_requested`);
* F1 — the shortcuts sheet; Ctrl+Q — quit.

The window opens at a size that fits the screen it opens on and remembers
its size and maximised state (:mod:`ui.shell.geometry`).

Threading: UI thread only; reads (last backup time) go through
:mod:`ui.operations`.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app.backup.service import last_backup_at
from ui.context import AppContext
from ui.formatting import format_time
from ui.i18n import role_label, translate
from ui.operations import run_in_background
from ui.pages import PageSpec, page_key, pages_for
from ui.shell.geometry import fit_window

SYNC_START_DELAY_MS = 1500
PREFERRED_SIZE = QSize(1280, 800)  # on a larger screen; a laptop's gets what it has
PAGE_PROPERTY = "xiaoanPage"  # set on each page widget: its key (ui.shell.unsaved reads it)


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    lock_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.specs: list[PageSpec] = pages_for(ctx.actor)
        self._pages: dict[str, QWidget] = {}
        self.setWindowTitle(
            translate("MainWindow", "xiaoan — {school}").format(school=ctx.school.name)
        )
        fit_window(self, PREFERRED_SIZE, "main")

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

        self._build_actions()
        self._build_status_bar()
        self._attach_sync()
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
            page.setProperty(PAGE_PROPERTY, key)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._pages[key] = page
        return self._pages[key]

    def created_pages(self) -> dict[str, QWidget]:
        """The pages opened so far, by key (the others hold nothing yet)."""
        return dict(self._pages)

    def page_title(self, key: str) -> str:
        return translate("Navigation", self.specs[self.page_keys().index(key)].title)

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

    def current_page(self) -> QWidget:
        return self.page(self.current_key())

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            page = self.page(self.specs[row].key)
            self.stack.setCurrentWidget(page)

    # -- printing --------------------------------------------------------------

    def print_selected(self) -> bool:
        """Ctrl+P: the current page previews its chosen record's form, if it prints one."""
        printer = getattr(self.current_page(), "print_selected", None)
        if callable(printer):
            printer()
            return True
        self.statusBar().showMessage(
            translate("MainWindow", "Nothing on this page prints a form."), 5000
        )
        return False

    # -- status bar ------------------------------------------------------------

    def _build_status_bar(self) -> None:
        actor = self.ctx.actor
        self.user_label = QLabel(
            translate("MainWindow", "Signed in: {name} ({role})").format(
                name=actor.name, role=role_label(actor.role)
            )
        )
        self.sign_out_button = QToolButton()
        self.sign_out_button.setDefaultAction(self.sign_out_action)
        self.sign_out_button.setAutoRaise(True)
        self.lock_button = QToolButton()
        self.lock_button.setDefaultAction(self.lock_action)
        self.lock_button.setAutoRaise(True)
        self.school_label = QLabel(self.ctx.school.name)
        self.backup_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.sign_out_button)
        bar.addWidget(self.lock_button)
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

    # -- signing out -------------------------------------------------------------

    def retire(self) -> None:
        """This person's window is done with (signed out): stop its timers and hide it.

        The shell deletes it afterwards; operations still in flight for its
        pages then find their widget gone and deliver nothing
        (:mod:`ui.operations`).
        """
        self.sync.stop()
        self.sync.deleteLater()  # a pass still running finds it gone and reports nothing
        self.ctx.events.changed.disconnect(self._on_changed)
        self.ctx.events.open_requested.disconnect(self.open_record)
        self.hide()

    # -- keyboard --------------------------------------------------------------

    def _action(self, text: str, keys: list[QKeySequence], slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.page_actions: dict[str, QAction] = {}
        for row, spec in enumerate(self.specs):
            keys = page_key(spec)
            if keys.isEmpty():
                continue
            title = translate("Navigation", spec.title)
            action = self._action(
                translate("MainWindow", "Show {page}").format(page=title),
                [keys],
                lambda row=row: self.nav.setCurrentRow(row),
            )
            self.page_actions[spec.key] = action
            self.nav.item(row).setToolTip(
                translate("MainWindow", "{page} ({keys})").format(
                    page=title, keys=keys.toString(QKeySequence.SequenceFormat.NativeText)
                )
            )
        self.print_action = self._action(
            translate("MainWindow", "Print the chosen record"),
            [QKeySequence(QKeySequence.StandardKey.Print)],
            self.print_selected,
        )
        self.sign_out_action = self._action(
            translate("MainWindow", "Sign out / switch user"),
            [QKeySequence("Ctrl+L")],
            self.sign_out_requested.emit,
        )
        self.lock_action = self._action(
            translate("MainWindow", "Lock the screen"),
            [QKeySequence("Ctrl+Shift+L")],
            self.lock_requested.emit,
        )
        self.shortcuts_action = self._action(
            translate("MainWindow", "Keyboard shortcuts"),
            [QKeySequence("F1")],
            self.show_shortcuts,
        )
        self.quit_action = self._action(
            translate("MainWindow", "Quit"), [QKeySequence("Ctrl+Q")], self.close
        )
        for action in (self.sign_out_action, self.lock_action):
            action.setToolTip(
                f"{action.text()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )

    def show_shortcuts(self):
        """F1: every key of this window and of the current page, read from the actions."""
        from ui.shell.shortcuts import ShortcutsSheet

        sheet = ShortcutsSheet(self, self.current_page())
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        self.shortcuts_sheet = sheet
        return sheet
