"""Builders for the drill tests: a complete drill, held when a test needs it."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from app.actor import Actor
from app.attachments.store import add_photo
from app.drills.service import DrillForm, PhotoEntry, ProblemEntry, finalize_drill, save_drill
from app.hazards.service import SCHOOL_TZ
from app.workspace import Workspace
from tests.app.inspection_helpers import jpeg


def at(day: date, hour: int = 10) -> datetime:
    """A school-local time on ``day`` (Beijing time, as schools keep it)."""
    return datetime.combine(day, time(hour), SCHOOL_TZ)


def complete_form(photo_id, drill_type="fire_evacuation", held_at=None, **changes) -> DrillForm:
    base = dict(
        drill_type=drill_type,
        title="",
        planned_on=date(2026, 10, 20),
        plan="全校师生按路线疏散至操场集合。",
        held_at=held_at or at(date(2026, 10, 21)),
        duration_minutes=25,
        scope="whole_school",
        students=412,
        staff=36,
        evacuation_seconds=185,
        organiser_name="李建国",
        observers=("乡消防站 王队长",),
        summary="疏散有序，用时三分五秒。",
        rating="good",
        evaluation="整体良好，个别班级下楼拥挤。",
        problems=(ProblemEntry("三楼东侧楼梯应急照明不亮"),),
        photos=(PhotoEntry(photo_id, "集合点清点人数"),),
    )
    base.update(changes)
    return DrillForm(**base)


def photo(ws: Workspace, actor: Actor, folder: Path, name: str = "p.jpg", color=(200, 30, 30)):
    return add_photo(ws, actor, jpeg(folder / name, color=color))


def held_drill(
    ws: Workspace,
    actor: Actor,
    folder: Path,
    drill_type: str,
    day: date,
    *,
    finalize: bool = True,
):
    """A complete drill of ``drill_type`` held on school-local ``day``; returns its id."""
    ref = photo(ws, actor, folder, f"{drill_type}-{day}.jpg", color=(day.day * 8 % 255, 90, 40))
    drill_id = save_drill(ws, actor, complete_form(ref.id, drill_type, at(day), problems=()))
    if finalize:
        finalize_drill(ws, actor, drill_id)
    return drill_id
