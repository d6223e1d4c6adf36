"""Translation without Qt.

User-visible text in ``app/`` is written in English and marked with
:func:`QT_TRANSLATE_NOOP` so ``pyside6-lupdate`` collects it into the one
catalog, ``resources/i18n/xiaoan_zh_CN.ts``. The Qt UI translates through the
compiled ``.qm``; headless commands read the same ``.ts`` here, so both speak
the user's language from one source.
"""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET

from app.paths import resources_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (lupdate looks for this name)
    """Marks ``text`` for translation in ``context``; returns it unchanged."""
    return text


@functools.cache
def _catalog(language: str) -> dict[tuple[str, str], str]:
    path = resources_dir() / "i18n" / f"xiaoan_{language}.ts"
    if not path.exists():
        return {}
    table: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                table[(name, msg.findtext("source") or "")] = tr.text
    return table


def cli_language() -> str:
    lang = os.environ.get("XIAOAN_LANG")
    if lang in LANGUAGES:
        return lang
    from app.preferences import load_preferences

    return load_preferences().language


def translate(context: str, text: str, language: str | None = None) -> str:
    language = language or cli_language()
    if language == "en":
        return text
    return _catalog(language).get((context, text), text)
