"""Where a problem found in a drill goes in the hazard ledger: its area and severity."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.hazards.service import GRADES
from app.inspections.templates import AREAS
from ui.hazards.labels import area_label, severity_label
from ui.i18n import translate


class HazardChoiceDialog(QDialog):
    def __init__(self, parent: QWidget | None, problem: str, area: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Drills", "Into the hazard ledger"))
        text = QLabel(problem)
        text.setWordWrap(True)
        self._area = QComboBox()
        for key in AREAS:
            self._area.addItem(area_label(key), key)
        self._area.setCurrentIndex(max(0, self._area.findData(area)))
        self._severity = QComboBox()
        for key in GRADES:
            self._severity.addItem(severity_label(key), key)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("Drills", "Problem"), text)
        form.addRow(translate("Drills", "&Area"), self._area)
        form.addRow(translate("Drills", "&Severity"), self._severity)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def area(self) -> str:
        return self._area.currentData()

    def severity(self) -> str:
        return self._severity.currentData()
