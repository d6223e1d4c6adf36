"""The problems a drill's evaluation found: one row each, with its hazard-ledger number.

A row already in the hazard ledger cannot be removed (the service refuses it
too). Rows carry the problem's id, so editing the text of a saved problem
keeps its link to the hazard.

Threading: UI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.drills.queries import ProblemView
from app.drills.service import ProblemEntry
from ui.i18n import translate

PROBLEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ProblemsTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setHorizontalHeaderLabels(
            [translate("Drills", "Problem found"), translate("Drills", "Hazard ledger")]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMaximumHeight(150)
        self.setTabKeyNavigation(False)

    def set_problems(self, problems: Iterable[ProblemView]) -> None:
        self.setRowCount(0)
        for p in problems:
            self.add_row(p.text, p.id, p.hazard_ref)

    def add_row(self, text: str, problem_id: uuid.UUID | None = None, hazard_ref: str = "") -> None:
        row = self.rowCount()
        self.insertRow(row)
        item = QTableWidgetItem(text)
        item.setData(PROBLEM_ID_ROLE, str(problem_id) if problem_id else None)
        self.setItem(row, 0, item)
        link = QTableWidgetItem(hazard_ref)
        link.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        self.setItem(row, 1, link)

    def add_new(self) -> None:
        """A new empty row, ready to type into."""
        self.add_row("")
        row = self.rowCount() - 1
        self.setCurrentCell(row, 0)
        self.editItem(self.item(row, 0))

    def remove_current(self) -> None:
        row = self.currentRow()
        if row >= 0 and not self.item(row, 1).text():
            self.removeRow(row)

    def current(self) -> tuple[uuid.UUID | None, str, str]:
        """(saved id or None, text, hazard number) of the chosen row."""
        row = self.currentRow()
        if row < 0:
            return None, "", ""
        value = self.item(row, 0).data(PROBLEM_ID_ROLE)
        pid = uuid.UUID(value) if value else None
        return pid, self.item(row, 0).text(), self.item(row, 1).text()

    def entries(self) -> tuple[ProblemEntry, ...]:
        out = []
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            value = item.data(PROBLEM_ID_ROLE)
            out.append(ProblemEntry(item.text(), uuid.UUID(value) if value else None))
        return tuple(out)

    def set_editable(self, editable: bool) -> None:
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
