"""Display texts shared by the duty pages (UI thread)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.duty.calendar import HOLIDAY_NO_LEADER, LEFT, NO_SHIFT, ON_LEAVE, RosterGap
from app.duty.roster import DUTY_KIND_LABELS, ShiftView
from ui.i18n import app_text, translate

GAP = {
    NO_SHIFT: QT_TRANSLATE_NOOP("Duty", "No one on {duty}"),
    HOLIDAY_NO_LEADER: QT_TRANSLATE_NOOP("Duty", "Holiday ({duty}) without a leader on duty"),
    ON_LEAVE: QT_TRANSLATE_NOOP("Duty", "{person} ({duty}) is on leave"),
    LEFT: QT_TRANSLATE_NOOP("Duty", "{person} ({duty}) no longer works here"),
}
WEEKDAYS = (
    QT_TRANSLATE_NOOP("Duty", "Mon"),
    QT_TRANSLATE_NOOP("Duty", "Tue"),
    QT_TRANSLATE_NOOP("Duty", "Wed"),
    QT_TRANSLATE_NOOP("Duty", "Thu"),
    QT_TRANSLATE_NOOP("Duty", "Fri"),
    QT_TRANSLATE_NOOP("Duty", "Sat"),
    QT_TRANSLATE_NOOP("Duty", "Sun"),
)
# A shift still to come says nothing (the column stays empty).
HANDOVER_STATUS = {
    "on_duty": QT_TRANSLATE_NOOP("Duty", "On duty now"),
    "missing": QT_TRANSLATE_NOOP("Duty", "Handover missing"),
    "unsigned": QT_TRANSLATE_NOOP("Duty", "Not signed"),
    "signed": QT_TRANSLATE_NOOP("Duty", "Waiting for the incoming person"),
    "locked": QT_TRANSLATE_NOOP("Duty", "Handed over"),
}
HANDOVER_COLOURS = {"missing": "#a4262c", "unsigned": "#8a5a00", "locked": "#1b6e2d"}
DAYS_RULE = {
    "every_day": QT_TRANSLATE_NOOP("Duty", "Every day"),
    "school_days": QT_TRANSLATE_NOOP("Duty", "School days"),
    "rest_days": QT_TRANSLATE_NOOP("Duty", "Weekends and holidays"),
}


def kind_label(kind: str) -> str:
    label = DUTY_KIND_LABELS.get(kind)
    return app_text(label) if label else kind


def gap_text(gap: RosterGap) -> str:
    return translate("Duty", GAP.get(gap.kind, "{duty}")).format(
        duty=gap.duty_name, person=gap.staff_name
    )


def handover_status_text(status: str) -> str:
    """A shift's handover status (:meth:`app.duty.roster.ShiftView.handover_status`) in words."""
    return translate("Duty", HANDOVER_STATUS[status]) if status in HANDOVER_STATUS else ""


def weekday(d: date) -> str:
    return translate("Duty", WEEKDAYS[d.weekday()])


def hours(start: time, end: time) -> str:
    text = f"{start:%H:%M}–{end:%H:%M}"
    if end <= start:
        text += translate("Duty", " (next day)")
    return text


def shift_line(v: ShiftView) -> str:
    return f"{v.duty_name} {v.staff_name}"
