"""The Help menu: the keyboard shortcuts (read from the window's actions) and the five source articles.

gdsim's lessons come from five Chinese articles (their texts are in the project's seeds). Each
article here has its Chinese title and an English gloss; which lesson shows which article's example
is read from the lessons themselves: a lesson's English description names the article ("Article
004's example ..."), so the mapping lives in one place, the lesson files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gdsim.qt.i18n import pick_text
from gdsim.qt.scenario_files import Lesson, lessons

# How a lesson's English description names an article: "Article 004's", "article 001 runs".
ARTICLE_REFERENCE = re.compile(r"\b[Aa]rticles? (\d{3})\b")


@dataclass(frozen=True)
class Article:
    """A source article: its number (the prefix of its file in the seeds), Chinese title and English
    gloss of the title."""

    number: str
    title: str
    gloss: str


ARTICLES = (
    Article("000", "解锁机器学习-梯度下降:从技术到实战的全面指南",
            "Unlocking machine learning, gradient descent: a complete guide from technique to practice"),
    Article("001", "深度学习模型组件之优化器--基础优化器(GD、SGD、Mini-batch SGD)",
            "Optimizers as parts of deep-learning models: the basic optimizers (GD, SGD, mini-batch SGD)"),
    Article("002", "梯度下降的基本概念", "The basic ideas of gradient descent"),
    Article("003", "深度神经网络——什么是梯度下降?", "Deep neural networks: what is gradient descent?"),
    Article("004", "从“下山”到AI引擎:全面理解梯度下降(上)",
            "From walking downhill to the engine of AI: understanding gradient descent fully (part 1)"),
)


def articles_shown(lesson: Lesson) -> list[str]:
    """The numbers of the articles whose examples ``lesson`` shows, as its description names them."""
    found = ARTICLE_REFERENCE.findall(lesson.description.get("en", ""))
    return sorted(set(found))


def lessons_by_article(found: Iterable[Lesson]) -> dict[str, list[Lesson]]:
    """Article number -> the lessons that show its examples (in file-name order)."""
    by_article: dict[str, list[Lesson]] = {article.number: [] for article in ARTICLES}
    for lesson in found:
        for number in articles_shown(lesson):
            by_article.setdefault(number, []).append(lesson)
    return by_article


def articles_html(language: str, found: Iterable[Lesson] | None = None) -> str:
    """The five articles as rich text: number, Chinese title, English gloss and the lessons (titled
    in ``language``) that show each one's examples."""
    by_article = lessons_by_article(lessons() if found is None else found)
    intro = QCoreApplication.translate("Help", "gdsim was made from these five articles (in Chinese).")
    showing = QCoreApplication.translate("Help", "Lessons showing its examples:")
    none = QCoreApplication.translate("Help", "No lesson shows its examples yet.")
    parts = [f"<p>{html.escape(intro)}</p>"]
    for article in ARTICLES:
        heading = QCoreApplication.translate("Help", "Article %1").replace("%1", article.number)
        parts.append(f"<h3>{html.escape(heading)}: {html.escape(article.title)}</h3>"
                     f"<p><i>{html.escape(article.gloss)}</i></p>")
        shown = by_article.get(article.number, [])
        if shown:
            items = "".join(f"<li>{html.escape(lesson.path.stem[:2])} · "
                            f"{html.escape(pick_text(lesson.title, language) or lesson.path.stem)}</li>"
                            for lesson in shown)
            parts.append(f"<p>{html.escape(showing)}</p><ul>{items}</ul>")
        else:
            parts.append(f"<p>{html.escape(none)}</p>")
    return "\n".join(parts)


def without_accelerator(text: str) -> str:
    """A menu text without its keyboard accelerator: "&Open…" and "打开(&O)…" read "Open…", "打开…"."""
    text = re.sub(r"\s*\(&[^)]\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) of every action with a keyboard shortcut, as the actions now say (their text in
    the current language, the keys as this platform writes them)."""
    rows = []
    for action in actions:
        keys = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
        keys = [key for key in keys if key]
        if keys:
            rows.append((without_accelerator(action.text()), ", ".join(keys)))
    return rows


def _dialog(parent: QWidget, title: str, body: QWidget) -> QDialog:
    dialog = QDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(640, 480)
    return dialog


class HelpMenu(QMenu):
    """Help: Keyboard shortcuts… and Source articles…, each a dialog built when opened (so it
    shows the actions' current keys and the current language).

    Parameters
    ----------
    window
        The main window: its actions give the shortcuts, its session the language.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("help_menu")
        self.window_ = window
        self.shortcuts_action = self.addAction("", self.show_shortcuts)
        self.shortcuts_action.setObjectName("help_shortcuts")
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.articles_action = self.addAction("", self.show_articles)
        self.articles_action.setObjectName("help_articles")
        self.retranslate()

    def retranslate(self) -> None:
        """Show the menu's texts in the current language."""
        self.setTitle(self.tr("&Help"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts…"))
        self.articles_action.setText(self.tr("&Source articles…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def shortcuts_dialog(self) -> QDialog:
        """A dialog with a table of the window's keyboard shortcuts."""
        rows = shortcut_rows((*self.window_.actions(), *self.actions()))
        table = QTableWidget(len(rows), 2)
        table.setObjectName("shortcuts_table")
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(what))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return _dialog(self.window_, self.tr("Keyboard shortcuts"), table)

    def articles_dialog(self) -> QDialog:
        """A dialog with the five source articles and the lessons that show their examples."""
        text = QTextBrowser()
        text.setObjectName("articles_text")
        text.setHtml(articles_html(self.window_.session.options.language))
        return _dialog(self.window_, self.tr("Source articles"), text)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog().open()

    def show_articles(self) -> None:
        self.articles_dialog().open()
