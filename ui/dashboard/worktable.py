"""The 工作台 list: what is due today and overdue, one line each, with live countdowns.

:class:`WorktableModel` shows the :class:`~app.dashboard.worktable.Line` rows
the page loads in the background. Countdowns (incident report clocks) are
recomputed from each line's ``deadline`` when :meth:`tick` is called once a
second — no database work.

Threading: UI thread only.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor

from ui.common.list_model import Index, ListTableModel
from ui.formatting import period_text
from ui.i18n import translate

if TYPE_CHECKING:
    # Only for annotations: the worktable's rules load every record area's
    # models, which stays off the UI thread (the page reads in the background).
    from app.dashboard.worktable import Line

CONTEXT = "Worktable"
COLUMNS = (
    QT_TRANSLATE_NOOP("Worktable", "Status"),
    QT_TRANSLATE_NOOP("Worktable", "What"),
    QT_TRANSLATE_NOOP("Worktable", "Which"),
    QT_TRANSLATE_NOOP("Worktable", "Due"),
)
STATUS = {
    "overdue": QT_TRANSLATE_NOOP("Worktable", "Overdue"),
    "running": QT_TRANSLATE_NOOP("Worktable", "Clock running"),
    "due": QT_TRANSLATE_NOOP("Worktable", "To do"),
    "done": QT_TRANSLATE_NOOP("Worktable", "Done"),
}
KIND = {
    "incident.phone": QT_TRANSLATE_NOOP("Worktable", "Incident: phone report to the bureau"),
    "incident.written": QT_TRANSLATE_NOOP("Worktable", "Incident: written report to the bureau"),
    "hazard": QT_TRANSLATE_NOOP("Worktable", "Hazard past its rectification deadline"),
}
OVERDUE_BY = QT_TRANSLATE_NOOP("Worktable", "Overdue by {time}")
TIME_LEFT = QT_TRANSLATE_NOOP("Worktable", "{time} left")
COLOURS = {"overdue": "#c62828", "running": "#ef6c00", "due": "#1565c0", "done": "#2e7d32"}
ROLE_LINE = Qt.ItemDataRole.UserRole + 1


def countdown(deadline: datetime, now: datetime) -> str:
    """``剩余 12:34`` / ``已超时 1:02:03``: whole seconds, hours when needed."""
    left = deadline - now
    late = left < timedelta(0)
    secs = int(abs(left.total_seconds()))
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    text = f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
    fmt = OVERDUE_BY if late else TIME_LEFT
    return translate(CONTEXT, fmt).format(time=text)


def line_which(line: Line) -> str:
    """The record a line is about, or the period it is owed for in words (never a key)."""
    if line.detail:
        return line.detail
    return period_text(line.period) if line.period is not None else ""


def line_title(line: Line) -> str:
    if line.kind in KIND:
        return translate(CONTEXT, KIND[line.kind])
    title = translate("compliance", line.title)
    if line.needed > 1:
        return translate("Worktable", "{title} ({done}/{needed} today)").format(
            title=title, done=line.done, needed=line.needed
        )
    return title


class WorktableModel(ListTableModel):
    CONTEXT = CONTEXT
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.now = datetime.now(UTC)

    def tick(self, now: datetime | None = None) -> None:
        """Move the countdowns on; only the lines with a deadline repaint."""
        self.now = now or datetime.now(UTC)
        for row, line in enumerate(self._rows):
            if line.deadline is not None:
                index = self.index(row, 3)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        line: Line | None = self.valid_row(index)
        if line is None:
            return None
        col = index.column()
        if role == ROLE_LINE:
            return line
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return translate(CONTEXT, STATUS.get(line.status, line.status))
            if col == 1:
                return line_title(line)
            if col == 2:
                return line_which(line)
            if col == 3:
                if line.deadline is not None and line.status in ("running", "overdue"):
                    return countdown(line.deadline, self.now)
                return line.day.isoformat() if line.day else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QBrush(QColor(COLOURS.get(line.status, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and line.page:
            return translate("Worktable", "Press Enter or double-click to open")
        return None
