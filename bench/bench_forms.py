"""Rendering printed forms: the inspection form and a 300-row hazard ledger.

Prints the median of :data:`RUNS` renders of

* the demo school's latest inspection form, unsigned (layout only) and
  signed (layout plus the PAdES signature), against a target of 200 ms;
* a 300-row ledger of real hazards, unsigned and signed;

each as a ratio against a floor measured in the same run: a one-line
ReportLab page with the same embedded CJK font. Signing uses the principal's
own key, unlocked by the benchmark's sign-in (no OS keyring is involved).
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 11
TARGET_MS = 200.0


def _median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm: fonts registered, modules imported, caches filled
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _one_line_page() -> bytes:
    from reportlab.pdfgen import canvas

    from app.reports.fonts import FONT_NAME, register_cjk_font

    register_cjk_font()
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont(FONT_NAME, 12)
    c.drawString(72, 720, "安全检查记录表")
    c.save()
    return out.getvalue()


def main() -> None:
    from app.accounts.service import authenticate
    from app.demo import PRINCIPAL, build_demo
    from app.reports.forms import print_form
    from app.workspace import Workspace
    from tests.helpers import add_hazards

    with tempfile.TemporaryDirectory() as tmp:
        build_demo(Path(tmp) / "school")
        ws = Workspace.open(Path(tmp) / "school")
        principal = authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
        floor = _median_ms(_one_line_page)
        print(f"floor (one-line CJK page): {floor:.1f} ms")

        def show(label: str, ms: float, target: float | None = None) -> None:
            verdict = ""
            if target is not None:
                verdict = f"  target <= {target:.0f} ms: {'ok' if ms <= target else 'MISSED'}"
            print(f"{label:<34} median {ms:7.1f} ms  ({ms / floor:5.1f} x floor){verdict}")

        for sign in (False, True):
            ms = _median_ms(
                lambda s=sign: print_form(ws, principal, "inspection", "latest", sign=s)
            )
            show(f"inspection form, {'signed' if sign else 'unsigned'}", ms, TARGET_MS)

        # Today's range: 300 added hazards (plus any the demo reported today).
        add_hazards(ws, principal, 300, title="宿舍楼消防通道堆放杂物")
        from app.hazards.service import school_today

        today = school_today().isoformat()
        rendered = print_form(ws, principal, "ledger", f"{today}..{today}", sign=False)
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(rendered.pdf)).pages)
        from app.hazards.ledger import LedgerFilters, hazard_count

        day = school_today()
        rows = hazard_count(ws, principal, LedgerFilters(date_from=day, date_to=day))
        print(f"ledger of today's hazards: {rows} rows, {pages} pages")
        for sign in (False, True):
            ms = _median_ms(
                lambda s=sign: print_form(ws, principal, "ledger", f"{today}..{today}", sign=s),
                runs=5,
            )
            show(f"300-row ledger, {'signed' if sign else 'unsigned'}", ms)
        ws.close()


if __name__ == "__main__":
    main()
