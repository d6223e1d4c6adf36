"""The drills table: one row per drill, newest first. UI thread only."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from app.drills.queries import DrillRow
from app.hazards.service import SCHOOL_TZ
from ui.common.list_model import Index, ListTableModel
from ui.drills.labels import rating_label, type_label
from ui.i18n import translate

DRILL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DRAFT_TEXT = QColor("#6b6b6b")


class DrillsModel(ListTableModel):
    CONTEXT = "Drills"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Drills", "Held on"),
        QT_TRANSLATE_NOOP("Drills", "Type"),
        QT_TRANSLATE_NOOP("Drills", "Title"),
        QT_TRANSLATE_NOOP("Drills", "People"),
        QT_TRANSLATE_NOOP("Drills", "Evacuation"),
        QT_TRANSLATE_NOOP("Drills", "Rating"),
        QT_TRANSLATE_NOOP("Drills", "Photos"),
        QT_TRANSLATE_NOOP("Drills", "State"),
        QT_TRANSLATE_NOOP("Drills", "No."),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: DrillRow | None = self.valid_row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == DRILL_ID_ROLE:
            return str(row.id)
        if role == Qt.ItemDataRole.ForegroundRole and not row.finalized:
            return QBrush(DRAFT_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (3, 4, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: DrillRow, column: int) -> str:
        if column == 0:
            if row.held_at:
                return row.held_at.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M")
            if row.planned_on:
                return translate("Drills", "planned {date}").format(date=row.planned_on.isoformat())
            return ""
        if column == 1:
            return type_label(row.drill_type)
        if column == 2:
            return row.title
        if column == 3:
            return str(row.students + row.staff) if row.held_at else ""
        if column == 4:
            s = row.evacuation_seconds
            return f"{s // 60}:{s % 60:02d}" if s else ""
        if column == 5:
            return rating_label(row.rating)
        if column == 6:
            return str(row.photo_count)
        if column == 7:
            if not row.finalized:
                return translate("Drills", "Draft")
            if row.corrects_id:
                return translate("Drills", "Finalized (correction)")
            return translate("Drills", "Finalized")
        return row.ref
