"""The list of backups (newest first) on the settings page. UI thread only."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from app.backup.service import BackupInfo
from ui.common.list_model import Index, ListTableModel
from ui.formatting import format_seconds
from ui.i18n import translate

COLUMNS = (
    QT_TRANSLATE_NOOP("Settings", "Made at"),
    QT_TRANSLATE_NOOP("Settings", "Kind"),
    QT_TRANSLATE_NOOP("Settings", "Size"),
    QT_TRANSLATE_NOOP("Settings", "File"),
)
KINDS = {
    "backup": QT_TRANSLATE_NOOP("Settings", "Backup"),
    "before_restore": QT_TRANSLATE_NOOP("Settings", "Kept before a restore"),
    "before_upgrade": QT_TRANSLATE_NOOP("Settings", "Kept before an upgrade"),
}


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupsModel(ListTableModel):
    CONTEXT = "Settings"
    COLUMNS = COLUMNS

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.set_rows(backups)

    def backup_at(self, row: int) -> BackupInfo | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        b: BackupInfo | None = self.valid_row(index)
        if b is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_seconds(b.made_at),
                translate("Settings", KINDS.get(b.kind, b.kind)),
                format_size(b.size),
                b.path.name,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return None
