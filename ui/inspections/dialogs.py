"""Dialogs of the inspections page: start an inspection, finalize (grade each failed
item, confirm, sign), countersign, start a correction.

They only collect entries; the page runs the service. The new-inspection
dialog reads the checklist catalog and the people who can be named in the
background when it opens.

Threading: UI thread; reads go through :mod:`ui.operations`.
"""

from __future__ import annotations

import dataclasses
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.hazards.service import GRADES
from app.inspections.people import PersonChoice, active_people
from app.inspections.service import KINDS
from app.inspections.templates import TemplateCatalog, catalog
from ui.common.message_label import MessageLabel
from ui.common.signature_pad import SignaturePad
from ui.context import AppContext
from ui.hazards.labels import severity_label
from ui.i18n import role_label, translate
from ui.inspections.model import kind_label
from ui.operations import run_in_background
from ui.oversight.panel import bureau_updated

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _checked(widget: QListWidget) -> list:
    return [
        widget.item(i).data(CODE_ROLE)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _bureau_updates(ws) -> dict:
    """Worker thread: template code -> (version, when the bureau published it)."""
    from app.oversight.service import template_updates

    return template_updates(ws)


class NewInspectionDialog(QDialog):
    """Kind, checklists (those for the kind are ticked), place, zone and fellow inspectors."""

    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(translate("Inspections", "New inspection"))
        self.setMinimumWidth(520)
        self.catalog: TemplateCatalog | None = None
        self.updates: dict = {}  # template code -> (version, when the bureau published it)
        self.ready = False
        self.kind = QComboBox()
        for key in KINDS:
            self.kind.addItem(kind_label(key), key)
        self.templates = QListWidget()
        self.templates.setMinimumHeight(180)
        self.place = QLineEdit()
        self.place.setPlaceholderText(translate("Inspections", "e.g. teaching building"))
        self.zone = QLineEdit()
        self.zone.setPlaceholderText(translate("Inspections", "responsibility zone, if any"))
        self.inspectors = QListWidget()
        self.inspectors.setMinimumHeight(120)
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(translate("Inspections", "Kind:"), self.kind)
        form.addRow(translate("Inspections", "Checklists:"), self.templates)
        form.addRow(translate("Inspections", "Place:"), self.place)
        form.addRow(translate("Inspections", "Zone:"), self.zone)
        form.addRow(translate("Inspections", "Inspecting with:"), self.inspectors)
        self.buttons = _buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_templates())

        ws, actor = ctx.workspace, ctx.actor
        run_in_background(
            lambda: (catalog(ws.data_dir), active_people(ws, actor), _bureau_updates(ws)),
            on_done=lambda r: self._loaded(*r),
            on_error=lambda msg, _e: self.message.show_error(msg),
            context=self,
            description="checklists and people",
        )

    def _loaded(
        self, cat: TemplateCatalog, people: list[PersonChoice], updates: dict | None = None
    ) -> None:
        self.catalog = cat
        self.updates = updates or {}
        for p in people:
            if p.id == self.ctx.actor.user_id:
                continue
            item = QListWidgetItem(f"{p.name}（{role_label(p.role)}）")
            item.setData(CODE_ROLE, p.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.inspectors.addItem(item)
        self._fill_templates()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.ready = True

    def _fill_templates(self) -> None:
        if self.catalog is None:
            return
        kind = self.kind.currentData()
        self.templates.clear()
        ordered = sorted(
            self.catalog.templates.values(), key=lambda t: (kind not in t.kinds, t.code)
        )
        for t in ordered:
            text = f"{t.title}（{len(t.items)}）"
            update = self.updates.get(t.code)
            if update is not None and update[0] == t.version:
                text += " — " + bureau_updated(update[1])
            item = QListWidgetItem(text)
            item.setData(CODE_ROLE, t.code)
            item.setToolTip(t.basis)
            item.setCheckState(
                Qt.CheckState.Checked if kind in t.kinds else Qt.CheckState.Unchecked
            )
            self.templates.addItem(item)

    def choose_templates(self, codes: list[str]) -> None:
        for i in range(self.templates.count()):
            item = self.templates.item(i)
            on = item.data(CODE_ROLE) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def entries(self) -> dict:
        return {
            "kind": self.kind.currentData(),
            "template_codes": _checked(self.templates),
            "place": self.place.text(),
            "zone": self.zone.text(),
            "inspector_ids": [uuid.UUID(str(i)) for i in _checked(self.inspectors)],
        }


@dataclasses.dataclass(frozen=True)
class FailedItem:
    """A failed item as the finalize dialog lists it, with the grade offered first."""

    answer_id: uuid.UUID
    number: int
    text: str
    note: str
    spot: str
    grade: str  # general | major


def _signing_pad(placeholder: str) -> tuple[SignaturePad, QPushButton]:
    pad = SignaturePad(placeholder=placeholder)
    pad.setFixedHeight(130)
    clear = QPushButton(translate("Inspections", "Clear the signature"))
    clear.clicked.connect(pad.clear)
    return pad, clear


class FinalizeDialog(QDialog):
    """The inspector grades each failed item, confirms the answers and signs on the pad.

    OK only once the box is ticked and the pad holds a signature.
    """

    def __init__(
        self, parent: QWidget | None, name: str, items: int, failed: list[FailedItem]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Inspections", "Finalize the inspection"))
        self.setMinimumWidth(560)
        text = QLabel(
            translate(
                "Inspections",
                "{items} items answered, {failed} failed. Each failed item goes into the "
                "hazard ledger (or joins the open hazard already found there). "
                "After finalizing, this record can no longer be changed.",
            ).format(items=items, failed=len(failed))
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        self.grades: dict[uuid.UUID, QComboBox] = {}
        if failed:
            layout.addWidget(
                QLabel(translate("Inspections", "Grade each failed item as the bureau does:"))
            )
            rows = QWidget()
            grid = QGridLayout(rows)
            grid.setContentsMargins(0, 0, 0, 0)
            for r, item in enumerate(failed):
                what = QLabel(f"{item.number}. {item.note}（{item.spot}）" if item.spot
                              else f"{item.number}. {item.note}")  # fmt: skip
                what.setToolTip(item.text)
                what.setWordWrap(True)
                grade = QComboBox()
                for key in GRADES:
                    grade.addItem(severity_label(key), key)
                grade.setCurrentIndex(max(0, grade.findData(item.grade)))
                grade.setAccessibleName(
                    translate("Inspections", "Grade of item {n}").format(n=item.number)
                )
                self.grades[item.answer_id] = grade
                grid.addWidget(what, r, 0)
                grid.addWidget(grade, r, 1)
            grid.setColumnStretch(0, 1)
            scroll = QScrollArea()
            scroll.setWidget(rows)
            scroll.setWidgetResizable(True)
            scroll.setMaximumHeight(150)
            layout.addWidget(scroll)
            hint = QLabel(
                translate(
                    "Inspections",
                    "A major hazard is watched at least twice a day until it is fixed.",
                )
            )
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.note = QLineEdit()
        self.note.setPlaceholderText(translate("Inspections", "Overall note (optional)"))
        layout.addWidget(self.note)
        self.pad, self.clear_button = _signing_pad(translate("Inspections", "Inspector signs here"))
        layout.addWidget(self.pad)
        pad_row = QHBoxLayout()
        pad_row.addStretch(1)
        pad_row.addWidget(self.clear_button)
        layout.addLayout(pad_row)
        self.confirm = QCheckBox(
            translate("Inspections", "I, {name}, carried out this inspection and confirm the answers.")
            .format(name=name)
        )  # fmt: skip
        layout.addWidget(self.confirm)
        self.buttons = _buttons(self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(translate("Inspections", "Finalize"))
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(lambda _on: self._update())
        self.pad.changed.connect(self._update)
        layout.addWidget(self.buttons)

    def _update(self) -> None:
        self.ok.setEnabled(self.confirm.isChecked() and not self.pad.is_empty())

    def chosen_grades(self) -> dict[uuid.UUID, str]:
        return {answer_id: combo.currentData() for answer_id, combo in self.grades.items()}


class CountersignDialog(QDialog):
    """The principal countersigns a finalized inspection on the pad."""

    def __init__(self, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Inspections", "Countersign the inspection"))
        self.setMinimumWidth(520)
        text = QLabel(
            translate(
                "Inspections",
                "{name} countersigns “{title}”. The signature prints in the principal's "
                "box of the inspection form; the record itself does not change.",
            ).format(name=name, title=title)
        )
        text.setWordWrap(True)
        self.pad, self.clear_button = _signing_pad(translate("Inspections", "Principal signs here"))
        self.buttons = _buttons(self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(translate("Inspections", "Countersign"))
        self.ok.setEnabled(False)
        self.pad.changed.connect(lambda: self.ok.setEnabled(not self.pad.is_empty()))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        layout.addWidget(self.buttons)


class CorrectionDialog(QDialog):
    """Why a finalized inspection is being corrected."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Inspections", "Start a correction"))
        self.setMinimumWidth(460)
        text = QLabel(
            translate(
                "Inspections",
                "A correction is a new inspection with the same answers that refers to this "
                "one; the finalized record stays as it is.",
            )
        )
        text.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Inspections", "What is being corrected"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(_buttons(self))
