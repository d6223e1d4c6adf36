"""Every window fits the school's laptop: 1366×768 or 1280×720, less a 40-pixel taskbar.

The check runs in a child process whose Qt has one screen of exactly the
available area (the offscreen platform's ``configfile``): 1366×728 and
1280×680. There the main window shows every page and every dialog of
:data:`DIALOGS` is opened over it on the demo school, and no window frame
and no visible widget may lie outside the screen. Content scrolled inside a
scroll area is reachable and not counted; a window whose layout needs more
room than the screen has cannot be shrunk and fails.

:data:`DIALOGS` must name every dialog class under ``ui/``: a new dialog
fails :func:`test_every_dialog_is_in_the_list` until it is added (with a
way to build it) and so checked here.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QWidget

from app.demo import PRINCIPAL
from tests.ui.conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]
SIZES = {"1366x768": QSize(1366, 728), "1280x720": QSize(1280, 680)}  # less the taskbar
INNER = "XIAOAN_SCREEN_FIT"  # set in the child process: "<width>x<height>"


@dataclasses.dataclass
class Env:
    """What the dialogs are built from: the principal's window over the demo school."""

    window: Any
    ctx: Any
    today: Any
    now: datetime


def _page(env: Env, key: str):
    return env.window.page(key)


def _drill_editor(env: Env):
    from app.drills.queries import list_drills
    from ui.drills.editor import DrillEditor

    drill = max(list_drills(env.ctx.workspace), key=lambda d: d.photo_count)
    return DrillEditor(env.ctx, drill.id, _page(env, "drills"))


def _photo_view(env: Env):
    from ui.drills.photo_view import PhotoView

    editor = _drill_editor(env)
    editor.show()
    _wait(lambda: editor.loaded and editor.grid.refs())
    editor.hide()
    return PhotoView(editor, env.ctx.workspace.data_dir, editor.grid.refs(), 0)


def _staff_list(env: Env):
    return _page(env, "roster").staff


def _people(env: Env):
    from app.staff.people import list_people

    return list_people(env.ctx.workspace, env.ctx.actor)


def _failed_items(count: int) -> list:
    """Failed items as the finalize dialog lists them: long notes and spots, one major."""
    import uuid

    from ui.inspections.dialogs import FailedItem

    return [
        FailedItem(
            uuid.uuid4(),
            n + 1,
            "安全出口、疏散通道畅通，无堆放杂物，疏散指示标志和应急照明完好有效",
            "二楼东侧安全出口堆放课桌，通道宽度不足 1 米",
            "教学楼二楼东侧安全出口",
            "major" if n == 0 else "general",
        )
        for n in range(count)
    ]


