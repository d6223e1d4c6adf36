"""Version facts shown in Settings: the app's version, its data version, details for support.

People read "校安 0.1.0（数据版本 9）"; the schema revision's own name
(``0009_incidents``) is for whoever supports the school, so it is part of
:func:`support_details`, not of the line people read.
"""

from __future__ import annotations

import platform
import sys

from app import APP_VERSION


def app_version() -> str:
    """The installed package's version (``pyproject.toml``); the source's when not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("xiaoan")
    except PackageNotFoundError:
        return APP_VERSION


def schema_revision() -> str:
    """The database schema revision this build writes (the newest migration)."""
    from db.schema import HEAD

    return HEAD


def data_version() -> int:
    """The data format as one number people can read: 9 means the ninth schema revision.

    Revisions are only ever appended (:data:`db.schema.REVISIONS`), so the number
    grows with every change of the data format and never repeats.
    """
    from db.schema import HEAD, REVISIONS

    return REVISIONS.index(HEAD) + 1


def support_details() -> list[str]:
    """Plain lines (never translated) to paste into a message to whoever supports the school."""
    return [
        f"xiaoan {app_version()}",
        f"data version {data_version()} (schema revision {schema_revision()})",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"executable {sys.executable}",
    ]
