"""Who may do what with incidents.

Anyone working at the school reports an incident and logs the reports they
made: the first person on the scene is often a teacher or a guard. Closing an
incident belongs to the principal and the safety officer, and only they see
the names of minors involved (未成年人保护): everyone else, the command line
included, reads a redacted name.
"""

from __future__ import annotations

from app.accounts.roles import Role
from app.actor import Actor
from app.errors import PermissionDenied
from app.i18n import QT_TRANSLATE_NOOP

SCHOOL_ROLES = frozenset(
    {Role.PRINCIPAL, Role.SAFETY_OFFICER, Role.DUTY_STAFF, Role.GUARD, Role.STAFF, "system"}
)
MANAGER_ROLES = frozenset({Role.PRINCIPAL, Role.SAFETY_OFFICER, "system"})
# Deliberately no "system": a command run without signing in sees no minor's name.
MINOR_NAME_ROLES = frozenset({Role.PRINCIPAL, Role.SAFETY_OFFICER})


def may_report(actor: Actor) -> bool:
    return actor.role in SCHOOL_ROLES


def may_manage(actor: Actor) -> bool:
    return actor.role in MANAGER_ROLES


def may_see_minors(actor: Actor) -> bool:
    return actor.role in MINOR_NAME_ROLES


def _denied(actor: Actor) -> PermissionDenied:
    return PermissionDenied(
        QT_TRANSLATE_NOOP("app", "Your role ({role}) may not do this. Ask the principal."),
        role=actor.role,
    )


def require_report(actor: Actor) -> None:
    if not may_report(actor):
        raise _denied(actor)


def require_manage(actor: Actor) -> None:
    if not may_manage(actor):
        raise _denied(actor)