def _dialogs() -> dict[str, tuple[Callable[[Env], QDialog], Callable[[QDialog], bool] | None]]:
    """ "module:Class" → (build it over the window, when it has loaded what it shows)."""
    from app.inspections.people import active_people
    from app.school.terms import get_terms

    def ready(attr: str) -> Callable[[QDialog], bool]:
        return lambda d: bool(getattr(d, attr))

    return {
        "ui.drills.editor:DrillEditor": (_drill_editor, ready("loaded")),
        "ui.drills.hazard_dialog:HazardChoiceDialog": (
            lambda e: _mod("ui.drills.hazard_dialog").HazardChoiceDialog(
                e.window, "疏散时三楼东侧楼梯拥挤，有学生被推倒", "fire"
            ),
            None,
        ),
        "ui.drills.photo_view:PhotoView": (_photo_view, lambda d: d.loaded >= 1),
        "ui.drills.terms_dialog:TermsDialog": (
            lambda e: _mod("ui.drills.terms_dialog").TermsDialog(
                e.window, get_terms(e.ctx.workspace), e.today
            ),
            None,
        ),
        "ui.oversight.panel:ReplyDialog": (
            lambda e: _mod("ui.oversight.panel").ReplyDialog(e.window, _order(e.today), e.today),
            None,
        ),
        "ui.duty.handover_page:FindingDialog": (
            lambda e: _mod("ui.duty.handover_page").FindingDialog(e.window),
            None,
        ),
        "ui.duty.identity_dialog:IdentityDialog": (
            lambda e: _mod("ui.duty.identity_dialog").IdentityDialog(
                e.window, e.ctx.workspace, e.ctx.actor.user_id, e.ctx.actor.name
            ),
            None,
        ),
        "ui.duty.roster_dialogs:DutyTypeDialog": (
            lambda e: _mod("ui.duty.roster_dialogs").DutyTypeDialog(e.window),
            None,
        ),
        "ui.duty.roster_dialogs:HolidayDialog": (
            lambda e: _mod("ui.duty.roster_dialogs").HolidayDialog(e.window, e.today),
            None,
        ),
        "ui.duty.roster_dialogs:RotationDialog": (
            lambda e: _mod("ui.duty.roster_dialogs").RotationDialog(
                e.window, _page(e, "roster").types, _staff_list(e), e.today, e.today
            ),
            None,
        ),
        "ui.grid.dialogs:AssignDialog": (
            lambda e: _mod("ui.grid.dialogs").AssignDialog(
                e.window, "学生宿舍", _page(e, "grid").staff, e.today
            ),
            None,
        ),
        "ui.grid.dialogs:LetterDialog": (
            lambda e: _mod("ui.grid.dialogs").LetterDialog(
                e.window, _page(e, "grid").staff, e.today
            ),
            None,
        ),
        "ui.grid.dialogs:PostDialog": (
            lambda e: _mod("ui.grid.dialogs").PostDialog(e.window),
            None,
        ),
        "ui.grid.dialogs:ZoneDialog": (
            lambda e: _mod("ui.grid.dialogs").ZoneDialog(e.window),
            None,
        ),
        "ui.hazards.dialogs:MonitorDialog": (
            lambda e: _mod("ui.hazards.dialogs").MonitorDialog(e.window),
            None,
        ),
        "ui.hazards.dialogs:NoteDialog": (
            lambda e: _mod("ui.hazards.dialogs").NoteDialog(
                e.window, "复查销号", "复查意见", "复查人不能是整改人。"
            ),
            None,
        ),
        "ui.hazards.dialogs:PlanDialog": (
            lambda e: _mod("ui.hazards.dialogs").PlanDialog(
                e.window, active_people(e.ctx.workspace, e.ctx.actor), e.today
            ),
            None,
        ),
        "ui.hazards.dialogs:RectifyDialog": (
            lambda e: _mod("ui.hazards.dialogs").RectifyDialog(e.window, e.ctx),
            None,
        ),
        "ui.incidents.dialogs:CloseDialog": (
            lambda e: _mod("ui.incidents.dialogs").CloseDialog(e.window),
            None,
        ),
        "ui.incidents.dialogs:IncidentEditor": (
            lambda e: _mod("ui.incidents.dialogs").IncidentEditor(e.window, e.now),
            None,
        ),
        "ui.incidents.dialogs:PersonDialog": (
            lambda e: _mod("ui.incidents.dialogs").PersonDialog(e.window),
            None,
        ),
        "ui.incidents.dialogs:ReportDialog": (
            lambda e: _mod("ui.incidents.dialogs").ReportDialog(
                e.window, "书面报告", e.now, summary_needed=True
            ),
            None,
        ),
        "ui.inspections.dialogs:CorrectionDialog": (
            lambda e: _mod("ui.inspections.dialogs").CorrectionDialog(e.window),
            None,
        ),
        "ui.inspections.dialogs:CountersignDialog": (
            lambda e: _mod("ui.inspections.dialogs").CountersignDialog(
                e.window, "张丽", "领导每日巡查校园 2026-11-23"
            ),
            None,
        ),
        "ui.inspections.dialogs:FinalizeDialog": (
            lambda e: _mod("ui.inspections.dialogs").FinalizeDialog(
                e.window, "张丽", 183, _failed_items(12)
            ),
            None,
        ),
        "ui.inspections.dialogs:NewInspectionDialog": (
            lambda e: _mod("ui.inspections.dialogs").NewInspectionDialog(e.window, e.ctx),
            ready("ready"),
        ),
        "ui.login.dialog:LoginDialog": (
            lambda e: _mod("ui.login.dialog").LoginDialog(e.ctx.workspace, e.ctx.school.name),
            ready("choices_loaded"),
        ),
        "ui.reports.preview:PrintPreviewDialog": (
            lambda e: _mod("ui.reports.preview").open_print_preview(
                e.ctx, e.window, "inspection", "latest"
            ),
            ready("ready"),
        ),
        "ui.shell.lock:LockScreen": (
            lambda e: _mod("ui.shell.lock").LockScreen(
                e.ctx.workspace, e.ctx.actor, PRINCIPAL[0], e.window
            ),
            None,
        ),
        "ui.shell.shortcuts:ShortcutsSheet": (
            lambda e: _mod("ui.shell.shortcuts").ShortcutsSheet(e.window, e.window.current_page()),
            None,
        ),
        "ui.settings.profile_dialog:SchoolProfileDialog": (
            lambda e: _mod("ui.settings.profile_dialog").SchoolProfileDialog(e.ctx, e.window),
            None,
        ),
        "ui.staff.dialogs:LeaveDialog": (
            lambda e: _mod("ui.staff.dialogs").LeaveDialog(e.window, "王强", e.today),
            None,
        ),
        "ui.staff.dialogs:MergeDialog": (
            lambda e: _mod("ui.staff.dialogs").MergeDialog(
                e.window, _people(e)[0], _people(e)[1:], lambda *_a: None
            ),
            None,
        ),
        "ui.staff.dialogs:PersonDialog": (
            lambda e: _mod("ui.staff.dialogs").PersonDialog(
                e.window, lambda _f: None, _people(e)[0], logins=True
            ),
            None,
        ),
        "ui.users.dialogs:LoginDialog": (
            lambda e: _mod("ui.users.dialogs").LoginDialog(e.window, "钱师傅", lambda _f: None),
            None,
        ),
        "ui.users.dialogs:SavingDialog": (
            lambda e: _mod("ui.users.dialogs").SavingDialog(e.window),
            None,
        ),
        "ui.users.dialogs:SecretDialog": (
            lambda e: _mod("ui.users.dialogs").SecretDialog(e.window, "王强", lambda *_a: None),
            None,
        ),
        "ui.wizard.first_run:FirstRunWizard": (_join_wizard, None),
    }


