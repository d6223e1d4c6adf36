"""Demo data for the grid and duty areas: staff, zones and posts with their people,
this month's roster and the last week's handovers (one with an event)."""

from __future__ import annotations

import calendar
import math
import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from app.actor import Actor
from app.duty.handover import Event, HandoverDraft, Patrol, record_handover, sign_handover
from app.duty.roster import add_duty_type, generate_rotation, list_shifts
from app.grid.letters import record_letter
from app.grid.service import add_post, add_zone, assign
from app.staff.service import add_staff, list_staff
from app.workspace import Workspace
from db.models import UserAccount

BEIJING = timedelta(hours=8)
ZONES = [
    ("教学楼", "teaching_building", "主校区北侧"),
    ("学生宿舍", "dormitory", "东院"),
    ("食堂", "canteen", "宿舍南侧"),
    ("校门", "gate", "南门"),
    ("操场", "playground", "教学楼南"),
    ("物理实验室", "lab", "教学楼三楼"),
    ("锅炉房", "boiler_room", "西北角"),
]
POSTS = [
    ("班主任", ["负责本班学生安全教育", "每日清点学生人数", "发现隐患及时报告"]),
    ("宿舍管理员", ["午休、晚眠点名", "夜间巡查宿舍", "检查违规电器"]),
    ("保安", ["校门管控，外来人员登记", "夜间巡逻", "一键报警装置每日测试"]),
]
ROUTE = ["校门", "教学楼", "学生宿舍", "食堂", "锅炉房"]


def _strokes(rng: random.Random) -> list[list[tuple[float, float, int]]]:
    """A hand-written-looking flourish: a looping line, then a short underline."""
    x0, y0, size = 60 + rng.random() * 40, 70 + rng.random() * 10, 18 + rng.random() * 6
    loop = [
        (x0 + i * 3.2 + size * 0.6 * math.cos(i / 3.0), y0 - size * math.sin(i / 3.0) * (1 - i / 90), i * 12)
        for i in range(60)
    ]  # fmt: skip
    t = loop[-1][2] + 200
    under = [(x0 - 10 + i * 11, y0 + 26 + rng.random() * 2, t + i * 10) for i in range(20)]
    return [[(round(x, 1), round(y, 1), ms) for x, y, ms in stroke] for stroke in (loop, under)]


