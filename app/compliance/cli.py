"""``xiaoan compliance [--month 2026-11]``: the rules and how the school stands on each, headless."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from app.cli.main import command, existing_workspace, say
from app.i18n import QT_TRANSLATE_NOOP, translate

STATUS_TEXT = {
    "done": QT_TRANSLATE_NOOP("cli", "done"),
    "due": QT_TRANSLATE_NOOP("cli", "due"),
    "upcoming": QT_TRANSLATE_NOOP("cli", "upcoming"),
    "overdue": QT_TRANSLATE_NOOP("cli", "overdue"),
    "not_checkable": QT_TRANSLATE_NOOP("cli", "not checkable here"),
    "not_applicable": QT_TRANSLATE_NOOP("cli", "does not apply to this school"),
}


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--month", default=None, help="month to check, e.g. 2026-11 (default: this month)"
    )


def counting_start(ws, month: str | None, today):
    """(the month, the first day counted): nothing is owed before the school's set-up day."""
    from app.compliance.engine import records_since
    from app.monthly.service import month_period
    from app.periods import month_of

    period = month_period(month) if month else month_of(today)
    with ws.read() as s:
        return period, max(period.start, records_since(s, ws.school_id))


def rule_table(ws, month: str | None, today, now: datetime | None = None) -> list[dict]:
    """One row per rule: its cadence, whether it applies, and the month's done/due/overdue/upcoming.

    Periods are counted from the school's set-up day (as on the 工作台); a
    period that has not started by ``today`` is upcoming, neither due nor overdue,
    and so (given ``now``) is the handover of a shift still running.
    """
    from app.compliance.engine import Status, applies, evaluate_rule, school_facts, school_terms
    from app.compliance.rules import load_rules

    period, first = counting_start(ws, month, today)
    rules = load_rules(data_dir=ws.data_dir)
    rows = []
    with ws.read() as s:
        facts = school_facts(s, ws.school_id)
        terms = school_terms(s, ws.school_id)
        for rule in rules.rules:
            row = {"id": rule.id, "title": rule.title, "how_often": rule.how_often, "day": rule.day,
                   "seed": rule.seed, "done": 0, "due": 0, "overdue": 0, "upcoming": 0,
                   "state": ""}  # fmt: skip
            if not applies(rule, facts):
                row["state"] = "not_applicable"
            elif first <= period.end:
                checks = evaluate_rule(s, ws.school_id, rule, first, period.end, today, terms, now)
                for c in checks:
                    if c.status is Status.NOT_CHECKABLE:
                        row["state"] = "not_checkable"
                    else:
                        row[c.status.value] += 1
            rows.append(row)
    return rows


@command("compliance", "print the compliance rules and this month's done / due / overdue", _args)
def compliance(args: argparse.Namespace) -> int:
    from app.compliance.rules import HOW_OFTEN_LABELS, load_rules
    from app.hazards.service import school_today
    from app.periods import period_words

    with existing_workspace(args) as ws:
        now = datetime.now(UTC)
        today = school_today(now)
        period, first = counting_start(ws, args.month, today)
        rows = rule_table(ws, args.month, today, now)
    ruleset = load_rules(data_dir=ws.data_dir)
    say(
        QT_TRANSLATE_NOOP("cli", "Compliance rules {version} ({file})"),
        version=ruleset.version,
        file=ruleset.path.name,
    )
    if first > period.end:
        say(
            QT_TRANSLATE_NOOP(
                "cli", "Nothing is owed for {month}: the school's records here start on {day}."
            ),
            month=period_words(period),
            day=first.isoformat(),
        )
    else:
        say(
            QT_TRANSLATE_NOOP("cli", "{month}, counted from {day} to {end}."),
            month=period_words(period),
            day=first.isoformat(),
            end=period.end.isoformat(),
        )
    say(QT_TRANSLATE_NOOP("cli", "Rule | How often | Done | Due | Overdue | Upcoming | Seed"))
    for r in rows:
        how = translate("compliance", HOW_OFTEN_LABELS[r["how_often"]]).format(day=r["day"])
        title_text = r["title"]  # the rules file's text, translated when it is a default rule
        title = translate("compliance", title_text)
        if r["state"]:
            counts = translate("cli", STATUS_TEXT[r["state"]])
        else:
            counts = f"{r['done']} | {r['due']} | {r['overdue']} | {r['upcoming']}"
        print(f"{r['id']} {title} | {how} | {counts} | {r['seed']}")
    for o in ruleset.omitted:
        say(
            QT_TRANSLATE_NOOP("cli", "Not checked: {what} ({why})"),
            what=o.get("what"),
            why=o.get("why"),
        )
    return 0
