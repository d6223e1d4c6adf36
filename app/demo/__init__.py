"""A realistic sample school for trying the app, screenshots and benchmarks.

``build_demo`` creates the profile, about twenty staff accounts with their
roles, and then calls each record area's seeder (``AREA_SEEDERS``) so every
area that exists has something to show.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.accounts.roles import Role
from app.accounts.service import create_user
from app.actor import Actor
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


# Each record area's seeder, as "module:function" taking (workspace, principal, random).
AREA_SEEDERS: tuple[str, ...] = (
    "app.inspections.demo:seed",
    "app.duty.demo:seed",
    "app.drills.demo:seed",
    "app.incidents.demo:seed",
    "app.monthly.demo:seed",  # last: the report it finalizes counts every other area
)


def _seeder(path: str) -> Callable[[Workspace, Actor, random.Random], None]:
    import importlib

    module, func = path.split(":")
    return getattr(importlib.import_module(module), func)


def school_year_start() -> datetime:
    """1 September of the running school year, 08:00 Beijing: the sample school's set-up."""
    today = (datetime.now(UTC) + timedelta(hours=8)).date()
    year = today.year if today.month >= 9 else today.year - 1
    return datetime(year, 9, 1, 0, tzinfo=UTC)


def demo_pin(i: int) -> str:
    return f"{(i * 7919 + 104729) % 900000 + 100000}"


def build_demo(data_dir: Path | str, *, seed: int = 2026) -> DemoInfo:
    ws = Workspace.open(Path(data_dir))
    try:
        if ws.school_id is not None:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "app",
                    "{path} already holds a school's data. Choose an empty folder for the demo.",
                ),
                path=str(ws.data_dir),
            )
        username, name, secret = PRINCIPAL
        principal = set_up_school(
            ws,
            DEMO_PROFILE,
            principal_name=name,
            username=username,
            secret_kind="password",
            secret=secret,
            in_use_since=school_year_start(),
        )
        accounts = []
        for i, (user, display, role, post) in enumerate(STAFF, start=1):
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
        rng = random.Random(seed)
        for seeder in AREA_SEEDERS:
            _seeder(seeder)(ws, principal, rng)
        return DemoInfo(ws.data_dir, DEMO_PROFILE.name, username, secret, accounts)
    finally:
        ws.close()