def seed(ws: Workspace, principal: Actor, rng: random.Random) -> None:
    with ws.read() as s:
        users = list(s.scalars(select(UserAccount).order_by(UserAccount.username)))
    # Everyone with a login is in the directory already: creating the login made the entry.
    person_of = {v.user_id: v for v in list_staff(ws)}
    staff = {u.username: person_of[u.id] for u in users}
    for name, post in [("钱师傅", "锅炉工"), ("白阿姨", "食堂厨师"), ("孔大爷", "临时门卫")]:
        staff[name] = add_staff(ws, principal, name=name, post=post)
    actors = {u.id: Actor(u.id, u.display_name, u.role) for u in users}
    leaders = [staff[k].id for k in ("zhangli", "lijianguo", "zhaomin")]
    teachers = [staff[k].id for k in ("zhengxia", "fengtao", "heyan", "guoyong", "mahui", "luobin")]
    today = (datetime.now(UTC) + BEIJING).date()
    for (name, kind, place), person in zip(ZONES, ["luobin", "liufang", "caoying", "zhoujun", "songwei",
                                                    "hanlei", "钱师傅"], strict=True):  # fmt: skip
        z = add_zone(ws, principal, name=name, kind=kind, place=place)
        if name != "操场":  # one zone left open, so the overview shows a flag
            assign(ws, principal, zone_id=z.id, person_id=staff[person].id, leader_id=rng.choice(leaders),
                   supervisor_id=staff["zhaomin"].id, valid_from=today.replace(month=9, day=1)
                   if today.month >= 9 else today.replace(year=today.year - 1, month=9, day=1))  # fmt: skip
    _letters(ws, principal, staff, today, rng)
    for (name, duties), person in zip(POSTS, ["zhengxia", "liufang", "zhoujun"], strict=True):
        p = add_post(ws, principal, name=name, duties=duties)
        assign(ws, principal, post_id=p.id, person_id=staff[person].id, leader_id=staff["lijianguo"].id,
               supervisor_id=staff["zhaomin"].id, valid_from=today - timedelta(days=60))  # fmt: skip

    start = min(today.replace(day=1), today - timedelta(days=7))
    end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    leader = add_duty_type(
        ws, principal, name="值班领导", kind="leader", start_time=time(8), end_time=time(8)
    )
    teacher = add_duty_type(ws, principal, name="值班教师", kind="teacher", start_time=time(7),
                            end_time=time(17, 30), days="school_days")  # fmt: skip
    night = add_duty_type(ws, principal, name="值宿", kind="night_watch", start_time=time(20),
                          end_time=time(6, 30), roll_call=True)  # fmt: skip
    guard = add_duty_type(
        ws, principal, name="保安夜班", kind="guard", start_time=time(20), end_time=time(8)
    )
    generate_rotation(ws, principal, leader.id, start, end, leaders)
    generate_rotation(ws, principal, teacher.id, start, end, teachers)
    generate_rotation(ws, principal, night.id, start, end, [staff[k].id for k in ("wangqiang", "liufang",
                                                                                    "chenhao", "sunli")])  # fmt: skip
    generate_rotation(
        ws, principal, guard.id, start, end, [staff["zhoujun"].id, staff["wudeming"].id]
    )

    by_id = {v.id: v for v in staff.values()}
    week = list_shifts(ws, today - timedelta(days=7), today)
    for duty in (leader, teacher, night, guard):
        shifts = [v for v in week if v.duty_type_id == duty.id]
        for prev, cur in zip(shifts, shifts[1:], strict=False):
            if prev.date < today:
                outgoing = actors[by_id[prev.staff_id].user_id]
                _handover(ws, outgoing, prev, cur, today, duty.roll_call, rng)


def _letters(ws: Workspace, principal: Actor, staff: dict, today, rng: random.Random) -> None:
    """安全责任书 for this year: the principal with each zone's responsible person.

    All signed in the first week of September except 钱师傅's (boiler room):
    prepared, not signed yet, so the letters tab shows who still owes one.
    """
    year = today.year if today.month >= 9 else today.year - 1
    people = ["luobin", "liufang", "caoying", "zhoujun", "hanlei", "钱师傅"]
    for (zone, _kind, _place), person in zip(
        [z for z in ZONES if z[0] != "操场"], people, strict=True
    ):
        signed = None if person == "钱师傅" else date(year, 9, rng.randint(2, 6))
        record_letter(ws, principal, year=year, title=f"{year} 年{zone}安全责任书",
                      issuer_id=staff["zhangli"].id, signer_id=staff[person].id, signed_on=signed)  # fmt: skip


def _handover(ws, outgoing: Actor, prev, cur, today, roll_call: bool, rng: random.Random) -> None:
    base = datetime.combine(prev.date, time(20), UTC) - BEIJING
    patrols = tuple(
        Patrol(base + timedelta(minutes=40 * i), place) for i, place in enumerate(ROUTE)
    )
    # One night, a boarder fell ill: the week's one non-peaceful shift.
    event = roll_call and prev.date == today - timedelta(days=3)
    count = 186 if roll_call else None
    draft = HandoverDraft(
        peaceful=not event, patrols=patrols, incoming_id=cur.staff_id,
        events=(Event(base + timedelta(hours=3), "302 宿舍一名学生发烧 38.5℃", "联系家长，送乡卫生院"),)
        if event else (),
        handed_over="钥匙一串，对讲机两部", noon_expected=count, noon_present=count,
        night_expected=count, night_present=count,
    )  # fmt: skip
    h = record_handover(ws, outgoing, prev.id, draft)
    sign_handover(ws, outgoing, h.id, prev.staff_id, _strokes(rng))
    sign_handover(ws, outgoing, h.id, cur.staff_id, _strokes(rng))
