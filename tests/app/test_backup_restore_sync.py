"""A restore on a PC that already sent bundles: the bureau never sees a number twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.backup.restore import restore_backup
from app.backup.service import backup_now
from app.integrity import check_data_dir
from app.sync.enrollment import import_enrollment, register
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, RetryPolicy
from app.workspace import Workspace
from db.models import BureauBundle, SyncBundle, UserAccount
from tests.helpers import make_user
from tests.sync_support import running_bureau

FAST = RetryPolicy(attempts=6, timeout=30, wait_initial=0.01, wait_max=0.05, wait_jitter=0.01)


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


def bureau_users(bureau, school_id) -> set[str]:
    with bureau.engine.connect() as conn:
        return set(
            conn.execute(
                select(UserAccount.username).where(UserAccount.school_id == school_id)
            ).scalars()
        )


def test_after_a_restore_new_bundles_follow_the_last_one_sent(
    workspace, principal, postgres_url, tmp_path
):
    data_dir, school_id = workspace.data_dir, workspace.school_id
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = HttpTransport(bureau.url, policy=FAST)
        import_enrollment(workspace, bureau.enroll(tmp_path))
        assert register(workspace, transport).registered
        assert sync_pass(workspace, transport=transport).error == ""
        backup = backup_now(workspace, principal)  # made after bundle 1 was sent
        make_user(workspace, principal, "wangqiang", "staff")
        report = sync_pass(workspace, transport=transport)  # bundle 2 carries wangqiang
        assert report.error == "" and report.acked_seq == 2
        make_user(workspace, principal, "lina", "staff")  # never packed

        restore_backup(workspace, principal, backup)

        ws = Workspace.open(data_dir)
        try:
            with ws.read() as s:
                assert [b.seq for b in s.scalars(select(SyncBundle))] == [1, 2]
            make_user(ws, principal, "zhaomin", "staff")
            report = sync_pass(ws, transport=transport)
            assert report.error == "" and not report.quarantined and not report.anything_left
            assert report.acked_seq == 3
            with ws.read() as s:
                sent = s.scalars(select(SyncBundle).order_by(SyncBundle.seq)).all()
            assert sent[-1].seq == 3 and sent[-1].prev_sha256 == sent[-2].sha256
            assert check_data_dir(data_dir).sound
        finally:
            ws.close()
        with bureau.engine.connect() as conn:
            states = conn.execute(select(BureauBundle.seq, BureauBundle.state)).all()
        assert sorted(states) == [(1, "applied"), (2, "applied"), (3, "applied")]
        # What was sent stays at the bureau; what was never packed went back with the PC.
        assert bureau_users(bureau, school_id) == {"zhangli", "wangqiang", "zhaomin"}
