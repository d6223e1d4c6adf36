"""First run on a school's second PC: join with the enrollment file, receive, claim, sign in.

A real bureau on loopback (PostgreSQL). The office PC sets up the school,
reports a hazard, enrolls and syncs; an empty data folder then joins it
through the first-run wizard — over the network, or by USB after the network
failed and xiaoan was closed and opened again.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from app.accounts.joined import CLAIM, JOIN, NEW, join_stage
from app.accounts.service import authenticate
from app.hazards.service import HazardReport, report_hazard
from app.school.service import get_profile
from app.sync.service import sync_pass
from app.sync.transport import HttpTransport, RetryPolicy
from app.workspace import Workspace
from db.models import SyncEnrollment
from tests.sync_support import free_socket, running_bureau
from tests.two_way_support import FAST, enroll
from tests.ui.conftest import wait_idle
from ui.context import AppContext
from ui.hazards.page import HazardsPage
from ui.wizard.first_run import FirstRunWizard

PIN = "582914"
HAZARD = "配电箱门未上锁"


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


@pytest.fixture
def bureau(postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as b:
        yield b


@pytest.fixture
def office(workspace, principal, bureau, tmp_path):
    """The school's first PC: set up, one hazard reported, enrolled and synced."""
    net = enroll(workspace, bureau, tmp_path / "e1")
    report_hazard(workspace, principal, HazardReport(HAZARD, "fire", place="教学楼一楼"))
    assert sync_pass(workspace, transport=net).problem == ""
    return workspace


@pytest.fixture
def second(tmp_path):
    ws = Workspace.open(tmp_path / "second-pc")
    yield ws
    ws.close()


def _fast(url):
    return HttpTransport(url, policy=FAST)


def _wizard(qtbot, ws, stage=None, factory=_fast) -> FirstRunWizard:
    """``factory=None``: the wizard's own transport, as in the app."""
    wizard = FirstRunWizard(ws, stage=stage)
    wizard.joining.transport_factory = factory
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _to_join_page(wizard: FirstRunWizard) -> None:
    wizard.welcome.join.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.joining


def _claim_and_sign_in(qtbot, wizard: FirstRunWizard, ws) -> None:
    """On "Who are you?": the principal sets a PIN; then the hazard list of the signed-in
    principal shows the office's hazard."""
    claim = wizard.claim
    qtbot.waitUntil(lambda: claim.loaded, timeout=10_000)
    assert claim.account.count() == 1 and "张丽" in claim.account.currentText()
    assert "校长" in claim.account.currentText()
    claim.secret.kind.setCurrentIndex(claim.secret.kind.findData("pin"))
    claim.secret.secret.setText(PIN)
    claim.secret.confirm.setText(PIN)
    with qtbot.waitSignal(wizard.accepted, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.actor is not None and wizard.actor.role == "principal"
    assert wizard.username() == "zhangli"
    assert join_stage(ws) is None
    assert authenticate(ws, "zhangli", PIN).user_id == wizard.actor.user_id  # normal sign-in

    page = HazardsPage(AppContext(ws, wizard.actor, get_profile(ws)))
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.pages >= 1, timeout=10_000)
    assert HAZARD in [r.title for r in page.model.rows()]


def test_a_second_pc_joins_over_the_network_and_its_principal_signs_in(
    qtbot, office, bureau, second, tmp_path
):
    wizard = _wizard(qtbot, second, factory=None)
    _to_join_page(wizard)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    seen: list = []
    wizard.joining._relay.progress.connect(seen.append)
    path = bureau.enroll(tmp_path / "e2")
    wizard.joining.choose_file = lambda: path  # what the file dialog answers
    wizard.joining.browse.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.claim, timeout=60_000)
    receiving = [p for p in seen if p.stage == "receiving"]
    assert receiving and receiving[-1].sent == receiving[-1].total
    assert wizard.joining.bar.value() == wizard.joining.bar.maximum()
    assert wizard.joining.status.text() == "学校的记录已全部收到。"
    qtbot.waitUntil(lambda: wizard.claim.loaded, timeout=10_000)
    wizard.reject()  # closed before choosing: the next start asks "Who are you?"

    assert join_stage(second) == CLAIM
    wizard = _wizard(qtbot, second, stage=CLAIM)
    assert wizard.currentPage() is wizard.claim
    assert wizard.claim.title() == "您是哪位？"
    _claim_and_sign_in(qtbot, wizard, second)


def _bureau_cli(bureau, *args: str) -> int:
    from app.bureau.cli import main as bureau_main

    return bureau_main(["--key-dir", str(bureau.key_dir), "--db", bureau.db_url, *args])


