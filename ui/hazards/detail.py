"""The ledger's detail panel: one hazard, its whole history, photos and the actions.

Each action opens a small dialog, then runs the service in the background.
The principal or a safety officer can grade a hazard major later ("Mark as
major…"), which starts its twice-daily monitoring.
Buttons the signed-in user may not use are disabled with the reason as
tooltip (:func:`app.hazards.actions.hazard_actions`); the service still
decides, and a refusal is shown in the page's message area with nothing
changed.

Threading: UI thread; reads and actions go through :mod:`ui.operations`.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.hazards import monitoring, service
from app.hazards.actions import hazard_actions
from app.hazards.ledger import HazardDetail, hazard_detail
from app.hazards.origin import HazardOrigin, hazard_origin
from app.hazards.service import grade_of, school_today
from app.inspections.people import PersonChoice, active_people
from app.oversight.service import hazard_answers
from ui.common.message_label import MessageLabel
from ui.common.photo_strip import PhotoStrip
from ui.context import AppContext
from ui.formatting import format_time
from ui.hazards.dialogs import MonitorDialog, NoteDialog, PlanDialog, RectifyDialog
from ui.hazards.labels import (
    area_label,
    condition_label,
    event_label,
    severity_label,
    status_label,
)
from ui.i18n import app_text, translate
from ui.operations import run_in_background

ACTION_TITLES = {
    "plan": QT_TRANSLATE_NOOP("Hazards", "Plan…"),
    "start": QT_TRANSLATE_NOOP("Hazards", "Start work"),
    "rectify": QT_TRANSLATE_NOOP("Hazards", "Mark fixed…"),
    "recheck_pass": QT_TRANSLATE_NOOP("Hazards", "Re-check passed…"),
    "recheck_fail": QT_TRANSLATE_NOOP("Hazards", "Re-check failed…"),
    "escalate": QT_TRANSLATE_NOOP("Hazards", "School cannot fix…"),
    "major": QT_TRANSLATE_NOOP("Hazards", "Mark as major…"),
    "monitor": QT_TRANSLATE_NOOP("Hazards", "Monitoring entry…"),
}


ORIGIN_TEXT = {
    "drill": QT_TRANSLATE_NOOP("Hazards", "Found in drill {record}"),
    "handover": QT_TRANSLATE_NOOP("Hazards", "Found on the handover patrol at {record} on {day}"),
    "inspection": QT_TRANSLATE_NOOP("Hazards", "Found in the inspection {record} on {day}"),
}


def _row(label: str, value: object) -> str:
    if value in (None, ""):
        return ""
    return f"<tr><td style='color:#5f6368;padding-right:10px'>{html.escape(label)}</td>" \
        f"<td>{html.escape(str(value))}</td></tr>"  # fmt: skip


class HazardDetailPanel(QWidget):
    changed = Signal(object)  # the hazard id after a successful action

    def __init__(self, ctx: AppContext, message: MessageLabel) -> None:
        super().__init__()
        self.ctx = ctx
        self.message = message
        self.hazard_id: uuid.UUID | None = None
        self.detail: HazardDetail | None = None
        self.reasons: dict[str, str | None] = {}
        self.people: list[PersonChoice] = []
        self.dialog: QDialog | None = None
        self.loads = 0  # completed loads; tests wait on it

        self.heading = QLabel(translate("Hazards", "Choose a hazard in the ledger."))
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        # The drill, handover patrol or inspection the hazard was raised from: a link opening it.
        self.origin = QLabel()
        self.origin.setTextFormat(Qt.TextFormat.RichText)
        self.origin.setWordWrap(True)  # a long inspection title must not widen the panel
        self.origin.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.origin.linkActivated.connect(lambda _href: self.open_origin())
        self.origin.hide()
        self.origin_record: HazardOrigin | None = None
        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.history = QTextBrowser()
        self.history.setOpenLinks(False)
        self.photos = PhotoStrip(ctx)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.summary)
        split.addWidget(self.history)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (key, title) in enumerate(ACTION_TITLES.items()):
            b = QPushButton(translate("Hazards", title))
            b.clicked.connect(lambda _=False, k=key: self.act(k))
            self.buttons[key] = b
            grid.addWidget(b, i // 4, i % 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.origin)
        layout.addLayout(grid)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel(translate("Hazards", "Photos:")))
        layout.addWidget(self.photos)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------

    def show_hazard(self, hazard_id: uuid.UUID | None) -> None:
        self.hazard_id = hazard_id
        if hazard_id is None:
            self.detail, self.reasons = None, {}
            self.heading.setText(translate("Hazards", "Choose a hazard in the ledger."))
            self.summary.clear()
            self.history.clear()
            self.photos.set_photos([])
            self._show_origin(None)
            self._update_buttons()
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        need_people = not self.people

        def read():
            people = active_people(ws, actor) if need_people else None
            detail = hazard_detail(ws, actor, hazard_id)
            return (
                detail,
                hazard_actions(ws, actor, hazard_id),
                people,
                hazard_origin(ws, hazard_id),
                hazard_answers(ws, hazard_id),
            )

        run_in_background(
            read,
            on_done=lambda r: self._loaded(hazard_id, *r),
            on_error=self._load_failed,
            context=self,
            description="hazard detail",
        )

    def _loaded(self, hazard_id, detail, reasons, people, origin=None, answers=()) -> None:
        self.loads += 1
        if hazard_id != self.hazard_id:
            return
        if people is not None:
            self.people = people
        self.detail, self.reasons = detail, reasons
        row = detail.row
        self.heading.setText(f"<b>{html.escape(row.ref)}</b>　{html.escape(row.title)}")
        self.summary.setHtml(self._summary_html(detail) + self._answers_html(answers))
        self.history.setHtml(self._history_html(detail))
        self.photos.set_photos([p for _purpose, p in detail.photos])
        self._show_origin(origin)
        self._update_buttons()

    def _show_origin(self, origin: HazardOrigin | None) -> None:
        self.origin_record = origin
        if origin is None:
            self.origin.clear()
            self.origin.hide()
            return
        label = origin.label if len(origin.label) <= 40 else origin.label[:39] + "…"
        text = translate("Hazards", ORIGIN_TEXT[origin.kind]).format(
            record=html.escape(label), day=origin.day.isoformat() if origin.day else ""
        )
        self.origin.setText(f'<a href="open">{text}</a>')
        self.origin.setToolTip(translate("Hazards", "Open the record this hazard was raised from"))
        self.origin.show()

    def open_origin(self) -> None:
        """Show the source record on its page (the main window opens it)."""
        if self.origin_record is not None:
            self.ctx.events.open_requested.emit(
                self.origin_record.page, self.origin_record.record_id
            )

    def _load_failed(self, message: str, _e: BaseException) -> None:
        self.loads += 1
        self.message.show_error(message)

    def _summary_html(self, d: HazardDetail) -> str:
        r = d.row
        status = status_label(r.status)
        if r.overdue:
            status = translate("Hazards", "{status} (overdue)").format(status=status)
        place = " / ".join(x for x in (r.place, d.zone) if x)
        rows = [
            _row(translate("Hazards", "Status:"), status),
            _row(
                translate("Hazards", "Area:"),
                area_label(r.area) + (f"（{r.risk_group}）" if r.risk_group else ""),
            ),
            _row(translate("Hazards", "Severity:"), severity_label(grade_of(r.major))),
            _row(translate("Hazards", "Place:"), place),
            _row(
                translate("Hazards", "Reported:"),
                f"{format_time(d.reported_at)} {d.reported_by_name}",
            ),
            _row(translate("Hazards", "Description:"), d.description),
            _row(translate("Hazards", "Responsible person:"), r.responsible_name),
            _row(translate("Hazards", "Deadline:"), r.deadline.isoformat() if r.deadline else ""),
            _row(translate("Hazards", "Measures:"), d.measures),
            _row(translate("Hazards", "Funds (yuan):"), d.funds_yuan),
            _row(translate("Hazards", "Source of funds:"), d.funds_source),
            _row(translate("Hazards", "Interim safeguard:"), d.interim_safeguard),
            _row(
                translate("Hazards", "Fix:"),
                f"{d.rectification_note} {d.rectified_by_name}".strip(),
            ),
            _row(
                translate("Hazards", "Re-check:"), f"{d.recheck_note} {d.rechecked_by_name}".strip()
            ),
            _row(translate("Hazards", "School cannot fix:"), d.escalation_note),
        ]
        out = "<table>" + "".join(rows) + "</table>"
        if d.missed_monitoring:
            days = "、".join(f"{day:%m-%d}（{n}）" for day, n in d.missed_monitoring[-7:])
            out += "<p style='color:#a4262c'>" + html.escape(
                translate("Hazards", "Monitoring missed on: {days}").format(days=days)
            ) + "</p>"  # fmt: skip
        return out

    def _answers_html(self, answers) -> str:
        """The education bureau's answers to the school's escalation, with their dates."""
        out = ""
        for a in answers:
            heading = translate("Hazards", "The bureau's answer ({day}):").format(
                day=format_time(a.published_at)[:10]
            )
            out += (
                "<p style='background:#e8f0fe;padding:4px'>"
                f"<b>{html.escape(heading)}</b> {html.escape(a.text)}</p>"
            )
        return out

    def _history_html(self, d: HazardDetail) -> str:
        heading = html.escape(translate("Hazards", "History"))
        lines = [f"<p><b>{heading}</b></p><table cellpadding='2'>"]
        for e in d.history:
            what = event_label(e.kind)
            if e.kind == "monitor":
                what += f"（{condition_label(e.data.get('condition', ''))}）"
            elif e.from_status and e.to_status != e.from_status:
                what += f" → {status_label(e.to_status)}"
            lines.append(
                "<tr>"
                f"<td nowrap style='color:#5f6368'>{format_time(e.at)}</td>"
                f"<td nowrap>{html.escape(e.actor_name)}</td>"
                f"<td><b>{html.escape(what)}</b></td>"
                f"<td>{html.escape(e.note)}</td>"
                "</tr>"
            )
        return "".join(lines) + "</table>"

    # -- actions -------------------------------------------------------------------

    def _reason(self, key: str) -> str | None:
        base = "recheck" if key.startswith("recheck") else key
        if self.detail is None:
            return translate("Hazards", "Choose a hazard in the ledger.")
        reason = self.reasons.get(base)
        return app_text(reason) if reason else None

    def _update_buttons(self) -> None:
        for key, button in self.buttons.items():
            reason = self._reason(key)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")

    def act(self, key: str) -> None:
        """Open the action's dialog; the service runs once it is accepted."""
        hid = self.hazard_id
        if hid is None:
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        dialog: QDialog
        # ``build`` runs on the UI thread when the dialog is accepted and reads its
        # entries; the job it returns runs in a worker and touches no widget.
        build: Callable[[], Callable[[], Any]]
        if key == "plan":
            dialog = PlanDialog(self, self.people, school_today())
            self._prefill_plan(dialog)

            def build() -> Callable[[], Any]:
                plan = dialog.plan()
                return lambda: service.plan_hazard(ws, actor, hid, plan)

        elif key == "start":
            dialog = NoteDialog(
                self, translate("Hazards", "Start work"), translate("Hazards", "Note:")
            )

            def build() -> Callable[[], Any]:
                note = dialog.text()
                return lambda: service.start_rectification(ws, actor, hid, note)

        elif key == "rectify":
            dialog = RectifyDialog(self, self.ctx)

            def build() -> Callable[[], Any]:
                note, photos = dialog.text(), [uuid.UUID(p) for p in dialog.photos.photo_ids()]
                return lambda: service.record_rectification(ws, actor, hid, note, photos)

        elif key in ("recheck_pass", "recheck_fail"):
            passed = key == "recheck_pass"
            dialog = NoteDialog(
                self,
                translate("Hazards", "Re-check passed")
                if passed
                else translate("Hazards", "Re-check failed"),
                translate("Hazards", "Note:") if passed else translate("Hazards", "Why it failed:"),
                translate("Hazards", "Passing the re-check closes the hazard (销号).")
                if passed
                else "",
            )

            def build() -> Callable[[], Any]:
                note = dialog.text()
                return lambda: service.recheck_hazard(ws, actor, hid, passed=passed, note=note)

        elif key == "escalate":
            dialog = NoteDialog(
                self,
                translate("Hazards", "School cannot fix"),
                translate("Hazards", "Why:"),
                translate(
                    "Hazards", "The hazard is marked for a written report to the education bureau."
                ),
            )

            def build() -> Callable[[], Any]:
                note = dialog.text()
                return lambda: service.escalate_hazard(ws, actor, hid, note)

        elif key == "major":
            dialog = NoteDialog(
                self,
                translate("Hazards", "Mark as a major hazard"),
                translate("Hazards", "Why:"),
                translate(
                    "Hazards",
                    "A major hazard (重大隐患) is monitored at least twice a day until it is "
                    "fixed, starting today.",
                ),
            )

            def build() -> Callable[[], Any]:
                note = dialog.text()
                return lambda: service.mark_major(ws, actor, hid, note)

        elif key == "monitor":
            dialog = MonitorDialog(self)

            def build() -> Callable[[], Any]:
                seen, condition = dialog.observation.toPlainText(), dialog.condition.currentData()
                return lambda: monitoring.add_monitoring(ws, actor, hid, seen, condition)

        else:
            raise ValueError(key)
        self._open(dialog, lambda: self.run(build(), hid))

    def _prefill_plan(self, dialog: PlanDialog) -> None:
        d = self.detail
        if d is None or not d.measures:
            return
        dialog.measures.setPlainText(d.measures)
        dialog.safeguard.setPlainText(d.interim_safeguard)
        dialog.funds.setText("" if d.funds_yuan is None else str(d.funds_yuan))
        dialog.funds_source.setText(d.funds_source)
        index = dialog.responsible.findText(d.row.responsible_name, Qt.MatchFlag.MatchStartsWith)
        if index >= 0:
            dialog.responsible.setCurrentIndex(index)

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def run(self, job: Callable[[], Any], hazard_id: uuid.UUID) -> None:
        """Run one ledger action; on success reload, on refusal show why."""
        self.message.clear_message()
        run_in_background(
            job,
            on_done=lambda _r: self._acted(hazard_id),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="hazard action",
        )

    def _acted(self, hazard_id: uuid.UUID) -> None:
        self.message.show_notice(translate("Hazards", "Saved."))
        self.ctx.events.changed.emit("hazards")
        self.changed.emit(hazard_id)
        self.show_hazard(hazard_id)
