"""工作台: what is due today and overdue, then the school card, backups and recent activity.

Everything is read in one background operation when the page is shown and
whenever a record changes (:class:`~ui.common.live_refresh.LiveRefresh`: any
commit, or another page's event; a burst folds into one read; while hidden
the page only notes that it is stale). Countdowns tick once a second without
reading again.
Enter or a double-click on a line opens its page (and record).

Threading: UI thread; the read runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.school.clock import school_today
from ui.common.live_refresh import LiveRefresh
from ui.context import AppContext
from ui.dashboard.activity import ActivityModel
from ui.dashboard.worktable import ROLE_LINE, WorktableModel
from ui.formatting import format_time, yes_no
from ui.i18n import role_label, school_kind_label, translate
from ui.operations import run_in_background
from ui.oversight.panel import OversightPanel, bureau_updated

if TYPE_CHECKING:
    from app.dashboard.overview import Overview
    from app.dashboard.worktable import Worktable


def today_text(now: datetime | None = None) -> str:
    """Today's date on the school's clock with the weekday, in the UI language's usual form."""
    # The format itself is translated: zh_CN reads "yyyy年M月d日 dddd".
    fmt = translate("Dashboard", "dddd, d MMMM yyyy")
    today = school_today(now)
    return QLocale().toString(QDate(today.year, today.month, today.day), fmt)


