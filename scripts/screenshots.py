"""Screenshots of the real windows for the README: ``python scripts/screenshots.py OUTDIR``.

Runs the app's own windows on xcb under Xvfb on a 1366×768 screen (a school
laptop; the windows get the 1366×728 a taskbar leaves), re-executing itself
through ``xvfb-run`` when there is no display, with keyring's fail backend
(no OS keyring, as on most school PCs). First a newcomer's path on an empty
data folder: first-run-wizard.png (the school's details),
first-run-mismatch.png (the password confirmation mistyped: refused, nothing
saved), login.png, newcomer-finalize.png (today's patrol with one failed item
being finalized: graded and signed on the pad), newcomer-plan.png (the
hazard it raised being planned), print-preview.png (its inspection form,
digitally signed by the principal). Then a fresh demo school, signed in as the
demo principal through the real password check, saved with
``QWidget.grab()``: main-window.png (dashboard), users.png (staff and logins),
settings.png, shortcuts.png (F1), lock.png (the idle lock),
inspection.png (a patrol being answered), hazard-ledger.png (the ledger with
a hazard's history), drills.png (the drills page with its cadence status),
drill-editor.png (a drill being written up, photos imported), grid.png (the
responsibility grid with an unassigned zone), grid-letters.png (this year's
responsibility letters, one not signed yet), roster.png (this month's duty
calendar with gaps), handover.png (a handover both people signed), sync.png
(the sync page after a pass to a loopback bureau on a temporary SQLite
database), sync-waiting.png (the bureau holds a later bundle and waits for the
one before it: the page says which, and what to do), sync-copy.png (the data
folder seen as a copy of another: re-enroll it as a new computer), dashboard.png
(the 工作台 with its first line chosen), dashboard-oversight.png (the
bureau's supervision order and a notice to acknowledge at the top of the 工作台,
brought by a sync), monthly-report.png (last month's
report being signed) and incident.png (reporting clocks running). The
user's own preferences, data and keyring are never touched (temporary folders
for everything).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = "XIAOAN_SCREENSHOTS_UNDER_XVFB"
SCREEN = (1366, 768)
SIZE = (1366, 728)  # what a 1366×768 laptop's taskbar leaves


def reexec_under_xvfb(outdir: Path) -> int:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        print("xvfb-run not found: install xvfb (make system does)", file=sys.stderr)
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", **{CHILD: "1"})
    cmd = [
        xvfb_run,
        "-a",
        "-s",
        f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
        sys.executable,
        __file__,
        str(outdir),
    ]
    return subprocess.run(cmd, env=env).returncode


def wait(app, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # let layouts settle and paint
        app.processEvents()


def save(widget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path}")


def main(outdir: Path) -> int:
    if os.environ.get(CHILD) != "1" and not os.environ.get("DISPLAY"):
        return reexec_under_xvfb(outdir)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.path.insert(0, str(ROOT))
    outdir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="xiaoan-shots-"))
    os.environ["XIAOAN_CONFIG_DIR"] = str(tmp / "config")
    os.environ["XIAOAN_LANG"] = "zh_CN"
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # no OS keyring: keys go to 0600 files in tmp
    try:
        return shoot(outdir, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compiled_catalog(tmp: Path) -> Path:
    """The compiled catalog: the built one, or one compiled now from the .ts."""
    from app.paths import resources_dir

    built = resources_dir() / "i18n"
    if (built / "xiaoan_zh_CN.qm").exists():
        return built
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    out = tmp / "qm"
    out.mkdir()
    subprocess.run(
        [str(lrelease), "-silent", str(built / "xiaoan_zh_CN.ts"), "-qm", str(out / "xiaoan_zh_CN.qm")],
        check=True,
    )  # fmt: skip
    return out


def shoot(outdir: Path, tmp: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from app.accounts.service import authenticate
    from app.demo import build_demo
    from app.school.service import get_profile
    from app.workspace import Workspace
    from ui import operations
    from ui.i18n import install_translators
    from ui.shell.session import Shell
    from ui.style import apply_style

    app = QApplication([sys.argv[0]])
    app.setApplicationName("xiaoan")
    apply_style(app)
    install_translators("zh_CN", compiled_catalog(tmp))

    from screenshots_newcomer import shoot_newcomer

    shoot_newcomer(app, outdir, tmp)

    # The demo school, signed in as its principal.
    info = build_demo(tmp / "demo")
    ws = Workspace.open(info.data_dir)
    profile = get_profile(ws)
    actor = authenticate(ws, info.principal_username, info.principal_secret)
    shell = Shell(ws)
    window = shell.start(actor, profile, info.principal_username)
    window.resize(*SIZE)
    backup = shell.auto_backup
    dashboard = window.page("dashboard")
    wait(app, lambda: backup.runs >= 1 and not operations.busy())
    dashboard.refresh()
    wait(app, lambda: dashboard.loads >= 2 and not operations.busy())
    save(window, outdir / "main-window.png")
    shoot_dashboard(app, window, outdir)

    users = window.show_page("staff")  # people and their logins
    wait(app, lambda: users.loads >= 1 and not operations.busy())
    users.table.selectRow(1)
    wait(app, lambda: True)
    save(window, outdir / "users.png")

    settings = window.show_page("settings")
    wait(app, lambda: settings.loads >= 1 and not operations.busy())
    save(window, outdir / "settings.png")
    shoot_shortcuts(app, window, outdir)
    shoot_lock(app, shell, window, outdir)

    shoot_inspection(app, window, outdir, tmp)
    shoot_ledger(app, window, outdir)
    shoot_drills(app, window, outdir, tmp)
    shoot_grid(app, window, outdir)
    shoot_roster(app, window, outdir)
    shoot_handover(app, window, outdir)
    from screenshots_sync import shoot_sync

    shoot_sync(app, window, outdir, tmp)
    shoot_monthly(app, window, outdir)
    shoot_incidents(app, window, outdir)

    shell.shutdown()
    window.close()
    operations.wait_all()
    ws.close()
    return 0


def shoot_shortcuts(app, window, outdir: Path) -> None:
    """F1 on the dashboard: every key of the window and of the page."""
    window.show_page("dashboard")
    window.show_shortcuts()
    sheet = window.shortcuts_sheet
    wait(app, lambda: sheet.isVisible())
    save(sheet, outdir / "shortcuts.png")
    sheet.close()


def shoot_lock(app, shell, window, outdir: Path) -> None:
    """The idle lock over the settings page: the person's password to carry on."""
    from PySide6.QtGui import QGuiApplication

    shell.lock()
    wait(app, lambda: shell.lock_screen is not None and shell.lock_screen.isVisible())
    image = QGuiApplication.primaryScreen().grabWindow(0)  # the covered window and the lock
    if not image.copy(0, 0, *SIZE).save(str(outdir / "lock.png")):
        raise OSError("could not write lock.png")
    print(f"wrote {outdir / 'lock.png'}")
    shell.unlock()
    wait(app, lambda: shell.lock_screen is None)


