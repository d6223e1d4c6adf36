"""``xiaoan compliance [--month 2026-11]``: the rules and how the school stands on each, headless."""

from __future__ import annotations

import argparse

from app.cli.main import command, data_dir_of, fail, say
from app.i18n import QT_TRANSLATE_NOOP, translate

STATUS_TEXT = {
    "done": QT_TRANSLATE_NOOP("cli", "done"),
    "due": QT_TRANSLATE_NOOP("cli", "due"),
    "overdue": QT_TRANSLATE_NOOP("cli", "overdue"),
    "not_checkable": QT_TRANSLATE_NOOP("cli", "not checkable here"),
    "not_applicable": QT_TRANSLATE_NOOP("cli", "does not apply to this school"),
}


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--month", default=None, help="month to check, e.g. 2026-11 (default: this month)"
    )


def rule_table(ws, month: str | None, today) -> list[dict]:
    """One row per rule: its cadence, whether it applies, and the month's done/due/overdue counts."""
    from app.compliance.engine import Status, applies, evaluate_rule, school_facts, school_terms
    from app.compliance.rules import load_rules
    from app.monthly.service import month_period
    from app.periods import month_of

    period = month_period(month) if month else month_of(today)
    rules = load_rules()
    rows = []
    with ws.read() as s:
        facts = school_facts(s, ws.school_id)
        terms = school_terms(s, ws.school_id)
        for rule in rules.rules:
            row = {"id": rule.id, "title": rule.title, "how_often": rule.how_often, "day": rule.day,
                   "seed": rule.seed, "done": 0, "due": 0, "overdue": 0, "state": ""}  # fmt: skip
            if not applies(rule, facts):
                row["state"] = "not_applicable"
            else:
                checks = evaluate_rule(
                    s, ws.school_id, rule, period.start, period.end, today, terms
                )
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
    from app.paths import DB_FILENAME
    from app.workspace import Workspace

    data_dir = data_dir_of(args)
    if not (data_dir / DB_FILENAME).exists():
        return fail(
            QT_TRANSLATE_NOOP("cli", "There is no xiaoan database in {path}."), path=data_dir
        )
    ws = Workspace.open(data_dir)
    try:
        rows = rule_table(ws, args.month, school_today())
    finally:
        ws.close()
    ruleset = load_rules()
    say(
        QT_TRANSLATE_NOOP("cli", "Compliance rules {version} ({file})"),
        version=ruleset.version,
        file=ruleset.path.name,
    )
    say(QT_TRANSLATE_NOOP("cli", "Rule | How often | Done | Due | Overdue | Seed"))
    for r in rows:
        how = translate("compliance", HOW_OFTEN_LABELS[r["how_often"]]).format(day=r["day"])
        title_text = r["title"]  # the rules file's text, translated when it is a default rule
        title = translate("compliance", title_text)
        if r["state"]:
            counts = translate("cli", STATUS_TEXT[r["state"]])
        else:
            counts = f"{r['done']} | {r['due']} | {r['overdue']}"
        print(f"{r['id']} {title} | {how} | {counts} | {r['seed']}")
    for o in ruleset.omitted:
        say(
            QT_TRANSLATE_NOOP("cli", "Not checked: {what} ({why})"),
            what=o.get("what"),
            why=o.get("why"),
        )
    return 0
