"""View > Language: the languages gdsim speaks, each named in itself, the current one checked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gdsim.qt.i18n import LANGUAGES


class LanguageMenu(QMenu):
    """Emits ``language_chosen(str)`` ("en", "zh") when a language is picked.

    Parameters
    ----------
    language
        The language checked at first.
    """

    language_chosen = Signal(str)

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("language_menu")
        group = QActionGroup(self)
        for code, (_locale, name) in LANGUAGES.items():  # a name a reader of that language finds
            action = self.addAction(name, lambda code=code: self.language_chosen.emit(code))
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            group.addAction(action)
        self.show_language(language)
        self.retranslate()

    def show_language(self, language: str) -> None:
        """Check ``language``'s entry (emits nothing)."""
        self.findChild(type(self.actions()[0]), f"language_{language}").setChecked(True)

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Language"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
