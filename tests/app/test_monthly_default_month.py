"""The monthly report opens on the month that is owed: last month only while its report is."""

from __future__ import annotations

from datetime import date

from app.monthly.service import default_month, finalize_report
from tests.app.compliance_helpers import in_use_since

STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]


def test_a_school_set_up_this_month_opens_on_this_month(workspace):
    in_use_since(workspace, date(2026, 11, 20))
    assert default_month(workspace, date(2026, 11, 20)) == "2026-11"
    assert default_month(workspace, date(2026, 11, 30)) == "2026-11"
    # Its first report is November's: owed in the first days of December.
    assert default_month(workspace, date(2026, 12, 3)) == "2026-11"


def test_last_month_while_its_report_is_owed_then_this_month(workspace, principal):
    in_use_since(workspace, date(2026, 10, 31))  # set up on October's last day
    assert default_month(workspace, date(2026, 11, 1)) == "2026-10"
    assert default_month(workspace, date(2026, 11, 5)) == "2026-10"  # the due day
    # Past the 5th and not finalized: overdue, still the one to open.
    assert default_month(workspace, date(2026, 11, 12)) == "2026-10"
    finalize_report(workspace, principal, "2026-10", "", STROKES, today=date(2026, 11, 3))
    assert default_month(workspace, date(2026, 11, 4)) == "2026-10"  # the first days
    assert default_month(workspace, date(2026, 11, 6)) == "2026-11"
