"""`make bench`: every benchmark, printing medians and ratios against floors of the same run.

Speed is never asserted in tests; it is measured here.
"""

from __future__ import annotations

import importlib
import sys
import traceback

# Start-up first, as the figure every user feels.
BENCHMARKS = (
    "bench.startup",
    "bench.bench_ledger",
    "bench.bench_sync",
    "bench.bench_drill_photos",
    "bench.bench_forms",
    "bench.bench_dashboard",
    "bench.bench_incidents",
)


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:
                continue  # that area has no benchmark yet
            raise
        print(f"== {name}")
        try:
            module.main()
        except Exception:  # noqa: BLE001 - report and go on with the other benchmarks
            failed += 1
            traceback.print_exc()
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
