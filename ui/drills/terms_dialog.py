"""The school's own term dates (principal only). Empty rows mean: use the bureau default."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.periods import Term, TermName
from ui.common.fields import pydate, qdate
from ui.common.message_label import MessageLabel
from ui.i18n import translate

NAMES = {
    TermName.SPRING: QT_TRANSLATE_NOOP("Drills", "Spring term"),
    TermName.AUTUMN: QT_TRANSLATE_NOOP("Drills", "Autumn term"),
}


class TermsDialog(QDialog):
    """Collects terms; the page saves them through :func:`app.school.terms.set_terms`."""

    def __init__(self, parent: QWidget | None, terms: list[Term], today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Drills", "School term dates"))
        self.today = today
        self.rows: list[tuple[QComboBox, QDateEdit, QDateEdit, QPushButton]] = []
        hint = QLabel(
            translate(
                "Drills",
                "Without dates of its own the school follows the bureau's terms: spring "
                "February to July, autumn September to January. Semester drills are counted "
                "in these terms.",
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.grid = QGridLayout()
        self.grid.addWidget(QLabel(translate("Drills", "Term")), 0, 0)
        self.grid.addWidget(QLabel(translate("Drills", "First day")), 0, 1)
        self.grid.addWidget(QLabel(translate("Drills", "Last day")), 0, 2)
        self.add_button = QPushButton(translate("Drills", "&Add a term"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.message = MessageLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(self.grid)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for term in terms:
            self.add_row(term)
        if not terms:
            self.add_row()
        self.setMinimumWidth(520)

    def add_row(self, term: Term | None = None) -> None:
        if term is None:
            spring = self.today.month < 8
            year = self.today.year
            term = (
                Term(date(year, 2, 20), date(year, 7, 10), TermName.SPRING)
                if spring
                else Term(date(year, 9, 1), date(year + 1, 1, 20), TermName.AUTUMN)
            )
        name = QComboBox()
        for value, text in NAMES.items():
            name.addItem(translate("Drills", text), value.value)
        name.setCurrentIndex(name.findData(term.name.value))
        start, end = QDateEdit(qdate(term.start)), QDateEdit(qdate(term.end))
        for d in (start, end):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        remove = QPushButton(translate("Drills", "Remove"))
        widgets = (name, start, end, remove)
        remove.clicked.connect(lambda: self._remove(widgets))
        r = len(self.rows) + 1
        for col, w in enumerate(widgets):
            self.grid.addWidget(w, r, col)
        self.rows.append(widgets)
        name.setFocus()

    def _remove(self, widgets) -> None:
        if widgets in self.rows:
            self.rows.remove(widgets)
            for w in widgets:
                w.hide()
                w.deleteLater()

    def terms(self) -> list[Term]:
        return [
            Term(pydate(start.date()), pydate(end.date()), TermName(name.currentData()))
            for name, start, end, _remove in self.rows
        ]
