"""Bureau operator commands: quarantine list, release, reject, revoke-device."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.bureau.cli import main as bureau_main
from app.sync.bundle import sha256_hex
from app.sync.service import sync_pass
from db.hlc import pack
from db.models import BureauBundle, BureauDevice, StaffMember, SyncBundle, UserAccount
from tests.app.test_sync_bureau import bureau_state, forge, upload
from tests.app.test_sync_e2e import enroll, rows_of
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def _bureau(bureau, *args):
    return bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *args])


def _local_states(ws):
    with ws.read() as s:
        return {b.seq: (b.state, b.reason) for b in s.scalars(select(SyncBundle))}


def test_a_revoked_pc_is_refused_and_released_after_it_is_trusted_again(
    workspace, principal, postgres_url, tmp_path, capsys
):
    from app.sync.service import export_usb

    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        assert sync_pass(ws, transport=transport).problem == ""
        assert _bureau(bureau, "revoke-device", str(ws.device_id)) == 0
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13812345678"
        with bureau.engine.connect() as conn:
            before = conn.execute(select(BureauBundle.sha256)).scalars().all()
        report = sync_pass(ws, transport=transport)
        # Over HTTP a revoked PC is turned away at the door: nothing is stored for it.
        assert report.problem == "refused" and report.anything_left
        with bureau.engine.connect() as conn:
            assert conn.execute(select(BureauBundle.sha256)).scalars().all() == before
        # By USB its bundle is read and quarantined (unsettled).
        export_usb(ws, tmp_path / "usb")
        assert _bureau(bureau, "import", str(tmp_path / "usb")) == 1
        capsys.readouterr()
        assert _bureau(bureau, "quarantine", "list") == 0
        listed = capsys.readouterr().out
        assert "unknown_device" in listed and "unsettled" in listed
        number = listed.split()[0]

        # The bureau trusts the PC again (say, after checking it by phone).
        with bureau.engine.begin() as conn:
            conn.execute(update(BureauDevice).values(revoked_at=None))
        assert _bureau(bureau, "quarantine", "release", number) == 0
        assert "applied" in capsys.readouterr().out
        report = sync_pass(ws, transport=transport)
        assert report.problem == "" and not report.anything_left
        assert {state for state, _ in _local_states(ws).values()} == {"acked"}
        assert rows_of(bureau.engine, ws.school_id) == rows_of(ws.db.engine, ws.school_id)
        assert _bureau(bureau, "quarantine", "list") == 0
        assert "Nothing is quarantined" in capsys.readouterr().out


def test_a_refused_bundle_is_not_sent_again_and_does_not_hold_up_the_next(
    workspace, principal, postgres_url, tmp_path, capsys
):
    from app.sync.keys import device_keys
    from app.sync.outgoing import outgoing_dir, pack_pending

    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        assert sync_pass(ws, transport=transport).problem == ""
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13812345678"
        pack_pending(ws, device_keys(ws.device_id))
        with ws.read() as s:
            two = s.get(SyncBundle, 2)
        path = outgoing_dir(ws) / two.file_name
        damaged = bytearray(path.read_bytes())  # the PC's disk spoiled the file
        damaged[len(damaged) // 2] ^= 0x01
        path.write_bytes(bytes(damaged))
        sync_pass(ws, transport=transport)
        assert _local_states(ws)[2] == ("quarantined", "corrupt")

        # Later passes leave bundle 2 alone; a newer change still goes out.
        received = bureau.bytes_received()
        report = sync_pass(ws, transport=transport)
        assert report.uploaded == 0 and bureau.bytes_received() == received
        assert report.quarantined == [(2, "corrupt")]
        with ws.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13912345678"
        report = sync_pass(ws, transport=transport)
        assert report.uploaded == 1
        with ws.read() as s:
            three = s.get(SyncBundle, 3)
        assert bureau.bytes_received() == received + three.size
        assert _local_states(ws)[2] == ("quarantined", "corrupt")
        assert bureau.ingestor.acks(ws.device_id).held == [3]


def test_settled_quarantine_is_released_or_rejected_and_the_pc_hears_of_it(
    workspace, postgres_url, tmp_path, capsys
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        sync_pass(ws, transport=transport)
        with ws.read() as s:
            one = s.scalar(select(SyncBundle).where(SyncBundle.seq == 1))
        future = pack(int(datetime.now(UTC).timestamp() * 1000) + 2 * 86_400_000)
        skewed, name2 = forge(ws, bureau, seq=2, prev=one.sha256, hlc=future)
        upload(bureau, tmp_path, skewed, name2)
        other, name3 = forge(ws, bureau, seq=3, prev=sha256_hex(skewed), hlc=future + 1)
        upload(bureau, tmp_path, other, name3)
        assert bureau_state(bureau, sha256_hex(skewed)) == ("quarantined", "clock_skew")

        assert _bureau(bureau, "quarantine", "release", sha256_hex(skewed)[:16]) == 0
        assert bureau_state(bureau, sha256_hex(skewed)) == ("applied", "clock_skew")
        with bureau.engine.connect() as conn:
            names = set(conn.execute(select(UserAccount.username)).scalars())
        assert any(n.startswith("u2-") for n in names)

        assert _bureau(bureau, "quarantine", "reject", sha256_hex(other)[:16]) == 0
        acks = bureau.ingestor.acks(ws.device_id)
        assert [(q["seq"], q["reason"]) for q in acks.quarantined] == [(3, "rejected")]
        capsys.readouterr()
        assert _bureau(bureau, "quarantine", "reject", "deadbeef") == 2
        assert "no quarantined bundle" in capsys.readouterr().err


def test_an_older_bureau_notice_still_reaches_the_school_once(workspace, postgres_url, tmp_path):
    """Notices recorded before publications (``bureau_notice`` rows) still go down in
    ``notices.json``; the ``notice`` command now publishes (tests/app/test_oversight_bureau.py)."""
    from app.bureau.operator import OperatorError, issue_notice
    from app.sync.status import sync_overview

    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(ws, bureau, tmp_path)
        text = "请于本周五前上报秋季开学安全自查表。"
        issue_notice(bureau.engine, "220105-0012", text)
        with pytest.raises(OperatorError, match="no school"):
            issue_notice(bureau.engine, "999999", "x")
        assert sync_pass(ws, transport=transport).problem == ""
        assert sync_pass(ws, transport=transport).problem == ""  # sent again, kept once
        notices = sync_overview(ws).notices
        assert [n.text for n in notices] == [text]
