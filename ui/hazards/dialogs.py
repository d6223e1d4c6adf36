"""Dialogs of the ledger's actions. They only collect what the user enters;
the page runs the service and shows its answer (a refusal lands in the page's
message area, and nothing changes).

Threading: UI thread. The rectification dialog adds evidence photos to the
store in the background (:class:`ui.common.photo_strip.PhotoStrip`).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.hazards.monitoring import CONDITIONS
from app.hazards.service import HazardPlan
from app.inspections.people import PersonChoice
from ui.common.fields import text_box
from ui.common.message_label import MessageLabel
from ui.common.photo_strip import PhotoStrip
from ui.context import AppContext
from ui.hazards.labels import condition_label
from ui.i18n import role_label, translate


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
        self.setMinimumWidth(460)

    def finish(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)


class PlanDialog(_Form):
    """The "five in place": responsible person, measures, funds, deadline, interim safeguard."""

    def __init__(self, parent: QWidget | None, people: list[PersonChoice], today: date) -> None:
        super().__init__(parent, translate("Hazards", "Rectification plan"))
        self.responsible = QComboBox()
        for p in people:
            self.responsible.addItem(f"{p.name}（{role_label(p.role)}）", p.id)
        self.deadline = QDateEdit(QDate(today.year, today.month, today.day).addDays(7))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.measures = text_box(translate("Hazards", "What will be done, step by step"))
        self.safeguard = text_box(
            translate("Hazards", "How people are kept safe until it is fixed")
        )
        self.funds = QLineEdit()
        self.funds.setPlaceholderText(translate("Hazards", "yuan, e.g. 1200.50"))
        self.funds_source = QLineEdit()
        self.funds_source.setPlaceholderText(translate("Hazards", "e.g. school public funds"))
        f = self.form
        f.addRow(translate("Hazards", "Responsible person:"), self.responsible)
        f.addRow(translate("Hazards", "Measures:"), self.measures)
        f.addRow(translate("Hazards", "Funds (yuan):"), self.funds)
        f.addRow(translate("Hazards", "Source of funds:"), self.funds_source)
        f.addRow(translate("Hazards", "Deadline:"), self.deadline)
        f.addRow(translate("Hazards", "Interim safeguard:"), self.safeguard)
        self.finish()

    def plan(self) -> HazardPlan:
        d = self.deadline.date()
        return HazardPlan(
            responsible_id=self.responsible.currentData(),
            deadline=date(d.year(), d.month(), d.day()),
            measures=self.measures.toPlainText(),
            interim_safeguard=self.safeguard.toPlainText(),
            funds_yuan=self.funds.text().strip() or None,
            funds_source=self.funds_source.text(),
        )


class NoteDialog(_Form):
    """One note: starting work, a re-check, or why the school cannot fix it."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, hint: str = "") -> None:
        super().__init__(parent, title)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            self.form.addRow(label)
        self.note = text_box()
        self.form.addRow(prompt, self.note)
        self.finish()

    def text(self) -> str:
        return self.note.toPlainText()


class RectifyDialog(_Form):
    """What was done, with at least one evidence photo."""

    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent, translate("Hazards", "Mark as fixed"))
        self.note = text_box(translate("Hazards", "What was done to fix it"))
        self.photos = PhotoStrip(ctx)
        self.photos.editable = True
        self.photos.import_failed.connect(self.message.show_error)
        self.photos.imported.connect(lambda refs, _tag: self.photos.add_refs(refs))
        add_files = QPushButton(translate("Hazards", "Add photos…"))
        add_folder = QPushButton(translate("Hazards", "Add a folder…"))
        add_files.clicked.connect(lambda: self.photos.choose_files())
        add_folder.clicked.connect(lambda: self.photos.choose_folder())
        row = QHBoxLayout()
        row.addWidget(add_files)
        row.addWidget(add_folder)
        row.addStretch(1)
        self.form.addRow(translate("Hazards", "What was done:"), self.note)
        self.form.addRow(translate("Hazards", "Evidence photos:"), self.photos)
        self.form.addRow("", row)
        self.finish()

    def text(self) -> str:
        return self.note.toPlainText()


class MonitorDialog(_Form):
    """One of the twice-daily monitoring entries of a major hazard."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, translate("Hazards", "Monitoring entry"))
        self.observation = text_box(translate("Hazards", "What you saw and measured"))
        self.condition = QComboBox()
        for c in CONDITIONS:
            self.condition.addItem(condition_label(c), c)
        self.form.addRow(translate("Hazards", "Observation:"), self.observation)
        self.form.addRow(translate("Hazards", "Condition:"), self.condition)
        self.finish()
