"""Start-up refuses a data folder it must not touch, and says why."""

from __future__ import annotations

from ui import gui


def test_a_foreign_database_is_refused_and_left_untouched(qtbot, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    foreign = data_dir / "xiaoan.sqlite3"
    import sqlite3

    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    before = foreign.read_bytes()
    shown = []
    monkeypatch.setattr(gui, "_refuse", shown.append)
    monkeypatch.setattr(gui, "install_translators", lambda _lang: [])  # keep the test catalog
    assert gui.run(data_dir) == 2
    assert "不是校安数据库" in shown[0]
    assert foreign.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["xiaoan.sqlite3"]
