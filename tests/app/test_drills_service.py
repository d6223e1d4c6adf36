"""Drill records: drafts, finalizing, corrections, photos and problems into hazards."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from app.drills.documents import attach_document, document_path, remove_document
from app.drills.queries import drill_for_hazard, get_drill, list_drills
from app.drills.service import (
    DrillForm,
    PhotoEntry,
    ProblemEntry,
    discard_draft,
    finalize_drill,
    problem_to_hazard,
    save_drill,
    start_correction,
)
from app.errors import PermissionDenied, UserError
from app.hazards.ledger import hazard_detail
from db.base import utcnow
from tests.app.drill_helpers import at, complete_form, photo
from tests.app.inspection_helpers import audit_actions, outbox_count, people


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def test_a_draft_is_saved_then_finalized_and_reads_back_in_full(workspace, crew, tmp_path):
    p1 = photo(workspace, crew.officer, tmp_path, "a.jpg")
    p2 = photo(workspace, crew.officer, tmp_path, "b.jpg", color=(10, 200, 10))
    form = complete_form(
        p1.id, photos=(PhotoEntry(p2.id, "楼梯口"), PhotoEntry(p1.id, "集合点清点人数"))
    )
    drill_id = save_drill(workspace, crew.officer, form)
    finalize_drill(workspace, crew.officer, drill_id)

    record = get_drill(workspace, drill_id)
    assert record.finalized
    assert record.ref.startswith("YL20261021-")
    assert [(v.photo.id, v.caption) for v in record.photos] == [
        (p2.id, "楼梯口"),
        (p1.id, "集合点清点人数"),
    ], "photos keep the order and captions they were given"
    assert [p.text for p in record.problems] == ["三楼东侧楼梯应急照明不亮"]
    assert record.observers == ["乡消防站 王队长"]
    assert (record.students, record.staff, record.evacuation_seconds) == (412, 36, 185)
    assert list_drills(workspace)[0].photo_count == 2
    assert audit_actions(workspace)[-2:] == ["drill.save", "drill.finalize"]


def test_a_finalized_drill_refuses_edits_and_changes_nothing(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    finalize_drill(workspace, crew.officer, drill_id)
    before = outbox_count(workspace)

    changed = dataclasses.replace(complete_form(ref.id), summary="改过的总结")
    with pytest.raises(UserError, match="finalized"):
        save_drill(workspace, crew.officer, changed, drill_id)
    with pytest.raises(UserError, match="finalized"):
        finalize_drill(workspace, crew.officer, drill_id)
    with pytest.raises(UserError, match="finalized"):
        discard_draft(workspace, crew.officer, drill_id)
    with pytest.raises(UserError, match="finalized"):
        attach_document(workspace, crew.officer, drill_id, _pdf(tmp_path / "plan.pdf"))

    assert outbox_count(workspace) == before
    assert get_drill(workspace, drill_id).summary == "疏散有序，用时三分五秒。"


def test_a_correction_is_a_new_record_naming_the_old(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    old_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    finalize_drill(workspace, crew.officer, old_id)

    new_id = start_correction(workspace, crew.officer, old_id)
    assert start_correction(workspace, crew.officer, old_id) == new_id, "one open correction"
    draft = get_drill(workspace, new_id)
    assert draft.corrects_id == old_id and not draft.finalized
    assert [v.caption for v in draft.photos] == ["集合点清点人数"], "photos are copied"

    save_drill(workspace, crew.officer, complete_form(ref.id, students=415), new_id)
    finalize_drill(workspace, crew.officer, new_id)
    old = get_drill(workspace, old_id)
    assert old.students == 412, "the old record is untouched"
    assert old.corrected_by_ref == get_drill(workspace, new_id).ref


def test_finalizing_an_incomplete_drill_says_what_is_missing(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    no_photo = save_drill(workspace, crew.officer, complete_form(ref.id, photos=()))
    with pytest.raises(UserError, match="photo"):
        finalize_drill(workspace, crew.officer, no_photo)
    not_held = save_drill(workspace, crew.officer, complete_form(ref.id, held_at=None))
    # The form builder fills held_at when None is given; clear it explicitly.
    save_drill(
        workspace,
        crew.officer,
        dataclasses.replace(complete_form(ref.id), held_at=None),
        not_held,
    )
    with pytest.raises(UserError, match="when the drill was held"):
        finalize_drill(workspace, crew.officer, not_held)
    assert not get_drill(workspace, no_photo).finalized


def test_bad_input_is_refused_before_anything_is_written(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    before = outbox_count(workspace)
    for bad in (
        complete_form(ref.id, drill_type="parade"),
        complete_form(ref.id, students=-3),
        complete_form(ref.id, held_at=utcnow() + timedelta(days=2)),
        complete_form(ref.id, rating="superb"),
    ):
        with pytest.raises(UserError):
            save_drill(workspace, crew.officer, bad)
    assert outbox_count(workspace) == before


def test_only_drill_organisers_record_drills(workspace, crew, tmp_path):
    ref = photo(workspace, crew.teacher, tmp_path)
    with pytest.raises(PermissionDenied):
        save_drill(workspace, crew.teacher, complete_form(ref.id))


def test_a_problem_becomes_a_hazard_with_a_link_back(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    finalize_drill(workspace, crew.officer, drill_id)
    problem = get_drill(workspace, drill_id).problems[0]

    hazard_id = problem_to_hazard(workspace, crew.officer, problem.id, area="fire")

    hazard = hazard_detail(workspace, crew.officer, hazard_id).row
    assert hazard.title == "三楼东侧楼梯应急照明不亮"
    assert hazard.status == "reported"
    after = get_drill(workspace, drill_id).problems[0]
    assert after.hazard_id == hazard_id and after.hazard_ref == hazard.ref
    drill_ref = get_drill(workspace, drill_id).ref
    assert drill_for_hazard(workspace, hazard_id) == (drill_id, drill_ref)
    history = hazard_detail(workspace, crew.officer, hazard_id).history
    assert drill_ref in history[0].note, "the hazard's history names the drill"
    with pytest.raises(UserError, match="already in the hazard ledger"):
        problem_to_hazard(workspace, crew.officer, problem.id, area="fire")
    assert audit_actions(workspace)[-1] == "drill.problem.to_hazard"


def test_a_problem_in_the_ledger_cannot_be_dropped_from_a_draft(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id))
    problem = get_drill(workspace, drill_id).problems[0]
    problem_to_hazard(workspace, crew.officer, problem.id, area="fire")
    kept = complete_form(ref.id, problems=(ProblemEntry("改写后的描述", problem.id),))
    save_drill(workspace, crew.officer, kept, drill_id)
    assert get_drill(workspace, drill_id).problems[0].hazard_id is not None
    with pytest.raises(UserError, match="hazard ledger"):
        save_drill(workspace, crew.officer, complete_form(ref.id, problems=()), drill_id)


def _pdf(path):
    path.write_bytes(b"%PDF-1.4\n% plan\n")
    return path


def test_plan_documents_are_stored_once_and_non_documents_refused(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, complete_form(ref.id, plan=""))
    pdf = _pdf(tmp_path / "方案.pdf")
    attach_document(workspace, crew.officer, drill_id, pdf)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(pdf.read_bytes())
    attach_document(workspace, crew.officer, drill_id, copy)
    fake = tmp_path / "virus.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(UserError, match="virus.pdf"):
        attach_document(workspace, crew.officer, drill_id, fake)

    docs = get_drill(workspace, drill_id).documents
    assert [d.name for d in docs] == ["方案.pdf", "copy.pdf"]
    assert document_path(workspace.data_dir, docs[0].sha256, docs[0].name).exists()
    assert len(list((workspace.data_dir / "documents").rglob("*.pdf"))) == 1
    remove_document(workspace, crew.officer, docs[1].id)
    assert [d.name for d in get_drill(workspace, drill_id).documents] == ["方案.pdf"]
    finalize_drill(workspace, crew.officer, drill_id)  # a document stands in for plan text


def test_drills_list_filters_by_type_and_period(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    save_drill(workspace, crew.officer, complete_form(ref.id, held_at=at(date(2026, 9, 3))))
    save_drill(workspace, crew.officer, complete_form(ref.id, "earthquake", at(date(2026, 10, 12))))
    assert [r.drill_type for r in list_drills(workspace)] == ["earthquake", "fire_evacuation"]
    assert [r.drill_type for r in list_drills(workspace, drill_type="fire_evacuation")] == [
        "fire_evacuation"
    ]
    october = list_drills(workspace, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert [r.drill_type for r in october] == ["earthquake"]


def test_a_draft_can_be_discarded(workspace, crew, tmp_path):
    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(workspace, crew.officer, DrillForm("flood", photos=(PhotoEntry(ref.id),)))
    discard_draft(workspace, crew.officer, drill_id)
    assert get_drill(workspace, drill_id) is None
    assert list_drills(workspace) == []
