"""Evaluate the compliance rules for a date range: done / due / overdue, with the records.

For each rule that applies to the school, every period of its cadence that
overlaps the range is checked (with :mod:`app.periods`): it is **done** when
at least ``times`` records satisfy it, **overdue** when its due day has passed
without them, **upcoming** when the period has not started yet (nothing can
be owed for days still to come) — or, given the current instant, when the
subject owes nothing until a later moment (a shift still running owes no
handover until it ends) — otherwise **due**. A rule with ``per`` gives one check per
subject (each open major hazard, each rostered shift) and period. A rule
whose record area is not installed is reported once as **not checkable**;
it never fails the evaluation.

Dates are school-local days; evidence times are aware UTC and are counted on
the school's local day. Nothing is owed for days before the school started
keeping its records here (:func:`records_since`): callers start their range
there — the 工作台, the monthly report and ``xiaoan compliance`` alike.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.compliance.rules import Rule, RuleSet, load_rules
from app.evidence import Evidence, load_source
from app.periods import Period, Term, next_month_day, periods_between
from app.school.clock import SCHOOL_TZ

TERMS_SOURCE = "app.school.terms:terms_for"


class Status(enum.StrEnum):
    DONE = "done"
    DUE = "due"
    UPCOMING = "upcoming"  # the period has not started yet
    OVERDUE = "overdue"
    NOT_CHECKABLE = "not_checkable"


@dataclasses.dataclass(frozen=True)
class Subject:
    """One thing a ``per`` rule is owed for: a major hazard, a rostered shift."""

    key: str  # matched against Evidence.kind
    label: str
    start: date  # first day the work is owed
    end: date  # last day the work is owed
    record_table: str = ""
    record_id: uuid.UUID | None = None
    # The moment the work falls due within its first day (a handover: when the
    # shift ends); None: from the start of ``start``.
    owed_at: datetime | None = None


SubjectSource = Any  # (session, school_id, start, end, params) -> list[Subject]


@dataclasses.dataclass(frozen=True)
class SchoolFacts:
    kind: str
    boarding: bool
    has_school_bus: bool


@dataclasses.dataclass(frozen=True)
class Check:
    rule: Rule
    status: Status
    period: Period | None = None
    due_on: date | None = None
    subject: Subject | None = None
    evidence: tuple[Evidence, ...] = ()
    missing_source: str = ""  # set with NOT_CHECKABLE

    @property
    def done_count(self) -> int:
        return len(self.evidence)


def local_day(when: datetime) -> date:
    if when.tzinfo is None:  # already the school's wall time
        return when.date()
    return when.astimezone(SCHOOL_TZ).date()


def school_facts(session: Session, school_id: uuid.UUID) -> SchoolFacts:
    from db.models import School

    school = session.get(School, school_id)
    if school is None:
        return SchoolFacts("primary", False, False)
    return SchoolFacts(school.kind, bool(school.boarding), bool(school.has_school_bus))


def records_since(session: Session, school_id: uuid.UUID) -> date:
    """The first school-local day the school keeps its records here: the day it was set up.

    Work owed before that day was kept on paper (or not at all) and is never
    counted as missed; every count of owed work starts at the later of its own
    start and this day.
    """
    from sqlalchemy import select

    from db.models import School

    created = session.scalar(select(School.created_at).where(School.id == school_id))
    return local_day(created) if created else date.min


def school_terms(session: Session, school_id: uuid.UUID) -> list[Term] | None:
    """The school's own term dates when that area is installed and has them, else None (defaults)."""
    try:
        terms_for = load_source(TERMS_SOURCE)
    except LookupError:
        return None
    return list(terms_for(session, school_id)) or None


def applies(rule: Rule, facts: SchoolFacts) -> bool:
    return rule.schools.admits(facts.kind, facts.boarding, facts.has_school_bus)


