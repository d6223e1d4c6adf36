"""Drill types, scopes and ratings: stored values and their labels."""

from __future__ import annotations

import enum

from app.i18n import QT_TRANSLATE_NOOP


class DrillType(enum.StrEnum):
    FIRE_EVACUATION = "fire_evacuation"
    FIRE_TRAINING = "fire_training"
    EARTHQUAKE = "earthquake"
    ANTI_STAMPEDE = "anti_stampede"
    SCHOOL_BUS_EVACUATION = "school_bus_evacuation"
    GAS_LEAK = "gas_leak"
    ANTI_VIOLENCE = "anti_violence"
    FLOOD = "flood"
    OTHER = "other"


DRILL_TYPE_LABELS: dict[str, str] = {
    DrillType.FIRE_EVACUATION: QT_TRANSLATE_NOOP("app", "Fire evacuation drill"),
    DrillType.FIRE_TRAINING: QT_TRANSLATE_NOOP("app", "Fire safety training"),
    DrillType.EARTHQUAKE: QT_TRANSLATE_NOOP("app", "Earthquake drill"),
    DrillType.ANTI_STAMPEDE: QT_TRANSLATE_NOOP("app", "Anti-stampede drill"),
    DrillType.SCHOOL_BUS_EVACUATION: QT_TRANSLATE_NOOP("app", "School-bus evacuation drill"),
    DrillType.GAS_LEAK: QT_TRANSLATE_NOOP("app", "Gas leak drill"),
    DrillType.ANTI_VIOLENCE: QT_TRANSLATE_NOOP("app", "Anti-violence and anti-terror drill"),
    DrillType.FLOOD: QT_TRANSLATE_NOOP("app", "Flood drill"),
    DrillType.OTHER: QT_TRANSLATE_NOOP("app", "Other drill"),
}

# Fire training is teaching, not a drill: it counts for its own semester
# requirement and not for "a drill every month".
EMERGENCY_DRILL_TYPES: tuple[str, ...] = tuple(
    t.value for t in DrillType if t is not DrillType.FIRE_TRAINING
)

# The hazard-ledger area a problem found in a drill of this type belongs to.
HAZARD_AREA_FOR_TYPE: dict[str, str] = {
    DrillType.FIRE_EVACUATION: "fire",
    DrillType.FIRE_TRAINING: "fire",
    DrillType.EARTHQUAKE: "buildings",
    DrillType.ANTI_STAMPEDE: "events",
    DrillType.SCHOOL_BUS_EVACUATION: "traffic",
    DrillType.GAS_LEAK: "gas",
    DrillType.ANTI_VIOLENCE: "security",
    DrillType.FLOOD: "flood_geo",
    DrillType.OTHER: "security",
}

SCOPE_LABELS: dict[str, str] = {
    "whole_school": QT_TRANSLATE_NOOP("app", "Whole school"),
    "grades": QT_TRANSLATE_NOOP("app", "Some grades"),
    "building": QT_TRANSLATE_NOOP("app", "One building"),
}

RATING_LABELS: dict[str, str] = {
    "excellent": QT_TRANSLATE_NOOP("app", "Excellent"),
    "good": QT_TRANSLATE_NOOP("app", "Good"),
    "fair": QT_TRANSLATE_NOOP("app", "Fair"),
    "poor": QT_TRANSLATE_NOOP("app", "Poor"),
}
