"""Lessons on screen: the lesson panel, a lesson's pace and views, the title and File menu naming the
lesson, the Help menu, full screen, and the whole window switching language."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QDockWidget,
    QMenu,
    QTableWidget,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from gdsim.qt import i18n
from gdsim.qt.help_menu import ARTICLES, articles_html, shortcut_rows
from gdsim.qt.scenario_files import LESSONS_DIR, lessons
from gdsim.qt.speed_slider import DEFAULT_SPEED
from tests.qt.conftest import racing_scenario

LESSON_04 = next(LESSONS_DIR.glob("04_*.json"))
LESSON_09 = next(LESSONS_DIR.glob("09_*.json"))


@pytest.fixture(autouse=True)
def english_system(monkeypatch):
    """The system locale reads as English whatever the machine's is; English again after the test."""
    monkeypatch.setattr(i18n, "system_language", lambda locale=None: "en")
    yield
    i18n.install_language("en")


def texts_of(path):
    return json.loads(path.read_text(encoding="utf-8"))


def open_lesson(window, qtbot, path):
    loads = window.loads
    window.open_file(path, lesson=True, confirmed=True)
    qtbot.waitUntil(lambda: window.loads > loads, timeout=15_000)


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_a_lesson_shows_its_texts_and_pace_and_the_next_one_does_not_inherit_the_speed(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    assert not window.lesson_panel.isVisible()  # the default session has no lesson text
    open_lesson(window, qtbot, LESSON_04)
    data = texts_of(LESSON_04)
    shown = window.lesson_panel.text.toPlainText()
    assert window.lesson_panel.isVisible()
    assert data["title"]["en"] in shown and data["description"]["en"][:60] in shown
    assert data["title"]["en"] in window.windowTitle()
    assert window.lesson_action.isVisible() and data["title"]["en"] in window.lesson_action.text()
    assert window.speed.speed == data["pace"] == 2

    # the engine keeps the pace: never more steps than pace x time (plus the first)
    started = time.perf_counter()
    window.play_action.trigger()
    qtbot.wait(1500)
    window.play_action.trigger()
    elapsed = time.perf_counter() - started
    steps = window.live.frame(window.session.selected).step
    assert 1 <= steps <= data["pace"] * elapsed + 1

    window.speed.slider.setValue(window.speed.slider.maximum())  # the person goes flat out
    assert window.speed.speed is None
    open_lesson(window, qtbot, LESSON_09)
    assert window.speed.speed == texts_of(LESSON_09)["pace"] == 50

    no_pace = tmp_path / "no_pace.json"
    no_pace.write_text(json.dumps({"format": "gdsim.scenario", "version": 1,
                                   "problem": {"kind": "landscape", "name": "himmelblau"}, "runs": [{}]}))
    window.open_file(no_pace, confirmed=True)
    qtbot.waitUntil(lambda: window.problem.name == "himmelblau", timeout=15_000)
    assert window.speed.speed == DEFAULT_SPEED
    assert not window.lesson_panel.isVisible() and not window.lesson_action.isVisible()


def test_a_scenario_choosing_its_views_shows_those(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    data = texts_of(LESSON_09)
    open_lesson(window, qtbot, LESSON_09)
    assert window.views["data"].isVisible() and window.main_views.currentWidget() is window.views["2d"]
    only_2d = tmp_path / "only_2d.json"
    only_2d.write_text(json.dumps({**data, "view": ["2d"]}), encoding="utf-8")
    loads = window.loads
    window.open_file(only_2d, confirmed=True)
    qtbot.waitUntil(lambda: window.loads > loads, timeout=15_000)
    assert not window.views["data"].isVisible() and window.main_views.currentWidget() is window.views["2d"]


def test_help_lists_the_actions_shortcuts_and_the_five_articles(make_window, qtbot):
    window = make_window(racing_scenario())
    rows = dict(shortcut_rows(window.actions()))
    assert rows["Play"] == "Space" and rows["Presentation mode"] == "F5" and rows["Full screen"] == "F11"
    window.reset_action.setShortcut("Ctrl+Shift+R")  # the listing reads the actions, not a copy of them
    dialog = window.findChild(QMenu, "help_menu").shortcuts_dialog()
    table = dialog.findChild(QTableWidget)
    listed = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert listed["Reset"] == "Ctrl+Shift+R"
    assert listed["Keyboard shortcuts…"] == "F1"
    dialog.close()

    text = articles_html("zh", lessons())
    for article in ARTICLES:
        assert article.title in text and article.gloss in text
    lesson_09 = texts_of(LESSON_09)
    # lesson 09 shows article 004's example: it is listed under 004, the last article
    assert lesson_09["title"]["zh"] in text.split(ARTICLES[-1].title)[1]


def test_full_screen_shows_only_the_views_and_gives_the_panels_back(make_window, qtbot):
    window = make_window(racing_scenario())
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
    assert docks
    window.full_screen_action.trigger()
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=5000)
    assert not any(dock.isVisible() for dock in window.findChildren(QDockWidget))
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.main_views.isVisible() and window.loss_plot.isVisible()
    window.full_screen_action.trigger()  # F11 again
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=5000)
    assert [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()] == docks
    assert window.menuBar().isVisible()