def due_day(rule: Rule, period: Period) -> date:
    if rule.by_next_month:
        return next_month_day(period.start, rule.day)
    return period.end + timedelta(days=rule.grace_days)


def _status(found: int, needed: int, period: Period, due_on: date, today: date) -> Status:
    if found >= needed:
        return Status.DONE
    if today < period.start:
        return Status.UPCOMING
    return Status.OVERDUE if today > due_on else Status.DUE


def evaluate_rule(
    session: Session,
    school_id: uuid.UUID,
    rule: Rule,
    start: date,
    end: date,
    today: date,
    terms: Sequence[Term] | None = None,
    now: datetime | None = None,
) -> list[Check]:
    """The checks of one rule for the periods overlapping ``start``..``end``.

    ``now`` (aware) makes a subject whose work is not owed yet (its
    ``owed_at`` still to come) **upcoming** unless done; without it, subjects
    are owed from their first day.
    """
    periods = list(periods_between(rule.cadence, start, end, terms))
    if not periods:
        return []
    try:
        source = load_source(rule.evidence_source)
        subjects_of = load_source(rule.per) if rule.per else None
    except LookupError:
        missing = rule.evidence_source
        if rule.per:
            try:
                load_source(rule.evidence_source)
                missing = rule.per
            except LookupError:
                pass
        return [Check(rule, Status.NOT_CHECKABLE, missing_source=missing)]
    first = periods[0].start
    last = max(due_day(rule, p) for p in periods)
    params: Mapping[str, Any] = rule.evidence_params
    evidence = sorted(source(session, school_id, first, last, params))
    checks: list[Check] = []
    if subjects_of is not None:
        subjects: list[Subject] = subjects_of(session, school_id, first, periods[-1].end, params)
        by_key: dict[str, list[Evidence]] = {}
        for ev in evidence:
            by_key.setdefault(ev.kind, []).append(ev)
        for period in periods:
            due_on = due_day(rule, period)
            for subject in subjects:
                if subject.end < period.start or subject.start > period.end:
                    continue
                found = tuple(
                    ev
                    for ev in by_key.get(subject.key, ())
                    if rule.match == "subject" or period.start <= local_day(ev.when) <= due_on
                )
                status = _status(len(found), rule.times, period, due_on, today)
                if (
                    status is not Status.DONE
                    and now is not None
                    and subject.owed_at is not None
                    and now < subject.owed_at
                ):
                    status = Status.UPCOMING
                checks.append(Check(rule, status, period, due_on, subject, found))
        return checks
    for period in periods:
        due_on = due_day(rule, period)
        if rule.match == "period":
            found = tuple(ev for ev in evidence if ev.kind == period.key)
        else:
            found = tuple(ev for ev in evidence if period.start <= local_day(ev.when) <= due_on)
        checks.append(
            Check(
                rule,
                _status(len(found), rule.times, period, due_on, today),
                period,
                due_on,
                None,
                found,
            )
        )
    return checks


def evaluate(
    session: Session,
    school_id: uuid.UUID,
    start: date,
    end: date,
    today: date,
    rules: RuleSet | None = None,
    now: datetime | None = None,
) -> list[Check]:
    """Every applicable rule's checks for ``start``..``end``, in the rules file's order."""
    ruleset = rules or load_rules()
    facts = school_facts(session, school_id)
    terms = school_terms(session, school_id)
    out: list[Check] = []
    for rule in ruleset.rules:
        if applies(rule, facts):
            out.extend(evaluate_rule(session, school_id, rule, start, end, today, terms, now))
    return out


def evaluate_workspace(
    ws, start: date, end: date, today: date, rules: RuleSet | None = None,
    now: datetime | None = None,
):  # fmt: skip
    """:func:`evaluate` in one read of the workspace's school."""
    with ws.read() as s:
        return evaluate(
            s, ws.school_id, start, end, today, rules or load_rules(data_dir=ws.data_dir), now
        )
