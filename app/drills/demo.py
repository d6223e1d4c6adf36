"""Demo drills: the last months' drills with photos, one problem in the hazard ledger,
and this month's drill still being written up."""

from __future__ import annotations

import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.accounts.service import list_users
from app.actor import Actor
from app.attachments.store import make_derivatives
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
from app.hazards.service import SCHOOL_TZ
from app.workspace import Workspace

# (days ago, type, title, captions, problems, rating, evacuation seconds)
DRILLS = [
    (80, "fire_training", "秋季学期消防安全培训", ["消防站教员讲解灭火器使用", "教师实操灭火器"],
     [], "excellent", None),
    (72, "fire_evacuation", "秋季消防疏散演练", ["警报响起，各班按路线疏散", "楼梯口教师引导",
     "操场集合点清点人数"], ["三楼东侧楼梯应急照明不亮", "七年级二班下楼时推挤"], "good", 185),
    (45, "school_bus_evacuation", "校车应急疏散演练", ["驾驶员打开应急门", "学生从应急窗撤离"],
     [], "good", 75),
    (38, "earthquake", "防地震应急疏散演练", ["学生就地躲避", "有序撤离至操场"],
     ["部分学生躲避姿势不正确"], "fair", 210),
    (12, "anti_violence", "防暴力侵害演练", ["保安使用钢叉处置", "教师组织学生锁门避险"],
     [], "good", None),
]  # fmt: skip


def _scene(path: Path, rng: random.Random, sky: tuple[int, int, int]) -> Path:
    """A schoolyard: sky, a building, and rows of pupils as dots."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1280, 960), sky)
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 560, 1280, 960), fill=(120, 150, 90))
    draw.rectangle((140, 220, 760, 560), fill=(215, 200, 170), outline=(90, 80, 70), width=4)
    for row in range(3):
        for col in range(8):
            x, y = 170 + col * 72, 250 + row * 100
            draw.rectangle((x, y, x + 40, y + 55), fill=(110, 150, 190))
    for row in range(4):
        for col in range(16):
            x = 200 + col * 55 + rng.randrange(10)
            y = 640 + row * 70 + rng.randrange(10)
            draw.ellipse((x, y, x + 22, y + 22), fill=(30 + rng.randrange(60), 40, 120))
    im.save(path, "JPEG", quality=82)
    return path


def seed(ws: Workspace, principal: Actor, rng: random.Random) -> None:
    people = {u.username: u.actor() for u in list_users(ws, principal)}
    officer = people.get("lijianguo", principal)
    today = datetime.now(SCHOOL_TZ).date()
    with tempfile.TemporaryDirectory() as tmp:
        skies = [(150, 190, 230), (170, 200, 235), (200, 210, 220), (140, 180, 225)]
        files = [_scene(Path(tmp) / f"drill-{i:02d}.jpg", rng, skies[i % 4]) for i in range(12)]
        photos = import_photos(ws, officer, files).added
    for p in photos:
        make_derivatives(ws.data_dir, p.sha256, p.media_type)
    pool = iter(photos * 2)
    for days_ago, kind, title, captions, problems, rating, seconds in DRILLS:
        day = today - timedelta(days=days_ago)
        held = datetime.combine(day, time(15, 10), SCHOOL_TZ)
        form = DrillForm(
            drill_type=kind,
            title=title,
            planned_on=day - timedelta(days=7),
            plan=f"{title}方案：明确总指挥、各班疏散路线和集合点，安排安全员在楼梯口引导。",
            held_at=held,
            duration_minutes=30,
            scope="whole_school",
            students=412 if kind != "school_bus_evacuation" else 38,
            staff=36 if kind != "school_bus_evacuation" else 4,
            evacuation_seconds=seconds,
            organiser_id=officer.user_id,
            organiser_name=officer.name,
            observers=("乡消防站 王队长",) if kind.startswith("fire") else (),
            summary=f"{title}按方案完成，师生参与积极，达到预期目的。",
            rating=rating,
            evaluation="演练组织有序，各岗位职责明确。" + ("发现问题已列出。" if problems else ""),
            problems=tuple(ProblemEntry(t) for t in problems),
            photos=tuple(PhotoEntry(next(pool).id, c) for c in captions),
        )
        drill_id = save_drill(ws, officer, form)
        finalize_drill(ws, officer, drill_id)
        record = get_drill(ws, drill_id)
        if kind == "fire_evacuation" and record is not None:
            problem_to_hazard(ws, officer, record.problems[0].id, area="fire")
    # This month's drill is planned and half written up.
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
