"""Demo data for inspections and hazards: every day's patrol and the weekly, half-monthly
and monthly checks since the first of last month, and the hazards they found in every state.

Everything goes through the real services at the time it happens
(:mod:`app.demo.timeline`): a patrol at 07:40 has its answers, the photo of a
failed item, its finalization and the hazard it reports at 07:40–07:52 that
day; each hazard is then planned, fixed and re-checked on the following
days by the people responsible. Each finding has its own photo of what was
found (and, once fixed, a photo after the fix). Every failed item says what
was found and exactly where; every inspector signs on finalizing, and the
principal countersigns the checks of the last week.
"""

from __future__ import annotations

import dataclasses
import math
import random
import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from app.accounts.service import list_users
from app.actor import Actor
from app.attachments.store import add_photos, make_derivatives
from app.demo.photos import draw_photo
from app.demo.timeline import DemoCalendar, merge
from app.hazards.monitoring import add_monitoring
from app.hazards.service import (
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
from app.school.clock import SCHOOL_TZ
from app.workspace import Workspace
from db.models import Hazard, InspectionAnswer

# (kind, templates, place)
DAILY = ("daily_patrol", ["daily_patrol"], "全校")
WEEKLY = ("weekly", ["fire", "security", "dormitory"], "教学楼及宿舍")  # Mondays
HALF_MONTHLY = ("half_monthly", ["food", "gas", "traffic", "events"], "食堂及校门")
MONTHLY = ("monthly", ["buildings", "chemicals", "lab", "flood_geo", "surroundings"], "全校")


@dataclasses.dataclass(frozen=True)
class Finding:
    text: str
    spot: str  # exactly where it was found
    subject: str  # the photo's scene (app.demo.photos.SCENES)
    # When in the history it is found (0 = first day, 1 = yesterday);
    # None: at the latest monthly check.
    when: float | None
    story: str  # what has happened to the hazard since (see _story)
    again: bool = False  # seen again on a later check while still open


FINDINGS: dict[str, Finding] = {
    "DP-03": Finding(
        "二楼东侧安全出口堆放课桌", "教学楼二楼东侧安全出口", "blocked_exit", 0.10, "closed"
    ),
    "FOOD-03": Finding("周三午餐留样量不足 125 克", "食堂留样柜", "kitchen", 0.2, "closed"),
    "DP-09": Finding("男生宿舍 204 发现电热毯", "男生宿舍 204", "dormitory", 0.35, "closed"),
    "FIRE-05": Finding(
        "宿舍楼疏散指示灯两处不亮", "宿舍楼一、二楼楼梯口", "dark_exit", 0.5, "closed"
    ),
    "GAS-01": Finding(
        "食堂操作间燃气报警器未通电", "食堂操作间", "gas_alarm", 0.6, "recheck_failed"
    ),
    "DP-05": Finding(
        "三楼走廊护栏一处螺丝松动", "教学楼三楼走廊", "railing", 0.7, "overdue", again=True
    ),
    "FIRE-04": Finding(
        "后门消防通道停放私家车", "后门消防通道", "fire_lane", 0.75, "in_time", again=True
    ),
    "SEC-06": Finding("操场东北角监控画面模糊", "操场东北角", "monitor", 0.85, "planned"),
    "DP-12": Finding("放学时护学岗迟到 10 分钟", "校门口护学岗", "gate", 0.95, "reported"),
    "BLDG-02": Finding(
        "老教学楼北墙出现裂缝，长约 1.2 米", "老教学楼北墙", "wall_crack", None, "major"
    ),
    "LAB-09": Finding("化学实验室废液桶无标签", "化学实验室", "lab", None, "waiting_recheck"),
    "FLOOD-02": Finding("宿舍楼后排水沟被落叶堵塞", "宿舍楼后排水沟", "drain", None, "reported"),
}
# Checks of the last days the principal has countersigned.
COUNTERSIGNED_DAYS = 7
OWNERS = {"FOOD-03": "caoying", "GAS-01": "caoying", "LAB-09": "hanlei"}  # else the class teacher
AFTER = {
    "DP-03": "整改后：安全出口已清理畅通",
    "FOOD-03": "整改后：留样盒按 125 克补足",
    "DP-09": "整改后：电热毯已收缴",
    "FIRE-05": "整改后：疏散指示灯已更换",
    "GAS-01": "整改后：报警器已接通电源",
    "LAB-09": "整改后：废液桶已贴标签",
}


@dataclasses.dataclass
class _Check:
    at: datetime
    kind: str
    templates: list[str]
    place: str
    lead: Actor
    failed: list[str] = dataclasses.field(default_factory=list)


def _schedule(cal: DemoCalendar, rng: random.Random, people: dict[str, Actor]) -> list[_Check]:
    """Every check of the history, oldest first."""
    leads = [people["lijianguo"], people["zhaomin"], people["wangqiang"]]
    checks = []
    for day in cal.days():
        at = cal.at(day, 7, 40 + rng.randrange(15))
        checks.append(_Check(at, *DAILY, rng.choice(leads)))
        if day.weekday() == 0:
            checks.append(_Check(cal.at(day, 9, 30), *WEEKLY, people["lijianguo"]))
        if day.weekday() == 2 and (day.day <= 7 or 16 <= day.day <= 22):
            checks.append(_Check(cal.at(day, 14), *HALF_MONTHLY, people["lijianguo"]))
        if day.day == 3:
            checks.append(_Check(cal.at(day, 9), *MONTHLY, people["lijianguo"]))
    return checks


def _place_findings(checks: list[_Check], cal: DemoCalendar, cat) -> dict[str, _Check]:
    """Which check finds each finding (and marks it failed there); returns code -> check."""
    codes = {t: {i.code for i in cat.get(t).items} for c in checks for t in c.templates}
    span = (cal.today - timedelta(days=1) - cal.history_start).days
    found: dict[str, _Check] = {}
    for code, f in FINDINGS.items():
        with_it = [c for c in checks if any(code in codes[t] for t in c.templates)]
        if not with_it:
            continue
        if f.when is None:
            check = with_it[-1]
        else:
            target = cal.history_start + timedelta(days=round(f.when * span))
            check = next(
                (c for c in with_it if c.at.astimezone(SCHOOL_TZ).date() >= target), with_it[-1]
            )
        check.failed.append(code)
        found[code] = check
        if f.again:
            later = [c for c in with_it if c.at > check.at + timedelta(days=2)]
            if later:
                later[0].failed.append(code)
    return found


def seed(
    ws: Workspace, principal: Actor, rng: random.Random, cal: DemoCalendar
) -> Iterator[datetime]:
    people = {u.username: u.actor() for u in list_users(ws, principal)}
    cat = catalog(ws.data_dir)
    checks = _schedule(cal, rng, people)
    found = _place_findings(checks, cal, cat)
    with tempfile.TemporaryDirectory() as tmp:
        camera = _Camera(ws, Path(tmp))
        yield from merge(
            *(_inspection(ws, check, people, cat, camera, cal, rng) for check in checks),
            *(_story(ws, people, code, check.at, camera, cal) for code, check in found.items()),
        )


class _Camera:
    """Takes a photo of a subject at a given time, adds it to the store with its thumbnails."""

    def __init__(self, ws: Workspace, folder: Path) -> None:
        self.ws, self.folder, self.count = ws, folder, 0

    def shoot(self, actor: Actor, subject: str, caption: str, at: datetime, *, fixed: bool = False):
        self.count += 1
        path = draw_photo(
            self.folder / f"IMG_{at.astimezone(SCHOOL_TZ):%Y%m%d_%H%M}_{self.count:03d}.jpg",
            subject,
            caption,
            at,
            seed=self.count,
            fixed=fixed,
        )
        (photo,) = add_photos(self.ws, actor, [path])
        make_derivatives(self.ws.data_dir, photo.sha256, photo.media_type)
        return photo


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


def _inspection(
    ws: Workspace,
    check: _Check,
    people: dict[str, Actor],
    cat,
    camera: _Camera,
    cal: DemoCalendar,
    rng: random.Random,
) -> Iterator[datetime]:
    yield check.at
    lead, guard = check.lead, people["zhoujun"]
    iid = start_inspection(
        ws,
        lead,
        check.kind,
        check.templates,
        place=check.place,
        started_at=check.at,
        inspector_ids=[] if check.kind == "daily_patrol" else [guard.user_id],
        templates=cat,
    )
    if check.failed:
        with ws.read() as s:
            answers = dict(
                s.query(InspectionAnswer.item_code, InspectionAnswer.id)
                .filter(InspectionAnswer.inspection_id == iid)
                .all()
            )
        for minute, code in enumerate(check.failed, start=3):
            at = check.at + timedelta(minutes=minute)
            yield at
            finding = FINDINGS[code]
            photo = camera.shoot(lead, finding.subject, finding.text, at)
            answer_item(
                ws, lead, answers[code], "fail", finding.text, [photo.id], spot=finding.spot
            )
    yield check.at + timedelta(minutes=12)
    answer_remaining(ws, lead, iid, "pass")
    finalize_inspection(ws, lead, iid, strokes=_strokes(rng))
    day = check.at.astimezone(SCHOOL_TZ).date()
    if day > cal.today - timedelta(days=COUNTERSIGNED_DAYS):
        # The principal reads and countersigns the week's checks at the end of the day.
        at = cal.latest(cal.at(day, 17, 30))
        if at > check.at + timedelta(minutes=12):
            yield at
            countersign_inspection(ws, people["zhangli"], iid, _strokes(rng))


def _story(
    ws: Workspace,
    people: dict[str, Actor],
    code: str,
    found_at: datetime,
    camera: _Camera,
    cal: DemoCalendar,
) -> Iterator[datetime]:
    """What happens to one finding's hazard after the check that reported it."""
    finding = FINDINGS[code]
    officer, director = people["lijianguo"], people["zhaomin"]
    owner = people[OWNERS.get(code, "zhengxia")]
    local_day = found_at.astimezone(SCHOOL_TZ).date()

    def on(days: int, hour: int, minute: int = 0) -> datetime:
        return cal.latest(cal.at(local_day + timedelta(days=days), hour, minute))

    if finding.story == "reported":
        return
    if finding.story == "major":
        yield found_at + timedelta(hours=1)
        wall = _hazard_id(ws, code)
        mark_major(ws, officer, wall, "裂缝有扩展迹象，按重大隐患管理")
        _plan(ws, officer, owner, wall, code, 45)
        yield found_at + timedelta(hours=2)
        add_monitoring(ws, people["wangqiang"], wall, "拉设警戒线，裂缝宽度约 2 毫米", "stable")
        yield on(1, 10)
        escalate_hazard(ws, officer, wall, "需住建部门鉴定，申请维修资金")
        day = local_day
        while True:
            for hour, who, note in (
                (7, "wangqiang", "裂缝宽度约 2 毫米，无新增"),
                (19, "zhoujun", "晚间复测，无变化；警戒线完好"),
            ):
                at = cal.at(day, hour, 30)
                if at <= found_at + timedelta(hours=2):
                    continue
                if at > cal.now - timedelta(minutes=30):
                    return
                yield at
                add_monitoring(ws, people[who], wall, note, "stable")
            day += timedelta(days=1)
    yield on(1, 9)
    hazard = _hazard_id(ws, code)
    days = {"closed": 5, "recheck_failed": 3, "overdue": 2, "in_time": 30, "planned": 4}
    _plan(ws, officer, owner, hazard, code, days.get(finding.story, 10))
    if finding.story == "closed":
        yield on(1, 14)
        start_rectification(ws, owner, hazard)
    if finding.story in ("closed", "recheck_failed", "waiting_recheck"):
        at = on(3 if finding.story == "closed" else 2, 16)
        yield at
        after = camera.shoot(owner, finding.subject, AFTER[code], at, fixed=True)
        record_rectification(ws, owner, hazard, "已整改到位", [after.id])
    if finding.story == "closed":
        yield on(4, 10)
        recheck_hazard(ws, director, hazard, passed=True, note="复查合格，同意销号")
    if finding.story == "recheck_failed":
        yield on(3, 10)
        recheck_hazard(ws, director, hazard, passed=False, note="报警器自检仍不响")


def _hazard_id(ws: Workspace, code: str):
    with ws.read() as s:
        return s.scalar(
            select(Hazard.id).where(Hazard.item_code == code).order_by(Hazard.reported_at).limit(1)
        )


def _plan(ws: Workspace, officer: Actor, owner: Actor, hazard_id, code: str, days: int) -> None:
    with ws.read() as s:
        reported_on: date = s.get(Hazard, hazard_id).reported_on
    plan_hazard(
        ws,
        officer,
        hazard_id,
        HazardPlan(
            responsible_id=owner.user_id,
            deadline=reported_on + timedelta(days=days),
            measures="按整改方案落实：" + FINDINGS[code].text,
            interim_safeguard="设置警示标识，安排专人看护",
            funds_yuan={"BLDG-02": 1500, "GAS-01": 200}.get(code, 0),
            funds_source="学校公用经费",
        ),
    )
