"""The sample school: history at the times it describes, varied photos, a report that
matches its records, and a clock that never reaches the app's own actions."""

from __future__ import annotations

import ast
import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.accounts.service import authenticate
from app.attachments.links import linked_photos
from app.attachments.store import original_path
from app.demo import PRINCIPAL, build_demo
from app.demo.timeline import DemoClock, demo_calendar, merge
from app.monthly.figures import compute_figures
from app.monthly.service import month_period, save_draft
from app.school.clock import SCHOOL_TZ, school_today
from app.workspace import Workspace
from db import hlc
from db.base import utcnow
from db.models import (
    AuditEntry,
    Hazard,
    HazardEvent,
    Inspection,
    InspectionAnswer,
    MonthlyReport,
    OutboxEntry,
    Photo,
)
from ui.launcher import main as xiaoan

ROOT = Path(__file__).resolve().parents[2]


# data folder -> the config folder (and so the audit key) of the user who built it
BUILT_BY: dict[Path, str] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory, module_user_dirs):
    started = datetime.now(UTC)
    path = tmp_path_factory.mktemp("demo") / "school"
    build_demo(path)
    BUILT_BY[path] = os.environ["XIAOAN_CONFIG_DIR"]
    return path, started, datetime.now(UTC)


@pytest.fixture(scope="module")
def demo_hlcs(built):
    """The HLC of every change the demo made, in the order it made them (before any test acts)."""
    ws = Workspace.open(built[0])
    try:
        with ws.read() as s:
            return s.scalars(select(OutboxEntry.hlc).order_by(OutboxEntry.seq)).all()
    finally:
        ws.close()


@pytest.fixture
def demo(built, demo_hlcs):
    ws = Workspace.open(built[0])
    yield ws
    ws.close()


def test_history_is_spread_over_the_weeks_in_the_order_it_happened(demo, built):
    _path, started, _done = built
    with demo.read() as s:
        entries = s.execute(select(AuditEntry.seq, AuditEntry.at).order_by(AuditEntry.seq)).all()
    times = [at for _seq, at in entries]
    days = {at.astimezone(SCHOOL_TZ).date() for at in times}
    assert max(times) - min(times) > timedelta(days=21)
    assert len(days) >= 21  # every day of the history has its own entries
    assert times == sorted(times)  # the trail reads in the order things happened
    assert max(times) <= started  # nothing is dated after the demo was made


def test_a_hazard_carries_its_patrols_time_and_its_steps_days_apart(demo):
    with demo.read() as s:
        hazards = s.scalars(select(Hazard).where(Hazard.source_inspection_id.is_not(None))).all()
        assert len(hazards) >= 8
        for h in hazards:
            insp = s.get(Inspection, h.source_inspection_id)
            report = s.scalar(
                select(HazardEvent).where(
                    HazardEvent.hazard_id == h.id, HazardEvent.kind == "report"
                )
            )
            # Reported when the patrol was finalized, that morning.
            assert report.at == insp.finalized_at
            assert timedelta(0) < insp.finalized_at - insp.started_at < timedelta(minutes=30)
            failed = s.scalar(
                select(InspectionAnswer).where(
                    InspectionAnswer.inspection_id == insp.id, InspectionAnswer.hazard_id == h.id
                )
            )
            assert insp.started_at <= failed.answered_at <= insp.finalized_at
        closed = [h for h in hazards if h.status == "closed"]
        assert closed
        for h in closed:
            events = s.scalars(
                select(HazardEvent).where(HazardEvent.hazard_id == h.id).order_by(HazardEvent.at)
            ).all()
            assert [e.kind for e in events][0] == "report"
            assert events[-1].kind == "recheck_pass"
            assert events[-1].at - events[0].at >= timedelta(days=3)
            assert h.closed_at == events[-1].at


def test_recent_activity_shows_when_things_were_done(demo):
    from app.dashboard.overview import recent_activity

    principal = authenticate(demo, PRINCIPAL[0], PRINCIPAL[2])
    recent = recent_activity(demo, principal, limit=30)
    assert len({item.at for item in recent}) > 10  # not one moment stamped on everything


def test_the_hlc_keeps_the_computers_time_and_never_goes_back(demo_hlcs, built):
    _path, started, done = built
    stamps = demo_hlcs
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    start_ms = int(started.timestamp() * 1000)
    assert hlc.wall_ms(stamps[0]) >= start_ms  # written now, whatever date they describe
    assert hlc.wall_ms(stamps[-1]) <= int(done.timestamp() * 1000) + 1


def test_the_apps_own_actions_after_the_demo_are_stamped_now(built):
    path, _started, done = built
    ws = Workspace.open(path)
    try:
        with ws.read() as s:
            last_hlc = s.scalar(select(OutboxEntry.hlc).order_by(OutboxEntry.seq.desc()).limit(1))
        principal = authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
        before = datetime.now(UTC)
        save_draft(ws, principal, month_period(school_today().strftime("%Y-%m")), "本月工作要点")
        with ws.read() as s:
            entry = s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
            new_hlc = s.scalar(select(OutboxEntry.hlc).order_by(OutboxEntry.seq.desc()).limit(1))
        assert entry.action == "monthly_report.draft"
        assert entry.at >= before
        assert new_hlc > last_hlc
    finally:
        ws.close()
    assert abs(utcnow() - datetime.now(UTC)) < timedelta(seconds=5)


def test_check_passes_on_a_fresh_demo(built, capsys, monkeypatch):
    # Run as the user who built it: the audit key is in their keyring or config folder.
    monkeypatch.setenv("XIAOAN_CONFIG_DIR", BUILT_BY[built[0]])
    assert xiaoan(["check", "--data-dir", str(built[0])]) == 0