def shoot_inspection(app, window, outdir: Path, tmp: Path) -> None:
    """Today's patrol half answered: passes, one failure with its note and photo."""
    from PIL import Image, ImageDraw

    from app.inspections.service import start_inspection
    from ui import operations

    page = window.show_page("inspections")
    wait(app, lambda: page.model.pages >= 1 and not operations.busy())
    ctx = window.ctx
    iid = start_inspection(
        ctx.workspace, ctx.actor, "daily_patrol", ["daily_patrol"], place="教学楼"
    )
    page.open_inspection(iid)
    view = page.answers
    wait(app, lambda: view.detail is not None and not operations.busy())
    photo = tmp / "exit.jpg"
    im = Image.new("RGB", (800, 600), (150, 120, 90))
    ImageDraw.Draw(im).rectangle(
        (220, 160, 600, 560), fill=(60, 110, 70), outline=(240, 240, 240), width=8
    )
    im.save(photo, "JPEG", quality=85)
    for result in ("pass", "pass", "fail"):
        view.answer(result)
        if result == "fail":
            view.note.setText("安全出口堆放课桌")
            view.spot.setText("教学楼二楼东侧")
            view.photos.import_paths([str(photo)], view.current_answer_id())
            wait(app, lambda: view.photos.thumbnails >= 1 and view.idle() and not operations.busy())
            view._note_entered()  # note and spot given: on to the next item
    for result in ("pass", "na", "pass"):
        view.answer(result)  # P and N move on by themselves
    wait(app, lambda: view.idle() and not operations.busy())
    view.table.selectRow(2)  # back on the failed item, its photo showing
    wait(app, lambda: view.photos.thumbnails >= 1 and not operations.busy())
    save(window, outdir / "inspection.png")


