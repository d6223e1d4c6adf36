"""突发事件: open incidents first with their clocks counting down, the chosen
incident's record, and the buttons that log each report as it is made.

The clocks tick once a second from the due times already loaded (no database
work per tick); lateness is shown in red and stays, because report times are
never edited. Ctrl+N reports a new incident; Ctrl+Shift+P, Ctrl+Shift+W and
Ctrl+Shift+F log a phone, written or follow-up report; Ctrl+P previews and
prints the chosen incident's report form (突发事件报告单); F5 reads again.

Threading: UI thread; every read and action goes through :mod:`ui.operations`.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.incidents.access import may_report
from app.incidents.labels import (
    CATEGORY_LABELS,
    PERSON_ROLE_LABELS,
    REPORT_KIND_LABELS,
    SEVERITY_LABELS,
)
from app.incidents.service import add_person, close_incident, log_report, report_incident
from app.incidents.views import IncidentDetail, incident_detail, list_incidents
from ui.common.live_refresh import LiveRefresh
from ui.common.message_label import MessageLabel
from ui.context import AppContext
from ui.i18n import app_text, translate
from ui.incidents.dialogs import CloseDialog, IncidentEditor, PersonDialog, ReportDialog
from ui.incidents.model import (
    INCIDENT_ID_ROLE,
    IncidentsModel,
    clock_color,
    clock_text,
    local_time,
)
from ui.operations import run_in_background

TICK_MS = 1000


class IncidentDetailPanel(QWidget):
    """The chosen incident: its clocks, what happened, who, the reports made."""

    def __init__(self, page: IncidentsPage) -> None:
        super().__init__()
        self.page = page
        self.detail: IncidentDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.phone_clock = QLabel()
        self.written_clock = QLabel()
        for lab in (self.phone_clock, self.written_clock):
            lab.setStyleSheet("font-size: 15px; font-weight: bold;")
        clocks = QHBoxLayout()
        clocks.addWidget(self.phone_clock)
        clocks.addSpacing(24)
        clocks.addWidget(self.written_clock)
        clocks.addStretch(1)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.phone_button = QPushButton(translate("Incidents", "Phone report made"))
        self.written_button = QPushButton(translate("Incidents", "Written report made"))
        self.follow_button = QPushButton(translate("Incidents", "Follow-up report"))
        self.person_button = QPushButton(translate("Incidents", "Add a person"))
        self.close_button = QPushButton(translate("Incidents", "Close incident"))
        self.print_button = QPushButton(translate("Printing", "Print…"))
        self.print_button.setToolTip(translate("Printing", "Preview, print or save the form"))
        self.print_button.clicked.connect(page.print_chosen)
        self.phone_button.clicked.connect(lambda: page.log("phone"))
        self.written_button.clicked.connect(lambda: page.log("written"))
        self.follow_button.clicked.connect(lambda: page.log("follow_up"))
        self.person_button.clicked.connect(page.add_person_to_chosen)
        self.close_button.clicked.connect(page.close_chosen)
        self.phone_button.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.written_button.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.follow_button.setShortcut(QKeySequence("Ctrl+Shift+F"))
        buttons = QHBoxLayout()
        for b in self._buttons():
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(clocks)
        layout.addLayout(buttons)
        layout.addWidget(self.body, 1)
        self.show_detail(None)

    def show_detail(self, detail: IncidentDetail | None) -> None:
        self.detail = detail
        self.setEnabled(detail is not None)
        if detail is None:
            self.heading.setText(translate("Incidents", "Choose an incident to see its record."))
            self.phone_clock.clear()
            self.written_clock.clear()
            self.body.clear()
            for b in (
                self.phone_button,
                self.written_button,
                self.follow_button,
                self.close_button,
                self.print_button,
            ):
                b.setEnabled(False)
            return
        c = detail.row.clocks
        self.heading.setText(f"{detail.row.ref}　{c.title}")
        self.phone_button.setEnabled(detail.may_log and not c.phone.reported)
        self.written_button.setEnabled(detail.may_log and not c.written.reported)
        self.follow_button.setEnabled(detail.may_log)
        self.person_button.setEnabled(detail.may_log)
        self.close_button.setEnabled(detail.may_close)
        self.close_button.setVisible(detail.may_close or c.closed)
        self.print_button.setEnabled(True)
        self.body.setHtml(self._html(detail))
        self.tick(datetime.now(UTC))

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.phone_button,
            self.written_button,
            self.follow_button,
            self.person_button,
            self.close_button,
            self.print_button,
        )

    def tick(self, now: datetime) -> None:
        if self.detail is None:
            return
        c = self.detail.row.clocks
        for lab, clock, name in (
            (self.phone_clock, c.phone, translate("Incidents", "Phone")),
            (self.written_clock, c.written, translate("Incidents", "Written")),
        ):
            lab.setText(f"{name}：{clock_text(clock, now)}")
            lab.setStyleSheet(
                f"font-size: 15px; font-weight: bold; color: {clock_color(clock.state(now)).name()};"
            )

    def _html(self, d: IncidentDetail) -> str:
        c = d.row.clocks
        e = html.escape

        def row(label: str, value: str) -> str:
            return f"<tr><td style='color:#555;padding-right:12px'>{e(label)}</td><td>{e(value)}</td></tr>"

        parts = [
            "<table>",
            row(translate("Incidents", "Kind"), app_text(CATEGORY_LABELS.get(c.category, c.category))),
            row(translate("Incidents", "Severity"), app_text(SEVERITY_LABELS.get(c.severity, c.severity))),
            row(translate("Incidents", "Occurred at"), local_time(d.occurred_at)),
            row(translate("Incidents", "Discovered at"), local_time(c.discovered_at)),
            row(translate("Incidents", "Place"), d.row.place),
            row(translate("Incidents", "Reported by"), d.row.reporter_name),
            row(translate("Incidents", "What happened"), d.description),
            row(translate("Incidents", "Immediate actions"), d.immediate_actions),
        ]  # fmt: skip
        if d.closed_at:
            parts.append(row(translate("Incidents", "Closed at"), local_time(d.closed_at)))
            parts.append(row(translate("Incidents", "Closing note"), d.closure_note))
        people_title = translate("Incidents", "People involved")
        none_recorded = translate("Incidents", "None recorded.")
        reports_title = translate("Incidents", "Reports made")
        no_report = translate("Incidents", "No report logged yet.")
        parts.append("</table>")
        parts.append(f"<h4>{e(people_title)}</h4>")
        if d.people:
            parts.append("<ul>")
            for p in d.people:
                who = app_text(PERSON_ROLE_LABELS.get(p.role, p.role))
                minor = translate("Incidents", ", minor") if p.minor else ""
                injury = f"：{e(p.injury)}" if p.injury else ""
                parts.append(f"<li>{e(p.name)}（{e(who)}{e(minor)}）{injury}</li>")
            parts.append("</ul>")
        else:
            parts.append(f"<p>{e(none_recorded)}</p>")
        parts.append(f"<h4>{e(reports_title)}</h4>")
        if d.reports:
            parts.append("<ul>")
            for r in d.reports:
                kind = app_text(REPORT_KIND_LABELS.get(r.kind, r.kind))
                to = (
                    translate("Incidents", " to {whom}").format(whom=r.to_whom) if r.to_whom else ""
                )
                text = f"{local_time(r.at)} {kind}{to}（{r.by_name}）"
                summary = (
                    f"<br/><span style='color:#555'>{e(r.summary)}</span>" if r.summary else ""
                )
                parts.append(f"<li>{e(text)}{summary}</li>")
            parts.append("</ul>")
        else:
            parts.append(f"<p>{e(no_report)}</p>")
        return "".join(parts)


class IncidentsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = 0  # how many times the list has been read (tests wait on it)
        self.dialog: Any = None
        self.preview: Any = None  # the print preview last opened

        title = QLabel(translate("Incidents", "Incidents"))
        title.setObjectName("pageTitle")
        self.rule = QLabel(
            translate(
                "Incidents",
                "Phone report within 30 minutes of discovery, written report within 2 hours, "
                "follow-ups as things develop.",
            )
        )
        self.rule.setObjectName("hint")
        self.new_button = QPushButton(translate("Incidents", "Report an incident"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setEnabled(may_report(ctx.actor))
        self.new_button.clicked.connect(self.new_incident)
        self.open_only = QCheckBox(translate("Incidents", "Open only"))
        self.open_only.toggled.connect(lambda _c: self.reload())
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(16)
        head.addWidget(self.rule, 1)
        head.addWidget(self.open_only)
        head.addWidget(self.new_button)

        self.model = IncidentsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 180, 64, 120, 150, 150, 44)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._chosen(cur))

        self.message = MessageLabel()
        self.detail = IncidentDetailPanel(self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setChildrenCollapsible(False)
        split.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload)
        ctx.events.changed.connect(self._elsewhere_changed)
        self.live = LiveRefresh(self, ctx, self.reload,
                                tables=("incident", "incident_person", "incident_report"))  # fmt: skip
        self._chosen_id: uuid.UUID | None = None
        self._stale = True

    # -- reading -------------------------------------------------------------------

    def reload(self) -> None:
        self._stale = False
        ws, actor, open_only = self.ctx.workspace, self.ctx.actor, self.open_only.isChecked()
        run_in_background(
            lambda: list_incidents(ws, actor, open_only=open_only),
            on_done=self._listed,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="incident list",
        )

    def _listed(self, rows) -> None:
        keep = self._chosen_id
        self.model.set_rows(rows)
        self.model.tick()
        self.loaded += 1
        row = self.model.row_of(keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self._show(self.model.row_at(row).id)
        else:
            self._chosen_id = None
            self.detail.show_detail(None)

    def _chosen(self, index) -> None:
        value = index.siblingAtColumn(0).data(INCIDENT_ID_ROLE) if index.isValid() else None
        iid = uuid.UUID(value) if value else None
        if iid is not None and iid != self._chosen_id:
            self._show(iid)

    def _show(self, incident_id: uuid.UUID) -> None:
        self._chosen_id = incident_id
        ws, actor = self.ctx.workspace, self.ctx.actor
        run_in_background(
            lambda: incident_detail(ws, actor, incident_id),
            on_done=lambda d: self._detail_loaded(incident_id, d),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="incident detail",
        )

    def _detail_loaded(self, incident_id: uuid.UUID, detail: IncidentDetail) -> None:
        if incident_id == self._chosen_id:
            self.detail.show_detail(detail)

    def select_incident(self, incident_id: uuid.UUID) -> bool:
        row = self.model.row_of(incident_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def open_record(self, incident_id: uuid.UUID) -> None:
        """Show one incident (the 工作台's clock lines open here), listed yet or not."""
        if not self.select_incident(incident_id):
            self._show(incident_id)

    def tick(self) -> None:
        now = datetime.now(UTC)
        self.model.tick(now)
        self.detail.tick(now)

    # -- actions -------------------------------------------------------------------

    def _open(self, dialog, job: Callable[[], Callable[[], Any]]) -> None:
        """Show ``dialog``; on OK run the service; close it only once saved."""
        self.dialog = dialog
        dialog.submitted.connect(lambda: self._save(dialog, job()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def _save(self, dialog, call: Callable[[], Any]) -> None:
        def done(result) -> None:
            dialog.saved()
            if isinstance(result, uuid.UUID):
                self._chosen_id = result
            self.message.show_notice(translate("Incidents", "Saved and queued for sending."))
            self.ctx.events.changed.emit("incidents")
            self.reload()

        run_in_background(
            call,
            on_done=done,
            on_error=lambda msg, _e: dialog.show_error(msg),
            context=self,
            description="incident action",
        )

    def new_incident(self) -> None:
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = IncidentEditor(self, datetime.now(UTC))

        def job():
            draft = dialog.draft()
            return lambda: report_incident(ws, actor, draft)

        self._open(dialog, job)

    def log(self, kind: str) -> None:
        iid = self._chosen_id
        if iid is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        titles = {
            "phone": translate("Incidents", "Phone report made"),
            "written": translate("Incidents", "Written report made"),
            "follow_up": translate("Incidents", "Follow-up report"),
        }
        dialog = ReportDialog(
            self, titles[kind], datetime.now(UTC), summary_needed=kind == "follow_up"
        )

        def job():
            values = dialog.values()
            return lambda: log_report(ws, actor, iid, kind, **values)

        self._open(dialog, job)

    def add_person_to_chosen(self) -> None:
        iid = self._chosen_id
        if iid is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = PersonDialog(self)

        def job():
            person = dialog.person()
            return lambda: add_person(ws, actor, iid, person)

        self._open(dialog, job)

    def close_chosen(self) -> None:
        iid = self._chosen_id
        if iid is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog = CloseDialog(self)

        def job():
            note = dialog.note.toPlainText()
            return lambda: close_incident(ws, actor, iid, note)

        self._open(dialog, job)

    def print_selected(self) -> None:
        """Ctrl+P (the main window's): the chosen incident's report form."""
        self.print_chosen()

    def print_chosen(self) -> None:
        """Preview, print or save the chosen incident's report form (突发事件报告单)."""
        iid = self._chosen_id
        if iid is None or self.detail.detail is None:
            return
        from ui.reports.preview import open_print_preview

        self.preview = open_print_preview(self.ctx, self, "incident", iid)

    # -- refresh -------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.timer.start()
        if self._stale:
            self.reload()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self.timer.stop()

    def _elsewhere_changed(self, area: str) -> None:
        if area == "incidents":
            return  # this page's own saves reload already
        if area in ("sync",):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True
