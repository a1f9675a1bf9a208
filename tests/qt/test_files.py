"""Files from the window: lessons, open, save, recent files, bad files, recordings, drag and drop."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gdsim.engine.commands import SetHyper
from gdsim.qt.recent_files import recent_files
from gdsim.qt.scenario_files import LESSONS_DIR, lesson_files
from gdsim.session.recording import load_recording
from gdsim.session.scenario import load_scenario
from tests.qt.conftest import racing_scenario

WAIT = 10_000


def test_the_lessons_menu_lists_every_lesson_by_title_and_opens_one(make_window, qtbot):
    window = make_window()
    window.lessons_menu.aboutToShow.emit()
    titles = [a.text() for a in window.lessons_menu.actions()]
    assert titles == [title for title, _ in lesson_files()]
    assert len(titles) == len(list(LESSONS_DIR.glob("*.json"))) > 0
    first = window.lessons_menu.actions()[0]
    scenario = load_scenario(lesson_files()[0][1])[0]
    first.trigger()
    qtbot.waitUntil(lambda: window.snapshot.scenario.title == scenario.title, timeout=WAIT)
    assert window.problem.name == scenario.problem["name"]
    assert [s.label for s in window.specs.values()] == [r.label for r in scenario.runs]
    assert window.path is None  # a lesson opens untitled: saving will not overwrite it
    assert scenario.title["en"] in window.windowTitle()


def test_a_one_parameter_lesson_shows_the_curve_with_tangent_and_step_arrow(make_window, qtbot):
    window = make_window()
    window.open_file(LESSONS_DIR / "01_u_curve_direction.json", lesson=True)
    qtbot.waitUntil(lambda: window.views.currentWidget() is window.curve, timeout=WAIT)
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "slope" in window.curve.slope_text.textItem.toPlainText(), timeout=WAIT)
    text = window.curve.slope_text.textItem.toPlainText()
    assert "the next step goes left" in text  # the selected run starts right of the minimum: slope > 0
    xs, _ys = window.curve.step_arrow.getData()
    assert xs[1] < xs[0]  # the arrow's tip lies left of the ball


def test_a_bad_file_shows_a_clear_message_and_keeps_the_session(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "gdsim.scenario", "version": 1, "problem": {"kind": "landscape",
                                                                                     "name": "nowhere"}}))
    window.open_file(bad)
    qtbot.waitUntil(lambda: any("bad.json" in m for m in window.messages.messages()), timeout=WAIT)
    message = next(m for m in window.messages.messages() if "bad.json" in m)
    assert "nowhere" in message and "Traceback" not in message
    not_json = tmp_path / "notes.json"
    not_json.write_text("{ this is not json")
    window.open_file(not_json)
    qtbot.waitUntil(lambda: any("notes.json" in m for m in window.messages.messages()), timeout=WAIT)
    window.open_file(tmp_path / "missing.json")
    qtbot.waitUntil(lambda: any("missing.json" in m for m in window.messages.messages()), timeout=WAIT)
    assert window.problem.name == "rosenbrock" and len(window.specs) == 2


def test_save_then_open_round_trips_and_remembers_the_file(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    run = window.selected
    window.send(SetHyper(run, "lr", 0.003))
    qtbot.waitUntil(window.isWindowModified, timeout=WAIT)
    path = tmp_path / "mine.json"
    assert window._save_to(path)
    assert not window.isWindowModified()
    assert load_scenario(path)[0].runs[0].hyper["lr"] == 0.003
    assert recent_files(window.settings)[0] == path.resolve()
    window.problem_panel.pick("himmelblau")
    qtbot.waitUntil(lambda: window.problem.name == "himmelblau", timeout=WAIT)
    window.open_file(path)
    qtbot.waitUntil(lambda: window.problem.name == "rosenbrock", timeout=WAIT)
    assert window.path == path and not window.isWindowModified()
    window._fill_recent()
    assert window.recent_menu.actions()[0].text() == "mine.json"


def test_unsaved_changes_are_asked_about_before_they_are_lost(make_window, qtbot, monkeypatch):
    window = make_window(racing_scenario())
    asked = []
    monkeypatch.setattr(window, "confirm_discard", lambda: asked.append(True) or False)
    window.open_file(LESSONS_DIR / "01_u_curve_direction.json", lesson=True)
    window.new_session()
    qtbot.wait(300)
    assert len(asked) == 2 and window.problem.name == "rosenbrock" and len(window.specs) == 2
    window.close()
    assert len(asked) == 3 and window.isVisible() and window.bridge.running  # closing was refused too
    monkeypatch.setattr(window, "confirm_discard", lambda: True)


def test_save_recording_writes_what_the_runs_did(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    for _ in range(3):
        window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 3, timeout=WAIT)
    path = tmp_path / "rec.json"
    window.save_recording(path)
    qtbot.waitUntil(path.exists, timeout=WAIT)
    recording = load_recording(path)
    assert [run["label"] for run in recording["runs"]] == ["SGD", "Adam"]
    assert recording["runs"][0]["steps"] == 3


def test_dropping_a_scenario_file_opens_it(make_window, qtbot):
    window = make_window(racing_scenario())
    path = LESSONS_DIR / "01_u_curve_direction.json"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.problem.name == "x_squared", timeout=WAIT)
    assert window.path == Path(path)