def shoot_ledger(app, window, outdir: Path) -> None:
    """The ledger with the cracked wall chosen: major, reported upward, monitored."""
    from ui import operations

    page = window.show_page("hazards")
    wait(app, lambda: page.model.pages >= 1 and page.count >= 0 and not operations.busy())
    row = page.model.row_of(lambda r: r.major)
    page.table.selectRow(max(row, 0))
    wait(app, lambda: page.detail.detail is not None and not operations.busy())
    wait(app, lambda: page.detail.photos.thumbnails >= page.detail.photos.count())
    save(window, outdir / "hazard-ledger.png")


def shoot_drills(app, window, outdir: Path, tmp: Path) -> None:
    """The drills page, then this month's drill written up with photos from a camera card."""
    import random

    from app.drills.demo import _scene
    from ui import operations
    from ui.drills.editor import DrillEditor

    page = window.show_page("drills")
    wait(app, lambda: page.loaded >= 1 and not operations.busy())
    save(window, outdir / "drills.png")

    draft = next(r for r in page.model._rows if not r.finalized)
    editor = DrillEditor(window.ctx, draft.id, window)
    editor.resize(*SIZE)
    editor.show()
    wait(app, lambda: editor.loaded and not operations.busy())
    card = tmp / "DCIM"
    card.mkdir()
    rng = random.Random(3)
    for i, sky in enumerate([(150, 190, 230), (200, 210, 220), (170, 200, 235), (140, 180, 225)]):
        _scene(card / f"IMG_{i:04d}.JPG", rng, sky)
    editor.held.setChecked(True)
    editor.duration.setValue(20)
    editor.students.setValue(412)
    editor.staff.setValue(36)
    editor.evacuation.setTime(editor.evacuation.time().addSecs(3 * 60 + 5))
    editor.observers.setText("乡中心校 刘主任")
    editor.summary.setPlainText(
        "课间操时段全校疏散，各楼梯口均有教师引导，三分零五秒全部到达操场。"
    )
    editor.rating.setCurrentIndex(editor.rating.findData("good"))
    editor.evaluation.setPlainText("达到预期目的；二楼转角处速度偏慢。")
    editor.grid.import_paths([str(card)])
    wait(app, lambda: editor.grid.thumbnails >= 4 and editor.grid.pending == 0, 60)
    for i, caption in enumerate(["警报响起", "楼梯口教师引导", "二楼转角", "操场清点人数"]):
        editor.grid.item(i).setText(caption)
    editor._add_problem()
    editor.problems.item(0, 0).setText("二楼转角处学生拥挤，需增设引导员")
    editor.problems.setCurrentCell(0, 0)
    editor.grid.setCurrentRow(1)
    wait(app, lambda: not operations.busy())
    save(editor, outdir / "drill-editor.png")
    editor.close()


def shoot_grid(app, window, outdir: Path) -> None:
    """The grid: zones and posts against their roles, the playground without anyone."""
    from ui import operations

    page = window.show_page("grid")
    wait(app, lambda: page.loads >= 1 and not operations.busy())
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).target == "post")
    page.table.selectRow(row)
    wait(app, lambda: True)
    save(window, outdir / "grid.png")
    # This year's responsibility letters: signed ones, and one not signed yet.
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    wait(app, lambda: page.letters.rowCount() > 0)
    save(window, outdir / "grid-letters.png")
    page.tabs.setCurrentIndex(0)


def shoot_roster(app, window, outdir: Path) -> None:
    """This month's calendar after two night watches fell through and someone went on leave."""
    from datetime import timedelta

    from app.duty.roster import list_shifts, remove_shift
    from app.hazards.service import school_today
    from app.staff.service import add_leave
    from ui import operations

    ctx = window.ctx
    today = school_today()
    ahead = list_shifts(ctx.workspace, today + timedelta(days=3), today + timedelta(days=9))
    nights = [v for v in ahead if v.kind == "night_watch" and not v.has_handover]
    for v in nights[:2]:
        remove_shift(ctx.workspace, ctx.actor, v.id)
    if len(nights) > 4:
        day = nights[4].date
        add_leave(ctx.workspace, ctx.actor, nights[4].staff_id, day, day, "病假")
    page = window.show_page("roster")
    page.show_period("month", today)
    wait(app, lambda: page.calendar is not None and page.calendar.start.month == today.month)
    wait(app, lambda: not operations.busy())
    page.select_days(today + timedelta(days=1))
    wait(app, lambda: True)
    save(window, outdir / "roster.png")


