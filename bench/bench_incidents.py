"""The incident reads the dashboard, the page and the monthly report make.

Builds a school with ten years of incidents (:data:`YEARS` × :data:`PER_YEAR`,
a handful still open, each with people and reports) in a temporary folder,
then prints the median of :data:`RUNS` runs of each read, and its ratio to a
floor measured in the same run: opening a read session and selecting one row.
The page re-reads only after a change; its clocks tick from loaded due times.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

RUNS = 15
YEARS = 10
PER_YEAR = 60
OPEN = 5
CATEGORIES = ("injury", "fire", "food_poisoning", "traffic", "violence", "drowning", "other")


def _median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _build(folder: Path):
    from app.accounts.service import authenticate
    from app.incidents.service import SCHOOL_TZ, make_ref
    from app.school.service import SchoolProfile, set_up_school
    from app.workspace import Workspace
    from db.base import new_id
    from db.models import Incident, IncidentPerson, IncidentReport

    ws = Workspace.open(folder)
    set_up_school(
        ws, SchoolProfile(name="基准学校", code="000000-0001", kind="primary", boarding=False,
                          has_school_bus=False),
        principal_name="校长", username="principal", secret_kind="password",
        secret="bench-pass-123",
    )  # fmt: skip
    actor = authenticate(ws, "principal", "bench-pass-123")
    rng = random.Random(7)
    now = datetime.now(UTC)
    total = YEARS * PER_YEAR
    with ws.action(actor, "bench.incidents") as s:
        for n in range(total):
            found = now - timedelta(
                days=365 * YEARS * (total - n) / total, minutes=rng.randrange(600)
            )
            if n >= total - OPEN:
                found = now - timedelta(minutes=rng.randrange(5, 200))
            iid = new_id()
            phone = found + timedelta(minutes=rng.randrange(5, 50))
            written = found + timedelta(minutes=rng.randrange(40, 200))
            s.add(
                Incident(
                    id=iid, ref=make_ref(found, iid), category=rng.choice(CATEGORIES),
                    severity="general", discovered_at=found,
                    discovered_on=found.astimezone(SCHOOL_TZ).date(), place="操场",
                    description="经过", phone_reported_at=phone if phone < now else None,
                    written_reported_at=written if written < now else None,
                    closed_at=None if n >= total - OPEN else found + timedelta(days=2),
                )
            )  # fmt: skip
            s.add(IncidentPerson(id=new_id(), incident_id=iid, name="学生", minor=True))
            for kind, at in (("phone", phone), ("written", written), ("follow_up", written)):
                if at < now:
                    s.add(IncidentReport(id=new_id(), incident_id=iid, kind=kind, at=at,
                                         logged_at=at))  # fmt: skip
    return ws, actor, total


def main() -> None:
    from sqlalchemy import select

    from app.incidents.clocks import open_incident_clocks
    from app.incidents.summary import month_figures
    from app.incidents.views import incident_detail, list_incidents
    from db.models import School

    with tempfile.TemporaryDirectory() as tmp:
        ws, actor, total = _build(Path(tmp) / "school")
        try:
            school = ws.school_id
            now = datetime.now(UTC)
            today = date.today()
            first = list_incidents(ws, actor)[0]

            def floor() -> None:
                with ws.read() as s:
                    s.scalar(select(School.id).limit(1))

            def dashboard() -> None:
                with ws.read() as s:
                    open_incident_clocks(s, school, now)

            def month() -> None:
                with ws.read() as s:
                    month_figures(s, school, today.replace(day=1), today)

            def year() -> None:
                with ws.read() as s:
                    month_figures(s, school, today.replace(month=1, day=1), today)

            base = _median_ms(floor)
            print(f"{total} incidents ({OPEN} open); floor (read session + one row): {base:.2f} ms")
            for name, fn in (
                ("dashboard open_incident_clocks", dashboard),
                ("month_figures, this month", month),
                ("month_figures, this year", year),
                ("page list, all incidents", lambda: list_incidents(ws, actor)),
                ("page list, open only", lambda: list_incidents(ws, actor, open_only=True)),
                ("incident detail", lambda: incident_detail(ws, actor, first.id)),
            ):
                ms = _median_ms(fn)
                print(f"{name}: median {ms:.2f} ms (n={RUNS}), {ms / base:.1f}× floor")
        finally:
            ws.close()


if __name__ == "__main__":
    main()
