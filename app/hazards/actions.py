"""Which ledger actions the signed-in user may take on one hazard, and why not.

This mirrors the rules of :mod:`app.hazards.service` and
:mod:`app.hazards.monitoring` so a page can disable a button and say why;
the services stay the authority and check everything again. Read-only,
no Qt: safe to call from a worker thread.
"""

from __future__ import annotations

import uuid

from app.accounts.roles import Permission, allowed
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.models import Hazard

ACTIONS = ("plan", "start", "rectify", "recheck", "escalate", "major", "monitor")

_MANAGERS_ONLY = QT_TRANSLATE_NOOP("app", "Only the principal or a safety officer can do this.")
_CLOSED = QT_TRANSLATE_NOOP("app", "This hazard is closed.")


def hazard_actions(ws: Workspace, actor: Actor, hazard_id: uuid.UUID) -> dict[str, str | None]:
    """action -> None when it may be taken now, else the (English, marked) reason."""
    with ws.read() as s:
        h = s.get(Hazard, hazard_id)
        if h is None or h.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This hazard no longer exists."))
        status, major = h.status, h.major
        responsible, rectified_by = h.responsible_id, h.rectified_by
    manager = allowed(actor, Permission.MANAGE_HAZARDS)
    worker = manager or (actor.user_id is not None and actor.user_id == responsible)
    out: dict[str, str | None] = dict.fromkeys(ACTIONS)

    if not manager:
        out["plan"] = _MANAGERS_ONLY
    elif status not in ("reported", "planned", "rectifying"):
        out["plan"] = QT_TRANSLATE_NOOP(
            "app", "The plan of a fixed or closed hazard cannot change."
        )

    not_worker = QT_TRANSLATE_NOOP(
        "app", "Only the responsible person or the safety officer can work on this hazard."
    )
    if status != "planned":
        out["start"] = QT_TRANSLATE_NOOP("app", "Work can start only on a planned hazard.")
    elif not worker:
        out["start"] = not_worker
    if status not in ("planned", "rectifying"):
        out["rectify"] = QT_TRANSLATE_NOOP(
            "app", "Only a planned hazard or one being fixed can be marked fixed."
        )
    elif not worker:
        out["rectify"] = not_worker

    if not allowed(actor, Permission.RECHECK_HAZARD):
        out["recheck"] = _MANAGERS_ONLY
    elif status != "rectified":
        out["recheck"] = QT_TRANSLATE_NOOP("app", "Only a fixed hazard can be re-checked.")
    elif actor.user_id is not None and actor.user_id == rectified_by:
        out["recheck"] = QT_TRANSLATE_NOOP(
            "app", "You fixed this hazard, so someone else must re-check it."
        )

    if not manager:
        out["escalate"] = _MANAGERS_ONLY
    elif status == "closed":
        out["escalate"] = _CLOSED

    if not manager:
        out["major"] = _MANAGERS_ONLY
    elif status == "closed":
        out["major"] = _CLOSED
    elif major:
        out["major"] = QT_TRANSLATE_NOOP("app", "This hazard is already a major hazard.")

    if not allowed(actor, Permission.MONITOR_HAZARD):
        out["monitor"] = QT_TRANSLATE_NOOP("app", "Your role may not record monitoring.")
    elif not major:
        out["monitor"] = QT_TRANSLATE_NOOP("app", "Only a major hazard has a monitoring record.")
    elif status == "closed":
        out["monitor"] = _CLOSED
    return out