def test_every_photo_is_its_own_picture_with_its_date(demo):
    from PIL import Image, ImageStat

    with demo.read() as s:
        photos = s.scalars(select(Photo)).all()
        answers = s.scalars(select(InspectionAnswer).where(InspectionAnswer.result == "fail")).all()
    assert len(photos) >= 25
    contents = set()
    for p in photos:
        file = original_path(demo.data_dir, p.sha256, p.media_type)
        data = file.read_bytes()
        contents.add(hashlib.sha256(data).hexdigest())
        with Image.open(file) as im:
            # A scene, not a flat colour: several colours and real contrast.
            assert len(im.convert("RGB").getcolors(maxcolors=1 << 20)) > 500
            assert max(ImageStat.Stat(im).stddev) > 25
            taken = im.getexif().get_ifd(0x8769).get(0x9003)
            assert taken and taken[:4].isdigit()
    assert len(contents) == len(photos)
    # The photo of a failed item was taken when the item was answered.
    with demo.read() as s:
        linked = linked_photos(s, "inspection_answer", [a.id for a in answers])
    with_photo = 0
    for a in answers:
        for _purpose, ref in linked.get(a.id, []):
            with Image.open(original_path(demo.data_dir, ref.sha256, ref.media_type)) as im:
                taken = im.getexif().get_ifd(0x8769)[0x9003]
            local = a.answered_at.astimezone(SCHOOL_TZ)
            assert taken == local.strftime("%Y:%m:%d %H:%M:%S")
            with_photo += 1
    assert with_photo >= 8


def test_last_months_signed_report_shows_the_figures_of_its_records(demo):
    with demo.read() as s:
        report = s.scalar(select(MonthlyReport).where(MonthlyReport.finalized_at.is_not(None)))
        assert report is not None
        period = month_period(report.month)
        computed = compute_figures(s, demo.school_id, period, school_today())
    assert report.figures == computed
    assert report.finalized_at.astimezone(SCHOOL_TZ).date() > period.end  # signed after the month
    # A whole month of records behind it, and the principal's words say the same numbers.
    patrols = computed["patrols"]
    assert patrols["required"] == patrols["done"] == (period.end - period.start).days + 1
    assert computed["zero_reports"]["missing"] == 0
    assert f"完成日巡查 {patrols['done']} 次" in report.comments
    assert f"发现隐患 {computed['hazards']['found']} 项" in report.comments


def test_a_demo_made_on_the_first_of_a_month_early_in_the_year_is_sound(tmp_path, capsys):
    """Calendar edges: the school year has just begun and last month is the summer."""
    now = datetime(2026, 10, 1, 1, 30, tzinfo=UTC)  # 09:30 on 1 October, Beijing
    build_demo(tmp_path / "school", now=now)
    assert xiaoan(["check", "--data-dir", str(tmp_path / "school")]) == 0
    ws = Workspace.open(tmp_path / "school")
    try:
        with ws.read() as s:
            times = s.scalars(select(AuditEntry.at).order_by(AuditEntry.seq)).all()
            report = s.scalar(select(MonthlyReport).where(MonthlyReport.finalized_at.is_not(None)))
            computed = compute_figures(
                s, ws.school_id, month_period(report.month), now.astimezone(SCHOOL_TZ).date()
            )
        assert times == sorted(times) and times[-1] <= now
        assert report.month == "2026-09" and report.figures == computed
    finally:
        ws.close()


def test_the_demo_clock_only_moves_forward_and_never_past_now():
    start = datetime(2026, 11, 2, tzinfo=UTC)
    clock = DemoClock(start, latest=start + timedelta(days=3))
    assert clock.advance_to(start + timedelta(days=1)) == start + timedelta(days=1)
    assert clock.advance_to(start) == start + timedelta(days=1)  # never backwards
    assert clock.advance_to(start + timedelta(days=9)) == start + timedelta(days=3)


def test_timelines_interleave_in_time_order():
    base = datetime(2026, 11, 2, tzinfo=UTC)
    ran: list[str] = []

    def timeline(name: str, hours: list[int]):
        for h in hours:
            yield base + timedelta(hours=h)
            ran.append(f"{name}{h}")

    steps = list(merge(timeline("a", [1, 5, 9]), timeline("b", [2, 3, 10])))
    assert steps == sorted(steps)
    assert ran == ["a1", "b2", "b3", "a5", "a9", "b10"]


def test_calendar_covers_all_of_last_month_and_three_weeks_at_least():
    for now in (datetime(2026, 11, 27, 9, tzinfo=UTC), datetime(2026, 12, 1, 1, tzinfo=UTC)):
        cal = demo_calendar(now)
        assert cal.history_start == cal.last_month
        assert (cal.today - cal.history_start).days >= 21
        assert cal.set_up_at.date() <= cal.history_start


def test_only_the_demo_sets_the_record_clock():
    """The app's own paths can never back-date a record: only app/demo enters record_clock."""
    users = []
    for folder in ("app", "ui", "db"):
        for file in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                named = (isinstance(node, ast.Name) and node.id == "record_clock") or (
                    isinstance(node, ast.Attribute) and node.attr == "record_clock"
                )
                imported = isinstance(node, ast.ImportFrom) and any(
                    a.name == "record_clock" for a in node.names
                )
                if named or imported:
                    users.append(file.relative_to(ROOT).as_posix())
    assert set(users) <= {"db/base.py", "app/demo/timeline.py"}
    assert "app/demo/timeline.py" in users
