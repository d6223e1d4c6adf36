"""The monthly report's figures as a readable table: section, figure, value.

Threading: UI thread only; the page hands over the figures it loaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from ui.common.list_model import Index, ListTableModel
from ui.i18n import translate

COLUMNS = (
    QT_TRANSLATE_NOOP("Monthly", "Section"),
    QT_TRANSLATE_NOOP("Monthly", "Figure"),
    QT_TRANSLATE_NOOP("Monthly", "Value"),
)
SECTIONS = {
    "patrols": QT_TRANSLATE_NOOP("Monthly", "Daily patrols"),
    "inspections": QT_TRANSLATE_NOOP("Monthly", "Inspections"),
    "hazards": QT_TRANSLATE_NOOP("Monthly", "Hazards"),
    "drills": QT_TRANSLATE_NOOP("Monthly", "Emergency drills"),
    "incidents": QT_TRANSLATE_NOOP("Monthly", "Incidents"),
    "duty": QT_TRANSLATE_NOOP("Monthly", "Duty and handovers"),
    "zero_reports": QT_TRANSLATE_NOOP("Monthly", "Daily zero reports"),
}
FIGURES = {
    "patrols.required": QT_TRANSLATE_NOOP("Monthly", "Days requiring a patrol"),
    "patrols.done": QT_TRANSLATE_NOOP("Monthly", "Days patrolled"),
    "inspections.total": QT_TRANSLATE_NOOP("Monthly", "Inspections finalized"),
    "inspections.by_kind.daily_patrol": QT_TRANSLATE_NOOP("Monthly", "of which daily patrols"),
    "inspections.by_kind.weekly": QT_TRANSLATE_NOOP("Monthly", "of which weekly checks"),
    "inspections.by_kind.half_monthly": QT_TRANSLATE_NOOP(
        "Monthly", "of which half-monthly self-inspections"
    ),
    "inspections.by_kind.monthly": QT_TRANSLATE_NOOP("Monthly", "of which monthly full checks"),
    "inspections.by_kind.special": QT_TRANSLATE_NOOP("Monthly", "of which special checks"),
    "inspections.by_kind.bureau_spot": QT_TRANSLATE_NOOP("Monthly", "of which bureau spot checks"),
    "hazards.found": QT_TRANSLATE_NOOP("Monthly", "Hazards found"),
    "hazards.closed": QT_TRANSLATE_NOOP("Monthly", "Hazards closed"),
    "hazards.overdue": QT_TRANSLATE_NOOP("Monthly", "Hazards past their deadline"),
    "hazards.major": QT_TRANSLATE_NOOP("Monthly", "Major hazards"),
    "hazards.open_at_month_end": QT_TRANSLATE_NOOP("Monthly", "Hazards still open"),
    "hazards.monitoring_days_owed": QT_TRANSLATE_NOOP(
        "Monthly", "Major-hazard monitoring days owed"
    ),
    "hazards.monitoring_days_missed": QT_TRANSLATE_NOOP("Monthly", "Monitoring days missed"),
    "drills.held": QT_TRANSLATE_NOOP("Monthly", "Drills held"),
    "drills.required": QT_TRANSLATE_NOOP("Monthly", "Drills required"),
    "drills.required_met": QT_TRANSLATE_NOOP("Monthly", "Requirements met"),
    "incidents.total": QT_TRANSLATE_NOOP("Monthly", "Incidents"),
    "incidents.phone_on_time": QT_TRANSLATE_NOOP("Monthly", "Phone reports on time"),
    "incidents.phone_late": QT_TRANSLATE_NOOP("Monthly", "Phone reports late"),
    "incidents.phone_missing": QT_TRANSLATE_NOOP("Monthly", "Phone reports missing"),
    "incidents.written_on_time": QT_TRANSLATE_NOOP("Monthly", "Written reports on time"),
    "incidents.written_late": QT_TRANSLATE_NOOP("Monthly", "Written reports late"),
    "incidents.written_missing": QT_TRANSLATE_NOOP("Monthly", "Written reports missing"),
    "incidents.follow_ups": QT_TRANSLATE_NOOP("Monthly", "Follow-up reports"),
    "incidents.open": QT_TRANSLATE_NOOP("Monthly", "Still open"),
    "incidents.closed": QT_TRANSLATE_NOOP("Monthly", "Closed"),
    "duty.shifts": QT_TRANSLATE_NOOP("Monthly", "Shifts rostered"),
    "duty.handovers": QT_TRANSLATE_NOOP("Monthly", "Handovers recorded"),
    "duty.handovers_missing": QT_TRANSLATE_NOOP("Monthly", "Handovers missing"),
    "duty.days_with_roster": QT_TRANSLATE_NOOP("Monthly", "Days with a roster"),
    "zero_reports.days": QT_TRANSLATE_NOOP("Monthly", "Days owed a zero report"),
    "zero_reports.complete": QT_TRANSLATE_NOOP("Monthly", "Days reported"),
    "zero_reports.peaceful": QT_TRANSLATE_NOOP("Monthly", "Peaceful days (平安)"),
    "zero_reports.with_incidents": QT_TRANSLATE_NOOP("Monthly", "Days with something to report"),
    "zero_reports.missing": QT_TRANSLATE_NOOP("Monthly", "Days not reported"),
}
NOT_RECORDED = QT_TRANSLATE_NOOP("Monthly", "Not recorded in this app")


def figure_rows(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(section, figure, value) rows in the report's order; breakdowns by area/type last."""
    rows: list[tuple[str, str, str]] = []
    for section, label in SECTIONS.items():
        if section not in figures:
            continue
        value = figures[section]
        name = translate("Monthly", label)
        if value is None:
            rows.append((name, translate("Monthly", NOT_RECORDED), "—"))
            continue
        for key, figure in FIGURES.items():
            path = key.split(".")
            if path[0] != section:
                continue
            v: Any = figures
            for part in path:
                v = v.get(part) if isinstance(v, dict) else None
            if v is None and len(path) > 2:
                continue  # no inspections of that kind: no line
            rows.append((name, translate("Monthly", figure), "" if v is None else str(v)))
    return rows


class FiguresModel(ListTableModel):
    CONTEXT = "Monthly"
    COLUMNS = COLUMNS

    def set_figures(self, figures: dict[str, Any]) -> None:
        self.set_rows(figure_rows(figures))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.valid_row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
