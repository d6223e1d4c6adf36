"""The quick incident report form and the small dialogs behind the report
buttons. They only collect what the user enters; the page runs the service,
and a refusal comes back into the dialog's message line with nothing saved.

Keyboard: Tab moves through the fields, Enter saves (Ctrl+Enter inside a text
box), Esc cancels. Threading: UI thread.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.incidents.labels import CATEGORY_LABELS, PERSON_ROLE_LABELS, SEVERITY_LABELS
from app.incidents.service import IncidentDraft, PersonDraft
from ui.common.fields import text_box
from ui.common.message_label import MessageLabel
from ui.i18n import app_text, translate

BEIJING = QTimeZone(b"Asia/Shanghai")


def _time_edit(at: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(at.timestamp()), BEIJING))
    edit.setTimeZone(BEIJING)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


class _Form(QDialog):
    """OK asks the page to save (``submitted``); the dialog closes only once it has."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.setMinimumWidth(480)

    def finish(self, *extra: QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for w in extra:
            layout.addWidget(w)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        self.message.clear_message()
        self.buttons.setEnabled(False)
        self.submitted.emit()

    def saved(self) -> None:
        super().accept()

    def show_error(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.message.show_error(text)


class IncidentEditor(_Form):
    """Report a new incident fast: what, where, when found, what was done, who."""

    def __init__(self, parent: QWidget | None, now: datetime) -> None:
        super().__init__(parent, translate("Incidents", "Report an incident"))
        self.category = QComboBox()
        for key, text in CATEGORY_LABELS.items():
            self.category.addItem(app_text(text), key)
        self.severity = QComboBox()
        for key, text in SEVERITY_LABELS.items():
            self.severity.addItem(app_text(text), key)
        self.discovered = _time_edit(now)
        self.place = QLineEdit()
        self.place.setPlaceholderText(translate("Incidents", "e.g. playground, Grade 3 classroom"))
        self.description = text_box(translate("Incidents", "What happened, in a few sentences"), 64)
        self.actions = text_box(translate("Incidents", "First aid, calls made, area closed…"), 64)
        self.people = QTableWidget(0, 4)
        self.people.setHorizontalHeaderLabels(
            [
                translate("Incidents", "Name"),
                translate("Incidents", "Role"),
                translate("Incidents", "Minor"),
                translate("Incidents", "Injury"),
            ]
        )
        self.people.horizontalHeader().setStretchLastSection(True)
        self.people.verticalHeader().hide()
        self.people.setFixedHeight(120)
        self.add_person_button = QPushButton(translate("Incidents", "Add a person"))
        self.add_person_button.setAutoDefault(False)
        self.add_person_button.clicked.connect(lambda: self.add_person())

        self.form.addRow(translate("Incidents", "Kind"), self.category)
        self.form.addRow(translate("Incidents", "Severity"), self.severity)
        self.form.addRow(translate("Incidents", "Discovered at"), self.discovered)
        self.form.addRow(translate("Incidents", "Place"), self.place)
        self.form.addRow(translate("Incidents", "What happened"), self.description)
        self.form.addRow(translate("Incidents", "Immediate actions"), self.actions)
        people_box = QVBoxLayout()
        people_box.addWidget(self.people)
        row = QHBoxLayout()
        row.addWidget(self.add_person_button)
        row.addStretch(1)
        people_box.addLayout(row)
        self.form.addRow(translate("Incidents", "People involved"), people_box)
        self.finish()
        self.setMinimumWidth(620)
        self.place.setFocus()

    def add_person(self, name: str = "", role: str = "student", minor: bool = True,
                   injury: str = "") -> None:  # fmt: skip
        r = self.people.rowCount()
        self.people.insertRow(r)
        self.people.setCellWidget(r, 0, QLineEdit(name))
        roles = QComboBox()
        for key, text in PERSON_ROLE_LABELS.items():
            roles.addItem(app_text(text), key)
        roles.setCurrentIndex(roles.findData(role))
        self.people.setCellWidget(r, 1, roles)
        box = QCheckBox()
        box.setChecked(minor)
        self.people.setCellWidget(r, 2, box)
        self.people.setCellWidget(r, 3, QLineEdit(injury))
        self.people.cellWidget(r, 0).setFocus()

    def draft(self) -> IncidentDraft:
        people = []
        for r in range(self.people.rowCount()):
            name = self.people.cellWidget(r, 0).text()
            injury = self.people.cellWidget(r, 3).text()
            if not name.strip() and not injury.strip():
                continue  # an empty row added by mistake
            people.append(
                PersonDraft(
                    name,
                    self.people.cellWidget(r, 1).currentData(),
                    self.people.cellWidget(r, 2).isChecked(),
                    injury,
                )
            )
        return IncidentDraft(
            category=self.category.currentData(),
            severity=self.severity.currentData(),
            place=self.place.text(),
            description=self.description.toPlainText(),
            immediate_actions=self.actions.toPlainText(),
            discovered_at=_utc(self.discovered),
            people=people,
        )


class ReportDialog(_Form):
    """Log a phone, written or follow-up report: when it was made, to whom, what was said."""

    def __init__(self, parent: QWidget | None, title: str, now: datetime, *,
                 summary_needed: bool) -> None:  # fmt: skip
        super().__init__(parent, title)
        self.at = _time_edit(now)
        self.to_whom = QLineEdit()
        self.to_whom.setPlaceholderText(translate("Incidents", "e.g. district education bureau"))
        self.summary = text_box(
            translate("Incidents", "What was reported")
            if summary_needed
            else translate("Incidents", "Optional"),
            64,
        )
        self.form.addRow(translate("Incidents", "Reported at"), self.at)
        self.form.addRow(translate("Incidents", "Reported to"), self.to_whom)
        self.form.addRow(translate("Incidents", "Summary"), self.summary)
        self.finish()
        self.to_whom.setFocus()

    def values(self) -> dict:
        return {
            "at": _utc(self.at),
            "to_whom": self.to_whom.text(),
            "summary": self.summary.toPlainText(),
        }


class PersonDialog(_Form):
    """Someone found to be involved after the incident was reported."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, translate("Incidents", "Add a person"))
        self.name = QLineEdit()
        self.role = QComboBox()
        for key, text in PERSON_ROLE_LABELS.items():
            self.role.addItem(app_text(text), key)
        self.minor = QCheckBox(translate("Incidents", "Minor"))
        self.minor.setChecked(True)
        self.injury = QLineEdit()
        self.form.addRow(translate("Incidents", "Name"), self.name)
        self.form.addRow(translate("Incidents", "Role"), self.role)
        self.form.addRow("", self.minor)
        self.form.addRow(translate("Incidents", "Injury"), self.injury)
        self.finish()
        self.name.setFocus()

    def person(self) -> PersonDraft:
        return PersonDraft(
            self.name.text(), self.role.currentData(), self.minor.isChecked(), self.injury.text()
        )


class CloseDialog(_Form):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, translate("Incidents", "Close the incident"))
        self.note = text_box(translate("Incidents", "How it was dealt with and what follows"), 96)
        self.form.addRow(translate("Incidents", "Closing note"), self.note)
        self.finish()
        self.note.setFocus()
