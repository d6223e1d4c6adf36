"""``xiaoan roster --week 2026-W48``: the week's roster and its gaps, headless."""

from __future__ import annotations

import argparse

from app.cli.main import command, existing_workspace, say
from app.i18n import QT_TRANSLATE_NOOP, translate

GAP_TEXT = {
    "no_shift": QT_TRANSLATE_NOOP("cli", "{date}: nobody on {duty}"),
    "holiday_no_leader": QT_TRANSLATE_NOOP(
        "cli", "{date}: holiday ({duty}) without a leader on duty"
    ),
    "on_leave": QT_TRANSLATE_NOOP("cli", "{date}: {person} is on leave but rostered for {duty}"),
    "left": QT_TRANSLATE_NOOP(
        "cli", "{date}: {person} no longer works here but is rostered for {duty}"
    ),
}


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--week", required=True, help="ISO week, e.g. 2026-W48")


@command("roster", "print a week's duty roster and its gaps", _args)
def roster(args: argparse.Namespace) -> int:
    from app.duty.calendar import week_calendar

    with existing_workspace(args) as ws:
        cal = week_calendar(ws, args.week)
    say(QT_TRANSLATE_NOOP("cli", "Duty roster {start} to {end}"), start=cal.start, end=cal.end)
    for day in cal.days:
        mark = f" [{day.holiday}]" if day.holiday else ""
        print(f"{day.date.isoformat()} {day.date:%a}{mark}")
        for v in day.shifts:
            print(f"  {v.start_time:%H:%M}-{v.end_time:%H:%M}  {v.duty_name:8} {v.staff_name}")
    if not cal.gaps:
        say(QT_TRANSLATE_NOOP("cli", "No gaps."))
        return 0
    say(QT_TRANSLATE_NOOP("cli", "Gaps ({n}):"), n=len(cal.gaps))
    for g in cal.gaps:
        text = translate("cli", GAP_TEXT[g.kind])
        print("  " + text.format(date=g.date.isoformat(), duty=g.duty_name, person=g.staff_name))
    return 0
