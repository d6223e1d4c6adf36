"""The handover form (交接班记录), made for a tired duty leader at 6 a.m.

Big fields, one column, and Tab walks it top to bottom: 平安 (Space
toggles), patrols (the route of the person's last handover is filled in;
type the times), events, roll call (boarding duties only), items handed
over, open issues, the incoming person; then the outgoing signature and its
button, then the incoming signature and its button. Ctrl+S saves, Ctrl+N
adds a patrol row, Ctrl+E an event row. Signing as outgoing saves the form
first. Once both have signed, everything is read-only.

Threading: UI thread; saving and signing go through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.duty.handover import (
    Event,
    HandoverDraft,
    HandoverView,
    Patrol,
    record_handover,
    sign_handover,
)
from app.duty.roster import DutyTypeView, ShiftView
from app.errors import UserError
from app.school.clock import SCHOOL_TZ
from app.signatures.service import get_signature
from app.staff.service import StaffView
from ui.common.message_label import MessageLabel
from ui.common.signature_pad import SignaturePad
from ui.context import AppContext
from ui.duty.handover_rows import EntryRows, on_shift
from ui.duty.labels import hours
from ui.duty.roster_dialogs import combo_id, select_id
from ui.i18n import translate
from ui.operations import friendly_message, run_in_background

FORM_STYLE = """
QWidget#handoverForm { font-size: 13pt; }
QWidget#handoverForm QLineEdit, QWidget#handoverForm QComboBox,
QWidget#handoverForm QPlainTextEdit { min-height: 34px; font-size: 13pt; }
QWidget#handoverForm QCheckBox#peaceful { font-size: 15pt; font-weight: 600; }
QWidget#handoverForm QPushButton { min-height: 34px; padding: 0 14px; }
"""


def _count(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    return int(text) if text else None


class HandoverForm(QWidget):
    """One shift's handover. ``saved`` is emitted with the HandoverView after each change."""

    saved = Signal(object)
    hazard_requested = Signal(object)  # patrol id

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("handoverForm")
        self.setStyleSheet(FORM_STYLE)
        self.shift: ShiftView | None = None
        self.duty: DutyTypeView | None = None
        self.view: HandoverView | None = None
        self.my_staff_id: uuid.UUID | None = None

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.peaceful = QCheckBox(translate("Handover", "平安: nothing happened on this shift"))
        self.peaceful.setObjectName("peaceful")
        self.peaceful.setChecked(True)
        self.peaceful.toggled.connect(self._peaceful_toggled)

        self.patrols = EntryRows(
            (translate("Handover", "Time"), translate("Handover", "Place patrolled"),
             translate("Handover", "Findings (empty if none)")), hazard_buttons=True,
        )  # fmt: skip
        self.patrols.hazard_requested.connect(self.hazard_requested)
        self.events = EntryRows(
            (translate("Handover", "Time"), translate("Handover", "What happened"),
             translate("Handover", "Action taken")),
        )  # fmt: skip
        self.add_patrol = QPushButton(translate("Handover", "+ Patrol (Ctrl+N)"))
        self.add_patrol.clicked.connect(lambda: self._new_row(self.patrols))
        self.add_event = QPushButton(translate("Handover", "+ Event (Ctrl+E)"))
        self.add_event.clicked.connect(lambda: self._new_row(self.events))

        self.roll_call = QGroupBox(translate("Handover", "Boarders' roll call"))
        self.noon_expected, self.noon_present = QLineEdit(), QLineEdit()
        self.night_expected, self.night_present = QLineEdit(), QLineEdit()
        for e in (self.noon_expected, self.noon_present, self.night_expected, self.night_present):
            e.setValidator(QIntValidator(0, 99999, e))
            e.setFixedWidth(110)
        self.roll_call_note = QLineEdit()
        self.roll_call_note.setPlaceholderText(translate("Handover", "Who was missing, and why"))
        rc = QFormLayout(self.roll_call)
        for label, a, b in (
            (translate("Handover", "Noon: expected / present"), self.noon_expected, self.noon_present),
            (translate("Handover", "Night: expected / present"), self.night_expected, self.night_present),
        ):  # fmt: skip
            row = QHBoxLayout()
            row.addWidget(a)
            row.addWidget(QLabel("/"))
            row.addWidget(b)
            row.addStretch(1)
            rc.addRow(label, row)
        rc.addRow(translate("Handover", "Note:"), self.roll_call_note)

        self.handed_over = QLineEdit()
        self.handed_over.setPlaceholderText(translate("Handover", "Keys, radios, logbook …"))
        self.issues = QPlainTextEdit()
        self.issues.setTabChangesFocus(True)
        self.issues.setFixedHeight(70)
        self.issues.setPlaceholderText(translate("Handover", "What the next shift must follow up"))
        self.incoming = QComboBox()
        for e in (self.noon_expected, self.noon_present, self.night_expected, self.night_present,
                  self.roll_call_note, self.handed_over):  # fmt: skip
            e.returnPressed.connect(lambda e=e: e.focusNextChild())  # Enter moves on like Tab

        self.save_button = QPushButton(translate("Handover", "Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        self.out_pad = SignaturePad(placeholder=translate("Handover", "Outgoing person signs here"))
        self.in_pad = SignaturePad(placeholder=translate("Handover", "Incoming person signs here"))
        self.out_button = QPushButton(translate("Handover", "Sign as outgoing"))
        self.in_button = QPushButton(translate("Handover", "Acknowledge and sign as incoming"))
        for b in (self.out_button, self.in_button, self.save_button):
            b.setAutoDefault(True)
        self.out_button.clicked.connect(self.sign_outgoing)
        self.in_button.clicked.connect(self.sign_incoming)
        self.message = MessageLabel()

        form = QFormLayout()
        form.addRow(self.peaceful)
        form.addRow(translate("Handover", "Patrols:"), self.patrols)
        form.addRow("", self.add_patrol)
        form.addRow(translate("Handover", "Events:"), self.events)
        form.addRow("", self.add_event)
        form.addRow(self.roll_call)
        form.addRow(translate("Handover", "Handed over:"), self.handed_over)
        form.addRow(translate("Handover", "Open issues:"), self.issues)
        form.addRow(translate("Handover", "Incoming person:"), self.incoming)
        form.addRow("", self.save_button)
        signs = QHBoxLayout()
        for pad, button in ((self.out_pad, self.out_button), (self.in_pad, self.in_button)):
            col = QVBoxLayout()
            col.addWidget(pad)
            col.addWidget(button)
            signs.addLayout(col)
        # ``heading`` and ``state`` are placed by the page above the scrolling form,
        # so who, when and whether it is locked stay in sight.
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(signs)
        layout.addWidget(self.message)
        layout.addStretch(1)

        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_patrol.click)
        QShortcut(QKeySequence("Ctrl+E"), self, self.add_event.click)
        self.setEnabled(False)

    # -- showing -------------------------------------------------------------------

    def show_shift(
        self, shift: ShiftView, duty: DutyTypeView | None, view: HandoverView | None,
        staff: list[StaffView], route: list[str], next_person: uuid.UUID | None,
        my_staff_id: uuid.UUID | None,
    ) -> None:  # fmt: skip
        """Fill the form for ``shift``: its saved handover, or a new one with the last route."""
        self.shift, self.duty, self.view, self.my_staff_id = shift, duty, view, my_staff_id
        self.message.clear_message()
        self.setEnabled(True)
        self.heading.setText(
            f"{shift.date.isoformat()}　{shift.duty_name}　{shift.staff_name}　"
            f"{hours(shift.start_time, shift.end_time)}"
        )
        self.incoming.clear()
        self.incoming.addItem(translate("Handover", "(choose)"), None)
        for m in staff:
            if m.id != shift.staff_id:
                self.incoming.addItem(m.name, str(m.id))
        self.patrols.clear_rows()
        self.events.clear_rows()
        self.roll_call.setVisible(bool(duty and duty.roll_call))
        self.out_pad.clear()
        self.in_pad.clear()
        d = view.draft if view else HandoverDraft(peaceful=True)
        self.peaceful.setChecked(d.peaceful)
        if view:
            for p in d.patrols:
                self.patrols.add_row(self._hhmm(p.at), p.place, p.findings)
            self.patrols.show_links(d.patrols)
            for e in d.events:
                self.events.add_row(self._hhmm(e.at), e.what, e.action_taken)
        else:
            for place in route:
                self.patrols.add_row("", place)
        if not self.patrols.rows:
            self.patrols.add_row()
        for edit, value in ((self.noon_expected, d.noon_expected), (self.noon_present, d.noon_present),
                            (self.night_expected, d.night_expected), (self.night_present, d.night_present)):  # fmt: skip
            edit.setText("" if value is None else str(value))
        self.chain_tabs()
        self.roll_call_note.setText(d.roll_call_note)
        self.handed_over.setText(d.handed_over)
        self.issues.setPlainText(d.issues)
        incoming = d.incoming_id if view else next_person
        if not select_id(self.incoming, incoming):
            self.incoming.setCurrentIndex(0)
        self._show_state()

    def _new_row(self, rows: EntryRows) -> None:
        first = rows.add_row()
        self.chain_tabs()
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def chain_tabs(self) -> None:
        """Tab walks the form top to bottom (rows are added after the rest was built)."""
        chain: list[QWidget] = [self.peaceful]
        for rows, button in ((self.patrols, self.add_patrol), (self.events, self.add_event)):
            for i, widgets in enumerate(rows.rows):
                chain += list(widgets)
                if i < len(rows.buttons):
                    chain.append(rows.buttons[i])
            chain.append(button)
        chain += [self.noon_expected, self.noon_present, self.night_expected, self.night_present,
                  self.roll_call_note, self.handed_over, self.issues, self.incoming, self.save_button,
                  self.out_pad, self.out_button, self.in_pad, self.in_button]  # fmt: skip
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    @staticmethod
    def _hhmm(at) -> str:
        from app.hazards.service import SCHOOL_TZ

        return at.astimezone(SCHOOL_TZ).strftime("%H:%M")

    def _show_state(self) -> None:
        v = self.view
        mine = self.shift is not None and self.my_staff_id == self.shift.staff_id
        signed_out = bool(v and v.outgoing_signature_id)
        signed_in = bool(v and v.incoming_signature_id)
        locked = bool(v and v.locked)
        editable = mine and not signed_out and not signed_in
        for w in (self.peaceful, self.add_patrol, self.add_event, self.incoming, self.save_button):
            w.setEnabled(editable)
        for e in (self.handed_over, self.roll_call_note, self.noon_expected, self.noon_present,
                  self.night_expected, self.night_present):  # fmt: skip
            e.setReadOnly(not editable)
        self.issues.setReadOnly(not editable)
        self.patrols.set_read_only(not editable)
        self.events.set_read_only(not editable)
        self.out_pad.setEnabled(mine and not signed_out)
        self.out_button.setEnabled(mine and not signed_out)
        self.in_pad.setEnabled(bool(v) and signed_out and not signed_in)
        self.in_button.setEnabled(bool(v) and signed_out and not signed_in)
        if locked:
            text = translate(
                "Handover", "Locked: both people signed on {when}; this handover can no longer be changed."
            ).format(when=v.acknowledged_at.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M"))  # fmt: skip
            style = "color: #1b6e2d; font-weight: 600; font-size: 12pt;"
        elif signed_out:
            text = translate(
                "Handover", "Signed by the outgoing person; waiting for the incoming one."
            )
            style = "color: #8a5a00; font-weight: 600;"
        elif v:
            text = translate("Handover", "Saved, not signed yet: it can still be changed.")
            style = "color: #5f6368;"
        elif mine:
            text = translate("Handover", "Not recorded yet. Your last patrol route is filled in.")
            style = "color: #5f6368;"
        else:
            text = translate(
                "Handover", "Not recorded yet. Only the person on this shift can record it."
            )
            style = "color: #a4262c;"
        self.state.setText(text)
        self.state.setStyleSheet(style)
        self.locked = locked
        if v:
            self._show_signatures(v)

    def _show_signatures(self, v: HandoverView) -> None:
        ws = self.ctx.workspace
        ids = (v.outgoing_signature_id, v.incoming_signature_id)

        def load():
            return [get_signature(ws, i) if i else None for i in ids]

        def show(sigs) -> None:
            for pad, sig in zip((self.out_pad, self.in_pad), sigs, strict=True):
                if sig is not None:
                    pad.set_strokes(sig.strokes)

        run_in_background(load, on_done=show, context=self, description="handover signatures")

    def _peaceful_toggled(self, on: bool) -> None:
        if not on and not self.events.rows and self.isEnabled():
            self.events.add_row()
            self.chain_tabs()

    # -- reading the form ------------------------------------------------------------

    def draft(self) -> HandoverDraft:
        """What the form says; a UserError for a time that cannot be read."""
        s = self.shift
        assert s is not None
        patrols = tuple(
            Patrol(on_shift(s.date, s.start_time, s.end_time, t), place, findings)
            for t, place, findings in self.patrols.filled()
        )
        events = tuple(
            Event(on_shift(s.date, s.start_time, s.end_time, t), what, action)
            for t, what, action in self.events.filled()
        )
        roll = self.roll_call.isVisible() or bool(self.duty and self.duty.roll_call)
        return HandoverDraft(
            peaceful=self.peaceful.isChecked(), patrols=patrols, events=events,
            handed_over=self.handed_over.text(), issues=self.issues.toPlainText(),
            incoming_id=combo_id(self.incoming),
            noon_expected=_count(self.noon_expected) if roll else None,
            noon_present=_count(self.noon_present) if roll else None,
            night_expected=_count(self.night_expected) if roll else None,
            night_present=_count(self.night_present) if roll else None,
            roll_call_note=self.roll_call_note.text() if roll else "",
        )  # fmt: skip

    # -- saving and signing ----------------------------------------------------------

    def _run(self, job: Callable[[], Any], notice: str) -> None:
        self.message.clear_message()

        def done(view: HandoverView) -> None:
            self.view = view
            self.message.show_notice(notice)
            self._reload_rows(view)
            self._show_state()
            self.saved.emit(view)

        run_in_background(
            job,
            on_done=done,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="handover",
        )

    def _reload_rows(self, view: HandoverView) -> None:
        self.patrols.clear_rows()
        for p in view.draft.patrols:
            self.patrols.add_row(self._hhmm(p.at), p.place, p.findings)
        self.patrols.show_links(view.draft.patrols)
        self.events.clear_rows()
        for e in view.draft.events:
            self.events.add_row(self._hhmm(e.at), e.what, e.action_taken)
        self.chain_tabs()

    def _draft_or_message(self) -> HandoverDraft | None:
        try:
            return self.draft()
        except UserError as e:
            self.message.show_error(friendly_message(e))
            return None

    def save(self) -> None:
        if self.shift is None or not self.save_button.isEnabled():
            return
        draft = self._draft_or_message()
        if draft is None:
            return
        ws, actor, sid = self.ctx.workspace, self.ctx.actor, self.shift.id
        self._run(lambda: record_handover(ws, actor, sid, draft), translate("Handover", "Saved."))

    def sign_outgoing(self) -> None:
        """Save what the form says, then add the outgoing signature (one step for the user)."""
        if self.shift is None or not self.out_button.isEnabled():
            return
        if self.out_pad.is_empty():
            self.message.show_error(translate("Handover", "Sign on the outgoing pad first."))
            return
        draft = self._draft_or_message()
        if draft is None:
            return
        ws, actor, shift = self.ctx.workspace, self.ctx.actor, self.shift
        strokes, png = self.out_pad.strokes(), self.out_pad.to_png()

        def job() -> HandoverView:
            view = record_handover(ws, actor, shift.id, draft)
            return sign_handover(ws, actor, view.id, shift.staff_id, strokes, png)

        self._run(job, translate("Handover", "Signed by {name}.").format(name=shift.staff_name))

    def sign_incoming(self) -> None:
        v = self.view
        if v is None or not self.in_button.isEnabled():
            return
        signer = v.incoming_id or combo_id(self.incoming)
        if signer is None:
            self.message.show_error(translate("Handover", "Choose the incoming person first."))
            return
        if self.in_pad.is_empty():
            self.message.show_error(translate("Handover", "Sign on the incoming pad first."))
            return
        ws, actor = self.ctx.workspace, self.ctx.actor
        strokes, png = self.in_pad.strokes(), self.in_pad.to_png()
        name = self.incoming.itemText(max(self.incoming.findData(str(signer)), 0))
        self._run(
            lambda: sign_handover(ws, actor, v.id, signer, strokes, png),
            translate("Handover", "Acknowledged and signed by {name}.").format(name=name),
        )

    def focus_first(self) -> None:
        self.peaceful.setFocus(Qt.FocusReason.OtherFocusReason)
