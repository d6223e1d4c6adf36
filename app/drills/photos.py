"""Importing many drill photos at once, one file at a time.

A folder from a camera card often holds a damaged or non-picture file among
the photos. The shared store refuses a whole batch for one bad file; here
each file is added on its own, so the good ones are kept and each bad one is
reported by name. The same picture added twice is stored once (the store is
content-addressed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from app.actor import Actor
from app.attachments.store import PhotoRef, add_photos, photos_in_folder
from app.errors import UserError
from app.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class Refused:
    path: Path
    message: str  # translated


@dataclasses.dataclass(frozen=True)
class ImportResult:
    added: list[PhotoRef]
    refused: list[Refused]


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Folders become the pictures directly in them; files are kept as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += photos_in_folder(p) if p.is_dir() else [p]
    return out


def import_one(ws: Workspace, actor: Actor, path: Path | str) -> PhotoRef:
    """Add one picture to the store (UserError if it is not a readable JPEG or PNG)."""
    return add_photos(ws, actor, [Path(path)])[0]


def import_photos(ws: Workspace, actor: Actor, paths: Iterable[Path | str]) -> ImportResult:
    """Add every readable picture; list the others with the reason, in order."""
    added: list[PhotoRef] = []
    refused: list[Refused] = []
    for path in expand(paths):
        try:
            added.append(import_one(ws, actor, path))
        except UserError as exc:
            refused.append(Refused(path, exc.localized()))
    return ImportResult(added, refused)
