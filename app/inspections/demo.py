"""Demo data for inspections and hazards: three weeks of patrols and checks at the demo school.

Everything goes through the real services, so the demo exercises the same
rules, outbox and audit trail as a user would. Inspections are dated in the
past (as when paper records are typed in); the hazard steps happen now.
Every failed item says what was found and where; every inspector signs on
finalizing, and the principal countersigns the checks of the last week.
"""

from __future__ import annotations

import math
import random
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from app.accounts.service import list_users
from app.actor import Actor
from app.attachments.store import add_photos, make_derivatives
from app.hazards.monitoring import add_monitoring
from app.hazards.service import (
    SCHOOL_TZ,
    HazardPlan,
    escalate_hazard,
    mark_major,
    plan_hazard,
    recheck_hazard,
    record_rectification,
    start_rectification,
)
from app.inspections.service import (
    answer_item,
    answer_remaining,
    finalize_inspection,
    start_inspection,
)
from app.inspections.signing import countersign_inspection
from app.inspections.templates import catalog
from app.workspace import Workspace
from db.models import InspectionAnswer

DAYS = 21
# (kind, templates, place, weekday it runs on or None for daily)
SCHEDULE = [
    ("daily_patrol", ["daily_patrol"], "全校", None),
    ("weekly", ["fire", "security", "dormitory"], "教学楼及宿舍", 0),
    ("half_monthly", ["food", "gas", "traffic", "events"], "食堂及校门", 2),
    ("monthly", ["buildings", "chemicals", "lab", "flood_geo", "surroundings"], "全校", None),
]
# item code -> (the exact spot, what was found)
FINDINGS = {
    "DP-03": ("教学楼二楼东侧安全出口", "安全出口堆放课桌，通道宽度不足 1 米"),
    "DP-05": ("教学楼三楼走廊", "护栏一处螺丝松动，护栏晃动"),
    "DP-09": ("男生宿舍 204", "发现学生使用电热毯"),
    "DP-12": ("校门口护学岗", "放学时护学岗人员迟到 10 分钟"),
    "FIRE-04": ("后门消防通道", "消防通道停放私家车"),
    "FIRE-05": ("宿舍楼一、二楼楼梯口", "疏散指示灯两处不亮"),
    "SEC-06": ("操场东北角", "监控画面模糊，看不清人脸"),
    "FOOD-03": ("食堂留样柜", "周三午餐留样量不足 125 克"),
    "GAS-01": ("食堂操作间", "燃气报警器未通电"),
    "BLDG-02": ("老教学楼北墙", "墙体出现裂缝，长约 1.2 米"),
    "FLOOD-02": ("宿舍楼后排水沟", "排水沟被落叶堵塞"),
    "LAB-09": ("化学实验室", "废液桶无标签"),
}
# Checks of the last days the principal has countersigned.
COUNTERSIGNED_DAYS = 7


def _strokes(rng: random.Random) -> list[list[tuple[float, float, int]]]:
    """A signature-like scribble: two joined loops, then a quick underline."""
    x0, y0 = 50 + rng.random() * 30, 60 + rng.random() * 12
    word = [
        (x0 + i * 4.0, y0 - 16 * math.sin(i / 2.6) * (1.1 - i / 70) + rng.random(), i * 14)
        for i in range(52)
    ]
    t = word[-1][2] + 180
    under = [(x0 + 8 + i * 10, y0 + 24 + rng.random() * 1.5, t + i * 9) for i in range(22)]
    return [[(round(x, 1), round(y, 1), ms) for x, y, ms in stroke] for stroke in (word, under)]


def _photo_files(folder: Path) -> list[Path]:
    from PIL import Image, ImageDraw

    paths = []
    for i, color in enumerate([(180, 60, 50), (60, 140, 80), (70, 90, 170)]):
        im = Image.new("RGB", (640, 480), color)
        ImageDraw.Draw(im).rectangle((80 + i * 40, 80, 400, 360), outline=(255, 255, 255), width=6)
        path = folder / f"demo-{i}.jpg"
        im.save(path, "JPEG", quality=80)
        paths.append(path)
    return paths


