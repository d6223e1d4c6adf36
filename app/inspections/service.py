"""Inspections: start from templates, answer item by item, finalize.

A finalized inspection is immutable: :func:`answer_item` and
:func:`finalize_inspection` refuse it, and the mapper guards in
``db.models.inspections`` refuse any update that slips past. To correct
one, :func:`correct_inspection` starts a new inspection that references it.

Finalizing turns every failed item into a hazard, or attaches it to the
open hazard it names (or, failing that, to the open hazard already raised
by the same item at the same spot), so a daily patrol that finds the same
blocked exit five days running does not open five hazards. A failed item
needs a note (what was found: the hazard's description) and should name the
exact spot (the hazard's place; the inspection's place when it does not);
the inspector grades each new hazard 一般 or 重大 and signs on the pad.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.attachments.links import check_photos, link_photos
from app.errors import UserError
from app.hazards.service import GRADES, HazardReport, attach_sighting, grade_major, new_hazard
from app.i18n import QT_TRANSLATE_NOOP
from app.inspections.signing import check_strokes, sign_as_inspector
from app.inspections.templates import TemplateCatalog, catalog
from app.signatures.service import Strokes
from app.workspace import Workspace
from db.base import new_id, utcnow
from db.models import Hazard, Inspection, InspectionAnswer, UserAccount

KINDS: dict[str, str] = {
    "daily_patrol": QT_TRANSLATE_NOOP("app", "Daily leader patrol"),
    "weekly": QT_TRANSLATE_NOOP("app", "Weekly check"),
    "half_monthly": QT_TRANSLATE_NOOP("app", "Half-monthly self-inspection"),
    "monthly": QT_TRANSLATE_NOOP("app", "Monthly full check"),
    "special": QT_TRANSLATE_NOOP("app", "Special or seasonal check"),
    "bureau_spot": QT_TRANSLATE_NOOP("app", "Bureau spot check"),
}
RESULTS = ("pass", "fail", "na")
# Paper records are often typed in later, but never dated ahead.
CLOCK_SLACK = timedelta(minutes=10)
# A hazard's title is the start of the finding; the whole finding is its description.
TITLE_CHARS = 60


def default_grade(item_severity: str) -> str:
    """The grade offered for a failed item: 重大 where the checklist marks the item major."""
    return "major" if item_severity == "major" else "general"


def hazard_title(note: str) -> str:
    line = note.strip().splitlines()[0].strip() if note.strip() else ""
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"


@dataclasses.dataclass(frozen=True)
class FinalizeSummary:
    inspection_id: uuid.UUID
    items: int
    failed: int
    new_hazards: list[uuid.UUID]
    attached_to: list[uuid.UUID]


def _frozen_error(i: Inspection) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "This inspection was finalized on {date} and cannot be changed. "
            "Start a correction instead.",
        ),
        date=i.finalized_at.date().isoformat() if i.finalized_at else "",
    )


def _get(s: Session, inspection_id: uuid.UUID) -> Inspection:
    i = s.get(Inspection, inspection_id)
    if i is None or i.deleted_at is not None:
        raise UserError(QT_TRANSLATE_NOOP("app", "This inspection no longer exists."))
    return i


def _inspectors(s: Session, actor: Actor, inspector_ids: Sequence[uuid.UUID]) -> list[str]:
    ids = list(dict.fromkeys([*(i for i in [actor.user_id] if i), *inspector_ids]))
    if ids:
        active = set(
            s.scalars(
                select(UserAccount.id).where(
                    UserAccount.id.in_(ids),
                    UserAccount.active.is_(True),
                    UserAccount.deleted_at.is_(None),
                )
            )
        )
        if len(active) != len(ids):
            raise UserError(QT_TRANSLATE_NOOP("app", "Every inspector must be an active user."))
    return [str(i) for i in ids]


def start_inspection(
    ws: Workspace,
    actor: Actor,
    kind: str,
    template_codes: Sequence[str],
    *,
    place: str = "",
    zone: str = "",
    inspector_ids: Sequence[uuid.UUID] = (),
    started_at: datetime | None = None,
    title: str = "",
    templates: TemplateCatalog | None = None,
) -> uuid.UUID:
    """Create an inspection with one unanswered item per template item, in template order."""
    require(actor, Permission.INSPECT)
    if kind not in KINDS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose the kind of inspection."))
    if not template_codes:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose at least one checklist."))
    cat = templates or catalog(ws.data_dir)
    chosen = []
    for code in dict.fromkeys(template_codes):
        t = cat.get(code)
        if t is None:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "There is no checklist called {code}."), code=code
            )
        chosen.append(t)
    now = utcnow()
    started_at = started_at or now
    if started_at.tzinfo is None:
        raise ValueError("started_at must be an aware datetime")
    if started_at > now + CLOCK_SLACK:
        raise UserError(QT_TRANSLATE_NOOP("app", "An inspection cannot be dated in the future."))
    with ws.action(actor, "inspection.start") as s:
        inspectors = _inspectors(s, actor, inspector_ids)
        insp = Inspection(
            id=new_id(),
            kind=kind,
            title=(title.strip() or " / ".join(t.title for t in chosen))[:200],
            templates=[t.key for t in chosen],
            started_at=started_at,
            place=place.strip(),
            zone=zone.strip(),
            lead_inspector_id=actor.user_id,
            inspector_ids=inspectors,
        )
        s.add(insp)
        s.flush()  # parent before its answers (no relationships declared)
        position = 0
        for t in chosen:
            for item in t.items:
                s.add(
                    InspectionAnswer(
                        id=new_id(),
                        inspection_id=insp.id,
                        position=position,
                        template_code=t.code,
                        template_version=t.version,
                        item_code=item.code,
                        area=item.area,
                        risk_group=item.risk_group,
                        severity=item.severity,
                        text=item.text,
                    )
                )
                position += 1
        s.info["xiaoan.audit_detail"] = f"{kind} {insp.title}"
        return insp.id


def _open_hazard(s: Session, hazard_id: uuid.UUID) -> Hazard:
    h = s.get(Hazard, hazard_id)
    if h is None or h.deleted_at is not None or h.status == "closed":
        raise UserError(
            QT_TRANSLATE_NOOP("app", "A failed item can only be added to an open hazard.")
        )
    return h


def answer_item(
    ws: Workspace,
    actor: Actor,
    answer_id: uuid.UUID,
    result: str,
    note: str = "",
    photo_ids: Sequence[uuid.UUID] = (),
    hazard_id: uuid.UUID | None = None,
    spot: str = "",
) -> None:
    """Record pass / fail / not applicable for one item, with a note and photos.

    For a failed item ``note`` says what was found and ``spot`` exactly where
    (kept only for a failed item). ``hazard_id`` (a failed item only) adds
    the finding to that open hazard instead of opening a new one at
    finalization.
    """
    require(actor, Permission.INSPECT)
    if result not in RESULTS:
        raise UserError(QT_TRANSLATE_NOOP("app", "Choose pass, fail or not applicable."))
    if hazard_id is not None and result != "fail":
        raise UserError(QT_TRANSLATE_NOOP("app", "Only a failed item can be added to a hazard."))
    with ws.action(actor, "inspection.answer") as s:
        a = s.get(InspectionAnswer, answer_id)
        if a is None or a.deleted_at is not None:
            raise UserError(QT_TRANSLATE_NOOP("app", "This checklist item no longer exists."))
        insp = _get(s, a.inspection_id)
        if insp.finalized_at is not None:
            raise _frozen_error(insp)
        if hazard_id is not None:
            _open_hazard(s, hazard_id)
        check_photos(s, photo_ids)
        a.result = result
        a.note = note.strip()
        a.spot = spot.strip()[:200] if result == "fail" else ""
        a.answered_at = utcnow()
        a.answered_by = actor.user_id
        a.hazard_id = hazard_id
        link_photos(s, "inspection_answer", a.id, photo_ids, "answer")


def answer_remaining(
    ws: Workspace, actor: Actor, inspection_id: uuid.UUID, result: str = "pass"
) -> int:
    """Give every unanswered item the same result (the "all else fine" button); returns how many."""
    require(actor, Permission.INSPECT)
    if result not in ("pass", "na"):
        raise UserError(
            QT_TRANSLATE_NOOP("app", "Only pass or not applicable can be given to many items.")
        )
    with ws.action(actor, "inspection.answer") as s:
        insp = _get(s, inspection_id)
        if insp.finalized_at is not None:
            raise _frozen_error(insp)
        now = utcnow()
        rows = s.scalars(
            select(InspectionAnswer).where(
                InspectionAnswer.inspection_id == insp.id, InspectionAnswer.result == ""
            )
        ).all()
        for a in rows:
            a.result, a.answered_at, a.answered_by = result, now, actor.user_id
        return len(rows)


def _short(text: str, chars: int = 30) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _check_grades(
    failed: Sequence[InspectionAnswer], grades: Mapping[uuid.UUID, str]
) -> dict[uuid.UUID, str]:
    ids = {a.id for a in failed}
    for answer_id, grade in grades.items():
        if answer_id not in ids:
            raise UserError(QT_TRANSLATE_NOOP("app", "Only a failed item is graded as a hazard."))
        if grade not in GRADES:
            raise UserError(
                QT_TRANSLATE_NOOP("app", "Choose the hazard's grade: general or major hazard.")
            )
    return {a.id: grades.get(a.id, default_grade(a.severity)) for a in failed}


def finalize_inspection(
    ws: Workspace,
    actor: Actor,
    inspection_id: uuid.UUID,
    note: str = "",
    *,
    grades: Mapping[uuid.UUID, str] | None = None,
    strokes: Strokes | None = None,
    png: bytes | None = None,
) -> FinalizeSummary:
    """Close the inspection for good; failed items become (or join) hazards.

    Refused, with nothing written, while an item is unanswered or a failed
    item has no note. ``grades`` maps a failed answer's id to ``general`` or
    ``major`` (default :func:`default_grade`); a major finding that joins an
    open general hazard makes it major. ``strokes`` (and the pad's ``png``)
    are the inspector's drawn signature (purpose ``inspection.inspector``),
    stored with the inspection in the same action.
    """
    require(actor, Permission.INSPECT)
    if strokes is not None:
        check_strokes(strokes)
    with ws.action(actor, "inspection.finalize") as s:
        insp = _get(s, inspection_id)
        if insp.finalized_at is not None:
            raise _frozen_error(insp)
        answers = s.scalars(
            select(InspectionAnswer)
            .where(InspectionAnswer.inspection_id == insp.id)
            .order_by(InspectionAnswer.position)
        ).all()
        missing = sum(1 for a in answers if not a.result)
        if missing:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "{n} items have no answer yet. Answer every item before finalizing."
                ),
                n=missing,
            )
        failed = [a for a in answers if a.result == "fail"]
        silent = next((a for a in failed if not a.note.strip()), None)
        if silent is not None:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "Item {n} ({item}) failed but has no note. Write down what was found."
                ),
                n=silent.position + 1,
                item=_short(silent.text),
            )
        chosen = _check_grades(failed, grades or {})
        new: list[uuid.UUID] = []
        attached: list[uuid.UUID] = []
        for a in failed:
            place = a.spot or insp.place
            if a.hazard_id is not None:
                h = _open_hazard(s, a.hazard_id)
            else:
                h = s.scalar(
                    select(Hazard)
                    .where(
                        Hazard.item_code == a.item_code,
                        Hazard.place == place,
                        Hazard.status != "closed",
                        Hazard.deleted_at.is_(None),
                    )
                    .order_by(Hazard.reported_at)
                    .limit(1)
                )
            if h is not None:
                a.hazard_id = h.id
                attach_sighting(s, actor, h, insp.id, a.note)
                if chosen[a.id] == "major" and not h.major:
                    grade_major(s, actor, h, a.note)
                attached.append(h.id)
                continue
            # The finding is the hazard: what was found, where; the item says which
            # rule it breaks (kept on the answer, shown as the hazard's finding).
            report = HazardReport(
                title=hazard_title(a.note),
                description=a.note,
                area=a.area,
                risk_group=a.risk_group,
                severity=chosen[a.id],
                place=place,
                zone=insp.zone,
            )
            h = new_hazard(
                s,
                actor,
                report,
                reported_at=insp.started_at,
                item_code=a.item_code,
                source_inspection_id=insp.id,
                note=a.note,
            )
            # The models declare no relationships, so the unit of work does not
            # know the hazard must exist before an answer points at it.
            s.flush()
            a.hazard_id = h.id
            new.append(h.id)
        # Answers are written before the inspection is sealed (see db.models.inspections).
        s.flush()
        insp.item_count = len(answers)
        insp.fail_count = len(failed)
        insp.note = note.strip() or insp.note
        if strokes is not None:
            sign_as_inspector(s, actor, insp, answers, strokes, png)
        insp.finalized_at = utcnow()
        insp.finalized_by = actor.user_id
        s.info["xiaoan.audit_detail"] = f"{insp.title}: {len(failed)}/{len(answers)}"
        return FinalizeSummary(insp.id, len(answers), len(failed), new, attached)


def correct_inspection(
    ws: Workspace, actor: Actor, inspection_id: uuid.UUID, reason: str
) -> uuid.UUID:
    """Start a correction: a new, open inspection with the old one's answers, referencing it."""
    require(actor, Permission.INSPECT)
    reason = reason.strip()
    if not reason:
        raise UserError(QT_TRANSLATE_NOOP("app", "Say what the correction is for."))
    with ws.action(actor, "inspection.correct") as s:
        old = _get(s, inspection_id)
        if old.finalized_at is None:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app", "This inspection is not finalized yet; change its answers directly."
                )
            )
        new = Inspection(
            id=new_id(),
            kind=old.kind,
            title=old.title,
            templates=list(old.templates),
            started_at=old.started_at,
            place=old.place,
            zone=old.zone,
            lead_inspector_id=actor.user_id,
            inspector_ids=list(old.inspector_ids),
            note=reason,
            corrects_id=old.id,
        )
        s.add(new)
        s.flush()  # parent before its answers (no relationships declared)
        open_ids = set(
            s.scalars(
                select(Hazard.id).where(Hazard.status != "closed", Hazard.deleted_at.is_(None))
            )
        )
        for a in s.scalars(
            select(InspectionAnswer).where(InspectionAnswer.inspection_id == old.id)
        ):
            s.add(
                InspectionAnswer(
                    id=new_id(),
                    inspection_id=new.id,
                    position=a.position,
                    template_code=a.template_code,
                    template_version=a.template_version,
                    item_code=a.item_code,
                    area=a.area,
                    risk_group=a.risk_group,
                    severity=a.severity,
                    text=a.text,
                    result=a.result,
                    note=a.note,
                    spot=a.spot,
                    answered_at=a.answered_at,
                    answered_by=a.answered_by,
                    hazard_id=a.hazard_id if a.hazard_id in open_ids else None,
                )
            )
        s.info["xiaoan.audit_detail"] = reason
        return new.id
