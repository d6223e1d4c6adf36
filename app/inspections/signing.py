"""Drawn signatures on an inspection: the inspector's at finalizing, the principal's later.

Both are rows of the shared signature store (:mod:`app.signatures.service`)
linked to the inspection (``record_table`` ``"inspection"``): the finalized
inspection itself never changes. The inspector signs inside the finalizing
action (:func:`sign_as_inspector`, called by
:func:`app.inspections.service.finalize_inspection`); the principal
countersigns a finalized inspection once (:func:`countersign_inspection`).
Each signature binds the SHA-256 of the inspection's content as finalized
(:func:`signed_content`), so a verifier can tell whether what was signed
is what is stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.signatures.service import Strokes, add_signature, content_hash, validate_strokes
from app.workspace import Workspace
from db.models import Inspection, InspectionAnswer, Signature

TABLE = "inspection"
INSPECTOR = "inspection.inspector"
PRINCIPAL = "inspection.principal"


def signed_content(insp: Inspection, answers: Sequence[InspectionAnswer]) -> dict[str, Any]:
    """What a signature on the inspection vouches for: the record and every answer."""
    return {
        "id": str(insp.id),
        "kind": insp.kind,
        "title": insp.title,
        "started_at": insp.started_at.isoformat(),
        "place": insp.place,
        "zone": insp.zone,
        "inspectors": list(insp.inspector_ids),
        "note": insp.note,
        "answers": [
            [a.item_code, a.result, a.note, a.spot, str(a.hazard_id) if a.hazard_id else None]
            for a in sorted(answers, key=lambda a: a.position)
        ],
    }


def check_strokes(strokes: Strokes) -> None:
    """Refuse an empty or unreadable pad before anything is written."""
    validate_strokes(strokes)


def sign_as_inspector(
    s: Session,
    actor: Actor,
    insp: Inspection,
    answers: Sequence[InspectionAnswer],
    strokes: Strokes,
    png: bytes | None = None,
) -> Signature:
    """The finalizing inspector's signature, inside the finalizing action."""
    return add_signature(
        s,
        signer_name=actor.name,
        signer_user_id=actor.user_id,
        purpose=INSPECTOR,
        record_table=TABLE,
        record_id=insp.id,
        strokes=strokes,
        content_sha256=content_hash(signed_content(insp, answers)),
        png=png,
    )


def countersign_inspection(
    ws: Workspace,
    actor: Actor,
    inspection_id: uuid.UUID,
    strokes: Strokes,
    png: bytes | None = None,
) -> uuid.UUID:
    """The principal's countersignature (校长签字) on a finalized inspection; returns its id.

    Only the principal countersigns, once, and only a finalized inspection.
    The inspection row is not touched.
    """
    require(actor, Permission.COUNTERSIGN_INSPECTION)
    check_strokes(strokes)
    with ws.action(actor, "inspection.countersign") as s:
        insp = s.get(Inspection, inspection_id)
        if insp is None or insp.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This inspection no longer exists."))
        if insp.finalized_at is None:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "Only a finalized inspection can be countersigned; finalize it first."
                )
            )
        already = s.scalar(
            select(Signature.signer_name).where(
                Signature.record_table == TABLE,
                Signature.record_id == insp.id,
                Signature.purpose == PRINCIPAL,
                Signature.deleted_at.is_(None),
            )
        )
        if already is not None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "{name} has already countersigned this inspection."),
                name=already,
            )
        answers = s.scalars(
            select(InspectionAnswer).where(
                InspectionAnswer.inspection_id == insp.id, InspectionAnswer.deleted_at.is_(None)
            )
        ).all()
        sig = add_signature(
            s,
            signer_name=actor.name,
            signer_user_id=actor.user_id,
            purpose=PRINCIPAL,
            record_table=TABLE,
            record_id=insp.id,
            strokes=strokes,
            content_sha256=content_hash(signed_content(insp, answers)),
            png=png,
        )
        s.info["xiaoan.audit_detail"] = insp.title
        return sig.id
