"""The sync page against a real bureau on loopback: enroll, sync now, failures, USB."""

from __future__ import annotations

import pytest

from app.sync.transport import HttpTransport
from tests.app.test_sync_e2e import FAST
from tests.helpers import PRINCIPAL_PASSWORD, make_user
from tests.sync_support import running_bureau
from tests.ui.conftest import wait_idle
from tests.ui.helpers import context_for
from ui.sync.controller import SyncController
from ui.sync.page import SyncPage


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


@pytest.fixture
def ctx(workspace, principal):
    return context_for(workspace, "zhangli", PRINCIPAL_PASSWORD)


def _page(qtbot, ctx):
    page = SyncPage(ctx)
    page.controller.transport_factory = lambda url: HttpTransport(url, policy=FAST)
    qtbot.addWidget(page)
    page.resize(1180, 720)
    page.show()
    wait_idle(qtbot)
    return page


def _enroll(qtbot, page, path):
    page.choose_file = lambda: path
    page.import_button.click()
    qtbot.waitUntil(lambda: page.overview.registered, timeout=20_000)
    wait_idle(qtbot)


def test_enrollment_shows_both_fingerprints_and_the_state(qtbot, ctx, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        assert "未注册" in page.state_label.text()
        assert not page.sync_button.isEnabled()
        _enroll(qtbot, page, bureau.enroll(tmp_path))
        assert page.bureau_fp.text() == bureau.config.fingerprint
        assert page.device_fp.text() == page.overview.device_fingerprint != "—"
        assert "220105-0012" in page.state_label.text()
        assert page.sync_button.isEnabled() and not page.import_button.isEnabled()
        assert "核对" in page.message.text() or "指纹" in page.message.text()


def test_sync_now_sends_everything_in_the_background_and_the_bundles_turn_acked(
    qtbot, ctx, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        _enroll(qtbot, page, bureau.enroll(tmp_path))
        make_user(ctx.workspace, principal, "wangqiang", "staff")
        page.sync_button.click()
        # The click returned at once: the pass runs in the background, the UI shows it.
        assert page.controller.running and page.sync_button.text() == "正在同步…"
        assert page.progress_bar.isVisible()
        qtbot.waitUntil(lambda: not page.controller.running, timeout=30_000)
        wait_idle(qtbot)
        states = set(page.model.states().values())
        assert states == {"acked"}
        assert page.model.rowCount() >= 1
        assert "已收到" in page.model.data(page.model.index(0, 5))
        assert "教育局已收到全部" in page.message.text()
        assert "从未" not in page.last_sync_label.text()
        assert "：0" in page.pending_label.text()


def test_a_bureau_that_cannot_be_reached_gives_a_plain_message(
    qtbot, ctx, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        _enroll(qtbot, page, bureau.enroll(tmp_path))
    # The bureau is gone now (server stopped).
    make_user(ctx.workspace, principal, "wangqiang", "staff")
    page.sync_button.click()
    qtbot.waitUntil(lambda: not page.controller.running, timeout=30_000)
    wait_idle(qtbot)
    text = page.message.text()
    assert page.message.isVisible() and "网络" in text and "自动重试" in text
    assert "HTTP" not in text and "Errno" not in text
    assert set(page.model.states().values()) <= {"pending", "uploading"}
    assert page.controller.failures == 1
    assert page.controller.interval_ms == 2 * 15 * 60 * 1000  # backs off after a failure


def test_usb_export_writes_the_bundles_into_the_chosen_folder(
    qtbot, ctx, principal, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        _enroll(qtbot, page, bureau.enroll(tmp_path))
    usb = tmp_path / "usb"
    asked = []
    page.choose_folder = lambda title: asked.append(title) or usb
    page.export_button.click()
    qtbot.waitUntil(lambda: page.usb_done == 1, timeout=20_000)
    files = sorted(usb.glob("*.bundle"))
    assert asked and files
    assert str(usb) in page.usb_message.text()

    # Importing replies: files that are not readable replies are named, not fatal.
    import os

    device = ctx.workspace.device_id
    os.mkfifo(usb / f"{device}.00000001.return")
    (usb / f"{device}.00000002.return").write_bytes(b"not a reply")
    page.import_usb(usb)
    qtbot.waitUntil(lambda: page.usb_done == 2, timeout=20_000)
    text = page.usb_message.text()
    assert f"{device}.00000001.return" in text and f"{device}.00000002.return" in text


def test_an_urgent_record_starts_a_pass_at_once(qtbot, ctx, principal, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        _enroll(qtbot, page, bureau.enroll(tmp_path))
        controller = SyncController.of(ctx)
        assert controller is page.controller
        before = controller.passes
        from app.accounts.service import authenticate

        actor = authenticate(ctx.workspace, "zhangli", PRINCIPAL_PASSWORD)
        with ctx.workspace.action(actor, "incident.report", urgent=True) as s:
            from db.models import UserAccount

            s.add(UserAccount(username="urgent1", display_name="赵六", role="staff"))
        qtbot.waitUntil(lambda: controller.passes > before, timeout=30_000)
        wait_idle(qtbot)
        assert set(page.model.states().values()) == {"acked"}


def test_the_network_coming_back_starts_a_pass(qtbot, ctx, postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        _enroll(qtbot, page, bureau.enroll(tmp_path))
        controller = page.controller
        assert controller.reachability_source  # "qt:<backend>" or "probe"
        before = controller.passes
        controller.set_online(False)
        controller.set_online(True)
        qtbot.waitUntil(lambda: controller.passes > before, timeout=30_000)
        wait_idle(qtbot)


def test_a_notice_from_the_bureau_shows_on_the_page(qtbot, ctx, postgres_url, tmp_path):
    from app.bureau.operator import issue_notice

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        assert page.notices.item(0).text() == "暂无通知。"
        _enroll(qtbot, page, bureau.enroll(tmp_path))
        issue_notice(bureau.engine, "220105-0012", "明天上午教育局来校检查消防通道。")
        page.sync_button.click()
        qtbot.waitUntil(lambda: not page.controller.running, timeout=30_000)
        wait_idle(qtbot)
        assert "消防通道" in page.notices.item(0).text()


def test_without_a_system_network_watcher_a_probe_of_the_bureau_starts_passes(
    qtbot, ctx, postgres_url, tmp_path
):
    from app.sync.enrollment import import_enrollment, register

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        import_enrollment(ctx.workspace, bureau.enroll(tmp_path))
        register(ctx.workspace, HttpTransport(bureau.url, policy=FAST))
        controller = SyncController(ctx)
        controller.transport_factory = lambda url: HttpTransport(url, policy=FAST)
        controller.start(system_network=False)
        assert controller.reachability_source == "probe" and controller.probe_timer.isActive()
        qtbot.waitUntil(lambda: controller.overview.enrolled)
        controller.probe()  # what the minute timer does
        qtbot.waitUntil(lambda: controller.passes == 1, timeout=30_000)
        wait_idle(qtbot)
        assert controller.overview.last_sync_at is not None
    controller.probe()  # the bureau is gone: offline, no pass
    qtbot.waitUntil(lambda: controller.online is False, timeout=10_000)
    wait_idle(qtbot)
    assert controller.passes == 1
    controller.stop()


def test_the_main_window_status_bar_shows_the_last_successful_sync(
    qtbot, ctx, postgres_url, tmp_path
):
    from app.sync.enrollment import import_enrollment
    from app.sync.service import sync_pass
    from ui.main_window import MainWindow

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        import_enrollment(ctx.workspace, bureau.enroll(tmp_path))
        transport = HttpTransport(bureau.url, policy=FAST)
        assert sync_pass(ctx.workspace, transport=transport).problem == ""
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.sync.transport_factory = lambda url: HttpTransport(url, policy=FAST)
        window.show()
        window.sync.start()  # the window does this itself a moment after showing
        qtbot.waitUntil(lambda: window.sync_label.text().startswith("上次同步："))
        wait_idle(qtbot)
        assert "从未" not in window.sync_label.text()
        assert "未成功" not in window.sync_label.text()


def test_a_published_notice_says_whether_it_was_acknowledged(
    qtbot, ctx, principal, postgres_url, tmp_path
):
    import uuid

    from app.oversight.service import acknowledge_notice
    from app.sync.status import sync_overview
    from tests.app.oversight_helpers import deliver, notice

    ws = ctx.workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        page = _page(qtbot, ctx)
        _enroll(qtbot, page, bureau.enroll(tmp_path))
        asks = notice("请确认收到寒假安全通知。", ack=True)
        deliver(ws, [asks])
        page.show_overview(sync_overview(ws))
        text = page.notices.item(0).text()
        assert "寒假安全通知" in text and "请在工作台确认已阅" in text
        acknowledge_notice(ws, principal, uuid.UUID(asks["id"]))
        page.show_overview(sync_overview(ws))
        assert f"{principal.name} 已于" in page.notices.item(0).text()
        wait_idle(qtbot)
