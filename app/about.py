"""Version facts shown in Settings: the app's version and its data schema revision."""

from __future__ import annotations

from app import APP_VERSION


def app_version() -> str:
    return APP_VERSION


def schema_revision() -> str:
    """The database schema revision this build writes (the newest migration)."""
    from db.schema import HEAD

    return HEAD
