"""The reporting clocks: phone within 30 minutes, written within 2 hours of discovery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.incidents.clocks import ClockState, open_incident_clocks, phone_clock, written_clock
from app.incidents.service import IncidentDraft, close_incident, log_report, report_incident

FOUND = datetime(2026, 3, 12, 2, 0, tzinfo=UTC)  # 10:00 Beijing time
MIN = timedelta(minutes=1)


def test_a_clock_runs_then_is_overdue_until_reported():
    phone = phone_clock(FOUND, None)
    assert phone.due_at == FOUND + 30 * MIN
    assert phone.state(FOUND + 29 * MIN) is ClockState.RUNNING
    assert phone.remaining(FOUND + 29 * MIN) == MIN
    assert phone.state(FOUND + 30 * MIN) is ClockState.RUNNING  # due at, not after
    assert phone.state(FOUND + 31 * MIN) is ClockState.OVERDUE
    assert phone.remaining(FOUND + 31 * MIN) == -MIN


def test_a_report_at_or_before_due_is_on_time_and_after_is_late_for_ever():
    assert phone_clock(FOUND, FOUND + 30 * MIN).state(FOUND + 10 * MIN) is ClockState.ON_TIME
    late = written_clock(FOUND, FOUND + 121 * MIN)
    assert late.due_at == FOUND + 120 * MIN
    # Whenever it is read, a year later too, a late report stays late.
    for now in (FOUND + 122 * MIN, FOUND + timedelta(days=365)):
        assert late.state(now) is ClockState.LATE
        assert late.remaining(now) == -MIN


def _draft(place="操场", at=FOUND, category="injury"):
    return IncidentDraft(category=category, place=place, description="学生摔倒", discovered_at=at)


def test_each_incident_shows_its_clock_states(workspace, principal):
    now = FOUND + 3 * 60 * MIN
    on_time = report_incident(workspace, principal, _draft("一号楼"), now=now)
    log_report(workspace, principal, on_time, "phone", at=FOUND + 12 * MIN, now=now)
    log_report(workspace, principal, on_time, "written", at=FOUND + 100 * MIN, now=now)
    late_phone = report_incident(workspace, principal, _draft("食堂"), now=now)
    log_report(workspace, principal, late_phone, "phone", at=FOUND + 45 * MIN, now=now)
    log_report(workspace, principal, late_phone, "written", at=FOUND + 110 * MIN, now=now)
    late_written = report_incident(workspace, principal, _draft("宿舍"), now=now)
    log_report(workspace, principal, late_written, "phone", at=FOUND + 20 * MIN, now=now)
    log_report(workspace, principal, late_written, "written", at=FOUND + 150 * MIN, now=now)
    for i in range(2):
        log_report(workspace, principal, late_written, "follow_up", summary=f"续报{i}", now=now)
    unreported = report_incident(workspace, principal, _draft("校门"), now=now)
    fresh = report_incident(workspace, principal, _draft("操场", now - 5 * MIN), now=now)

    with workspace.read() as s:
        clocks = {c.incident_id: c for c in open_incident_clocks(s, workspace.school_id, now)}

    def states(iid):
        c = clocks[iid]
        return c.phone.state(now), c.written.state(now)

    assert states(on_time) == (ClockState.ON_TIME, ClockState.ON_TIME)
    assert states(late_phone) == (ClockState.LATE, ClockState.ON_TIME)
    assert states(late_written) == (ClockState.ON_TIME, ClockState.LATE)
    assert states(unreported) == (ClockState.OVERDUE, ClockState.OVERDUE)
    assert states(fresh) == (ClockState.RUNNING, ClockState.RUNNING)
    assert clocks[fresh].phone.remaining(now) == 25 * MIN
    assert clocks[late_written].follow_ups == 2
    assert clocks[on_time].follow_ups == 0
    assert clocks[unreported].title.startswith("校门")


def test_open_clocks_put_the_most_urgent_first_and_leave_closed_ones_out(workspace, principal):
    now = FOUND + 60 * MIN
    done = report_incident(workspace, principal, _draft("一号楼", FOUND - 50 * MIN), now=now)
    log_report(workspace, principal, done, "phone", at=FOUND - 40 * MIN, now=now)
    log_report(workspace, principal, done, "written", at=FOUND - 30 * MIN, now=now)
    running = report_incident(workspace, principal, _draft("操场", FOUND + 50 * MIN), now=now)
    overdue = report_incident(workspace, principal, _draft("校门", FOUND), now=now)
    closed = report_incident(workspace, principal, _draft("食堂", FOUND), now=now)
    close_incident(workspace, principal, closed, "误报，已核实", now=now)

    with workspace.read() as s:
        order = [c.incident_id for c in open_incident_clocks(s, workspace.school_id, now)]
    assert order == [overdue, running, done]


@pytest.mark.parametrize("kind", ["phone", "written"])
def test_closing_does_not_stop_a_missing_report_from_showing(workspace, principal, kind):
    now = FOUND + 5 * 60 * MIN
    iid = report_incident(workspace, principal, _draft(), now=now)
    log_report(workspace, principal, iid, "phone" if kind == "written" else "written", now=now)
    close_incident(workspace, principal, iid, "处理完毕", now=now)
    from app.incidents.views import incident_detail

    clocks = incident_detail(workspace, principal, iid).row.clocks
    assert clocks.closed
    assert getattr(clocks, kind).state(now + timedelta(days=30)) is ClockState.OVERDUE