def seed(ws: Workspace, principal: Actor, rng: random.Random) -> None:
    people = {u.username: u.actor() for u in list_users(ws, principal)}
    officer, director = people["lijianguo"], people["zhaomin"]
    duty, guard = people["wangqiang"], people["zhoujun"]
    teacher, canteen, lab = people["zhengxia"], people["caoying"], people["hanlei"]
    with tempfile.TemporaryDirectory() as tmp:
        photos = add_photos(ws, duty, _photo_files(Path(tmp)))
    for p in photos:
        make_derivatives(ws.data_dir, p.sha256, p.media_type)

    cat = catalog(ws.data_dir)
    today = datetime.now(SCHOOL_TZ).date()
    found: dict[str, list] = {}
    for back in range(DAYS, 0, -1):
        day = today - timedelta(days=back)
        for kind, templates, place, weekday in SCHEDULE:
            if kind == "monthly" and back != DAYS - 1:
                continue
            if weekday is not None and day.weekday() != weekday:
                continue
            lead = rng.choice([officer, director, duty]) if kind == "daily_patrol" else officer
            at = datetime.combine(day, time(7, 40 + rng.randrange(15)), SCHOOL_TZ)
            iid = start_inspection(
                ws,
                lead,
                kind,
                templates,
                place=place,
                started_at=at.astimezone(UTC),
                inspector_ids=[guard.user_id] if kind != "daily_patrol" else [],
                templates=cat,
            )
            with ws.read() as s:
                answers = (
                    s.query(InspectionAnswer.id, InspectionAnswer.item_code)
                    .filter(InspectionAnswer.inspection_id == iid)
                    .all()
                )
            for aid, code in answers:
                # Each finding turns up once or twice, as the real ones do.
                if code in FINDINGS and (code not in found or rng.random() < 0.3):
                    spot, note = FINDINGS[code]
                    answer_item(ws, lead, aid, "fail", note, [photos[0].id], spot=spot)
                    found.setdefault(code, []).append(iid)
            answer_remaining(ws, lead, iid, "pass")
            finalize_inspection(ws, lead, iid, strokes=_strokes(rng))
            if back <= COUNTERSIGNED_DAYS:
                countersign_inspection(ws, principal, iid, _strokes(rng))

    from sqlalchemy import select

    from db.models import Hazard

    with ws.read() as s:
        hazards = {h.item_code: h for h in s.scalars(select(Hazard).order_by(Hazard.reported_at))}
    owners = {"FOOD-03": canteen, "GAS-01": canteen, "LAB-09": lab}

    def plan(code: str, days: int) -> None:
        h = hazards[code]
        plan_hazard(
            ws,
            officer,
            h.id,
            HazardPlan(
                responsible_id=owners.get(code, teacher).user_id,
                deadline=h.reported_on + timedelta(days=days),
                measures="按整改方案落实：" + FINDINGS[code][1],
                interim_safeguard="设置警示标识，安排专人看护",
                funds_yuan=rng.choice([0, 200, 1500]),
                funds_source="学校公用经费",
            ),
        )

    # Closed: fixed by the responsible person, re-checked by the director.
    for code in ("DP-03", "DP-09", "FOOD-03", "FIRE-05"):
        if code in hazards:
            plan(code, 5)
            who = owners.get(code, teacher)
            start_rectification(ws, who, hazards[code].id)
            record_rectification(ws, who, hazards[code].id, "已整改到位", [photos[1].id])
            recheck_hazard(ws, director, hazards[code].id, passed=True, note="复查合格，同意销号")
    # Fixed, then a failed re-check.
    if "GAS-01" in hazards:
        plan("GAS-01", 3)
        record_rectification(ws, canteen, hazards["GAS-01"].id, "已接通电源", [photos[1].id])
        recheck_hazard(ws, director, hazards["GAS-01"].id, passed=False, note="报警器自检仍不响")
    # Planned and overdue, planned and in time, waiting for re-check, just reported.
    for code, days in (("DP-05", 2), ("FIRE-04", 30), ("SEC-06", 4)):
        if code in hazards:
            plan(code, days)
    if "LAB-09" in hazards:
        plan("LAB-09", 10)
        record_rectification(ws, lab, hazards["LAB-09"].id, "废液桶已贴标签", [photos[2].id])
    # The cracked wall: major, beyond the school, watched twice a day.
    if "BLDG-02" in hazards:
        wall = hazards["BLDG-02"].id
        mark_major(ws, officer, wall, "裂缝有扩展迹象，按重大隐患管理")
        plan("BLDG-02", 45)
        escalate_hazard(ws, officer, wall, "需住建部门鉴定，申请维修资金")
        add_monitoring(ws, duty, wall, "裂缝宽度约 2 毫米，无新增", "stable")
        add_monitoring(ws, guard, wall, "晚间复测，无变化；警戒线完好", "stable")
