"""Rosters: fair rotation around leave and holidays, gaps, swaps, who may edit."""

from __future__ import annotations

from collections import Counter
from datetime import date, time, timedelta

import pytest
from sqlalchemy import func, select

from app.duty.calendar import (
    HOLIDAY_NO_LEADER,
    NO_SHIFT,
    ON_LEAVE,
    find_gaps,
    month_calendar,
    week_calendar,
)
from app.duty.roster import add_duty_type, generate_rotation, list_shifts, mark_holiday, swap_shifts
from app.errors import PermissionDenied, UserError
from app.staff.service import add_leave, add_staff
from db.models import AuditEntry, OutboxEntry
from tests.app.compliance_helpers import in_use_since

START, END = date(2026, 11, 1), date(2026, 11, 30)


def outbox_count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


@pytest.fixture
def people(workspace, principal):
    in_use_since(workspace, START)  # gaps are owed from the school's set-up day
    return [add_staff(workspace, principal, name=n).id for n in ("王强", "刘芳", "陈浩", "孙丽")]


@pytest.fixture
def night(workspace, principal):
    return add_duty_type(
        workspace,
        principal,
        name="值宿",
        kind="night_watch",
        start_time=time(20),
        end_time=time(6, 30),
    )


def test_rotation_is_fair_and_respects_leave(workspace, principal, people, night):
    add_leave(workspace, principal, people[1], date(2026, 11, 10), date(2026, 11, 12), "病假")
    rot = generate_rotation(workspace, principal, night.id, START, END, people)
    assert len(rot.shifts) == 30 and rot.uncovered == ()
    counts = Counter(v.staff_id for v in rot.shifts)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert set(counts) == set(people)
    on_leave_days = {v.date for v in rot.shifts if v.staff_id == people[1]}
    assert not on_leave_days & {date(2026, 11, d) for d in (10, 11, 12)}
    assert rot.shifts[0].start_time == time(20) and rot.shifts[0].end_time == time(6, 30)


def test_school_day_duty_skips_weekends_and_marked_holidays(workspace, principal, people):
    mark_holiday(workspace, principal, "校庆", date(2026, 11, 4), date(2026, 11, 4))
    teacher = add_duty_type(
        workspace, principal, name="值班教师", kind="teacher", start_time=time(7),
        end_time=time(17, 30), days="school_days",
    )  # fmt: skip
    rot = generate_rotation(
        workspace, principal, teacher.id, date(2026, 11, 2), date(2026, 11, 8), people
    )
    assert [v.date.day for v in rot.shifts] == [2, 3, 5, 6]


def test_gaps_night_without_watch_holiday_without_leader_and_leave(
    workspace, principal, people, night
):
    add_duty_type(
        workspace, principal, name="值班领导", kind="leader", start_time=time(8), end_time=time(8),
        days="rest_days", required=False,
    )  # fmt: skip
    mark_holiday(workspace, principal, "元旦", date(2026, 11, 20), date(2026, 11, 20))
    generate_rotation(
        workspace, principal, night.id, date(2026, 11, 16), date(2026, 11, 18), people[:1]
    )
    add_leave(workspace, principal, people[0], date(2026, 11, 17), date(2026, 11, 17))
    gaps = find_gaps(workspace, date(2026, 11, 16), date(2026, 11, 20))
    kinds = {(g.date.day, g.kind) for g in gaps}
    assert (19, NO_SHIFT) in kinds and (20, NO_SHIFT) in kinds
    assert (20, HOLIDAY_NO_LEADER) in kinds
    assert (17, ON_LEAVE) in kinds
    assert not any(d == 16 for d, _ in kinds)


def test_calendar_queries(workspace, principal, people, night):
    generate_rotation(workspace, principal, night.id, START, END, people)
    week = week_calendar(workspace, "2026-W48")
    assert week.start == date(2026, 11, 23) and len(week.days) == 7
    assert all(len(d.shifts) == 1 for d in week.days) and week.gaps == ()
    month = month_calendar(workspace, 2026, 11)
    assert len(month.days) == 30 and month.days[-1].date == END
    with pytest.raises(UserError, match="2026-W48"):
        week_calendar(workspace, "week 48")


