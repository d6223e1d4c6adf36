"""Checklist templates are data: they load from files, and a bad file never stops the app."""

from __future__ import annotations

import json
import shutil

from app.inspections.templates import AREAS, RISK_GROUPS, catalog, load_templates, template_dirs
from app.workspace import Workspace


def test_the_shipped_templates_cover_every_area_with_enough_items():
    cat = load_templates(template_dirs())
    assert cat.problems == ()
    items = [i for t in cat.templates.values() for i in t.items]
    assert len(items) >= 150
    assert {i.area for i in items} == set(AREAS)
    assert {i.risk_group for i in items} == set(RISK_GROUPS)
    assert any(i.severity == "major" for i in items)
    # Chinese text, as printed on the school's forms
    assert all(any("\u4e00" <= c <= "\u9fff" for c in i.text) for i in items)
    assert cat.for_kind("daily_patrol"), "a daily patrol has a checklist"


def _header(code="fire", version=1):
    return json.dumps({"template": code, "version": version, "title": "消防", "kinds": ["weekly"]})


def _item(code="F-1", **over):
    item = {
        "code": code,
        "area": "fire",
        "group": "物",
        "severity": "general",
        "text": "灭火器完好",
    }
    item.update(over)
    return json.dumps(item, ensure_ascii=False)


def test_a_malformed_file_is_reported_with_file_and_line_and_the_rest_load(tmp_path):
    (tmp_path / "good.jsonl").write_text(_header("good") + "\n" + _item() + "\n", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text(
        _header("broken") + "\n" + _item() + "\n" + '{"code": "F-2", "area": \n', encoding="utf-8"
    )
    (tmp_path / "badgroup.jsonl").write_text(
        _header("badgroup") + "\n\n# comment\n" + _item(group="X") + "\n", encoding="utf-8"
    )
    cat = load_templates([tmp_path])
    assert set(cat.templates) == {"good"}
    problems = {p.path.name: p for p in cat.problems}
    assert problems["broken.jsonl"].line == 3
    assert problems["badgroup.jsonl"].line == 4
    text = problems["badgroup.jsonl"].describe("en")
    assert text.startswith(f"{tmp_path / 'badgroup.jsonl'}:4:")
    assert "X" in text


def test_a_duplicate_item_and_an_unknown_area_are_refused(tmp_path):
    (tmp_path / "dup.jsonl").write_text(
        "\n".join([_header("dup"), _item("A"), _item("A")]), encoding="utf-8"
    )
    (tmp_path / "area.jsonl").write_text(
        "\n".join([_header("area"), _item("A", area="moon")]), encoding="utf-8"
    )
    cat = load_templates([tmp_path])
    assert cat.templates == {}
    assert sorted((p.path.name, p.line) for p in cat.problems) == [
        ("area.jsonl", 2),
        ("dup.jsonl", 3),
    ]


def test_a_newer_version_from_the_bureau_replaces_the_shipped_one(tmp_path):
    ws = Workspace.open(tmp_path / "data")
    try:
        folder = ws.data_dir / "templates"
        folder.mkdir()
        (folder / "fire.jsonl").write_text(
            "\n".join([_header("fire", 9), _item("FIRE-NEW")]), encoding="utf-8"
        )
        cat = catalog(ws.data_dir, reload=True)
        assert cat.get("fire").version == 9
        assert [i.code for i in cat.get("fire").items] == ["FIRE-NEW"]
        assert cat.get("gas").version == 1
    finally:
        ws.close()


def test_the_app_starts_with_a_broken_template_in_the_data_folder(tmp_path, caplog):
    ws = Workspace.open(tmp_path / "data")
    try:
        folder = ws.data_dir / "templates"
        folder.mkdir()
        (folder / "zz.jsonl").write_bytes(b"\xff\xfe not text")
        shutil.copy(template_dirs()[0] / "gas.jsonl", folder / "gas-copy.jsonl")
        cat = catalog(ws.data_dir, reload=True)
        assert "fire" in cat.templates and "gas" in cat.templates
        assert [(p.path.name, p.line) for p in cat.problems] == [("zz.jsonl", 1)]
        assert "zz.jsonl:1" in caplog.text, "the problem is logged for whoever looks after the PC"
    finally:
        ws.close()
