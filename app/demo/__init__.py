"""A realistic sample school for trying the app, screenshots and benchmarks.

``build_demo`` creates the profile and about twenty staff accounts with their
roles at the start of the school year, then plays each record area's seeder
(``AREA_SEEDERS``) so every area that exists has something to show. The
history (from the first of last month, at least three weeks) is played in
time order on a demo clock (:mod:`app.demo.timeline`): every record, hazard
event, signature and audit entry carries the time it describes, while the
hybrid logical clock keeps the computer's time.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Generator, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from app.accounts.roles import Role
from app.accounts.service import create_user
from app.actor import Actor
from app.demo.timeline import DemoCalendar, DemoClock, demo_calendar, merge, play
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.school.service import SchoolProfile, set_up_school
from app.workspace import Workspace

DEMO_PROFILE = SchoolProfile(
    name="东风乡中心学校",
    code="220105-0012",
    kind="nine_year",
    boarding=True,
    has_school_bus=True,
    district="长春市二道区",
    address="二道区东风乡政府街 18 号",
)
PRINCIPAL = ("zhangli", "张丽", "xiaoan-demo-2026")

# (user name, name, role, post)
STAFF: list[tuple[str, str, str, str]] = [
    ("lijianguo", "李建国", Role.SAFETY_OFFICER, "分管安全副校长"),
    ("zhaomin", "赵敏", Role.SAFETY_OFFICER, "安全办主任"),
    ("wangqiang", "王强", Role.DUTY_STAFF, "值班教师"),
    ("liufang", "刘芳", Role.DUTY_STAFF, "宿舍管理员"),
    ("chenhao", "陈浩", Role.DUTY_STAFF, "值宿教师"),
    ("sunli", "孙丽", Role.DUTY_STAFF, "值班教师"),
    ("zhoujun", "周军", Role.GUARD, "保安"),
    ("wudeming", "吴德明", Role.GUARD, "保安"),
    ("zhengxia", "郑霞", Role.STAFF, "一年级班主任"),
    ("fengtao", "冯涛", Role.STAFF, "二年级班主任"),
    ("heyan", "何燕", Role.STAFF, "三年级班主任"),
    ("guoyong", "郭勇", Role.STAFF, "四年级班主任"),
    ("mahui", "马慧", Role.STAFF, "五年级班主任"),
    ("luobin", "罗斌", Role.STAFF, "六年级班主任"),
    ("lianghong", "梁红", Role.STAFF, "七年级班主任"),
    ("songwei", "宋伟", Role.STAFF, "八年级班主任"),
    ("tangjing", "唐静", Role.STAFF, "九年级班主任"),
    ("hanlei", "韩磊", Role.STAFF, "物理实验室管理员"),
    ("caoying", "曹颖", Role.STAFF, "食堂管理员"),
]


@dataclasses.dataclass
class DemoInfo:
    data_dir: Path
    school_name: str
    principal_username: str
    principal_secret: str
    # (user name, name, role, PIN)
    accounts: list[tuple[str, str, str, str]]


# Each record area's seeder, as "module:function" taking (workspace, principal,
# random, calendar) and yielding the times of its steps (app.demo.timeline).
AREA_SEEDERS: tuple[str, ...] = (
    "app.inspections.demo:seed",
    "app.duty.demo:seed",
    "app.drills.demo:seed",
    "app.incidents.demo:seed",
    "app.monthly.demo:seed",  # its report is signed once last month's records are all in
)

Seeder = Callable[[Workspace, Actor, random.Random, DemoCalendar], Iterator[datetime]]


def _seeder(path: str) -> Seeder:
    import importlib

    module, func = path.split(":")
    return getattr(importlib.import_module(module), func)


def demo_pin(i: int) -> str:
    return f"{(i * 7919 + 104729) % 900000 + 100000}"


def build_demo(data_dir: Path | str, *, seed: int = 2026, now: datetime | None = None) -> DemoInfo:
    """Create the sample school in ``data_dir`` (which must hold no school).

    ``now`` (default: the computer's time) is the moment the history leads up
    to; nothing is dated after it.
    """
    calendar = demo_calendar(now)
    clock = DemoClock(calendar.set_up_at, calendar.now)
    ws = Workspace.open(Path(data_dir))
    try:
        _write_without_waiting_for_the_disk(ws)
        if ws.school_id is not None:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "{path} already holds a school's data. Choose an empty folder for the demo.",
                ),
                path=str(ws.data_dir),
            )
        accounts: list[tuple[str, str, str, str]] = []
        play(clock, _history(ws, random.Random(seed), calendar, accounts))
        return DemoInfo(ws.data_dir, DEMO_PROFILE.name, PRINCIPAL[0], PRINCIPAL[2], accounts)
    finally:
        ws.close()


def _write_without_waiting_for_the_disk(ws: Workspace) -> None:
    """Commit the demo's thousand actions without syncing each to the disk.

    The app commits every user action with ``synchronous=FULL`` (a power cut
    loses nothing). A sample school being made is thrown away and made again
    if the PC dies meanwhile, so its connections skip the per-commit sync and
    the build does not wait on the disk a thousand times. Closing the
    workspace checkpoints it as usual; the app reopens the file with its own
    settings.
    """
    from sqlalchemy import event

    @event.listens_for(ws.db.engine, "connect")
    def _no_sync(dbapi_conn, _record) -> None:  # after the engine's own pragmas
        dbapi_conn.execute("PRAGMA synchronous=OFF")

    ws.db.engine.dispose()  # pooled connections reconnect with it


def _history(
    ws: Workspace, rng: random.Random, calendar: DemoCalendar, accounts: list
) -> Iterator[datetime]:
    """Set-up, then every area's history interleaved in time order."""
    principal = yield from _set_up(ws, calendar, accounts)
    yield from merge(*(_seeder(path)(ws, principal, rng, calendar) for path in AREA_SEEDERS))


def _set_up(
    ws: Workspace, calendar: DemoCalendar, accounts: list
) -> Generator[datetime, None, Actor]:
    """The first morning: the school's profile, its principal and the staff accounts."""
    yield calendar.set_up_at
    username, name, secret = PRINCIPAL
    principal = set_up_school(
        ws,
        DEMO_PROFILE,
        principal_name=name,
        username=username,
        secret_kind="password",
        secret=secret,
    )
    for i, (user, display, role, post) in enumerate(STAFF, start=1):
        yield calendar.set_up_at + timedelta(minutes=5 + i)
        pin = demo_pin(i)
        create_user(
            ws,
            principal,
            username=user,
            display_name=display,
            role=role,
            post=post,
            phone=f"139{(i * 104723) % 100000000:08d}",
            secret_kind="pin",
            secret=pin,
        )
        accounts.append((user, display, str(role), pin))
    return principal