def shoot_handover(app, window, outdir: Path) -> None:
    """The night watch of two days ago (surely over): patrols, roll call, both signatures, locked."""
    from datetime import timedelta

    from PySide6.QtCore import QDate

    from app.hazards.service import school_today
    from ui import operations

    page = window.show_page("handover")
    wait(app, lambda: page.loads >= 1 and not operations.busy())
    day = school_today() - timedelta(days=2)
    page.day.setDate(QDate(day.year, day.month, day.day))
    wait(app, lambda: page.loads >= 2 and not operations.busy())
    row = next(
        r for r in range(page.shifts.rowCount()) if page.shifts.row_at(r).kind == "night_watch"
    )
    page.table.selectRow(row)
    wait(app, lambda: page.form.shift is not None and page.form.shift.kind == "night_watch")
    wait(app, lambda: not operations.busy() and not page.form.in_pad.is_empty())
    bar = page.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # down to the two signatures
    wait(app, lambda: True)
    save(window, outdir / "handover.png")


def shoot_dashboard(app, window, outdir: Path) -> None:
    """The 工作台: due and overdue work, the most urgent line chosen."""
    page = window.show_page("dashboard")
    wait(app, lambda: page.loads >= 1 and page.work_model.rowCount() > 0)
    page.work.selectRow(0)
    page.work.setFocus()
    wait(app, lambda: True)
    save(window, outdir / "dashboard.png")


def shoot_monthly(app, window, outdir: Path) -> None:
    """This month's report as a draft with comments, the principal's signature on the pad."""
    from ui import operations

    page = window.show_page("monthly")
    page.month.setCurrentIndex(0)
    wait(
        app,
        lambda: (
            page.view is not None and page.view.month == page.month_key and not operations.busy()
        ),
    )
    page.comments.setPlainText(
        "本月校园安全总体平稳。冬季防火、防一氧化碳中毒检查已开展，发现隐患均已登记并落实整改；"
        "超期隐患两处，已督促责任人限期完成。"
    )
    strokes = [[(60 + i * 9, 70 + (18 if i % 3 else -14) + (i % 5) * 3, i * 16) for i in range(26)]]
    page.pad.set_strokes(strokes)
    wait(app, lambda: True)
    save(window, outdir / "monthly-report.png")


def shoot_incidents(app, window, outdir: Path) -> None:
    """Two open incidents: one phoned in on time with its written report still
    counting down, one just found with both clocks running."""
    from datetime import UTC, datetime, timedelta

    from app.incidents.service import IncidentDraft, PersonDraft, log_report, report_incident
    from ui import operations

    ctx = window.ctx
    now = datetime.now(UTC)
    first = report_incident(
        ctx.workspace,
        ctx.actor,
        IncidentDraft(
            category="injury",
            severity="general",
            place="教学楼二楼楼梯",
            description="课间下楼时一名学生踩空摔倒，左脚踝扭伤，意识清醒。",
            discovered_at=now - timedelta(minutes=41),
            occurred_at=now - timedelta(minutes=44),
            immediate_actions="值班教师现场看护，校医冰敷固定，已通知家长并送乡卫生院检查；楼梯口安排教师疏导。",
            people=[
                PersonDraft("王小明", "student", True, "左脚踝扭伤"),
                PersonDraft("刘芳", "staff", False, "现场处置，未受伤"),
            ],
        ),
    )
    log_report(ctx.workspace, ctx.actor, first, "phone", to_whom="区教育局政策法规安全股",
               summary="学生楼梯摔伤，已送医检查。", at=now - timedelta(minutes=29))  # fmt: skip
    report_incident(
        ctx.workspace,
        ctx.actor,
        IncidentDraft(
            category="food_poisoning",
            severity="serious",
            place="学生食堂",
            description="午餐后三名学生腹痛、呕吐，疑似食物中毒。",
            discovered_at=now - timedelta(minutes=7),
            immediate_actions="停止供餐，封存留样和剩余食品，学生送卫生院，通知市场监管所。",
        ),
    )
    page = window.show_page("incidents")
    wait(app, lambda: page.loaded >= 1 and not operations.busy())
    page.select_incident(first)
    wait(app, lambda: page.detail.detail is not None and page.detail.detail.row.id == first)
    wait(app, lambda: not operations.busy())
    page.tick()
    save(window, outdir / "incident.png")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]).resolve()))
