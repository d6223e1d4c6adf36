"""The bureau checks each PC's anchored audit head against its own copy of the trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.bureau.audit_anchor import anchors
from app.bureau.cli import main as bureau_main
from app.sync.service import sync_pass
from db.models import AuditEntry, BureauBundle, StaffMember
from tests.app.test_sync_e2e import enroll
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def test_a_rewritten_or_rolled_back_trail_shows_against_the_bureaus_anchor(
    workspace, principal, postgres_url, tmp_path, capsys
):
    school = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(school, bureau, tmp_path)
        assert not sync_pass(school, transport=transport).anything_left
        with school.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13812345678"
        assert not sync_pass(school, transport=transport).anything_left
        with school.read() as s:
            last = s.scalar(
                select(AuditEntry)
                .where(AuditEntry.origin_device == school.device_id)
                .order_by(AuditEntry.seq.desc())
            )
        (found,) = anchors(bureau.engine)
        assert (found.device_id, found.bundle_seq) == (school.device_id, 2)
        assert (found.head_seq, found.head_hash, found.state) == (
            last.seq,
            last.entry_hash,
            "agrees",
        )
        assert found.went_back == ()
        args = ["--key-dir", str(bureau.key_dir), "audit-anchors"]
        assert bureau_main(args) == 0
        assert "agrees" in capsys.readouterr().out

        engine = bureau.engine
        # The PC's copy rewritten after it was sent: the bureau's entry no longer matches.
        with engine.begin() as conn:
            conn.execute(
                update(BureauBundle)
                .where(BureauBundle.device_id == school.device_id, BureauBundle.seq == 2)
                .values(audit_head={"seq": last.seq, "hash": "0" * 64, "mac": ""})
            )
        assert anchors(engine)[0].state == "differs"
        # A later bundle whose head is behind an earlier one: the PC was rolled back.
        with engine.begin() as conn:
            conn.execute(
                update(BureauBundle)
                .where(BureauBundle.device_id == school.device_id, BureauBundle.seq == 2)
                .values(audit_head={"seq": 1, "hash": "1" * 64, "mac": ""})
            )
        (back,) = anchors(engine)
        assert back.went_back and "after" in back.went_back[0]
        assert bureau_main(args) == 1
        assert "went back" in capsys.readouterr().out
