"""Calendar periods the bureau's cadences are counted in: day, ISO week, half-month,
month, quarter and semester.

Every cadence check (drills, patrols, the monthly report, the compliance
rules) asks the same question — "which period holds this date, and where does
it start and end?" — so the answer lives here once. Periods are closed
ranges of whole days: ``start <= d <= end``.

Semesters follow the bureau's default school year — spring term February to
July, autumn term September to January of the next year — unless the school
has set its own term dates (:class:`Term`). A date outside every term (the
summer holiday in August, by default) has no semester.
"""

from __future__ import annotations

import calendar
import dataclasses
import enum
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta

from app.i18n import QT_TRANSLATE_NOOP


class Cadence(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    HALF_MONTHLY = "half_monthly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMESTER = "semester"


class TermName(enum.StrEnum):
    SPRING = "spring"
    AUTUMN = "autumn"


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    cadence: Cadence
    # Stable name for files, JSON and the database: 2026-11-23, 2026-W48, 2026-11a,
    # 2026-11, 2026-Q4, 2026-autumn. Never shown to people: see :func:`period_words`.
    key: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def next(self, terms: Sequence[Term] | None = None) -> Period | None:
        """The period of the same cadence that follows this one (None past the last term)."""
        return period_of(self.cadence, self.end + timedelta(days=1), terms)

    def previous(self, terms: Sequence[Term] | None = None) -> Period | None:
        return period_of(self.cadence, self.start - timedelta(days=1), terms)


@dataclasses.dataclass(frozen=True, order=True)
class Term:
    """A school term: the school's own dates, or the bureau default from :func:`default_terms`."""

    start: date
    end: date
    name: TermName

    @property
    def key(self) -> str:
        return f"{self.start.year}-{self.name.value}"


def month_of(day: date) -> Period:
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(
        date(day.year, day.month, 1),
        date(day.year, day.month, last),
        Cadence.MONTHLY,
        f"{day.year:04d}-{day.month:02d}",
    )


def half_month_of(day: date) -> Period:
    """1st–15th ("a") or 16th–end of month ("b")."""
    month = month_of(day)
    if day.day <= 15:
        return Period(
            month.start, month.start.replace(day=15), Cadence.HALF_MONTHLY, f"{month.key}a"
        )
    return Period(month.start.replace(day=16), month.end, Cadence.HALF_MONTHLY, f"{month.key}b")


def week_of(day: date) -> Period:
    """The ISO week (Monday to Sunday) holding ``day``."""
    year, week, weekday = day.isocalendar()
    start = day - timedelta(days=weekday - 1)
    return Period(start, start + timedelta(days=6), Cadence.WEEKLY, f"{year:04d}-W{week:02d}")


def parse_week(text: str) -> Period:
    """``2026-W48`` → that ISO week. Raises ValueError on anything else."""
    year_text, _, week_text = text.strip().upper().partition("-W")
    monday = date.fromisocalendar(int(year_text), int(week_text), 1)
    return week_of(monday)


def parse_month(text: str) -> Period:
    """``2026-11`` → that month. Raises ValueError on anything else."""
    year_text, _, month_text = text.strip().partition("-")
    return month_of(date(int(year_text), int(month_text), 1))


def quarter_of(day: date) -> Period:
    q = (day.month - 1) // 3
    start = date(day.year, 3 * q + 1, 1)
    end = month_of(date(day.year, 3 * q + 3, 1)).end
    return Period(start, end, Cadence.QUARTERLY, f"{day.year:04d}-Q{q + 1}")


def day_of(day: date) -> Period:
    return Period(day, day, Cadence.DAILY, day.isoformat())


def default_terms(year: int) -> list[Term]:
    """The bureau default terms that touch calendar ``year``, in order.

    Autumn runs September to the end of January, so January belongs to the
    previous year's autumn term.
    """
    return [
        Term(date(year - 1, 9, 1), date(year, 1, 31), TermName.AUTUMN),
        Term(date(year, 2, 1), date(year, 7, 31), TermName.SPRING),
        Term(date(year, 9, 1), date(year + 1, 1, 31), TermName.AUTUMN),
    ]


def term_of(day: date, terms: Sequence[Term] | None = None) -> Term | None:
    """The term holding ``day``: from the school's ``terms`` when given, else the default."""
    candidates = terms if terms else default_terms(day.year)
    for term in candidates:
        if term.start <= day <= term.end:
            return term
    return None


def semester_of(day: date, terms: Sequence[Term] | None = None) -> Period | None:
    term = term_of(day, terms)
    if term is None:
        return None
    return Period(term.start, term.end, Cadence.SEMESTER, term.key)


def period_of(cadence: Cadence, day: date, terms: Sequence[Term] | None = None) -> Period | None:
    """The period of ``cadence`` holding ``day`` (None only for a semester in a holiday)."""
    match cadence:
        case Cadence.DAILY:
            return day_of(day)
        case Cadence.WEEKLY:
            return week_of(day)
        case Cadence.HALF_MONTHLY:
            return half_month_of(day)
        case Cadence.MONTHLY:
            return month_of(day)
        case Cadence.QUARTERLY:
            return quarter_of(day)
        case Cadence.SEMESTER:
            return semester_of(day, terms)
    raise ValueError(cadence)


def periods_between(
    cadence: Cadence, start: date, end: date, terms: Sequence[Term] | None = None
) -> Iterator[Period]:
    """Every period of ``cadence`` that overlaps ``start``..``end``, in order, each once."""
    day = start
    while day <= end:
        period = period_of(cadence, day, terms)
        if period is None:  # a holiday between terms: step a day
            day += timedelta(days=1)
            continue
        yield period
        day = period.end + timedelta(days=1)


def next_month_day(day: date, n: int) -> date:
    """Day ``n`` of the month after ``day``'s (the monthly report is due by the 5th)."""
    month_end = month_of(day).end
    following = month_end + timedelta(days=1)
    return following.replace(day=min(n, calendar.monthrange(following.year, following.month)[1]))


# -- in people's words -------------------------------------------------------------------

# One template per kind of period. Both languages use the same placeholders, so
# the month is a word of its own (``November`` / ``11月``).
_WORDS = {
    Cadence.DAILY: QT_TRANSLATE_NOOP("periods", "{month} {day}, {year}"),
    Cadence.WEEKLY: QT_TRANSLATE_NOOP("periods", "Week {week} ({start}–{end})"),
    Cadence.MONTHLY: QT_TRANSLATE_NOOP("periods", "{month} {year}"),
    Cadence.QUARTERLY: QT_TRANSLATE_NOOP("periods", "Q{quarter} {year}"),
}
_HALVES = (
    QT_TRANSLATE_NOOP("periods", "First half of {month}"),
    QT_TRANSLATE_NOOP("periods", "Second half of {month}"),
)
_TERMS = {
    TermName.SPRING: QT_TRANSLATE_NOOP("periods", "Spring term {year}"),
    TermName.AUTUMN: QT_TRANSLATE_NOOP("periods", "Autumn term {year}"),
}
MONTH_NAMES = (
    QT_TRANSLATE_NOOP("periods", "January"),
    QT_TRANSLATE_NOOP("periods", "February"),
    QT_TRANSLATE_NOOP("periods", "March"),
    QT_TRANSLATE_NOOP("periods", "April"),
    QT_TRANSLATE_NOOP("periods", "May"),
    QT_TRANSLATE_NOOP("periods", "June"),
    QT_TRANSLATE_NOOP("periods", "July"),
    QT_TRANSLATE_NOOP("periods", "August"),
    QT_TRANSLATE_NOOP("periods", "September"),
    QT_TRANSLATE_NOOP("periods", "October"),
    QT_TRANSLATE_NOOP("periods", "November"),
    QT_TRANSLATE_NOOP("periods", "December"),
)

Translate = Callable[[str, str], str]


def period_words(period: Period, translate: Translate | None = None) -> str:
    """``period`` as people say it: 2026年秋季学期, 第48周（11/23–11/29）, 11月下半月.

    The one place a period becomes text for a person (pages, the 工作台,
    command output). ``translate(context, text)`` is the caller's: the Qt
    UI passes its own, commands get :func:`app.i18n.translate` (the user's
    language). Keys (:attr:`Period.key`) stay for files and JSON.
    """
    if translate is None:
        from app.i18n import translate as cli_translate

        translate = cli_translate

    def month_name(month: int) -> str:
        return translate("periods", MONTH_NAMES[month - 1])

    start = period.start
    match period.cadence:
        case Cadence.DAILY:
            text = translate("periods", _WORDS[Cadence.DAILY])
            return text.format(year=start.year, month=month_name(start.month), day=start.day)
        case Cadence.WEEKLY:
            week = start.isocalendar()[1]
            return translate("periods", _WORDS[Cadence.WEEKLY]).format(
                week=week,
                start=f"{start.month}/{start.day}",
                end=f"{period.end.month}/{period.end.day}",
            )
        case Cadence.HALF_MONTHLY:
            half = _HALVES[0 if start.day == 1 else 1]
            return translate("periods", half).format(month=month_name(start.month))
        case Cadence.MONTHLY:
            text = translate("periods", _WORDS[Cadence.MONTHLY])
            return text.format(year=start.year, month=month_name(start.month))
        case Cadence.QUARTERLY:
            text = translate("periods", _WORDS[Cadence.QUARTERLY])
            return text.format(year=start.year, quarter=(start.month - 1) // 3 + 1)
        case Cadence.SEMESTER:
            name = TermName(period.key.partition("-")[2])
            return translate("periods", _TERMS[name]).format(year=start.year)
    raise ValueError(period.cadence)
