"""A small duty crew for the duty and grid page tests: staff with logins, a night watch."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, time

from app.duty.roster import DutyTypeView, add_duty_type
from app.staff.service import add_staff
from tests.helpers import make_user


@dataclasses.dataclass
class Crew:
    staff: dict[str, uuid.UUID]
    night: DutyTypeView
    leader: DutyTypeView


def crew(ws, principal) -> Crew:
    """Watchers wangqiang and liufang (PINs 246800/246801), leaders zhangli and lijianguo."""
    staff = {}
    for i, name in enumerate(("wangqiang", "liufang")):
        user = make_user(ws, principal, name, "duty_staff", pin=f"24680{i}")
        staff[name] = add_staff(ws, principal, name=f"{name}-name", post="宿管", user_id=user.id).id
    staff["zhangli"] = add_staff(
        ws, principal, name="张丽", post="校长", user_id=principal.user_id
    ).id
    staff["lijianguo"] = add_staff(ws, principal, name="李建国", post="副校长").id
    night = add_duty_type(ws, principal, name="值宿", kind="night_watch", start_time=time(20),
                          end_time=time(6, 30), roll_call=True)  # fmt: skip
    leader = add_duty_type(
        ws, principal, name="值班领导", kind="leader", start_time=time(8), end_time=time(8)
    )
    return Crew(staff, night, leader)


def first_of(d: date) -> date:
    return d.replace(day=1)
