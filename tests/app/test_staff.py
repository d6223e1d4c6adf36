"""Staff directory: people with and without logins, leave, and who may edit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import PermissionDenied, UserError
from app.staff.service import add_leave, add_staff, list_staff, set_staff_active, update_staff
from db.models import AuditEntry, OutboxEntry
from tests.helpers import make_user


def outbox_count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


def test_staff_with_and_without_a_login(workspace, principal):
    teacher = make_user(workspace, principal, "wangqiang", "duty_staff")
    # The login made the person already: naming it here updates that entry, no second one.
    a = add_staff(workspace, principal, name=" 王强 ", post="值班教师", user_id=teacher.id)
    b = add_staff(workspace, principal, name="钱师傅", post="锅炉工", phone="139 0000 1111")
    names = {v.name: v for v in list_staff(workspace)}
    assert set(names) == {"张丽", "王强", "钱师傅"}
    assert names["王强"].user_id == teacher.id and a.name == "王强" and a.id == teacher.staff_id
    assert names["钱师傅"].user_id is None and b.phone == "139 0000 1111"
    with workspace.read() as s:
        actions = list(s.scalars(select(AuditEntry.action)))
    assert actions.count("staff.add") == 1 and actions.count("staff.update") == 1


def test_a_person_with_a_login_cannot_be_given_a_second_one(workspace, principal):
    from app.accounts.service import create_user

    teacher = make_user(workspace, principal, "wangqiang", "duty_staff")
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="already signs in as wangqiang"):
        create_user(workspace, principal, staff_id=teacher.staff_id, username="wq2",
                    role="staff", secret_kind="pin", secret="135790")  # fmt: skip
    assert outbox_count(workspace) == before


@pytest.mark.parametrize(
    "fields",
    [{"name": "  "}, {"name": "x" * 51}, {"name": "张三", "phone": "call me"}],
)
def test_bad_input_is_refused_and_nothing_saved(workspace, principal, fields):
    before = outbox_count(workspace)
    with pytest.raises(UserError):
        add_staff(workspace, principal, **fields)
    assert outbox_count(workspace) == before


def test_only_principal_and_safety_officer_edit_staff(workspace, principal):
    from app.accounts.service import authenticate

    make_user(workspace, principal, "duty1", "duty_staff", pin="135790")
    make_user(workspace, principal, "safe1", "safety_officer", pin="135791")
    duty = authenticate(workspace, "duty1", "135790")
    officer = authenticate(workspace, "safe1", "135791")
    with pytest.raises(PermissionDenied):
        add_staff(workspace, duty, name="张三")
    m = add_staff(workspace, officer, name="张三")
    update_staff(workspace, officer, m.id, name="张三丰", post="保安")
    set_staff_active(workspace, officer, m.id, False)
    assert all(v.name != "张三丰" for v in list_staff(workspace))
    assert any(v.name == "张三丰" for v in list_staff(workspace, include_inactive=True))


def test_leave_cannot_end_before_it_starts(workspace, principal):
    m = add_staff(workspace, principal, name="张三")
    with pytest.raises(UserError, match="end before"):
        add_leave(workspace, principal, m.id, date(2026, 11, 5), date(2026, 11, 1))
