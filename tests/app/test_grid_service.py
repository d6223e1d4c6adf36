"""The responsibility grid: assignments, the overview's flags, letters, who may edit."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select

from app.attachments.store import original_path, sync_copy_path, thumbnail_path
from app.errors import PermissionDenied, UserError
from app.grid.letters import list_letters, record_letter, unsigned_staff
from app.grid.overview import NO_PERSON, NO_SUPERVISOR, PERSON_LEFT, grid_overview
from app.grid.service import add_post, add_zone, assign, assignments_of
from app.i18n import translate
from app.staff.service import add_staff, set_staff_active
from db.models import OutboxEntry, Photo
from tests.app.inspection_helpers import jpeg


def outbox_count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


@pytest.fixture
def staff(workspace, principal):
    return {
        n: add_staff(workspace, principal, name=n).id for n in ("张丽", "李建国", "刘芳", "赵敏")
    }


def test_overview_flags_zones_without_a_responsible_person(workspace, principal, staff):
    dorm = add_zone(workspace, principal, name="学生宿舍", kind="dormitory", place="东院")
    add_zone(workspace, principal, name="操场", kind="playground")
    post = add_post(workspace, principal, name="宿舍管理员", duties=["午休、晚眠点名", "夜间巡查"])
    assign(workspace, principal, zone_id=dorm.id, person_id=staff["刘芳"], leader_id=staff["李建国"],
           supervisor_id=staff["赵敏"], valid_from=date(2026, 9, 1))  # fmt: skip
    assign(
        workspace, principal, post_id=post.id, person_id=staff["刘芳"], valid_from=date(2026, 9, 1)
    )
    rows = {r.name: r for r in grid_overview(workspace, date(2026, 11, 23)).rows}
    assert rows["学生宿舍"].flags == () and rows["学生宿舍"].person == "刘芳"
    assert NO_PERSON in rows["操场"].flags
    assert (
        rows["宿舍管理员"].duties == ("午休、晚眠点名", "夜间巡查")
        and NO_SUPERVISOR in rows["宿舍管理员"].flags
    )
    assert (
        NO_PERSON
        in {r.name: r for r in grid_overview(workspace, date(2026, 8, 31)).rows}["学生宿舍"].flags
    )
    set_staff_active(workspace, principal, staff["刘芳"], False)
    assert (
        PERSON_LEFT
        in {r.name: r for r in grid_overview(workspace, date(2026, 11, 23)).rows}["学生宿舍"].flags
    )


def test_a_new_assignment_ends_the_previous_one(workspace, principal, staff):
    gate = add_zone(workspace, principal, name="校门", kind="gate")
    assign(
        workspace, principal, zone_id=gate.id, person_id=staff["刘芳"], valid_from=date(2026, 9, 1)
    )
    assign(
        workspace, principal, zone_id=gate.id, person_id=staff["赵敏"], valid_from=date(2026, 11, 1)
    )
    new, old = assignments_of(workspace, zone_id=gate.id)
    assert old.valid_to == date(2026, 10, 31) and new.valid_to is None
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="overlaps"):
        assign(
            workspace,
            principal,
            zone_id=gate.id,
            person_id=staff["张丽"],
            valid_from=date(2026, 10, 1),
        )
    assert outbox_count(workspace) == before


def test_bad_grid_input_is_refused(workspace, principal, staff):
    before = outbox_count(workspace)
    with pytest.raises(UserError):
        add_zone(workspace, principal, name="", kind="gate")
    with pytest.raises(UserError):
        add_zone(workspace, principal, name="锅炉房", kind="volcano")
    with pytest.raises(UserError):
        add_post(workspace, principal, name="保安", duties=[" "])
    assert outbox_count(workspace) == before


def test_only_principal_and_safety_officer_edit_the_grid(workspace, principal):
    from app.accounts.service import authenticate
    from tests.helpers import make_user

    make_user(workspace, principal, "t1", "staff", pin="135790")
    teacher = authenticate(workspace, "t1", "135790")
    with pytest.raises(PermissionDenied):
        add_zone(workspace, teacher, name="操场", kind="playground")


def test_responsibility_letters(workspace, principal, staff, tmp_path):
    scan = tmp_path / "letter.pdf"
    scan.write_bytes(b"scan")
    before = outbox_count(workspace)
    with pytest.raises(UserError, match="two different people"):
        record_letter(workspace, principal, year=2026, title="安全责任书", issuer_id=staff["张丽"],
                      signer_id=staff["张丽"])  # fmt: skip
    assert outbox_count(workspace) == before
    record_letter(workspace, principal, year=2026, title="2026 年安全目标责任书", issuer_id=staff["张丽"],
                  signer_id=staff["刘芳"], signed_on=date(2026, 3, 2), scan=scan)  # fmt: skip
    (letter,) = list_letters(workspace, 2026)
    assert (letter.issuer_name, letter.signer_name) == ("张丽", "刘芳")
    # A PDF is not a photo: it stays a reference by hash and path.
    assert letter.scan_sha256 == hashlib.sha256(b"scan").hexdigest()
    assert letter.scan_path == str(scan.resolve()) and letter.scan_photo is None
    assert "刘芳" not in unsigned_staff(workspace, 2026) and "赵敏" in unsigned_staff(
        workspace, 2026
    )


def test_a_letter_photo_goes_into_the_photo_store(workspace, principal, staff, tmp_path):
    photo = jpeg(tmp_path / "责任书.jpg", size=(400, 300))
    with workspace.read() as s:
        photos_before = s.scalar(select(func.count()).select_from(Photo))
    with pytest.raises(UserError):  # refused before anything is stored
        record_letter(workspace, principal, year=2026, title="安全责任书", issuer_id=staff["张丽"],
                      signer_id=staff["张丽"], scan=photo)  # fmt: skip
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Photo)) == photos_before
    record_letter(workspace, principal, year=2026, title="安全责任书", issuer_id=staff["张丽"],
                  signer_id=staff["赵敏"], signed_on=date(2026, 3, 2), scan=photo)  # fmt: skip
    (letter,) = list_letters(workspace, 2026)
    ref = letter.scan_photo
    assert ref is not None and ref.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert letter.scan_sha256 == ref.sha256 and letter.scan_path is None
    # Stored like every other photo: the original by hash, a thumbnail and a sync copy.
    assert original_path(workspace.data_dir, ref.sha256).read_bytes() == photo.read_bytes()
    assert thumbnail_path(workspace.data_dir, ref.sha256).exists()
    assert sync_copy_path(workspace.data_dir, ref.sha256).exists()


def test_assigning_nobody_is_refused_in_words_and_saves_nothing(workspace, principal, staff):
    from db.models import GridAssignment

    dorm = add_zone(workspace, principal, name="学生宿舍", kind="dormitory", place="东院")
    before = outbox_count(workspace)
    with pytest.raises(UserError) as err:
        assign(workspace, principal, zone_id=dorm.id, person_id=None, valid_from=date(2026, 9, 1))
    assert err.value.message == "Choose the responsible person."
    assert err.value.localized(lambda ctx, text: translate(ctx, text, "zh_CN")) == "请选择责任人。"
    assert outbox_count(workspace) == before
    assert assignments_of(workspace, zone_id=dorm.id) == []
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(GridAssignment)) == 0
