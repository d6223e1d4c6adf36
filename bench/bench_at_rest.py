"""What encryption at rest costs, and whether sign-in timing names accounts.

The large school's encrypted database (:mod:`bench.generate_large_school`) is
copied once into a plain SQLite file (``sqlcipher_export`` to an unkeyed
file), and the same operations run on both in this one process, alternating,
:data:`RUNS` times each; medians and the ratio encrypted / plain are printed.
"Plain" is what the release before encryption did (Python's own sqlite3).

* open: what start-up does with the database — the key looked up (keyring or
  key file; encrypted only), the schema revision read, the engine made and the
  device state and school read;
* list: the hazard ledger's first page and count, and the inspection list's
  (on an open engine; and on a fresh one, as the first page after start-up);
* write burst: :data:`BURST` one-entry actions (each its own transaction,
  audit entry and outbox row, ``synchronous=FULL``).

Lists are also compared with "plain*": the same plain file through SQLCipher's
own library (a newer SQLite than Python's) unkeyed, with the encrypted
engine's larger page cache — the cost of the encryption alone.

Then sign-in: the median time to refuse a wrong password for a known user
name, an unknown one and an inactive one (all three run one Argon2id check).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 9
BURST = 50


def _ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _paired(enc: Callable[[], object], plain: Callable[[], object]) -> tuple[float, float]:
    a, b = [], []
    for _ in range(RUNS):
        a.append(_ms(enc))
        b.append(_ms(plain))
    return statistics.median(a), statistics.median(b)


def _plain_copy(src: Path, key: bytes, dest_dir: Path) -> Path:
    from app.paths import DB_FILENAME
    from db import cipher

    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / DB_FILENAME
    conn = cipher.connect(src, key)
    try:
        cipher.attach(conn, str(dest), "plain", None)
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    return dest


def _open_once(db_path: Path, data_dir: Path | None) -> None:
    from app.data_key import load_key
    from db import schema
    from db.session import Database, sqlite_url

    key = load_key(data_dir) if data_dir is not None else None
    schema.sqlite_state(db_path, key)
    db = Database(sqlite_url(db_path), key=key)
    try:
        from sqlalchemy import select

        from db.models import School

        with db.read() as s:
            s.scalar(select(School.id).limit(1))
    finally:
        db.dispose()


def _sign_in_timing(ws, password: str) -> None:
    import contextlib

    from sqlalchemy import select

    from app.accounts.service import authenticate, set_active, unlock
    from app.errors import UserError
    from db.models import UserAccount

    principal = authenticate(ws, "principal", password)
    with ws.read() as s:
        ids = {
            u.username: u.id
            for u in s.scalars(
                select(UserAccount).where(UserAccount.username.in_(("guard1", "teacher12")))
            )
        }
    set_active(ws, principal, ids["teacher12"], False)
    cases = {
        "known name, wrong password": "guard1",
        "unknown name": "nobody-here",
        "inactive name": "teacher12",
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(RUNS):
        for label, name in cases.items():
            t0 = time.perf_counter()
            with contextlib.suppress(UserError):
                authenticate(ws, name, "not-the-password")
            times[label].append((time.perf_counter() - t0) * 1000)
        unlock(ws, principal, ids["guard1"])  # untimed: the count never reaches the lock-out
    for label, values in times.items():
        print(f"sign-in refused, {label}: median {statistics.median(values):.1f} ms (n={RUNS})")
    set_active(ws, principal, ids["teacher12"], True)


def main() -> None:
    from bench import generate_large_school as gen
    from bench.bench_ledger import PAGE, _database

    path = _database()
    from app.accounts.service import authenticate
    from app.hazards.ledger import LedgerFilters, hazard_count, hazard_ledger
    from app.inspections.queries import InspectionFilters, count_inspections, list_inspections
    from app.workspace import Workspace
    from db.session import CIPHER_CACHE_KIB, Database, sqlite_url

    enc_ws = Workspace.open(path)
    tmp = Path(tempfile.mkdtemp(prefix="xiaoan-bench-plain-"))
    try:
        plain_db = _plain_copy(enc_ws.db_path, enc_ws.key, tmp)
        plain_ws = Workspace(tmp, Database(sqlite_url(plain_db)), None)
        # SQLCipher's library and engine settings without a key: what encryption alone costs.
        same_db = Database(sqlite_url(plain_db), key=b"")
        same_ws = Workspace(tmp, same_db, None)
        size = enc_ws.db_path.stat().st_size / 1e6
        print(f"database {size:.0f} MB, SQLCipher page 4 KiB, raw 256-bit key, {RUNS} runs each")
        actor = authenticate(enc_ws, "principal", gen.PASSWORD)

        def listing(ws) -> Callable[[], object]:
            return lambda: (
                hazard_ledger(ws, actor, LedgerFilters(), 0, PAGE),
                hazard_count(ws, actor),
                list_inspections(ws, actor, InspectionFilters(), 0, PAGE),
                count_inspections(ws, actor, InspectionFilters()),
            )

        def text_search(ws) -> Callable[[], object]:
            f = LedgerFilters(text="出口")
            return lambda: (hazard_ledger(ws, actor, f, 0, PAGE), hazard_count(ws, actor, f))

        def burst(ws) -> Callable[[], object]:
            def run() -> None:
                for _ in range(BURST):
                    with ws.action(actor, "bench.write", always_audit=True):
                        pass

            return run

        def fresh_list(db_path: Path, key: bytes | None) -> Callable[[], object]:
            def run() -> None:
                ws = Workspace(path, Database(sqlite_url(db_path), key=key), key)
                try:
                    listing(ws)()
                finally:
                    ws.close()

            return run

        cases = [
            ("open (key, schema, engine, first read)",
             lambda: _open_once(enc_ws.db_path, path), lambda: _open_once(plain_db, None), None),
            ("list: ledger + inspections first page and counts",
             listing(enc_ws), listing(plain_ws), listing(same_ws)),
            ("list: ledger text search 出口 (full scan)",
             text_search(enc_ws), text_search(plain_ws), text_search(same_ws)),
            ("first list after opening (a fresh engine: no decrypted page cached yet)",
             fresh_list(enc_ws.db_path, enc_ws.key), fresh_list(plain_db, None),
             fresh_list(plain_db, b"")),
            (f"write burst: {BURST} actions", burst(enc_ws), burst(plain_ws), None),
        ]  # fmt: skip
        print(
            "plain = as before encryption (Python's sqlite3, 2 MiB page cache); plain* = "
            f"SQLCipher's library unkeyed, the encrypted engine's {CIPHER_CACHE_KIB // 1024} MiB "
            "page cache: the cost of the encryption alone"
        )
        for name, enc, plain, same in cases:
            enc()  # warm both caches alike
            plain()
            e, p = _paired(enc, plain)
            line = f"{name}: encrypted {e:.1f} ms, plain {p:.1f} ms, ratio {e / p:.2f}"
            if same is not None:
                same()
                e2, p2 = _paired(enc, same)
                line += f"; plain* {p2:.1f} ms, ratio {e2 / p2:.2f}"
            print(line)
        same_ws.close()
        plain_ws.close()
        _sign_in_timing(enc_ws, gen.PASSWORD)
    finally:
        enc_ws.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
