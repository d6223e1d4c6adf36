"""Property: three PCs of one school, working offline and syncing in any order, end identical.

Each example is a new school at one real bureau (PostgreSQL, a server on
loopback): its first PC sets the school up, two more join with empty data
folders. Then hypothesis draws a run of steps: a PC creates, edits or retires
grid zones, reports hazards and plans them (the same field on several PCs),
saves or finalizes the same month's report (one PC finalizes while another
still edits the draft), syncs over the network, or loses a reply on the way
(the bureau made a return bundle the PC never got). At the end every PC syncs
twice round; all three PCs and the bureau must then hold identical rows in
every synced table (per-table content hashes, tests/convergence.py).

``XIAOAN_PROPERTY_EXAMPLES`` raises the number of examples for a longer run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.errors import UserError
from app.grid.service import add_zone, remove, update_zone
from app.hazards.service import HazardPlan, HazardReport, plan_hazard, report_hazard
from app.monthly.service import finalize_report, save_draft
from app.school.service import SchoolProfile, set_up_school
from app.sync.service import sync_pass
from app.workspace import Workspace
from db.models import GridZone, Hazard
from tests.sync_support import running_bureau
from tests.two_way_support import enroll, join, principal_on, same_everywhere

EXAMPLES = int(os.environ.get("XIAOAN_PROPERTY_EXAMPLES", "8"))
MONTH, AFTER = "2026-10", date(2026, 11, 3)
STROKES = [[(1, 2, 0), (3, 4, 16), (5, 6, 33)]]
SOON = date.today() + timedelta(days=10)
WORDS = st.sampled_from(["东楼", "西楼", "食堂", "操场", "宿舍", "校门", "锅炉房", "实验室"])
_codes = itertools.count(1)

step = st.one_of(
    st.tuples(st.just("zone_add"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("zone_edit"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("zone_remove"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("hazard"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("plan"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("draft"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("finalize"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("sync"), st.integers(0, 2), WORDS, st.integers(0, 99)),
    st.tuples(st.just("lost_reply"), st.integers(0, 2), WORDS, st.integers(0, 99)),
)


@pytest.fixture(autouse=True)
def _no_real_keyring(memory_keyring):
    yield


def _live(ws: Workspace, model, pick: int):
    with ws.read() as s:
        ids = s.scalars(select(model.id).where(model.deleted_at.is_(None)).order_by(model.id)).all()
    return ids[pick % len(ids)] if ids else None


def _do(kind: str, ws: Workspace, who, word: str, n: int, bureau, net) -> None:
    if kind == "zone_add":
        add_zone(ws, who, name=f"{word}{n}", kind="teaching_building")
    elif kind == "zone_edit" and (zone := _live(ws, GridZone, n)):
        update_zone(ws, who, zone, name=f"{word}{n}", kind="teaching_building", place=word)
    elif kind == "zone_remove" and (zone := _live(ws, GridZone, n)):
        remove(ws, who, zone_id=zone)
    elif kind == "hazard":
        report_hazard(ws, who, HazardReport(f"{word}隐患{n}", "fire", place=word))
    elif kind == "plan" and (hazard := _live(ws, Hazard, n)):
        plan_hazard(ws, who, hazard, HazardPlan(who.user_id, SOON, f"整改{word}{n}", "警示"))
    elif kind == "draft":
        save_draft(ws, who, MONTH, f"{word}草稿{n}")
    elif kind == "finalize":
        finalize_report(ws, who, MONTH, f"{word}定稿{n}", STROKES, today=AFTER)
    elif kind == "sync":
        assert sync_pass(ws, transport=net).problem == ""
    elif kind == "lost_reply":
        bureau.ingestor.return_bundle(ws.device_id)  # made, numbered, never delivered


@pytest.fixture
def bureau(postgres_url, tmp_path):
    with running_bureau(postgres_url, tmp_path / "keys") as b:
        yield b


@pytest.mark.timeout(120 + 60 * EXAMPLES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=(Phase.explicit, Phase.generate, Phase.target),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=4, max_size=24))
def test_three_pcs_working_offline_converge_whatever_the_order(
    steps, bureau, postgres_url, tmp_path, blank_database
):
    note(f"steps: {steps}")
    home = tmp_path / f"school-{next(_codes)}"
    code = f"P{home.name.split('-')[1]:0>4}"
    first = Workspace.open(blank_database.copy_to(home / "a"))
    pcs = [first]
    try:
        set_up_school(
            first,
            SchoolProfile(name="石桥村小学", code=code, kind="primary"),
            principal_name="李敏",
            username="limin",
            secret_kind="password",
            secret="xiaoan-test-2026",
        )
        nets = [enroll(first, _school(bureau, code), home / "e0")]
        assert sync_pass(first, transport=nets[0]).problem == ""
        for name in ("b", "c"):
            ws, net = join(
                home / name, _school(bureau, code), home / f"e-{name}", blank=blank_database
            )
            pcs.append(ws)
            nets.append(net)
            assert sync_pass(ws, transport=net).problem == ""
        people = [principal_on(ws) for ws in pcs]
        for kind, i, word, n in steps:
            # A UserError is what a user would be told (a retired zone, a report finalized).
            with contextlib.suppress(UserError):
                _do(kind, pcs[i], people[i], word, n, bureau, nets[i])
        for _round in range(2):
            for ws, net in zip(pcs, nets, strict=True):
                assert sync_pass(ws, transport=net).problem == ""
        same_everywhere(postgres_url, first.school_id, *pcs)
    finally:
        for ws in pcs:
            ws.close()


class _school:
    """The bureau, enrolling files for one school code."""

    def __init__(self, bureau, code: str) -> None:
        self._bureau, self._code = bureau, code
        self.url = bureau.url

    def enroll(self, folder):
        return self._bureau.enroll(folder, code=self._code, name="石桥村小学")
