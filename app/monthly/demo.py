"""Demo data for the monthly report: last month's report signed early this month, this
month's a draft.

The report is made through the real service at the time the principal signs
it (:mod:`app.demo.timeline`), once every record of last month is in: its
frozen figures are the ones the app computes for that month from the demo's
records, and the principal's comments are written from those same figures,
so the words on the signed report agree with its numbers.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from app.actor import Actor
from app.demo.timeline import DemoCalendar
from app.monthly.service import finalize_report, monthly_report, save_draft
from app.periods import month_of
from app.school.clock import school_today
from app.workspace import Workspace


def comments_for(figures: dict) -> str:
    """The principal's summary of a month, in words that match its figures."""
    patrols, hazards = figures["patrols"], figures["hazards"]
    parts = [
        f"本月完成日巡查 {patrols['done']} 次（应查 {patrols['required']} 次），"
        f"各类检查 {figures['inspections']['total']} 次。",
        f"发现隐患 {hazards['found']} 项，整改销号 {hazards['closed']} 项，"
        f"月末尚在整改 {hazards['open_at_month_end']} 项"
        + (f"，其中逾期 {hazards['overdue']} 项，已督促整改。" if hazards["overdue"] else "。"),
    ]
    if figures.get("drills") is not None:
        parts.append(f"开展应急演练 {figures['drills']['held']} 次。")
    incidents = figures.get("incidents")
    if incidents is not None:
        parts.append(
            f"发生安全事件 {incidents['total']} 起，均已报告并处置完毕。"
            if incidents["total"]
            else "未发生安全事件。"
        )
    duty = figures["duty"]
    parts.append(f"值班 {duty['shifts']} 班次，交接班记录 {duty['handovers']} 份。")
    return "".join(parts)


def seed(
    ws: Workspace, principal: Actor, rng: random.Random, cal: DemoCalendar
) -> Iterator[datetime]:
    this_month = month_of(cal.today)
    last_month = this_month.previous()
    signing = cal.latest(cal.at(this_month.start + timedelta(days=2), 10))
    yield signing - timedelta(minutes=20)
    today = school_today()  # the day the principal signs, on the demo's clock
    comments = comments_for(monthly_report(ws, last_month, today).figures)
    save_draft(ws, principal, last_month, comments)
    yield signing
    strokes = [[(12 + i * 7 + rng.random() * 4, 50 + rng.random() * 25, i * 16) for i in range(24)]]
    finalize_report(ws, principal, last_month, comments, strokes, today=school_today())
    yield cal.latest(cal.now - timedelta(hours=1))
    save_draft(ws, principal, this_month, "本月重点：冬季防火、防一氧化碳中毒检查。")
