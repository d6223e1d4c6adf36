"""工作台: today's date, the school card, backups and the latest activity.

Everything is read in one background operation each time the page is shown
(and when another page reports a change).

Threading: UI thread; the read runs through :mod:`ui.operations`.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale
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

from app.dashboard.overview import Overview, load_overview
from ui.context import AppContext
from ui.dashboard.activity import ActivityModel
from ui.formatting import format_time, yes_no
from ui.i18n import role_label, school_kind_label, translate
from ui.operations import run_in_background


def today_text() -> str:
    """Today's date with the weekday, in the UI language's usual form."""
    # The format itself is translated: zh_CN reads "yyyy年M月d日 dddd".
    fmt = translate("Dashboard", "dddd, d MMMM yyyy")
    return QLocale().toString(QDate.currentDate(), fmt)


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.overview: Overview | None = None
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

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.date_label)
        layout.addWidget(self.message)
        layout.addLayout(cards)
        layout.addWidget(self.activity_title)
        layout.addWidget(self.activity, 1)

        ctx.events.changed.connect(lambda _area: self.refresh() if self.isVisible() else None)
        self._show_school(None)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.date_label.setText(today_text())
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: load_overview(ws, actor),
            on_done=self._show,
            on_error=self._show_error,
            context=self,
            description="dashboard overview",
        )

    def _show_error(self, message: str, _error: BaseException) -> None:
        self.message.setText(message)
        self.message.show()
        self.loads += 1

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        self.message.hide()
        self._show_school(overview)
        self.last_backup.setText(format_time(overview.last_backup_at))
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
