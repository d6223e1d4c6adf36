"""Periods in people's words, in Chinese and English: never the keys files and JSON use."""

from __future__ import annotations

from datetime import date

import pytest

from app.i18n import translate
from app.periods import (
    Term,
    TermName,
    day_of,
    half_month_of,
    month_of,
    period_words,
    quarter_of,
    semester_of,
    week_of,
)

DAY = date(2026, 11, 23)
CASES = [
    (day_of(DAY), "2026年11月23日", "November 23, 2026"),
    (week_of(DAY), "第48周（11/23–11/29）", "Week 48 (11/23–11/29)"),
    (half_month_of(date(2026, 11, 3)), "11月上半月", "First half of November"),
    (half_month_of(DAY), "11月下半月", "Second half of November"),
    (month_of(DAY), "2026年11月", "November 2026"),
    (quarter_of(DAY), "2026年第4季度", "Q4 2026"),
    (semester_of(DAY), "2026年秋季学期", "Autumn term 2026"),
    (semester_of(date(2027, 1, 20)), "2026年秋季学期", "Autumn term 2026"),
    (semester_of(date(2027, 3, 1)), "2027年春季学期", "Spring term 2027"),
]


@pytest.mark.parametrize(
    ("period", "chinese", "english"), CASES, ids=lambda c: getattr(c, "key", None)
)
def test_every_kind_of_period_in_both_languages(period, chinese, english):
    assert period_words(period, lambda ctx, text: translate(ctx, text, "zh_CN")) == chinese
    assert period_words(period, lambda ctx, text: translate(ctx, text, "en")) == english


def test_a_week_across_the_new_year_names_its_own_days():
    week = week_of(date(2026, 12, 30))
    assert week.key == "2026-W53"
    assert period_words(week, lambda c, t: translate(c, t, "zh_CN")) == "第53周（12/28–1/3）"


def test_a_school_term_is_named_by_the_year_it_starts():
    terms = [Term(date(2026, 8, 28), date(2027, 1, 22), TermName.AUTUMN)]
    term = semester_of(date(2027, 1, 5), terms)
    assert period_words(term, lambda c, t: translate(c, t, "zh_CN")) == "2026年秋季学期"


def test_commands_speak_the_users_language_by_default(monkeypatch):
    monkeypatch.setenv("XIAOAN_LANG", "zh_CN")
    assert period_words(month_of(DAY)) == "2026年11月"
    monkeypatch.setenv("XIAOAN_LANG", "en")
    assert period_words(month_of(DAY)) == "November 2026"
