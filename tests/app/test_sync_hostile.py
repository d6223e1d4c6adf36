"""Hostile bundles: each refused with its reason, the bureau's data unchanged, the device going on.

The corpus (:mod:`tests.hostile_signed`, over 600 generated files) goes
through :meth:`Ingestor.receive` directly; a subset of every class through a
real bureau server in its own process over HTTP (tus, as the client uploads),
whose peak memory is read from ``/proc`` after the bombs; another subset
through ``xiaoan-bureau import FOLDER``. After each refused file the genuine
device's next bundle must still be applied.
"""

from __future__ import annotations

import base64
import collections
import dataclasses
import hashlib
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import Engine, func, select, text

from app.bureau.ingest import Ingestor
from app.sync.keys import fingerprint
from app.sync.transport import DeviceSigner
from db.base import Base
from db.models import BureauBundle, BureauDevice, BureauSchool, load_all
from tests.hostile_bundles import Case, Parties, legit
from tests.hostile_signed import corpus
from tests.sync_support import BureauUnderTest, bureau_process, tus_upload

VOLATILE = {"bureau_device": {"contiguous_seq", "last_bundle_at", "return_seq"}}
MAX_RSS_KIB = 256 * 1024


def bureau_digest(engine: Engine) -> str:
    """One hash of every bureau table's rows (bundle bookkeeping and device counters aside)."""
    load_all()
    parts = []
    for name, table in sorted(Base.metadata.tables.items()):
        if name == "bureau_bundle":
            continue
        cols = ", ".join(f'"{c.name}"' for c in table.c if c.name not in VOLATILE.get(name, ()))
        parts.append(
            f"(SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) "
            f'FROM (SELECT {cols} FROM "{name}") r)'
        )
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT md5(concat_ws(',', {', '.join(parts)}))")).scalar()


def register(engine: Engine, p: Parties) -> None:
    """The genuine device's school and a second school with its own device, as enrolled."""
    with engine.begin() as conn:
        for code, school, device, key in (
            ("220105-0012", p.school, p.device, p.key),
            ("220105-0099", p.other_school, p.other_device, p.other_key),
        ):
            conn.execute(
                BureauSchool.__table__.insert().values(
                    id=uuid.uuid4(), code=code, name=code, school_id=school
                )
            )
            recipient = p.bureau.recipient
            conn.execute(
                BureauDevice.__table__.insert().values(
                    device_id=device,
                    school_code=code,
                    school_id=school,
                    signing_key=base64.b64encode(key.public).decode(),
                    recipient=recipient,
                    fingerprint=fingerprint(key.public + recipient.encode()),
                    contiguous_seq=0,
                    return_seq=0,
                )
            )


def contiguous(engine: Engine, device: uuid.UUID) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(BureauDevice.contiguous_seq).where(BureauDevice.device_id == device)
        ).scalar()


def bundle_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(BureauBundle)).scalar()


def stored(engine: Engine, sha: str):
    with engine.connect() as conn:
        return conn.execute(select(BureauBundle).where(BureauBundle.sha256 == sha)).one()


@dataclasses.dataclass
class Chain:
    """The genuine device's next seq and the SHA-256 its next bundle must name."""

    seq: int = 1
    prev: str = ""

    def used(self, data: bytes) -> None:
        self.seq, self.prev = self.seq + 1, hashlib.sha256(data).hexdigest()


def check_refused(engine, p: Parties, case: Case, data: bytes, state, reason, before, rows):
    """The bureau refused ``data`` as the case expects and changed nothing else."""
    label = f"{case.cls}/{case.name}"
    assert state == "quarantined" and reason in case.reasons, (label, state, reason)
    assert bureau_digest(engine) == before, label
    if case.unstored:
        assert bundle_rows(engine) == rows, label
        return
    row = stored(engine, hashlib.sha256(data).hexdigest())
    sender = {"device": p.device, "other": p.other_device}.get(case.sender or "")
    expected_device = p.device if case.settled else sender
    assert (row.state, row.reason, row.verified) == ("quarantined", reason, case.settled), label
    assert row.device_id == expected_device, label


@pytest.fixture
def parties(tmp_path, postgres_url):
    bureau = BureauUnderTest(postgres_url, tmp_path / "keys")  # keys and schema; not started
    p = Parties.generate(bureau.config.age)
    register(bureau.engine, p)
    yield bureau, p
    bureau.stop()


