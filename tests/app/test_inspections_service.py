"""Inspections: started from templates, answered, finalized for good; failures become hazards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.attachments.store import add_photo
from app.errors import PermissionDenied, UserError
from app.hazards.ledger import LedgerFilters, hazard_count, hazard_detail
from app.inspections.queries import (
    InspectionFilters,
    count_inspections,
    inspection_detail,
    list_inspections,
)
from app.inspections.service import (
    answer_item,
    answer_remaining,
    correct_inspection,
    finalize_inspection,
    start_inspection,
)
from app.inspections.templates import catalog
from db.models import FinalizedRecordError, InspectionAnswer
from tests.app.inspection_helpers import audit_actions, jpeg, outbox_count, people


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _patrol(ws, actor, place="全校"):
    return start_inspection(ws, actor, "daily_patrol", ["daily_patrol"], place=place)


def _answers(ws, iid):
    return inspection_detail(ws, None, iid).answers


def test_an_inspection_holds_every_template_item_in_order(workspace, crew):
    iid = start_inspection(
        workspace,
        crew.officer,
        "weekly",
        ["fire", "gas"],
        place="教学楼",
        inspector_ids=[crew.guard.user_id],
    )
    detail = inspection_detail(workspace, crew.officer, iid)
    cat = catalog(workspace.data_dir)
    expected = [i.text for i in cat.get("fire").items] + [i.text for i in cat.get("gas").items]
    assert [a.text for a in detail.answers] == expected
    assert detail.templates == ["fire@1", "gas@1"]
    assert detail.inspector_names == ["lijianguo-name", "zhoujun-name"]
    assert detail.row.finalized_at is None


def test_finalizing_turns_failed_items_into_hazards(workspace, crew, tmp_path):
    iid = _patrol(workspace, crew.teacher)
    answers = _answers(workspace, iid)
    photo = add_photo(workspace, crew.teacher, jpeg(tmp_path / "exit.jpg"))
    answer_item(workspace, crew.teacher, answers[2].id, "fail", "东侧出口堆放课桌", [photo.id])
    answer_item(workspace, crew.teacher, answers[3].id, "na")
    assert answer_remaining(workspace, crew.teacher, iid) == len(answers) - 2
    summary = finalize_inspection(workspace, crew.teacher, iid)

    assert (summary.items, summary.failed, len(summary.new_hazards)) == (len(answers), 1, 1)
    hazard = hazard_detail(workspace, crew.officer, summary.new_hazards[0])
    assert hazard.row.title == "东侧出口堆放课桌"
    assert hazard.row.area == answers[2].area
    assert hazard.row.status == "reported"
    assert [p.id for purpose, p in hazard.photos if purpose == "answer"] == [photo.id]
    assert hazard.findings[0][0] == iid
    row = list_inspections(workspace, crew.officer)[0]
    assert (row.item_count, row.fail_count) == (len(answers), 1)
    assert audit_actions(workspace).count("inspection.finalize") == 1


def test_the_same_finding_next_day_joins_the_open_hazard(workspace, crew):
    for _ in range(2):
        iid = _patrol(workspace, crew.guard)
        answer_item(workspace, crew.guard, _answers(workspace, iid)[2].id, "fail", "出口仍堵塞")
        answer_remaining(workspace, crew.guard, iid)
        summary = finalize_inspection(workspace, crew.guard, iid)
    assert summary.new_hazards == [] and len(summary.attached_to) == 1
    assert hazard_count(workspace, crew.officer, LedgerFilters(status="open")) == 1
    detail = hazard_detail(workspace, crew.officer, summary.attached_to[0])
    assert [h.kind for h in detail.history] == ["report", "seen_again"]
    assert len(detail.findings) == 2


def test_a_finalized_inspection_rejects_edits(workspace, crew):
    iid = _patrol(workspace, crew.teacher)
    answer_remaining(workspace, crew.teacher, iid)
    finalize_inspection(workspace, crew.teacher, iid)
    first = _answers(workspace, iid)[0]
    before = outbox_count(workspace)
    for attempt in (
        lambda: answer_item(workspace, crew.teacher, first.id, "fail", "改一下"),
        lambda: answer_remaining(workspace, crew.teacher, iid, "na"),
        lambda: finalize_inspection(workspace, crew.teacher, iid),
    ):
        with pytest.raises(UserError, match="finalized"):
            attempt()
    assert outbox_count(workspace) == before
    assert _answers(workspace, iid)[0].result == "pass"

    # Even code that goes around the services cannot change it.
    with pytest.raises(FinalizedRecordError), workspace.action(crew.principal, "x") as s:
        s.scalar(select(InspectionAnswer).where(InspectionAnswer.id == first.id)).note = "x"
    assert outbox_count(workspace) == before


def test_unanswered_items_block_finalizing(workspace, crew):
    iid = _patrol(workspace, crew.teacher)
    answer_item(workspace, crew.teacher, _answers(workspace, iid)[0].id, "pass")
    with pytest.raises(UserError, match="no answer"):
        finalize_inspection(workspace, crew.teacher, iid)
    assert inspection_detail(workspace, None, iid).row.finalized_at is None


def test_a_correction_is_a_new_inspection_referencing_the_old(workspace, crew):
    iid = _patrol(workspace, crew.teacher)
    answer_remaining(workspace, crew.teacher, iid)
    finalize_inspection(workspace, crew.teacher, iid)
    fixed = correct_inspection(workspace, crew.officer, iid, "第 5 项实为不合格")
    answer_item(workspace, crew.officer, _answers(workspace, fixed)[4].id, "fail", "护栏松动")
    summary = finalize_inspection(workspace, crew.officer, fixed)
    assert len(summary.new_hazards) == 1
    assert inspection_detail(workspace, None, fixed).row.corrects_id == iid
    assert inspection_detail(workspace, None, iid).corrected_by == [fixed]
    assert _answers(workspace, iid)[4].result == "pass", "the original stays as it was"


def test_bad_starts_are_refused(workspace, crew):
    with pytest.raises(UserError, match="no checklist called"):
        start_inspection(workspace, crew.officer, "weekly", ["nope"])
    with pytest.raises(UserError, match="future"):
        start_inspection(
            workspace,
            crew.officer,
            "weekly",
            ["fire"],
            started_at=datetime.now(UTC) + timedelta(days=1),
        )
    bureau = crew.principal.__class__(None, "局", "nobody")
    with pytest.raises(PermissionDenied):
        start_inspection(workspace, bureau, "weekly", ["fire"])
    assert count_inspections(workspace, crew.officer) == 0


def test_the_inspection_list_pages_and_filters(workspace, crew):
    for _ in range(3):
        _patrol(workspace, crew.guard)
    start_inspection(workspace, crew.officer, "monthly", ["fire"], place="实验楼")
    assert count_inspections(workspace, crew.officer) == 4
    assert count_inspections(workspace, crew.officer, InspectionFilters(kind="monthly")) == 1
    assert count_inspections(workspace, crew.officer, InspectionFilters(text="实验")) == 1
    page = list_inspections(workspace, crew.officer, offset=1, limit=2)
    assert len(page) == 2
    assert list_inspections(workspace, crew.officer, limit=1)[0].kind == "monthly"
