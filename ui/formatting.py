"""Small display formats shared by pages (UI thread).

Every time shown to people goes through here: stored times are UTC and are
shown on the school's clock (Beijing time, :mod:`app.school.clock`), whatever
the machine's time zone. Periods are shown in words (:func:`period_text`),
never as their keys. ``tests/ui/test_display_formats.py`` scans ``ui/`` for
times formatted some other way.
"""

from __future__ import annotations

from datetime import datetime

from app.accounts.roles import Role
from app.periods import Period, period_words
from app.school.clock import SCHOOL_TZ
from ui.i18n import translate

_ROLE_RANK = {str(role): rank for rank, role in enumerate(Role)}
NO_TIME = "—"


def role_rank(role: str) -> int:
    """Principal first, then safety officer, duty staff, guards, staff (for sorting lists)."""
    return _ROLE_RANK.get(role, len(_ROLE_RANK))


def school_time(when: datetime) -> datetime:
    """A stored (aware) time on the school's clock."""
    return when.astimezone(SCHOOL_TZ)


def format_time(when: datetime | None, never: str = NO_TIME) -> str:
    """A stored time as the school's ``YYYY-MM-DD HH:MM`` (Beijing time).

    ``never`` is shown when there is no time: each caller says it in its own
    words ("never synced", "no backup yet"), translated in its own context —
    one shared "never" cannot read right in every sentence.
    """
    if when is None:
        return never
    return school_time(when).strftime("%Y-%m-%d %H:%M")


def format_seconds(when: datetime) -> str:
    """``YYYY-MM-DD HH:MM:SS`` on the school's clock (lists where seconds tell entries apart)."""
    return school_time(when).strftime("%Y-%m-%d %H:%M:%S")


def format_clock(when: datetime) -> str:
    """``HH:MM`` on the school's clock."""
    return school_time(when).strftime("%H:%M")


def period_text(period: Period) -> str:
    """A period in the UI language's words: 2026年秋季学期, 第48周（11/23–11/29）, 11月下半月."""
    return period_words(period, translate)


def yes_no(value: bool) -> str:
    return translate("Format", "Yes") if value else translate("Format", "No")
