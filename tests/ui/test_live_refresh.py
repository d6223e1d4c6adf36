"""Lists keep themselves up to date: a commit anywhere reaches every open page that shows it."""

from __future__ import annotations

import threading
from datetime import time

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication

from app.accounts.service import create_user
from app.duty.roster import add_duty_type
from app.grid.service import add_zone, assign
from app.hazards.service import school_today
from app.staff.service import add_staff, list_staff
from app.workspace import Committed
from db.base import synced_tables
from tests.helpers import PRINCIPAL_PASSWORD, add_hazards
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.common.live_refresh import Interest, LiveRefresh
from ui.duty.roster_page import RosterPage
from ui.grid.page import GridPage
from ui.pages import PAGES
from ui.staff.page import StaffPage

# Every page that lists records keeps itself up to date.
LIST_PAGES = ("dashboard", "inspections", "hazards", "incidents", "drills", "handover", "roster",
              "grid", "staff", "monthly", "sync", "settings")  # fmt: skip


def ctx(workspace):
    return context_for(workspace, "zhangli", PRINCIPAL_PASSWORD)


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitUntil(lambda: page.loads >= 1)
    wait_idle(qtbot)
    return page


def in_a_worker(job) -> None:
    """Run ``job`` on another thread, as the UI's background operations do; re-raise its error."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            job()
        except BaseException as e:  # noqa: BLE001 - handed to the test thread
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    t.join(30)
    if errors:
        raise errors[0]


def test_a_new_user_shows_in_the_open_roster_and_grid_dropdowns_without_f5(
    qtbot, workspace, principal
):
    add_duty_type(workspace, principal, name="值宿", kind="night_watch", start_time=time(20),
                  end_time=time(6, 30))  # fmt: skip
    add_zone(workspace, principal, name="学生宿舍", kind="dormitory")
    roster, grid = shown(qtbot, RosterPage(ctx(workspace))), shown(qtbot, GridPage(ctx(workspace)))
    loads = roster.loads, grid.loads

    in_a_worker(lambda: create_user(workspace, principal, username="liufang",
                                    display_name="刘芳", role="duty_staff", post="宿舍管理员",
                                    secret_kind="pin", secret="902174"))  # fmt: skip

    qtbot.waitUntil(lambda: roster.loads > loads[0] and grid.loads > loads[1], timeout=10_000)
    wait_idle(qtbot)
    roster.open_rotation()
    people = roster.dialog.people
    assert "刘芳　宿舍管理员" in [people.item(i).text() for i in range(people.count())]
    roster.dialog.reject()
    grid.table.selectRow(0)
    grid.open_assign()
    combo = grid.dialog.person
    assert "刘芳　宿舍管理员" in [combo.itemText(i) for i in range(combo.count())]
    grid.dialog.reject()


def test_a_phone_edited_on_the_staff_page_shows_on_the_open_grid_page(qtbot, workspace, principal):
    wang = add_staff(workspace, principal, name="王强", post="宿管", phone="13800000000")
    zone = add_zone(workspace, principal, name="学生宿舍", kind="dormitory")
    assign(workspace, principal, zone_id=zone.id, person_id=wang.id, valid_from=school_today())
    grid = shown(qtbot, GridPage(ctx(workspace)))
    staff = shown(qtbot, StaffPage(ctx(workspace)))
    assert grid.model.index(0, 5).data() == "13800000000"

    staff.select_person(wang.id)
    staff.open_edit()
    staff.dialog.phone.setText("13900001111")
    staff.dialog.buttons.accepted.emit()

    qtbot.waitUntil(lambda: grid.model.index(0, 5).data() == "13900001111", timeout=10_000)
    assert grid.model.index(0, 3).data() == "王强"


def test_a_hidden_page_only_notes_the_change_and_reads_when_shown(qtbot, workspace, principal):
    page = shown(qtbot, StaffPage(ctx(workspace)))
    page.hide()
    loads = page.loads
    add_staff(workspace, principal, name="钱师傅", post="锅炉工")
    qtbot.waitUntil(lambda: page.live.stale, timeout=10_000)
    wait_idle(qtbot)
    assert page.loads == loads and "钱师傅" not in page.model.names()
    page.show()
    qtbot.waitUntil(lambda: "钱师傅" in page.model.names(), timeout=10_000)
    assert not page.live.stale


def test_a_burst_of_commits_is_read_once(qtbot, workspace, principal):
    page = shown(qtbot, StaffPage(ctx(workspace)))
    before = page.live.refreshes
    for name in ("甲", "乙", "丙", "丁", "戊"):
        add_staff(workspace, principal, name=name)
    qtbot.waitUntil(lambda: "戊" in page.model.names(), timeout=10_000)
    wait_idle(qtbot)
    assert not page.live.pending
    assert page.live.refreshes == before + 1


def test_commits_that_change_nothing_shown_are_ignored(qtbot, workspace, principal):
    page = shown(qtbot, StaffPage(ctx(workspace)))
    add_hazards(workspace, principal, 1)  # the hazard ledger, not people
    QCoreApplication.processEvents()
    assert not page.live.pending
    add_staff(workspace, principal, name="钱师傅")
    QCoreApplication.processEvents()
    assert page.live.pending
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: "钱师傅" in page.model.names(), timeout=10_000)


def test_what_a_page_cares_about():
    people = Interest(frozenset({"staff_member"}), ("user.",))
    assert people(Committed("staff.add", tables=frozenset({"staff_member"})))
    assert people(Committed("user.unlock"))  # a lock-out is this PC's own state: no table
    assert not people(Committed("hazard.report", tables=frozenset({"hazard"})))
    assert not people(Committed("login"))
    assert Interest()(Committed("anything"))  # nothing named: every commit


def test_a_page_deleted_while_a_commit_is_on_its_way_is_skipped(qtbot, workspace, principal):
    # A listener that holds the commit until the page is gone.
    entered, release = threading.Event(), threading.Event()

    def hold(_event) -> None:
        entered.set()
        release.wait(10)

    unsubscribe = workspace.subscribe(hold)
    try:
        page = StaffPage(ctx(workspace))
        page.show()
        errors: list[BaseException] = []

        def commit() -> None:
            try:
                add_staff(workspace, principal, name="钱师傅")
            except BaseException as e:  # noqa: BLE001
                errors.append(e)

        worker = threading.Thread(target=commit)
        worker.start()
        assert entered.wait(10)  # committed; the page's listener is next in line
        shiboken6.delete(page)
        assert not shiboken6.isValid(page)
        release.set()
        worker.join(10)
        QCoreApplication.processEvents()
    finally:
        release.set()
        unsubscribe()
    assert errors == []  # the action itself is not disturbed
    assert "钱师傅" in [m.name for m in list_staff(workspace)]

    # Already queued to the UI thread when the page goes: dropped on delivery.
    page = StaffPage(ctx(workspace))
    add_staff(workspace, principal, name="白阿姨")
    shiboken6.delete(page)
    QCoreApplication.processEvents()
    wait_idle(qtbot)


@pytest.mark.parametrize("key", LIST_PAGES)
def test_every_list_page_keeps_itself_up_to_date(qtbot, workspace, memory_keyring, key):
    spec = next(p for p in PAGES if p.key == key)
    page = spec.create(ctx(workspace))
    qtbot.addWidget(page)
    live = page.findChildren(LiveRefresh)
    assert len(live) == 1, f"{key}: one LiveRefresh"
    assert live[0].interest.tables <= synced_tables(), f"{key}: names only real synced tables"
