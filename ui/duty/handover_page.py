"""交接班: the day's shifts, the chosen shift's handover form and the day's zero report.

Opens on today with the signed-in person's own shift chosen, so a duty
leader at 6 a.m. lands in the form. Alt+D goes to the date, Alt+L to the
shift list. A patrol finding goes to the hazard ledger with its row's
button (area and severity asked in a small dialog).

Threading: UI thread; every read and change goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.duty.handover import get_handover, last_patrol_route
from app.duty.hazard_link import finding_to_hazard
from app.duty.roster import list_duty_types, list_shifts
from app.duty.zero_report import ZeroReport, zero_report
from app.hazards.service import SCHOOL_TZ, school_today
from app.inspections.templates import AREAS
from app.staff.service import list_staff
from ui.common.fields import date_edit, pydate
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.duty.handover_form import HandoverForm
from ui.duty.roster_page import ShiftsModel
from ui.hazards.labels import SEVERITY, area_label
from ui.i18n import translate
from ui.operations import run_in_background


class FindingDialog(QDialog):
    """Which area and how serious, before a finding goes to the hazard ledger."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Handover", "Report the finding as a hazard"))
        self.area = QComboBox()
        for key in AREAS:
            self.area.addItem(area_label(key), key)
        self.area.setCurrentIndex(max(self.area.findData("security"), 0))
        self.severity = QComboBox()
        for key, label in SEVERITY.items():
            self.severity.addItem(translate("Hazards", label), key)
        self.title = QLineEdit()
        self.title.setPlaceholderText(translate("Handover", "Empty: the finding's text"))
        form = QFormLayout()
        form.addRow(translate("Handover", "Area:"), self.area)
        form.addRow(translate("Handover", "Severity:"), self.severity)
        form.addRow(translate("Handover", "Title:"), self.title)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class HandoverPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loads = 0
        self.report: ZeroReport | None = None
        self.dialog: QDialog | None = None
        self._types, self._staff = {}, []
        self._want: uuid.UUID | None = None
        self.my_staff_id: uuid.UUID | None = None

        title = QLabel(translate("Handover", "Shift handover"))
        title.setObjectName("pageTitle")
        self.day = date_edit(school_today())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        day_label = QLabel(translate("Handover", "&Date:"))
        day_label.setBuddy(self.day)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(day_label)
        head.addWidget(self.day)
        head.addStretch(1)
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_form)
        head.addWidget(self.print_button)

        self.shifts = ShiftsModel(self)
        self.table = QTableView()
        self.table.setModel(self.shifts)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._chosen())
        self.zero = QLabel()
        self.zero.setWordWrap(True)
        self.zero.setTextFormat(Qt.TextFormat.PlainText)
        self.zero_title = QLabel()
        self.zero_title.setStyleSheet("font-size: 15pt; font-weight: 700;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        shifts_label = QLabel(translate("Handover", "Shifts of the day (&L)"))
        shifts_label.setBuddy(self.table)
        left_layout.addWidget(shifts_label)
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(QLabel(translate("Handover", "Daily zero report")))
        left_layout.addWidget(self.zero_title)
        left_layout.addWidget(self.zero, 1)

        self.form = HandoverForm(ctx)
        self.form.saved.connect(lambda _v: self._after_change())
        self.form.saved.connect(lambda v: self.print_button.setEnabled(v is not None))
        self.form.hazard_requested.connect(self.open_finding)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.scroll = scroll
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form.heading)
        right_layout.addWidget(self.form.state)
        right_layout.addWidget(scroll, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setChildrenCollapsible(False)
        split.setSizes([360, 900])

        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, lambda: self._elsewhere_changed("staff"), tables=(
            "duty_shift", "duty_type", "staff_member", "staff_leave", "user_account"))  # fmt: skip
        self._stale = True

    # -- loading ---------------------------------------------------------------------

    def chosen_day(self) -> date:
        return pydate(self.day.date())

    def refresh(self) -> None:
        self._stale = False
        ws, day, user_id = self.ctx.workspace, self.chosen_day(), self.ctx.actor.user_id

        def load():
            shifts = list_shifts(ws, day, day + timedelta(days=1))
            staff = list_staff(ws)
            mine = next((m.id for m in staff if user_id and m.user_id == user_id), None)
            return shifts, staff, list_duty_types(ws), zero_report(ws, day), mine

        run_in_background(
            load,
            on_done=self._loaded,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="handover day",
        )

    def _loaded(self, result) -> None:
        shifts, self._staff, types, report, self.my_staff_id = result
        day = self.chosen_day()
        self._types = {t.id: t for t in types}
        self._next = [v for v in shifts if v.date == day + timedelta(days=1)]
        today = [v for v in shifts if v.date == day]
        keep = self._want or (self.form.shift.id if self.form.shift else None)
        self.shifts.set_rows(today)
        self.loads += 1
        self._show_report(report)
        row = next((i for i, v in enumerate(today) if v.id == keep), -1)
        if row < 0:
            row = next((i for i, v in enumerate(today) if v.staff_id == self.my_staff_id), 0)
        if today:
            self.table.selectRow(row)
            self._chosen()
        else:
            self.form.setEnabled(False)

    def _show_report(self, r: ZeroReport) -> None:
        self.report = r
        lines = []
        if not r.shifts:
            title, color = translate("Handover", "No shifts on the roster"), "#5f6368"
        elif not r.peaceful:
            title, color = translate("Handover", "Not peaceful"), "#a4262c"
        elif r.missing:
            title, color = translate("Handover", "平安 so far (incomplete)"), "#8a5a00"
        elif r.on_duty or r.upcoming:
            title, color = translate("Handover", "平安 so far (shifts still on duty)"), "#5f6368"
        else:
            title, color = translate("Handover", "平安"), "#1b6e2d"
        for i in r.incidents:
            at = i.at.astimezone(SCHOOL_TZ).strftime("%H:%M")
            lines.append(f"• {at} {i.what}（{i.shift.duty_name} {i.shift.staff_name}）")
            if i.action_taken:
                lines.append("   " + translate("Handover", "Action: {a}").format(a=i.action_taken))
        for v in r.missing:
            lines.append("⚠ " + translate("Handover", "Missing handover: {duty} {name}").format(
                duty=v.duty_name, name=v.staff_name))  # fmt: skip
        for v in r.unsigned:
            lines.append(translate("Handover", "Not signed yet: {duty} {name}").format(
                duty=v.duty_name, name=v.staff_name))  # fmt: skip
        # A shift still running is on duty, not missing: its handover is owed when it ends.
        for v in r.on_duty:
            lines.append(translate("Handover", "On duty until {end}: {duty} {name}").format(
                end=f"{v.ends_at:%H:%M}", duty=v.duty_name, name=v.staff_name))  # fmt: skip
        for v in r.upcoming:
            lines.append(translate("Handover", "Not started yet ({start}): {duty} {name}").format(
                start=f"{v.starts_at:%H:%M}", duty=v.duty_name, name=v.staff_name))  # fmt: skip
        self.zero_title.setText(title)
        self.zero_title.setStyleSheet(f"font-size: 15pt; font-weight: 700; color: {color};")
        self.zero.setText("\n".join(lines))

    # -- the chosen shift ----------------------------------------------------------------

    def _chosen(self, notice: str = "") -> None:
        index = self.table.currentIndex()
        shift = self.shifts.row_at(index.row()) if index.isValid() else None
        if shift is None:
            return
        self._want = shift.id
        ws = self.ctx.workspace
        following = next(
            (v.staff_id for v in self._next if v.duty_type_id == shift.duty_type_id), None
        )

        def load():
            return get_handover(ws, shift.id), last_patrol_route(ws, shift.staff_id)

        def show(result) -> None:
            if self.table.currentIndex().row() != index.row():
                return
            view, route = result
            self.print_button.setEnabled(view is not None)
            self.form.show_shift(shift, self._types.get(shift.duty_type_id), view, self._staff,
                                 route, following, self.my_staff_id)  # fmt: skip
            if notice:
                self.form.message.show_notice(notice)

        run_in_background(load, on_done=show, context=self, description="handover")

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): the chosen shift's handover sheet."""
        self.print_form()

    def print_form(self) -> None:
        """Preview, print or save the chosen shift's handover sheet (交接班记录)."""
        view = self.form.view
        if view is None or not self.print_button.isEnabled():
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "handover", view.id)

    def select_shift(self, shift_id: uuid.UUID) -> bool:
        for r in range(self.shifts.rowCount()):
            if self.shifts.row_at(r).id == shift_id:
                self.table.selectRow(r)
                return True
        return False

    def _after_change(self) -> None:
        self.ctx.events.changed.emit("duty")
        ws, day = self.ctx.workspace, self.chosen_day()
        run_in_background(lambda: zero_report(ws, day), on_done=self._show_report, context=self)

    # -- finding -> hazard ---------------------------------------------------------------

    def open_finding(self, patrol_id: uuid.UUID | None) -> None:
        if patrol_id is None:
            return
        dialog = FindingDialog(self)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        ws, actor = self.ctx.workspace, self.ctx.actor

        def accepted() -> None:
            area, severity = dialog.area.currentData(), dialog.severity.currentData()
            title = dialog.title.text()

            def done(_hid) -> None:
                self.ctx.events.changed.emit("hazards")
                self._chosen(translate("Handover", "The finding is now in the hazard ledger."))

            run_in_background(
                lambda: finding_to_hazard(
                    ws, actor, patrol_id, area=area, severity=severity, title=title
                ),  # fmt: skip
                on_done=done,
                on_error=lambda msg, _e: self.form.message.show_error(msg),
                context=self,
                description="finding to hazard",
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    # -- refresh ---------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _elsewhere_changed(self, area: str) -> None:
        if area in ("staff",) or (area == "duty" and not self.isVisible()):
            self._stale = True
