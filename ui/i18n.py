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

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

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

    Qt's own dialogs speak ``language`` too: Qt's ``qtbase`` catalog covers
    most of their texts and ours fills what it lacks (:func:`qt_gap_texts`).
    A dialog of the desktop (GTK's or Windows' file dialog) speaks the
    desktop's language instead, so when that is not ``language`` the app
    uses Qt's own dialogs.
    """
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale("en_US" if language == "en" else language))
    desktop_speaks_it = QLocale.system().language() == QLocale().language()
    QCoreApplication.setAttribute(
        Qt.ApplicationAttribute.AA_DontUseNativeDialogs, not desktop_speaks_it
    )
    if language == "en":
        return []
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


def qt_gap_texts() -> list[str]:
    """Texts of Qt's own dialogs that Qt's zh_CN catalog lacks, in the UI language.

    Qt 6 renamed them (``&Look in:`` was ``Look in:``) or moved them to a new
    context, and its catalog still has only the old form, so the file dialog
    showed "Look in", "Files of type" and "Folder" in English. Written here
    so ``pyside6-lupdate`` collects them into our catalog, which Qt consults
    when its own has nothing. A test opens Qt's dialogs in Chinese and checks
    nothing English is left.
    """
    return [
        translate("QFileDialog", "&Look in:"),
        translate("QFileDialog", "Files of &type:"),
        translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        translate("QAbstractFileIconProvider", "Drive"),
        translate("QPrintSettingsOutput", "Page &Set:"),
    ]


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
