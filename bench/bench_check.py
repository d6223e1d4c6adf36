"""`xiaoan check` on the 5-year large school: the keyed audit chain and the record spot-check.

Prints the time of the whole check (integrity, audit chain, a random sample
of :data:`app.audit.records.SAMPLE` records compared with their last audited
change) and, once, the time to compare every record, against a target of
30 s for the check as run.
"""

from __future__ import annotations

import time

TARGET_S = 30.0


def main() -> None:
    from sqlalchemy.orm import Session

    from app.audit.records import check_records
    from app.data_key import require_key
    from app.integrity import check_data_dir
    from bench.bench_ledger import _database
    from db.session import make_engine

    path = _database()
    t0 = time.perf_counter()
    report = check_data_dir(path)
    took = time.perf_counter() - t0
    print(
        f"xiaoan check: {took:.1f} s (target {TARGET_S:.0f} s), {report.audit_entries} audit "
        f"entries, {report.records_compared} records compared, "
        f"{len(report.records)} record problems, chain {[p.reason for p in report.chain]}"
    )
    engine = make_engine(
        f"sqlite:///file:{report.db_path.resolve()}?mode=ro&uri=true",
        key=require_key(report.db_path.parent, report.db_path),
    )
    try:
        with Session(engine) as s:
            t0 = time.perf_counter()
            problems, compared = check_records(s, sample=10**9)
            full = time.perf_counter() - t0
    finally:
        engine.dispose()
    print(f"every record compared: {compared} in {full:.1f} s, {len(problems)} problems")
