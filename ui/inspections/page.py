"""安全检查: the list of inspections, starting a new one, and answering it.

Two views in one page: the lazy list (:class:`InspectionListModel`) and the
:class:`~ui.inspections.answer_view.AnswerView`. Ctrl+N starts an inspection,
Enter or a double click opens the chosen one, Esc goes back to the list.

Threading: UI thread; reads and writes go through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.inspections.queries import InspectionFilters
from app.inspections.service import start_inspection
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import translate
from ui.inspections.answer_view import AnswerView
from ui.inspections.dialogs import NewInspectionDialog
from ui.inspections.model import InspectionListModel
from ui.operations import run_in_background


class InspectionsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.dialog: NewInspectionDialog | None = None
        self._stale = True

        title = QLabel(translate("Inspections", "Safety inspections"))
        title.setObjectName("pageTitle")
        hint = QLabel(
            translate(
                "Inspections",
                "Patrols and checks are done to a checklist. Failed items go into the "
                "hazard ledger when the inspection is finalized.",
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.new_button = QPushButton(translate("Inspections", "New inspection…"))
        self.open_button = QPushButton(translate("Inspections", "Open"))
        self.in_progress = QCheckBox(translate("Inspections", "In progress only"))
        self.new_button.clicked.connect(self.new_inspection)
        self.open_button.clicked.connect(self.open_selected)
        self.in_progress.toggled.connect(lambda _c: self.reload())
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.in_progress)
        buttons.addStretch(1)

        self.model = InspectionListModel(self)
        self.model.load_failed.connect(lambda msg: self.message.show_error(msg))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 150, 330, 120, 90, 60)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())

        self.message = MessageLabel()
        self.list_view = QWidget()
        list_layout = QVBoxLayout(self.list_view)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(title)
        list_layout.addWidget(hint)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.message)
        list_layout.addWidget(self.table, 1)

        self.answers = AnswerView(ctx)
        self.answers.back.connect(self.show_list)
        self.answers.open_inspection.connect(self.open_inspection)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.answers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_inspection)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.answers, self.show_list)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, lambda: self._elsewhere_changed("inspections"),
                                tables=("inspection", "inspection_answer"))  # fmt: skip

    # -- the list ------------------------------------------------------------------

    def reload(self) -> None:
        self._stale = False
        finalized = False if self.in_progress.isChecked() else None
        self.model.show_filters(
            self.ctx.workspace, self.ctx.actor, InspectionFilters(finalized=finalized)
        )

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _elsewhere_changed(self, area: str) -> None:
        if area == "inspections":
            self._stale = True
            if self.isVisible() and self.stack.currentWidget() is self.list_view:
                self.reload()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_view)
        if self._stale:
            self.reload()
        self.table.setFocus()

    def open_selected(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None:
            self.open_inspection(row.id)

    def open_inspection(self, inspection_id: uuid.UUID) -> None:
        self.message.clear_message()
        self.stack.setCurrentWidget(self.answers)
        self.answers.open(inspection_id)

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): the form of the inspection shown, or chosen in the list.

        Only a finalized inspection has a form to print.
        """
        if self.stack.currentWidget() is self.answers:
            self.answers.print_form()
            return
        row = self.model.row_at(self.table.currentIndex().row())
        if row is None or row.finalized_at is None:
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "inspection", row.id)

    # -- starting ------------------------------------------------------------------

    def new_inspection(self) -> None:
        dialog = NewInspectionDialog(self, self.ctx)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._start(dialog.entries()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _start(self, entries: dict) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.message.clear_message()
        run_in_background(
            lambda: start_inspection(ws, actor, **entries),
            on_done=self._started,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="start inspection",
        )

    def _started(self, inspection_id: uuid.UUID) -> None:
        self._stale = True
        self.ctx.events.changed.emit("inspections")
        self.open_inspection(inspection_id)
