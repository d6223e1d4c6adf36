"""A copied data folder is told apart from a moved one, and re-enrolls as a new computer
whose unacknowledged changes reach a real bureau once, under the new device."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.accounts.service import authenticate
from app.errors import PermissionDenied, UserError
from app.sync import identity, keystore
from app.sync.enrollment import import_enrollment, register
from app.sync.keys import device_keys, load_device_keys
from app.sync.outgoing import pack_pending
from app.sync.service import sync_pass
from app.sync.status import advice, sync_overview
from app.sync.transport import HttpTransport
from app.workspace import Workspace
from db.models import (
    BureauBundle,
    DeviceState,
    OutboxEntry,
    SyncBundle,
    SyncEnrollment,
    UserAccount,
)
from tests.app.test_sync_e2e import FAST, rows_of
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.sync_support import running_bureau


def english(_context: str, text: str) -> str:
    return text


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


def _enrollment_file(tmp_path, code: str) -> Path:
    """A well-formed enrollment file for ``code`` (no bureau needed to refuse it)."""
    from pyrage import x25519

    from app.sync.keys import SigningKey

    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{code}.enroll.json"
    path.write_text(
        json.dumps(
            {
                "format": "xiaoan-enrollment/1",
                "bureau_url": "http://127.0.0.1:9",
                "bureau_signing_key": base64.b64encode(SigningKey.generate().public).decode(),
                "bureau_recipients": [str(x25519.Identity.generate().to_public())],
                "token": "t" * 32,
                "school_code": code,
                "school_name": "别的学校",
            }
        ),
        encoding="utf-8",
    )
    return path


def _copy(ws: Workspace, target) -> Workspace:
    """Copy the data folder (closed, as a person copying it would find it) and open the copy."""
    source = ws.data_dir
    ws.close()
    shutil.copytree(source, target)
    return Workspace.open(target)


def test_an_enrollment_for_another_school_is_refused_and_nothing_is_stored(workspace, tmp_path):
    with pytest.raises(UserError) as refused:
        import_enrollment(workspace, _enrollment_file(tmp_path, "220105-9999"))
    text = str(refused.value)
    assert "220105-9999" in text and "220105-0012" in text
    with workspace.read() as s:
        assert s.get(SyncEnrollment, 1) is None
    assert load_device_keys(workspace.device_id) is None
    # The school's own code (any letter case) is taken.
    info = import_enrollment(workspace, _enrollment_file(tmp_path, "220105-0012"))
    assert info.school_code == "220105-0012"


def test_a_copy_sharing_the_keystore_is_detected_and_sends_nothing(workspace, tmp_path):
    import_enrollment(workspace, _enrollment_file(tmp_path / "f", "220105-0012"))
    original = workspace.data_dir
    assert identity.identity_problem(workspace) == ""
    copy = _copy(workspace, tmp_path / "copy")
    try:
        assert copy.device_id == Workspace.open(original).device_id
        assert identity.identity_problem(copy) == identity.COPY
        with pytest.raises(UserError, match="copy"):
            sync_pass(copy)
        with pytest.raises(UserError, match="copy"):  # nor does a new file make it the device
            import_enrollment(copy, _enrollment_file(tmp_path / "g", "220105-0012"))
        assert identity.home(copy.device_id).path == str(original.resolve())
        kinds = [a.kind for a in advice(sync_overview(copy))]
        assert kinds[0] == "copy"
        assert "copy from another computer" in advice(sync_overview(copy))[0].text(english)
    finally:
        copy.close()
    # The original is still itself.
    again = Workspace.open(original)
    try:
        assert identity.identity_problem(again) == ""
    finally:
        again.close()


def test_a_moved_folder_is_not_a_copy_and_its_keys_follow_it(workspace, tmp_path):
    import_enrollment(workspace, _enrollment_file(tmp_path / "f", "220105-0012"))
    source = workspace.data_dir
    workspace.close()
    moved_to = tmp_path / "moved"
    shutil.move(source, moved_to)
    moved = Workspace.open(moved_to)
    try:
        assert identity.identity_problem(moved) == ""
        identity.check_own_identity(moved)
        assert identity.home(moved.device_id).path == str(moved_to.resolve())
    finally:
        moved.close()


def test_a_copy_with_a_fresh_keystore_is_never_given_new_keys(workspace, tmp_path):
    """Another computer: the database key came with the recovery code, the sync keys did not."""
    import_enrollment(workspace, _enrollment_file(tmp_path / "f", "220105-0012"))
    with workspace.db.write(actor_id=None) as s:  # as if registration had gone through
        s.get(SyncEnrollment, 1).registered_at = s.get(SyncEnrollment, 1).imported_at
    device = workspace.device_id
    copy = _copy(workspace, tmp_path / "elsewhere")
    try:
        for what in ("ed25519", "x25519", "home"):
            keystore.delete(f"device:{device}:{what}")
        assert identity.identity_problem(copy) == identity.KEYS_MISSING
        with pytest.raises(UserError, match="re-enroll"):
            device_keys(copy.device_id)
        with pytest.raises(UserError):
            sync_pass(copy)
        assert load_device_keys(device) is None  # nothing was made behind anyone's back
        with pytest.raises(UserError, match="already enrolled"):
            import_enrollment(copy, _enrollment_file(tmp_path / "g", "220105-0012"))
        assert load_device_keys(device) is None
        said = advice(sync_overview(copy))
        assert said[0].kind == "copy" and "keys are not on this computer" in said[0].text(english)
    finally:
        copy.close()


def test_the_bureau_refusing_bundles_as_another_computers_points_to_re_enrollment(
    workspace, tmp_path
):
    import_enrollment(workspace, _enrollment_file(tmp_path / "f", "220105-0012"))
    with workspace.db.write(actor_id=None) as s:
        s.add(
            SyncBundle(
                seq=1,
                school_id=workspace.school_id,
                file_name="x.bundle",
                sha256="ab" * 32,
                size=10,
                state="quarantined",
                reason="seq_conflict",
            )
        )
    assert identity.identity_problem(workspace) == identity.BUREAU_REFUSED


def test_only_the_principal_re_enrolls(workspace, principal, tmp_path):
    import_enrollment(workspace, _enrollment_file(tmp_path / "f", "220105-0012"))
    make_user(workspace, principal, "wangqiang", "staff")
    staff = authenticate(workspace, "wangqiang", "482913")
    before = workspace.device_id
    with pytest.raises(PermissionDenied):
        identity.reenroll_as_new_device(workspace, staff)
    assert workspace.device_id == before


def test_re_enrolling_a_copy_keeps_the_rows_and_the_bureau_gets_every_change_once(
    workspace, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = HttpTransport(bureau.url, policy=FAST)
        import_enrollment(workspace, bureau.enroll(tmp_path / "e1"))
        register(workspace, transport)
        assert not sync_pass(workspace, transport=transport).anything_left
        # Changes the bureau has not seen: one bundle packed (not sent), more not packed.
        make_user(workspace, principal, "wangqiang", "staff")
        pack_pending(workspace, device_keys(workspace.device_id))
        make_user(workspace, principal, "lina", "staff")
        old_device = workspace.device_id
        copy = _copy(workspace, tmp_path / "copy")
        try:
            assert identity.identity_problem(copy) == identity.COPY
            actor = authenticate(copy, "zhangli", PRINCIPAL_PASSWORD)
            with copy.read() as s:
                users = s.scalar(select(func.count()).select_from(UserAccount))
                unacked = s.scalar(
                    select(func.count())
                    .select_from(OutboxEntry)
                    .where(OutboxEntry.acked_at.is_(None))
                )
            assert unacked > 0

            done = identity.reenroll_as_new_device(copy, actor)

            assert done.old_device == old_device != done.new_device == copy.device_id
            assert done.retired == 1 and done.requeued >= unacked
            with copy.read() as s:
                assert s.get(DeviceState, 1).device_id == done.new_device
                assert s.scalar(select(func.count()).select_from(UserAccount)) == users
                assert s.scalars(select(SyncBundle)).all() == []
                assert (
                    s.scalar(
                        select(func.count())
                        .select_from(OutboxEntry)
                        .where(OutboxEntry.acked_at.is_(None), OutboxEntry.bundle_seq.isnot(None))
                    )
                    == 0
                )
                assert s.get(SyncEnrollment, 1).registered_at is None
            assert list((copy.data_dir / "sync" / "retired" / str(old_device)).iterdir())
            assert identity.identity_problem(copy) == ""
            said = advice(sync_overview(copy))
            assert [a.kind for a in said] == ["needs_file"]
            assert "new enrollment file" in said[0].text(english)
            # Without a new enrollment file the bureau cannot know the new computer.
            with pytest.raises(UserError, match="token is missing"):
                sync_pass(copy, transport=transport)

            import_enrollment(copy, bureau.enroll(tmp_path / "e2"))
            make_user(copy, actor, "zhaomin", "staff")  # the new device's own first change
            report = sync_pass(copy, transport=transport)
            assert report.error == "" and not report.anything_left

            with copy.read() as s:
                seqs = sorted(s.scalars(select(SyncBundle.seq)))
            assert seqs[0] == 1
            with bureau.engine.connect() as conn:
                received = sorted(
                    conn.execute(
                        select(BureauBundle.seq).where(BureauBundle.device_id == done.new_device)
                    ).scalars()
                )
            assert received == seqs
            # The audit trail still checks out: the old chain ends, the new one begins.
            from app.audit.records import check_records
            from app.audit.trail import verify_chain

            with copy.read() as s:
                assert verify_chain(s) == []
                assert check_records(s)[0] == []
            # 0 lost, 0 duplicated: the bureau holds exactly the copy's rows.
            assert rows_of(bureau.engine, copy.school_id) == rows_of(copy.db.engine, copy.school_id)
        finally:
            copy.close()


def test_the_waiting_sentence_names_the_missing_bundle_and_those_held_behind_it():
    from datetime import UTC, datetime

    from app.sync.status import BundleRow, SyncOverview

    now = datetime.now(UTC)

    def bundle(seq: int, state: str, reason: str = "") -> BundleRow:
        return BundleRow(seq, state, 10, 0, 1, 0, reason, now, None, None, f"{seq:02d}" * 32)

    ov = SyncOverview(
        enrolled=True,
        registered=True,
        school_code="220105-0012",
        acked_seq=53,
        bundles=(bundle(54, "pending"), *(bundle(s, "sent") for s in (55, 56, 57))),
    )
    (said,) = advice(ov)
    assert said.text(english) == (
        "The bureau has everything up to bundle 53 and is waiting for bundle 54 from this "
        "computer; bundles 55–57 wait behind it. Press Sync now, or take them by USB."
    )
    refused = SyncOverview(
        enrolled=True,
        registered=True,
        acked_seq=53,
        bundles=(bundle(54, "quarantined", "clock_skew"),),
        unacked_changes=3,
    )
    (said,) = advice(refused)
    assert said.text(english) == (
        "Bundle 54 was refused by the bureau (this computer's clock is far ahead; check the "
        "date); the bureau must release or reject it. Call them and read this code: "
        "5454545454545454."
    )


def test_both_folders_going_on_after_the_copy_lose_no_record_at_the_bureau(
    workspace, principal, postgres_url, tmp_path
):
    """The original and its copy both work on under one identity, so both number
    new audit entries the same; the copy, re-enrolled, still delivers every record."""
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = HttpTransport(bureau.url, policy=FAST)
        import_enrollment(workspace, bureau.enroll(tmp_path / "e1"))
        register(workspace, transport)
        assert not sync_pass(workspace, transport=transport).anything_left
        copy = _copy(workspace, tmp_path / "copy")
        try:
            make_user(workspace, principal, "liuyang", "staff")
            assert not sync_pass(workspace, transport=transport).anything_left
            actor = authenticate(copy, "zhangli", PRINCIPAL_PASSWORD)
            make_user(copy, actor, "lina", "staff")  # numbered as the original's entries
            done = identity.reenroll_as_new_device(copy, actor)
            import_enrollment(copy, bureau.enroll(tmp_path / "e2"))
            report = sync_pass(copy, transport=transport)
            assert report.error == "" and not report.anything_left
            assert report.quarantined == []

            with bureau.engine.connect() as conn:
                names = set(
                    conn.execute(
                        select(UserAccount.username).where(UserAccount.school_id == copy.school_id)
                    ).scalars()
                )
                states = conn.execute(
                    select(BureauBundle.state, BureauBundle.detail).where(
                        BureauBundle.device_id == done.new_device
                    )
                ).all()
            assert {"liuyang", "lina"} <= names
            assert {s for s, _d in states} == {"applied"}
            assert any("audit entries" in d for _s, d in states)
            # Every record of the copy is at the bureau as the copy holds it (its
            # audit entries written under the old identity after the copy stay on it).
            at_bureau = rows_of(bureau.engine, copy.school_id)
            for table, rows in rows_of(copy.db.engine, copy.school_id).items():
                if table != "audit_entry":
                    assert set(rows) <= set(at_bureau[table]), table
        finally:
            copy.close()
