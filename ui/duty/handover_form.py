"""The handover form (交接班记录), made for a tired duty leader at 6 a.m.

Big fields, one column, and Tab walks it top to bottom: 平安 (Space
toggles), patrols (the route of the person's last handover is filled in;
type the times), events, roll call (boarding duties only), items handed
over, open issues, the incoming person; then the outgoing signature and its
button, then the incoming signature and its button. Ctrl+S saves, Ctrl+N
adds a patrol row, Ctrl+E an event row. Signing as outgoing saves the form
first. Once both have signed, everything is read-only.

Signatures are taken from 30 minutes before the shift ends
(:mod:`app.duty.shift_time`); before that the form shows when, and a field
for the reason of an early handover. The incoming person signs on the same
PC: unless they are the one signed in, they first confirm with their own
password or PIN (:mod:`ui.duty.identity_dialog`), and only then is their
pad open.

Threading: UI thread; saving and signing go through :mod:`ui.operations`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
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

from app.accounts.confirm import Confirmation, can_confirm, is_confirmed, no_login_error
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
from ui.duty.identity_dialog import IdentityDialog
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
        self.staff: dict[uuid.UUID, StaffView] = {}
        self.confirmation: Confirmation | None = None  # the incoming person's, once given
        self.dialog: IdentityDialog | None = None
        self.prefilled = False  # the patrol rows came from the person's last route
        self._showing = False

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
        self.incoming.currentIndexChanged.connect(lambda _i: self._incoming_changed())
        self.early_reason = QLineEdit()
        self.early_reason.setPlaceholderText(
            translate("Handover", "Only when handing over early: why (fell ill, called away …)")
        )
        self.early_label = QLabel(translate("Handover", "Early handover:"))
        for e in (self.noon_expected, self.noon_present, self.night_expected, self.night_present,
                  self.roll_call_note, self.handed_over, self.early_reason):  # fmt: skip
            e.returnPressed.connect(lambda e=e: e.focusNextChild())  # Enter moves on like Tab

        self.save_button = QPushButton(translate("Handover", "Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        self.out_pad = SignaturePad(placeholder=translate("Handover", "Outgoing person signs here"))
        self.in_pad = SignaturePad(placeholder=translate("Handover", "Incoming person signs here"))
        self.out_button = QPushButton(translate("Handover", "Sign as outgoing"))
        self.in_button = QPushButton(translate("Handover", "Acknowledge and sign as incoming"))
        self.confirm_button = QPushButton(
            translate("Handover", "Incoming person: confirm with password or PIN…")
        )
        for b in (self.out_button, self.in_button, self.save_button, self.confirm_button):
            b.setAutoDefault(True)
        self.out_button.clicked.connect(self.sign_outgoing)
        self.in_button.clicked.connect(self.sign_incoming)
        self.confirm_button.clicked.connect(self.confirm_incoming)
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
        form.addRow(self.early_label, self.early_reason)
        form.addRow("", self.save_button)
        signs = QHBoxLayout()
        for pad, buttons in ((self.out_pad, (self.out_button,)),
                             (self.in_pad, (self.confirm_button, self.in_button))):  # fmt: skip
            col = QVBoxLayout()
            col.addWidget(pad)
            for button in buttons:
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
        self._showing = True
        self.shift, self.duty, self.view, self.my_staff_id = shift, duty, view, my_staff_id
        self.staff = {m.id: m for m in staff}
        self.confirmation = None
        self.prefilled = False
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
            self.prefilled = bool(route)
        if not self.patrols.rows:
            self.patrols.add_row()
        for edit, value in ((self.noon_expected, d.noon_expected), (self.noon_present, d.noon_present),
                            (self.night_expected, d.night_expected), (self.night_present, d.night_present)):  # fmt: skip
            edit.setText("" if value is None else str(value))
        self.chain_tabs()
        self.roll_call_note.setText(d.roll_call_note)
        self.handed_over.setText(d.handed_over)
        self.issues.setPlainText(d.issues)
        self.early_reason.setText(d.early_reason)
        incoming = d.incoming_id if view else next_person
        if not select_id(self.incoming, incoming):
            self.incoming.setCurrentIndex(0)
        self._showing = False
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
                  self.roll_call_note, self.handed_over, self.issues, self.incoming,
                  self.early_reason, self.save_button, self.out_pad, self.out_button,
                  self.in_pad, self.confirm_button, self.in_button]  # fmt: skip
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    @staticmethod
    def _hhmm(at) -> str:
        from app.hazards.service import SCHOOL_TZ

        return at.astimezone(SCHOOL_TZ).strftime("%H:%M")

    def incoming_id(self) -> uuid.UUID | None:
        """The incoming person: the one the record names, else the one chosen."""
        return (self.view.incoming_id if self.view else None) or combo_id(self.incoming)

    def _incoming_changed(self) -> None:
        if not self._showing and self.shift is not None:
            self._show_state()

    def _show_state(self) -> None:
        v = self.view
        mine = self.shift is not None and self.my_staff_id == self.shift.staff_id
        signed_out = bool(v and v.outgoing_signature_id)
        signed_in = bool(v and v.incoming_signature_id)
        locked = bool(v and v.locked)
        editable = mine and not signed_out and not signed_in
        for w in (self.peaceful, self.add_patrol, self.add_event, self.save_button):
            w.setEnabled(editable)
        # Still choosable after the outgoing signature when the record named nobody.
        self.incoming.setEnabled(editable or (signed_out and not signed_in and not v.incoming_id))
        for e in (self.handed_over, self.roll_call_note, self.noon_expected, self.noon_present,
                  self.night_expected, self.night_present, self.early_reason):  # fmt: skip
            e.setReadOnly(not editable)
        self.issues.setReadOnly(not editable)
        self.patrols.set_read_only(not editable)
        self.events.set_read_only(not editable)
        now = datetime.now(UTC)
        early = self.shift is not None and now < self.shift.handover_opens_at
        self.early_reason.setVisible(early or bool(self.early_reason.text()))
        self.early_label.setVisible(self.early_reason.isVisibleTo(self))
        self.out_pad.setEnabled(mine and not signed_out)
        self.out_button.setEnabled(mine and not signed_out)
        # The incoming person's pad opens once they are who they say: signed in, or confirmed.
        waiting = bool(v) and signed_out and not signed_in
        incoming = self.incoming_id()
        incoming_is_me = incoming is not None and incoming == self.my_staff_id
        person = self.staff.get(incoming) if incoming else None
        confirmed = person is not None and is_confirmed(self.confirmation, person.user_id)
        self.confirm_button.setVisible(not incoming_is_me)
        self.confirm_button.setEnabled(waiting and incoming is not None and not confirmed)
        self.in_pad.setEnabled(waiting and (incoming_is_me or confirmed))
        self.in_button.setEnabled(waiting and (incoming_is_me or confirmed))
        if locked:
            text = translate(
                "Handover", "Locked: both people signed on {when}; this handover can no longer be changed."
            ).format(when=v.acknowledged_at.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M"))  # fmt: skip
            style = "color: #1b6e2d; font-weight: 600; font-size: 12pt;"
        elif signed_out and confirmed:
            text = translate("Handover", "{name} has confirmed: sign on the incoming pad.").format(
                name=person.name
            )
            style = "color: #8a5a00; font-weight: 600;"
        elif signed_out:
            text = translate(
                "Handover", "Signed by the outgoing person; waiting for the incoming one."
            )
            if not incoming_is_me:
                text += " " + translate(
                    "Handover", "The incoming person first confirms with their own password or PIN."
                )
            style = "color: #8a5a00; font-weight: 600;"
        elif v:
            text = translate("Handover", "Saved, not signed yet: it can still be changed.")
            style = "color: #5f6368;"
        elif mine and self.prefilled:
            text = translate("Handover", "Not recorded yet. Your last patrol route is filled in.")
            style = "color: #5f6368;"
        elif mine:
            text = translate("Handover", "Not recorded yet.")
            style = "color: #5f6368;"
        else:
            text = translate(
                "Handover", "Not recorded yet. Only the person on this shift can record it."
            )
            style = "color: #a4262c;"
        if early and not locked and self.shift is not None:
            text += " " + translate(
                "Handover",
                "Signing opens at {time}, 30 minutes before the shift ends; "
                "to hand over earlier, write why under Early handover.",
            ).format(time=f"{self.shift.handover_opens_at:%H:%M}")
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
            early_reason=self.early_reason.text(),
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

    def confirm_incoming(self) -> None:
        """Ask the incoming person for their own password or PIN (a small dialog)."""
        v = self.view
        if v is None or not self.confirm_button.isEnabled():
            return
        signer = self.incoming_id()
        if signer is None:
            self.message.show_error(translate("Handover", "Choose the incoming person first."))
            return
        person = self.staff.get(signer)
        name = person.name if person else self.incoming.currentText()
        user_id = person.user_id if person else None
        ws = self.ctx.workspace
        self.message.clear_message()

        def open_dialog(has_login: bool) -> None:
            if not has_login:  # nothing to type a PIN into: say so and what to do
                self.message.show_error(friendly_message(no_login_error(name)))
                return
            dialog = IdentityDialog(self, ws, user_id, name)
            self.dialog = dialog
            dialog.confirmed.connect(self._confirmed)
            dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
            dialog.open()

        run_in_background(
            lambda: can_confirm(ws, user_id),
            on_done=open_dialog,
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="incoming person's sign-in",
        )

    def _confirmed(self, confirmation: Confirmation) -> None:
        self.confirmation = confirmation
        self._show_state()
        self.in_pad.setFocus(Qt.FocusReason.OtherFocusReason)

    def sign_incoming(self) -> None:
        v = self.view
        if v is None or not self.in_button.isEnabled():
            return
        self._show_state()  # a confirmation past its 10 minutes no longer opens the pad
        if not self.in_button.isEnabled():
            self.message.show_error(
                translate("Handover", "The confirmation has expired: confirm again, then sign.")
            )
            return
        signer = self.incoming_id()
        if signer is None:
            self.message.show_error(translate("Handover", "Choose the incoming person first."))
            return
        if self.in_pad.is_empty():
            self.message.show_error(translate("Handover", "Sign on the incoming pad first."))
            return
        ws, actor, confirmation = self.ctx.workspace, self.ctx.actor, self.confirmation
        strokes, png = self.in_pad.strokes(), self.in_pad.to_png()
        name = self.incoming.itemText(max(self.incoming.findData(str(signer)), 0))
        self._run(
            lambda: sign_handover(ws, actor, v.id, signer, strokes, png, confirmation=confirmation),
            translate("Handover", "Acknowledged and signed by {name}.").format(name=name),
        )

    def focus_first(self) -> None:
        self.peaceful.setFocus(Qt.FocusReason.OtherFocusReason)
