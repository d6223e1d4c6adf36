"""Every user-facing message in app/ reaches the translation catalog.

pyside6-lupdate only collects strings inside QT_TRANSLATE_NOOP()/translate();
a bare literal given to UserError, say() or fail() would stay English forever.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CALLS = {"UserError", "PermissionDenied", "say", "fail"}


def unmarked(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name in CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(f"{path.relative_to(root)}:{node.lineno} {first.value[:50]!r}")
            if name in CALLS and isinstance(first, ast.JoinedStr):
                found.append(f"{path.relative_to(root)}:{node.lineno} f-string message")
    return found


def test_user_facing_messages_are_marked_for_translation():
    assert unmarked() == []


def test_the_scan_catches_a_bare_message(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "x.py").write_text('raise UserError("Nope")\nsay(f"hi {x}")\n')
    assert len(unmarked(tmp_path)) == 2