def test_switching_the_language_changes_menus_panels_and_lesson_at_once_and_is_remembered(make_window, qtbot):
    window = make_window(racing_scenario())
    open_lesson(window, qtbot, LESSON_04)
    data = texts_of(LESSON_04)
    english = menu_titles(window)
    assert english[:2] == ["&File", "&Lessons"] and window.play_action.text() == "Play"

    window.findChild(QMenu, "language_menu").actions()[1].trigger()  # 中文
    qtbot.waitUntil(lambda: window.play_action.text() == "播放", timeout=5000)
    assert menu_titles(window)[:2] == ["文件(&F)", "课程(&L)"] and menu_titles(window)[-1] == "帮助(&H)"
    assert window.play_action.toolTip() == "播放或暂停（空格键）"
    assert data["title"]["zh"] in window.lesson_panel.text.toPlainText()
    assert window.lesson_panel.windowTitle() == "课程"
    assert window.problem_panel.catalog_label.text() == "问题"
    assert window.findChild(QDockWidget, "problem_dock").windowTitle() == "问题与运行"
    assert data["title"]["zh"] in window.windowTitle() and data["title"]["zh"] in window.lesson_action.text()
    assert window.speed.label.text() == "2 步/秒"
    assert window.lessons_menu.actions()[3].text() == data["title"]["zh"]
    dialog = window.findChild(QMenu, "help_menu").shortcuts_dialog()
    table = dialog.findChild(QTableWidget)
    assert [table.item(row, 0).text() for row in range(table.rowCount())][:2] == ["播放", "单步"]
    assert "打开…" in [table.item(row, 0).text() for row in range(table.rowCount())]  # no "(&O)" left
    dialog.close()
    # Qt's own translation: a standard button
    dialog = window.findChild(QMenu, "help_menu").articles_dialog()
    assert dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).text() == "关闭"
    assert "文章 004" in dialog.findChild(QTextBrowser).toPlainText()
    dialog.close()
    assert QSettings().value(i18n.SETTINGS_KEY) == "zh"

    window.findChild(QMenu, "language_menu").actions()[0].trigger()  # English
    qtbot.waitUntil(lambda: window.play_action.text() == "Play", timeout=5000)
    assert menu_titles(window) == english
    assert data["title"]["en"] in window.lesson_panel.text.toPlainText()
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"


def test_the_remembered_language_and_the_command_line_choose_the_start(make_window, qtbot):
    QSettings().setValue(i18n.SETTINGS_KEY, "zh")
    window = make_window(racing_scenario())
    assert window.session.options.language == "zh" and menu_titles(window)[0] == "文件(&F)"
    assert window.findChild(QMenu, "language_menu").actions()[1].isChecked()
    assert i18n.chosen_language(QSettings(), "en") == "en"  # gdsim --lang en wins over the remembered


