"""End to end: a school PC syncing with a real bureau server on loopback, into PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.sync.enrollment import import_enrollment, register
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, RetryPolicy
from app.workspace import Workspace
from db.base import Base, synced_tables
from db.models import OutboxEntry, SyncBundle
from tests.sync_support import FailFirst, running_bureau

FAST = RetryPolicy(attempts=6, timeout=30, wait_initial=0.01, wait_max=0.05, wait_jitter=0.01)


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


def open_ws(path) -> Workspace:
    return Workspace.open(path)


@pytest.fixture
def school(tmp_path, demo_template):
    demo_template.copy_to(tmp_path / "school")
    ws = open_ws(tmp_path / "school")
    yield ws
    ws.close()


def rows_of(engine, school_id) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for name in sorted(synced_tables()):
            table = Base.metadata.tables[name]
            rows = conn.execute(
                select(table).where(table.c.school_id == school_id).order_by(table.c.id)
            ).all()
            out[name] = [tuple(r) for r in rows]
    return out


def enroll(ws, bureau, tmp_path, policy=FAST) -> HttpTransport:
    transport = HttpTransport(bureau.url, policy=policy)
    info = import_enrollment(ws, bureau.enroll(tmp_path))
    registered = register(ws, transport)
    assert registered.registered and info.bureau_fingerprint == bureau.config.fingerprint
    return transport


def test_demo_school_enrolls_syncs_and_the_bureau_holds_the_same_rows(
    school, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(school, bureau, tmp_path)
        report = sync_pass(school, transport=transport)
        assert report.error == "" and not report.anything_left
        assert report.acked_seq >= 1
        assert rows_of(bureau.engine, school.school_id) == rows_of(
            school.db.engine, school.school_id
        )
        with school.read() as s:
            assert s.scalars(select(OutboxEntry).where(OutboxEntry.acked_at.is_(None))).all() == []
            assert {b.state for b in s.scalars(select(SyncBundle))} == {"acked"}
        # A later edit travels as an update and wins field by field.
        from app.accounts.service import authenticate

        principal = authenticate(school, "zhangli", "xiaoan-demo-2026")
        from db.models import StaffMember, UserAccount

        with school.action(principal, "edit phone") as s:
            user = s.scalar(select(UserAccount).where(UserAccount.username == "wangqiang"))
            s.get(StaffMember, user.staff_id).phone = "13900000000"
        assert sync_pass(school, transport=transport).anything_left is False
        assert rows_of(bureau.engine, school.school_id) == rows_of(
            school.db.engine, school.school_id
        )


def test_the_same_bundle_twice_is_applied_once(school, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = enroll(school, bureau, tmp_path)
        sync_pass(school, transport=transport)
        with school.read() as s:
            first = s.scalar(select(SyncBundle).order_by(SyncBundle.seq))
        # The acked file is gone from the PC; rebuild the bytes from the bureau's spool.
        data = (bureau.config.spool_dir / "bundles" / f"{first.sha256}.bundle").read_bytes()
        again = bureau.ingestor.receive(data, first.file_name)
        assert again.state == "duplicate"
        from db.models import BureauBundle

        with bureau.engine.connect() as conn:
            assert (
                conn.execute(select(BureauBundle.sha256)).scalars().all().count(first.sha256) == 1
            )
        assert rows_of(bureau.engine, school.school_id) == rows_of(
            school.db.engine, school.school_id
        )


def test_a_network_refusing_the_first_requests_still_converges(school, postgres_url, tmp_path):
    holder = {}

    def wrap(app):
        holder["mw"] = FailFirst(app, 5, retry_after="0")
        return holder["mw"]

    with running_bureau(postgres_url, tmp_path / "keys", wrap=wrap) as bureau:
        transport = enroll(school, bureau, tmp_path)
        report = sync_pass(school, transport=transport)
        assert holder["mw"].refused == 5
        assert report.error == "" and not report.anything_left


def test_retry_after_is_honoured():
    from app.sync.transport import Transient

    t = HttpTransport("http://127.0.0.1:1", policy=RetryPolicy(max_retry_after=30))
    assert t._backoff(Transient("503", retry_after=7)) == 7
    assert t._backoff(Transient("503", retry_after=900)) == 30
    assert t._backoff(Transient("reset")) is True
    assert t._backoff(ValueError()) is False


def test_an_upload_cut_mid_way_resumes_after_a_restart_and_resends_at_most_one_chunk(
    tmp_path, postgres_url, demo_template
):
    from tests.sync_support import CuttingProxy

    demo_template.copy_to(tmp_path / "school")
    ws = open_ws(tmp_path / "school")
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        proxy = CuttingProxy(bureau.port)
        chunk = 8 * 1024
        transport = HttpTransport(proxy.url, policy=RetryPolicy(attempts=1), chunk_size=chunk)
        import_enrollment(ws, bureau.enroll(tmp_path))
        register(ws, transport)
        _add_bulk_changes(ws, 400)  # a bundle of several chunks
        proxy.arm(cut_after=int(chunk * 2.5), stay_down=True)
        report = sync_pass(ws, transport=transport)
        assert report.error  # the line dropped mid-chunk, and stayed down
        proxy.heal()
        with ws.read() as s:
            b = s.scalar(select(SyncBundle).where(SyncBundle.state == "uploading"))
        assert b is not None and b.upload_url and 0 < b.bytes_sent < b.size
        ws.close()
        ws = open_ws(tmp_path / "school")  # the app restarts
        before = bureau.bytes_received()
        report = sync_pass(ws, transport=transport)
        assert report.error == "" and not report.anything_left
        total = sum(f.stat().st_size for f in (bureau.config.spool_dir / "bundles").iterdir())
        resent = bureau.bytes_received() - total
        assert 0 <= resent <= chunk
        assert before < total
        proxy.close()
    ws.close()


def _add_bulk_changes(ws, n: int) -> None:
    import random

    from app.accounts.service import authenticate
    from db.models import StaffMember

    principal = authenticate(ws, "zhangli", "xiaoan-demo-2026")
    rnd = random.Random(1)
    with ws.action(principal, "bulk") as s:
        for _i in range(n):
            s.add(
                StaffMember(
                    name="".join(rnd.choice("赵钱孙李周吴郑王冯陈") for _ in range(3)),
                    post=uuid.UUID(int=rnd.getrandbits(128)).hex * 2,
                )
            )
