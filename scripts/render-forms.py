"""Render every printable form of the demo school to PNG pages for the README.

Usage: .venv/bin/python scripts/render-forms.py docs/forms
Needs poppler's pdftoppm. Signs with a throw-away in-memory key (no OS keyring touched).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(out_dir: Path) -> None:
    from app.accounts.service import authenticate
    from app.demo import PRINCIPAL, build_demo
    from app.reports.forms import load_forms, print_form
    from app.workspace import Workspace

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build_demo(Path(tmp) / "school")
        ws = Workspace.open(Path(tmp) / "school")
        principal = authenticate(ws, PRINCIPAL[0], PRINCIPAL[2])
        for key in sorted(load_forms()):
            rendered = print_form(ws, principal, key, "latest")
            pdf = Path(tmp) / f"{key}.pdf"
            pdf.write_bytes(rendered.pdf)
            for old in out_dir.glob(f"{key}-*.png"):
                old.unlink()
            # The first two pages are enough to show the layout.
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    "1",
                    "-l",
                    "2",
                    str(pdf),
                    str(out_dir / key),
                ],
                check=True,
            )
            print(key, "->", sorted(p.name for p in out_dir.glob(f"{key}-*.png")))
        ws.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/forms"))
