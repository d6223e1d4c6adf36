"""Inspections: started from templates, answered, finalized for good; failures become hazards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.attachments.store import add_photo
from app.errors import PermissionDenied, UserError
from app.hazards.ledger import LedgerFilters, hazard_count, hazard_detail, hazard_ledger
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
    answer_item(
        workspace, crew.teacher, answers[2].id, "fail", "出口堆放课桌", [photo.id],
        spot="教学楼二楼东侧安全出口",
    )  # fmt: skip
    answer_item(workspace, crew.teacher, answers[3].id, "na")
    assert answer_remaining(workspace, crew.teacher, iid) == len(answers) - 2
    summary = finalize_inspection(workspace, crew.teacher, iid)

    assert (summary.items, summary.failed, len(summary.new_hazards)) == (len(answers), 1, 1)
    hazard = hazard_detail(workspace, crew.officer, summary.new_hazards[0])
    # The hazard reads as the problem found, where it was found, graded as the bureau does.
    assert hazard.row.title == "出口堆放课桌"
    assert hazard.description == "出口堆放课桌"
    assert answers[2].text not in hazard.description  # not the item's passing standard
    assert hazard.row.place == "教学楼二楼东侧安全出口"  # not the inspection's "全校"
    assert (hazard.row.severity, hazard.row.major) == ("general", False)
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
        first = _answers(workspace, iid)[2].id
        answer_item(workspace, crew.guard, first, "fail", "出口仍堵塞", spot="东侧出口")
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


STROKES = [[(10, 10, 0), (60, 40, 30), (110, 12, 60)], [(20, 50, 200), (100, 52, 260)]]


def test_a_failed_item_without_a_note_cannot_be_finalized(workspace, crew):
    iid = _patrol(workspace, crew.teacher)
    answers = _answers(workspace, iid)
    answer_item(workspace, crew.teacher, answers[4].id, "fail", "  ", spot="三楼走廊")
    answer_remaining(workspace, crew.teacher, iid)
    before = outbox_count(workspace)
    with pytest.raises(UserError) as refused:
        finalize_inspection(workspace, crew.teacher, iid, strokes=STROKES)
    message = str(refused.value)
    assert "Item 5 (" in message and answers[4].text[:10] in message and "no note" in message
    # Nothing was written: not finalized, no hazard, no signature, no audit entry.
    assert outbox_count(workspace) == before
    assert inspection_detail(workspace, None, iid).row.finalized_at is None
    assert hazard_count(workspace, crew.officer) == 0
    assert "inspection.finalize" not in audit_actions(workspace)

    answer_item(workspace, crew.teacher, answers[4].id, "fail", "护栏螺丝松动", spot="三楼走廊")
    assert len(finalize_inspection(workspace, crew.teacher, iid).new_hazards) == 1


def test_each_failed_item_is_graded_general_or_major_at_finalizing(workspace, crew):
    iid = start_inspection(workspace, crew.officer, "monthly", ["buildings"], place="全校")
    answers = {a.item_code: a for a in _answers(workspace, iid)}
    danger = answers["BLDG-01"]  # the checklist marks a class-D building major
    wall, stairs = answers["BLDG-02"], answers["BLDG-03"]
    for a, note, spot in (
        (danger, "旧平房仍有学生进出", "西侧旧平房"),
        (wall, "北墙裂缝约 1.2 米", "老教学楼北墙"),
        (stairs, "楼梯扶手松动", "实验楼东楼梯"),
    ):
        answer_item(workspace, crew.officer, a.id, "fail", note, spot=spot)
    answer_remaining(workspace, crew.officer, iid)
    with pytest.raises(UserError, match="general or major"):
        finalize_inspection(workspace, crew.officer, iid, grades={wall.id: "serious"})
    summary = finalize_inspection(workspace, crew.officer, iid, grades={wall.id: "major"})

    graded = {}
    for hid in summary.new_hazards:
        d = hazard_detail(workspace, crew.officer, hid)
        graded[d.row.place] = (d.row.severity, d.row.major, d.major_since is not None)
    assert graded == {
        "西侧旧平房": ("major", True, True),  # the checklist's default for this item
        "老教学楼北墙": ("major", True, True),  # chosen by the inspector
        "实验楼东楼梯": ("general", False, False),  # the default grade
    }
    majors = hazard_ledger(workspace, crew.officer, LedgerFilters(major=True), 0, 10)
    assert {r.place for r in majors} == {"西侧旧平房", "老教学楼北墙"}


def test_a_major_finding_makes_the_open_hazard_it_joins_major(workspace, crew):
    first = _patrol(workspace, crew.guard)
    exit_item = _answers(workspace, first)[2]
    answer_item(workspace, crew.guard, exit_item.id, "fail", "出口堆放杂物", spot="东侧出口")
    answer_remaining(workspace, crew.guard, first)
    hid = finalize_inspection(workspace, crew.guard, first).new_hazards[0]
    assert not hazard_detail(workspace, crew.officer, hid).row.major

    again = _patrol(workspace, crew.guard)
    repeat = _answers(workspace, again)[2]
    answer_item(workspace, crew.guard, repeat.id, "fail", "杂物堵死出口", spot="东侧出口")
    answer_remaining(workspace, crew.guard, again)
    summary = finalize_inspection(workspace, crew.guard, again, grades={repeat.id: "major"})
    assert summary.attached_to == [hid]
    d = hazard_detail(workspace, crew.officer, hid)
    assert d.row.major and [h.kind for h in d.history] == ["report", "seen_again", "major"]


def test_the_inspector_signs_on_finalizing_and_the_principal_countersigns(workspace, crew):
    from app.inspections.signing import countersign_inspection
    from db.models import Inspection

    iid = _patrol(workspace, crew.teacher)
    answer_remaining(workspace, crew.teacher, iid)
    with pytest.raises(UserError, match="countersigned"):
        countersign_inspection(workspace, crew.principal, iid, STROKES)  # not finalized yet
    with pytest.raises(UserError, match="Sign on the pad"):
        finalize_inspection(workspace, crew.teacher, iid, strokes=[[(1, 1, 0)]])
    assert inspection_detail(workspace, None, iid).row.finalized_at is None

    finalize_inspection(workspace, crew.teacher, iid, strokes=STROKES, png=None)
    detail = inspection_detail(workspace, None, iid)
    assert detail.inspector_signature is not None
    assert detail.inspector_signature.name == "zhengxia-name"
    assert detail.principal_signature is None

    with pytest.raises(PermissionDenied):
        countersign_inspection(workspace, crew.officer, iid, STROKES)
    with workspace.read() as s:
        before = s.get(Inspection, iid).hlc
    countersign_inspection(workspace, crew.principal, iid, STROKES)
    with pytest.raises(UserError, match="already countersigned"):
        countersign_inspection(workspace, crew.principal, iid, STROKES)

    detail = inspection_detail(workspace, None, iid)
    assert detail.principal_signature is not None and detail.principal_signature.name == "张丽"
    with workspace.read() as s:
        assert s.get(Inspection, iid).hlc == before  # the finalized record itself is untouched
    assert audit_actions(workspace).count("inspection.countersign") == 1
