"""Sync under faults: whatever dies or drops, a later clean pass converges, row for row.

Every scenario runs real processes against a real bureau on PostgreSQL and
ends the same way: for each school, every synced table holds the same rows
with the same contents on the PC and at the bureau (0 lost, 0 duplicated, 0
different, :mod:`tests.convergence`), every bundle is acknowledged, none is
held or quarantined at the bureau. Random delays come from one seed, printed
on failure (``XIAOAN_FAULT_SEED`` replays it).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bureau import crashpoints
from app.school.service import SchoolProfile, set_up_school
from app.sync.enrollment import import_enrollment
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, RetryPolicy
from app.workspace import Workspace
from db.models import BureauBundle, BureauDevice, OutboxEntry, SyncBundle, SyncEnrollment
from db.session import make_engine
from tests.convergence import (
    TableDiff,
    bureau_hashes,
    differences,
    row_counts,
    school_engine,
    school_hashes,
)
from tests.helpers import PRINCIPAL_PASSWORD, add_hazards
from tests.sync_support import (
    BureauUnderTest,
    CuttingProxy,
    FailFirst,
    Relay,
    bureau_process,
    running_bureau,
)

FAST = RetryPolicy(attempts=4, timeout=30, wait_initial=0.01, wait_max=0.05, wait_jitter=0.01)
ONCE = RetryPolicy(attempts=1, timeout=30)
SCHOOLS = (("220105-0012", "东风乡中心学校"), ("220105-0031", "红旗小学"))
SEED = int(os.environ.get("XIAOAN_FAULT_SEED") or random.randrange(1 << 32))


@pytest.fixture(autouse=True)
def _keys_in_files(no_keyring, monkeypatch):
    """Keys in files under the test's config folder, so `xiaoan sync` in a child finds them."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("XIAOAN_CRASH_AT", raising=False)
    yield


@pytest.fixture
def rnd():
    return random.Random(SEED)


