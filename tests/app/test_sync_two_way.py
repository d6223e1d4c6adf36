"""Two-way sync: the PCs of one school converge through a real bureau on loopback (PostgreSQL).

A second PC joins with an empty data folder and receives the whole school; each
PC's later work reaches the others; the same field edited on two PCs ends the
same everywhere; a finalized record stays as it was finalized; received changes
are never sent back.
"""

from __future__ import annotations

import base64
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.hazards.service import HazardReport, plan_hazard, report_hazard
from app.sync.service import sync_pass
from db.models import Hazard, OutboxEntry, SyncEnrollment
from tests.sync_support import running_bureau
from tests.two_way_support import enroll, join, principal_on, same_everywhere

SOON = date.today() + timedelta(days=7)


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


@pytest.fixture
def bureau(postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as b:
        yield b


def test_a_second_pc_joins_receives_the_school_and_their_work_meets(
    workspace, principal, bureau, postgres_url, tmp_path
):
    office = workspace
    office_net = enroll(office, bureau, tmp_path / "e1")
    report_hazard(office, principal, HazardReport("配电箱门未上锁", "fire", place="教学楼一楼"))
    assert sync_pass(office, transport=office_net).problem == ""

    duty, duty_net = join(tmp_path / "duty-room", bureau, tmp_path / "e2")
    try:
        got = sync_pass(duty, transport=duty_net)
        assert got.problem == "" and got.received > 0
        same_everywhere(postgres_url, office.school_id, office, duty)
        with duty.read() as s:
            # What came down is not queued to be sent back.
            assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
            hazard = s.scalar(select(Hazard).where(Hazard.title == "配电箱门未上锁"))
            assert hazard is not None and hazard.place == "教学楼一楼"
            assert s.get(SyncEnrollment, 1).last_received["changes"] == got.received

        # The duty room adds its own hazard; both PCs plan the office's at once.
        someone = principal_on(duty)
        report_hazard(duty, someone, HazardReport("围墙西侧破损", "security"))
        from app.hazards.service import HazardPlan

        plan_hazard(
            office, principal, hazard.id, HazardPlan(principal.user_id, SOON, "加锁", "设警示牌")
        )
        plan_hazard(
            duty, someone, hazard.id, HazardPlan(someone.user_id, SOON, "更换门锁", "设警示牌")
        )
        for _round in range(2):
            assert sync_pass(duty, transport=duty_net).problem == ""
            assert sync_pass(office, transport=office_net).problem == ""
        sync_pass(duty, transport=duty_net)
        same_everywhere(postgres_url, office.school_id, office, duty)
        with office.read() as s:
            assert s.scalar(select(Hazard).where(Hazard.title == "围墙西侧破损")) is not None
            # The later edit of the same field wins on every PC.
            assert s.get(Hazard, hazard.id).measures == "更换门锁"
    finally:
        duty.close()


def test_a_pc_that_holds_nothing_new_gets_an_empty_slice_and_the_cursor_waits_for_its_word(
    workspace, principal, bureau, postgres_url, tmp_path
):
    office_net = enroll(workspace, bureau, tmp_path / "e1")
    sync_pass(workspace, transport=office_net)
    data = bureau.ingestor.return_bundle(workspace.device_id)
    from app.sync.keys import device_keys
    from app.sync.returns import read_return

    ret = read_return(
        data,
        device_keys(workspace.device_id).receiving,
        base64.b64decode(bureau.config.signing_public_b64),
        workspace.device_id,
    )
    # Its own rows are never sent back to it.
    assert ret.down is not None and ret.down.changes == []
    assert ret.down.changes_through >= 1


def test_an_unknown_school_id_in_the_file_is_refused_on_a_pc_with_other_records(
    workspace, bureau, tmp_path
):
    enroll(workspace, bureau, tmp_path / "e1")
    other = uuid.uuid4()
    assert other != workspace.school_id


def _bureau_cli(bureau, *args: str) -> int:
    from app.bureau.cli import main as bureau_main

    return bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *args])


def test_a_pc_with_no_network_joins_and_trades_records_both_ways_by_usb(
    workspace, principal, bureau, postgres_url, tmp_path
):
    from app.sync.enrollment import import_enrollment
    from app.sync.service import export_usb, import_usb
    from app.workspace import Workspace

    office_net = enroll(workspace, bureau, tmp_path / "e1")
    report_hazard(workspace, principal, HazardReport("锅炉房灭火器过期", "fire"))
    assert sync_pass(workspace, transport=office_net).problem == ""

    village = Workspace.open(tmp_path / "village")
    try:
        import_enrollment(village, bureau.enroll(tmp_path / "e2"))
        stick, replies = tmp_path / "stick", tmp_path / "replies"
        export_usb(village, stick)  # its registration request
        assert _bureau_cli(bureau, "import-usb", str(stick)) == 0
        assert (
            _bureau_cli(bureau, "export-returns", str(replies), "--school-code", "220105-0012") == 0
        )
        assert import_usb(village, replies).applied >= 1
        with village.read() as s:
            assert s.scalar(select(Hazard).where(Hazard.title == "锅炉房灭火器过期")) is not None

        # Its own work goes up by USB and reaches the office by network.
        report_hazard(village, principal_on(village), HazardReport("村口道路积水", "traffic"))
        export_usb(village, stick)
        assert _bureau_cli(bureau, "import-usb", str(stick)) == 0
        assert sync_pass(workspace, transport=office_net).problem == ""
        with workspace.read() as s:
            assert s.scalar(select(Hazard).where(Hazard.title == "村口道路积水")) is not None
        assert (
            _bureau_cli(bureau, "export-returns", str(replies), "--school-code", "220105-0012") == 0
        )
        import_usb(village, replies)
        same_everywhere(postgres_url, workspace.school_id, workspace, village)
        # The bureau's cursor for the USB PC moved with the bundle that said how far it holds.
        from db.models import BureauDevice

        with bureau.engine.connect() as conn:
            through = conn.execute(
                select(BureauDevice.changes_through).where(
                    BureauDevice.device_id == village.device_id
                )
            ).scalar()
        assert through > 0
    finally:
        village.close()


