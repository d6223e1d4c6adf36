"""The keyed audit chain and the record spot-check: what someone with the sqlite3 shell
and the database key, but without the audit key (kept outside the database), can no
longer hide from `xiaoan check`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.audit import keys
from app.audit.trail import _hashed_fields, entry_hash
from app.hazards.service import HazardReport, report_hazard
from app.integrity import check_data_dir
from app.sync import keystore
from db.models import AuditEntry
from tests.helpers import make_user, open_db
from ui.launcher import main as xiaoan


@pytest.fixture(autouse=True)
def _chinese(monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "zh_CN")


@pytest.fixture
def school(workspace, principal):
    make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    hid = report_hazard(
        workspace,
        principal,
        HazardReport(title="二楼东侧安全出口被课桌堵塞", area="fire", description="课桌堆放"),
    )
    workspace.hazard_id = hid
    return workspace


def entries(ws):
    with ws.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def _shell(db_path, *sql):
    """What someone with the sqlite3 shell can do: drop the guards and write."""
    conn = open_db(db_path)
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _rehash_from(db_path, trail, first_seq, **edit):
    """Edit entry ``first_seq`` and recompute every later SHA-256 and the head, as the
    plain chain would need: everything an attacker without the key can compute."""
    prev = None
    conn = open_db(db_path)
    conn.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
    for e in trail:
        if e.seq < first_seq:
            prev = e.entry_hash
            continue
        if e.seq == first_seq:
            for k, v in edit.items():
                setattr(e, k, v)
        e.prev_hash = prev
        e.entry_hash = entry_hash(_hashed_fields(e, e.origin_device, e.school_id))
        conn.execute(
            "UPDATE audit_entry SET actor_name=?, detail=?, prev_hash=?, entry_hash=? WHERE id=?",
            (e.actor_name, e.detail, e.prev_hash, e.entry_hash, e.id.hex),
        )
        prev = e.entry_hash
    conn.execute("UPDATE device_state SET audit_head_hash=?", (prev,))
    conn.commit()
    conn.close()


def test_a_genuine_database_is_sound_and_its_records_are_compared(school, capsys):
    school.close()
    report = check_data_dir(school.data_dir)
    assert report.sound and report.records_compared > 5
    assert all(e.entry_mac for e in entries(school))
    assert xiaoan(["check", "--data-dir", str(school.data_dir)]) == 0
    assert capsys.readouterr().err == ""


def test_a_chain_rehashed_with_plain_sha256_is_caught(school, capsys):
    trail = entries(school)
    school.close()
    _rehash_from(school.db_path, trail, 2, actor_name="李四")
    report = check_data_dir(school.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(2, "edited")]
    assert xiaoan(["check", "--data-dir", str(school.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "#2" in err and "操作日志" in err


def test_cutting_the_tail_and_moving_the_head_back_is_caught(school):
    trail = entries(school)
    last, before = trail[-1], trail[-2]
    school.close()
    _shell(
        school.db_path,
        f"DELETE FROM audit_entry WHERE seq = {last.seq}",
        f"UPDATE device_state SET audit_head_seq = {before.seq}, "
        f"audit_head_hash = '{before.entry_hash}'",
    )
    report = check_data_dir(school.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(last.seq, "head_missing")]


def test_stripping_the_seals_is_caught(school):
    school.close()
    _shell(school.db_path, "UPDATE audit_entry SET entry_mac = NULL")
    report = check_data_dir(school.data_dir)
    assert [p.reason for p in report.chain] == ["unkeyed"]
    assert not report.sound


def test_a_hazard_description_edited_in_sqlite_is_named(school, capsys):
    hid = school.hazard_id
    school.close()
    _shell(school.db_path, f"UPDATE hazard SET description = '已整改' WHERE id = '{hid.hex}'")
    report = check_data_dir(school.data_dir)
    assert report.chain == []
    assert [(p.table, p.row_id, p.field, p.reason) for p in report.records] == [
        ("hazard", str(hid), "description", "changed")
    ]
    assert xiaoan(["check", "--data-dir", str(school.data_dir)]) == 1
    err = capsys.readouterr().err
    assert str(hid) in err and "hazard" in err and "description" in err


def test_editing_the_outbox_row_along_with_the_record_is_caught(school):
    """The audit entry names each change by its digest, so the outbox cannot be rewritten."""
    hid = school.hazard_id
    school.close()
    conn = open_db(school.db_path)
    seq, changes = conn.execute(
        "SELECT seq, changes FROM outbox WHERE table_name = 'hazard' AND row_id = ?",
        (hid.hex,),
    ).fetchone()
    conn.close()
    changes = json.loads(changes)
    changes["description"] = "已整改"
    conn = open_db(school.db_path)
    conn.execute("UPDATE hazard SET description = '已整改' WHERE id = ?", (hid.hex,))
    conn.execute(
        "UPDATE outbox SET changes = ? WHERE seq = ?",
        (json.dumps(changes, ensure_ascii=False), seq),
    )
    conn.commit()
    conn.close()
    report = check_data_dir(school.data_dir)
    reasons = {(p.table, p.row_id, p.reason) for p in report.records}
    assert ("hazard", str(hid), "outbox_changed") in reasons
    assert ("hazard", str(hid), "unaudited") in reasons


def test_a_missing_audit_key_is_named_and_not_replaced(school, capsys):
    device = school.device_id
    school.close()
    keystore.delete(keys.key_name(device))
    keys.forget_cached()
    report = check_data_dir(school.data_dir)
    assert [p.reason for p in report.chain] == ["key_missing"]
    assert not report.sound
    assert xiaoan(["check", "--data-dir", str(school.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "密钥" in err and keys.key_name(device) in err
    assert keys.existing_key(device) is None, "check never makes a key"


def test_a_chain_from_before_keys_is_keyed_from_an_anchor(school, principal):
    """An upgraded database: SHA-256-only entries, then an audit.keyed anchor on first write."""
    device = school.device_id
    school.close()
    _shell(
        school.db_path,
        "UPDATE audit_entry SET entry_mac = NULL",
        "UPDATE device_state SET audit_head_mac = ''",
    )
    keystore.delete(keys.key_name(device))
    keys.forget_cached()
    old = entries(school)
    assert check_data_dir(school.data_dir).sound  # no key yet: the SHA-256 chain as before

    from app.workspace import Workspace

    ws = Workspace.open(school.data_dir)
    report_hazard(ws, principal, HazardReport(title="食堂地面湿滑", area="food"))
    trail = entries(ws)
    ws.close()
    anchor = trail[len(old)]
    assert anchor.action == "audit.keyed" and anchor.entry_mac
    assert all(e.entry_mac for e in trail[len(old) :])
    assert check_data_dir(school.data_dir).sound
    # A rewrite of the old, unkeyed part breaks the anchor's seal.
    _rehash_from(school.db_path, trail, 2, actor_name="李四")
    report = check_data_dir(school.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(anchor.seq, "edited")]


def test_a_lost_key_is_replaced_by_the_app_with_a_recorded_anchor(school, principal, capsys):
    device = school.device_id
    keystore.delete(keys.key_name(device))
    keys.forget_cached()
    report_hazard(school, principal, HazardReport(title="食堂地面湿滑", area="food"))
    trail = entries(school)
    school.close()
    rekey = next(e for e in trail if e.action == "audit.rekeyed")
    report = check_data_dir(school.data_dir)
    assert [(p.seq, p.reason) for p in report.chain] == [(rekey.seq, "key_replaced")]
    assert report.sound
    assert xiaoan(["check", "--data-dir", str(school.data_dir)]) == 0
    assert "密钥" in capsys.readouterr().out


def test_the_audit_head_travels_in_the_signed_bundle_manifest(school):
    """The bureau keeps each bundle's copy of the head: the anchor an inspector compares with."""
    from app.sync.bundle import build_bundle, read_bundle
    from app.sync.keys import AgeIdentity, SigningKey
    from app.sync.outgoing import audit_head

    device, bureau = SigningKey.generate(), AgeIdentity.generate()
    with school.read() as s:
        head = audit_head(s)
    last = entries(school)[-1]
    assert head == {"seq": last.seq, "hash": last.entry_hash, "mac": last.entry_mac}
    data = build_bundle(
        school_id=school.school_id,
        device_id=school.device_id,
        seq=1,
        prev_sha256="",
        changes=[],
        blobs={},
        schema_revision="0017_keyed_audit",
        app_version="0.1.0",
        signing_key=device,
        recipients=[bureau.recipient],
        created_at="2026-11-27T06:00:00+00:00",
        audit_head=head,
    )
    assert (
        read_bundle(data, [bureau], lambda _device, _school: device.public).manifest["audit_head"]
        == head
    )
