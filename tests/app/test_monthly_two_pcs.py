"""Two PCs of one school work on the same month: one report row, and the finalized one wins."""

from __future__ import annotations

import shutil
import uuid
from datetime import date

import pytest
from sqlalchemy import select, update

from app.data_key import load_key
from app.monthly.service import finalize_report, report_id, save_draft
from app.paths import DB_FILENAME
from app.sync.merge import apply_changes
from app.workspace import Workspace
from db import schema
from db.models import DeviceState, MonthlyReport, OutboxEntry
from db.session import make_engine, sqlite_url

STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
AFTER = date(2026, 12, 2)


@pytest.fixture
def second_pc(workspace, tmp_path):
    """A second PC of the same school: the same database, its own device id."""
    workspace.close()
    path = tmp_path / "second-pc"
    shutil.copytree(workspace.data_dir, path)
    engine = make_engine(sqlite_url(path / DB_FILENAME), key=load_key(path), foreign_keys=False)
    with engine.begin() as conn:
        conn.execute(update(DeviceState.__table__).values(device_id=uuid.uuid4()))
        conn.execute(OutboxEntry.__table__.delete())
    engine.dispose()
    other = Workspace.open(path)
    yield other
    other.close()


def changes_of(ws) -> list[dict]:
    with ws.read() as s:
        return [
            {"table": e.table_name, "row": str(e.row_id), "op": e.op, "hlc": e.hlc,
             "device": str(e.device_id), "changes": e.changes}
            for e in s.scalars(
                select(OutboxEntry).where(OutboxEntry.table_name == "monthly_report").order_by(OutboxEntry.seq)
            )
        ]  # fmt: skip


def bureau_rows(tmp_path, ws, *batches) -> list:
    engine = make_engine(sqlite_url(tmp_path / "bureau.db"), foreign_keys=False)
    schema.upgrade(engine)
    with engine.begin() as conn:
        for changes in batches:
            apply_changes(conn, changes, school_id=ws.school_id, device_id=uuid.uuid4())
    with engine.connect() as conn:
        rows = conn.execute(select(MonthlyReport.__table__)).all()
    engine.dispose()
    return rows


@pytest.mark.parametrize("order", ["final_first", "draft_first"])
def test_a_finalized_report_wins_over_a_later_draft_on_another_pc(
    workspace, principal, second_pc, tmp_path, order
):
    first = Workspace.open(workspace.data_dir)
    try:
        finalize_report(first, principal, "2026-11", "本月平稳。", STROKES, today=AFTER)
        final = changes_of(first)
    finally:
        first.close()
    # Later (higher clock), the other PC only saves a draft of the same month.
    assert save_draft(second_pc, principal, "2026-11", "草稿意见") == report_id(
        second_pc.school_id, "2026-11"
    )
    draft = changes_of(second_pc)
    assert max(c["hlc"] for c in draft) > max(c["hlc"] for c in final)
    assert {c["row"] for c in final} == {c["row"] for c in draft}  # the same row on both PCs

    batches = (final, draft) if order == "final_first" else (draft, final)
    rows = bureau_rows(tmp_path, workspace, *batches)
    assert len(rows) == 1
    (row,) = rows
    assert row.status == "finalized" and row.finalized_at is not None
    assert row.comments == "本月平稳。" and row.figures["month"] == "2026-11"