def _join_wizard(env: Env):
    """The first-run wizard on its fullest page: joining, the network failed, USB offered.

    (A wizard is as large as its largest page, the welcome page included.)"""
    from ui.wizard.first_run import JOIN_PAGE, FirstRunWizard

    wizard = FirstRunWizard(env.ctx.workspace)
    joining = wizard.joining
    joining.sync = lambda: None  # no pass: the demo school is not enrolled
    joining.imported, joining.passes = True, 1
    wizard.setStartId(JOIN_PAGE)
    joining._show_state()
    joining.status.setText(
        "申请已写入 D:\\校安\\U盘\\同步文件夹。请送到教育局。拿到教育局的答复后，点击"
        "“读取教育局的答复”。期间可以关闭校安，下次打开时会回到这一步。"
    )
    joining.message.show_error(
        "未能从教育局获取学校的记录。请检查网络后点击“重试”，或按下面的说明用U盘传送。"
    )
    return wizard


def _order(today):
    """A supervision order as the bureau sends one (the longest texts it allows are rarer)."""
    import uuid
    from datetime import UTC, datetime, timedelta

    from app.oversight.service import Order

    return Order(
        id=uuid.uuid4(),
        subject="hazard",
        hazard_id=uuid.uuid4(),
        hazard_ref="YH20261103-55A0FD",
        hazard_title="老教学楼北墙出现裂缝，长约 1.2 米",
        duty="",
        deadline=today + timedelta(days=10),
        text="重大隐患整改进度滞后，请于期限内完成整改并书面回复整改措施、资金来源和完成时间。",
        published_at=datetime.now(UTC),
    )


