"""Per-user preferences kept outside any database (needed before one is opened).

One small JSON file in the user's config folder. Every value is checked on
reading: a missing, damaged or out-of-range entry falls back to its default,
so a hand-edited file can never stop the app from starting.

* ``language`` — the UI language (a key of :data:`app.i18n.LANGUAGES`).
* ``last_data_dir`` — the data folder opened last.
* ``idle_lock_minutes`` — the screen locks after this long without keyboard
  or mouse input (:data:`IDLE_LOCK_RANGE`); only the principal changes it
  (:func:`set_idle_lock_minutes`), since it guards everyone's records on a
  shared PC.
* ``windows`` — remembered window sizes: ``{name: {"width", "height",
  "maximized"}}`` (:func:`window_size`, :func:`remember_window`).

Threading: any thread; the file is read and replaced whole (an atomic rename).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from app.accounts.roles import Permission, require
from app.actor import Actor
from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP
from app.paths import config_dir

DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_RANGE = (1, 120)  # minutes, both ends allowed


@dataclasses.dataclass(frozen=True)
class WindowSize:
    """A window's remembered size (of its contents, without the frame) and state."""

    width: int
    height: int
    maximized: bool = False


@dataclasses.dataclass
class Preferences:
    language: str = "zh_CN"
    last_data_dir: str = ""
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    windows: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)


def _path() -> Path:
    return config_dir() / "preferences.json"


def _valid_window(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    w, h, m = value.get("width"), value.get("height"), value.get("maximized", False)
    sizes_ok = all(
        isinstance(v, int) and not isinstance(v, bool) and 0 < v < 100_000 for v in (w, h)
    )
    return sizes_ok and isinstance(m, bool)


def load_preferences() -> Preferences:
    try:
        raw = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    prefs = Preferences()
    for name in ("language", "last_data_dir"):
        if isinstance(raw.get(name), str):
            setattr(prefs, name, raw[name])
    minutes = raw.get("idle_lock_minutes")
    low, high = IDLE_LOCK_RANGE
    if isinstance(minutes, int) and not isinstance(minutes, bool) and low <= minutes <= high:
        prefs.idle_lock_minutes = minutes
    windows = raw.get("windows")
    if isinstance(windows, dict):
        prefs.windows = {
            k: v for k, v in windows.items() if isinstance(k, str) and _valid_window(v)
        }
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


# -- idle lock --------------------------------------------------------------------------


def idle_lock_minutes() -> int:
    """Minutes without input before the screen locks."""
    return load_preferences().idle_lock_minutes


def set_idle_lock_minutes(actor: Actor, minutes: int) -> None:
    """Change the idle time before the screen locks (the principal only)."""
    require(actor, Permission.MANAGE_USERS)
    low, high = IDLE_LOCK_RANGE
    if not low <= minutes <= high:
        raise UserError(
            QT_TRANSLATE_NOOP("app", "The screen locks after {low} to {high} minutes."),
            low=low,
            high=high,
        )
    prefs = load_preferences()
    prefs.idle_lock_minutes = minutes
    save_preferences(prefs)


# -- window sizes ---------------------------------------------------------------------


def window_size(name: str) -> WindowSize | None:
    """The size window ``name`` had when it was last closed, if any."""
    value = load_preferences().windows.get(name)
    if value is None:
        return None
    return WindowSize(value["width"], value["height"], value.get("maximized", False))


def remember_window(name: str, size: WindowSize) -> None:
    """Keep window ``name``'s size for the next time it opens."""
    prefs = load_preferences()
    prefs.windows[name] = dataclasses.asdict(size)
    with contextlib.suppress(OSError):  # a read-only config folder costs only the size
        save_preferences(prefs)
