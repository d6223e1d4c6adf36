"""Importing 30 large photos (4000×3000) into the drill editor's photo grid.

The real editor is shown (offscreen) and a folder of 30 camera-sized JPEGs,
made with Pillow at bench time, is imported the way a user imports a camera
card. A QTimer ticking every 10 ms on the UI thread measures how long the
event loop is kept from running (a stall is the gap between ticks minus the
interval). Printed: total import time, the longest stall against the 100 ms
target, the median tick gap, and when the first and last thumbnails
appeared. The floor is the longest stall of the same timer over an idle
second in the same run. It runs twice: with the app's two imports at a time,
then one at a time, to show the trade between total time and stalls.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

N_PHOTOS = 30
SIZE = (4000, 3000)
TICK_MS = 10
TARGET_STALL_MS = 100.0


def make_photos(folder: Path, n: int = N_PHOTOS) -> list[Path]:
    """Camera-like JPEGs: a gradient, shapes and grain, so they compress like photos (~2–4 MB)."""
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(7)
    base = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    grain = Image.effect_noise(SIZE, 40).convert("RGB")
    out = []
    for i in range(n):
        im = Image.blend(base, grain, 0.35)
        draw = ImageDraw.Draw(im)
        for _ in range(60):
            x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
            r = rng.randrange(40, 400)
            color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
        draw.text((100, 100), f"drill photo {i}", fill=(255, 255, 255))
        path = folder / f"DSC{i:05d}.JPG"
        im.save(path, "JPEG", quality=90)
        out.append(path)
    return out


class StallMeter:
    """Ticks on the UI thread; records the gaps between ticks and the wall time of each."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.hooks: list = []

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last) * 1000)
        self.last = now
        for hook in self.hooks:
            hook(now)

    @property
    def longest_stall_ms(self) -> float:
        return max((g - TICK_MS for g in self.gaps), default=0.0)


def _idle_floor(app) -> float:
    meter = StallMeter()
    meter.start()
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)
    meter.stop()
    return meter.longest_stall_ms


def _round(app, root: Path, folder: Path, max_imports: int) -> None:
    """One import of the folder into a fresh school's drill editor; prints its figures."""
    from app.accounts.service import authenticate, create_user
    from app.school.service import SchoolProfile, get_profile, set_up_school
    from app.workspace import Workspace
    from ui import operations
    from ui.context import AppContext
    from ui.drills.editor import DrillEditor
    from ui.drills.photo_grid import PhotoGrid

    ws = Workspace.open(root)
    set_up_school(
        ws,
        SchoolProfile(name="东风乡中心学校", code="220105-0012", kind="primary"),
        principal_name="张丽",
        username="zhangli",
        secret_kind="password",
        secret="bench-pass-123",
    )
    principal = authenticate(ws, "zhangli", "bench-pass-123")
    create_user(
        ws, principal, username="lijianguo", display_name="李建国",
        role="safety_officer", secret_kind="pin", secret="482913",
    )  # fmt: skip
    officer = authenticate(ws, "lijianguo", "482913")
    editor = DrillEditor(AppContext(ws, officer, get_profile(ws)))
    editor.grid.MAX_IMPORTS = max_imports
    editor.resize(1180, 800)
    editor.show()
    while not editor.loaded or operations.busy():
        app.processEvents()

    floor = _idle_floor(app)
    meter = StallMeter()
    appeared: list[float] = []

    def watch(now: float) -> None:
        while len(appeared) < editor.grid.thumbnails:
            appeared.append(now)

    meter.hooks.append(watch)
    meter.start()
    start = time.perf_counter()
    editor.grid.import_paths([str(folder)])
    while editor.grid.pending or editor.grid.thumbnails < N_PHOTOS:
        app.processEvents()
        time.sleep(0.001)
        if time.perf_counter() - start > 600:
            raise RuntimeError("import did not finish in 10 minutes")
    total = time.perf_counter() - start
    meter.stop()
    watch(time.perf_counter())
    operations.wait_all()
    # Widgets go before the workspace and the interpreter: Qt objects left to
    # the garbage collector at exit can be freed in the wrong order.
    editor.close()
    editor.deleteLater()
    meter.timer.deleteLater()
    app.processEvents()
    ws.close()

    stall = meter.longest_stall_ms
    verdict = "ok" if stall <= TARGET_STALL_MS else "OVER TARGET"
    default = " (the app's setting)" if max_imports == PhotoGrid.MAX_IMPORTS else ""
    print(f"-- {max_imports} import(s) at a time{default}")
    print(
        f"import of {N_PHOTOS} photos: {total:.1f} s total, {total / N_PHOTOS * 1000:.0f} ms a photo"
    )
    print(
        f"longest UI stall: {stall:.0f} ms (target ≤ {TARGET_STALL_MS:.0f} ms: {verdict}); "
        f"idle floor {floor:.0f} ms; ratio {stall / max(floor, 1.0):.1f}×"
    )
    print(
        f"median tick gap: {statistics.median(meter.gaps):.1f} ms for a {TICK_MS} ms timer "
        f"({len(meter.gaps)} ticks)"
    )
    print(
        f"thumbnails: first after {appeared[0] - start:.2f} s, "
        f"10th after {appeared[9] - start:.2f} s, last after {appeared[-1] - start:.2f} s"
    )


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "DCIM"
        folder.mkdir()
        t0 = time.perf_counter()
        photos = make_photos(folder)
        mb = sum(p.stat().st_size for p in photos) / 1e6
        print(
            f"made {len(photos)} JPEGs of {SIZE[0]}×{SIZE[1]} ({mb:.0f} MB) "
            f"in {time.perf_counter() - t0:.1f} s (not timed below)"
        )
        # The app's setting, then one at a time for comparison.
        for n, max_imports in enumerate((2, 1)):
            _round(app, Path(tmp) / f"school-{n}", folder, max_imports)


if __name__ == "__main__":
    main()
