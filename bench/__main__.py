"""`make bench`: every benchmark, printing medians and ratios against floors of the same run.

Speed is never asserted in tests; it is measured here.
"""

from __future__ import annotations

import subprocess
import sys

# Start-up first, as the figure every user feels.
BENCHMARKS = (
    "bench.startup",
    "bench.bench_ledger",
    "bench.bench_sync",
    "bench.bench_two_way",
    "bench.bench_drill_photos",
    "bench.bench_forms",
    "bench.bench_dashboard",
    "bench.bench_incidents",
    "bench.bench_check",
    "bench.bench_at_rest",
)


def main() -> int:
    """Each benchmark in a process of its own: no state, thread or memory figure leaks
    from one into the next, and one that crashes cannot take the others down."""
    failed = 0
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        code = (
            f"import sys, {name} as bench; "
            "result = bench.main(); "
            "sys.exit(result if isinstance(result, int) else 0)"
        )
        done = subprocess.run([sys.executable, "-c", code], check=False)
        if done.returncode != 0:
            failed += 1
            print(f"{name} failed (exit {done.returncode})", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