def test_every_hostile_bundle_is_refused_by_reason_and_the_device_goes_on(parties):
    bureau, p = parties
    engine = bureau.engine
    ingestor = Ingestor(engine, bureau.config)
    cases = corpus(p)
    assert len(cases) >= 500
    chain = Chain()
    seen = collections.Counter()
    for case in cases:
        before, rows, top = bureau_digest(engine), bundle_rows(engine), contiguous(engine, p.device)
        data = case.make(chain.seq, chain.prev)
        sender = {"device": p.device, "other": p.other_device}.get(case.sender or "")
        result = ingestor.receive(data, f"x.{p.device}.{chain.seq:08d}.bundle", sender=sender)
        check_refused(engine, p, case, data, result.state, result.reason, before, rows)
        assert contiguous(engine, p.device) == top + case.settled, case.name
        if case.settled:
            chain.used(data)
        good = legit(p, chain.seq, chain.prev)
        assert ingestor.receive(good).state == "applied", f"after {case.name}"
        chain.used(good)
        seen[case.cls] += 1
    assert len(seen) >= 14 and sum(seen.values()) >= 500


def http_subset(cases: list[Case]) -> list[Case]:
    """Some of every class (all the bombs), at least 50, to be sent by the enrolled device.

    Over HTTP every upload is signed by an enrolled device, so an outsider's
    file arrives only through a rogue enrolled PC: there it is recorded
    against that PC, and a file naming another device is ``wrong_sender``.
    """
    taken: list[Case] = []
    per_class: collections.Counter[str] = collections.Counter()
    for case in cases:
        if case.sender is None and (case.cls == "zstd bomb" or per_class[case.cls] < 5):
            taken.append(case)
            per_class[case.cls] += 1
    return taken


def _peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_hostile_uploads_over_http_leave_the_server_alive_and_small(parties, tmp_path):
    bureau, p = parties
    with bureau_process(bureau.key_dir) as (proc, url):
        idle = _peak_rss_kib(proc.pid)
        engine = bureau.engine
        cases = http_subset(corpus(p))
        assert len(cases) >= 50
        chain = Chain()
        http = requests.Session()
        signer = DeviceSigner(url, p.device, p.key)
        for case in cases:
            if not case.settled:
                case = dataclasses.replace(
                    case, sender="device", reasons=case.reasons | {"wrong_sender"}
                )
            before, rows = bureau_digest(engine), bundle_rows(engine)
            data = case.make(chain.seq, chain.prev)
            name = f"{p.school}.{p.device}.{chain.seq:08d}.bundle"
            status, state, reason = tus_upload(url, data, name, signer=signer, session=http)
            if case.unstored:
                assert status == 413, case.name
                state, reason = "quarantined", "too_large"
            else:
                assert status == 204, (case.name, status)
            check_refused(engine, p, case, data, state, reason, before, rows)
            if case.settled:
                chain.used(data)
            good = legit(p, chain.seq, chain.prev)
            assert tus_upload(url, good, name, signer=signer, session=http)[1] == "applied", (
                case.name
            )
            chain.used(good)
        assert proc.poll() is None, "the server died"
        peak = _peak_rss_kib(proc.pid)
        print(
            f"bureau server peak RSS: {idle / 1024:.0f} MiB started, "
            f"{peak / 1024:.0f} MiB after {len(cases)} hostile uploads"
        )
        assert peak <= MAX_RSS_KIB, f"peak RSS {peak / 1024:.0f} MiB"


def test_hostile_files_on_a_usb_stick_are_each_refused_and_the_rest_imported(
    parties, tmp_path, capsys
):
    from app.bureau.cli import main as bureau_main

    bureau, p = parties
    engine = bureau.engine
    cases = [c for c in corpus(p) if c.sender is None][::20]
    assert len(cases) >= 25
    chain = Chain()
    folder = tmp_path / "usb"
    folder.mkdir()
    files: list[tuple[Case, bytes]] = []
    for n, case in enumerate(cases):
        data = case.make(chain.seq, chain.prev)
        (folder / f"{n:04d}.{p.device}.{chain.seq:08d}.bundle").write_bytes(data)
        files.append((case, data))
        if case.settled:
            chain.used(data)
    before = bureau_digest(engine)
    keys = ["--key-dir", str(bureau.key_dir)]
    assert bureau_main([*keys, "import", str(folder)]) != 0
    capsys.readouterr()
    assert bureau_digest(engine) == before
    for case, data in files:
        if not case.unstored:
            row = stored(engine, hashlib.sha256(data).hexdigest())
            assert row.state == "quarantined" and row.reason in case.reasons, case.name
    assert contiguous(engine, p.device) == chain.seq - 1
    later = tmp_path / "usb-later"
    later.mkdir()
    good = legit(p, chain.seq, chain.prev)
    (later / f"x.{p.device}.{chain.seq:08d}.bundle").write_bytes(good)
    assert bureau_main([*keys, "import", str(later)]) == 0
    assert stored(engine, hashlib.sha256(good).hexdigest()).state == "applied"
