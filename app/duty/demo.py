"""Demo data for the grid and duty areas: staff, zones and posts with their people at
set-up, each month's roster made before the month, and every finished shift handed over
and signed by both people when it ended (two with an event)."""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Iterator
from datetime import datetime, time, timedelta

from sqlalchemy import select

from app.actor import Actor
from app.demo.timeline import DemoCalendar, merge
from app.duty.handover import Event, HandoverDraft, Patrol, record_handover, sign_handover
from app.duty.roster import add_duty_type, generate_rotation, list_shifts
from app.grid.letters import record_letter
from app.grid.service import add_post, add_zone, assign
from app.school.clock import SCHOOL_TZ
from app.staff.service import add_staff, list_staff
from app.workspace import Workspace
from db.models import UserAccount

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


def seed(
    ws: Workspace, principal: Actor, rng: random.Random, cal: DemoCalendar
) -> Iterator[datetime]:
    # The set-up week: people, zones and posts with their people, the duty types.
    yield cal.set_up_at + timedelta(minutes=40)
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
    set_up_day = cal.set_up_at.astimezone(SCHOOL_TZ).date()
    yield cal.set_up_at + timedelta(hours=1)
    for (name, kind, place), person in zip(ZONES, ["luobin", "liufang", "caoying", "zhoujun", "songwei",
                                                    "hanlei", "钱师傅"], strict=True):  # fmt: skip
        z = add_zone(ws, principal, name=name, kind=kind, place=place)
        if name != "操场":  # one zone left open, so the overview shows a flag
            assign(ws, principal, zone_id=z.id, person_id=staff[person].id, leader_id=rng.choice(leaders),
                   supervisor_id=staff["zhaomin"].id, valid_from=set_up_day)  # fmt: skip
    for (name, duties), person in zip(POSTS, ["zhengxia", "liufang", "zhoujun"], strict=True):
        p = add_post(ws, principal, name=name, duties=duties)
        assign(ws, principal, post_id=p.id, person_id=staff[person].id, leader_id=staff["lijianguo"].id,
               supervisor_id=staff["zhaomin"].id, valid_from=set_up_day)  # fmt: skip
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
    rotations = [
        (leader, leaders),
        (teacher, teachers),
        (night, [staff[k].id for k in ("wangqiang", "liufang", "chenhao", "sunli")]),
        (guard, [staff["zhoujun"].id, staff["wudeming"].id]),
    ]
    by_id = {v.id: v for v in staff.values()}
    yield from merge(
        _letters(ws, principal, staff, cal, rng),
        _rosters(ws, principal, rotations, cal),
        *(_handovers(ws, duty, actors, by_id, cal, rng) for duty, _people in rotations),
    )


def _rosters(ws: Workspace, principal: Actor, rotations, cal: DemoCalendar) -> Iterator[datetime]:
    """Each month's roster, made a few days before the month starts."""
    month = cal.history_start.replace(day=1)
    while month <= cal.today:
        yield max(cal.set_up_at + timedelta(hours=2), cal.at(month - timedelta(days=3), 16))
        end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        for duty, people in rotations:
            generate_rotation(ws, principal, duty.id, max(month, cal.history_start), end, people)
        month = end + timedelta(days=1)


def _handovers(ws: Workspace, duty, actors: dict, by_id: dict, cal: DemoCalendar,
               rng: random.Random) -> Iterator[datetime]:  # fmt: skip
    """Every finished shift of one duty handed over to the next, signed by both, at the shift's end."""
    # One night a boarder fell ill: last month's and this week's non-peaceful shifts.
    ill = {cal.today - timedelta(days=3), cal.last_month.replace(day=14)}
    day = cal.history_start
    while day < cal.today:
        ends = day + timedelta(days=1) if duty.end_time <= duty.start_time else day
        ended = cal.at(ends, duty.end_time.hour, duty.end_time.minute)
        if ended + timedelta(minutes=10) > cal.now:
            return
        yield ended + timedelta(minutes=2)
        shifts = [
            v for v in list_shifts(ws, day, day + timedelta(days=7)) if v.duty_type_id == duty.id
        ]
        prev = next((v for v in shifts if v.date == day), None)
        if prev is None:  # not stood that day (a weekend for the day teacher)
            day += timedelta(days=1)
            continue
        # The next person on this duty (a month's new roster may start with the same one).
        cur = next((v for v in shifts if v.date > day and v.staff_id != prev.staff_id), None)
        if cur is not None:
            outgoing = actors[by_id[prev.staff_id].user_id]
            start = cal.at(day, duty.start_time.hour, duty.start_time.minute)
            h = _record(
                ws, outgoing, prev, cur, start, duty.roll_call, duty.roll_call and day in ill
            )
            sign_handover(ws, outgoing, h.id, prev.staff_id, _strokes(rng))
            yield ended + timedelta(minutes=6)
            # Each person signs on their own session (as if both had signed in at the PC).
            incoming = actors.get(by_id[cur.staff_id].user_id) or Actor.system("demo")
            sign_handover(ws, incoming, h.id, cur.staff_id, _strokes(rng))
        day += timedelta(days=1)


def _letters(ws: Workspace, principal: Actor, staff: dict, cal: DemoCalendar,
             rng: random.Random) -> Iterator[datetime]:  # fmt: skip
    """安全责任书 for this year: the principal with each zone's responsible person.

    All signed in the first week of the school year except 钱师傅's (boiler
    room): prepared, not signed yet, so the letters tab shows who still owes one.
    """
    first = cal.set_up_at.astimezone(SCHOOL_TZ).date()
    year = first.year if first.month >= 9 else first.year - 1
    people = ["luobin", "liufang", "caoying", "zhoujun", "hanlei", "钱师傅"]
    letters = []
    for (zone, _kind, _place), person in zip(
        [z for z in ZONES if z[0] != "操场"], people, strict=True
    ):
        signed = None if person == "钱师傅" else first + timedelta(days=rng.randint(1, 5))
        letters.append((signed or first + timedelta(days=6), zone, person, signed))
    for when, zone, person, signed in sorted(letters, key=lambda x: x[0]):
        yield cal.at(when, 10)
        record_letter(ws, principal, year=year, title=f"{year} 年{zone}安全责任书",
                      issuer_id=staff["zhangli"].id, signer_id=staff[person].id, signed_on=signed)  # fmt: skip


def _record(ws: Workspace, outgoing: Actor, prev, cur, start: datetime, roll_call: bool, ill: bool):
    """The outgoing person's handover of ``prev`` to ``cur``'s person: patrols during the shift."""
    patrols = tuple(
        Patrol(start + timedelta(hours=1, minutes=40 * i), place) for i, place in enumerate(ROUTE)
    )
    count = 186 if roll_call else None
    draft = HandoverDraft(
        peaceful=not ill, patrols=patrols, incoming_id=cur.staff_id,
        events=(Event(start + timedelta(hours=3), "302 宿舍一名学生发烧 38.5℃", "联系家长，送乡卫生院"),)
        if ill else (),
        handed_over="钥匙一串，对讲机两部", noon_expected=count, noon_present=count,
        night_expected=count, night_present=count,
    )  # fmt: skip
    return record_handover(ws, outgoing, prev.id, draft)
