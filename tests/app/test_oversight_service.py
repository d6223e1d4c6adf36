"""Answering the bureau: a supervision reply and a notice acknowledgement are audited, synced
records; who may write them; what the 工作台 lists."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from app.dashboard.worktable import load_worktable
from app.errors import PermissionDenied, UserError
from app.hazards.service import HazardReport, escalate_hazard, report_hazard
from app.oversight import service
from db.models import AuditEntry, NoticeAck, OutboxEntry, SupervisionReply
from tests.app.inspection_helpers import people
from tests.app.oversight_helpers import deliver, duty_order, hazard_order, notice


def outbox_seq(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.max(OutboxEntry.seq))) or 0


def since(ws, seq):
    with ws.read() as s:
        return [
            (o.table_name, o.op)
            for o in s.scalars(select(OutboxEntry).where(OutboxEntry.seq > seq))
        ]


def last_audit(ws) -> AuditEntry:
    with ws.read() as s:
        return s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))


def test_replying_to_an_order_is_audited_synced_and_ends_it(workspace, principal):
    ws = workspace
    hid = report_hazard(ws, principal, HazardReport(title="教学楼西侧围墙开裂", area="buildings"))
    escalate_hazard(ws, principal, hid, "需区财政拨款维修")
    order = hazard_order(hid, "YH-TEST", "教学楼西侧围墙开裂")
    deliver(ws, [order, duty_order(seq=2)])
    assert len(service.open_orders(ws)) == 2
    start = outbox_seq(ws)
    oid = uuid.UUID(order["id"])
    service.reply_to_order(ws, principal, oid, "  已设置围挡，维修方案已报区教育局。 ")
    assert sorted(since(ws, start)) == [("audit_entry", "insert"), ("supervision_reply", "insert")]
    entry = last_audit(ws)
    assert entry.action == "oversight.reply" and entry.detail == "YH-TEST"
    assert entry.targets[0]["table"] == "supervision_reply"
    with ws.read() as s:
        reply = s.scalar(select(SupervisionReply))
        assert reply.school_id == ws.school_id and reply.order_id == oid
        assert reply.text == "已设置围挡，维修方案已报区教育局。"
        assert reply.hazard_id == hid and reply.hazard_status == "reported"
        assert reply.replier_name == principal.name and reply.replied_by == principal.user_id
    assert [o.subject for o in service.open_orders(ws)] == ["duty"]
    with pytest.raises(UserError, match="already answered"):
        service.reply_to_order(ws, principal, oid, "again")


def test_a_reply_needs_text_a_known_order_and_a_leader(workspace, principal):
    ws = workspace
    crew = people(ws, principal)
    order = duty_order()
    deliver(ws, [order])
    oid = uuid.UUID(order["id"])
    start = outbox_seq(ws)
    with pytest.raises(PermissionDenied):
        service.reply_to_order(ws, crew.teacher, oid, "已补齐")
    with pytest.raises(UserError, match="Write what"):
        service.reply_to_order(ws, principal, oid, "   ")
    with pytest.raises(UserError, match="not on this PC"):
        service.reply_to_order(ws, principal, uuid.uuid4(), "已补齐")
    assert since(ws, start) == []
    # A safety officer answers for the school too.
    service.reply_to_order(ws, crew.officer, oid, "已补齐巡查记录")
    assert service.open_orders(ws) == []


def test_acknowledging_a_notice_is_audited_synced_and_anyone_at_the_school_may(
    workspace, principal
):
    ws = workspace
    crew = people(ws, principal)
    asks, plain = notice(ack=True, seq=1), notice("仅供知悉", ack=False, seq=2)
    deliver(ws, [asks, plain])
    nid = uuid.UUID(asks["id"])
    assert [n.id for n in service.notices_to_acknowledge(ws)] == [nid]
    with pytest.raises(UserError, match="does not ask"):
        service.acknowledge_notice(ws, crew.guard, uuid.UUID(plain["id"]))
    start = outbox_seq(ws)
    service.acknowledge_notice(ws, crew.guard, nid)
    assert sorted(since(ws, start)) == [("audit_entry", "insert"), ("notice_ack", "insert")]
    assert last_audit(ws).action == "oversight.acknowledge"
    with ws.read() as s:
        ack = s.scalar(select(NoticeAck))
        assert ack.notice_id == nid and ack.person_name == crew.guard.name
        assert ack.school_id == ws.school_id
    assert service.notices_to_acknowledge(ws) == []
    with pytest.raises(UserError, match="already acknowledged"):
        service.acknowledge_notice(ws, principal, nid)


def test_a_bureau_administrator_may_not_acknowledge_for_the_school(workspace, principal):
    from tests.helpers import make_user

    ws = workspace
    admin = make_user(ws, principal, "jyj", "bureau_admin").actor()
    asks = notice(ack=True)
    deliver(ws, [asks])
    with pytest.raises(PermissionDenied):
        service.acknowledge_notice(ws, admin, uuid.UUID(asks["id"]))
    with pytest.raises(PermissionDenied):
        service.reply_to_order(ws, admin, uuid.UUID(asks["id"]), "x")


def test_the_worktable_carries_open_orders_first_and_notices_to_acknowledge(workspace, principal):
    ws = workspace
    from datetime import date, timedelta

    late = duty_order("逾期的督办", deadline=date.today() - timedelta(days=1), seq=1)
    soon = duty_order("本周的督办", deadline=date.today() + timedelta(days=3), seq=2)
    deliver(ws, [soon, late, notice(ack=True, seq=3)])
    table = load_worktable(ws, principal)
    assert [o.text for o in table.orders] == ["逾期的督办", "本周的督办"]
    assert table.orders[0].overdue(table.today) and not table.orders[1].overdue(table.today)
    assert len(table.notices) == 1
    service.reply_to_order(ws, principal, uuid.UUID(late["id"]), "已整改")
    assert [o.text for o in load_worktable(ws, principal).orders] == ["本周的督办"]
