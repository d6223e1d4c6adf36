"""The list of backup files (newest first) on the settings page. UI thread only."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.backup.service import BackupInfo
from ui.i18n import translate

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    QT_TRANSLATE_NOOP("Settings", "Made at"),
    QT_TRANSLATE_NOOP("Settings", "Size"),
    QT_TRANSLATE_NOOP("Settings", "File"),
)


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return translate("Settings", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._backups):
            return None
        b = self._backups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                b.made_at.strftime("%Y-%m-%d %H:%M:%S"),
                format_size(b.size),
                b.path.name,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return None
