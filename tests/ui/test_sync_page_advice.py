"""The sync page says in words what the bureau waits for, which bundle it refused, and
offers a copied data folder the way out (re-enroll as a new computer), on a 1366×768 laptop."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.exceptions import TimeoutError
from sqlalchemy import select

from app.sync.enrollment import import_enrollment, register
from app.sync.keys import device_keys
from app.sync.outgoing import outgoing_dir, pack_pending
from app.sync.service import apply_return, sync_pass
from app.sync.transport import HttpTransport
from app.workspace import Workspace
from db.models import BundleState, SyncBundle
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


def _page(qtbot, ctx) -> SyncPage:
    # No pass by itself at start (the system's network watcher would start one): the
    # page must show the state as the last return bundle left it.
    controller = SyncController.of(ctx)
    controller.transport_factory = lambda url: HttpTransport(url, policy=FAST)
    controller.start(system_network=False)
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 168 - 6, 680)
    page.show()
    wait_idle(qtbot)
    return page


def _shown(qtbot, page, words: str) -> None:
    page.controller.refresh()
    try:
        qtbot.waitUntil(lambda: words in page.advice_label.text(), timeout=20_000)
    except TimeoutError:
        assert words in page.advice_label.text()


def test_the_page_says_which_bundle_the_bureau_waits_for_and_which_wait_behind_it(
    qtbot, workspace, principal, postgres_url, tmp_path
):
    ws = workspace
    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        transport = HttpTransport(bureau.url, policy=FAST)
        import_enrollment(ws, bureau.enroll(tmp_path))
        register(ws, transport)
        acked = sync_pass(ws, transport=transport).acked_seq
        assert acked >= 1
        keys = device_keys(ws.device_id)
        make_user(ws, principal, "wangqiang", "staff")
        (first,) = pack_pending(ws, keys)
        make_user(ws, principal, "lina", "staff")
        (second,) = pack_pending(ws, keys)
        # The later bundle reaches the bureau first (a USB stick, a cut connection…).
        with ws.read() as s:
            late = s.get(SyncBundle, second)
        transport.sign_as(ws.device_id, keys.signing)
        transport.upload(
            outgoing_dir(ws) / late.file_name,
            {"name": late.file_name, "sha256": late.sha256},
            url=None,
            on_url=lambda _u: None,
            on_progress=lambda _o: None,
        )
        with ws.db.write(actor_id=None) as s:
            s.get(SyncBundle, second).state = BundleState.SENT
        apply_return(ws, transport.fetch_return(ws.device_id))

        page = _page(qtbot, context_for(ws, "zhangli", PRINCIPAL_PASSWORD))
        _shown(qtbot, page, f"等待本机的第 {first} 号包")
        text = page.advice_label.text()
        assert f"第 {acked} 号包及之前" in text
        assert f"第 {second} 号包在它后面等着" in text
        assert "立即同步" in text and "U 盘" in text
        assert not page.reenroll_button.isVisible()

        # Sync now sends the missing one: the bureau has everything.
        page.sync_button.click()
        qtbot.waitUntil(lambda: not page.controller.running, timeout=30_000)
        _shown(qtbot, page, "已收到本机的全部数据")
        assert page.overview.acked_seq >= second
        assert f"到第 {page.overview.acked_seq} 号包为止" in page.advice_label.text()


def test_a_refused_bundle_is_explained_with_the_code_to_read_to_the_bureau(qtbot, workspace):
    import_enrollment(workspace, _file(workspace))
    with workspace.db.write(actor_id=None) as s:
        from db.models import SyncEnrollment

        e = s.get(SyncEnrollment, 1)
        e.registered_at, e.acked_seq = e.imported_at, 53
        for seq, state, reason in ((54, "quarantined", "clock_skew"), (55, "sent", "")):
            s.add(
                SyncBundle(
                    seq=seq,
                    school_id=workspace.school_id,
                    file_name=f"b{seq}.bundle",
                    sha256=f"{seq:02d}" * 32,
                    size=100,
                    state=state,
                    reason=reason,
                )
            )
    page = _page(qtbot, context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    _shown(qtbot, page, "第 54 号包被教育局拒收")
    text = page.advice_label.text()
    assert "时钟" in text  # the reason in words
    assert "5454545454545454" in text  # the code the bureau's quarantine list shows
    assert "放行或退回" in text


def _file(ws):
    from tests.app.test_sync_identity import _enrollment_file

    return _enrollment_file(ws.data_dir.parent / "enroll", "220105-0012")


def test_a_copied_folder_offers_re_enrollment_from_the_keyboard_after_a_question(
    qtbot, workspace, tmp_path
):
    import_enrollment(workspace, _file(workspace))
    source = workspace.data_dir
    workspace.close()
    shutil.copytree(source, tmp_path / "copy")
    copy = Workspace.open(tmp_path / "copy")
    try:
        page = _page(qtbot, context_for(copy, "zhangli", PRINCIPAL_PASSWORD))
        _shown(qtbot, page, "副本")
        assert page.reenroll_button.isVisible() and page.reenroll_button.isEnabled()
        assert page.reenroll_button.focusPolicy() & Qt.FocusPolicy.TabFocus
        old = copy.device_id
        asked = []

        def no() -> bool:
            asked.append(1)
            return False

        page.confirm_reenroll = no
        page.reenroll_button.setFocus()
        qtbot.keyClick(page.reenroll_button, Qt.Key.Key_Space)
        wait_idle(qtbot)
        assert asked == [1] and copy.device_id == old  # "Cancel" changes nothing

        page.confirm_reenroll = lambda: True
        qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: copy.device_id != old, timeout=20_000)
        qtbot.waitUntil(lambda: not page.reenroll_button.isVisible(), timeout=20_000)
        assert "新的注册文件" in page.message.text()
        assert "新的注册文件" in page.advice_label.text()
        assert page.import_button.isEnabled()
        with copy.read() as s:
            assert s.scalars(select(SyncBundle)).all() == []
    finally:
        copy.close()


def test_the_page_with_every_sentence_fits_the_laptop_screen(
    qtbot, workspace, tmp_path, laptop_style
):
    """In the main window at 1366×728 (768 less the taskbar) nothing of the page is cut off
    and the bundle list keeps room."""
    from ui.main_window import MainWindow

    import_enrollment(workspace, _file(workspace))
    source = workspace.data_dir
    workspace.close()
    shutil.copytree(source, tmp_path / "copy")
    copy = Workspace.open(tmp_path / "copy")
    try:
        window = MainWindow(context_for(copy, "zhangli", PRINCIPAL_PASSWORD))
        qtbot.addWidget(window)
        window.resize(1366, 728)
        window.show()
        page = window.show_page("sync")
        _shown(qtbot, page, "副本")
        QApplication.processEvents()
        assert window.minimumSizeHint().height() <= 728
        assert window.minimumSizeHint().width() <= 1366
        assert window.height() <= 728 and window.width() <= 1366
        for widget in (page.advice_label, page.reenroll_button, page.sync_button, page.table):
            bottom = widget.mapTo(window, widget.rect().bottomRight())
            assert widget.isVisible() and bottom.y() <= window.height(), widget
        assert page.table.height() >= 120
        assert page.advice_label.height() >= page.advice_label.heightForWidth(
            page.advice_label.width()
        )
        wait_idle(qtbot)
    finally:
        window.close()
        copy.close()
