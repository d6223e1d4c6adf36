"""Chinese (or English) labels for the values the drills area stores."""

from __future__ import annotations

from app.drills.cadence import STATUS_LABELS
from app.drills.types import DRILL_TYPE_LABELS, RATING_LABELS, SCOPE_LABELS
from ui.formatting import period_text
from ui.i18n import app_text


def type_label(value: str) -> str:
    label = DRILL_TYPE_LABELS.get(value)
    return app_text(label) if label else value


def rating_label(value: str) -> str:
    label = RATING_LABELS.get(value)
    return app_text(label) if label else ""


def scope_label(value: str) -> str:
    label = SCOPE_LABELS.get(value)
    return app_text(label) if label else value


def status_label(value: str) -> str:
    label = STATUS_LABELS.get(value)
    return app_text(label) if label else value


STATUS_COLORS = {
    "done": ("#e6f4ea", "#1b6e2d"),
    "due": ("#fff4e0", "#8a5300"),
    "missed": ("#fde7e4", "#a4262c"),
}


def period_label(period) -> str:
    """A period as people say it: 2026年11月, 2026年第4季度, 2026年秋季学期."""
    return period_text(period)
