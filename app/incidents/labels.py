"""The bureau's terms for incidents, as marked English sources (context ``app``)."""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, translate

CATEGORY_LABELS: dict[str, str] = {
    "injury": QT_TRANSLATE_NOOP("app", "Injury"),
    "fire": QT_TRANSLATE_NOOP("app", "Fire"),
    "food_poisoning": QT_TRANSLATE_NOOP("app", "Food poisoning"),
    "traffic": QT_TRANSLATE_NOOP("app", "Traffic accident"),
    "violence": QT_TRANSLATE_NOOP("app", "Violence or bullying"),
    "drowning": QT_TRANSLATE_NOOP("app", "Drowning"),
    "natural_disaster": QT_TRANSLATE_NOOP("app", "Natural disaster"),
    "public_health": QT_TRANSLATE_NOOP("app", "Public health"),
    "other": QT_TRANSLATE_NOOP("app", "Other incident"),
}
# The grading of emergencies the bureau uses (特别重大、重大、较大、一般).
SEVERITY_LABELS: dict[str, str] = {
    "general": QT_TRANSLATE_NOOP("app", "General"),
    "serious": QT_TRANSLATE_NOOP("app", "Serious"),
    "major": QT_TRANSLATE_NOOP("app", "Major"),
    "especially_major": QT_TRANSLATE_NOOP("app", "Especially major"),
}
PERSON_ROLE_LABELS: dict[str, str] = {
    "student": QT_TRANSLATE_NOOP("app", "Student"),
    "staff": QT_TRANSLATE_NOOP("app", "Staff member"),
    "other": QT_TRANSLATE_NOOP("app", "Other person"),
}
REPORT_KIND_LABELS: dict[str, str] = {
    "phone": QT_TRANSLATE_NOOP("app", "Phone report"),
    "written": QT_TRANSLATE_NOOP("app", "Written report"),
    "follow_up": QT_TRANSLATE_NOOP("app", "Follow-up report"),
}
STATE_LABELS: dict[str, str] = {
    "running": QT_TRANSLATE_NOOP("app", "Due in {time}"),
    "overdue": QT_TRANSLATE_NOOP("app", "Overdue by {time}"),
    "on_time": QT_TRANSLATE_NOOP("app", "Reported on time"),
    "late": QT_TRANSLATE_NOOP("app", "Reported late"),
}
# What a user without the right reads instead of a minor's name.
REDACTED_MINOR = QT_TRANSLATE_NOOP("app", "Student (name hidden)")


def label(table: dict[str, str], key: str) -> str:
    return translate("app", table[key]) if key in table else key
