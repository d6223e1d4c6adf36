"""The bundles on the sync page (newest first) and the progress bar in the state column.

UI thread only. Rows are :class:`app.sync.status.BundleRow`; the page hands
over fresh rows after each pass and live progress for the bundle being sent.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionProgressBar

from app.sync.status import BundleRow
from ui.common.list_model import Index, ListTableModel
from ui.formatting import format_time
from ui.i18n import translate
from ui.sync.labels import reason_label, state_label

COLUMNS = (
    QT_TRANSLATE_NOOP("Sync", "No."),
    QT_TRANSLATE_NOOP("Sync", "Packed"),
    QT_TRANSLATE_NOOP("Sync", "Records"),
    QT_TRANSLATE_NOOP("Sync", "Photos"),
    QT_TRANSLATE_NOOP("Sync", "Size"),
    QT_TRANSLATE_NOOP("Sync", "State"),
    QT_TRANSLATE_NOOP("Sync", "Received by the bureau"),
)
STATE_COLUMN = 5
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1
COLORS = {"acked": "#1b6e2d", "quarantined": "#b3261e"}


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BundlesModel(ListTableModel):
    CONTEXT = "Sync"
    COLUMNS = COLUMNS

    def set_progress(self, seq: int, sent: int, total: int) -> None:
        """Live bytes of the bundle being sent (from the controller's progress)."""
        for i, b in enumerate(self._rows):
            if b.seq == seq:
                self._rows[i] = dataclasses.replace(
                    b, state="uploading", bytes_sent=sent, size=total or b.size
                )
                index = self.index(i, STATE_COLUMN)
                self.dataChanged.emit(index, index)
                return

    def states(self) -> dict[int, str]:
        return {b.seq: b.state for b in self._rows}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        b: BundleRow | None = self.valid_row(index)
        if b is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == STATE_COLUMN:
                text = state_label(b.state)
                if b.state == "quarantined" and b.reason:
                    text = translate("Sync", "{state}: {reason}").format(
                        state=text, reason=reason_label(b.reason)
                    )
                return text
            return (
                str(b.seq),
                format_time(b.created_at),
                str(b.change_count),
                str(b.photo_count) if b.photo_count else "",
                format_size(b.size),
                "",
                format_time(b.acked_at) if b.acked_at else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == STATE_COLUMN:
            return reason_label(b.reason) or None
        if role == Qt.ItemDataRole.ForegroundRole and col == STATE_COLUMN and b.state in COLORS:
            return QColor(COLORS[b.state])
        if role == PROGRESS_ROLE:
            if b.state == "uploading" and b.size:
                return int(100 * b.bytes_sent / b.size)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 2, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Draws a progress bar in the state cell of a bundle being sent."""

    def paint(self, painter, option, index) -> None:
        percent = index.data(PROGRESS_ROLE)
        if percent is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum, bar.progress = 0, 100, percent
        bar.text = translate("Sync", "Sending {percent}%").format(percent=percent)
        bar.textVisible = True
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
