"""值班表: the duty roster as a week or a month calendar, with its gaps as warnings.

Each calendar cell is a day: who is on which duty, and in red what is
missing (a night with no watch, a holiday with no leader). Selecting days
lists their shifts on the right; choosing two of them and pressing Swap
exchanges their people. Keys: Ctrl+G generate a rotation, Ctrl+W swap the
two chosen shifts, PgUp/PgDown the previous/next week or month, Home today,
F5 read again.

Threading: UI thread; every read and change goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.duty import roster
from app.duty.calendar import CalendarDay, RosterCalendar, roster_calendar
from app.hazards.service import school_today
from app.staff.service import list_staff
from ui.common.list_model import ListTableModel
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.duty.labels import (
    HANDOVER_COLOURS,
    gap_text,
    handover_status_text,
    hours,
    shift_line,
    weekday,
)
from ui.duty.roster_dialogs import DutyTypeDialog, HolidayDialog, RotationDialog
from ui.i18n import translate
from ui.operations import run_in_background

GAP_BACKGROUND = QColor("#fde7e4")
GAP_TEXT = QColor("#a4262c")
REST_BACKGROUND = QColor("#f1f3f4")
TODAY_BACKGROUND = QColor("#e8f0fe")
DATE_ROLE = Qt.ItemDataRole.UserRole + 1


class ShiftsModel(ListTableModel):
    CONTEXT = "Duty"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Duty", "Date"),
        QT_TRANSLATE_NOOP("Duty", "Duty"),
        QT_TRANSLATE_NOOP("Duty", "Person"),
        QT_TRANSLATE_NOOP("Duty", "Hours"),
        QT_TRANSLATE_NOOP("Duty", "Handover"),
    )

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        v = self.valid_row(index)
        if v is None:
            return None
        col = index.column()
        if col == 4 and role == Qt.ItemDataRole.ForegroundRole:
            colour = HANDOVER_COLOURS.get(v.handover_status(datetime.now(UTC)))
            return QBrush(QColor(colour)) if colour else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return f"{v.date:%m-%d} {weekday(v.date)}"
        if col == 1:
            return v.duty_name
        if col == 2:
            return v.staff_name
        if col == 3:
            return hours(v.start_time, v.end_time)
        # Said against the clock: a shift still running is on duty, never "missing".
        return handover_status_text(v.handover_status(datetime.now(UTC)))


def rotation_dates(period: tuple[date, date], today: date) -> tuple[date, date]:
    """The dates a new rotation proposes: from today (or the shown period's start, if later)
    to the shown period's end — or, when the shown period is over, to the end of this month.

    Never from the 1st of a month already under way: the days gone by are not planned now.
    """
    first, last = period
    start = max(first, today)
    if last < start:
        last = start.replace(day=_calendar.monthrange(start.year, start.month)[1])
    return start, last


class RosterPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0
        self.mode = "month"
        self.anchor = school_today()
        self.calendar: RosterCalendar | None = None
        self.types: list[roster.DutyTypeView] = []
        self.staff = []
        self.dialog: QDialog | None = None
        can_edit = allowed(ctx.actor, Permission.EDIT_ROSTER)

        title = QLabel(translate("Duty", "Duty roster"))
        title.setObjectName("pageTitle")
        self.period = QLabel()
        self.period.setObjectName("periodTitle")
        self.period.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.week_button = QRadioButton(translate("Duty", "&Week"))
        self.month_button = QRadioButton(translate("Duty", "&Month"))
        self.month_button.setChecked(True)
        views = QButtonGroup(self)
        views.addButton(self.week_button)
        views.addButton(self.month_button)
        self.week_button.toggled.connect(lambda on: self.set_mode("week" if on else "month"))
        prev = QPushButton(translate("Duty", "◀ Earlier"))
        today = QPushButton(translate("Duty", "Today"))
        nxt = QPushButton(translate("Duty", "Later ▶"))
        prev.clicked.connect(lambda: self.step(-1))
        nxt.clicked.connect(lambda: self.step(1))
        today.clicked.connect(self.go_today)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        for w in (self.week_button, self.month_button, prev, today, nxt, self.period):
            head.addWidget(w)
        head.addStretch(1)

        self.generate_button = QPushButton(translate("Duty", "Generate rotation…"))
        self.swap_button = QPushButton(translate("Duty", "Swap the two shifts"))
        self.type_button = QPushButton(translate("Duty", "Add duty type…"))
        self.holiday_button = QPushButton(translate("Duty", "Mark holiday…"))
        self.generate_button.clicked.connect(self.open_rotation)
        self.swap_button.clicked.connect(self.swap_selected)
        self.type_button.clicked.connect(self.open_duty_type)
        self.holiday_button.clicked.connect(self.open_holiday)
        self.generate_button.setToolTip("Ctrl+G")
        self.swap_button.setToolTip("Ctrl+W")
        self.swap_button.setEnabled(False)
        actions = QHBoxLayout()
        for b in (self.generate_button, self.type_button, self.holiday_button):
            if not can_edit:  # hide() only: showing a parentless button makes it a window
                b.hide()
            actions.addWidget(b)
        actions.addStretch(1)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        actions.addWidget(self.gap_label, 2)

        self.grid = QTableWidget(0, 7)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # One line per shift, cut with "…" rather than wrapped mid-name; smaller type fits a month.
        self.grid.setWordWrap(False)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideRight)
        small = QFont(self.grid.font())
        small.setPointSizeF(max(8.0, small.pointSizeF() - 1))
        self.grid.setFont(small)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setHorizontalHeaderLabels(
            [weekday(date(2024, 1, 1) + timedelta(days=i)) for i in range(7)]
        )
        self.grid.itemSelectionChanged.connect(self._days_chosen)

        self.shifts = ShiftsModel(self)
        self.shift_table = QTableView()
        self.shift_table.setModel(self.shifts)
        self.shift_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shift_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.shift_table.verticalHeader().hide()
        self.shift_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.shift_table.selectionModel().selectionChanged.connect(lambda *_: self._update_swap())
        self.day_warnings = QLabel()
        self.day_warnings.setWordWrap(True)
        self.day_warnings.setStyleSheet(f"color: {GAP_TEXT.name()};")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(translate("Duty", "Shifts of the chosen days. Choose two to swap them."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        side_layout.addWidget(hint)
        side_layout.addWidget(self.shift_table, 1)
        side_layout.addWidget(self.day_warnings)
        if not can_edit:
            self.swap_button.hide()
        side_layout.addWidget(self.swap_button)
        split = QSplitter()
        split.addWidget(self.grid)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([960, 280])

        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

        QShortcut(QKeySequence("Ctrl+G"), self, self.open_rotation)
        QShortcut(QKeySequence("Ctrl+W"), self, self.swap_selected)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.step(1))
        QShortcut(QKeySequence(Qt.Key.Key_Home), self, self.go_today)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, self.refresh, tables=("duty_shift", "duty_type",
            "school_holiday", "staff_member", "staff_leave", "user_account"))  # fmt: skip
        self._stale = True

    # -- period ----------------------------------------------------------------------

    def period_range(self) -> tuple[date, date]:
        a = self.anchor
        if self.mode == "week":
            monday = a - timedelta(days=a.weekday())
            return monday, monday + timedelta(days=6)
        last = _calendar.monthrange(a.year, a.month)[1]
        return a.replace(day=1), a.replace(day=last)

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            chosen = self.chosen_days()
            if chosen:  # the week of the chosen day, or the month it is in
                self.anchor = chosen[0]
            (self.week_button if mode == "week" else self.month_button).setChecked(True)
            self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == "week":
            self.anchor += timedelta(days=7 * direction)
        else:
            first = self.anchor.replace(day=1)
            month = first.month - 1 + direction
            self.anchor = first.replace(year=first.year + month // 12, month=month % 12 + 1)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = school_today()
        self.refresh()

    def show_period(self, mode: str, anchor: date) -> None:
        self.mode, self.anchor = mode, anchor
        (self.week_button if mode == "week" else self.month_button).setChecked(True)
        self.refresh()

    # -- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        ws = self.ctx.workspace
        start, end = self.period_range()
        run_in_background(
            lambda: (roster_calendar(ws, start, end), roster.list_duty_types(ws), list_staff(ws)),
            on_done=self._loaded,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="roster calendar",
        )

    def _loaded(self, result) -> None:
        cal, self.types, self.staff = result
        self.calendar = cal
        self.loads += 1
        if self.mode == "week":
            text = translate("Duty", "Week of {start} to {end}").format(
                start=cal.start.isoformat(), end=cal.end.isoformat()
            )
        else:
            text = translate("Duty", "{year}-{month}").format(
                year=cal.start.year, month=cal.start.month
            )
        self.period.setText(text)
        gaps = cal.gaps
        if gaps:
            self.gap_label.setText(
                "⚠ " + translate("Duty", "{n} gaps in this period: fill them before they come.")
                .format(n=len(gaps))
            )  # fmt: skip
            self.gap_label.setStyleSheet(f"color: {GAP_TEXT.name()}; font-weight: 600;")
        else:
            self.gap_label.setText(translate("Duty", "Every duty is covered in this period."))
            self.gap_label.setStyleSheet("color: #1b6e2d;")
        if not self.types:
            self.gap_label.setText(
                translate("Duty", "No duty types yet: add one (leader on duty, night watch …).")
            )
        self._fill_grid(cal)
        self._days_chosen()

    def _fill_grid(self, cal: RosterCalendar) -> None:
        self.grid.clearSelection()
        lead = cal.start.weekday()
        rows = (lead + len(cal.days) + 6) // 7
        self.grid.clearContents()
        self.grid.setRowCount(rows)
        today = school_today()
        bold = QFont()
        bold.setBold(True)
        for i, day in enumerate(cal.days):
            r, c = divmod(lead + i, 7)
            item = QTableWidgetItem(self._cell_text(day))
            item.setData(DATE_ROLE, day.date)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if day.gaps:
                item.setBackground(QBrush(GAP_BACKGROUND))
                item.setForeground(QBrush(GAP_TEXT))
                item.setToolTip("\n".join(gap_text(g) for g in day.gaps))
            elif day.date == today:
                item.setBackground(QBrush(TODAY_BACKGROUND))
            elif day.rest_day:
                item.setBackground(QBrush(REST_BACKGROUND))
            if day.date == today:
                item.setFont(bold)
            self.grid.setItem(r, c, item)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows share the calendar's height (a week's one row takes it all)."""
        rows = self.grid.rowCount()
        if not rows:
            return
        line = self.grid.fontMetrics().lineSpacing()
        height = max(line * 6, self.grid.viewport().height() // rows)
        for r in range(rows):
            self.grid.setRowHeight(r, height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_rows()

    @staticmethod
    def _cell_text(day: CalendarDay) -> str:
        head = f"{day.date.day}"
        if day.holiday:
            head += f"  {day.holiday}"
        lines = [head, *(shift_line(v) for v in day.shifts)]
        lines += ["⚠ " + gap_text(g) for g in day.gaps]
        return "\n".join(lines)

    def cell_of(self, day: date) -> QTableWidgetItem | None:
        for r in range(self.grid.rowCount()):
            for c in range(7):
                item = self.grid.item(r, c)
                if item is not None and item.data(DATE_ROLE) == day:
                    return item
        return None

    # -- choosing days and shifts --------------------------------------------------------

    def chosen_days(self) -> list[date]:
        return sorted({i.data(DATE_ROLE) for i in self.grid.selectedItems() if i.data(DATE_ROLE)})

    def _days_chosen(self) -> None:
        if self.calendar is None:
            return
        days = set(self.chosen_days())
        chosen = [d for d in self.calendar.days if d.date in days]
        self.shifts.set_rows([v for d in chosen for v in d.shifts])
        warnings = [f"{d.date:%m-%d} ⚠ {gap_text(g)}" for d in chosen for g in d.gaps]
        self.day_warnings.setText("\n".join(warnings))
        self._update_swap()

    def select_days(self, *days: date) -> None:
        self.grid.clearSelection()
        for d in days:
            item = self.cell_of(d)
            if item is not None:
                item.setSelected(True)

    def chosen_shifts(self) -> list[roster.ShiftView]:
        rows = {i.row() for i in self.shift_table.selectionModel().selectedRows()}
        return [self.shifts.row_at(r) for r in sorted(rows)]

    def _update_swap(self) -> None:
        self.swap_button.setEnabled(len(self.chosen_shifts()) == 2)

    # -- changes ---------------------------------------------------------------------

    def run(self, job: Callable[[], Any], notice: Callable[[Any], str]) -> None:
        self.message.clear_message()

        def done(result: Any) -> None:
            self.message.show_notice(notice(result))
            self.ctx.events.changed.emit("duty")  # this page reads again on the event

        run_in_background(
            job,
            on_done=done,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="roster change",
        )

    def swap_selected(self) -> None:
        chosen = self.chosen_shifts()
        if len(chosen) != 2 or not allowed(self.ctx.actor, Permission.EDIT_ROSTER):
            self.message.show_error(translate("Duty", "Choose exactly two shifts to swap."))
            return
        a, b = chosen
        ws, actor = self.ctx.workspace, self.ctx.actor
        self.run(
            lambda: roster.swap_shifts(ws, actor, a.id, b.id),
            lambda _r: translate("Duty", "Swapped: {a} now takes {date_b}, {b} takes {date_a}.")
            .format(a=a.staff_name, b=b.staff_name, date_a=a.date.isoformat(),
                    date_b=b.date.isoformat()),
        )  # fmt: skip

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def open_rotation(self) -> None:
        if not allowed(self.ctx.actor, Permission.EDIT_ROSTER):
            return
        if not self.types:
            self.message.show_error(translate("Duty", "Add a duty type first."))
            return
        start, end = rotation_dates(self.period_range(), school_today())
        dialog = RotationDialog(self, self.types, self.staff, start, end)
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            v = dialog.values()

            def notice(rot: roster.Rotation) -> str:
                text = translate("Duty", "{n} shifts made.").format(n=len(rot.shifts))
                if rot.uncovered:
                    text += " " + translate(
                        "Duty", "Nobody was free on {days}: those days are gaps."
                    ).format(days="、".join(d.isoformat() for d in rot.uncovered))
                return text

            self.run(lambda: roster.generate_rotation(ws, actor, **v), notice)

        self._open(dialog, accepted)

    def open_duty_type(self) -> None:
        dialog = DutyTypeDialog(self)
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            v = dialog.values()
            self.run(
                lambda: roster.add_duty_type(ws, actor, **v),
                lambda t: translate("Duty", "Duty type {name} added.").format(name=t.name),
            )

        self._open(dialog, accepted)

    def open_holiday(self) -> None:
        dialog = HolidayDialog(self, school_today())
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            name, start, end = dialog.values()
            self.run(
                lambda: roster.mark_holiday(ws, actor, name, start, end),
                lambda h: translate("Duty", "Holiday {name} marked.").format(name=h.name),
            )

        self._open(dialog, accepted)

    # -- refresh ---------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _elsewhere_changed(self, area: str) -> None:
        if area in ("duty", "staff"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True
