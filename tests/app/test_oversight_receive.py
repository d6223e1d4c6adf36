"""The PC takes in the bureau's publications: strictly checked, once each, each kind's effect."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from sqlalchemy import func, select

from app.compliance.engine import evaluate_workspace
from app.compliance.rules import load_rules
from app.inspections.service import start_inspection
from app.oversight import service
from db.models import InspectionAnswer, OutboxEntry, ReceivedPublication, SyncNotice
from tests.app.oversight_helpers import (
    PUBLISHED,
    data_file,
    deliver,
    duty_order,
    hazard_answer,
    item,
    notice,
    rules_item,
    template_item,
)


def received(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(ReceivedPublication))


def outbox(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxEntry))


def test_a_notice_is_kept_once_and_listed_on_the_sync_page(workspace):
    ws = workspace
    before = outbox(ws)
    n = notice(ack=False)
    assert deliver(ws, [n]) == 1
    assert deliver(ws, [n]) == 0  # sent again: kept once
    # The sync page lists the notices kept as sync_notice rows (shown once enrolled).
    with ws.read() as s:
        assert [(x.text, x.created_at) for x in s.scalars(select(SyncNotice))] == [
            (n["body"]["text"], PUBLISHED)
        ]
    assert received(ws) == 1
    # Local-only: nothing of it goes back to the bureau.
    assert outbox(ws) == before
    # A notice that does not ask for acknowledgement is not waiting for one.
    assert service.notices_to_acknowledge(ws) == []


def test_a_notice_asking_for_acknowledgement_waits_for_one(workspace):
    ws = workspace
    deliver(ws, [notice(ack=True, seq=3)])
    waiting = service.notices_to_acknowledge(ws)
    assert len(waiting) == 1 and waiting[0].published_at == PUBLISHED


BAD_ITEMS = [
    "not an object",
    {"seq": 1, "id": "x", "kind": "notice", "published_at": PUBLISHED.isoformat(), "body": {}},
    {**notice(), "extra": 1},
    {**notice(), "seq": True},
    {**notice(), "seq": 0},
    {**notice(), "id": "6F9619FF-8B86-D011-B42D-00C04FC964FF"},  # not canonical
    {**notice(), "published_at": "2026-11-20T02:00:00"},  # no offset
    {**notice(), "published_at": "yesterday"},
    {**notice(), "body": []},
    item("notice", {"text": "", "ack_required": False}),
    item("notice", {"text": "x" * 2001, "ack_required": False}),
    item("notice", {"text": "hi", "ack_required": "yes"}),
    item("notice", {"text": "hi", "ack_required": False, "colour": "red"}),
    item("supervision", {"subject": "duty", "duty": "x", "deadline": "2026-13-01", "text": "t"}),
    item("supervision", {"subject": "fire", "deadline": "2026-12-01", "text": "t"}),
    item(
        "supervision",
        {
            "subject": "hazard",
            "hazard_id": "nope",
            "hazard_ref": "YH1",
            "hazard_title": "",
            "deadline": "2026-12-01",
            "text": "t",
        },
    ),  # fmt: skip
    item("hazard_answer", {"hazard_id": "1", "hazard_ref": "YH1", "text": "t"}),
    template_item(version=0),
    template_item(text='{"template": "fire", "version": 2, "title": "t"}\n'),  # no items
    template_item(version=3, text=template_item(version=2)["body"]["text"]),  # header differs
    item("rules", {"number": 2, "version": "v", "text": "{not json"}),
]


@pytest.mark.parametrize("bad", BAD_ITEMS)
def test_a_malformed_item_is_skipped_and_logged_and_the_rest_still_arrive(workspace, bad, caplog):
    ws = workspace
    good = notice(ack=False)
    with caplog.at_level(logging.INFO, logger="xiaoan.oversight"):
        assert deliver(ws, [bad, good]) == 1
    assert "skipped" in caplog.text
    with ws.read() as s:
        assert list(s.scalars(select(ReceivedPublication.id))) == [
            __import__("uuid").UUID(good["id"])
        ]
    assert not data_file(ws, "templates").exists() or not any(
        data_file(ws, "templates").glob("*.jsonl")
    )


def test_an_unknown_kind_is_skipped_for_a_newer_app_and_nothing_breaks(workspace, caplog):
    ws = workspace
    with caplog.at_level(logging.INFO, logger="xiaoan.oversight"):
        assert deliver(ws, [item("poll", {"question": "?"}), duty_order()]) == 1
    assert "unknown kind 'poll'" in caplog.text
    assert len(service.open_orders(ws)) == 1


def test_not_a_list_changes_nothing(workspace):
    assert deliver(workspace, {"seq": 1}) == 0  # type: ignore[arg-type]
    assert received(workspace) == 0


def test_a_template_version_is_used_by_the_next_new_inspection(workspace, principal):
    ws = workspace
    first = start_inspection(ws, principal, "weekly", ["fire"])
    assert deliver(ws, [template_item(version=2)]) == 1
    assert data_file(ws, "templates", "fire-v2.jsonl").is_file()
    second = start_inspection(ws, principal, "weekly", ["fire"])
    with ws.read() as s:

        def versions(iid):
            rows = s.scalars(select(InspectionAnswer).where(InspectionAnswer.inspection_id == iid))
            return {(a.template_version, a.item_code) for a in rows}

        assert {v for v, _c in versions(first)} == {1}
        assert {v for v, _c in versions(second)} == {2}
        assert (2, "FIRE-99") in versions(second)
    assert service.template_updates(ws) == {"fire": (2, PUBLISHED)}


def test_rules_from_the_bureau_take_effect_for_the_next_computation(workspace):
    ws = workspace
    today = date.today()
    ids = {c.rule.id for c in evaluate_workspace(ws, today, today, today)}
    assert "daily_patrol" in ids
    assert deliver(ws, [rules_item(number=2, version="bureau-2026.2")]) == 1
    assert data_file(ws, "compliance", "rules-v2.json").is_file()
    rules = load_rules(data_dir=ws.data_dir)
    assert rules.version == "bureau-2026.2"
    assert "daily_patrol" not in {c.rule.id for c in evaluate_workspace(ws, today, today, today)}
    assert service.rules_update(ws, rules.version) == PUBLISHED
    # Without the data folder (or for another school's PC) the shipped rules stay.
    assert load_rules().version != "bureau-2026.2"


def test_a_broken_rules_file_in_the_data_folder_is_passed_over(workspace):
    ws = workspace
    folder = data_file(ws, "compliance")
    folder.mkdir(parents=True)
    (folder / "rules-v7.json").write_text("{broken", "utf-8")
    assert load_rules(data_dir=ws.data_dir).version == load_rules().version


def test_a_hazard_answer_and_orders_are_kept(workspace):
    ws = workspace
    import uuid

    hid = uuid.uuid4()
    assert deliver(ws, [hazard_answer(hid, "YH20261101-ABCDEF"), duty_order(seq=2)]) == 2
    answers = service.hazard_answers(ws, hid)
    assert [a.text for a in answers] == ["已列入区财政专项，12月底前拨款。"]
    assert service.hazard_answers(ws, uuid.uuid4()) == []
