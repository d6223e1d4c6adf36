"""Dialogs of the grid page: a zone, a post with its duties, an assignment, a letter.

They only collect what the user enters; the page runs the service and shows
its answer. Enter accepts, Esc cancels. UI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.grid.service import ZONE_KIND_LABELS, ZoneKind
from app.staff.service import StaffView
from ui.common.fields import date_edit, pydate
from ui.common.message_label import MessageLabel
from ui.duty.roster_dialogs import combo_id
from ui.i18n import app_text, translate


def zone_kind_label(kind: str) -> str:
    label = ZONE_KIND_LABELS.get(kind)
    return app_text(label) if label else kind


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


def _people(combo: QComboBox, staff: list[StaffView], *, optional: bool) -> None:
    if optional:
        combo.addItem(translate("Grid", "(nobody)"), None)
    for m in staff:
        combo.addItem(f"{m.name}　{m.post}".strip(), str(m.id))


class ZoneDialog(_Form):
    def __init__(self, parent: QWidget | None, zone=None) -> None:
        super().__init__(
            parent, translate("Grid", "Edit zone") if zone else translate("Grid", "Add a zone")
        )
        self.name = QLineEdit(zone.name if zone else "")
        self.kind = QComboBox()
        for k in ZoneKind:
            self.kind.addItem(zone_kind_label(k), k.value)
        if zone:
            self.kind.setCurrentIndex(max(self.kind.findData(zone.kind), 0))
        self.place = QLineEdit(zone.place if zone else "")
        self.place.setPlaceholderText(translate("Grid", "e.g. east yard, 2nd floor"))
        self.note = QLineEdit(zone.note if zone else "")
        self.form.addRow(translate("Grid", "Name:"), self.name)
        self.form.addRow(translate("Grid", "Kind:"), self.kind)
        self.form.addRow(translate("Grid", "Place:"), self.place)
        self.form.addRow(translate("Grid", "Note:"), self.note)
        self.finish()

    def values(self) -> dict:
        return {"name": self.name.text(), "kind": self.kind.currentData(),
                "place": self.place.text(), "note": self.note.text()}  # fmt: skip


class PostDialog(_Form):
    """A post (岗位) and its safety duties, one per line (一岗双责)."""

    def __init__(self, parent: QWidget | None, post=None) -> None:
        super().__init__(
            parent, translate("Grid", "Edit post") if post else translate("Grid", "Add a post")
        )
        self.name = QLineEdit(post.name if post else "")
        self.duties = QPlainTextEdit("\n".join(post.duties) if post else "")
        self.duties.setTabChangesFocus(True)
        self.duties.setPlaceholderText(translate("Grid", "One safety duty per line"))
        self.form.addRow(translate("Grid", "Post:"), self.name)
        self.form.addRow(translate("Grid", "Safety duties:"), self.duties)
        self.finish()

    def values(self) -> dict:
        return {"name": self.name.text(), "duties": self.duties.toPlainText().splitlines()}


class AssignDialog(_Form):
    """Who answers for a zone or a post from a date: leader, person, supervisor."""

    def __init__(
        self, parent: QWidget | None, what: str, staff: list[StaffView], today: date
    ) -> None:
        super().__init__(parent, translate("Grid", "Assign: {what}").format(what=what))
        self.person, self.leader, self.supervisor = QComboBox(), QComboBox(), QComboBox()
        _people(self.person, staff, optional=False)
        _people(self.leader, staff, optional=True)
        _people(self.supervisor, staff, optional=True)
        self.valid_from = date_edit(today)
        self.until = QCheckBox(translate("Grid", "Until"))
        self.valid_to = date_edit(today.replace(month=8, day=31) if today.month < 9
                                  else today.replace(year=today.year + 1, month=8, day=31))  # fmt: skip
        self.valid_to.setEnabled(False)
        self.until.toggled.connect(self.valid_to.setEnabled)
        until = QHBoxLayout()
        until.addWidget(self.until)
        until.addWidget(self.valid_to)
        until.addStretch(1)
        hint = QLabel(
            translate("Grid", "The current assignment ends the day before the new one starts.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.form.addRow(translate("Grid", "Responsible person:"), self.person)
        self.form.addRow(translate("Grid", "Responsible leader:"), self.leader)
        self.form.addRow(translate("Grid", "Supervisor:"), self.supervisor)
        self.form.addRow(translate("Grid", "Valid from:"), self.valid_from)
        self.form.addRow("", until)
        self.form.addRow(hint)
        self.finish()

    def values(self) -> dict:
        return {
            "person_id": combo_id(self.person),
            "leader_id": combo_id(self.leader),
            "supervisor_id": combo_id(self.supervisor),
            "valid_from": pydate(self.valid_from.date()),
            "valid_to": pydate(self.valid_to.date()) if self.until.isChecked() else None,
        }


class LetterDialog(_Form):
    """A responsibility letter (安全责任书): year, title, the two parties, signing day, scan."""

    def __init__(self, parent: QWidget | None, staff: list[StaffView], today: date) -> None:
        super().__init__(parent, translate("Grid", "Record a responsibility letter"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.title = QLineEdit(translate("Grid", "Safety responsibility letter"))
        self.issuer, self.signer = QComboBox(), QComboBox()
        _people(self.issuer, staff, optional=False)
        _people(self.signer, staff, optional=False)
        if self.signer.count() > 1:
            self.signer.setCurrentIndex(1)
        self.signed = QCheckBox(translate("Grid", "Signed on"))
        self.signed.setChecked(True)
        self.signed_on = date_edit(today)
        self.signed.toggled.connect(self.signed_on.setEnabled)
        signed = QHBoxLayout()
        signed.addWidget(self.signed)
        signed.addWidget(self.signed_on)
        signed.addStretch(1)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(translate("Grid", "Photo or scan of the signed paper"))
        browse = QPushButton(translate("Grid", "Choose…"))
        browse.clicked.connect(self._browse)
        scan = QHBoxLayout()
        scan.addWidget(self.scan, 1)
        scan.addWidget(browse)
        self.form.addRow(translate("Grid", "Year:"), self.year)
        self.form.addRow(translate("Grid", "Title:"), self.title)
        self.form.addRow(translate("Grid", "Issued by:"), self.issuer)
        self.form.addRow(translate("Grid", "Signed by:"), self.signer)
        self.form.addRow("", signed)
        self.form.addRow(translate("Grid", "Scan:"), scan)
        self.finish()

    def _browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, translate("Grid", "Choose the scan"), str(Path.home()),
            translate("Grid", "Images and PDF (*.jpg *.jpeg *.png *.pdf)"),
        )  # fmt: skip
        if path:
            self.scan.setText(path)

    def values(self) -> dict:
        return {
            "year": self.year.value(),
            "title": self.title.text(),
            "issuer_id": combo_id(self.issuer),
            "signer_id": combo_id(self.signer),
            "signed_on": pydate(self.signed_on.date()) if self.signed.isChecked() else None,
            "scan": self.scan.text().strip() or None,
        }
