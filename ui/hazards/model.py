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
from app.hazards.service import grade_of
from app.workspace import Workspace
from ui.common.paged_model import PagedTableModel
from ui.hazards.labels import area_label, severity_label, status_label
from ui.i18n import translate

HAZARD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BACKGROUND = QColor("#fde7e4")
OVERDUE_TEXT = QColor("#a4262c")


class LedgerModel(PagedTableModel):
    """Six columns that fit the laptop's width beside the detail panel.

    The area and the report date are in the detail panel (the date is also in
    the number, YH20261123-…); long text is elided, with the whole text in
    the tooltip.
    """

    CONTEXT = "Hazards"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Hazards", "No."),
        QT_TRANSLATE_NOOP("Hazards", "Hazard"),
        QT_TRANSLATE_NOOP("Hazards", "Grade"),
        QT_TRANSLATE_NOOP("Hazards", "Status"),
        QT_TRANSLATE_NOOP("Hazards", "Deadline"),
        QT_TRANSLATE_NOOP("Hazards", "Responsible"),
    )
    REF, TITLE, GRADE, STATUS, DEADLINE, RESPONSIBLE = range(6)

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
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and column == self.DEADLINE:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.FontRole and row.major and column in (self.TITLE, self.GRADE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: HazardRow, column: int) -> str | None:
        """The whole text of an elided cell, and why a row is marked."""
        lines = []
        if column == self.TITLE:
            lines.append(row.title)
            if row.place:
                lines.append(translate("Hazards", "Place: {place}").format(place=row.place))
            lines.append(area_label(row.area))
        elif column in (self.STATUS, self.RESPONSIBLE):
            lines.append(self._text(row, column))
        if row.overdue:
            lines.append(translate("Hazards", "Overdue: the deadline has passed."))
        if row.needs_escalation:
            lines.append(
                translate("Hazards", "The school cannot fix this itself; reported upward.")
            )
        text = "\n".join(x for x in lines if x)
        return text or None

    def _text(self, row: HazardRow, column: int) -> str:
        if column == self.REF:
            return row.ref
        if column == self.TITLE:
            return row.title
        if column == self.GRADE:
            return severity_label(grade_of(row.major))
        if column == self.STATUS:
            text = status_label(row.status)
            if row.overdue:
                text = translate("Hazards", "{status} (overdue)").format(status=text)
            return text
        if column == self.DEADLINE:
            return row.deadline.isoformat() if row.deadline else ""
        return row.responsible_name
