"""``xiaoan report monthly --month 2026-11 --format json|table``: the monthly report's figures."""

from __future__ import annotations

import argparse
import json

from app.cli.main import command, existing_workspace, say
from app.i18n import QT_TRANSLATE_NOOP


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=["monthly"], help="which report (monthly)")
    p.add_argument("--month", required=True, help="e.g. 2026-11")
    p.add_argument("--format", choices=["json", "table"], default="table")


def flatten(figures: dict, prefix: str = "") -> list[tuple[str, object]]:
    """``{"a": {"b": 1}}`` → ``[("a.b", 1)]``; a missing section stays one line (None)."""
    out: list[tuple[str, object]] = []
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.extend(flatten(value, name + "."))
        else:
            out.append((name, value))
    return out


@command("report", "print a report's figures computed from the records", _args)
def report(args: argparse.Namespace) -> int:
    from app.monthly.service import monthly_report

    with existing_workspace(args) as ws:
        view = monthly_report(ws, args.month)
    if args.format == "json":
        doc = {
            "month": view.month,
            "status": view.status,
            "due_on": view.due_on.isoformat(),
            "finalized_at": view.finalized_at.isoformat() if view.finalized_at else None,
            "comments": view.comments,
            "figures": view.figures,
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True))
        return 0
    say(
        QT_TRANSLATE_NOOP("cli", "Monthly safety report {month} ({status}), due {due}"),
        month=view.month,
        status=view.status,
        due=view.due_on.isoformat(),
    )
    for name, value in flatten(view.figures):
        shown = "—" if value is None else value
        print(f"  {name:40} {shown}")
    return 0
