"""The window in Chinese: every label, tab, button, header, panel title, axis title, plot title and
legend entry shown across a 1D lesson, a data lesson (landscape, data view, the three loss-plot tabs)
and a network lesson is Chinese but for formula symbols, numbers, units and the names a file or torch
uses (optimizer classes, torch parameters, data sets); a lesson's run labels are its Chinese ones; and
switching the language live turns them back into English."""

from __future__ import annotations

import html
import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTabBar,
)

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.qt import i18n
from gdsim.qt.declarations import shown_params
from gdsim.qt.scenario_files import LESSONS_DIR
from tests.qt.conftest import racing_scenario

#: Words allowed in Chinese text: formula and math symbols, names a file or torch uses.
ALLOWED = {
    # symbols and abbreviations of formulas and axes
    "min", "max", "log", "exp", "sin", "cos", "sqrt", "mse", "half_mse", "J_min", "J_low", "PC1", "PC2",
    "MLP", "CNN", "CSV", "csv", "MNIST", "mnist", "Nesterov", "AMSGrad", "SGD", "GD", "torch", "gdsim",
    "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam", "Lévi", "N.13",
    "relu", "tanh", "sigmoid", "digits", "moons", "circles", "spirals", "xor", "blobs", "sine", "auto",
    "linear", "logistic", "mlp", "cnn", "cross_entropy", "cross", "entropy", "null", "steps", "OpenGL",
    "Forrester", "Rosenbrock", "Himmelblau", "Rastrigin", "Ackley", "Beale", "Booth", "Matyas", "Goldstein",
    "Price", "Styblinski", "Tang", "McCormick", "constant", "step_lr", "exponential_lr", "cosine_annealing_lr",
    "inverse_time",
}
ALLOWED |= {param.name for param in shown_params()} | {cls.title for cls in OPTIMIZERS.values()}
WORD = re.compile(r"[A-Za-z][A-Za-z_.]*[A-Za-z0-9]")


def english_words(text: str, labels: set[str]) -> set[str]:
    """The English words in ``text`` (a run's label taken out first: it is the lesson's data)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u200b", "").replace("\xa0", " ")
    for label in sorted(labels, key=len, reverse=True):
        text = text.replace(label, "")
    words = {word for word in WORD.findall(text) if len(word) > 2}
    return {word for word in words if word not in ALLOWED and not any(part in ALLOWED for part in word.split("_"))
            and word.split(".")[0] not in ALLOWED}


def shown_texts(window) -> dict[str, str]:
    """What the visible widgets and plots say: where -> text."""
    found: dict[str, str] = {}
    for widget in QApplication.allWidgets():
        if not widget.isVisible() or widget.window() is not window:
            continue
        where = f"{type(widget).__name__}#{widget.objectName() or widget.parent().objectName()}"
        if isinstance(widget, QLabel):
            found[f"{where} label {widget.text()[:30]}"] = widget.text()
        elif isinstance(widget, QAbstractButton):
            found[f"{where} button"] = widget.text()
        elif isinstance(widget, QGroupBox):
            found[f"{where} group"] = widget.title()
        elif isinstance(widget, QComboBox):
            found[f"{where} combo"] = widget.currentText()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                found[f"{where} tab {index}"] = widget.tabText(index)
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            horizontal = widget.orientation() == Qt.Orientation.Horizontal
            for index in range(widget.count()):
                found[f"{where} header {index}"] = str(widget.model().headerData(index, widget.orientation()) or "") \
                    if horizontal else ""
        elif isinstance(widget, QDockWidget):
            found[f"{where} dock"] = widget.windowTitle()
        elif widget is getattr(window, "readout", None):  # painted, not a label
            found[f"{where} readout"] = widget.text()
        if isinstance(widget, pg.GraphicsView):
            for item in widget.scene().items():
                if not item.isVisible():
                    continue
                if isinstance(item, pg.AxisItem):
                    found[f"{where} axis {item.orientation}"] = item.labelText
                elif isinstance(item, pg.LabelItem):
                    found[f"{where} title/legend {item.text[:30]}"] = item.text
                elif isinstance(item, pg.TextItem):
                    found[f"{where} text"] = item.toPlainText()
    return found


def visit(window, qtbot, lesson: str, wait_for_view: str) -> dict[str, str]:
    """Open ``lesson`` and play it a little; every loss-plot tab and view shown, each in turn."""
    path = next(LESSONS_DIR.glob(f"{lesson}_*.json"))
    loads = window.loads
    window.open_file(path, lesson=True, confirmed=True)
    qtbot.waitUntil(lambda: window.loads > loads, timeout=90_000)
    qtbot.waitUntil(lambda: window.views.get_built(wait_for_view) is not None
                    and window.views[wait_for_view].isVisible(), timeout=10_000)
    window.play_action.trigger()
    qtbot.wait(1500)
    window.play_action.trigger()
    found = {}
    for tab in range(window.loss_plot.tabs.count()):
        window.loss_plot.tabs.setCurrentIndex(tab)
        qtbot.wait(100)
        found |= shown_texts(window)
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible():
            dock.raise_()
            qtbot.wait(50)
            found |= shown_texts(window)
    return found


def untranslated(found: dict[str, str]) -> dict[str, set[str]]:
    return {where: words for where, text in found.items() if (words := english_words(text, set()))}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.install_language("en")


def test_allowed_words_are_names_and_symbols_and_english_is_found():
    assert english_words("步长 lr = 0.1，SGD（随机梯度下降）", set()) == set()
    assert english_words("Validation accuracy", set()) == {"Validation", "accuracy"}
    assert english_words("<b>clip_\u200bnorm</b>&nbsp;·&nbsp;梯度裁剪", set()) == set()
    assert english_words("GD (article 004) ☆ 已知极小值", {"GD (article 004)"}) == set()


@pytest.mark.parametrize("lesson, view", [("01", "1d"), ("09", "data"), ("16", "network")])
def test_every_text_shown_in_chinese_is_chinese_and_switching_back_shows_english(make_window, qtbot, lesson, view):
    if lesson == "16":
        pytest.importorskip("torch")
        pytest.importorskip("sklearn")
    window = make_window(racing_scenario())
    window.resize(1400, 900)
    window.set_language("zh")
    found = visit(window, qtbot, lesson, view)
    assert len(found) > 30
    assert untranslated(found) == {}
    # a lesson's run labels are the lesson's Chinese ones, in the legend, the runs list and the results
    chinese = {window.session.shown_label(spec) for spec in window.session.runs.values()}
    assert chinese <= set(window.session.shown_runs()[run_id].label for run_id in window.session.runs)
    runs = window.runs_panel.list
    assert {runs.item(row).text() for row in range(runs.count())} == chinese
    legends = [html.unescape(text).replace("\xa0", " ") for text in found.values() if "<span" in text]
    assert all(label in legends[0] for label in chinese) if view != "network" else not legends, legends
    # the same window in English: the loss plot's, the views' and the panels' words follow at once
    window.set_language("en")
    qtbot.wait(100)
    english = shown_texts(window)
    assert "Loss" in english.values() and any(text.startswith("step") for text in english.values())
    assert untranslated(english) != {}
    assert {spec.label for spec in window.session.shown_runs().values()} == \
        {spec.label for spec in window.session.runs.values()}
