"""Roles and what each may do. Services call :func:`require`; hiding a button is not enough."""

from __future__ import annotations

import enum

from app.actor import Actor
from app.errors import PermissionDenied
from app.i18n import QT_TRANSLATE_NOOP


class Role(enum.StrEnum):
    PRINCIPAL = "principal"
    SAFETY_OFFICER = "safety_officer"
    DUTY_STAFF = "duty_staff"
    GUARD = "guard"
    STAFF = "staff"
    BUREAU_ADMIN = "bureau_admin"


ROLE_LABELS: dict[str, str] = {
    Role.PRINCIPAL: QT_TRANSLATE_NOOP("app", "Principal"),
    Role.SAFETY_OFFICER: QT_TRANSLATE_NOOP("app", "Safety officer"),
    Role.DUTY_STAFF: QT_TRANSLATE_NOOP("app", "Duty staff"),
    Role.GUARD: QT_TRANSLATE_NOOP("app", "Security guard"),
    Role.STAFF: QT_TRANSLATE_NOOP("app", "Staff"),
    Role.BUREAU_ADMIN: QT_TRANSLATE_NOOP("app", "Bureau administrator"),
    "system": QT_TRANSLATE_NOOP("app", "System"),
}


class Permission(enum.StrEnum):
    MANAGE_USERS = "manage_users"
    EDIT_SCHOOL_PROFILE = "edit_school_profile"
    BACKUP = "backup"
    RESTORE_BACKUP = "restore_backup"  # the principal's alone: it rolls the school's records back
    VIEW_AUDIT = "view_audit"
    EDIT_STAFF = "edit_staff"
    EDIT_GRID = "edit_grid"
    EDIT_ROSTER = "edit_roster"
    RECORD_HANDOVER = "record_handover"
    INSPECT = "inspect"
    REPORT_HAZARD = "report_hazard"
    MANAGE_HAZARDS = "manage_hazards"
    RECHECK_HAZARD = "recheck_hazard"
    MONITOR_HAZARD = "monitor_hazard"
    ADD_PHOTOS = "add_photos"
    RECORD_DRILL = "record_drill"
    PREPARE_MONTHLY_REPORT = "prepare_monthly_report"
    SIGN_MONTHLY_REPORT = "sign_monthly_report"
    COUNTERSIGN_INSPECTION = "countersign_inspection"
    # Replying for the school to the bureau's supervision orders (督办).
    ANSWER_BUREAU = "answer_bureau"
    # Confirming that a bureau notice was read.
    ACKNOWLEDGE_NOTICE = "acknowledge_notice"


# Patrols, checks and reporting hazards are everyone's work at a school (一岗双责);
# duty staff and guards also keep the twice-daily watch on a major hazard. Anyone
# at the school may confirm having read a bureau notice.
FIELD_WORK = frozenset(
    {
        Permission.INSPECT,
        Permission.REPORT_HAZARD,
        Permission.ADD_PHOTOS,
        Permission.MONITOR_HAZARD,
        Permission.ACKNOWLEDGE_NOTICE,
    }
)
# Planning, assigning, re-checking and closing belong to whoever owns the ledger.
HAZARD_MANAGERS = FIELD_WORK | {Permission.MANAGE_HAZARDS, Permission.RECHECK_HAZARD}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.PRINCIPAL: frozenset(Permission),
    Role.SAFETY_OFFICER: frozenset(
        {
            Permission.BACKUP,
            Permission.VIEW_AUDIT,
            Permission.EDIT_STAFF,
            Permission.EDIT_GRID,
            Permission.EDIT_ROSTER,
            Permission.RECORD_HANDOVER,
            Permission.RECORD_DRILL,
            Permission.PREPARE_MONTHLY_REPORT,
            Permission.ANSWER_BUREAU,
            *HAZARD_MANAGERS,
        }
    ),
    Role.DUTY_STAFF: frozenset({Permission.RECORD_HANDOVER, *FIELD_WORK}),
    Role.GUARD: frozenset({Permission.RECORD_HANDOVER, *FIELD_WORK}),
    Role.STAFF: frozenset({Permission.RECORD_HANDOVER, *FIELD_WORK}),
    # A bureau spot check is recorded and its findings reported like any check.
    Role.BUREAU_ADMIN: frozenset(
        {Permission.VIEW_AUDIT, Permission.INSPECT, Permission.REPORT_HAZARD, Permission.ADD_PHOTOS}
    ),
    "system": frozenset(Permission),
}


def allowed(actor: Actor, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(actor.role, frozenset())


def require(actor: Actor, permission: Permission) -> None:
    if not allowed(actor, permission):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("app", "Your role ({role}) may not do this. Ask the principal."),
            role=actor.role,
        )
