"""``xiaoan incidents``: list incidents with the state of their reporting clocks.

The command runs without signing in, so it reads like a role without the
right to minors' names: ``--people`` prints them redacted.
"""

from __future__ import annotations

import argparse
import unicodedata
from datetime import datetime

from app.cli.main import command, existing_workspace
from app.i18n import QT_TRANSLATE_NOOP, translate

HEADERS = (
    QT_TRANSLATE_NOOP("cli", "No."),
    QT_TRANSLATE_NOOP("cli", "Incident"),
    QT_TRANSLATE_NOOP("cli", "Severity"),
    QT_TRANSLATE_NOOP("cli", "Discovered"),
    QT_TRANSLATE_NOOP("cli", "Phone report"),
    QT_TRANSLATE_NOOP("cli", "Written report"),
    QT_TRANSLATE_NOOP("cli", "Follow-ups"),
    QT_TRANSLATE_NOOP("cli", "Status"),
)


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--open", action="store_true", help="only incidents not yet closed")
    p.add_argument("--people", action="store_true", help="also list the people involved")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def clock_text(clock, now: datetime) -> str:
    from app.incidents.clocks import ClockState, duration_text
    from app.incidents.labels import STATE_LABELS
    from app.incidents.service import SCHOOL_TZ

    state = clock.state(now)
    text = translate("app", STATE_LABELS[state]).format(time=duration_text(clock.remaining(now)))
    if state in (ClockState.ON_TIME, ClockState.LATE):
        text += f" {clock.reported_at.astimezone(SCHOOL_TZ):%m-%d %H:%M}"
    return text


@command("incidents", "list incidents and their reporting clocks", _args)
def incidents_cmd(args: argparse.Namespace) -> int:
    from app.actor import Actor
    from app.incidents.labels import PERSON_ROLE_LABELS, SEVERITY_LABELS, label
    from app.incidents.service import SCHOOL_TZ
    from app.incidents.views import incident_detail, list_incidents
    from db.base import utcnow

    now = utcnow()
    closed_text = translate("cli", QT_TRANSLATE_NOOP("cli", "Closed"))
    open_text = translate("cli", QT_TRANSLATE_NOOP("cli", "Open"))
    with existing_workspace(args) as ws:
        reader = Actor.system("cli")
        rows = list_incidents(ws, reader, open_only=args.open)
        table = []
        people: dict[str, list[str]] = {}
        for r in rows:
            c = r.clocks
            table.append(
                [
                    r.ref,
                    c.title,
                    label(SEVERITY_LABELS, c.severity),
                    f"{c.discovered_at.astimezone(SCHOOL_TZ):%Y-%m-%d %H:%M}",
                    clock_text(c.phone, now),
                    clock_text(c.written, now),
                    str(c.follow_ups),
                    closed_text if c.closed else open_text,
                ]
            )
            if args.people:
                detail = incident_detail(ws, reader, r.id)
                people[r.ref] = [
                    f"{p.name}（{label(PERSON_ROLE_LABELS, p.role)}）{p.injury}".rstrip()
                    for p in detail.people
                ]
    headers = [translate("cli", h) for h in HEADERS]
    widths = [max([_width(h), *(_width(r[i]) for r in table)]) for i, h in enumerate(headers)]
    print("  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for r in table:
        print("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip())
        for line in people.get(r[0], []):
            print(f"    - {line}")
    if not table:
        print(translate("cli", QT_TRANSLATE_NOOP("cli", "No incidents.")))
    return 0
