"""The Chinese catalog is complete, current and keeps every placeholder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "xiaoan_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    out = []
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg.find("translation")))
    return out


def lupdate() -> str:
    exe = Path(sys.executable).parent / "pyside6-lupdate"
    return str(exe) if exe.exists() else (shutil.which("pyside6-lupdate") or "pyside6-lupdate")


def test_every_message_is_translated():
    problems = [
        f"{ctx}: {src!r}"
        for ctx, src, tr in messages(TS)
        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished") or not tr.text
    ]
    assert problems == []


def test_the_catalog_holds_every_string_in_the_code(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [lupdate(), "-extensions", "py", "-no-obsolete", "-locations", "none",
         "app", "ui", "-ts", str(copy)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    before = {(c, s) for c, s, _ in messages(TS)}
    after = {(c, s) for c, s, _ in messages(copy)}
    assert sorted(after - before) == [], "run scripts/update-translations.sh and translate"


def test_placeholders_are_kept():
    wrong = [
        (ctx, src, tr.text)
        for ctx, src, tr in messages(TS)
        if tr is not None
        and tr.text
        and sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(tr.text))
    ]
    assert wrong == []


def test_role_and_school_kind_labels_are_translated():
    from app.accounts.roles import ROLE_LABELS
    from app.school.service import SCHOOL_KIND_LABELS

    table = {(c, s): tr.text for c, s, tr in messages(TS)}
    assert table[("app", ROLE_LABELS["principal"])] == "校长"
    assert table[("app", ROLE_LABELS["safety_officer"])] == "安全主任"
    for label in [*ROLE_LABELS.values(), *SCHOOL_KIND_LABELS.values()]:
        assert table.get(("app", label)), label