def _mod(name: str):
    return importlib.import_module(name)


def dialog_classes() -> set[str]:
    """Every public QDialog subclass defined in a module under ui/."""
    import ui

    found = set()
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            defined_here = cls.__module__ == module.__name__
            if defined_here and issubclass(cls, QDialog) and not name.startswith("_"):
                found.add(f"{module.__name__}:{name}")
    return found


def test_every_dialog_is_in_the_list():
    """A new dialog must be added to DIALOGS, so that the screen-fit check opens it."""
    listed = set(_dialogs())
    found = dialog_classes()
    assert found - listed == set(), "dialogs missing from DIALOGS"
    assert listed - found == set(), "DIALOGS names classes that no longer exist"


# -- the check, in a child process with a laptop-sized screen ---------------------------------


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory, module_user_dirs, demo_template):
    path = tmp_path_factory.mktemp("fit") / "school"
    demo_template.copy_to(path)
    return path


@pytest.mark.parametrize("screen", sorted(SIZES))
def test_every_window_and_dialog_fits_the_laptop_screen(screen, demo_dir, tmp_path):
    if os.environ.get(INNER):
        pytest.skip("the child process runs the check itself")
    area = SIZES[screen]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "laptop", "x": 0, "y": 0, "width": area.width(),
                     "height": area.height(), "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
                ]
            }
        )
    )  # fmt: skip
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        XIAOAN_SCREEN_FIT=f"{area.width()}x{area.height()}",
        XIAOAN_SCREEN_FIT_DEMO=str(demo_dir),
        # The demo's database key is in this process's key folder.
        XIAOAN_SCREEN_FIT_CONFIG=os.environ["XIAOAN_CONFIG_DIR"],
    )
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         f"{Path(__file__).relative_to(ROOT)}::test_inside_a_laptop_screen"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=280,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]
    assert "1 passed" in run.stdout


def _wait(condition: Callable[[], Any], timeout_ms: int = 30_000) -> None:
    """Serve events until ``condition()`` holds (QTest's wait, as qtbot's own waits use:
    PySide's ``processEvents`` overloads corrupt ``None``'s reference count when
    called in a loop)."""
    from PySide6.QtCore import QDeadlineTimer
    from PySide6.QtTest import QTest

    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        assert not deadline.hasExpired(), "timed out"
        QTest.qWait(10)


def _settle() -> None:
    """Let queued work (the screen-fit filter's second look) run."""
    from PySide6.QtTest import QTest

    QTest.qWait(0)


def _in_scrolled_content(widget: QWidget) -> bool:
    """Inside a scroll area's viewport: reached by scrolling, not by the screen's size."""
    w = widget
    while w is not None and not w.isWindow():
        parent = w.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and w is parent.viewport():
            return True
        w = parent
    return False


def outside(window: QWidget, area: QRect) -> list[str]:
    """Where ``window`` or a visible widget in it lies outside ``area``."""
    name = f"{type(window).__name__} «{window.windowTitle()}»"
    problems = []
    frame = window.frameGeometry()
    if not area.contains(frame):
        problems.append(f"{name}: window {frame.getRect()} outside {area.getRect()}")
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window or _in_scrolled_content(w):
            continue
        rect = QRect(w.mapToGlobal(QPoint(0, 0)), w.size())
        if not area.contains(rect):
            label = w.objectName() or type(w).__name__
            problems.append(f"{name}: {label} {rect.getRect()} outside {area.getRect()}")
    return problems[:5]


