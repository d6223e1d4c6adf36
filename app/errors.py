"""Errors a user can cause and read.

A :class:`UserError` carries an English message (marked for translation) and
its parameters; the UI and the CLI show it in the user's language. Services
raise it *before* changing anything, or inside a write action so the whole
action rolls back: bad input never leaves a partial save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.i18n import translate


class UserError(Exception):
    context = "app"

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(message.format(**params) if params else message)

    def localized(self, tr: Callable[[str, str], str] | None = None) -> str:
        text = (tr or translate)(self.context, self.message)
        return text.format(**self.params) if self.params else text


class PermissionDenied(PermissionError, UserError):
    """The signed-in user's role may not do this. Checked in services, not only in the UI."""

    def __init__(self, message: str, **params: Any) -> None:
        UserError.__init__(self, message, **params)
