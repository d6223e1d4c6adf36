"""Reporting incidents: report times fixed once logged, minors' names hidden, urgent sync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, UserError
from app.incidents.service import (
    IncidentDraft,
    PersonDraft,
    add_person,
    close_incident,
    log_report,
    report_incident,
)
from app.incidents.views import incident_detail, list_incidents
from app.workspace import Committed
from db.models import AuditEntry, Incident, IncidentReport, OutboxEntry
from tests.helpers import make_user
from ui.launcher import main as xiaoan

FOUND = datetime(2026, 3, 12, 2, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
DRAFT = IncidentDraft(
    category="violence",
    place="三年级教室",
    description="两名学生课间推搡，一人额头碰伤。",
    discovered_at=FOUND,
    immediate_actions="班主任分开双方，校医处理伤口，通知家长。",
    people=[
        PersonDraft("张小宝", "student", True, "额头擦伤"),
        PersonDraft("刘老师", "staff", False),
    ],
)


@pytest.fixture
def staff(workspace, principal):
    return make_user(workspace, principal, "zhengxia", "staff").actor()


@pytest.fixture
def officer(workspace, principal):
    return make_user(workspace, principal, "lijianguo", "safety_officer").actor()


def test_a_logged_report_time_cannot_be_changed_only_followed_up(workspace, principal):
    iid = report_incident(workspace, principal, DRAFT, now=FOUND + 5 * MIN)
    made = log_report(
        workspace, principal, iid, "phone", to_whom="区教育局", at=FOUND + 40 * MIN,
        now=FOUND + 41 * MIN,
    )  # fmt: skip
    assert made == FOUND + 40 * MIN
    with pytest.raises(UserError, match="already logged"):
        log_report(workspace, principal, iid, "phone", at=FOUND + 20 * MIN, now=FOUND + 50 * MIN)
    # A correction is a follow-up; the late phone report stays late.
    log_report(workspace, principal, iid, "follow_up", summary="更正：实际 10:20 已口头报告",
               now=FOUND + 60 * MIN)  # fmt: skip
    detail = incident_detail(workspace, principal, iid)
    assert detail.row.clocks.phone.reported_at == FOUND + 40 * MIN
    assert detail.row.clocks.phone.state(FOUND + 61 * MIN) == "late"
    assert [r.kind for r in detail.reports] == ["phone", "follow_up"]

    # Even past the service, the stored times refuse to move.
    with pytest.raises(RuntimeError), workspace.action(principal, "tamper") as s:
        s.get(Incident, iid).phone_reported_at = FOUND + 10 * MIN
    with pytest.raises(RuntimeError), workspace.action(principal, "tamper") as s:
        s.scalars(select(IncidentReport)).first().at = FOUND + 10 * MIN
    assert incident_detail(workspace, principal, iid).reports[0].at == FOUND + 40 * MIN


def test_report_times_are_neither_in_the_future_nor_before_discovery(workspace, principal):
    now = FOUND + 60 * MIN
    iid = report_incident(workspace, principal, DRAFT, now=now)
    with pytest.raises(UserError, match="future"):
        log_report(workspace, principal, iid, "written", at=now + 10 * MIN, now=now)
    with pytest.raises(UserError, match="before the incident was discovered"):
        log_report(workspace, principal, iid, "written", at=FOUND - MIN, now=now)
    with pytest.raises(UserError, match="future"):
        report_incident(
            workspace, principal, IncidentDraft("fire", "食堂", "冒烟", discovered_at=now + 9 * MIN),
            now=now,
        )  # fmt: skip
    with pytest.raises(UserError, match="after it was discovered"):
        report_incident(
            workspace, principal,
            IncidentDraft("fire", "食堂", "冒烟", discovered_at=FOUND, occurred_at=FOUND + MIN),
            now=now,
        )  # fmt: skip
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(IncidentReport)) == 0
        assert s.scalar(select(func.count()).select_from(Incident)) == 1


def test_saving_an_incident_is_urgent_for_sync(workspace, principal):
    heard: list[Committed] = []
    workspace.subscribe(heard.append)
    iid = report_incident(workspace, principal, DRAFT, now=FOUND + MIN)
    log_report(workspace, principal, iid, "phone", now=FOUND + 2 * MIN)
    add_person(workspace, principal, iid, PersonDraft("王司机", "other", False))
    close_incident(workspace, principal, iid, "已处理", now=FOUND + 3 * MIN)
    assert [(c.name, c.urgent) for c in heard] == [
        ("incident.report", True),
        ("incident.report_phone", True),
        ("incident.add_person", True),
        ("incident.close", True),
    ]
    with workspace.read() as s:
        tables = set(s.scalars(select(OutboxEntry.table_name)))
        assert {"incident", "incident_person", "incident_report"} <= tables
        assert s.scalar(select(func.count()).where(AuditEntry.action.like("incident.%"))) == 4


def test_a_staff_member_sees_no_minor_name_the_principal_and_officer_do(
    workspace, principal, staff, officer
):
    iid = report_incident(workspace, staff, DRAFT, now=FOUND + MIN)
    seen = {p.role: p for p in incident_detail(workspace, staff, iid).people}
    assert seen["student"].redacted and "张小宝" not in seen["student"].name
    assert seen["student"].injury == "额头擦伤"
    assert seen["staff"].name == "刘老师"  # adults are named
    for reader in (principal, officer):
        names = [p.name for p in incident_detail(workspace, reader, iid).people]
        assert "张小宝" in names
    assert all("张小宝" not in r.clocks.title for r in list_incidents(workspace, staff))


def test_only_the_principal_or_officer_closes_and_closing_needs_a_note(
    workspace, principal, staff, officer
):
    iid = report_incident(workspace, staff, DRAFT, now=FOUND + MIN)
    log_report(workspace, staff, iid, "phone", now=FOUND + 5 * MIN)  # staff may report
    with pytest.raises(PermissionDenied):
        close_incident(workspace, staff, iid, "处理完毕")
    with pytest.raises(UserError, match="how the incident was dealt with"):
        close_incident(workspace, officer, iid, "  ")
    close_incident(workspace, officer, iid, "处理完毕")
    with pytest.raises(UserError, match="already closed"):
        close_incident(workspace, principal, iid, "再次")
    assert incident_detail(workspace, principal, iid).closure_note == "处理完毕"


def test_the_command_lists_clocks_and_never_a_minor_name(workspace, principal, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    iid = report_incident(workspace, principal, DRAFT, now=FOUND + MIN)
    log_report(workspace, principal, iid, "phone", at=FOUND + 10 * MIN, now=FOUND + 11 * MIN)
    data_dir = str(workspace.data_dir)

    assert xiaoan(["incidents", "--data-dir", data_dir, "--people"]) == 0
    out = capsys.readouterr().out
    assert "Reported on time" in out and "Overdue by" in out  # written never logged
    assert "Student (name hidden)" in out and "刘老师" in out
    assert "张小宝" not in out

    close_incident(workspace, principal, iid, "处理完毕")
    assert xiaoan(["incidents", "--data-dir", data_dir, "--open"]) == 0
    assert "No incidents." in capsys.readouterr().out