def _inside(child, parent) -> bool:
    """``child``'s rectangle lies within ``parent``'s (in window coordinates)."""
    top_left = child.mapTo(parent.window(), child.rect().topLeft())
    bottom_right = child.mapTo(parent.window(), child.rect().bottomRight())
    box = parent.rect().translated(parent.mapTo(parent.window(), parent.rect().topLeft()))
    return box.contains(top_left) and box.contains(bottom_right)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_presentation_mode_fits_1280x720_with_nothing_clipped(make_window, qtbot, language):
    from PySide6.QtWidgets import QHeaderView, QTabBar

    window = make_window(racing_scenario())
    window.set_language(language)
    open_lesson(window, qtbot, LESSON_09)
    window.resize(1280, 720)
    window.presentation_action.trigger()
    qtbot.waitUntil(lambda: window.session.options.presentation, timeout=5000)
    qtbot.wait(300)
    bar = window.menuBar()
    assert bar.actionGeometry(bar.actions()[-1]).right() <= bar.width()  # every menu title shown
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.isVisible()]
    assert window.lesson_panel in docks
    for tabs in window.findChildren(QTabBar):
        if tabs.isVisible():
            for index in range(tabs.count()):
                assert tabs.rect().contains(tabs.tabRect(index)), tabs.tabText(index)
                assert tabs.fontMetrics().horizontalAdvance(tabs.tabText(index)) <= tabs.tabRect(index).width()
    for dock in docks:  # every panel shown in turn (tabs): inside the window, its title and table headers whole
        dock.raise_()
        qtbot.wait(50)
        assert _inside(dock, window), dock.objectName()
        title = dock.fontMetrics().horizontalAdvance(dock.windowTitle())
        assert title + 60 <= dock.width(), f"{dock.objectName()}'s title is cut"
        for header in dock.findChildren(QHeaderView):
            if header.isVisible() and header.orientation() == Qt.Orientation.Horizontal:
                last = max(range(header.count()), key=header.sectionViewportPosition)
                assert header.sectionViewportPosition(last) + header.sectionSize(last) <= header.width(), \
                    f"{dock.objectName()}: column {last} is cut"
    window.lesson_panel.raise_()
    text = window.lesson_panel.text
    assert not text.horizontalScrollBar().isVisible()
    # the views (landscape, data, loss plot) have most of the width, the landscape the largest part
    views, landscape, data = window.findChild(QWidget, "views"), window.views["2d"], window.views["data"]
    assert views.width() >= 0.65 * window.width(), (views.width(), window.width())
    assert landscape.width() >= 0.45 * window.width() and landscape.width() > data.width()
    results = window.results.table
    shown = [c for c in range(results.columnCount()) if not results.isColumnHidden(c)]
    assert len(shown) >= 4 and sum(results.columnWidth(c) for c in shown) <= results.viewport().width()


def diverging_scenario():
    """SGD on J(x) = x² with lr 2: x ← x − 2·2x = −3x, beyond 10⁶ in magnitude after 13 steps."""
    from gdsim.engine.spec import RunSpec
    from gdsim.session.scenario import Scenario

    return Scenario(problem={"kind": "expression", "expr": "x^2", "domain": [[-3.0, 3.0]]},
                    runs=(RunSpec(label="SGD", optimizer="sgd", hyper={"lr": 2.0}, start=(1.0,)),), steps=100)


