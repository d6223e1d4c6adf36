"""Every write to a synced table leaves exactly one outbox row, in the same transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, select, update

from app.actor import Actor
from db.base import utcnow
from db.capture import CaptureError
from db.models import OutboxEntry, School, StaffMember, UserAccount


def outbox(ws):
    with ws.read() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def rows_for(ws, table):
    return [o for o in outbox(ws) if o.table_name == table]


def test_insert_update_tombstone_each_leave_one_matching_row(workspace, principal):
    before = len(outbox(workspace))
    actor = principal
    with workspace.action(actor, "test.insert") as s:
        person = StaffMember(name="李明", post="班主任")
        s.add(person)
    user_id = person.id
    with workspace.action(actor, "test.update") as s:
        s.get(StaffMember, user_id).phone = "13900000000"
    with workspace.action(actor, "test.tombstone") as s:
        s.get(StaffMember, user_id).deleted_at = utcnow()

    mine = [o for o in outbox(workspace)[before:] if o.table_name == "staff_member"]
    assert [o.op for o in mine] == ["insert", "update", "delete"]
    assert all(o.row_id == user_id for o in mine)
    insert_row, update_row, delete_row = mine
    assert insert_row.changes["name"] == "李明"
    assert insert_row.changes["post"] == "班主任"
    # A read-only attribute mapped beside the columns (the person's login) does not travel.
    assert "user_id" not in insert_row.changes
    assert insert_row.changes["school_id"] == str(workspace.school_id)
    # An update carries only what changed (plus bookkeeping), with the new value.
    assert update_row.changes["phone"] == "13900000000"
    assert "name" not in update_row.changes
    assert delete_row.changes["deleted_at"] is not None
    # HLC values grow and match the row's stamp.
    assert insert_row.hlc < update_row.hlc < delete_row.hlc
    with workspace.read() as s:
        row = s.get(StaffMember, user_id)
        assert row.hlc == delete_row.hlc
        assert row.origin_device == workspace.device_id
        assert row.deleted_at is not None  # tombstoned, still there


def test_unchanged_assignment_leaves_no_outbox_row(workspace, principal):
    before = len(outbox(workspace))
    with workspace.action(principal, "test.noop") as s:
        school = s.scalar(select(School))
        school.name = school.name
    assert len(outbox(workspace)) == before


def test_rollback_leaves_no_outbox_row(workspace, principal):
    before = len(outbox(workspace))
    with pytest.raises(RuntimeError), workspace.action(principal, "test.rollback") as s:
        s.add(UserAccount(username="ghost", role="staff"))
        s.flush()  # the outbox row exists inside the transaction …
        assert len(s.scalars(select(OutboxEntry)).all()) == before + 1
        raise RuntimeError("user cancelled")
    # … and is gone with it.
    assert len(outbox(workspace)) == before
    with workspace.read() as s:
        assert s.scalar(select(UserAccount).where(UserAccount.username == "ghost")) is None


@pytest.mark.parametrize(
    "statement",
    [
        update(UserAccount).values(role="guard"),
        delete(UserAccount),
        insert(UserAccount).values(username="x", role="staff"),
    ],
    ids=["update", "delete", "insert"],
)
def test_bulk_statements_on_synced_tables_are_refused(workspace, principal, statement):
    before = outbox(workspace)
    with pytest.raises(CaptureError, match="bulk"), workspace.action(principal, "bulk") as s:
        s.execute(statement)
    assert len(outbox(workspace)) == len(before)


def test_hard_delete_of_a_synced_row_is_refused(workspace, principal):
    with pytest.raises(CaptureError, match="tombstone"), workspace.action(principal, "x") as s:
        s.delete(s.scalar(select(UserAccount)))
    with workspace.read() as s:
        assert s.scalar(select(UserAccount)) is not None


def test_writes_outside_an_action_are_refused(workspace):
    with pytest.raises(CaptureError), workspace.read() as s:
        s.add(UserAccount(username="sneaky", display_name="x", role="staff"))
        s.flush()


def test_outbox_rows_carry_the_actor(workspace, principal):
    actor = Actor(user_id=principal.user_id, name=principal.name, role=principal.role)
    with workspace.action(actor, "test.actor") as s:
        s.add(UserAccount(username="a1", display_name="a", role="staff"))
    last_user_row = rows_for(workspace, "user_account")[-1]
    assert last_user_row.actor_id == principal.user_id
