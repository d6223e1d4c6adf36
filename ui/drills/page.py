"""应急演练: the cadence status, the list of drills with filters, and the editor.

The strip at the top says, for the school's type and the period chosen,
which required drills are done, due or missed (:mod:`app.drills.cadence`).
Ctrl+N starts a drill, Enter opens the chosen one, F5 reads again.

Threading: UI thread; every read and action goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.drills.cadence import drill_cadence, reference_day
from app.drills.queries import list_drills
from app.drills.types import DRILL_TYPE_LABELS
from app.hazards.service import school_today
from app.periods import month_of
from app.school.terms import get_terms, set_terms
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.drills.editor import DrillEditor
from ui.drills.labels import STATUS_COLORS, period_label, status_label, type_label
from ui.drills.model import DRILL_ID_ROLE, DrillsModel
from ui.drills.terms_dialog import TermsDialog
from ui.i18n import app_text, translate
from ui.operations import run_in_background

MONTHS_BACK = 24


def _months(today: date, n: int) -> list[date]:
    out, day = [], today.replace(day=1)
    for _ in range(n):
        out.append(day)
        day = (day - timedelta(days=1)).replace(day=1)
    return out


class CadenceStrip(QFrame):
    """One chip per required drill: what, which period, done/due/missed."""

    def __init__(self) -> None:
        super().__init__()
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.chips: list[QLabel] = []

    def show_items(self, items) -> None:
        for chip in self.chips:
            chip.deleteLater()
        self.chips = []
        while self.layout_.count():
            self.layout_.takeAt(0)
        if not items:
            empty = QLabel(translate("Drills", "No required drills in this period."))
            empty.setObjectName("hint")
            self.layout_.addWidget(empty)
            self.chips.append(empty)
        for item in items:
            bg, fg = STATUS_COLORS[item.status.value]
            text = (
                f"<b>{status_label(item.status)}</b>　{app_text(item.requirement.label)}"
                f"<br><span style='font-size:small'>{period_label(item.period)}　"
                + translate("Drills", "{done} of {required} held").format(
                    done=item.done, required=item.requirement.required
                )
                + "</span>"
            )
            chip = QLabel(text)
            chip.setTextFormat(Qt.TextFormat.RichText)
            chip.setStyleSheet(
                f"background:{bg}; color:{fg}; border:1px solid {fg}; border-radius:6px;"
                "padding:6px 10px;"
            )
            chip.setToolTip("\n".join(e.label for e in item.evidence))
            chip.setProperty("status", item.status.value)
            chip.setProperty("code", item.requirement.code)
            self.layout_.addWidget(chip)
            self.chips.append(chip)
        self.layout_.addStretch(1)


class DrillsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = 0  # list reads finished (tests wait on it)
        self.cadence_items: list = []
        self.editor: DrillEditor | None = None
        today = school_today()

        title = QLabel(translate("Drills", "Emergency drills"))
        title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.new_button = QPushButton(translate("Drills", "&New drill"))
        self.open_button = QPushButton(translate("Drills", "&Open"))
        self.terms_button = QPushButton(translate("Drills", "School &terms…"))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.open_button.clicked.connect(self.open_current)
        self.terms_button.clicked.connect(self.edit_terms)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        head.addWidget(self.terms_button)
        head.addWidget(self.open_button)
        head.addWidget(self.new_button)

        self.cadence = CadenceStrip()

        self.type_filter = QComboBox()
        self.type_filter.addItem(translate("Drills", "All types"), None)
        for value in DRILL_TYPE_LABELS:
            self.type_filter.addItem(type_label(value), value)
        self.period = QComboBox()
        self.period.addItem(translate("Drills", "All months"), None)
        for month in _months(today, MONTHS_BACK):
            self.period.addItem(f"{month:%Y-%m}", month)
        self.period.setCurrentIndex(0)
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        filters = QHBoxLayout()
        type_label_ = QLabel(translate("Drills", "T&ype"))
        type_label_.setBuddy(self.type_filter)
        month_label = QLabel(translate("Drills", "&Month"))
        month_label.setBuddy(self.period)
        filters.addWidget(type_label_)
        filters.addWidget(self.type_filter)
        filters.addWidget(month_label)
        filters.addWidget(self.period)
        filters.addStretch(1)

        self.model = DrillsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((130, 150, 180, 56, 72, 56, 48, 110)):
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(lambda _i: self.open_current())

        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.cadence)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        # After the buttons have a parent: showing a parentless button would
        # open it as a window of its own and take the focus from the main one.
        self.new_button.setVisible(allowed(ctx.actor, Permission.RECORD_DRILL))
        self.terms_button.setVisible(allowed(ctx.actor, Permission.EDIT_SCHOOL_PROFILE))

        QShortcut(QKeySequence.StandardKey.New, self, lambda: self.open_editor(None))
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, self.refresh, tables=(
            "drill", "drill_photo", "drill_problem", "drill_document", "school_term"))  # fmt: skip
        self._stale = True
        self._generation = 0

    # -- reading -------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self._generation += 1
        generation = self._generation
        ws = self.ctx.workspace
        drill_type = self.type_filter.currentData()
        month_start = self.period.currentData()
        today = school_today()
        month = month_of(month_start or today)
        start, end = (month.start, month.end) if month_start else (None, None)

        def work():
            rows = list_drills(ws, drill_type=drill_type, start=start, end=end)
            items = drill_cadence(ws, reference_day(month, today), today)
            return rows, items

        run_in_background(
            work,
            on_done=lambda result: self._loaded(generation, result),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="drills list",
        )

    def _loaded(self, generation: int, result) -> None:
        if generation != self._generation:
            return  # an older filter's answer arrived late
        rows, items = result
        current = self.current_id()
        self.model.set_rows(rows)
        self.cadence_items = items
        self.cadence.show_items(items)
        self.count_label.setText(translate("Drills", "{n} drills").format(n=len(rows)))
        if current is not None:
            self.select_drill(current)
        elif rows:
            self.table.selectRow(0)
        self.loaded += 1

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        value = index.siblingAtColumn(0).data(DRILL_ID_ROLE) if index.isValid() else None
        return uuid.UUID(value) if value else None

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): the chosen drill's record form, once finalized."""
        row = self.model.valid_row(self.table.currentIndex())
        if row is None or not row.finalized:
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "drill", row.id)

    def select_drill(self, drill_id: uuid.UUID) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == drill_id:
                self.table.selectRow(row)
                return True
        return False

    # -- actions -------------------------------------------------------------------

    def open_current(self) -> None:
        drill_id = self.current_id()
        if drill_id is not None:
            self.open_editor(drill_id)

    def open_record(self, drill_id: uuid.UUID) -> None:
        """Open one drill (the 工作台's drill line opens here)."""
        self.open_editor(drill_id, modal=False)

    def open_editor(self, drill_id: uuid.UUID | None, modal: bool = True) -> DrillEditor:
        if drill_id is None and not allowed(self.ctx.actor, Permission.RECORD_DRILL):
            return None
        editor = DrillEditor(self.ctx, drill_id, self)
        editor.saved.connect(lambda _id: self.refresh())
        self.editor = editor
        if modal:
            editor.exec()
            self.editor = None
        else:
            editor.show()
        return editor

    def edit_terms(self) -> None:
        ws = self.ctx.workspace
        run_in_background(
            lambda: get_terms(ws),
            on_done=self._terms_loaded,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="school terms",
        )

    def _terms_loaded(self, terms) -> None:
        dialog = TermsDialog(self, terms, school_today())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ws, actor, chosen = self.ctx.workspace, self.ctx.actor, dialog.terms()
        run_in_background(
            lambda: set_terms(ws, actor, chosen),
            on_done=lambda _r: self._terms_saved(),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="save school terms",
        )

    def _terms_saved(self) -> None:
        self.message.show_notice(translate("Drills", "Term dates saved."))
        self.refresh()

    # -- refresh -------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _elsewhere_changed(self, area: str) -> None:
        if area in ("drills", "school"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True
