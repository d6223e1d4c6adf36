"""Cadence periods: month, quarter and semester boundaries, leap days, school terms."""

from datetime import date

from app.periods import (
    Cadence,
    Term,
    TermName,
    half_month_of,
    month_of,
    next_month_day,
    parse_month,
    parse_week,
    period_of,
    periods_between,
    quarter_of,
    semester_of,
    week_of,
)


def test_month_ends_include_leap_day():
    assert month_of(date(2028, 2, 10)).end == date(2028, 2, 29)
    assert month_of(date(2026, 2, 10)).end == date(2026, 2, 28)
    assert month_of(date(2026, 12, 31)).key == "2026-12"


def test_quarter_boundaries():
    q = quarter_of(date(2026, 3, 31))
    assert (q.start, q.end, q.key) == (date(2026, 1, 1), date(2026, 3, 31), "2026-Q1")
    assert quarter_of(date(2026, 4, 1)).key == "2026-Q2"
    assert quarter_of(date(2026, 12, 31)).end == date(2026, 12, 31)


def test_default_semesters_and_the_summer_holiday():
    autumn = semester_of(date(2027, 1, 31))
    assert (autumn.start, autumn.end, autumn.key) == (
        date(2026, 9, 1),
        date(2027, 1, 31),
        "2026-autumn",
    )
    spring = semester_of(date(2027, 2, 1))
    assert (spring.start, spring.end) == (date(2027, 2, 1), date(2027, 7, 31))
    assert semester_of(date(2027, 8, 15)) is None
    assert semester_of(date(2026, 11, 23)).key == "2026-autumn"


def test_school_terms_override_the_default():
    terms = [
        Term(date(2026, 8, 25), date(2027, 1, 20), TermName.AUTUMN),
        Term(date(2027, 2, 20), date(2027, 7, 5), TermName.SPRING),
    ]
    assert semester_of(date(2026, 8, 26), terms).start == date(2026, 8, 25)
    assert semester_of(date(2027, 1, 25), terms) is None  # winter holiday
    assert semester_of(date(2027, 1, 25)) is not None  # default autumn still running


def test_weeks_and_half_months():
    w = parse_week("2026-W48")
    assert (w.start, w.end) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week_of(date(2027, 1, 1)).key == "2026-W53"
    assert half_month_of(date(2026, 11, 15)).end == date(2026, 11, 15)
    assert half_month_of(date(2026, 11, 16)).key == "2026-11b"
    assert parse_month("2026-11").days == 30


def test_periods_between_covers_each_period_once_and_skips_holidays():
    months = list(periods_between(Cadence.MONTHLY, date(2026, 11, 20), date(2027, 2, 3)))
    assert [p.key for p in months] == ["2026-11", "2026-12", "2027-01", "2027-02"]
    sems = list(periods_between(Cadence.SEMESTER, date(2027, 6, 1), date(2027, 9, 30)))
    assert [p.key for p in sems] == ["2027-spring", "2027-autumn"]
    assert period_of(Cadence.QUARTERLY, date(2026, 5, 5)).next().key == "2026-Q3"


def test_next_month_day_for_the_monthly_report():
    assert next_month_day(date(2026, 11, 23), 5) == date(2026, 12, 5)
    assert next_month_day(date(2026, 12, 31), 5) == date(2027, 1, 5)
