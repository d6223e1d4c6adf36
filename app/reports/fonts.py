"""Finding a TrueType CJK font to embed.

ReportLab needs TrueType outlines: WenQuanYi Micro Hei on Linux, Microsoft
YaHei or SimSun on Windows. (Noto CJK is CFF and fails; the built-in
STSong-Light is not embedded, so it shows only where the reader has a CJK
font.) ``XIAOAN_PDF_FONT`` or the preference ``pdf_font`` overrides both.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP

FONT_NAME = "XiaoanCJK"
FONT_NAME_BOLD = "XiaoanCJK-Bold"

CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)


def candidate_paths() -> list[tuple[str, int]]:
    configured = os.environ.get("XIAOAN_PDF_FONT")
    found = [(configured, 0)] if configured else []
    windir = os.environ.get("WINDIR")
    if windir:
        found += [(str(Path(windir) / "Fonts" / n), 0) for n in ("msyh.ttc", "simsun.ttc")]
    return found + list(CANDIDATES)


@functools.cache
def register_cjk_font() -> str:
    """Register the first usable font with ReportLab; return its path.

    Raises a UserError naming every path tried when none works.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    tried = []
    for path, index in candidate_paths():
        tried.append(path)
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
            # Same face for bold: CJK fonts rarely ship a bold; ReportLab needs a name.
            pdfmetrics.registerFont(TTFont(FONT_NAME_BOLD, path, subfontIndex=index))
        except Exception:  # noqa: BLE001 - a broken or CFF font: try the next one
            continue
        from reportlab.lib.fonts import addMapping

        addMapping(FONT_NAME, 0, 0, FONT_NAME)
        addMapping(FONT_NAME, 1, 0, FONT_NAME_BOLD)
        return path
    raise UserError(
        QT_TRANSLATE_NOOP(
            "app",
            "No Chinese font for printing was found. Tried: {paths}. Install the "
            "WenQuanYi Micro Hei font (fonts-wqy-microhei) or set the font file in Settings.",
        ),
        paths=", ".join(tried),
    )