def test_without_network_it_explains_closes_resumes_and_joins_by_usb(
    qtbot, office, bureau, second, tmp_path
):
    dead = free_socket()  # bound, never listening: nothing answers there
    nowhere = f"http://127.0.0.1:{dead.getsockname()[1]}"
    offline = RetryPolicy(attempts=1, timeout=2, wait_initial=0.01, wait_max=0.01)

    def no_network(_url):
        return HttpTransport(nowhere, policy=offline)

    wizard = _wizard(qtbot, second, factory=no_network)
    _to_join_page(wizard)
    wizard.joining.path.setText(str(bureau.enroll(tmp_path / "e2")))  # typed in
    wizard.joining.join_button.click()
    qtbot.waitUntil(lambda: wizard.joining.passes == 1, timeout=30_000)
    assert wizard.currentPage() is wizard.joining
    assert wizard.joining.message.text().startswith("未能从教育局获取学校的记录")
    assert wizard.joining.usb.isVisible() and wizard.joining.retry_button.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()  # closed for now
    wait_idle(qtbot)

    # Opened again (still no network): back on the join step, not on a new school.
    assert join_stage(second) == JOIN
    wizard = _wizard(qtbot, second, stage=JOIN, factory=no_network)
    assert wizard.currentPage() is wizard.joining
    qtbot.waitUntil(lambda: wizard.joining.passes == 1, timeout=30_000)  # tried again
    dead.close()
    joining = wizard.joining
    stick, replies = tmp_path / "stick", tmp_path / "replies"
    joining.export_usb(stick)
    qtbot.waitUntil(lambda: not joining.running, timeout=10_000)
    assert (stick / f"{second.device_id}.register").exists()
    assert str(stick) in joining.status.text()
    assert _bureau_cli(bureau, "import-usb", str(stick)) == 0
    assert _bureau_cli(bureau, "export-returns", str(replies), "--school-code", "220105-0012") == 0
    joining.choose_folder = lambda _title: replies
    joining.import_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.claim, timeout=30_000)
    assert join_stage(second) == CLAIM
    _claim_and_sign_in(qtbot, wizard, second)


def _unchanged(ws: Workspace) -> None:
    assert ws.school_id is None and join_stage(ws) == NEW and get_profile(ws) is None
    with ws.read() as s:
        assert s.get(SyncEnrollment, 1) is None


def test_an_unreadable_file_or_one_of_a_school_not_on_xiaoan_changes_nothing(
    qtbot, bureau, second, tmp_path
):
    wizard = _wizard(qtbot, second)
    _to_join_page(wizard)
    joining = wizard.joining
    garbage = tmp_path / "photo.enroll.json"
    garbage.write_bytes(b"\x89PNG not an enrollment file")
    joining.path.setText(str(garbage))
    joining.join_button.click()
    wait_idle(qtbot)
    assert "不是教育局下发的有效注册文件" in joining.message.text() and joining.message.isVisible()
    _unchanged(second)

    # A school whose first PC never registered: its file names no school to join.
    fresh = bureau.enroll(tmp_path / "e3", code="220105-0077", name="红旗小学")
    joining.path.setText(str(fresh))
    joining.join_button.click()
    wait_idle(qtbot)
    assert joining.message.text().startswith("这个注册文件所属的学校还没有在任何电脑上使用校安")
    _unchanged(second)
    # Still free to go back and set up a new school instead.
    assert wizard.button(QWizard.WizardButton.BackButton).isVisible()
    wizard.back()
    assert wizard.welcome.new_school.isEnabled()


def test_stop_ends_the_pass_keeps_the_step_and_try_again_finishes_it(
    qtbot, office, bureau, second, tmp_path
):
    import threading

    release = threading.Event()

    class SlowLine(HttpTransport):
        def register(self, payload):  # worker thread: held until the test lets go
            release.wait(20)
            return super().register(payload)

    wizard = _wizard(qtbot, second, factory=lambda url: SlowLine(url, policy=FAST))
    _to_join_page(wizard)
    joining = wizard.joining
    joining.path.setText(str(bureau.enroll(tmp_path / "e2")))
    joining.join_button.click()
    qtbot.waitUntil(lambda: joining.imported and joining.stop_button.isVisible(), timeout=10_000)
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    joining.stop_button.click()
    release.set()
    qtbot.waitUntil(lambda: joining.passes == 1, timeout=30_000)
    assert joining.message.text() == "已停止。已收到的内容不会丢失。"
    assert wizard.currentPage() is joining and join_stage(second) == JOIN
    joining.retry_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.claim, timeout=60_000)


def test_the_start_up_reads_where_a_first_run_stands(tmp_path):
    from ui.gui import _open

    ws, profile, stage = _open(tmp_path / "fresh")
    try:
        assert profile is None and stage == NEW  # the wizard opens on its welcome page
    finally:
        ws.close()
