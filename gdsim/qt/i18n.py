"""The interface language: which one, remembered where, and Qt's translators installed for it.

gdsim speaks English (the source texts) and Simplified Chinese. Its own translations are compiled
from ``gdsim/resources/translations/gdsim_zh_CN.ts`` (``make translations``); Qt's own
``qtbase_zh_CN.qm`` (standard buttons and dialogs) comes from PySide6's translations folder. The
language follows the system locale unless the command line (``gdsim --lang zh``) or the View >
Language menu chose one; the menu's choice is remembered in QSettings. Installing a translator
makes Qt send every widget a LanguageChange event, on which gdsim's panels run ``retranslate()``.

Texts of a lesson (its title, description and captions) are not translated by Qt: a scenario
carries them in each language, and :func:`pick_text` picks the one to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from gdsim.resources import TRANSLATIONS_DIR

#: The languages gdsim speaks: code -> (Qt's locale name, the language's name in itself).
LANGUAGES: dict[str, tuple[str, str]] = {"en": ("en_US", "English"), "zh": ("zh_CN", "中文(简体)")}
#: The language of the source texts (no translator needed).
SOURCE_LANGUAGE = "en"
#: Where the person's choice is kept.
SETTINGS_KEY = "view/language"

#: The translators installed now (kept referenced: Qt does not own them).
_installed: list[QTranslator] = []


def system_language(locale: QLocale | None = None) -> str:
    """The language of ``locale`` (default: the system's) if gdsim speaks it, else English."""
    locale = locale or QLocale.system()
    return "zh" if locale.language() == QLocale.Language.Chinese else SOURCE_LANGUAGE


def chosen_language(settings: QSettings, requested: str | None = None) -> str:
    """The language to start in: ``requested`` (the command line), else the remembered choice,
    else the system's."""
    for language in (requested, settings.value(SETTINGS_KEY)):
        if isinstance(language, str) and language in LANGUAGES:
            return language
    return system_language()


def remember_language(settings: QSettings, language: str) -> None:
    """Keep ``language`` as the person's choice for the next start."""
    settings.setValue(SETTINGS_KEY, language)


def qm_files(language: str) -> list[Path]:
    """The compiled translations for ``language``: Qt's own, then gdsim's (none for English)."""
    if language == SOURCE_LANGUAGE:
        return []
    locale = LANGUAGES[language][0]
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [qt_folder / f"qtbase_{locale}.qm", TRANSLATIONS_DIR / f"gdsim_{locale}.qm"]


def install_language(language: str) -> list[Path]:
    """Replace the installed translators with those of ``language``; returns the files loaded.

    Every widget then receives a LanguageChange event (one per translator removed or installed).
    A missing file (a Qt build without Chinese) is skipped: its texts stay in English.
    """
    app = QCoreApplication.instance()
    while _installed:
        app.removeTranslator(_installed.pop())
    loaded = []
    for path in qm_files(language):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(path)
    return loaded


def mark_source(item: QObject, text: str, tip: str = "") -> None:
    """Remember the English source texts of a menu, an action or a panel, for :func:`retranslate_marked`."""
    item.setProperty("source_text", text)
    item.setProperty("source_tip", tip)


def retranslate_marked(items: Iterable[QObject], context: str) -> None:
    """Show the marked ``items`` in the current language: a menu's title, an action's text, tooltip
    and status tip, a panel's or toolbar's window title (translated in ``context``)."""
    def translated(source: str) -> str:
        return QCoreApplication.translate(context, source)

    for item in items:
        source, tip = item.property("source_text"), item.property("source_tip")
        if not source:
            continue
        if isinstance(item, QMenu):
            item.setTitle(translated(source))
        elif isinstance(item, QAction):
            item.setText(translated(source))
            item.setToolTip(translated(tip or source))
            item.setStatusTip(translated(tip) if tip else "")
        elif isinstance(item, QWidget):
            item.setWindowTitle(translated(source))


def pick_text(texts: Mapping[str, str] | None, language: str) -> str | None:
    """A text written in several languages (``{"en": ..., "zh": ...}``) in ``language``, else in
    English, else in whichever language it has; None when there is none."""
    if not texts:
        return None
    return texts.get(language) or texts.get(SOURCE_LANGUAGE) or next(iter(texts.values()), None)
