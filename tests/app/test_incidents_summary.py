"""Monthly incident figures count by the school-local day of discovery."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.incidents.service import (
    SCHOOL_TZ,
    IncidentDraft,
    close_incident,
    log_report,
    report_incident,
)
from app.incidents.summary import IncidentFigures, month_figures

MIN = timedelta(minutes=1)


def local(month, day, hour, minute):
    return datetime(2026, month, day, hour, minute, tzinfo=SCHOOL_TZ)


def test_month_figures_match_a_hand_count_across_the_month_boundary(workspace, principal):
    now = local(4, 1, 1, 0)  # 1 April, 01:00 Beijing time

    def incident(category, at):
        return report_incident(
            workspace, principal, IncidentDraft(category, "操场", "经过", discovered_at=at), now=now
        )

    # 28 Feb 23:50 local: February, not counted.
    feb = incident("injury", local(2, 28, 23, 50))
    log_report(workspace, principal, feb, "phone", at=local(2, 28, 23, 55), now=now)
    # 1 Mar 00:10 local (still 28 Feb in UTC): counted in March.
    # Phone on time, written late, one follow-up, closed.
    first = incident("injury", local(3, 1, 0, 10))
    log_report(workspace, principal, first, "phone", at=local(3, 1, 0, 30), now=now)
    log_report(workspace, principal, first, "written", at=local(3, 1, 3, 0), now=now)
    log_report(
        workspace, principal, first, "follow_up", summary="续报", at=local(3, 2, 9, 0), now=now
    )
    close_incident(workspace, principal, first, "结案", now=now)
    # 15 Mar: phone late, written on time, open.
    mid = incident("fire", local(3, 15, 14, 0))
    log_report(workspace, principal, mid, "phone", at=local(3, 15, 14, 31), now=now)
    log_report(workspace, principal, mid, "written", at=local(3, 15, 15, 0), now=now)
    # 31 Mar 23:30 local: nothing reported; at 01:00 the phone report is missing,
    # the written one (due 01:30) is still running and counts nowhere.
    incident("food_poisoning", local(3, 31, 23, 30))
    # 1 Apr 00:05 local (still 31 Mar in UTC): April, not counted.
    incident("drowning", local(4, 1, 0, 5))

    with workspace.read() as s:
        figures = month_figures(
            s, workspace.school_id, date(2026, 3, 1), date(2026, 3, 31), now=now
        )
    assert figures == IncidentFigures(
        total=3,
        by_category={"fire": 1, "food_poisoning": 1, "injury": 1},
        phone_on_time=1,
        phone_late=1,
        phone_missing=1,
        written_on_time=1,
        written_late=1,
        written_missing=0,
        follow_ups=1,
        open=2,
        closed=1,
    )
    with workspace.read() as s:
        later = month_figures(s, workspace.school_id, date(2026, 3, 1), date(2026, 3, 31))
    assert later.written_missing == 1  # read today, long after: the written report never came
