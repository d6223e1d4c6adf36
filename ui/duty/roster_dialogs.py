"""Dialogs of the roster page: generate a rotation, add a duty type, mark a holiday.

They only collect what the user enters; the page runs the service and shows
its answer. Enter accepts, Esc cancels. UI thread.
"""

from __future__ import annotations

import uuid
from datetime import date, time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.duty.roster import DAYS, DutyKind, DutyTypeView
from app.staff.service import StaffView
from ui.common.fields import date_edit, pydate
from ui.common.message_label import MessageLabel
from ui.duty.labels import DAYS_RULE, hours, kind_label
from ui.i18n import translate


def combo_id(combo: QComboBox) -> uuid.UUID | None:
    """The id behind a combo's current item (ids are kept as text: Qt compares text by value)."""
    value = combo.currentData()
    return uuid.UUID(value) if value else None


def select_id(combo: QComboBox, row_id: uuid.UUID | None) -> bool:
    index = combo.findData(str(row_id)) if row_id else -1
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0


class _Form(QDialog):
    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(440)

    def finish(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)


class RotationDialog(_Form):
    """Duty type, date range and the people who take turns (all ticked to begin with).

    Space ticks a person; people on leave are skipped by the rotation and the
    duty's day rule follows the holidays the school marked.
    """

    def __init__(
        self, parent: QWidget | None, types: list[DutyTypeView], staff: list[StaffView],
        start: date, end: date,
    ) -> None:  # fmt: skip
        super().__init__(parent, translate("Duty", "Generate a rotation"))
        self.duty = QComboBox()
        for t in types:
            self.duty.addItem(f"{t.name}（{hours(t.start_time, t.end_time)}）", str(t.id))
        self.start = date_edit(start)
        self.end = date_edit(end)
        self.people = QListWidget()
        self.people.setMinimumHeight(180)
        for m in staff:
            item = QListWidgetItem(f"{m.name}　{m.post}".strip())
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people.itemActivated.connect(self._toggle)
        self.replace = QCheckBox(translate("Duty", "Replace this duty's shifts in these dates"))
        hint = QLabel(
            translate(
                "Duty",
                "Turns are shared out evenly. People on leave are skipped; "
                "marked holidays count as rest days.",
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        f = self.form
        f.addRow(translate("Duty", "Duty:"), self.duty)
        f.addRow(translate("Duty", "From:"), self.start)
        f.addRow(translate("Duty", "To:"), self.end)
        f.addRow(translate("Duty", "People (Space ticks):"), self.people)
        f.addRow("", self.replace)
        f.addRow(hint)
        self.finish()

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def tick(self, names: list[str]) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            on = item.text().split("　")[0] in names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen_people(self) -> list:
        return [
            self.people.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> dict:
        return {
            "duty_type_id": combo_id(self.duty),
            "start": pydate(self.start.date()),
            "end": pydate(self.end.date()),
            "staff_ids": self.chosen_people(),
            "replace": self.replace.isChecked(),
        }


class DutyTypeDialog(_Form):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, translate("Duty", "Add a duty type"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(translate("Duty", "e.g. 值宿"))
        self.kind = QComboBox()
        for k in DutyKind:
            self.kind.addItem(kind_label(k), k.value)
        self.start_time = QTimeEdit(QTime(20, 0))
        self.end_time = QTimeEdit(QTime(6, 30))
        for t in (self.start_time, self.end_time):
            t.setDisplayFormat("HH:mm")
        self.days = QComboBox()
        for d in DAYS:
            self.days.addItem(translate("Duty", DAYS_RULE[d]), d)
        self.required = QCheckBox(translate("Duty", "Must be covered every day it is stood"))
        self.required.setChecked(True)
        self.roll_call = QCheckBox(translate("Duty", "Boarding roll call at handover"))
        f = self.form
        f.addRow(translate("Duty", "Name:"), self.name)
        f.addRow(translate("Duty", "Kind:"), self.kind)
        f.addRow(translate("Duty", "Starts:"), self.start_time)
        f.addRow(translate("Duty", "Ends:"), self.end_time)
        f.addRow(translate("Duty", "Days:"), self.days)
        f.addRow("", self.required)
        f.addRow("", self.roll_call)
        self.finish()

    def values(self) -> dict:
        s, e = self.start_time.time(), self.end_time.time()
        return {
            "name": self.name.text(),
            "kind": self.kind.currentData(),
            "start_time": time(s.hour(), s.minute()),
            "end_time": time(e.hour(), e.minute()),
            "days": self.days.currentData(),
            "required": self.required.isChecked(),
            "roll_call": self.roll_call.isChecked(),
        }


class HolidayDialog(_Form):
    def __init__(self, parent: QWidget | None, today: date) -> None:
        super().__init__(parent, translate("Duty", "Mark a holiday"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(translate("Duty", "e.g. 国庆节"))
        self.start = date_edit(today)
        self.end = date_edit(today)
        self.form.addRow(translate("Duty", "Name:"), self.name)
        self.form.addRow(translate("Duty", "From:"), self.start)
        self.form.addRow(translate("Duty", "To:"), self.end)
        self.finish()

    def values(self) -> tuple[str, date, date]:
        return self.name.text(), pydate(self.start.date()), pydate(self.end.date())
