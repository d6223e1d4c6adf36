"""A read-only table over a list of rows the page hands it. UI thread only.

Subclasses name their translation context and column titles and implement
``data``; this base keeps the rows and answers the shape and header calls
every small list (users, backups, recent activity) needs. Big, paged lists use
:class:`ui.common.paged_model.PagedTableModel` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import translate

Index = QModelIndex | QPersistentModelIndex


class ListTableModel(QAbstractTableModel):
    CONTEXT: ClassVar[str] = ""
    COLUMNS: ClassVar[Sequence[str]] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return translate(self.CONTEXT, self.COLUMNS[section])
        return None

    def valid_row(self, index: Index) -> Any | None:
        """The row behind ``index``, or None for an invalid index."""
        return self.row_at(index.row()) if index.isValid() else None
