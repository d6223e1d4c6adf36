"""Where things live: data folder, preferences, shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "xiaoan"
DB_FILENAME = "xiaoan.sqlite3"


def resources_dir() -> Path:
    """Shipped resources (translations, templates). ``XIAOAN_RESOURCES`` overrides."""
    env = os.environ.get("XIAOAN_RESOURCES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    env = os.environ.get("XIAOAN_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    env = os.environ.get("XIAOAN_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))
