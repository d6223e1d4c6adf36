"""The school's side of oversight: what the bureau asked, and answering it.

Reads: open supervision orders (督办, until answered), notices still waiting
for an acknowledgement, the bureau's answers to escalated hazards, and when
the bureau last updated a checklist template or the compliance rules.

Writes, each one audited action whose row syncs up to the bureau:

* :func:`reply_to_order` — the school's reply to a supervision order
  (principal or safety officer: ``ANSWER_BUREAU``); it names the hazard the
  order is about and that hazard's state now;
* :func:`acknowledge_notice` — someone at the school read a notice that asks
  for acknowledgement (anyone at the school: ``ACKNOWLEDGE_NOTICE``).
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime

from sqlalchemy import select

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.workspace import Workspace
from db.base import utcnow
from db.models import (
    Hazard,
    NoticeAck,
    PublicationKind,
    ReceivedPublication,
    SupervisionReply,
)

MAX_REPLY = 2000


@dataclasses.dataclass(frozen=True)
class Order:
    id: uuid.UUID
    subject: str  # "hazard" | "duty"
    hazard_id: uuid.UUID | None
    hazard_ref: str
    hazard_title: str
    duty: str
    deadline: date
    text: str
    published_at: datetime
    answered: bool = False

    def overdue(self, today: date) -> bool:
        return not self.answered and self.deadline < today


@dataclasses.dataclass(frozen=True)
class Notice:
    id: uuid.UUID
    text: str
    ack_required: bool
    published_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str = ""


@dataclasses.dataclass(frozen=True)
class HazardAnswer:
    text: str
    published_at: datetime


def _order(p: ReceivedPublication, answered: bool) -> Order:
    b = p.body
    hazard = b.get("hazard_id")
    return Order(
        p.id,
        b.get("subject", ""),
        uuid.UUID(hazard) if hazard else None,
        b.get("hazard_ref", ""),
        b.get("hazard_title", ""),
        b.get("duty", ""),
        date.fromisoformat(b["deadline"]),
        b.get("text", ""),
        p.published_at,
        answered,
    )


def _answered(s, school_id) -> set[uuid.UUID]:
    return set(
        s.scalars(
            select(SupervisionReply.order_id).where(
                SupervisionReply.school_id == school_id, SupervisionReply.deleted_at.is_(None)
            )
        )
    )


def _received(s, kind: str) -> list[ReceivedPublication]:
    return list(
        s.scalars(
            select(ReceivedPublication)
            .where(ReceivedPublication.kind == kind)
            .order_by(ReceivedPublication.seq)
        )
    )


def orders_in(s, school_id) -> list[Order]:
    """Every supervision order received, deadline first; answered ones flagged."""
    answered = _answered(s, school_id)
    orders = [_order(p, p.id in answered) for p in _received(s, PublicationKind.SUPERVISION)]
    return sorted(orders, key=lambda o: (o.answered, o.deadline, o.published_at))


def open_orders_in(s, school_id) -> list[Order]:
    return [o for o in orders_in(s, school_id) if not o.answered]


def open_orders(ws: Workspace) -> list[Order]:
    with ws.read() as s:
        return open_orders_in(s, ws.school_id)


def _acks(s, school_id) -> dict[uuid.UUID, NoticeAck]:
    rows = s.scalars(
        select(NoticeAck)
        .where(NoticeAck.school_id == school_id, NoticeAck.deleted_at.is_(None))
        .order_by(NoticeAck.read_at.desc())
    )
    return {a.notice_id: a for a in rows}


def notices_in(s, school_id) -> list[Notice]:
    acks = _acks(s, school_id)
    out = []
    for p in _received(s, PublicationKind.NOTICE):
        ack = acks.get(p.id)
        out.append(
            Notice(
                p.id,
                p.body.get("text", ""),
                bool(p.body.get("ack_required")),
                p.published_at,
                ack.read_at if ack else None,
                ack.person_name if ack else "",
            )
        )
    return out


def notices_to_acknowledge_in(s, school_id) -> list[Notice]:
    return [n for n in notices_in(s, school_id) if n.ack_required and n.acknowledged_at is None]


def notices_to_acknowledge(ws: Workspace) -> list[Notice]:
    with ws.read() as s:
        return notices_to_acknowledge_in(s, ws.school_id)


def hazard_answers(ws: Workspace, hazard_id: uuid.UUID) -> list[HazardAnswer]:
    """The bureau's answers to this hazard's escalation, oldest first."""
    with ws.read() as s:
        return [
            HazardAnswer(p.body.get("text", ""), p.published_at)
            for p in _received(s, PublicationKind.HAZARD_ANSWER)
            if p.body.get("hazard_id") == str(hazard_id)
        ]


def template_updates(ws: Workspace) -> dict[str, tuple[int, datetime]]:
    """Template code -> (version, when the bureau published it), the newest version each."""
    out: dict[str, tuple[int, datetime]] = {}
    with ws.read() as s:
        for p in _received(s, PublicationKind.TEMPLATE):
            code, version = p.body.get("code"), p.body.get("version", 0)
            if code not in out or version > out[code][0]:
                out[code] = (version, p.published_at)
    return out


def rules_published_in(s, version: str) -> datetime | None:
    for p in reversed(_received(s, PublicationKind.RULES)):
        if p.body.get("version") == version:
            return p.published_at
    return None


def rules_update(ws: Workspace, version: str) -> datetime | None:
    """When the bureau published the rules of this version (None: shipped with the app)."""
    with ws.read() as s:
        return rules_published_in(s, version)


# -- writes ---------------------------------------------------------------------------------


def _publication(s, pid: uuid.UUID, kind: str) -> ReceivedPublication:
    p = s.get(ReceivedPublication, pid)
    if p is None or p.kind != kind:
        raise UserError(QT_TRANSLATE_NOOP("app", "This message from the bureau is not on this PC."))
    return p


def reply_to_order(ws: Workspace, actor: Actor, order_id: uuid.UUID, text: str) -> uuid.UUID:
    """Answer a supervision order for the school; one audited action, synced to the bureau."""
    require(actor, Permission.ANSWER_BUREAU)
    text = (text or "").strip()
    if not text:
        raise UserError(QT_TRANSLATE_NOOP("app", "Write what the school has done about it."))
    if len(text) > MAX_REPLY:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "A reply is at most {limit} characters."), limit=MAX_REPLY
        )
    with ws.action(actor, "oversight.reply") as s:
        p = _publication(s, order_id, PublicationKind.SUPERVISION)
        if order_id in _answered(s, ws.school_id):
            raise UserError(QT_TRANSLATE_NOOP("app", "This supervision order is already answered."))
        hazard = None
        if p.body.get("hazard_id"):
            hazard = s.get(Hazard, uuid.UUID(p.body["hazard_id"]))
        reply = SupervisionReply(
            order_id=order_id,
            text=text,
            replied_by=actor.user_id,
            replier_name=actor.name,
            replied_at=utcnow(),
            hazard_id=hazard.id if hazard is not None else None,
            hazard_status=hazard.status if hazard is not None else "",
        )
        s.add(reply)
        s.flush()
        s.info["xiaoan.audit_detail"] = p.body.get("hazard_ref") or p.body.get("duty", "")
        return reply.id


def acknowledge_notice(ws: Workspace, actor: Actor, notice_id: uuid.UUID) -> uuid.UUID:
    """Record that ``actor`` read a bureau notice; one audited action, synced to the bureau."""
    require(actor, Permission.ACKNOWLEDGE_NOTICE)
    with ws.action(actor, "oversight.acknowledge") as s:
        p = _publication(s, notice_id, PublicationKind.NOTICE)
        if not p.body.get("ack_required"):
            raise UserError(
                QT_TRANSLATE_NOOP("app", "This notice does not ask for an acknowledgement.")
            )
        if notice_id in _acks(s, ws.school_id):
            raise UserError(QT_TRANSLATE_NOOP("app", "This notice is already acknowledged."))
        ack = NoticeAck(
            notice_id=notice_id, person_id=actor.user_id, person_name=actor.name, read_at=utcnow()
        )
        s.add(ack)
        s.flush()
        s.info["xiaoan.audit_detail"] = p.body.get("text", "")[:60]
        return ack.id
