"""Display names for hazard statuses, severities, history steps (UI thread)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.inspections.templates import AREAS
from ui.i18n import translate

STATUS = {
    "reported": QT_TRANSLATE_NOOP("Hazards", "Reported"),
    "planned": QT_TRANSLATE_NOOP("Hazards", "Planned"),
    "rectifying": QT_TRANSLATE_NOOP("Hazards", "Being fixed"),
    "rectified": QT_TRANSLATE_NOOP("Hazards", "Fixed, awaiting re-check"),
    "closed": QT_TRANSLATE_NOOP("Hazards", "Closed"),
}
# The bureau's two grades (app.hazards.service.GRADES), in the order offered.
SEVERITY = {
    "general": QT_TRANSLATE_NOOP("Hazards", "General"),
    "major": QT_TRANSLATE_NOOP("Hazards", "Major"),
}
EVENT = {
    "report": QT_TRANSLATE_NOOP("Hazards", "Reported"),
    "seen_again": QT_TRANSLATE_NOOP("Hazards", "Found again"),
    "plan": QT_TRANSLATE_NOOP("Hazards", "Rectification planned"),
    "start": QT_TRANSLATE_NOOP("Hazards", "Work started"),
    "rectify": QT_TRANSLATE_NOOP("Hazards", "Marked fixed"),
    "recheck_pass": QT_TRANSLATE_NOOP("Hazards", "Re-check passed, closed"),
    "recheck_fail": QT_TRANSLATE_NOOP("Hazards", "Re-check failed"),
    "escalate": QT_TRANSLATE_NOOP("Hazards", "Reported upward: school cannot fix"),
    "major": QT_TRANSLATE_NOOP("Hazards", "Graded a major hazard"),
    "monitor": QT_TRANSLATE_NOOP("Hazards", "Monitoring"),
}
CONDITION = {
    "stable": QT_TRANSLATE_NOOP("Hazards", "Stable"),
    "worse": QT_TRANSLATE_NOOP("Hazards", "Getting worse"),
    "danger": QT_TRANSLATE_NOOP("Hazards", "Immediate danger"),
}


def _label(table: dict[str, str], key: str) -> str:
    return translate("Hazards", table[key]) if key in table else key


def status_label(status: str) -> str:
    return _label(STATUS, status)


def severity_label(severity: str) -> str:
    # "serious" came from older versions, which copied the checklist item's weight.
    return _label(SEVERITY, "general" if severity == "serious" else severity)


def event_label(kind: str) -> str:
    return _label(EVENT, kind)


def condition_label(condition: str) -> str:
    return _label(CONDITION, condition)


def area_label(area: str) -> str:
    """Checklist areas are named in Chinese in the templates themselves."""
    return AREAS.get(area, area)
