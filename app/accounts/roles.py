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
    VIEW_AUDIT = "view_audit"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.PRINCIPAL: frozenset(Permission),
    Role.SAFETY_OFFICER: frozenset({Permission.BACKUP, Permission.VIEW_AUDIT}),
    Role.DUTY_STAFF: frozenset(),
    Role.GUARD: frozenset(),
    Role.STAFF: frozenset(),
    Role.BUREAU_ADMIN: frozenset({Permission.VIEW_AUDIT}),
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
