"""``xiaoan hazards``: print the rectification ledger, as a table or CSV."""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata

from app.cli.main import command, existing_workspace
from app.i18n import QT_TRANSLATE_NOOP, translate

STATUS_LABELS = {
    "reported": QT_TRANSLATE_NOOP("app", "Reported"),
    "planned": QT_TRANSLATE_NOOP("app", "Planned"),
    "rectifying": QT_TRANSLATE_NOOP("app", "Being fixed"),
    "rectified": QT_TRANSLATE_NOOP("app", "Fixed, awaiting re-check"),
    "closed": QT_TRANSLATE_NOOP("app", "Closed"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("cli", "No."),
    QT_TRANSLATE_NOOP("cli", "Hazard"),
    QT_TRANSLATE_NOOP("cli", "Area"),
    QT_TRANSLATE_NOOP("cli", "Status"),
    QT_TRANSLATE_NOOP("cli", "Place"),
    QT_TRANSLATE_NOOP("cli", "Reported"),
    QT_TRANSLATE_NOOP("cli", "Deadline"),
    QT_TRANSLATE_NOOP("cli", "Responsible"),
    QT_TRANSLATE_NOOP("cli", "Flags"),
)
PAGE = 1000


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", choices=("open", "overdue", "closed"), default=None)
    p.add_argument("--format", choices=("table", "csv"), default="table")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cells(row) -> list[str]:
    from app.inspections.templates import AREAS

    flags = []
    if row.major:
        flags.append(translate("cli", QT_TRANSLATE_NOOP("cli", "major")))
    if row.overdue:
        flags.append(translate("cli", QT_TRANSLATE_NOOP("cli", "overdue")))
    if row.needs_escalation:
        flags.append(translate("cli", QT_TRANSLATE_NOOP("cli", "report upward")))
    return [
        row.ref,
        row.title,
        AREAS.get(row.area, row.area),
        translate("app", STATUS_LABELS.get(row.status, row.status)),
        row.place,
        row.reported_on.isoformat(),
        row.deadline.isoformat() if row.deadline else "",
        row.responsible_name,
        ",".join(flags),
    ]


@command("hazards", "print the hazard rectification ledger", _args)
def hazards_cmd(args: argparse.Namespace) -> int:
    from app.actor import Actor
    from app.hazards.ledger import LedgerFilters, hazard_ledger

    with existing_workspace(args) as ws:
        reader = Actor.system("cli")
        filters = LedgerFilters(status=args.status)
        rows, offset = [], 0
        while True:
            page = hazard_ledger(ws, reader, filters, offset, PAGE)
            rows += [_cells(r) for r in page]
            offset += PAGE
            if len(page) < PAGE:
                break
    headers = [translate("cli", h) for h in HEADERS]
    if args.format == "csv":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(headers)
        out.writerows(rows)
        return 0
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    print("  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for r in rows:
        print("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
    return 0
