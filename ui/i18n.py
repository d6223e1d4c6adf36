"""Translations for the Qt UI.

Source strings are English; every one is translated with an explicit context
through :func:`translate` (``QCoreApplication.translate``). Texts that come
from ``app/`` (messages, role labels, school kinds) use the context ``"app"``.

Threading: call everything here on the UI thread (translators are installed
on the QCoreApplication).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.accounts.roles import ROLE_LABELS
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.paths import resources_dir

translate = QCoreApplication.translate

# Keeps the installed translators alive (Qt does not own them).
_installed: list[QTranslator] = []


def ui_language() -> str:
    """The language to start in: ``XIAOAN_LANG`` if valid, else the saved preference."""
    lang = os.environ.get("XIAOAN_LANG")
    if lang in LANGUAGES:
        return lang
    from app.preferences import load_preferences

    return load_preferences().language or DEFAULT_LANGUAGE


def qm_dir() -> Path:
    return resources_dir() / "i18n"


def install_translators(language: str, catalog_dir: Path | None = None) -> list[str]:
    """Install our catalog and Qt's own (wizard and dialog buttons) for ``language``.

    English needs nothing. Returns the files that were loaded, for logging.
    Replaces translators installed by an earlier call.
    """
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale(language))
    loaded = []
    candidates = [
        (catalog_dir or qm_dir()) / f"xiaoan_{language}.qm",
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        / f"qtbase_{language}.qm",
    ]
    for path in candidates:
        translator = QTranslator(app)
        if path.exists() and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(str(path))
    return loaded


def app_text(text: str) -> str:
    """A text marked in ``app/`` with ``QT_TRANSLATE_NOOP("app", ...)``."""
    return translate("app", text)


def role_label(role: str) -> str:
    label = ROLE_LABELS.get(role)
    return app_text(label) if label else role


def school_kind_label(kind: str) -> str:
    from app.school.service import SCHOOL_KIND_LABELS  # imports the database layer

    label = SCHOOL_KIND_LABELS.get(kind)
    return app_text(label) if label else kind
