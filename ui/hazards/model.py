"""The ledger table: pages of :func:`app.hazards.ledger.hazard_ledger`, read as the view scrolls.

Threading: UI thread; pages are read in the background by
:class:`ui.common.paged_model.PagedTableModel`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.actor import Actor
from app.hazards.ledger import HazardRow, LedgerFilters, hazard_ledger
from app.workspace import Workspace
from ui.common.paged_model import PagedTableModel
from ui.hazards.labels import area_label, severity_label, status_label
from ui.i18n import translate

HAZARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND = QColor("#fde7e4")
OVERDUE_TEXT = QColor("#a4262c")


class LedgerModel(PagedTableModel):
    CONTEXT = "Hazards"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Hazards", "No."),
        QT_TRANSLATE_NOOP("Hazards", "Hazard"),
        QT_TRANSLATE_NOOP("Hazards", "Area"),
        QT_TRANSLATE_NOOP("Hazards", "Severity"),
        QT_TRANSLATE_NOOP("Hazards", "Status"),
        QT_TRANSLATE_NOOP("Hazards", "Reported on"),
        QT_TRANSLATE_NOOP("Hazards", "Deadline"),
        QT_TRANSLATE_NOOP("Hazards", "Responsible"),
    )

    def show_filters(self, ws: Workspace, actor: Actor, filters: LedgerFilters) -> None:
        self.filters = filters
        self.set_source(lambda offset, limit: hazard_ledger(ws, actor, filters, offset, limit))

    def cell(self, row: HazardRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == HAZARD_ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and column == 6:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and row.major and column in (1, 3):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.overdue:
                return translate("Hazards", "Overdue: the deadline has passed.")
            if row.needs_escalation:
                return translate("Hazards", "The school cannot fix this itself; reported upward.")
        return None

    def _text(self, row: HazardRow, column: int) -> str:
        if column == 0:
            return row.ref
        if column == 1:
            return row.title
        if column == 2:
            return area_label(row.area)
        if column == 3:
            return severity_label(row.severity)
        if column == 4:
            text = status_label(row.status)
            if row.overdue:
                text = translate("Hazards", "{status} (overdue)").format(status=text)
            return text
        if column == 5:
            return row.reported_on.isoformat()
        if column == 6:
            return row.deadline.isoformat() if row.deadline else ""
        return row.responsible_name
