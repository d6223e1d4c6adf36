"""Demo incidents: one last month reported on time and closed, one this month
whose written report went in late (kept as late) and closed. None is left open,
so the demo dashboard stays calm. Each report and the closing happen at their
own times (:mod:`app.demo.timeline`)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import select

from app.actor import Actor
from app.demo.timeline import DemoCalendar
from app.incidents.service import (
    IncidentDraft,
    PersonDraft,
    close_incident,
    log_report,
    report_incident,
)
from app.workspace import Workspace
from db.models import UserAccount

BUREAU = "区教育局政策法规安全股"


def seed(
    ws: Workspace, principal: Actor, rng: random.Random, cal: DemoCalendar
) -> Iterator[datetime]:
    with ws.read() as s:
        officer = s.scalar(select(UserAccount).where(UserAccount.username == "lijianguo"))
    reporter = Actor(officer.id, officer.display_name, officer.role) if officer else principal
    today = cal.today
    last_month = cal.last_month.replace(day=12)
    this_month = today.replace(day=1) + timedelta(days=min(2, today.day - 1))

    found = cal.at(last_month, 10, 5)
    yield found + timedelta(minutes=5)
    iid = report_incident(
        ws,
        reporter,
        IncidentDraft(
            category="injury",
            place="操场",
            description="体育课跳远时一名学生落地不稳摔倒，右手腕肿痛。",
            discovered_at=found,
            occurred_at=found - timedelta(minutes=3),
            immediate_actions="体育教师现场固定、冰敷，校医检查后由班主任陪同送乡卫生院拍片，已通知家长。",
            people=[PersonDraft("王小明", "student", True, "右手腕骨裂")],
        ),
    )
    yield found + timedelta(minutes=15)
    log_report(ws, reporter, iid, "phone", to_whom=BUREAU, at=found + timedelta(minutes=14),
               summary="学生体育课摔伤，已送医。")  # fmt: skip
    yield found + timedelta(minutes=96)
    log_report(ws, reporter, iid, "written", to_whom=BUREAU, at=found + timedelta(minutes=95),
               summary="《学生意外受伤情况报告》已报送。")  # fmt: skip
    yield found + timedelta(days=1)
    log_report(ws, reporter, iid, "follow_up", to_whom=BUREAU, at=found + timedelta(days=1),
               summary="学生骨裂已打石膏，情绪稳定，家长无异议。")  # fmt: skip
    yield found + timedelta(days=9)
    close_incident(ws, principal, iid, "学生康复返校，已开展体育课安全教育。")

    found = cal.at(this_month, 16, 40)
    if found + timedelta(days=1) > cal.now:  # the first days of a month
        found = cal.at(last_month.replace(day=20), 16, 40)
    yield found + timedelta(minutes=4)
    iid = report_incident(
        ws,
        reporter,
        IncidentDraft(
            category="traffic",
            place="校门外乡道",
            description="放学时一辆农用三轮车与一名骑自行车的学生刮碰，学生膝盖擦伤。",
            discovered_at=found,
            immediate_actions="护学岗教师疏导交通，保安报警并保护现场，学生由校医处理伤口后家长接回。",
            people=[
                PersonDraft("李小红", "student", True, "膝盖擦伤"),
                PersonDraft("赵大海", "other", False, "三轮车驾驶人，未受伤"),
            ],
        ),
    )
    yield found + timedelta(minutes=23)
    log_report(ws, reporter, iid, "phone", to_whom=BUREAU, at=found + timedelta(minutes=22),
               summary="校门外交通刮碰，学生轻伤。")  # fmt: skip
    yield found + timedelta(hours=3, minutes=12)
    log_report(ws, reporter, iid, "written", to_whom=BUREAU, at=found + timedelta(hours=3, minutes=10),
               summary="书面材料晚于两小时报送（交警现场处理耽误）。")  # fmt: skip
    yield cal.latest(found + timedelta(days=1))
    close_incident(ws, principal, iid, "交警认定三轮车负全责，已与家长沟通；加强放学护学岗。")
