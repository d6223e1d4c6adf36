"""Finding a TrueType CJK font to embed.

ReportLab needs TrueType outlines: WenQuanYi Micro Hei on Linux, Microsoft
YaHei or SimSun on Windows. (Noto CJK is CFF and fails; the built-in
STSong-Light is not embedded, so it shows only where the reader has a CJK
font.)

A configured font file (``XIAOAN_PDF_FONT``) overrides the search: it is the
only file tried, so a school that chose a font never gets another one
silently. Without it the known locations (:func:`search_paths`) are tried in
order. :func:`resolve_font` is the pure lookup (give it the paths to try);
:func:`register_cjk_font` resolves once per configured value and registers the
face with ReportLab; :func:`forget_font` drops what was resolved, so the next
form looks again (after a font was installed, or in tests).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP

FONT_NAME = "XiaoanCJK"
FONT_NAME_BOLD = "XiaoanCJK-Bold"
CONFIG_ENV = "XIAOAN_PDF_FONT"

# (path, index of the face inside a .ttc collection)
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)


def configured_font() -> str | None:
    """The font file the school configured, or None to search the known locations."""
    value = os.environ.get(CONFIG_ENV, "").strip()
    return value or None


def search_paths() -> list[tuple[str, int]]:
    """The known locations, Windows' own font folder first when there is one."""
    found: list[tuple[str, int]] = []
    windir = os.environ.get("WINDIR")
    if windir:
        found += [(str(Path(windir) / "Fonts" / n), 0) for n in ("msyh.ttc", "simsun.ttc")]
    return found + [c for c in CANDIDATES if c not in found]


def candidate_paths(configured: str | None = None) -> list[tuple[str, int]]:
    """What is tried, in order: the configured file alone, else the known locations."""
    return [(configured, 0)] if configured else search_paths()


def no_font_error(tried: Sequence[str]) -> UserError:
    return UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "No Chinese font for printing was found. Tried: {paths}. Install the WenQuanYi "
            "Micro Hei font (fonts-wqy-microhei), or set XIAOAN_PDF_FONT to a TrueType font "
            "file (.ttf or .ttc) such as Microsoft YaHei.",
        ),
        paths=", ".join(tried) or "-",
    )


def resolve_font(candidates: Sequence[tuple[str, int]]) -> tuple[str, int]:
    """The first candidate ReportLab can load as TrueType; raises :func:`no_font_error`.

    Registers nothing: it only proves the file usable.
    """
    path, index, _face = _load_first(candidates)
    return path, index


def _load_first(candidates: Sequence[tuple[str, int]]):
    from reportlab.pdfbase.ttfonts import TTFont

    tried = []
    for path, index in candidates:
        tried.append(path)
        if not Path(path).is_file():
            continue
        try:
            face = TTFont(FONT_NAME, path, subfontIndex=index)
        except Exception:  # noqa: BLE001 - a broken or CFF font: try the next one
            continue
        return path, index, face
    raise no_font_error(tried)


# (configured value, path) of the face registered with ReportLab, or None.
_registered: tuple[str | None, str] | None = None


def register_cjk_font() -> str:
    """Register the font for the current configuration with ReportLab; return its path.

    Resolved once per configured value. Raises a UserError naming every path
    tried when none works (then no form is drawn).
    """
    global _registered
    configured = configured_font()
    if _registered is not None and _registered[0] == configured:
        return _registered[1]
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path, index, face = _load_first(candidate_paths(configured))
    pdfmetrics.registerFont(face)
    # Same face for bold: CJK fonts rarely ship a bold; ReportLab needs a name.
    pdfmetrics.registerFont(TTFont(FONT_NAME_BOLD, path, subfontIndex=index))
    addMapping(FONT_NAME, 0, 0, FONT_NAME)
    addMapping(FONT_NAME, 1, 0, FONT_NAME_BOLD)
    _registered = (configured, path)
    return path


def forget_font() -> None:
    """Forget the resolved font: the next form resolves and registers it again."""
    global _registered
    _registered = None
