"""A patrol finding becomes a hazard in the ledger, in one action.

The hazard is made by the ledger's own service (:func:`app.hazards.service.new_hazard`)
inside this action, and the patrol keeps its id. The link is not part of what
the handover's signatures vouch for, so it may be added after both signed.
"""

from __future__ import annotations

import uuid

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.hazards.service import HazardReport, new_hazard, validate_report
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.models import HandoverPatrol


def finding_to_hazard(
    ws: Workspace, actor: Actor, patrol_id: uuid.UUID, *, area: str, severity: str = "general",
    title: str = "",
) -> uuid.UUID:  # fmt: skip
    """Report the patrol's finding as a hazard and link it; returns the hazard id."""
    require(actor, Permission.REPORT_HAZARD)
    with ws.action(actor, "duty.finding.to_hazard") as s:
        p = s.get(HandoverPatrol, patrol_id)
        if p is None or p.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This patrol record no longer exists."))
        if not p.findings.strip():
            raise UserError(QT_TRANSLATE_NOOP("app", "This patrol found nothing to report."))
        if p.hazard_id is not None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "This finding is already in the hazard ledger.")
            )
        report = validate_report(
            HazardReport(
                title=(title or p.findings).strip()[:200],
                area=area,
                description=p.findings,
                severity=severity,
                place=p.place,
            )  # fmt: skip
        )
        h = new_hazard(s, actor, report, reported_at=p.at, note="patrol finding")
        p.hazard_id = h.id
        s.flush()
        return h.id