class School:
    """One school PC: a data folder with a set-up school and some records."""

    def __init__(self, root: Path, code: str, name: str) -> None:
        self.data_dir = root / code
        ws = Workspace.open(self.data_dir)
        try:
            set_up_school(
                ws,
                SchoolProfile(name=name, code=code, kind="nine_year", boarding=True),
                principal_name="张丽",
                username="zhangli",
                secret_kind="password",
                secret=PRINCIPAL_PASSWORD,
            )
            self.code, self.name = code, name
            self.school_id, self.device_id = ws.school_id, ws.device_id
        finally:
            ws.close()
        self.add(40)

    def open(self) -> Workspace:
        return Workspace.open(self.data_dir)

    def add(self, n: int) -> None:
        """``n`` more hazards reported (new rows and their outbox changes)."""
        from app.accounts.service import authenticate

        ws = self.open()
        try:
            add_hazards(ws, authenticate(ws, "zhangli", PRINCIPAL_PASSWORD), n)
        finally:
            ws.close()

    def add_photo(self, tmp: Path, seed: int) -> None:
        """One noisy photo: its sync copy makes a bundle of about a megabyte."""
        from PIL import Image

        from app.accounts.service import authenticate
        from app.attachments.store import add_photos

        path = tmp / f"{self.code}-{seed}.jpg"
        Image.effect_noise((1600, 1200), 60 + seed).convert("RGB").save(path, "JPEG", quality=92)
        ws = self.open()
        try:
            add_photos(ws, authenticate(ws, "zhangli", PRINCIPAL_PASSWORD), [path])
        finally:
            ws.close()

    def enroll(self, bureau: BureauUnderTest, tmp: Path) -> None:
        ws = self.open()
        try:
            import_enrollment(ws, bureau.enroll(tmp / "enroll", self.code, self.name))
        finally:
            ws.close()

    def sync(self, url: str, policy: RetryPolicy = FAST, transport=None):
        ws = self.open()
        try:
            return sync_pass(ws, transport=transport or HttpTransport(url, policy=policy))
        finally:
            ws.close()

    def sync_cli(self) -> subprocess.Popen:
        """``xiaoan sync`` for this data folder, in its own process (as a scheduler runs it)."""
        return subprocess.Popen(
            [sys.executable, "-m", "ui.launcher", "sync", "--data-dir", str(self.data_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": os.getcwd()},
        )


def make_schools(tmp_path: Path, bureau: BureauUnderTest, n: int = 2) -> list[School]:
    schools = [School(tmp_path / "pcs", code, name) for code, name in SCHOOLS[:n]]
    for school in schools:
        school.enroll(bureau, tmp_path)
    return schools


def converge(schools: list[School], url: str, passes: int = 6) -> None:
    """Clean passes (no fault) until each school has nothing left to send."""
    for school in schools:
        for _ in range(passes):
            report = school.sync(url)
            if not report.problem and not report.anything_left:
                break
        else:
            pytest.fail(f"{school.code} did not converge: {report} (seed {SEED})")


def assert_converged(schools: list[School], db_url: str) -> None:
    """Row for row the same at the bureau; nothing held, quarantined or waiting anywhere."""
    for school in schools:
        mine = school_hashes(school.data_dir, school.school_id)
        theirs = bureau_hashes(db_url, school.school_id)
        assert differences(mine, theirs) == {}, f"{school.code} (seed {SEED})"
        assert row_counts(mine) > 0
        ws = school.open()
        try:
            with ws.read() as s:
                assert s.get(SyncEnrollment, 1).registered_at is not None
                assert {b.state for b in s.scalars(select(SyncBundle))} == {"acked"}
                unacked = select(func.count()).where(OutboxEntry.acked_at.is_(None))
                assert s.scalar(unacked) == 0
        finally:
            ws.close()
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            states = conn.execute(
                select(BureauBundle.state, BureauBundle.reason).where(
                    BureauBundle.state != "applied"
                )
            ).all()
            devices = conn.execute(select(BureauDevice.school_code)).scalars().all()
    finally:
        engine.dispose()
    assert states == [], f"held or quarantined at the bureau (seed {SEED})"
    assert sorted(devices) == sorted(s.code for s in schools)  # registered once each


@pytest.fixture
def bureau_keys(postgres_url, tmp_path):
    """An initialised bureau (keys, schema) not serving yet: ``xiaoan-bureau serve``
    processes run on it (:func:`bureau_process`), and :func:`serve_again` serves it here."""
    bureau = BureauUnderTest(postgres_url, tmp_path / "keys")
    yield bureau
    bureau.stop()


def serve_again(bureau: BureauUnderTest) -> str:
    """Start the bureau as ``serve`` does after a crash (settling what was left held
    first), in this process to spare a second start-up; its URL."""
    from app.bureau.server import create_app

    bureau.app = create_app(bureau.config, bureau.engine)
    bureau.start()
    return bureau.url


@pytest.fixture
def front():
    """The bureau's stable address: each restarted ``xiaoan-bureau serve`` goes behind it."""
    relay = Relay(0)
    yield relay
    relay.close()


def behind(relay: Relay, url: str) -> str:
    relay.upstream_port = int(url.rsplit(":", 1)[1])
    return relay.url


def test_the_comparison_tells_lost_duplicated_and_changed_rows_apart(tmp_path):
    """The yardstick itself: a row gone, a row twice and a row changed are each seen."""
    from sqlalchemy import insert, update

    from db.base import Base

    school = School(tmp_path, *SCHOOLS[0])
    before = school_hashes(school.data_dir, school.school_id)
    hazard = Base.metadata.tables["hazard"]
    engine = school_engine(school.data_dir)
    try:
        with engine.begin() as conn:
            one, two, three = conn.execute(select(hazard).order_by(hazard.c.id).limit(3)).all()
            conn.execute(update(hazard).where(hazard.c.id == one.id).values(title="改过的"))
            conn.execute(update(hazard).where(hazard.c.id == two.id).values(school_id=uuid.uuid4()))
            conn.execute(insert(hazard).values({**three._mapping, "id": uuid.uuid4()}))
    finally:
        engine.dispose()
    after = school_hashes(school.data_dir, school.school_id)
    assert differences(before, after) == {"hazard": TableDiff(lost=1, duplicated=1, different=1)}
    assert differences(before, before) == {}


# -- the PC dies -----------------------------------------------------------------------


def test_sync_processes_killed_at_random_moments_lose_nothing(postgres_url, tmp_path, rnd):
    """`xiaoan sync` of two schools at once, SIGKILLed anywhere: starting up, registering,
    packing, uploading a photo, fetching the reply; then one pass each that is let finish."""
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        schools = make_schools(tmp_path, bureau)
        for school in schools:
            school.add_photo(tmp_path, len(school.code))
        # How long a whole pass takes (the first one, photo and all), to kill anywhere in one.
        started = time.monotonic()
        assert schools[0].sync_cli().wait(60) == 0
        whole = time.monotonic() - started
        kills = 0
        for round_ in range(40):
            if kills >= 22:
                break
            if round_ % 3 == 0:
                schools[round_ % 2].add(rnd.randint(1, 30))
            running = [(school.sync_cli(), rnd.uniform(0.0, whole)) for school in schools]
            t0 = time.monotonic()
            for proc, delay in sorted(running, key=lambda r: r[1]):
                try:  # a pass that ends before its moment is not waited for
                    proc.wait(max(0.0, t0 + delay - time.monotonic()))
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGKILL)
                    kills += 1
                proc.wait(10)
        assert kills >= 20, f"only {kills} passes were still running when killed (seed {SEED})"
        finals = [school.sync_cli() for school in schools]
        assert [proc.wait(60) for proc in finals] == [0, 0], f"seed {SEED}"
        assert_converged(schools, postgres_url)


# -- the bureau dies ---------------------------------------------------------------------


@pytest.mark.parametrize("step", crashpoints.STEPS)
def test_a_bureau_dying_at_each_step_of_the_ingest_strands_no_school(
    step, bureau_keys, postgres_url, tmp_path, monkeypatch, front
):
    schools = make_schools(tmp_path, bureau_keys, n=1)
    monkeypatch.setenv("XIAOAN_CRASH_AT", step)
    with bureau_process(bureau_keys.key_dir) as (proc, url):
        monkeypatch.delenv("XIAOAN_CRASH_AT")
        report = schools[0].sync(behind(front, url), ONCE)
        assert proc.wait(30) == crashpoints.EXIT_CODE, f"{step} was never reached"
        assert report.problem  # the pass saw the bureau go
    converge(schools, behind(front, serve_again(bureau_keys)))
    assert_converged(schools, postgres_url)


def test_a_bureau_killed_at_random_moments_during_passes_loses_nothing(
    bureau_keys, postgres_url, tmp_path, rnd, front
):
    schools = make_schools(tmp_path, bureau_keys)
    schools[0].add_photo(tmp_path, 1)
    for _ in range(3):
        with bureau_process(bureau_keys.key_dir) as (proc, url):
            at = behind(front, url)
            passes = [threading.Thread(target=s.sync, args=(at,)) for s in schools]
            for pc in passes:
                pc.start()
            time.sleep(rnd.uniform(0.05, 1.5))
            proc.send_signal(signal.SIGKILL)
            for pc in passes:
                pc.join(60)
                assert not pc.is_alive()
        for school in schools:
            school.add(rnd.randint(1, 20))
    converge(schools, behind(front, serve_again(bureau_keys)))
    assert_converged(schools, postgres_url)


# -- the line fails --------------------------------------------------------------------


def test_a_bureau_answering_503_for_a_while_is_waited_out(postgres_url, tmp_path):
    holder = {}

    def wrap(app):
        holder["mw"] = FailFirst(app, 9, retry_after="0")
        return holder["mw"]

    with running_bureau(postgres_url, tmp_path / "keys", wrap=wrap) as bureau:
        schools = make_schools(tmp_path, bureau, n=1)
        assert schools[0].sync(bureau.url).problem  # more 503s than one pass waits out
        converge(schools, bureau.url)
        assert holder["mw"].refused == 9
    assert_converged(schools, postgres_url)


def test_a_registration_whose_reply_is_lost_is_answered_again(postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        schools = make_schools(tmp_path, bureau, n=1)
        proxy = Relay(bureau.port, lambda line: line.startswith(b"POST /v1/devices "))
        try:
            report = schools[0].sync(proxy.url, ONCE)
            assert report.problem and proxy.dropped == 1
            with bureau.engine.connect() as conn:  # the bureau did register it
                assert conn.execute(select(func.count()).select_from(BureauDevice)).scalar() == 1
            converge(schools, proxy.url)
        finally:
            proxy.close()
    assert_converged(schools, postgres_url)


def test_an_acknowledgement_lost_after_the_upload_is_fetched_again(postgres_url, tmp_path):
    def is_return(line: bytes) -> bool:
        return line.startswith(b"GET /v1/devices/") and (b"/return " in line or b"/return?" in line)

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        schools = make_schools(tmp_path, bureau, n=1)
        proxy = Relay(bureau.port, is_return)
        try:
            report = schools[0].sync(proxy.url, ONCE)
            assert report.problem and report.open_bundles  # sent, never acknowledged
            assert proxy.dropped == 1
            schools[0].add(5)
            converge(schools, proxy.url)
        finally:
            proxy.close()
    assert_converged(schools, postgres_url)


@pytest.mark.parametrize("every", [64 * 1024, 1024 * 1024], ids=["64KiB", "1MiB"])
def test_a_line_cut_every_n_bytes_still_gets_everything_through(every, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        schools = make_schools(tmp_path, bureau, n=1)
        for school in schools:
            school.add_photo(tmp_path, len(school.code))
        proxy = CuttingProxy(bureau.port)
        stop = threading.Event()

        def rearm() -> None:  # a cut, then the next one N bytes later, on and on
            while not stop.wait(0.002):
                if proxy.cut_after is None:
                    proxy.arm(every)

        proxy.arm(every)
        cutter = threading.Thread(target=rearm, daemon=True)
        cutter.start()
        try:
            converge(schools, proxy.url, passes=6)
        finally:
            stop.set()
            cutter.join(5)
            proxy.close()
    assert_converged(schools, postgres_url)


# -- no network at all -------------------------------------------------------------------


def test_a_school_with_only_usb_sticks_enrolls_and_converges(bureau_keys, postgres_url, tmp_path):
    from app.bureau.cli import main as bureau_main
    from app.sync.service import export_usb, import_usb

    schools = make_schools(tmp_path, bureau_keys, n=1)
    school = schools[0]
    keys = ["--key-dir", str(bureau_keys.key_dir)]
    for round_ in range(2):  # the enrollment and the first records, then more records
        if round_:
            school.add(3)
        usb = tmp_path / f"usb{round_}"
        ws = school.open()
        try:
            export_usb(ws, usb)
        finally:
            ws.close()
        if round_ == 0:
            assert (usb / f"{school.device_id}.register").is_file()
        assert bureau_main([*keys, "import-usb", str(usb)]) == 0
        assert bureau_main([*keys, "export-returns", str(usb)]) == 0
        ws = school.open()
        try:
            assert import_usb(ws, usb).problems == []
        finally:
            ws.close()
    assert_converged(schools, postgres_url)