def _load(ws, actor) -> tuple[Overview, Worktable]:
    """Worker thread. The worktable's compliance rules and incident clocks load
    every record area's models on first use: imported here, that happens in the
    background after the window is shown, not on the UI thread while it opens."""
    from app.dashboard.overview import load_overview
    from app.dashboard.worktable import load_worktable

    return load_overview(ws, actor), load_worktable(ws, actor)


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.overview: Overview | None = None
        self.worktable: Worktable | None = None
        self.loads = 0  # completed loads; tests wait on it

        title = QLabel(translate("Dashboard", "Dashboard"))
        title.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.user_label = QLabel(
            translate("Dashboard", "Signed in as {name} ({role})").format(
                name=ctx.actor.name, role=role_label(ctx.actor.role)
            )
        )
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.user_label)

        # School card
        self.school_name = QLabel()
        self.school_code = QLabel()
        self.school_kind = QLabel()
        self.school_boarding = QLabel()
        self.school_buses = QLabel()
        self.school_district = QLabel()
        school_box = QGroupBox(translate("Dashboard", "School"))
        form = QFormLayout(school_box)
        form.addRow(translate("Dashboard", "Name:"), self.school_name)
        form.addRow(translate("Dashboard", "School code:"), self.school_code)
        form.addRow(translate("Dashboard", "Kind:"), self.school_kind)
        form.addRow(translate("Dashboard", "Boarding students:"), self.school_boarding)
        form.addRow(translate("Dashboard", "School buses:"), self.school_buses)
        form.addRow(translate("Dashboard", "District:"), self.school_district)

        # Backup card
        self.last_backup = QLabel()
        self.today_backup = QLabel()
        self.backup_count = QLabel()
        backup_box = QGroupBox(translate("Dashboard", "Data backup"))
        bform = QFormLayout(backup_box)
        bform.addRow(translate("Dashboard", "Last backup:"), self.last_backup)
        bform.addRow(translate("Dashboard", "Today's backup:"), self.today_backup)
        bform.addRow(translate("Dashboard", "Backups kept:"), self.backup_count)
        note = QLabel(
            translate(
                "Dashboard",
                "A backup is made automatically once a day while xiaoan is open. "
                "Copy the backups folder to a USB stick from time to time.",
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        bform.addRow(note)

        # The bureau's supervision orders and notices to acknowledge, above everything.
        self.oversight = OversightPanel(ctx)
        self.oversight.acted.connect(self.refresh)
        self.rules_origin = QLabel()
        self.rules_origin.setObjectName("hint")
        self.rules_origin.hide()

        # The worktable: due today and overdue, most urgent first.
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.work_model = WorktableModel(self)
        self.work = QTableView()
        self.work.setObjectName("worktable")
        self.work.setModel(self.work_model)
        self.work.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.work.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.work.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.work.verticalHeader().hide()
        self.work.setFrameShape(QFrame.Shape.StyledPanel)
        wh = self.work.horizontalHeader()
        wh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        wh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        wh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        wh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.work.doubleClicked.connect(self.open_line)
        for key in (QKeySequence("Return"), QKeySequence("Enter")):
            sc = QShortcut(key, self.work)
            sc.activated.connect(lambda: self.open_line(self.work.currentIndex()))
        self.empty_hint = QLabel(translate("Dashboard", "Nothing is due or overdue. Well done."))
        self.empty_hint.setObjectName("hint")
        self.empty_hint.hide()

        cards = QHBoxLayout()
        cards.addWidget(school_box, 3)
        cards.addWidget(backup_box, 2)

        # Recent activity
        self.activity_title = QLabel()
        self.activity_model = ActivityModel(self)
        self.activity = QTableView()
        self.activity.setModel(self.activity_model)
        self.activity.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activity.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activity.verticalHeader().hide()
        self.activity.setAlternatingRowColors(True)
        self.activity.setFrameShape(QFrame.Shape.StyledPanel)
        hh = self.activity.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()

        activity_box = QVBoxLayout()
        activity_box.addWidget(self.activity_title)
        activity_box.addWidget(self.activity, 1)
        lower = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(cards)
        left.addStretch(1)
        lower.addLayout(left, 3)
        lower.addLayout(activity_box, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.date_label)
        layout.addWidget(self.message)
        layout.addWidget(self.oversight)
        layout.addWidget(self.summary)
        layout.addWidget(self.work, 3)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.rules_origin)
        layout.addLayout(lower, 2)

        # Refresh when records change: any commit, or another page's event.
        self.live = LiveRefresh(self, ctx, self.refresh, areas=("*",), on_show=False)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.work_model.tick)
        self._ticker.start()
        self._show_school(None)

    def open_line(self, index) -> None:
        """Open what the line is about: its page, and its record when it names one."""
        line = self.work_model.data(index, ROLE_LINE) if index.isValid() else None
        if line is not None and line.page:
            self.ctx.events.open_requested.emit(line.page, line.record_id)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.date_label.setText(today_text())
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: _load(ws, actor),
            on_done=self._show,
            on_error=self._show_error,
            context=self,
            description="dashboard overview",
        )

    def _show_error(self, message: str, _error: BaseException) -> None:
        self.message.setText(message)
        self.message.show()
        self.loads += 1

    def _show(self, loaded: tuple[Overview, Worktable]) -> None:
        overview, worktable = loaded
        self.overview = overview
        self.worktable = worktable
        self.work_model.now = worktable.now
        self.work_model.set_rows(worktable.lines)
        self.empty_hint.setVisible(not worktable.lines)
        self.oversight.set_worktable(worktable)
        if worktable.rules_updated_at is not None:
            self.rules_origin.setText(
                translate("Dashboard", "Compliance rules {version}: {updated}").format(
                    version=worktable.rules_version,
                    updated=bureau_updated(worktable.rules_updated_at),
                )
            )
        self.rules_origin.setVisible(worktable.rules_updated_at is not None)
        self.summary.setText(
            translate(
                "Dashboard", "Overdue: {overdue}    To do: {due}    Done today: {done}"
            ).format(
                overdue=worktable.count("overdue"),
                due=worktable.count("due") + worktable.count("running"),
                done=worktable.count("done"),
            )
        )
        self.message.hide()
        self._show_school(overview)
        self.last_backup.setText(
            format_time(overview.last_backup_at, never=translate("Dashboard", "none yet"))
        )
        self.today_backup.setText(
            translate("Dashboard", "Done")
            if overview.backed_up_today()
            else translate("Dashboard", "Not yet today")
        )
        self.backup_count.setText(str(overview.backup_count))
        self.activity_title.setText(
            translate("Dashboard", "Recent activity")
            if overview.whole_school
            else translate("Dashboard", "My recent activity")
        )
        self.activity_model.set_items(overview.recent)
        self.loads += 1

    def _show_school(self, overview: Overview | None) -> None:
        school = overview.school if overview and overview.school else self.ctx.school
        self.school_name.setText(school.name)
        self.school_code.setText(school.code)
        self.school_kind.setText(school_kind_label(school.kind))
        self.school_boarding.setText(yes_no(school.boarding))
        self.school_buses.setText(yes_no(school.has_school_bus))
        self.school_district.setText(school.district or "—")
