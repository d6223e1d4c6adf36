"""``xiaoan hazards`` prints the ledger headless, as a table or CSV."""

from __future__ import annotations

import csv
import io

from app.hazards.service import HazardReport, report_hazard
from ui.launcher import main as xiaoan


def test_the_ledger_prints_as_csv_and_table(workspace, principal, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    report_hazard(
        workspace, principal, HazardReport(title="食堂燃气软管老化", area="gas", place="食堂")
    )
    data_dir = str(workspace.data_dir)

    assert xiaoan(["hazards", "--data-dir", data_dir, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["No.", "Hazard", "Area", "Status"]
    assert rows[1][1:5] == ["食堂燃气软管老化", "燃气安全", "Reported", "食堂"]

    assert xiaoan(["hazards", "--data-dir", data_dir, "--status", "closed"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("No.")

    assert xiaoan(["hazards", "--data-dir", data_dir, "--status", "open"]) == 0
    assert "食堂燃气软管老化" in capsys.readouterr().out


def test_a_folder_without_data_is_an_error_not_a_new_database(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert xiaoan(["hazards", "--data-dir", str(tmp_path)]) == 2
    assert "There is no xiaoan database" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
