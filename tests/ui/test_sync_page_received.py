"""The sync page of a school's second computer says what came in from the other computer,
after a pass started from the page, with the same progress bar as sending (1366×768)."""

from __future__ import annotations

import pytest

from app.hazards.service import HazardReport, report_hazard
from app.school.service import get_profile
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport
from tests.app.test_sync_e2e import FAST
from tests.sync_support import running_bureau
from tests.two_way_support import enroll, join, principal_on
from tests.ui.conftest import wait_idle
from ui.context import AppContext
from ui.sync.controller import SyncController
from ui.sync.page import SyncPage


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


def test_the_second_computer_shows_what_came_in_from_the_office(
    qtbot, workspace, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        office_net = enroll(workspace, bureau, tmp_path / "e1")
        assert sync_pass(workspace, transport=office_net).problem == ""
        duty, duty_net = join(tmp_path / "duty", bureau, tmp_path / "e2")
        try:
            assert sync_pass(duty, transport=duty_net).problem == ""
            # The office records a hazard; the duty room syncs from its page.
            report_hazard(workspace, principal, HazardReport("食堂燃气报警器失灵", "gas"))
            assert sync_pass(workspace, transport=office_net).problem == ""

            ctx = AppContext(duty, principal_on(duty), get_profile(duty))
            controller = SyncController.of(ctx)
            controller.transport_factory = lambda url: HttpTransport(url, policy=FAST)
            controller.start(system_network=False)
            page = SyncPage(ctx)
            qtbot.addWidget(page)
            page.resize(1366 - 168 - 6, 680)
            page.show()
            wait_idle(qtbot)
            bars = []
            controller.progress.connect(
                lambda p: bars.append(
                    (p.stage, page.progress_bar.value(), page.progress_bar.text())
                )
            )
            page.sync_button.click()
            qtbot.waitUntil(lambda: not controller.running, timeout=30_000)
            qtbot.waitUntil(
                lambda: "来自本校其他电脑" in page.received_label.text(), timeout=20_000
            )
            assert page.received_label.isVisible()
            assert "收到" in page.received_label.text()
            receiving = [b for b in bars if b[0] == "receiving"]
            assert receiving and receiving[-1][1] == 100
            assert "正在接收本校其他电脑的记录" in receiving[-1][2]
        finally:
            duty.close()
