"""Cut-over to bundle format 2: an upgraded PC re-packs its still-open format-1 bundles."""

from __future__ import annotations

import pyrage
import pytest
import zstandard
from pyrage import x25519
from sqlalchemy import select

from app.sync import keys as sync_keys
from app.sync.bundle import sha256_hex
from app.sync.outgoing import outgoing_dir, pack_pending
from app.sync.service import sync_pass
from db.models import BureauBundle, StaffMember, SyncBundle
from tests.app.test_sync_e2e import enroll, rows_of
from tests.sync_support import running_bureau


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def _as_format_1(ws, seq: int, recipient: str) -> bytes:
    """Turn bundle ``seq`` into what an older app left behind: a format-1 file (zstd tar in age)."""
    data = pyrage.encrypt(
        zstandard.ZstdCompressor().compress(b"manifest.json\0" + bytes(2000)),
        [x25519.Recipient.from_str(recipient)],
    )
    with ws.db.write(actor_id=None) as s:
        row = s.scalar(select(SyncBundle).where(SyncBundle.seq == seq))
        (outgoing_dir(ws) / row.file_name).write_bytes(data)
        row.sha256, row.size, row.format = sha256_hex(data), len(data), 1
        following = s.scalar(select(SyncBundle).where(SyncBundle.seq == seq + 1))
        if following is not None:
            following.prev_sha256, following.format = sha256_hex(data), 1
    return data


def test_open_format_1_bundles_are_repacked_with_the_same_seq_and_changes(
    workspace, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(workspace, bureau, tmp_path)
        keys = sync_keys.load_device_keys(workspace.device_id)
        assert pack_pending(workspace, keys) == [1]
        with workspace.action(principal, "edit") as s:
            s.scalar(select(StaffMember)).phone = "13812345678"
        assert pack_pending(workspace, keys) == [2]
        recipient = bureau.config.age.recipient
        old_one = _as_format_1(workspace, 1, recipient)
        _as_format_1(workspace, 2, recipient)
        # The bureau held bundle 1 in format 1 before it was upgraded (verified then).
        spool = bureau.config.spool_dir / "bundles" / f"{sha256_hex(old_one)}.bundle"
        spool.write_bytes(old_one)
        with bureau.engine.begin() as conn:
            conn.execute(
                BureauBundle.__table__.insert().values(
                    sha256=sha256_hex(old_one),
                    device_id=workspace.device_id,
                    school_id=workspace.school_id,
                    seq=1,
                    size=len(old_one),
                    path=str(spool),
                    state="held",
                    verified=True,
                )
            )

        report = sync_pass(workspace, transport=transport)

        assert report.error == "" and not report.anything_left and report.acked_seq == 2
        with workspace.read() as s:
            rows = list(s.scalars(select(SyncBundle).order_by(SyncBundle.seq)))
        assert [(r.seq, r.format, r.state) for r in rows] == [(1, 2, "acked"), (2, 2, "acked")]
        assert rows[1].prev_sha256 == rows[0].sha256 != sha256_hex(old_one)
        assert rows_of(bureau.engine, workspace.school_id) == rows_of(
            workspace.db.engine, workspace.school_id
        )
        with bureau.engine.connect() as conn:
            held_before = conn.execute(
                select(BureauBundle.state, BureauBundle.reason, BureauBundle.verified).where(
                    BureauBundle.sha256 == sha256_hex(old_one)
                )
            ).one()
        assert tuple(held_before) == ("quarantined", "unsupported_format", False)
