"""Demo data for the monthly report: last month signed and finalized, this month a draft."""

from __future__ import annotations

import random

from app.actor import Actor
from app.hazards.service import school_today
from app.monthly.service import finalize_report, save_draft
from app.periods import month_of
from app.workspace import Workspace


def seed(ws: Workspace, principal: Actor, rng: random.Random) -> None:
    today = school_today()
    this_month = month_of(today)
    last_month = this_month.previous()
    strokes = [[(12 + i * 7 + rng.random() * 4, 50 + rng.random() * 25, i * 16) for i in range(24)]]
    finalize_report(
        ws,
        principal,
        last_month,
        "本月校园安全总体平稳。日巡查、值班交接按要求开展，发现隐患均已登记并落实整改。",
        strokes,
        today=today,
    )
    save_draft(ws, principal, this_month, "本月重点：冬季防火、防一氧化碳中毒检查。")
