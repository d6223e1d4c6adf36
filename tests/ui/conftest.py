"""UI tests run in Chinese (the default language) with the catalog compiled fresh."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ui import operations

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "xiaoan_zh_CN.ts"


def lrelease() -> str:
    exe = Path(sys.executable).parent / "pyside6-lrelease"
    return str(exe) if exe.exists() else (shutil.which("pyside6-lrelease") or "pyside6-lrelease")


@pytest.fixture(scope="session")
def zh_translations(qapp, tmp_path_factory):
    """Compile the .ts into a temp folder and install it with Qt's own Chinese catalog."""
    from ui.i18n import install_translators

    out = tmp_path_factory.mktemp("qm")
    subprocess.run(
        [lrelease(), "-silent", str(TS), "-qm", str(out / "xiaoan_zh_CN.qm")], check=True
    )
    loaded = install_translators("zh_CN", out)
    assert any(p.endswith("xiaoan_zh_CN.qm") for p in loaded)
    yield
    install_translators("en")


@pytest.fixture(scope="session", autouse=True)
def _garbage_on_the_ui_thread(qapp):
    """As in the app (ui.gui): cycles holding Qt objects are freed on the UI thread only."""
    from ui.garbage import collect_on_ui_thread

    collector = collect_on_ui_thread(qapp)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def _chinese_and_quiet(zh_translations, qtbot, qapp):
    """Every UI test: Chinese UI, and no background work left running afterwards.

    A test that runs the app's start-up installs its application-wide screen-fit
    filter; it is taken off again so that later tests size their windows freely.
    """
    yield
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    operations.wait_all()
    gc.collect(0)  # this test's cycles (young: nothing collects automatically), on this thread
    from ui.shell.geometry import ScreenFit

    for fit in qapp.findChildren(ScreenFit):
        qapp.removeEventFilter(fit)
        fit.setParent(None)
        fit.deleteLater()


def wait_idle(qtbot) -> None:
    """Wait until every background operation has delivered its result."""
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)


@pytest.fixture
def laptop_style(qapp):
    """The app's own font and style, as on the school's laptop; restored afterwards."""
    from ui.style import apply_style

    font, style, sheet = qapp.font(), qapp.style().name(), qapp.styleSheet()
    apply_style(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setFont(font)
