"""Building the signed-in context the main window and pages get."""

from __future__ import annotations

from app.accounts.service import authenticate
from app.school.service import get_profile
from ui.context import AppContext


def context_for(ws, username: str, secret: str) -> AppContext:
    return AppContext(ws, authenticate(ws, username, secret), get_profile(ws))
