"""Two-way sync benchmarks: what a PC downloads from the bureau, against floors of the same run.

1. **One day of another PC's work.** The demo school's office PC syncs; a
   second PC joins it; the office PC then records an ordinary school day
   (bench.bench_sync's day: a patrol, monitoring, every handover signed) and
   syncs. Figure: the bytes of the return bundles the second PC downloads to
   catch up, against zstd (same level) of the day's changed fields as plain
   JSON + 1 KiB — the same floor as the upload (target <= 1.2x).
2. **A new PC joining a school with a year of records** (the large-school
   generator, one year: inspections, answers, hazards with their history,
   photo records): bytes downloaded, return bundles, seconds from the first
   request to a PC identical to the bureau (median of 3 joins), with the rows
   received per second; the floor is the compressed JSON of every synced row's
   columns (what any download of the school must carry).

Runs against PostgreSQL when it is reachable (a scratch database), else
SQLite for the bureau (said in the output).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import zstandard

PG_URL = os.environ.get(
    "XIAOAN_TEST_PG_URL", "postgresql+psycopg://xiaoan:xiaoan@127.0.0.1:5432/postgres"
)


@contextlib.contextmanager
def _bureau_db(tmp: Path):
    """A scratch PostgreSQL database URL, or a SQLite file when none is reachable."""
    try:
        import psycopg

        admin = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        psycopg.connect(admin, connect_timeout=3).close()
    except Exception as e:  # noqa: BLE001 - any failure means: no PostgreSQL here
        print(f"(PostgreSQL not reachable: {e}; the bureau runs on SQLite)")
        yield f"sqlite:///{tmp / 'bureau.sqlite3'}"
        return
    name = f"xiaoan_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _Counting:
    """Wraps a PC's transport: counts the bytes and number of return bundles fetched."""

    def __init__(self, transport) -> None:
        self.transport, self.bytes, self.returns = transport, 0, 0

    def __getattr__(self, name):
        return getattr(self.transport, name)

    def fetch_return(self, device_id, **kw):
        data = self.transport.fetch_return(device_id, **kw)
        self.bytes += len(data)
        self.returns += 1
        return data


def _floor(changes: list[dict]) -> int:
    from app.sync.bundle import ZSTD_LEVEL

    raw = json.dumps([c["changes"] for c in changes], ensure_ascii=False).encode()
    return len(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw))


def one_day(tmp: Path) -> None:
    from sqlalchemy import select

    from app.demo import build_demo
    from app.sync.codec import outbox_change
    from app.sync.service import sync_pass
    from app.workspace import Workspace
    from bench.bench_sync import _ordinary_day
    from db.models import OutboxEntry
    from tests.sync_support import running_bureau
    from tests.two_way_support import enroll, join

    build_demo(tmp / "office")
    office = Workspace.open(tmp / "office")
    with _bureau_db(tmp) as url, running_bureau(url, tmp / "keys") as bureau:
        net = enroll(office, bureau, tmp / "e1")
        sync_pass(office, transport=net)
        second, second_net = join(tmp / "second", bureau, tmp / "e2")
        sync_pass(second, transport=second_net)
        with office.read() as s:
            last = s.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
        _ordinary_day(office, random.Random(11))
        with office.read() as s:
            day = [
                outbox_change(e)
                for e in s.scalars(select(OutboxEntry).where(OutboxEntry.seq > last))
            ]
        sync_pass(office, transport=net)
        counting = _Counting(second_net)
        sync_pass(second, transport=counting)
        floor = _floor(day)
        print(
            f"download, one day of another PC's work: {len(day)} changes, "
            f"{counting.bytes} B in {counting.returns} return bundles; zstd JSON floor "
            f"{floor} B; ratio to floor+1KiB {counting.bytes / (floor + 1024):.2f} "
            "(target <= 1.2)"
        )
        second.close()
    office.close()


def join_one_year(tmp: Path, joins: int = 3) -> None:
    from app.sync.service import sync_pass
    from app.workspace import Workspace
    from bench import generate_large_school as gen
    from tests.convergence import bureau_hashes, school_hashes
    from tests.sync_support import running_bureau
    from tests.two_way_support import enroll, join

    t0 = time.perf_counter()
    counts = gen.build(tmp / "school", years=1)
    print(
        "one-year school: "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
        + f" (generated in {time.perf_counter() - t0:.0f} s)"
    )
    school = Workspace.open(tmp / "school")
    with _bureau_db(tmp) as url, running_bureau(url, tmp / "keys") as bureau:
        code = "220105-0099"  # the generated school's
        net = enroll(school, bureau, tmp / "e0", code=code)
        t0 = time.perf_counter()
        sync_pass(school, transport=net)
        print(f"  first PC's upload and ingest: {time.perf_counter() - t0:.1f} s")
        at_bureau = bureau_hashes(url, school.school_id)
        rows = sum(len(t) for t in at_bureau.values())
        seconds, sizes, returns = [], [], []
        for n in range(joins):
            pc, pc_net = join(tmp / f"new-{n}", bureau, tmp / f"e{n + 1}", code=code)
            counting = _Counting(pc_net)
            t0 = time.perf_counter()
            report = sync_pass(pc, transport=counting)
            seconds.append(time.perf_counter() - t0)
            sizes.append(counting.bytes)
            returns.append(counting.returns)
            same = school_hashes(pc.data_dir, school.school_id) == at_bureau
            pc.close()
            if report.problem or not same:
                print(f"  join {n}: problem {report.problem!r}, identical {same}")
        floor = _rows_floor(url, school.school_id)
        print(
            f"new PC joining a one-year school: {rows} rows, median "
            f"{statistics.median(sizes)} B in {statistics.median(returns)} return bundles "
            f"(each <= 16 MiB), {statistics.median(seconds):.1f} s "
            f"({rows / statistics.median(seconds):.0f} rows/s); compressed rows floor "
            f"{floor} B, ratio {statistics.median(sizes) / floor:.2f}"
        )
    school.close()


def _rows_floor(url: str, school_id: uuid.UUID) -> int:
    """zstd of every synced row of the school as JSON (the least any download carries)."""
    from sqlalchemy import select

    from app.sync.bundle import ZSTD_LEVEL
    from db.base import Base, is_local_only, synced_tables
    from db.capture import json_value
    from db.session import make_engine

    engine = make_engine(url)
    out = []
    with engine.connect() as conn:
        for name in sorted(synced_tables()):
            table = Base.metadata.tables[name]
            cols = [c for c in table.c if not is_local_only(c)]
            for r in conn.execute(select(*cols).where(table.c.school_id == school_id)):
                out.append({c.name: json_value(v) for c, v in zip(cols, r, strict=True)})
    engine.dispose()
    raw = json.dumps(out, ensure_ascii=False).encode()
    return len(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw))


PARTS = {"day": one_day, "join": join_one_year}


def main(parts: list[str] | None = None) -> None:
    """Every part, or only those named (``python -m bench.bench_two_way day``)."""
    import keyring

    from tests.helpers import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XIAOAN_CONFIG_DIR"] = str(Path(tmp) / "config")
        for name in parts or PARTS:
            where = Path(tmp) / name
            where.mkdir()
            PARTS[name](where)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