def test_swap_exchanges_people(workspace, principal, people, night):
    rot = generate_rotation(
        workspace, principal, night.id, START, START + timedelta(days=1), people
    )
    a, b = rot.shifts
    new_a, new_b = swap_shifts(workspace, principal, a.id, b.id)
    assert (new_a.staff_id, new_b.staff_id) == (b.staff_id, a.staff_id)
    with workspace.read() as s:
        assert "duty.shift.swap" in set(s.scalars(select(AuditEntry.action)))


def test_swap_refused_onto_leave_and_nothing_saved(workspace, principal, people, night):
    rot = generate_rotation(
        workspace, principal, night.id, START, START + timedelta(days=1), people
    )
    a, b = rot.shifts
    add_leave(workspace, principal, b.staff_id, a.date, a.date)
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="on leave"):
        swap_shifts(workspace, principal, a.id, b.id)
    assert outbox_count(workspace) == before
    assert [v.staff_id for v in list_shifts(workspace, START, END)] == [a.staff_id, b.staff_id]


def test_regenerating_needs_replace(workspace, principal, people, night):
    generate_rotation(workspace, principal, night.id, START, END, people)
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="already has 30 shifts"):
        generate_rotation(workspace, principal, night.id, START, END, people)
    assert outbox_count(workspace) == before
    generate_rotation(workspace, principal, night.id, START, END, people[:2], replace=True)
    assert {v.staff_id for v in list_shifts(workspace, START, END)} == set(people[:2])


def test_bad_rotation_input_is_refused(workspace, principal, people, night):
    before = outbox_count(workspace)
    with pytest.raises(UserError):
        generate_rotation(workspace, principal, night.id, END, START, people)
    with pytest.raises(UserError):
        generate_rotation(workspace, principal, night.id, START, END, [])
    with pytest.raises(UserError):
        add_duty_type(
            workspace, principal, name="x", kind="nap", start_time=time(1), end_time=time(2)
        )
    assert outbox_count(workspace) == before


def test_only_principal_and_safety_officer_edit_rosters(workspace, principal, people, night):
    from app.accounts.service import authenticate
    from tests.helpers import make_user

    make_user(workspace, principal, "duty1", "duty_staff", pin="135790")
    duty = authenticate(workspace, "duty1", "135790")
    with pytest.raises(PermissionDenied):
        generate_rotation(workspace, duty, night.id, START, END, people)


def test_roster_command_prints_the_week_and_its_gaps(
    workspace, principal, people, night, capsys, monkeypatch
):
    from ui.launcher import main as xiaoan

    generate_rotation(
        workspace, principal, night.id, date(2026, 11, 23), date(2026, 11, 27), people
    )
    monkeypatch.setenv("XIAOAN_LANG", "en")
    workspace.close()
    assert xiaoan(["roster", "--data-dir", str(workspace.data_dir), "--week", "2026-W48"]) == 0
    out = capsys.readouterr().out
    assert "2026-11-23" in out and "王强" in out
    assert "2026-11-28: nobody on 值宿" in out and "2026-11-29: nobody on 值宿" in out


def test_no_gaps_before_the_school_was_set_up(workspace, principal, people, night):
    """A school set up on the 20th is not behind for the 1st to the 19th."""
    in_use_since(workspace, date(2026, 11, 20))
    gaps = find_gaps(workspace, START, date(2026, 11, 22))
    assert [g.date.day for g in gaps] == [20, 21, 22]
    assert all(not d.gaps for d in month_calendar(workspace, 2026, 11).days[:19])
    generate_rotation(workspace, principal, night.id, date(2026, 11, 20), END, people)
    assert find_gaps(workspace, START, END) == []
