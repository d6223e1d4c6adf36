"""Rows of line edits for patrols and events: Tab walks them, no table editing to learn.

Each row is a time (``HH:MM``, typed as four digits), a place or what
happened, and findings or the action taken. Times are read as the shift's
local time; on an overnight shift a time before the start is the next
morning. UI thread.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import UserError
from app.hazards.service import SCHOOL_TZ
from app.i18n import QT_TRANSLATE_NOOP
from ui.i18n import translate


def time_field() -> QLineEdit:
    edit = QLineEdit()
    edit.setInputMask("99:99")
    edit.setFixedWidth(90)
    edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return edit


def read_time(text: str) -> time | None:
    """``"21:30"`` -> 21:30; ``":"`` (empty mask) -> None; anything else -> UserError."""
    digits = text.replace(":", "").strip()
    if not digits:
        return None
    try:
        hh, mm = text.split(":")
        return time(int(hh), int(mm))
    except ValueError:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Write each time as hours:minutes, for example 21:30.")
        ) from None


def on_shift(day: date, start: time, end: time, t: time) -> datetime:
    """The moment ``t`` falls on during a shift that starts on ``day``."""
    overnight = end <= start
    d = day + timedelta(days=1) if overnight and t < start else day
    return datetime.combine(d, t, SCHOOL_TZ)


class EntryRows(QWidget):
    """Rows of (time, main text, second text); ``hazard_requested(patrol_id)`` on a row's button."""

    hazard_requested = Signal(object)

    def __init__(self, headers: tuple[str, str, str], *, hazard_buttons: bool = False) -> None:
        super().__init__()
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        self.buttons: list[QPushButton] = []
        self.patrol_ids: list[uuid.UUID | None] = []
        self._hazard_buttons = hazard_buttons
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for col, text in enumerate(headers):
            label = QLabel(text)
            label.setObjectName("hint")
            self.grid.addWidget(label, 0, col)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 3)

    def add_row(self, when: str = "", main: str = "", other: str = "") -> QLineEdit:
        at, first, second = time_field(), QLineEdit(main), QLineEdit(other)
        if when:
            at.setText(when)
        r = len(self.rows) + 1
        for col, w in enumerate((at, first, second)):
            # Enter moves on like Tab: one key for a tired hand.
            w.returnPressed.connect(lambda w=w: w.focusNextChild())
            self.grid.addWidget(w, r, col)
            w.show()  # at once, so the new row can take focus now
        self.rows.append((at, first, second))
        self.patrol_ids.append(None)
        if self._hazard_buttons:
            button = QPushButton(translate("Handover", "To hazard ledger"))
            button.setEnabled(False)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            index = len(self.buttons)
            button.clicked.connect(lambda: self.hazard_requested.emit(self.patrol_ids[index]))
            self.grid.addWidget(button, r, 3)
            self.buttons.append(button)
        return at

    def clear_rows(self) -> None:
        for widgets in self.rows:
            for w in widgets:
                w.deleteLater()
        for b in self.buttons:
            b.deleteLater()
        self.rows, self.buttons, self.patrol_ids = [], [], []

    def filled(self) -> list[tuple[time | None, str, str]]:
        """Rows with a main text, in order; a row with only a time is an error."""
        out = []
        for at, first, second in self.rows:
            t = read_time(at.text())
            if first.text().strip():
                if t is None:
                    raise UserError(
                        QT_TRANSLATE_NOOP("app", "Enter the time of {what}."),
                        what=first.text().strip(),
                    )
                out.append((t, first.text(), second.text()))
        return out

    def set_read_only(self, read_only: bool) -> None:
        for widgets in self.rows:
            for w in widgets:
                w.setReadOnly(read_only)

    def show_links(self, patrols) -> None:
        """Enable the hazard button of each saved patrol that found something."""
        for i, p in enumerate(patrols):
            if i >= len(self.buttons):
                break
            self.patrol_ids[i] = p.id
            linked = p.hazard_id is not None
            self.buttons[i].setText(
                translate("Handover", "In the hazard ledger")
                if linked
                else translate("Handover", "To hazard ledger")
            )
            self.buttons[i].setEnabled(bool(p.findings.strip()) and not linked)
