"""Small display formats shared by pages (UI thread)."""

from __future__ import annotations

from datetime import datetime

from app.accounts.roles import Role
from app.school.clock import SCHOOL_TZ
from ui.i18n import translate

_ROLE_RANK = {str(role): rank for rank, role in enumerate(Role)}


def role_rank(role: str) -> int:
    """Principal first, then safety officer, duty staff, guards, staff (for sorting lists)."""
    return _ROLE_RANK.get(role, len(_ROLE_RANK))


def format_time(when: datetime | None) -> str:
    """A stored (UTC) time as the school's ``YYYY-MM-DD HH:MM`` (Beijing time), or "never"."""
    if when is None:
        return translate("Format", "never")
    return when.astimezone(SCHOOL_TZ).strftime("%Y-%m-%d %H:%M")


def yes_no(value: bool) -> str:
    return translate("Format", "Yes") if value else translate("Format", "No")
