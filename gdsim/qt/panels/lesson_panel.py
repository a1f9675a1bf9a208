"""The lesson panel: a dockable, closable panel with the session's title and description.

It reads the session model (the scenario's texts, the language of the view options) and keeps no
copy of them: a new scenario or another language and it shows the texts again, formulas written
readably (:mod:`gdsim.qt.panels.lesson_text`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTextBrowser, QWidget

from gdsim.qt.i18n import pick_text
from gdsim.qt.panels.lesson_text import rich_text
from gdsim.qt.session_model import SessionModel, ViewOptions


class LessonPanel(QDockWidget):
    """The scenario's title and description, in the session's language.

    Parameters
    ----------
    session
        The session model whose scenario texts and language are shown.
    """

    def __init__(self, session: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lesson_dock")
        self.session = session
        self.text = QTextBrowser(self)
        self.text.setObjectName("lesson_text")
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and the arrows stay the window's keys
        self.setWidget(self.text)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self._language = session.options.language
        session.loaded.connect(self.show_texts)
        session.options_changed.connect(self._options_changed)
        self.retranslate()

    def has_texts(self) -> bool:
        """Whether the session's scenario has a title or a description to show."""
        return bool(self.session.base.title or self.session.base.description)

    def show_if_texts(self, below: list[QDockWidget], arrange: bool = True) -> None:
        """Shown when the session has texts, hidden otherwise; when it appears (and ``arrange``), on top
        of the panels ``below`` it in their column, with about half its height."""
        window = self.parentWidget()
        appears = self.has_texts() and self.isHidden()
        self.setVisible(self.has_texts())
        if not (appears and arrange and isinstance(window, QMainWindow)):
            return
        column = [dock for dock in below if dock.isVisible() and not dock.isFloating()
                  and window.dockWidgetArea(dock) == window.dockWidgetArea(self)]
        if column and not self.isFloating():
            window.splitDockWidget(self, column[0], Qt.Orientation.Vertical)
        height = window.height()
        share = [0.45] + [0.55 / max(1, len(column))] * len(column)
        window.resizeDocks([self, *column], [int(s * height) for s in share], Qt.Orientation.Vertical)

    def show_texts(self) -> None:
        """Show the scenario's title and description in the session's language."""
        base, language = self.session.base, self.session.options.language
        self._language = language
        html = rich_text(pick_text(base.title, language), pick_text(base.description, language))
        none = self.tr("This session has no lesson text.")
        self.text.setHtml(html or "<p><i>" + none + "</i></p>")

    def _options_changed(self, options: ViewOptions) -> None:
        if options.language != self._language:
            self.show_texts()

    def retranslate(self) -> None:
        """Show the panel's own texts in the current language."""
        self.setWindowTitle(self.tr("Lesson"))
        self.text.setToolTip(self.tr("The lesson's title and description"))
        self.show_texts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
