"""安全月报表: pick a month, read the figures, write the comments, sign and finalize.

The figures are computed by :mod:`app.monthly` from the records (live while a
draft, frozen once finalized). The safety officer may prepare the draft
(the comments); only the principal signs on the pad and finalizes. A
finalized report is read-only here and in the service.

Keyboard: Ctrl+S saves the draft; Ctrl+Enter finalizes (principal); the
pad clears with Delete.

Threading: UI thread; reads and writes run through :mod:`ui.operations`.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.accounts.roles import Permission, allowed
from app.hazards.service import school_today
from app.monthly.service import (
    MonthlyView,
    default_month,
    finalize_report,
    monthly_report,
    save_draft,
)
from app.periods import month_of
from app.school.clock import SCHOOL_TZ
from ui.common.live_refresh import LiveRefresh
from ui.common.signature_pad import SignaturePad
from ui.context import AppContext
from ui.i18n import translate
from ui.monthly.figures import FiguresModel
from ui.operations import run_in_background

MONTHS_SHOWN = 13
STATUS = {
    "none": QT_TRANSLATE_NOOP("Monthly", "Not started"),
    "draft": QT_TRANSLATE_NOOP("Monthly", "Draft"),
    "finalized": QT_TRANSLATE_NOOP("Monthly", "Signed and finalized"),
}


def recent_months(today: date, count: int = MONTHS_SHOWN) -> list[str]:
    """This month and the ones before it, newest first (``2026-11``, ``2026-10`` …)."""
    out, period = [], month_of(today)
    for _ in range(count):
        out.append(period.key)
        period = month_of(period.start - timedelta(days=1))
    return out


class MonthlyReportPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.view: MonthlyView | None = None
        self.loads = 0  # completed loads and saves; tests wait on it
        self._notice = ""  # shown after the next load (a save's confirmation)
        may_prepare = allowed(ctx.actor, Permission.PREPARE_MONTHLY_REPORT)
        self.may_sign = allowed(ctx.actor, Permission.SIGN_MONTHLY_REPORT)

        title = QLabel(translate("Monthly", "Monthly safety report"))
        title.setObjectName("pageTitle")
        self.month = QComboBox()
        today = school_today()
        for key in recent_months(today):
            self.month.addItem(key, key)
        # Until the first read says which month is owed (app.monthly.service.default_month),
        # this month; the first read then chooses last month while its report is owed.
        self.month.setCurrentIndex(0)
        self._month_chosen = False
        self.month.currentIndexChanged.connect(lambda _i: self._month_changed())
        month_label = QLabel(translate("Monthly", "&Month:"))
        month_label.setBuddy(self.month)
        self.status = QLabel()
        self.status.setObjectName("sectionTitle")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(month_label)
        header.addWidget(self.month)
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_form)
        header.addWidget(self.print_button)

        self.figures_model = FiguresModel(self)
        self.figures = QTableView()
        self.figures.setModel(self.figures_model)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.verticalHeader().hide()
        self.figures.setFrameShape(QFrame.Shape.StyledPanel)
        fh = self.figures.horizontalHeader()
        fh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        fh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.comments = QPlainTextEdit()
        self.comments.setPlaceholderText(
            translate("Monthly", "The principal's comments on the month's safety work")
        )
        self.comments.setTabChangesFocus(True)
        self.comments.setEnabled(may_prepare)
        self.save_button = QPushButton(translate("Monthly", "&Save draft"))
        self.save_button.setEnabled(may_prepare)
        self.save_button.clicked.connect(self.save)
        self.pad = SignaturePad(placeholder=translate("Monthly", "Principal signs here"))
        self.pad.setMinimumHeight(120)
        self.clear_button = QPushButton(translate("Monthly", "&Clear signature"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.finalize_button = QPushButton(translate("Monthly", "Sign and &finalize"))
        self.finalize_button.setObjectName("primary")
        self.finalize_button.clicked.connect(self.finalize)
        self.signed_label = QLabel()
        self.signed_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()

        side = QGroupBox(translate("Monthly", "Comments and signature"))
        form = QFormLayout(side)
        form.addRow(self.comments)
        form.addRow(self.save_button)
        form.addRow(QLabel(translate("Monthly", "Principal's signature:")))
        form.addRow(self.pad)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finalize_button)
        form.addRow(buttons)
        form.addRow(self.signed_label)
        if not self.may_sign:
            for w in (self.pad, self.clear_button, self.finalize_button):
                w.hide()
            hint = QLabel(
                translate("Monthly", "Only the principal signs and finalizes the report.")
            )
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            form.addRow(hint)

        body = QHBoxLayout()
        body.addWidget(self.figures, 3)
        body.addWidget(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.finalize)
        self.setTabOrder(self.month, self.comments)
        self.setTabOrder(self.comments, self.save_button)
        self.setTabOrder(self.save_button, self.pad)
        self.setTabOrder(self.pad, self.finalize_button)
        self.live = LiveRefresh(self, ctx, self.refresh, on_show=False, tables=(  # what it counts
            "monthly_report", "inspection", "hazard", "hazard_monitoring", "drill", "duty_shift",
            "handover", "incident", "incident_report", "school_term"))  # fmt: skip

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def open_record(self, _record_id: object = None) -> None:
        """From the dashboard: the owed report's month, chosen as on opening."""
        self._month_chosen = False
        self.refresh()

    def _month_changed(self) -> None:
        self._month_chosen = True  # the user's choice stands from now on
        self.refresh()

    @property
    def month_key(self) -> str:
        return self.month.currentData()

    def select_month(self, key: str) -> None:
        index = self.month.findData(key)
        if index >= 0:
            self.month.setCurrentIndex(index)

    def refresh(self) -> None:
        ws, month = self.ctx.workspace, self.month_key
        if not self._month_chosen:
            # First the month that is owed, then its report (one background read).
            def load() -> MonthlyView:
                return monthly_report(ws, default_month(ws))

            run_in_background(
                load,
                on_done=self._show_default,
                on_error=self._error,
                context=self,
                description="monthly report",
            )
            return
        run_in_background(
            lambda: monthly_report(ws, month),
            on_done=self._show,
            on_error=self._error,
            context=self,
            description="monthly report",
        )

    def _error(self, message: str, _error: BaseException) -> None:
        self.message.setText(message)
        self.message.show()
        self.loads += 1

    def _show_default(self, view: MonthlyView) -> None:
        if not self._month_chosen:
            index = self.month.findData(view.month)
            if index >= 0:
                self.month.blockSignals(True)
                self.month.setCurrentIndex(index)
                self.month.blockSignals(False)
            self._month_chosen = True
        self._show(view)

    def _show(self, view: MonthlyView) -> None:
        if view.month != self.month_key:
            return  # an older answer for a month no longer chosen
        self.view = view
        if self._notice:
            self.message.setText(self._notice)
            self.message.show()
            self._notice = ""
        else:
            self.message.hide()
        self.figures_model.set_figures(view.figures)
        status = translate("Monthly", STATUS[view.status])
        text = translate("Monthly", "{month}: {status} — due by {due}").format(
            month=view.month, status=status, due=view.due_on.isoformat()
        )
        counted_from = view.figures.get("counted_from")
        if counted_from and counted_from > view.start.isoformat():
            # Work owed before the school's set-up day is not counted (nor missed).
            text += translate("Monthly", " · counted from {day}").format(day=counted_from)
        self.status.setText(text)
        finalized = view.finalized
        # Only the signed, finalized report has its form (安全月报表) to print.
        self.print_button.setEnabled(finalized and view.id is not None)
        if self.comments.toPlainText() != view.comments:
            self.comments.setPlainText(view.comments)
        self.comments.setReadOnly(finalized)
        self.save_button.setEnabled(not finalized and self.comments.isEnabled())
        for w in (self.pad, self.clear_button, self.finalize_button):
            w.setEnabled(not finalized and self.may_sign)
        if finalized and view.finalized_at is not None:
            self.signed_label.setText(
                translate(
                    "Monthly", "Signed and finalized on {time}; it can no longer change."
                ).format(time=view.finalized_at.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M"))
            )
        else:
            self.signed_label.setText("")
        self.loads += 1

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): the finalized month's report form."""
        self.print_form()

    def print_form(self) -> None:
        """Preview, print or save the finalized month's report form (安全月报表)."""
        view = self.view
        if view is None or not view.finalized or view.id is None:
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "monthly", view.id)

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        ws, actor, month = self.ctx.workspace, self.ctx.actor, self.month_key
        text = self.comments.toPlainText()
        run_in_background(
            lambda: save_draft(ws, actor, month, text),
            on_done=lambda _id: self._saved(translate("Monthly", "Draft saved.")),
            on_error=self._error,
            context=self,
            description="monthly report: save draft",
        )

    def finalize(self) -> None:
        if not (self.may_sign and self.finalize_button.isEnabled()):
            return
        if self.pad.is_empty():
            self._error(translate("Monthly", "Sign on the pad first."), ValueError())
            return
        ws, actor, month = self.ctx.workspace, self.ctx.actor, self.month_key
        text, strokes, png = self.comments.toPlainText(), self.pad.strokes(), self.pad.to_png()
        run_in_background(
            lambda: finalize_report(ws, actor, month, text, strokes, png),
            on_done=lambda _id: self._saved(
                translate("Monthly", "The report is signed and finalized.")
            ),
            on_error=self._error,
            context=self,
            description="monthly report: finalize",
        )

    def _saved(self, text: str) -> None:
        self.pad.clear()
        self._notice = text
        self.ctx.events.changed.emit("monthly")
        self.refresh()
