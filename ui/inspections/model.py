"""Tables of the inspections page: the inspection list (lazy) and one inspection's items.

Threading: UI thread only. The list's pages are read in the background by
:class:`ui.common.paged_model.PagedTableModel`; the items model holds the
rows of one :func:`app.inspections.queries.inspection_detail` read and is
updated in place as answers are saved.
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.actor import Actor
from app.attachments.store import PhotoRef
from app.inspections.queries import AnswerRow, InspectionFilters, InspectionRow, list_inspections
from app.inspections.service import KINDS
from app.workspace import Workspace
from ui.common.list_model import ListTableModel
from ui.common.paged_model import PagedTableModel
from ui.formatting import format_time
from ui.hazards.labels import area_label
from ui.i18n import app_text, translate

Index = QModelIndex | QPersistentModelIndex

RESULTS = {
    "pass": QT_TRANSLATE_NOOP("Inspections", "Pass"),
    "fail": QT_TRANSLATE_NOOP("Inspections", "Fail"),
    "na": QT_TRANSLATE_NOOP("Inspections", "Not applicable"),
}
RESULT_COLORS = {"pass": "#e3f1e5", "fail": "#fde7e4", "na": "#eceff1"}


def kind_label(kind: str) -> str:
    return app_text(KINDS[kind]) if kind in KINDS else kind


def result_label(result: str) -> str:
    return translate("Inspections", RESULTS[result]) if result in RESULTS else ""


class InspectionListModel(PagedTableModel):
    CONTEXT = "Inspections"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Inspections", "Started"),
        QT_TRANSLATE_NOOP("Inspections", "Kind"),
        QT_TRANSLATE_NOOP("Inspections", "Checklists"),
        QT_TRANSLATE_NOOP("Inspections", "Place"),
        QT_TRANSLATE_NOOP("Inspections", "Lead inspector"),
        QT_TRANSLATE_NOOP("Inspections", "Failed"),
        QT_TRANSLATE_NOOP("Inspections", "State"),
    )

    def show_filters(self, ws: Workspace, actor: Actor, filters: InspectionFilters) -> None:
        self.set_source(lambda offset, limit: list_inspections(ws, actor, filters, offset, limit))

    def cell(self, row: InspectionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and row.fail_count:
            return QBrush(QColor("#a4262c"))
        return None

    def _text(self, row: InspectionRow, column: int) -> str:
        if column == 0:
            return format_time(row.started_at)
        if column == 1:
            return kind_label(row.kind)
        if column == 2:
            return row.title
        if column == 3:
            return row.place
        if column == 4:
            return row.lead_name
        if column == 5:
            return str(row.fail_count) if row.finalized_at else ""
        if row.finalized_at is None:
            return translate("Inspections", "In progress")
        if row.corrects_id is not None:
            return translate("Inspections", "Finalized (correction)")
        return translate("Inspections", "Finalized")


class AnswersModel(ListTableModel):
    """The items of one inspection, in checklist order."""

    CONTEXT = "Inspections"
    COLUMNS = (
        QT_TRANSLATE_NOOP("Inspections", "No."),
        QT_TRANSLATE_NOOP("Inspections", "Item"),
        QT_TRANSLATE_NOOP("Inspections", "Area"),
        QT_TRANSLATE_NOOP("Inspections", "Result"),
        QT_TRANSLATE_NOOP("Inspections", "Note"),
        QT_TRANSLATE_NOOP("Inspections", "Photos"),
    )

    def set_answers(self, answers: list[AnswerRow]) -> None:
        self.set_rows(answers)

    def answer_at(self, row: int) -> AnswerRow | None:
        return self.row_at(row)

    def answers(self) -> list[AnswerRow]:
        return list(self._rows)

    def update_answer(
        self,
        answer_id: uuid.UUID,
        result: str,
        note: str,
        new_photos: list[PhotoRef],
        spot: str = "",
    ) -> None:
        """A saved answer: show it without reading the inspection again."""
        for i, a in enumerate(self._rows):
            if a.id == answer_id:
                self._rows[i] = dataclasses.replace(
                    a,
                    result=result,
                    note=note,
                    spot=spot if result == "fail" else "",
                    photos=[*a.photos, *new_photos],
                )
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
                return

    def answered(self) -> int:
        return sum(1 for a in self._rows if a.result)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(a.position + 1),
                a.text,
                area_label(a.area),
                result_label(a.result),
                f"{a.note}（{a.spot}）" if a.spot else a.note,
                str(len(a.photos)) if a.photos else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return a.text
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and (a.note or a.spot):
            return "\n".join(x for x in (a.note, a.spot) if x)
        if role == Qt.ItemDataRole.BackgroundRole and a.result and col == 3:
            return QBrush(QColor(RESULT_COLORS[a.result]))
        if role == Qt.ItemDataRole.ForegroundRole and a.result == "fail" and col == 3:
            return QBrush(QColor("#a4262c"))
        return None
