"""Demo drills: the term's drills with their own photos, one problem in the hazard ledger,
and this month's drill planned and half written up.

Each drill is played at its own times (:mod:`app.demo.timeline`): the plan
saved a week before, the photos taken during the drill and imported that
afternoon with the record filled in, finalized the next morning.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.accounts.service import list_users
from app.actor import Actor
from app.attachments.store import make_derivatives
from app.demo.photos import draw_photo
from app.demo.timeline import DemoCalendar, merge
from app.drills.photos import import_photos
from app.drills.queries import get_drill
from app.drills.service import (
    DrillForm,
    PhotoEntry,
    ProblemEntry,
    finalize_drill,
    problem_to_hazard,
    save_drill,
)
from app.workspace import Workspace

# (days ago, type, title, photos as (caption, scene), problems, rating, evacuation seconds)
DRILLS = [
    (80, "fire_training", "秋季学期消防安全培训",
     [("消防站教员讲解灭火器使用", "extinguisher"), ("教师实操灭火器", "training"),
      ("学生分组练习", "training")], [], "excellent", None),
    (72, "fire_evacuation", "秋季消防疏散演练",
     [("警报响起，各班按路线疏散", "evacuation"), ("楼梯口教师引导", "corridor"),
      ("操场集合点清点人数", "assembly")],
     ["三楼东侧楼梯应急照明不亮", "七年级二班下楼时推挤"], "good", 185),
    (45, "school_bus_evacuation", "校车应急疏散演练",
     [("驾驶员打开应急门", "bus"), ("学生从应急窗撤离", "bus")], [], "good", 75),
    (38, "earthquake", "防地震应急疏散演练",
     [("学生就地躲避", "earthquake"), ("有序撤离至操场", "evacuation"), ("操场集合清点", "assembly")],
     ["部分学生躲避姿势不正确"], "fair", 210),
    (12, "anti_violence", "防暴力侵害演练",
     [("保安使用钢叉处置", "guard"), ("教师组织学生锁门避险", "classroom_door")], [], "good", None),
]  # fmt: skip


def _scene(path: Path, rng: random.Random, sky: tuple[int, int, int] | None = None) -> Path:
    """One photo from a drill's camera card (the screenshots import a card of these)."""
    scene = rng.choice(["evacuation", "assembly", "training", "earthquake"])
    taken = datetime.now(UTC) - timedelta(minutes=rng.randrange(60))
    return draw_photo(path, scene, "演练现场", taken, seed=rng.randrange(1 << 30))


def seed(
    ws: Workspace, principal: Actor, rng: random.Random, cal: DemoCalendar
) -> Iterator[datetime]:
    people = {u.username: u.actor() for u in list_users(ws, principal)}
    officer = people.get("lijianguo", principal)
    earliest = (cal.set_up_at + timedelta(days=2)).date()
    with tempfile.TemporaryDirectory() as tmp:
        yield from merge(
            *(
                _drill(ws, officer, cal, Path(tmp), n, *drill)
                for n, drill in enumerate(DRILLS)
                if cal.today - timedelta(days=drill[0]) >= earliest
            ),
            _next_drill(ws, officer, cal),
        )


def _drill(ws: Workspace, officer: Actor, cal: DemoCalendar, folder: Path, n: int, days_ago: int,
           kind: str, title: str, photos, problems, rating: str, seconds) -> Iterator[datetime]:  # fmt: skip
    day = cal.today - timedelta(days=days_ago)
    planned_on = day - timedelta(days=7)
    plan = f"{title}方案：明确总指挥、各班疏散路线和集合点，安排安全员在楼梯口引导。"
    yield max(cal.at(planned_on, 10), cal.set_up_at + timedelta(hours=3))
    drill_id = save_drill(ws, officer, DrillForm(
        drill_type=kind, title=title, planned_on=planned_on, plan=plan, scope="whole_school",
        organiser_id=officer.user_id, organiser_name=officer.name,
    ))  # fmt: skip
    held = cal.at(day, 15, 10)
    yield held + timedelta(minutes=50)
    files = [
        draw_photo(folder / f"IMG_{day:%Y%m%d}_{i:02d}.jpg", scene, caption,
                   held + timedelta(minutes=4 * i + 2), seed=100 * n + i)
        for i, (caption, scene) in enumerate(photos)
    ]  # fmt: skip
    added = import_photos(ws, officer, files).added
    for p in added:
        make_derivatives(ws.data_dir, p.sha256, p.media_type)
    whole = kind != "school_bus_evacuation"
    save_drill(
        ws,
        officer,
        DrillForm(
            drill_type=kind,
            title=title,
            planned_on=planned_on,
            plan=plan,
            held_at=held,
            duration_minutes=30,
            scope="whole_school",
            students=412 if whole else 38,
            staff=36 if whole else 4,
            evacuation_seconds=seconds,
            organiser_id=officer.user_id,
            organiser_name=officer.name,
            observers=("乡消防站 王队长",) if kind.startswith("fire") else (),
            summary=f"{title}按方案完成，师生参与积极，达到预期目的。",
            rating=rating,
            evaluation="演练组织有序，各岗位职责明确。" + ("发现问题已列出。" if problems else ""),
            problems=tuple(ProblemEntry(t) for t in problems),
            photos=tuple(PhotoEntry(p.id, c) for p, (c, _scene) in zip(added, photos, strict=True)),
        ),
        drill_id,
    )
    yield cal.at(day + timedelta(days=1), 9)
    finalize_drill(ws, officer, drill_id)
    record = get_drill(ws, drill_id)
    if kind == "fire_evacuation" and record is not None:
        yield cal.at(day + timedelta(days=1), 9, 20)
        problem_to_hazard(ws, officer, record.problems[0].id, area="fire")


def _next_drill(ws: Workspace, officer: Actor, cal: DemoCalendar) -> Iterator[datetime]:
    """This month's drill, planned and half written up two days ago."""
    yield cal.latest(cal.now - timedelta(days=2))
    today = cal.today
    save_drill(
        ws,
        officer,
        DrillForm(
            drill_type="anti_stampede",
            title="防踩踏疏散演练",
            planned_on=date(today.year, today.month, min(28, today.day + 3)),
            plan="课间操时段组织全校防踩踏疏散，重点关注楼梯转角。",
            scope="whole_school",
            organiser_id=officer.user_id,
            organiser_name=officer.name,
        ),
    )
