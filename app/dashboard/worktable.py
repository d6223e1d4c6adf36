"""工作台: what is due today and what is overdue, in the order a principal or duty leader needs it.

0. above the lines: the bureau's supervision orders (督办) until answered, and its
   notices waiting for an acknowledgement;
1. open incidents with their report clocks (the most urgent first);
2. major hazards owed their twice-daily monitoring, and days missed;
3. hazards past their rectification deadline;
4. today's patrol, handovers and zero report (and yesterday's, if missed);
5. this period's drill;
6. the monthly report (last month's until finalized, due by the 5th);
7. any other rule overdue or due in its current period.

Each :class:`Line` names the page (and record) that opens it. One read; the
UI ticks countdowns from ``deadline`` without reading again. Areas that are
not installed (incidents, drills) simply add no lines.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.actor import Actor
from app.compliance.engine import (
    Check,
    Status,
    applies,
    evaluate_rule,
    records_since,
    school_facts,
    school_terms,
)
from app.compliance.rules import load_rules
from app.evidence import load_source
from app.hazards.service import OVERDUE_STATUSES, school_day
from app.oversight.service import (
    Notice,
    Order,
    notices_to_acknowledge_in,
    open_orders_in,
    rules_published_in,
)
from app.periods import Period, month_of
from app.workspace import Workspace
from db.base import utcnow

CLOCKS_SOURCE = "app.incidents.clocks:open_incident_clocks"
OVERDUE_HAZARD_LIMIT = 20
LOOK_BACK_DAYS = 6  # daily work missed in the last week stays on the list

# Sections, in the order they are shown.
INCIDENT, MONITORING, OVERDUE_HAZARD, TODAY, DRILL, MONTHLY_REPORT, OTHER = range(7)
# Rules shown in their own section; the rest go to OTHER.
SECTION_OF_RULE = {
    "major_hazard_monitoring": MONITORING,
    "daily_patrol": TODAY,
    "shift_handover": TODAY,
    "zero_report": TODAY,
    "monthly_report": MONTHLY_REPORT,
}
PAGE_OF_RULE = {
    "major_hazard_monitoring": "hazards",
    "daily_patrol": "inspections",
    "weekly_check": "inspections",
    "half_monthly_self_inspection": "inspections",
    "monthly_full_check": "inspections",
    "shift_handover": "handover",
    "zero_report": "handover",
    "monthly_report": "monthly",
}
# Today's work that stays on the list, ticked, once done.
DONE_TODAY_SHOWN = ("daily_patrol", "major_hazard_monitoring", "zero_report")
PAGE_OF_WHAT = {"drill": "drills", "patrol": "inspections", "self_inspection": "inspections"}


@dataclasses.dataclass(frozen=True)
class Line:
    section: int
    kind: str  # "incident", "monitoring", "hazard", or a rule id
    status: str  # "overdue" | "due" | "done" | "running"
    title: str  # the rule's title (translatable) or the record's own text
    detail: str = ""  # the record's own text (a hazard, a shift); "" when it is a period
    page: str = ""  # page key that opens it
    record_id: uuid.UUID | None = None
    deadline: datetime | None = None  # aware UTC: the UI counts down to it
    day: date | None = None  # the day or period end the line is about
    done: int = 0
    needed: int = 0
    period: Period | None = None  # the period the work is owed for (shown in words)


@dataclasses.dataclass(frozen=True)
class Worktable:
    today: date
    now: datetime
    lines: tuple[Line, ...]
    # Shown above the lines: the bureau's supervision orders not yet answered (deadline
    # first) and its notices waiting for someone to acknowledge them (app.oversight).
    orders: tuple[Order, ...] = ()
    notices: tuple[Notice, ...] = ()
    # The compliance rules in force, and when the bureau published them (None: shipped).
    rules_version: str = ""
    rules_updated_at: datetime | None = None

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)


def _incident_lines(s, school_id: uuid.UUID, now: datetime) -> list[Line]:
    try:
        open_clocks = load_source(CLOCKS_SOURCE)
    except LookupError:
        return []
    out = []
    for inc in open_clocks(s, school_id, now):
        clock = inc.phone if inc.phone.reported_at is None else inc.written
        state = str(clock.state(now).value)
        status = {"overdue": "overdue", "running": "running"}.get(state, "done")
        out.append(
            Line(INCIDENT, f"incident.{clock.kind}", status, inc.title, inc.title,
                 "incidents", inc.incident_id, clock.due_at, school_day(inc.discovered_at))
        )  # fmt: skip
    return out


def _overdue_hazards(s, school_id: uuid.UUID, today: date) -> list[Line]:
    from db.models import Hazard

    rows = s.execute(
        select(Hazard.id, Hazard.ref, Hazard.title, Hazard.deadline)
        .where(
            Hazard.status.in_(OVERDUE_STATUSES),
            Hazard.deadline < today,
            Hazard.school_id == school_id,
            Hazard.deleted_at.is_(None),
        )
        .order_by(Hazard.deadline)
        .limit(OVERDUE_HAZARD_LIMIT)
    ).all()
    return [
        Line(
            OVERDUE_HAZARD,
            "hazard",
            "overdue",
            title,
            f"{ref} {title}",
            "hazards",
            hid,
            None,
            deadline,
        )
        for hid, ref, title, deadline in rows
    ]


def _rule_line(check: Check, section: int) -> Line:
    rule = check.rule
    subject = check.subject
    page = PAGE_OF_RULE.get(rule.id) or PAGE_OF_WHAT.get(rule.what, "")
    record = subject.record_id if subject and subject.record_table == "hazard" else None
    return Line(
        section,
        rule.id,
        check.status.value,
        rule.title,
        subject.label if subject else "",
        page,
        record,
        None,
        check.due_on,
        check.done_count,
        rule.times,
        None if subject else check.period,
    )


def _wanted(check: Check, today: date) -> bool:
    """Overdue work, and work of the period running today that is not done yet.

    The engine already calls a period that has not started ``upcoming``; the
    工作台 only looks back, so those never show.
    """
    if check.status in (Status.OVERDUE, Status.DUE):
        return True
    # Today's daily work that is done still shows, ticked, so the duty leader sees it.
    return check.status is Status.DONE and check.period is not None and check.period.key == today.isoformat() and check.rule.id in DONE_TODAY_SHOWN  # fmt: skip


def load_worktable(ws: Workspace, actor: Actor, now: datetime | None = None) -> Worktable:
    """Everything due today or overdue, ordered; one read of the database."""
    now = now or utcnow()
    today = school_day(now)
    rules = load_rules(data_dir=ws.data_dir)
    week_ago = today - timedelta(days=LOOK_BACK_DAYS)
    last_month = month_of(month_of(today).start - timedelta(days=1))
    lines: list[Line] = []
    with ws.read() as s:
        school_id = ws.school_id
        # Nothing is owed from before the school started keeping its records here.
        since = records_since(s, school_id)
        facts = school_facts(s, school_id)
        terms = school_terms(s, school_id)
        orders = tuple(open_orders_in(s, school_id))
        notices = tuple(notices_to_acknowledge_in(s, school_id))
        rules_at = rules_published_in(s, rules.version)
        lines += _incident_lines(s, school_id, now)
        lines += _overdue_hazards(s, school_id, today)
        for rule in rules.rules:
            if not applies(rule, facts):
                continue
            start = max(last_month.start if rule.by_next_month else week_ago, since)
            # With ``now``: a shift still running owes no handover yet, so it is not listed.
            for check in evaluate_rule(s, school_id, rule, start, today, today, terms, now):
                if check.status is Status.NOT_CHECKABLE or not _wanted(check, today):
                    continue
                section = SECTION_OF_RULE.get(rule.id, DRILL if rule.what == "drill" else OTHER)
                lines.append(_rule_line(check, section))
    status_rank = {"overdue": 0, "running": 1, "due": 2, "done": 3}
    lines.sort(
        key=lambda ln: (
            ln.section,
            status_rank.get(ln.status, 9),
            ln.deadline or datetime.max.replace(tzinfo=now.tzinfo),
            ln.day or date.max,
        )
    )
    return Worktable(today, now, tuple(lines), orders, notices, rules.version, rules_at)
