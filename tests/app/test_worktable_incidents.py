"""The 工作台 puts open incidents first, with the clock that is running for each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.dashboard.worktable import load_worktable
from app.incidents.service import IncidentDraft, log_report, report_incident


def test_open_incidents_lead_the_worktable_with_their_running_clock(workspace, principal):
    now = datetime.now(UTC)
    late = report_incident(
        workspace, principal,
        IncidentDraft("injury", "操场", "学生摔伤", discovered_at=now - timedelta(minutes=45)),
    )  # fmt: skip
    fresh = report_incident(
        workspace, principal,
        IncidentDraft("fire", "锅炉房", "冒烟", discovered_at=now - timedelta(minutes=5)),
    )  # fmt: skip
    phoned = report_incident(
        workspace, principal,
        IncidentDraft("traffic", "校门", "车辆剐蹭", discovered_at=now - timedelta(minutes=20)),
    )  # fmt: skip
    log_report(workspace, principal, phoned, "phone", now=now)

    lines = [ln for ln in load_worktable(workspace, principal, now).lines if ln.page == "incidents"]
    by_id = {ln.record_id: ln for ln in lines}
    assert set(by_id) == {late, fresh, phoned}
    assert lines[0].record_id == late  # the overdue phone report comes first
    assert (by_id[late].kind, by_id[late].status) == ("incident.phone", "overdue")
    assert (by_id[fresh].kind, by_id[fresh].status) == ("incident.phone", "running")
    # Once phoned, the written report's clock is the one shown.
    assert (by_id[phoned].kind, by_id[phoned].status) == ("incident.written", "running")
    everything = load_worktable(workspace, principal, now).lines
    assert list(everything[: len(lines)]) == lines  # incidents before any other work
