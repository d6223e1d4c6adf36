"""The audit trail is append-only and hash-chained; `xiaoan check` finds tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts import service as accounts
from app.integrity import check_data_dir
from db import cipher
from db.models import AuditEntry
from tests.helpers import make_user, open_db
from ui.launcher import main as xiaoan


def entries(ws):
    with ws.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


@pytest.fixture
def busy_workspace(workspace, principal):
    """A few actions of different people."""
    user = make_user(workspace, principal, "wangqiang", "staff")
    accounts.update_user(workspace, principal, user.id, display_name="王强", role="duty_staff")
    accounts.authenticate(workspace, "wangqiang", "482913")
    return workspace


def test_every_action_is_recorded_with_who_what_and_which_rows(busy_workspace, principal):
    trail = entries(busy_workspace)
    actions = [e.action for e in trail]
    assert actions[0] == "school.set_up"
    assert "user.create" in actions and "user.update" in actions and "login" in actions
    update = next(e for e in trail if e.action == "user.update")
    assert update.actor_id == principal.user_id and update.actor_name == "张丽"
    # The role is the login's, the name the person's: one action, both rows named.
    assert {(x["table"], x["op"]) for x in update.targets} == {
        ("user_account", "update"),
        ("staff_member", "update"),
    }
    assert [e.seq for e in trail] == list(range(1, len(trail) + 1))
    assert all(b.prev_hash == a.entry_hash for a, b in zip(trail, trail[1:], strict=False))


def test_database_refuses_update_and_delete_of_audit_rows(busy_workspace):
    busy_workspace.close()
    conn = open_db(busy_workspace.db_path)
    with pytest.raises(cipher.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit_entry SET actor_name = 'someone else'")
    with pytest.raises(cipher.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit_entry")
    conn.close()


def _tamper(db_path, *sql):
    """What someone with the sqlite3 shell could do: drop the guards and edit."""
    conn = open_db(db_path)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_check_passes_on_an_untouched_trail(busy_workspace, capsys):
    busy_workspace.close()
    assert xiaoan(["check", "--data-dir", str(busy_workspace.data_dir)]) == 0
    assert check_data_dir(busy_workspace.data_dir).sound


def test_check_names_an_edited_entry(busy_workspace, capsys):
    trail = entries(busy_workspace)
    target = trail[2]
    busy_workspace.close()
    _tamper(
        busy_workspace.db_path,
        f"UPDATE audit_entry SET actor_name = '李四' WHERE seq = {target.seq}",
    )
    report = check_data_dir(busy_workspace.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(target.seq, "edited")]
    assert xiaoan(["check", "--data-dir", str(busy_workspace.data_dir)]) == 1
    err = capsys.readouterr().err
    assert f"#{target.seq}" in err and str(target.id) in err


def test_check_names_a_deleted_entry_in_the_middle(busy_workspace):
    busy_workspace.close()
    _tamper(busy_workspace.db_path, "DELETE FROM audit_entry WHERE seq = 2")
    report = check_data_dir(busy_workspace.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(2, "missing")]


def test_check_detects_entries_deleted_from_the_end(busy_workspace):
    last = entries(busy_workspace)[-1].seq
    busy_workspace.close()
    _tamper(busy_workspace.db_path, f"DELETE FROM audit_entry WHERE seq = {last}")
    report = check_data_dir(busy_workspace.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(last, "head_missing")]


def test_check_detects_a_rewritten_chain_that_recomputes_one_hash(busy_workspace):
    """Editing an entry and fixing its own hash still breaks the next entry's link."""
    from app.audit.trail import _hashed_fields, entry_hash

    trail = entries(busy_workspace)
    victim = trail[1]
    victim.actor_name = "李四"
    forged = entry_hash(_hashed_fields(victim, victim.origin_device, victim.school_id))
    busy_workspace.close()
    _tamper(
        busy_workspace.db_path,
        f"UPDATE audit_entry SET actor_name = '李四', entry_hash = '{forged}' WHERE seq = 2",
    )
    report = check_data_dir(busy_workspace.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(3, "out_of_order")]


def test_check_reports_a_damaged_file(busy_workspace, capsys):
    busy_workspace.close()
    path = busy_workspace.db_path
    data = bytearray(path.read_bytes())
    # Scribble over the middle of the file, past the header page.
    for i in range(len(data) // 2, len(data) // 2 + 4096):
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    code = xiaoan(["check", "--data-dir", str(busy_workspace.data_dir)])
    assert code in (1, 2)
    assert capsys.readouterr().err.strip()


def test_check_on_a_folder_without_a_database(tmp_path, capsys):
    assert xiaoan(["check", "--data-dir", str(tmp_path)]) == 2
    assert str(tmp_path) in capsys.readouterr().err
