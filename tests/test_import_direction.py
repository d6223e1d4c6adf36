"""The house is one-way: ui → app → db. db imports neither app nor ui; app imports no Qt;
ui never reaches into SQLAlchemy or the db package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> top-level modules it must never import
FORBIDDEN = {
    "db": {"app", "ui", "PySide6", "shiboken6"},
    "app": {"ui", "PySide6", "shiboken6"},
    "ui": {"db", "sqlalchemy", "alembic"},
}


def imported_top_levels(source: str) -> list[tuple[int, str]]:
    """(line, top-level module) for every import, including ones inside functions."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def violations(package: str, root: Path = ROOT) -> list[str]:
    out = []
    for path in sorted((root / package).rglob("*.py")):
        for line, module in imported_top_levels(path.read_text(encoding="utf-8")):
            if module in FORBIDDEN[package]:
                out.append(f"{path.relative_to(root)}:{line} imports {module}")
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_direction(package):
    assert violations(package) == []


def test_the_checker_catches_a_violation(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "bad.py").write_text(
        "def later():\n    from PySide6.QtWidgets import QWidget\n", encoding="utf-8"
    )
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "bad.py").write_text("import app.workspace\n", encoding="utf-8")
    assert violations("app", tmp_path) == ["app/bad.py:2 imports PySide6"]
    assert violations("db", tmp_path) == ["db/bad.py:1 imports app"]