def test_inside_a_laptop_screen(qtbot, memory_keyring, monkeypatch):
    """Runs in the child process only (see the test above)."""
    size = os.environ.get(INNER)
    if not size:
        pytest.skip("runs in a child process with a laptop-sized screen")
    monkeypatch.setenv("XIAOAN_CONFIG_DIR", os.environ["XIAOAN_SCREEN_FIT_CONFIG"])
    from app.hazards.service import school_today
    from app.workspace import Workspace
    from tests.ui.helpers import context_for
    from ui.gui import _set_up
    from ui.main_window import MainWindow

    app = QApplication.instance()
    _set_up(app)  # the app's own start-up: style, fonts and the screen-fit filter
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert f"{area.width()}x{area.height()}" == size  # the configured laptop screen
    ws = Workspace.open(Path(os.environ["XIAOAN_SCREEN_FIT_DEMO"]))
    try:
        window = MainWindow(context_for(ws, PRINCIPAL[0], PRINCIPAL[2]))
        qtbot.addWidget(window)
        window.show()
        problems: list[str] = []
        for key in window.page_keys():
            window.show_page(key)
            wait_idle(qtbot)
            _settle()
            problems += [f"page {key}: {p}" for p in outside(window, area)]
        env = Env(window, window.ctx, school_today(), datetime.now(UTC))
        for name, (build, loaded) in sorted(_dialogs().items()):
            dialog = build(env)
            dialog.show()
            if loaded is not None:
                _wait(lambda d=dialog, f=loaded: f(d))
            wait_idle(qtbot)
            _settle()
            problems += [f"{name}: {p}" for p in outside(dialog, area)]
            closer = getattr(dialog, "dismiss", None) or dialog.reject
            closer()
            dialog.deleteLater()
            wait_idle(qtbot)
        assert problems == [], "\n".join(problems)
    finally:
        wait_idle(qtbot)
        ws.close()


# -- the preview and the main window remember their size; the preview shows page 1 ---------------


def _ink(image) -> int:
    """Sampled pixels darker than paper: printed text and lines."""
    return sum(
        1
        for x in range(0, image.width(), 6)
        for y in range(0, image.height(), 6)
        if QColor(image.pixel(x, y)).lightness() < 160
    )


@pytest.fixture
def demo_ctx(demo_dir, memory_keyring):
    from app.workspace import Workspace
    from tests.ui.helpers import context_for

    ws = Workspace.open(demo_dir)
    yield context_for(ws, PRINCIPAL[0], PRINCIPAL[2])
    from ui import operations

    operations.wait_all()
    ws.close()


def test_the_preview_fits_shows_page_one_at_once_and_remembers_its_size(qtbot, demo_ctx):
    from PySide6.QtPdfWidgets import QPdfView

    from app.preferences import window_size
    from ui.reports.preview import open_print_preview

    area = QGuiApplication.primaryScreen().availableGeometry()
    dialog = open_print_preview(demo_ctx, None, "inspection", "latest")
    qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
    assert area.contains(dialog.frameGeometry())
    assert dialog.height() < 900  # the old fixed 820×900 did not fit this screen
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert dialog.view.verticalScrollBar().value() == 0
    assert dialog.view.pageNavigator().currentPage() == 0
    assert _ink(dialog.view.viewport().grab().toImage()) > 50  # page 1 is there, not blank

    dialog.resize(760, 560)  # above the dialog's minimum (its buttons' row)
    dialog.close()
    assert window_size("print-preview") == type(window_size("print-preview"))(760, 560, False)
    again = open_print_preview(demo_ctx, None, "inspection", "latest")
    qtbot.waitUntil(lambda: again.ready, timeout=30_000)
    assert again.size() == QSize(760, 560)
    again.close()


def test_the_main_window_fits_and_comes_back_maximised(qtbot, demo_ctx):
    from ui.main_window import MainWindow

    area = QGuiApplication.primaryScreen().availableGeometry()
    window = MainWindow(demo_ctx)
    window.show()
    assert area.contains(window.frameGeometry())  # 1280×800 did not fit this screen
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.close()
    wait_idle(qtbot)
    window.deleteLater()

    again = MainWindow(demo_ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.isMaximized()
    wait_idle(qtbot)
