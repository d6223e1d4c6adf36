"""Times people read are on the school's clock, and each place says "never" in its own words.

The scan walks ``ui/``: a time is formatted through :mod:`ui.formatting` or
on ``.astimezone(SCHOOL_TZ)``; nothing reads the machine's own clock or
time zone (``date.today()``, ``datetime.now()`` without a zone,
``QDate.currentDate()``, ``QDateTime.currentDateTime()`` without a zone).
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from app.backup.service import BackupInfo
from app.sync.status import SyncOverview
from tests.helpers import PRINCIPAL_PASSWORD
from tests.ui.helpers import context_for
from ui.formatting import format_time
from ui.settings.backups_model import BackupsModel

ROOT = Path(__file__).resolve().parents[2]
ON_SCHOOL_CLOCK = {"school_time", "school_clock"}
MACHINE_CLOCK = {
    ("date", "today"),
    ("datetime", "now"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
}


def _on_school_clock(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name) and func.id in ON_SCHOOL_CLOCK:
        return True
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "astimezone"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and node.args[0].id in {"SCHOOL_TZ", "BEIJING"}
    )


def machine_times(root: Path) -> list[str]:
    found = []
    for path in sorted((root / "ui").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel == "ui/formatting.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            func = node.func
            if func.attr == "strftime" and not _on_school_clock(func.value):
                found.append(f"{rel}:{node.lineno} strftime off the school clock")
            owner = func.value.id if isinstance(func.value, ast.Name) else None
            if (owner, func.attr) in MACHINE_CLOCK and not node.args:
                found.append(f"{rel}:{node.lineno} {owner}.{func.attr}() reads the machine's zone")
    return found


def test_every_time_shown_is_on_the_school_clock():
    assert machine_times(ROOT) == []


def test_the_scan_catches_a_machine_time(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "x.py").write_text(
        "a = when.strftime('%H:%M')\n"
        "b = when.astimezone(SCHOOL_TZ).strftime('%H:%M')\n"
        "c = QDate.currentDate()\n"
        "d = datetime.now()\n"
        "e = datetime.now(UTC)\n"
    )
    assert [f.split()[0] for f in machine_times(tmp_path)] == [
        "ui/x.py:1",
        "ui/x.py:3",
        "ui/x.py:4",
    ]


def test_backups_are_listed_in_beijing_time(qtbot):
    model = BackupsModel()
    made = datetime(2026, 11, 23, 22, 30, 5, tzinfo=UTC)  # 06:30 the next morning in the school
    model.set_backups([BackupInfo(Path("/d/backups/xiaoan-x.sqlite3"), 4096, made)])
    assert model.index(0, 0).data() == "2026-11-24 06:30:05"


def test_a_missing_time_is_said_by_its_caller():
    assert format_time(None) == "—"
    assert format_time(None, never="尚无") == "尚无"
    assert format_time(datetime(2026, 11, 23, 22, 5, tzinfo=UTC)) == "2026-11-24 06:05"


def test_never_synced_does_not_read_never_backed_up(qtbot, workspace):
    from ui.main_window import MainWindow
    from ui.sync.controller import status_text

    overview = SyncOverview(enrolled=True, registered=True)
    assert overview.last_sync_at is None
    assert status_text(overview) == "尚未同步"
    window = MainWindow(context_for(workspace, "zhangli", PRINCIPAL_PASSWORD))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.backup_label.text() != "")
    assert window.backup_label.text() == "尚无备份"
    page = window.show_page("sync")
    page.show_overview(overview)
    assert page.last_sync_label.text() == "尚未与教育局同步过"
    assert "备份" not in page.last_sync_label.text()
