"""The school's details as form fields: the first-run wizard and the profile dialog share them.

Threading: UI thread. Building the fields imports the school service (the
database layer) for the kinds of school, which callers have loaded anyway.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit

from app.school.service import SCHOOL_KIND_LABELS, SchoolProfile
from ui.i18n import school_kind_label, translate


class SchoolFields(QObject):
    """Name, bureau code, kind, boarding, buses, district and address, for a QFormLayout."""

    # The widgets, by attribute name: a form that shows them may offer them under the same names.
    WIDGETS = ("name", "code", "kind", "boarding", "buses", "district", "address")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.kind = QComboBox()
        for kind in SCHOOL_KIND_LABELS:
            self.kind.addItem(school_kind_label(kind), str(kind))
        self.boarding = QCheckBox(translate("SchoolFields", "Students board at the school"))
        self.buses = QCheckBox(translate("SchoolFields", "The school runs school buses"))
        self.district = QLineEdit()
        self.address = QLineEdit()

    def add_rows(self, form: QFormLayout, *, under_code=None) -> None:
        """The rows in order; ``under_code`` (a widget) goes right under the code."""
        form.addRow(translate("SchoolFields", "School name:"), self.name)
        form.addRow(translate("SchoolFields", "School code:"), self.code)
        if under_code is not None:
            form.addRow("", under_code)
        form.addRow(translate("SchoolFields", "Kind of school:"), self.kind)
        form.addRow("", self.boarding)
        form.addRow("", self.buses)
        form.addRow(translate("SchoolFields", "District or county:"), self.district)
        form.addRow(translate("SchoolFields", "Address:"), self.address)

    def show_profile(self, school: SchoolProfile) -> None:
        self.name.setText(school.name)
        self.code.setText(school.code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(school.kind)))
        self.boarding.setChecked(school.boarding)
        self.buses.setChecked(school.has_school_bus)
        self.district.setText(school.district)
        self.address.setText(school.address)

    def profile(self, school_id: uuid.UUID | None = None) -> SchoolProfile:
        """What the fields say (not yet validated: :meth:`SchoolProfile.validated` is the app's)."""
        return SchoolProfile(
            id=school_id,
            name=self.name.text(),
            code=self.code.text(),
            kind=self.kind.currentData(),
            boarding=self.boarding.isChecked(),
            has_school_bus=self.buses.isChecked(),
            district=self.district.text(),
            address=self.address.text(),
        )
