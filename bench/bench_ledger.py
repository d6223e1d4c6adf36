"""Browsing the hazard ledger and the inspection list on the 5-year large school.

Prints, for each operation the ledger and inspection pages do when opened or
filtered (one page of rows plus the count a lazy table model needs), the
median of :data:`RUNS` runs, against a target of 100 ms; then the process's
peak RSS while browsing, against a target of 250 MB. The database is built
once by :mod:`bench.generate_large_school` in a child process, so its memory
is not counted here.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

RUNS = 7
PAGE = 100
TARGET_MS = 100.0
TARGET_RSS_MB = 250.0


def _database() -> Path:
    from bench import generate_large_school as gen

    target = gen.data_dir()
    if not (target / "complete").exists():
        root = Path(__file__).resolve().parent.parent
        subprocess.run([sys.executable, "-m", "bench.generate_large_school"], cwd=root, check=True)
    print(f"database: {(target / 'complete').read_text(encoding='utf-8').strip()}")
    return target


def _median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    from bench import generate_large_school as gen

    path = _database()
    from app.accounts.service import authenticate
    from app.hazards.ledger import LedgerFilters, hazard_count, hazard_detail, hazard_ledger
    from app.hazards.service import school_today
    from app.inspections.queries import (
        InspectionFilters,
        count_inspections,
        inspection_detail,
        list_inspections,
    )
    from app.workspace import Workspace

    ws = Workspace.open(path)
    try:
        actor = authenticate(ws, "principal", gen.PASSWORD)
        today = school_today()

        def ledger(f: LedgerFilters) -> Callable[[], object]:
            return lambda: (hazard_ledger(ws, actor, f, 0, PAGE), hazard_count(ws, actor, f))

        def inspections(f: InspectionFilters) -> Callable[[], object]:
            return lambda: (
                list_inspections(ws, actor, f, 0, PAGE),
                count_inspections(ws, actor, f),
            )

        total = hazard_count(ws, actor)
        first = hazard_ledger(ws, actor, LedgerFilters(), 0, 1)[0]
        some_inspection = list_inspections(ws, actor, InspectionFilters(), 0, 1)[0]
        cases: list[tuple[str, Callable[[], object]]] = [
            ("ledger open", ledger(LedgerFilters())),
            (
                "ledger scroll to the middle",
                lambda: hazard_ledger(ws, actor, LedgerFilters(), total // 2, PAGE),
            ),
            ("ledger filter status=open", ledger(LedgerFilters(status="open"))),
            ("ledger filter status=closed", ledger(LedgerFilters(status="closed"))),
            ("ledger filter overdue", ledger(LedgerFilters(status="overdue"))),
            ("ledger filter area=fire", ledger(LedgerFilters(area="fire"))),
            ("ledger filter major", ledger(LedgerFilters(major=True))),
            (
                "ledger filter last 90 days",
                ledger(LedgerFilters(date_from=today - timedelta(days=90), date_to=today)),
            ),
            ("ledger filter text 出口", ledger(LedgerFilters(text="出口"))),
            (
                "ledger filter open+fire+text",
                ledger(LedgerFilters(status="open", area="fire", text="消防")),
            ),
            ("hazard detail", lambda: hazard_detail(ws, actor, first.id)),
            ("inspection list open", inspections(InspectionFilters())),
            ("inspection list kind=monthly", inspections(InspectionFilters(kind="monthly"))),
            (
                "inspection list last 30 days",
                inspections(InspectionFilters(date_from=today - timedelta(days=30))),
            ),
            ("inspection list with failures", inspections(InspectionFilters(with_failures=True))),
            ("inspection detail", lambda: inspection_detail(ws, actor, some_inspection.id)),
        ]
        print(f"{total} hazards, {count_inspections(ws, actor)} inspections")
        for name, fn in cases:
            ms = _median_ms(fn)
            flag = "" if ms <= TARGET_MS else f"  (over the {TARGET_MS:.0f} ms target)"
            print(f"{name}: median {ms:.1f} ms (n={RUNS}){flag}")
    finally:
        ws.close()
    rss = _peak_rss_mb()
    flag = "" if rss <= TARGET_RSS_MB else f"  (over the {TARGET_RSS_MB:.0f} MB target)"
    print(f"peak RSS while browsing: {rss:.0f} MB{flag}")


if __name__ == "__main__":
    main()
