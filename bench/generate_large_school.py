"""Build the "5-year large school" database the ledger benchmark runs on.

About 9,600 inspections with ≈190k checklist answers, ≈19k hazards in every
state with their event history, major-hazard monitoring, and ≈10k photo
records pointing at a handful of small real JPEGs. Rows are ORM objects added
through :meth:`Workspace.action` in month-sized batches, so the change
capture, outbox and audit run as they do for users (bulk INSERTs on synced
tables are refused by design).

The result is cached under ``bench/.data/large-school-<VERSION>-<schema head>/``;
bump :data:`VERSION` when the generated data changes. The outbox is left
as a school that has never synced would have it (the worst case for size).

    python -m bench.generate_large_school [--force]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

HERE = Path(__file__).resolve().parent
# 2: the database is encrypted (SQLCipher) from the start; a cached plain "1" would be
# encrypted inside a timed run. Its key is kept in this user's keyring or key folder.
VERSION = "2"
YEARS = 5
PATROLS_PER_DAY = 5  # morning gate, teaching blocks, canteen, dormitories, evening
FAIL_RATE = 0.10
PHOTO_RECORDS = 10_000
SHARED_JPEGS = 6
PASSWORD = "large-school-1"

ZONES = ["教学楼 A", "教学楼 B", "学生宿舍", "食堂", "操场", "校门", "实验楼", "锅炉房"]
STAFF = [
    ("officer1", "李建国", "safety_officer"),
    ("officer2", "赵敏", "safety_officer"),
    ("duty1", "王强", "duty_staff"),
    ("duty2", "刘芳", "duty_staff"),
    ("guard1", "周军", "guard"),
    ("guard2", "吴德明", "guard"),
    *[(f"teacher{i}", f"教师{i:02d}", "staff") for i in range(1, 13)],
]


def data_dir() -> Path:
    # Keyed by schema too: opening an older cached file would copy it aside
    # (hundreds of MB) and migrate it inside the timed run.
    from db.schema import HEAD

    return HERE / ".data" / f"large-school-{VERSION}-{HEAD}"


def _jpegs(folder: Path) -> list[Path]:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(SHARED_JPEGS):
        im = Image.new("RGB", (320, 240), (40 * i % 255, 120, 200 - 30 * i))
        ImageDraw.Draw(im).ellipse((40 + 10 * i, 40, 200, 200), outline=(255, 255, 255), width=4)
        path = folder / f"shared-{i}.jpg"
        im.save(path, "JPEG", quality=70)
        out.append(path)
    return out


def _schedule(start: date, end: date, rng: random.Random):
    """(day, kind, template codes, place) for every inspection, oldest first."""
    everything = [
        "fire", "buildings", "chemicals", "gas", "traffic", "events", "food", "kindergarten",
        "drowning", "bullying", "security", "surroundings", "flood_geo", "winter_co",
        "dormitory", "lab",
    ]  # fmt: skip
    day = start
    while day <= end:
        for n in range(PATROLS_PER_DAY):
            yield day, "daily_patrol", ["daily_patrol"], ZONES[(day.toordinal() + n) % len(ZONES)]
        if day.weekday() == 0:
            yield day, "weekly", ["fire", "security", "dormitory"], "全校"
        if day.day in (1, 16):
            yield day, "half_monthly", everything, "全校"
        if day.day == 25:
            yield day, "monthly", everything, "全校"
        if (day.month, day.day) in ((4, 20), (6, 1), (11, 15), (12, 10)):
            codes = {4: ["drowning"], 6: ["flood_geo"], 11: ["winter_co"], 12: ["fire", "gas"]}
            yield day, "special", codes[day.month], "全校"
        day += timedelta(days=1)


def build(target: Path, years: int = YEARS) -> dict[str, int]:
    """Create the database in ``target`` (which must not exist), ``years`` of history.
    Returns row counts."""
    from app.accounts.service import authenticate, create_user
    from app.attachments.store import add_photos
    from app.hazards.service import SCHOOL_TZ
    from app.inspections.templates import catalog
    from app.school.service import SchoolProfile, set_up_school
    from app.workspace import Workspace
    from db.base import new_id
    from db.models import (
        Hazard,
        HazardEvent,
        HazardMonitoring,
        Inspection,
        InspectionAnswer,
        Photo,
        PhotoLink,
    )

    rng = random.Random(20260901)
    ws = Workspace.open(target)
    counts = dict.fromkeys(
        ["inspections", "answers", "hazards", "events", "monitoring", "photos", "links"], 0
    )
    try:
        set_up_school(
            ws,
            SchoolProfile(
                "县第一中学", "220105-0099", "nine_year", boarding=True, has_school_bus=True
            ),
            principal_name="张丽",
            username="principal",
            secret_kind="password",
            secret=PASSWORD,
        )
        principal = authenticate(ws, "principal", PASSWORD)
        users = [
            create_user(
                ws, principal, username=u, display_name=n, role=r, secret_kind="pin",
                secret=f"{480000 + i}",
            ).actor()
            for i, (u, n, r) in enumerate(STAFF)
        ]  # fmt: skip
        officers = [u for u in users if u.role == "safety_officer"]
        field = [u for u in users if u.role != "safety_officer"]
        PARENTS_FIRST = (
            Photo, Inspection, Hazard, InspectionAnswer, HazardEvent, HazardMonitoring, PhotoLink
        )  # fmt: skip
        shared = add_photos(ws, principal, _jpegs(target / "incoming"))
        shutil.rmtree(target / "incoming")
        cat = catalog(ws.data_dir)

        today = datetime.now(SCHOOL_TZ).date()
        start = today - timedelta(days=365 * years)
        inspections = list(_schedule(start, today - timedelta(days=1), rng))
        photo_records = PHOTO_RECORDS * years // YEARS
        photo_every = max(1, int(len(inspections) * 16 * FAIL_RATE * 1.6 / photo_records))

        def stamp(day: date, hour: int) -> datetime:
            at = datetime.combine(day, clock(hour, rng.randrange(60)), SCHOOL_TZ)
            return at.astimezone(UTC)

        batch_month = None
        pending: list = []
        fails_seen = 0

        def flush_batch() -> None:
            if not pending:
                return
            # The unit of work orders inserts by relationship, and these models
            # declare none: parents go in (and are flushed) before children.
            with ws.action(principal, "bench.generate", detail="large school") as s:
                for cls in PARENTS_FIRST:
                    s.add_all([o for o in pending if type(o) is cls])
                    s.flush()
            pending.clear()

        for day, kind, codes, place in inspections:
            month = (day.year, day.month)
            if month != batch_month:
                flush_batch()
                batch_month = month
            lead = rng.choice(field if kind == "daily_patrol" else officers)
            started = stamp(day, 7 if kind == "daily_patrol" else 14)
            insp = Inspection(
                id=new_id(), kind=kind, title=" / ".join(cat.get(c).title for c in codes)[:200],
                templates=[cat.get(c).key for c in codes], started_at=started, place=place,
                lead_inspector_id=lead.user_id, inspector_ids=[str(lead.user_id)],
            )  # fmt: skip
            pending.append(insp)
            counts["inspections"] += 1
            position = failed = 0
            for code in codes:
                t = cat.get(code)
                for item in t.items:
                    fail = rng.random() < FAIL_RATE
                    answer = InspectionAnswer(
                        id=new_id(), inspection_id=insp.id, position=position,
                        template_code=t.code, template_version=t.version, item_code=item.code,
                        area=item.area, risk_group=item.risk_group, severity=item.severity,
                        text=item.text, result="fail" if fail else rng.choice("ppppppppn").replace(
                            "p", "pass").replace("n", "na"),
                        answered_at=started, answered_by=lead.user_id,
                    )  # fmt: skip
                    position += 1
                    pending.append(answer)
                    counts["answers"] += 1
                    if not fail:
                        continue
                    failed += 1
                    fails_seen += 1
                    hazard = _hazard(rng, item, insp, started, day, today, lead, officers, field)
                    answer.hazard_id = hazard.id
                    pending.append(hazard)
                    counts["hazards"] += 1
                    for ev in _events(hazard, lead, officers, field, SCHOOL_TZ):
                        pending.append(ev)
                        counts["events"] += 1
                    for m in _monitoring(hazard, today, field, SCHOOL_TZ, rng):
                        pending.append(m)
                        counts["monitoring"] += 1
                    if fails_seen % photo_every == 0 and counts["photos"] < photo_records:
                        src = shared[counts["photos"] % len(shared)]
                        photo = Photo(
                            id=new_id(), sha256=src.sha256, media_type=src.media_type,
                            byte_size=1000, width=src.width, height=src.height,
                            original_name=f"IMG_{counts['photos']:05d}.jpg", added_by=lead.user_id,
                        )  # fmt: skip
                        pending.append(photo)
                        pending.append(
                            PhotoLink(photo_id=photo.id, owner_table="inspection_answer",
                                      owner_id=answer.id, purpose="answer")
                        )  # fmt: skip
                        counts["photos"] += 1
                        counts["links"] += 1
            insp.item_count, insp.fail_count = position, failed
            insp.finalized_at, insp.finalized_by = started + timedelta(hours=1), lead.user_id
        flush_batch()
    finally:
        ws.close()
    return counts


def _hazard(rng, item, insp, started, day, today, lead, officers, field):
    from app.hazards.service import make_ref
    from db.base import new_id
    from db.models import Hazard

    hid = new_id()
    age = (today - day).days
    major = item.severity == "major" and rng.random() < 0.3
    h = Hazard(
        id=hid, ref=make_ref(day, hid), title=item.text[:200], area=item.area,
        risk_group=item.risk_group, severity=item.severity, major=major,
        major_since=day if major else None, place=insp.place, item_code=item.code,
        status="reported", reported_at=started, reported_on=day, reported_by=lead.user_id,
        source_inspection_id=insp.id,
    )  # fmt: skip
    # Older hazards are nearly all closed; recent ones are spread over the states.
    roll = rng.random()
    if age > 60:
        stage = "closed" if roll < 0.96 else rng.choice(["planned", "rectifying", "rectified"])
    else:
        stage = rng.choice(["reported", "planned", "rectifying", "rectified", "closed", "closed"])
    if stage == "reported":
        return h
    fixer = rng.choice(field)
    h.responsible_id = fixer.user_id
    h.deadline = day + timedelta(days=rng.choice([3, 7, 14, 30]))
    h.measures = "按整改方案落实整改"
    h.interim_safeguard = "设置警示标识，专人看护"
    h.planned_at = started + timedelta(hours=3)
    h.status = "planned"
    if stage == "planned":
        return h
    h.status = "rectifying"
    if stage == "rectifying":
        return h
    h.rectified_by = fixer.user_id
    h.rectified_at = started + timedelta(days=2)
    h.rectification_note = "已整改到位"
    h.status = "rectified"
    if stage == "rectified":
        return h
    h.rechecked_by = rng.choice(officers).user_id
    h.rechecked_at = h.closed_at = started + timedelta(days=3)
    h.recheck_result = "pass"
    h.status = "closed"
    if rng.random() < 0.01:
        h.needs_escalation, h.escalation_note = True, "需上级部门协调解决"
    return h


def _events(h, lead, officers, field, tz):
    from db.base import new_id
    from db.models import HazardEvent

    steps = [("report", "", "reported", h.reported_at, lead)]
    if h.planned_at:
        steps.append(("plan", "reported", "planned", h.planned_at, officers[0]))
    if h.status in ("rectifying", "rectified", "closed"):
        steps.append(
            ("start", "planned", "rectifying", h.planned_at + timedelta(hours=1), field[0])
        )
    if h.rectified_at:
        steps.append(("rectify", "rectifying", "rectified", h.rectified_at, field[0]))
    if h.closed_at:
        steps.append(("recheck_pass", "rectified", "closed", h.closed_at, officers[1]))
    for kind, before, after, at, who in steps:
        yield HazardEvent(
            id=new_id(), hazard_id=h.id, at=at, actor_id=who.user_id, actor_name=who.name,
            kind=kind, from_status=before, to_status=after,
        )  # fmt: skip


def _monitoring(h, today, field, tz, rng):
    from db.base import new_id
    from db.models import HazardMonitoring

    if not h.major:
        return
    end = h.closed_at.astimezone(tz).date() if h.closed_at else today
    day = h.reported_on
    while day < end and (day - h.reported_on).days < 60:
        for hour in (8, 17):
            if rng.random() < 0.97:  # now and then a watch is missed
                who = rng.choice(field)
                at = datetime.combine(day, clock(hour, 5), tz).astimezone(UTC)
                yield HazardMonitoring(
                    id=new_id(), hazard_id=h.id, observed_at=at, observed_on=day,
                    observer_id=who.user_id, observer_name=who.name, observation="无明显变化",
                )  # fmt: skip
        day += timedelta(days=1)


def ensure(force: bool = False, quiet: bool = False) -> Path:
    """The cached database folder, built (atomically) if missing."""
    target = data_dir()
    if (target / "complete").exists() and not force:
        return target
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    t0 = time.perf_counter()
    counts = build(building)
    seconds = time.perf_counter() - t0
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    (building / "complete").write_text(f"{summary}\nbuilt in {seconds:.1f} s\n", encoding="utf-8")
    building.rename(target)
    if not quiet:
        print(f"generated large school: {summary} in {seconds:.1f} s")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    print(ensure(force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
