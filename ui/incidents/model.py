"""The incident table. Clock columns count down from the loaded due times:
:meth:`IncidentsModel.tick` repaints them every second without reading the
database. UI thread only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.incidents.clocks import ClockState, ReportClock, duration_text
from app.incidents.labels import SEVERITY_LABELS, STATE_LABELS
from app.incidents.service import SCHOOL_TZ
from app.incidents.views import IncidentRow
from ui.common.list_model import ListTableModel
from ui.i18n import app_text, translate

INCIDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLOCK_STATE_ROLE = Qt.ItemDataRole.UserRole + 2
LATE_TEXT = QColor("#b3261e")
OVERDUE_BACKGROUND = QColor("#fde7e4")
RUNNING_TEXT = QColor("#8a5a00")
ON_TIME_TEXT = QColor("#1b6e2d")
PHONE_COLUMN, WRITTEN_COLUMN = 4, 5


def clock_text(clock: ReportClock, now: datetime) -> str:
    """ "还剩 0:12:05", "已逾期 0:03:10", "按时报告 10:19", "迟报 19:50"."""
    state = clock.state(now)
    text = app_text(STATE_LABELS[state]).format(time=duration_text(clock.remaining(now)))
    if clock.reported_at is not None:
        text += f" {clock.reported_at.astimezone(SCHOOL_TZ):%H:%M}"
    return text


def clock_color(state: ClockState) -> QColor:
    if state in (ClockState.OVERDUE, ClockState.LATE):
        return LATE_TEXT
    return RUNNING_TEXT if state is ClockState.RUNNING else ON_TIME_TEXT


def local_time(at: datetime | None) -> str:
    return f"{at.astimezone(SCHOOL_TZ):%Y-%m-%d %H:%M}" if at else ""


class IncidentsModel(ListTableModel):
    CONTEXT = "Incidents"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Incidents", "No."),
        QT_TRANSLATE_NOOP("Incidents", "Incident"),
        QT_TRANSLATE_NOOP("Incidents", "Severity"),
        QT_TRANSLATE_NOOP("Incidents", "Discovered"),
        QT_TRANSLATE_NOOP("Incidents", "Phone report (30 min)"),
        QT_TRANSLATE_NOOP("Incidents", "Written report (2 h)"),
        QT_TRANSLATE_NOOP("Incidents", "Follow-ups"),
        QT_TRANSLATE_NOOP("Incidents", "Status"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.now = datetime.now(UTC)

    def tick(self, now: datetime | None = None) -> None:
        """Move the clocks on: repaint the two clock columns (no database work)."""
        self.now = now or datetime.now(UTC)
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, PHONE_COLUMN),
                self.index(self.rowCount() - 1, WRITTEN_COLUMN),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole,
                 Qt.ItemDataRole.BackgroundRole],
            )  # fmt: skip

    def row_of(self, incident_id) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == incident_id), -1)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: IncidentRow | None = self.valid_row(index)
        if row is None:
            return None
        col = index.column()
        clock = {PHONE_COLUMN: row.clocks.phone, WRITTEN_COLUMN: row.clocks.written}.get(col)
        if role == Qt.ItemDataRole.DisplayRole:
            return clock_text(clock, self.now) if clock else self._text(row, col)
        if role == INCIDENT_ID_ROLE:
            return str(row.id)
        if clock is None:
            if role == Qt.ItemDataRole.FontRole and col == 1 and not row.clocks.closed:
                font = QFont()
                font.setBold(True)
                return font
            return None
        state = clock.state(self.now)
        if role == CLOCK_STATE_ROLE:
            return str(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(clock_color(state))
        if role == Qt.ItemDataRole.BackgroundRole and state is ClockState.OVERDUE:
            return QBrush(OVERDUE_BACKGROUND)
        return None

    def _text(self, row: IncidentRow, col: int) -> str:
        c = row.clocks
        if col == 0:
            return row.ref
        if col == 1:
            return c.title
        if col == 2:
            return app_text(SEVERITY_LABELS.get(c.severity, c.severity))
        if col == 3:
            return local_time(c.discovered_at)
        if col == 6:
            return str(c.follow_ups)
        if col == 7:
            return translate("Incidents", "Closed") if c.closed else translate("Incidents", "Open")
        return ""
