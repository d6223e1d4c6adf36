"""Which required drills are done, due or missed, by school type and period boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.drills.cadence import Status, check, drill_cadence
from app.drills.compliance import evidence
from app.drills.service import start_correction
from app.errors import PermissionDenied, UserError
from app.evidence import load_source
from app.periods import Term, TermName
from app.school.terms import get_terms, set_terms, terms_for
from tests.app.drill_helpers import at, held_drill
from tests.app.inspection_helpers import people


@pytest.fixture
def crew(workspace, principal):
    return people(workspace, principal)


def _status(ws, on, today, kind, bus=False, terms=None):
    with ws.read() as s:
        items = check(s, ws.school_id, on, today, kind=kind, has_school_bus=bus, terms=terms)
    return {i.requirement.code: (i.period.key, i.status) for i in items}


def test_a_primary_school_drills_every_month(workspace, crew, tmp_path):
    held_drill(workspace, crew.officer, tmp_path, "earthquake", date(2026, 10, 31))
    # The last day of October counts for October, not November.
    oct_ = _status(workspace, date(2026, 10, 15), date(2026, 11, 20), "primary")
    nov = _status(workspace, date(2026, 11, 20), date(2026, 11, 20), "primary")
    sep = _status(workspace, date(2026, 9, 10), date(2026, 11, 20), "primary")
    assert oct_["drill_monthly"] == ("2026-10", Status.DONE)
    assert nov["drill_monthly"] == ("2026-11", Status.DUE)
    assert sep["drill_monthly"] == ("2026-09", Status.MISSED)
    assert "drill_quarterly" not in nov and "bus_drill" not in nov


def test_a_drill_late_in_the_evening_counts_on_its_local_day(workspace, crew, tmp_path):
    # 23:30 Beijing time on 30 September is 15:30 UTC the same day; 00:30 on
    # 1 October is still 30 September in UTC.
    from app.drills.service import finalize_drill, save_drill
    from tests.app.drill_helpers import complete_form, photo

    ref = photo(workspace, crew.officer, tmp_path)
    drill_id = save_drill(
        workspace, crew.officer, complete_form(ref.id, held_at=at(date(2026, 10, 1), 0))
    )
    finalize_drill(workspace, crew.officer, drill_id)
    assert _status(workspace, date(2026, 9, 15), date(2026, 11, 1), "primary")["drill_monthly"] == (
        "2026-09",
        Status.MISSED,
    )
    assert _status(workspace, date(2026, 10, 15), date(2026, 11, 1), "primary")[
        "drill_monthly"
    ] == ("2026-10", Status.DONE)


def test_a_kindergarten_drills_every_quarter(workspace, crew, tmp_path):
    held_drill(workspace, crew.officer, tmp_path, "anti_violence", date(2026, 4, 1))
    q2 = _status(workspace, date(2026, 6, 30), date(2026, 11, 20), "kindergarten")
    q1 = _status(workspace, date(2026, 3, 31), date(2026, 11, 20), "kindergarten")
    q4 = _status(workspace, date(2026, 11, 20), date(2026, 11, 20), "kindergarten")
    assert q2["drill_quarterly"] == ("2026-Q2", Status.DONE)
    assert q1["drill_quarterly"] == ("2026-Q1", Status.MISSED)
    assert q4["drill_quarterly"] == ("2026-Q4", Status.DUE)
    assert "drill_monthly" not in q4


def test_fire_training_is_not_a_monthly_drill_but_counts_for_its_semester(
    workspace, crew, tmp_path
):
    held_drill(workspace, crew.officer, tmp_path, "fire_training", date(2026, 9, 8))
    sep = _status(workspace, date(2026, 9, 30), date(2026, 10, 1), "primary")
    assert sep["drill_monthly"] == ("2026-09", Status.MISSED)
    assert sep["fire_training"] == ("2026-autumn", Status.DONE)
    assert sep["fire_drill"] == ("2026-autumn", Status.DUE)


def test_a_school_with_buses_needs_a_bus_drill_each_semester(workspace, crew, tmp_path):
    held_drill(workspace, crew.officer, tmp_path, "school_bus_evacuation", date(2026, 7, 31))
    # 31 July is the last day of the spring term; the autumn term starts 1 September.
    spring = _status(workspace, date(2026, 3, 1), date(2026, 11, 20), "nine_year", bus=True)
    autumn = _status(workspace, date(2026, 11, 20), date(2026, 11, 20), "nine_year", bus=True)
    last_autumn = _status(workspace, date(2026, 1, 31), date(2026, 11, 20), "nine_year", True)
    assert spring["bus_drill"] == ("2026-spring", Status.DONE)
    assert autumn["bus_drill"] == ("2026-autumn", Status.DUE)
    assert last_autumn["bus_drill"] == ("2025-autumn", Status.MISSED)
    # The summer holiday has no semester: only the monthly drill is asked for.
    august = _status(workspace, date(2026, 8, 15), date(2026, 11, 20), "nine_year", bus=True)
    assert set(august) == {"drill_monthly"}
    no_bus = _status(workspace, date(2026, 3, 1), date(2026, 11, 20), "nine_year", bus=False)
    assert "bus_drill" not in no_bus


def test_the_school_own_term_dates_move_the_semester_boundary(workspace, crew, principal, tmp_path):
    held_drill(workspace, crew.officer, tmp_path, "fire_evacuation", date(2026, 2, 20))
    default = _status(workspace, date(2026, 2, 20), date(2026, 11, 20), "primary")
    assert default["fire_drill"] == ("2026-spring", Status.DONE)

    spring = Term(date(2026, 3, 1), date(2026, 7, 10), TermName.SPRING)
    autumn = Term(date(2025, 9, 1), date(2026, 2, 28), TermName.AUTUMN)
    set_terms(workspace, principal, [spring, autumn])
    assert get_terms(workspace) == [autumn, spring]
    with workspace.read() as s:
        terms = terms_for(s, workspace.school_id)
    own = _status(workspace, date(2026, 2, 20), date(2026, 11, 20), "primary", terms=terms)
    assert own["fire_drill"] == ("2025-autumn", Status.DONE)
    later = _status(workspace, date(2026, 3, 2), date(2026, 11, 20), "primary", terms=terms)
    assert later["fire_drill"] == ("2026-spring", Status.MISSED)
    # Years the school has not set fall back to the defaults.
    assert (
        _status(workspace, date(2026, 10, 1), date(2026, 11, 20), "primary", terms=terms)[
            "fire_drill"
        ][0]
        == "2026-autumn"
    )


def test_only_the_principal_sets_terms_and_overlaps_are_refused(workspace, crew, principal):
    spring = Term(date(2026, 2, 1), date(2026, 7, 10), TermName.SPRING)
    with pytest.raises(PermissionDenied):
        set_terms(workspace, crew.officer, [spring])
    overlapping = Term(date(2026, 7, 1), date(2027, 1, 20), TermName.AUTUMN)
    with pytest.raises(UserError, match="overlap"):
        set_terms(workspace, principal, [spring, overlapping])
    backwards = Term(date(2026, 7, 1), date(2026, 6, 1), TermName.AUTUMN)
    with pytest.raises(UserError, match="end after"):
        set_terms(workspace, principal, [backwards])
    assert get_terms(workspace) == []
    set_terms(workspace, principal, [spring])
    set_terms(workspace, principal, [])
    assert get_terms(workspace) == []


def test_the_cadence_uses_the_school_profile(workspace, crew, tmp_path):
    # The fixture school is a nine-year school with buses.
    items = drill_cadence(workspace, date(2026, 11, 10), date(2026, 11, 23))
    assert [i.requirement.code for i in items] == [
        "drill_monthly",
        "fire_drill",
        "fire_training",
        "bus_drill",
    ]


def test_evidence_is_found_by_name_and_counts_only_finalized_current_records(
    workspace, crew, tmp_path
):
    source = load_source("app.drills.compliance:evidence")
    assert source is evidence
    kept = held_drill(workspace, crew.officer, tmp_path, "fire_evacuation", date(2026, 11, 2))
    held_drill(workspace, crew.officer, tmp_path, "flood", date(2026, 11, 3), finalize=False)
    quake = held_drill(workspace, crew.officer, tmp_path, "earthquake", date(2026, 11, 4))

    with workspace.read() as s:
        found = source(s, workspace.school_id, date(2026, 11, 1), date(2026, 11, 30), {})
        fire = source(
            s,
            workspace.school_id,
            date(2026, 11, 1),
            date(2026, 11, 30),
            {"types": ["fire_evacuation"]},
        )
        edge = source(s, workspace.school_id, date(2026, 11, 4), date(2026, 11, 4), {})
    assert [e.record_id for e in found] == [kept, quake], "the draft does not count"
    assert found[0].record_table == "drill" and found[0].kind == "fire_evacuation"
    assert found[0].when == at(date(2026, 11, 2))
    assert found[0].when.utcoffset() == timedelta(0), "an aware UTC time, like every stored time"
    assert [e.record_id for e in fire] == [kept]
    assert [e.record_id for e in edge] == [quake], "both ends of the range are included"

    # A finalized correction replaces the old record in the count.
    from app.drills.service import finalize_drill

    correction = start_correction(workspace, crew.officer, quake)
    finalize_drill(workspace, crew.officer, correction)
    with workspace.read() as s:
        again = source(s, workspace.school_id, date(2026, 11, 1), date(2026, 11, 30), {})
    assert [e.record_id for e in again] == [kept, correction]
