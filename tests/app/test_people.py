"""One person record: a login belongs to a staff member, whose details are typed once."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.accounts.service import (
    authenticate,
    create_user,
    list_users,
    login_choices,
    set_active,
    update_user,
)
from app.errors import PermissionDenied, UserError
from app.grid.overview import grid_overview
from app.grid.service import add_zone, assign
from app.inspections.people import active_people
from app.staff.people import list_people, merge_into
from app.staff.service import add_leave, add_staff, list_staff, set_staff_active, update_staff
from db.models import AuditEntry, OutboxEntry, StaffMember, UserAccount
from tests.helpers import make_user

DAY = date(2026, 11, 23)


def outbox_count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


def test_creating_a_user_makes_one_person_in_the_same_action(workspace, principal):
    before = outbox_count(workspace)
    user = create_user(workspace, principal, username="liufang", display_name=" 刘芳 ",
                       role="duty_staff", post="宿舍管理员", phone="139 0000 1111",
                       secret_kind="pin", secret="902174")  # fmt: skip
    people = {m.name: m for m in list_staff(workspace)}
    assert set(people) == {"张丽", "刘芳"}
    person = people["刘芳"]
    assert (person.id, person.user_id, person.post, person.phone) == (
        user.staff_id, user.id, "宿舍管理员", "139 0000 1111",
    )  # fmt: skip
    assert (user.display_name, user.post, user.phone) == ("刘芳", "宿舍管理员", "139 0000 1111")
    with workspace.read() as s:
        new = list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))[before:]
        actions = list(s.scalars(select(AuditEntry.action)))
    # The person first, so replaying in outbox order satisfies the login's foreign key;
    # then the certificate of the signing key the new login got.
    assert [(o.table_name, o.op) for o in new] == [
        ("staff_member", "insert"), ("user_account", "insert"),
        ("signing_certificate", "insert"), ("audit_entry", "insert"),
    ]  # fmt: skip
    assert "display_name" not in new[1].changes and new[1].changes["staff_id"] == str(person.id)
    assert actions.count("user.create") == 1 and "staff.add" not in actions


def test_editing_a_phone_in_one_place_shows_everywhere(workspace, principal):
    user = make_user(workspace, principal, "wangqiang", "duty_staff")
    zone = add_zone(workspace, principal, name="男生宿舍", kind="dormitory")
    assign(workspace, principal, zone_id=zone.id, person_id=user.staff_id, valid_from=DAY)

    update_staff(workspace, principal, user.staff_id, name="王强", post="宿管", phone="13800001111")

    row = next(r for r in grid_overview(workspace, DAY).rows if r.name == "男生宿舍")
    assert (row.person, row.person_phone) == ("王强", "13800001111")
    listed = next(u for u in list_users(workspace, principal) if u.username == "wangqiang")
    assert (listed.display_name, listed.post, listed.phone) == ("王强", "宿管", "13800001111")
    assert ("wangqiang", "王强") in {(c.username, c.display_name) for c in login_choices(workspace)}
    assert "王强" in {p.name for p in active_people(workspace, principal)}
    assert authenticate(workspace, "wangqiang", "482913").name == "王强"
    # …and the principal editing the user edits the same person.
    update_user(workspace, principal, user.id, display_name="王强", role="guard",
                post="门卫", phone="13800002222")  # fmt: skip
    person = next(m for m in list_staff(workspace) if m.id == user.staff_id)
    assert (person.post, person.phone) == ("门卫", "13800002222")
    assert [m.name for m in list_staff(workspace)].count("王强") == 1


def test_a_person_of_the_directory_is_given_a_login_without_a_second_entry(workspace, principal):
    luobin = add_staff(workspace, principal, name="罗斌", post="体育教师")
    user = create_user(workspace, principal, staff_id=luobin.id, username="luobin",
                       role="staff", secret_kind="pin", secret="551234")  # fmt: skip
    assert user.staff_id == luobin.id and user.display_name == "罗斌"
    assert [m.name for m in list_staff(workspace)].count("罗斌") == 1
    assert authenticate(workspace, "luobin", "551234").name == "罗斌"


def test_someone_who_left_cannot_be_given_a_login(workspace, principal):
    m = add_staff(workspace, principal, name="孔大爷", post="临时门卫")
    set_staff_active(workspace, principal, m.id, False)
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="no longer works here"):
        create_user(workspace, principal, staff_id=m.id, username="kong", role="guard",
                    secret_kind="pin", secret="551234")  # fmt: skip
    assert outbox_count(workspace) == before


def test_a_person_who_leaves_takes_their_login_with_them(workspace, principal):
    user = make_user(workspace, principal, "wangqiang", "duty_staff", pin="482913")
    set_staff_active(workspace, principal, user.staff_id, False)
    with pytest.raises(UserError, match="Wrong user name"):
        authenticate(workspace, "wangqiang", "482913")
    # Coming back does not reopen the login by itself; the principal does.
    with pytest.raises(UserError, match="no longer working here"):
        set_active(workspace, principal, user.id, True)
    set_staff_active(workspace, principal, user.staff_id, True)
    with pytest.raises(UserError, match="Wrong user name"):
        authenticate(workspace, "wangqiang", "482913")
    set_active(workspace, principal, user.id, True)
    assert authenticate(workspace, "wangqiang", "482913").name == "wangqiang-name"


def test_only_the_principal_lets_someone_with_a_login_leave(workspace, principal):
    user = make_user(workspace, principal, "wangqiang", "duty_staff")
    make_user(workspace, principal, "zhaomin", "safety_officer", pin="246810")
    officer = authenticate(workspace, "zhaomin", "246810")
    cook = add_staff(workspace, officer, name="白阿姨", post="食堂厨师")
    set_staff_active(workspace, officer, cook.id, False)  # no login: the directory's business
    before = outbox_count(workspace)
    with pytest.raises(PermissionDenied):
        set_staff_active(workspace, officer, user.staff_id, False)
    with pytest.raises(PermissionDenied):
        update_staff(workspace, officer, user.staff_id, name="wangqiang-name", role="guard")
    assert outbox_count(workspace) == before
    assert next(m for m in list_staff(workspace) if m.id == user.staff_id).active


def test_the_last_principal_and_oneself_cannot_leave(workspace, principal):
    me = next(m for m in list_staff(workspace) if m.user_id == principal.user_id)
    with pytest.raises(UserError, match="your own account"):
        set_staff_active(workspace, principal, me.id, False)
    with pytest.raises(UserError, match="at least one active principal"):
        update_staff(workspace, principal, me.id, name="张丽", role="staff")
    assert authenticate(workspace, "zhangli", "principal-pass-1").role == "principal"


def test_two_entries_of_one_person_are_joined(workspace, principal):
    user = make_user(workspace, principal, "wangfang", "staff")  # typed as a user …
    directory = add_staff(
        workspace, principal, name="wangfang-name", post="三年级班主任"
    )  # … and here
    assert [p.same_name for p in list_people(workspace, principal)
            if p.name == "wangfang-name"] == [True, True]  # fmt: skip
    merge_into(workspace, principal, user.staff_id, directory.id)
    people = [p for p in list_people(workspace, principal, include_inactive=True)
              if p.name == "wangfang-name"]  # fmt: skip
    assert [(p.id, p.username, p.post, p.same_name) for p in people] == [
        (directory.id, "wangfang", "三年级班主任", False)
    ]
    with workspace.read() as s:
        assert s.get(StaffMember, user.staff_id).deleted_at is not None  # nothing named it
        assert s.get(UserAccount, user.id).staff_id == directory.id
    assert authenticate(workspace, "wangfang", "482913").name == "wangfang-name"


def test_an_entry_old_records_name_is_kept_as_left_when_joined(workspace, principal):
    user = make_user(workspace, principal, "wangfang", "staff")
    add_leave(workspace, principal, user.staff_id, DAY, DAY, "病假")  # a record names the entry
    directory = add_staff(workspace, principal, name="王芳")
    merge_into(workspace, principal, user.staff_id, directory.id)
    with workspace.read() as s:
        old = s.get(StaffMember, user.staff_id)
        assert old.deleted_at is None and not old.active
    assert [m.name for m in list_staff(workspace)].count("wangfang-name") == 0


def test_joining_entries_is_the_principals(workspace, principal):
    user = make_user(workspace, principal, "wangfang", "staff")
    make_user(workspace, principal, "zhaomin", "safety_officer", pin="246810")
    officer = authenticate(workspace, "zhaomin", "246810")
    other = add_staff(workspace, principal, name="王芳")
    with pytest.raises(PermissionDenied):
        merge_into(workspace, officer, user.staff_id, other.id)
    with pytest.raises(UserError, match="no login to move"):
        merge_into(workspace, principal, other.id, user.staff_id)
    second = make_user(workspace, principal, "wangfang2", "staff")
    with pytest.raises(UserError, match="already signs in as wangfang2"):
        merge_into(workspace, principal, user.staff_id, second.staff_id)