def test_switching_the_language_translates_the_panels_help_and_messages_from_below_qt(make_window, qtbot):
    """Hyperparameter help, the run editor's labels, the results table, a divergence reason (SGD on x²
    with lr 2) and a refused formula follow the language at once, and come back in English."""
    from gdsim.core.stopping import divergence_reason

    window = make_window(diverging_scenario())
    window.play_action.trigger()
    run = window.session.selected
    qtbot.waitUntil(lambda: window.live.frame(run) is not None and not window.live.frame(run).running,
                    timeout=10_000)
    # the engine's reason, in English, from its own function (a parameter beyond 1e6 after 13 steps)
    assert window.live.frame(run).reason == divergence_reason(None, np.array([[3.0**13]])) \
        == "a parameter grew beyond 1e+06 in magnitude"
    editor = window.runs_panel.editor
    box = window.problem_panel.formula_box
    box.box.lineEdit().setFocus()
    box.box.lineEdit().selectAll()
    qtbot.keyClicks(box.box.lineEdit(), "x^2 + 2x")
    qtbot.waitUntil(lambda: box.error.isVisible() and not box._check_later.isActive(), timeout=5000)

    window.messages.show_message("a bug", "error", details="Traceback ...")

    def shown() -> dict[str, str]:
        return {"help": editor.optimizer.labels["lr"].toolTip(),
                "status bar": window.step_label.text(),
                "record": window.record_action.text(),
                "diverged": next(m for m in window.messages.messages() if "1e+06" in m),
                "details": window.messages.findChild(QToolButton, "message_details").text(),
                "hyper tip": editor.optimizer.editors["lr"].toolTip(),
                "section": editor.sections["schedule"].text(),
                "clip label": editor.gradient.labels["clip_norm"].text(),
                "schedule": editor.schedule.combo.currentText(),
                "header": window.results.table.horizontalHeaderItem(2).text(),
                "status": window.results.text(0, 1),
                "reason tip": window.results.table.item(0, 1).toolTip(),
                "readout": window.readout.text(),
                "formula": box.error.text()}

    english = shown()
    assert "Learning rate: the step size" in english["help"] and "Learning rate" in english["hyper tip"]
    assert english["section"] == "Learning-rate schedule" and english["header"] == "Steps"
    assert english["status"] == "diverged" and english["reason tip"] == "a parameter grew beyond 1e+06 in magnitude"
    assert "stopped: a parameter grew beyond 1e+06 in magnitude" in english["readout"]
    assert english["formula"] == "⚠ missing operator between '2' and 'x' at column 8: write 2*x"
    step = int(window.live.frame(run).diverged_at[0])
    assert english["status bar"] == f"step {window.live.frame(run).step} · finished" and english["record"] == "● Record"
    assert english["diverged"] == f"Diverged: SGD at step {step} (a parameter grew beyond 1e+06 in magnitude). " \
        "Try a smaller learning rate." and english["details"] == "Details"

    window.findChild(QMenu, "language_menu").actions()[1].trigger()  # 中文
    qtbot.waitUntil(lambda: window.play_action.text() == "播放", timeout=5000)
    chinese = shown()
    assert "学习率：乘在更新量上的步长" in chinese["help"] and "学习率" in chinese["hyper tip"]
    assert "（默认 0.001" in chinese["hyper tip"]  # torch's default lr of SGD, in the Chinese sentence
    assert chinese["section"] == "学习率调度" and chinese["header"] == "步数"
    assert "clip_" in chinese["clip label"] and "梯度裁剪" in chinese["clip label"]  # torch's name kept
    assert chinese["schedule"] == "常数 (constant)"
    assert chinese["status"] == "已发散" and chinese["reason tip"] == "某个参数的绝对值超过了 1e+06"
    assert "停止原因：某个参数的绝对值超过了 1e+06" in chinese["readout"]
    assert chinese["formula"] == "⚠ 第 8 列的 '2' 和 'x' 之间缺少运算符：请写成 2*x"
    assert chinese["status bar"] == f"第 {window.live.frame(run).step} 步 · 已结束" and chinese["record"] == "● 录制"
    assert chinese["diverged"] == f"已发散：SGD 在第 {step} 步（某个参数的绝对值超过了 1e+06）。请尝试更小的学习率。"
    assert chinese["details"] == "详情"

    window.findChild(QMenu, "language_menu").actions()[0].trigger()  # English
    qtbot.waitUntil(lambda: window.play_action.text() == "Play", timeout=5000)
    assert shown() == english