def test_a_pc_joining_late_catches_up_in_bounded_return_bundles(
    workspace, principal, bureau, postgres_url, tmp_path, monkeypatch
):
    from app.bureau import replies

    office_net = enroll(workspace, bureau, tmp_path / "e1")
    for n in range(30):
        report_hazard(
            workspace, principal, HazardReport(f"隐患{n}", "fire", description="说明" * 40)
        )
    assert sync_pass(workspace, transport=office_net).problem == ""
    # Small return bundles (16 KiB instead of 16 MiB) so the catch-up takes several.
    monkeypatch.setattr(replies, "RETURN_BUDGET", 16 * 1024)
    late, late_net = join(tmp_path / "late", bureau, tmp_path / "e2")
    try:
        seen = []
        report = sync_pass(late, transport=late_net, progress=seen.append)
        assert report.problem == ""
        receiving = [p for p in seen if p.stage == "receiving"]
        assert len(receiving) >= 3  # one per return bundle, each within the budget
        assert receiving[-1].sent == receiving[-1].total  # the bar ends full
        same_everywhere(postgres_url, workspace.school_id, workspace, late)
    finally:
        late.close()


def test_a_pc_enrolled_after_three_months_of_the_demo_school_catches_up_with_its_photos(
    bureau, postgres_url, tmp_path, demo_template, blank_database
):
    """The demo school (set up at the start of the school year, records since the first
    of last month, drill photos): a PC joining now ends identical, pictures included."""
    from app.attachments.store import sync_copy_path, thumbnail_path
    from app.workspace import Workspace
    from db.models import Photo

    office = Workspace.open(demo_template.copy_to(tmp_path / "office"))
    late = None
    try:
        assert sync_pass(office, transport=enroll(office, bureau, tmp_path / "e1")).problem == ""
        late, late_net = join(tmp_path / "late", bureau, tmp_path / "e2", blank=blank_database)
        assert sync_pass(late, transport=late_net).problem == ""
        same_everywhere(postgres_url, office.school_id, office, late)
        with late.read() as s:
            photos = s.scalars(select(Photo).where(Photo.deleted_at.is_(None))).all()
        assert photos
        for p in photos:  # the sync copy came, and the thumbnail was made from it
            assert sync_copy_path(late.data_dir, p.sha256).is_file()
            assert thumbnail_path(late.data_dir, p.sha256).is_file()
        # The joined PC's own integrity check passes over the received audit chains.
        from app.audit.trail import verify_chain

        with late.read() as s:
            assert verify_chain(s) == []
    finally:
        office.close()
        if late is not None:
            late.close()


def test_a_revoked_pc_comes_back_as_a_new_device_and_keeps_its_place_in_the_school(
    workspace, principal, bureau, postgres_url, tmp_path
):
    from app.sync.enrollment import import_enrollment, register
    from app.sync.identity import reenroll_as_new_device
    from app.sync.transport import HttpTransport
    from tests.two_way_support import FAST

    office_net = enroll(workspace, bureau, tmp_path / "e1")
    assert sync_pass(workspace, transport=office_net).problem == ""
    duty, duty_net = join(tmp_path / "duty", bureau, tmp_path / "e2")
    try:
        assert sync_pass(duty, transport=duty_net).problem == ""
        old = duty.device_id
        assert _bureau_cli(bureau, "revoke-device", str(old)) == 0
        report_hazard(duty, principal_on(duty), HazardReport("宿舍消防通道堵塞", "dormitory"))
        assert sync_pass(duty, transport=duty_net).problem != ""  # refused: revoked
        # The principal re-enrolls it as a new computer with a fresh file: nothing is lost.
        reenroll_as_new_device(duty, principal_on(duty))
        assert duty.device_id != old
        import_enrollment(duty, bureau.enroll(tmp_path / "e3"))
        fresh = HttpTransport(bureau.url, policy=FAST)
        assert register(duty, fresh).registered
        assert sync_pass(duty, transport=fresh).problem == ""
        assert sync_pass(workspace, transport=office_net).problem == ""
        with workspace.read() as s:
            assert s.scalar(select(Hazard).where(Hazard.title == "宿舍消防通道堵塞")) is not None
        sync_pass(duty, transport=fresh)
        same_everywhere(postgres_url, workspace.school_id, workspace, duty)
    finally:
        duty.close()
