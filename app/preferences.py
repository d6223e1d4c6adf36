"""Per-user preferences kept outside any database (needed before one is opened)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from pathlib import Path

from app.paths import config_dir


@dataclasses.dataclass
class Preferences:
    language: str = "zh_CN"
    last_data_dir: str = ""


def _path() -> Path:
    return config_dir() / "preferences.json"


def load_preferences() -> Preferences:
    try:
        raw = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    prefs = Preferences()
    for field in dataclasses.fields(Preferences):
        value = raw.get(field.name)
        if isinstance(value, str):
            setattr(prefs, field.name, value)
    from app.i18n import LANGUAGES

    if prefs.language not in LANGUAGES:
        prefs.language = "zh_CN"
    return prefs


def save_preferences(prefs: Preferences) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(dataclasses.asdict(prefs), ensure_ascii=False), encoding="utf-8")
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
