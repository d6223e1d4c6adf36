"""``xiaoan drills [--period 2026-11]``: the month's drills and the cadence status, headless."""

from __future__ import annotations

import argparse

from app.cli.main import command, existing_workspace, fail, say
from app.i18n import QT_TRANSLATE_NOOP, translate

STATE = {
    True: QT_TRANSLATE_NOOP("cli", "finalized"),
    False: QT_TRANSLATE_NOOP("cli", "draft"),
}
PHOTOS = QT_TRANSLATE_NOOP("cli", "{n} photos")


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help="month, e.g. 2026-11 (default: this month)")


@command("drills", "list a month's drills and which required drills are done or due", _args)
def drills(args: argparse.Namespace) -> int:
    from app.drills.cadence import STATUS_LABELS, drill_cadence, reference_day
    from app.drills.queries import list_drills
    from app.drills.types import DRILL_TYPE_LABELS, RATING_LABELS
    from app.hazards.service import SCHOOL_TZ, school_today
    from app.periods import month_of, parse_month, period_words

    with existing_workspace(args) as ws:
        today = school_today()
        try:
            month = parse_month(args.period) if args.period else month_of(today)
        except ValueError:
            return fail(
                QT_TRANSLATE_NOOP("cli", "Give the period as a month, e.g. 2026-11 (not {given})."),
                given=args.period,
            )
        rows = list_drills(ws, start=month.start, end=month.end)
        items = drill_cadence(ws, reference_day(month, today), today)

    say(QT_TRANSLATE_NOOP("cli", "Drills in {month}: {n}"), month=period_words(month), n=len(rows))
    for r in rows:
        when = r.held_at.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M") if r.held_at else "-"
        state = translate("cli", STATE[r.finalized])
        photos = translate("cli", PHOTOS).format(n=r.photo_count)
        kind = translate("app", DRILL_TYPE_LABELS.get(r.drill_type, r.drill_type))
        rating = translate("app", RATING_LABELS[r.rating]) if r.rating else "-"
        print(f"  {when}  {r.ref}  {kind}  {rating}  {state}  {photos}")
    say(QT_TRANSLATE_NOOP("cli", "Required drills:"))
    for item in items:
        label = translate("app", item.requirement.label)
        status = translate("app", STATUS_LABELS[item.status])
        when = period_words(item.period)
        print(f"  [{status}] {label} ({when}: {item.done}/{item.requirement.required})")
    return 0
