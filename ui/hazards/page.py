"""隐患台账: the rectification ledger, its filters, and the detail panel of the chosen hazard.

The table is a lazy :class:`~ui.hazards.model.LedgerModel`; changing a filter
reads the ledger again from the first page (typing in the search box waits
for a short pause first). Ctrl+F goes to the search box, F5 reads again.

Threading: UI thread; every read and action goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.hazards.ledger import LedgerFilters, hazard_count
from app.hazards.service import STATUSES, school_today
from app.inspections.templates import AREAS
from ui.common.fields import pydate, qdate
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.hazards.detail import HazardDetailPanel
from ui.hazards.labels import area_label, severity_label, status_label
from ui.hazards.model import HAZARD_ID_ROLE, LedgerModel
from ui.i18n import translate
from ui.operations import run_in_background

SEARCH_PAUSE_MS = 300


class HazardsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.count = -1  # rows matching the filters, once counted
        self._count_generation = 0

        title = QLabel(translate("Hazards", "Hazard ledger"))
        title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        menu = QMenu(self.print_button)
        self.print_actions = {
            "hazard-notice": menu.addAction(translate("Hazards", "Rectification notice")),
            "recheck": menu.addAction(translate("Hazards", "Re-check slip")),
            "ledger": menu.addAction(translate("Hazards", "Ledger for the dates shown")),
        }
        for key, action in self.print_actions.items():
            action.triggered.connect(lambda _c=False, k=key: self.print_form(k))
        menu.aboutToShow.connect(self._update_print_menu)
        self.print_button.setMenu(menu)
        head.addWidget(self.print_button)
        self.preview: QWidget | None = None

        self.status = QComboBox()
        self.status.addItem(translate("Hazards", "All statuses"), None)
        self.status.addItem(translate("Hazards", "Open (not closed)"), "open")
        for s in STATUSES:
            self.status.addItem(status_label(s), s)
        self.area = QComboBox()
        self.area.addItem(translate("Hazards", "All areas"), None)
        for key in AREAS:
            self.area.addItem(area_label(key), key)
        self.overdue = QCheckBox(translate("Hazards", "Overdue only"))
        self.major = QCheckBox(translate("Hazards", "Major only"))
        self.use_dates = QCheckBox(translate("Hazards", "Reported from"))
        today = school_today()
        self.date_from = QDateEdit(qdate(today.replace(day=1)))
        self.date_to = QDateEdit(qdate(today))
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setEnabled(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Hazards", "Search title, place or number"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        filters = QHBoxLayout()
        for w in (self.status, self.area, self.overdue, self.major, self.use_dates, self.date_from):
            filters.addWidget(w)
        filters.addWidget(QLabel(translate("Hazards", "to")))
        filters.addWidget(self.date_to)
        filters.addWidget(self.search, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.status, self.area):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for box in (self.overdue, self.major):
            box.toggled.connect(lambda _c: self.apply_filters())
        self.use_dates.toggled.connect(self._dates_toggled)
        for d in (self.date_from, self.date_to):
            d.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.apply_filters())

        self.model = LedgerModel(self)
        self.model.load_failed.connect(lambda msg: self.message.show_error(msg))
        self.model.page_loaded.connect(self._page_loaded)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._size_columns()
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._chosen(cur))

        self.message = MessageLabel()
        self.detail = HazardDetailPanel(ctx, self.message)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([700, 500])

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, lambda: self.apply_filters(True))
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, lambda: self.apply_filters(keep_selection=True), tables=(
            "hazard", "hazard_event", "hazard_monitoring", "staff_member", "user_account"))  # fmt: skip
        self._keep: uuid.UUID | None = None
        self._stale = True

    def _size_columns(self) -> None:
        """Widths from the font, so the deadline and the responsible person are always in view.

        Number, grade and deadline fit their text; status and person fit their
        usual length and elide longer text (tooltip); the hazard's title takes
        what is left, so the table never needs a horizontal scrollbar.
        """
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        metrics = self.table.fontMetrics()
        pad = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) + 12

        def fits(*texts: str) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + pad

        head = [translate("Hazards", c) for c in LedgerModel.COLUMNS]
        m = LedgerModel
        widths = {
            m.REF: fits("YH20261123-4F2A9C", head[m.REF]),
            m.GRADE: fits(severity_label("major"), head[m.GRADE]),
            m.STATUS: fits(status_label("planned"), head[m.STATUS]),
            m.DEADLINE: fits("2026-12-31", head[m.DEADLINE]),
            m.RESPONSIBLE: fits("欧阳晓明", head[m.RESPONSIBLE]),
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(m.TITLE, QHeaderView.ResizeMode.Stretch)

    # -- filters -------------------------------------------------------------------

    def filters(self) -> LedgerFilters:
        dates = self.use_dates.isChecked()
        return LedgerFilters(
            status=self.status.currentData(),
            area=self.area.currentData(),
            overdue=self.overdue.isChecked(),
            major=True if self.major.isChecked() else None,
            date_from=pydate(self.date_from.date()) if dates else None,
            date_to=pydate(self.date_to.date()) if dates else None,
            text=self.search.text(),
        )

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filters()

    def apply_filters(self, keep_selection: bool = False) -> None:
        """Read the ledger again from the first page with the current filters."""
        self._search_timer.stop()
        self._stale = False
        current = self.detail.hazard_id
        self._keep = current if keep_selection else None
        ws, actor, f = self.ctx.workspace, self.ctx.actor, self.filters()
        self.model.show_filters(ws, actor, f)
        self._count_generation += 1
        gen = self._count_generation
        run_in_background(
            lambda: hazard_count(ws, actor, f),
            on_done=lambda n: self._counted(gen, n),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="hazard count",
        )
        if not keep_selection:
            self.detail.show_hazard(None)

    def _counted(self, generation: int, n: int) -> None:
        if generation != self._count_generation:
            return  # an older filter's count arrived late
        self.count = n
        self.count_label.setText(translate("Hazards", "{n} hazards").format(n=n))

    def _page_loaded(self) -> None:
        if self._keep is None:
            return
        keep = self._keep
        row = self.model.row_of(lambda r: r.id == keep)
        if row >= 0:
            self._keep = None
            self.table.selectRow(row)
        elif not self.model.canFetchMore():
            self._keep = None

    # -- selection -----------------------------------------------------------------

    def _chosen(self, index) -> None:
        value = index.siblingAtColumn(0).data(HAZARD_ID_ROLE) if index.isValid() else None
        hid = uuid.UUID(value) if value else None
        if hid != self.detail.hazard_id:
            self.detail.show_hazard(hid)

    def select_hazard(self, hazard_id: uuid.UUID) -> bool:
        """Select a loaded row (tests, and other pages pointing at a hazard)."""
        row = self.model.row_of(lambda r: r.id == hazard_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def open_record(self, hazard_id: uuid.UUID) -> None:
        """Show one hazard (the dashboard's lines open here), loaded in the list or not."""
        if not self.select_hazard(hazard_id):
            self.detail.show_hazard(hazard_id)

    # -- printing ------------------------------------------------------------------

    def _update_print_menu(self) -> None:
        chosen = self.detail.hazard_id is not None
        self.print_actions["hazard-notice"].setEnabled(chosen)
        self.print_actions["recheck"].setEnabled(chosen)

    def ledger_range(self) -> str:
        """The ledger's dates as ``xiaoan print ledger --record`` takes them."""
        if not self.use_dates.isChecked():
            return "latest"  # this school year so far
        a, b = pydate(self.date_from.date()), pydate(self.date_to.date())
        return f"{min(a, b).isoformat()}..{max(a, b).isoformat()}"

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): choose which form of the chosen hazard to print."""
        self.print_button.showMenu()

    def print_form(self, key: str) -> None:
        """Preview, print or save the chosen hazard's notice or re-check slip, or the ledger."""
        from ui.reports.preview import open_print_preview

        if key == "ledger":
            self.preview = open_print_preview(self.ctx, self, key, self.ledger_range())
        elif self.detail.hazard_id is not None:
            self.preview = open_print_preview(self.ctx, self, key, self.detail.hazard_id)

    # -- refresh -------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.apply_filters(keep_selection=True)

    def _elsewhere_changed(self, area: str) -> None:
        if area in ("hazards", "inspections"):
            if self.isVisible():
                self.apply_filters(keep_selection=True)
            else:
                self._stale = True
