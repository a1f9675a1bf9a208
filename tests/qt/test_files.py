"""Files from the window: lessons, open, save (as either kind), recordings, bad files and bad targets,
recent files, drag and drop; reading and writing in workers."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from gdsim.engine.commands import SetHyper
from gdsim.engine.snapshot import Event
from gdsim.qt import session_files
from gdsim.qt.recent_files import recent_files
from gdsim.qt.scenario_files import LESSONS_DIR, lesson_files
from gdsim.qt.session_files import RECORDING_FILTER, SCENARIO_FILTER
from gdsim.session.jsonio import read_json
from gdsim.session.recording import load_recording, save_recording
from gdsim.session.scenario import load_scenario
from gdsim.session.simulate import simulate
from tests.qt.conftest import racing_scenario

WAIT = 10_000



def opened(window, path: Path | None, problem: str) -> bool:
    """The window shows ``problem`` from ``path`` and has nothing unsaved."""
    return (window.problem is not None and window.problem.name == problem
            and window.session.file.path == path and not window.session.modified)


def message_about(window, name: str) -> str | None:
    return next((text for text in window.messages.messages() if name in text), None)


def answer_save_dialog(monkeypatch, path: Path, chosen: str) -> list:
    asked = []

    def dialog(*args):
        asked.append(args)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


@pytest.fixture
def recorded(tmp_path) -> tuple[Path, dict]:
    """A recording file of a session with a live change of the learning rate at step 3."""
    recording = simulate(racing_scenario(), [Event(3, 0.0, SetHyper(0, "lr", 0.002))], ticks=10)
    path = tmp_path / "lesson.gdsim.json"
    save_recording(recording, path)
    return path, recording


def events(recording: dict) -> list[tuple]:
    return [(e["step"], e["command"], e.get("run"), json.dumps(e.get("args"))) for e in recording["events"]]


def test_the_lessons_menu_lists_every_lesson_by_title_and_opens_one_untitled(make_window, qtbot):
    window = make_window()
    window.lessons_menu.aboutToShow.emit()
    titles = [a.text() for a in window.lessons_menu.actions() if not a.isSeparator() and a.menu() is None]  # not Sweeps
    assert titles == [title for title, _ in lesson_files()]
    assert len(titles) == len(list(LESSONS_DIR.glob("*.json"))) > 0
    scenario = load_scenario(lesson_files()[0][1])[0]
    window.lessons_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: opened(window, None, scenario.problem["name"]), timeout=WAIT)
    assert [s.label for s in window.session.runs.values()] == [r.label for r in scenario.runs]
    assert window.session.file.kind == "scenario"  # untitled: saving asks for a name, never overwrites a lesson
    assert scenario.title["en"] in window.windowTitle()


def test_a_file_is_read_and_written_in_workers_not_on_the_gui_thread(make_window, qtbot, tmp_path, monkeypatch):
    threads = []
    for name in ("open_session_file", "write_session_file"):
        function = getattr(session_files, name)
        monkeypatch.setattr(session_files, name, lambda *args, f=function: threads.append(
            threading.current_thread() is threading.main_thread()) or f(*args))
    window = make_window(racing_scenario())
    path = tmp_path / "mine.json"
    answer_save_dialog(monkeypatch, path, SCENARIO_FILTER)
    assert window.save()
    window.open_file(path)
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=WAIT)
    assert threads == [False, False]


def test_a_file_that_cannot_be_opened_leaves_the_session_as_it_was_with_a_message(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    before = (window.session.file, window.session.scenario())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "gdsim.scenario", "version": 1,
                               "problem": {"kind": "landscape", "name": "nowhere"}}))
    not_json = tmp_path / "notes.json"
    not_json.write_text("{ this is not json")
    bad_event = tmp_path / "bad_event.gdsim.json"
    recording = simulate(racing_scenario(), ticks=3)
    recording["events"] = [{"step": 1, "t": 0.0, "command": "set_hyper", "run": 7, "args": {"lr": 0.1}}]
    save_recording(recording, bad_event)  # run 7 does not exist: refused while replaying, not later
    reasons = {bad: "nowhere", not_json: "not valid JSON", tmp_path / "missing.json": "no such file",
               bad_event: "events[0]"}
    for path, reason in reasons.items():
        window.open_file(path)
        qtbot.waitUntil(lambda p=path: message_about(window, p.name) is not None, timeout=WAIT)
        text = message_about(window, path.name)
        assert reason in text and "Traceback" not in text
    qtbot.wait(200)
    assert (window.session.file, window.session.scenario()) == before and window.problem.name == "rosenbrock"


def test_save_then_open_round_trips_and_remembers_the_file(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window(racing_scenario())
    run = window.session.selected
    window.session.set_hyper(run, "lr", 0.003)
    assert window.session.modified
    path = tmp_path / "mine.json"
    answer_save_dialog(monkeypatch, path, SCENARIO_FILTER)
    assert window.save()  # untitled: asks for a file
    assert not window.session.modified and window.session.file.path == path
    assert load_scenario(path)[0].runs[0].hyper["lr"] == 0.003
    assert recent_files(window.settings)[0] == path.resolve()
    path.chmod(0o644)
    window.session.set_hyper(run, "lr", 0.004)
    assert window.save()  # to the same file, atomically, keeping its permissions
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 and load_scenario(path)[0].runs[0].hyper["lr"] == 0.004
    window.session.set_hyper(run, "lr", 0.003)
    assert window.save()
    window.new_session()
    qtbot.waitUntil(lambda: len(window.session.runs) == 3, timeout=WAIT)
    window.open_file(path)
    qtbot.waitUntil(lambda: opened(window, path, "rosenbrock"), timeout=WAIT)
    assert window.session.runs[window.session.selected].hyper["lr"] == 0.003
    window._fill_recent()
    assert window.recent_menu.actions()[0].text() == "mine.json"


def test_save_after_opening_a_recording_keeps_it_a_recording_with_its_events(make_window, qtbot, recorded):
    path, original = recorded
    window = make_window()
    window.open_file(path)
    qtbot.waitUntil(lambda: opened(window, path, "rosenbrock"), timeout=WAIT)
    assert window.session.file.kind == "recording" and window.snapshot.tick == 10  # replayed to its end
    size = path.stat().st_size
    assert window.save()
    written = read_json(path)
    assert written["format"] == "gdsim.recording" and path.stat().st_size >= size * 0.5
    assert events(written) == events(original)
    assert written["meta"]["ticks"] == original["meta"]["ticks"]
    for run, before in zip(written["runs"], original["runs"], strict=True):
        np.testing.assert_array_equal(np.asarray(run["loss"], float), before["loss"])  # replayed exactly
    assert window.session.file.path == path and not window.session.modified


def test_save_as_writes_the_kind_of_file_chosen(make_window, qtbot, tmp_path, monkeypatch, recorded):
    path, original = recorded
    window = make_window()
    window.open_file(path)
    qtbot.waitUntil(lambda: opened(window, path, "rosenbrock"), timeout=WAIT)
    as_scenario = tmp_path / "as_scenario.json"
    asked = answer_save_dialog(monkeypatch, as_scenario, SCENARIO_FILTER)
    assert window.save_as()
    assert asked[0][3] == f"{SCENARIO_FILTER};;{RECORDING_FILTER}" and asked[0][4] == RECORDING_FILTER
    assert read_json(as_scenario)["format"] == "gdsim.scenario"
    assert load_scenario(as_scenario)[0].runs[0].hyper["lr"] == 0.002  # the session as it stands
    assert window.session.file.path == as_scenario and window.session.file.kind == "scenario"
    answer_save_dialog(monkeypatch, tmp_path / "again", RECORDING_FILTER)
    assert window.save_as()
    again = tmp_path / "again.gdsim.json"
    assert events(load_recording(again)) == events(original)
    assert window.session.file.kind == "recording" and window.session.file.path == again
    assert read_json(as_scenario)["format"] == "gdsim.scenario"  # untouched


@pytest.mark.parametrize("target", ["fifo", "folder"])
def test_a_save_onto_something_that_is_not_a_regular_file_writes_nothing_and_says_so(
        make_window, qtbot, tmp_path, monkeypatch, target):
    window = make_window(racing_scenario())
    before = window.session.file
    path = tmp_path / "target.json"
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    answer_save_dialog(monkeypatch, path, SCENARIO_FILTER)
    assert not window.save_as()
    text = message_about(window, "target.json")
    assert text and ("named pipe" if target == "fifo" else "folder") in text and "nothing was written" in text
    mode = path.stat().st_mode
    assert (stat.S_ISFIFO(mode) if target == "fifo" else stat.S_ISDIR(mode))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings") == ["target.json"]
    assert window.session.file == before
    assert not window.save_recording(path)  # a recording is refused the same way


def test_save_recording_writes_what_the_runs_did_and_keeps_the_open_file(make_window, qtbot, tmp_path):
    window = make_window(racing_scenario())
    for _ in range(3):
        window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 3, timeout=WAIT)
    path = tmp_path / "rec.gdsim.json"
    assert window.save_recording(path)
    recording = load_recording(path)
    assert [run["label"] for run in recording["runs"]] == ["SGD", "Adam"]
    assert recording["runs"][0]["steps"] == 3
    assert window.session.file.path is None


def test_unsaved_changes_are_asked_about_before_they_are_lost(make_window, qtbot, monkeypatch):
    window = make_window(racing_scenario())
    asked = []
    monkeypatch.setattr(window, "confirm_discard", lambda: asked.append(True) or False)
    window.open_file(LESSONS_DIR / "01_u_curve_direction.json", lesson=True)
    window.new_session()
    qtbot.wait(300)
    assert len(asked) == 2 and window.problem.name == "rosenbrock" and len(window.session.runs) == 2
    window.close()
    assert len(asked) == 3 and window.isVisible() and window.bridge.running  # closing was refused too
    monkeypatch.setattr(window, "confirm_discard", lambda: True)


def test_choosing_save_in_the_prompt_saves_before_going_on(make_window, qtbot, tmp_path, monkeypatch, recorded):
    from PySide6.QtWidgets import QMessageBox

    path, original = recorded
    window = make_window()
    window.open_file(path)
    qtbot.waitUntil(lambda: opened(window, path, "rosenbrock"), timeout=WAIT)
    window.session.set_hyper(window.session.selected, "lr", 0.004)
    qtbot.waitUntil(lambda: len(window.snapshot.events) > 0 or window.snapshot.specs is not None, timeout=WAIT)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Save)
    assert session_files.SessionFiles.confirm_discard(window)
    written = load_recording(path)
    assert events(written)[: len(original["events"])] == events(original)
    assert [e["args"] for e in written["events"]][-1] == {"lr": 0.004}


def test_dropping_a_scenario_file_opens_it(make_window, qtbot):
    window = make_window(racing_scenario())
    path = LESSONS_DIR / "01_u_curve_direction.json"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: opened(window, path, "x_squared"), timeout=WAIT)
