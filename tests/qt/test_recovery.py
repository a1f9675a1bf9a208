"""The window recovers: an engine that fails on a bug is rebuilt, runs that overflow stay quiet, and a
remembered last file that cannot be opened never stops gdsim from starting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from gdsim.engine.engine import Engine
from gdsim.qt import engine_bridge
from gdsim.qt.recent_files import last_file
from gdsim.qt.scenario_files import LESSONS_DIR
from gdsim.qt.testing import WindowDriver
from tests.qt.conftest import racing_scenario
from tests.qt.test_app import run_windowed

WAIT = 15_000


def fail_once(monkeypatch, owner, name: str) -> list[int]:
    """Make ``owner.name`` raise RuntimeError("injected failure") the next time it is called (once)."""
    original = getattr(owner, name)
    calls: list[int] = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("injected failure")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return calls


def wait_for_message(qtbot, window, words: str) -> str:
    qtbot.waitUntil(lambda: any(words in text for text in window.messages.messages()), timeout=WAIT)
    return next(text for text in window.messages.messages() if words in text)


def test_an_engine_that_fails_is_rebuilt_from_the_session_and_the_window_stays_usable(make_window, qtbot,
                                                                                       monkeypatch):
    window = make_window(racing_scenario())
    driver = WindowDriver(window, qtbot)
    driver.set_hyper(0, "lr", 0.0005)  # a change the rebuilt engine keeps: it is the session's
    driver.step(5)
    loads = window.loads
    fail_once(monkeypatch, Engine, "advance")
    window.play_action.trigger()
    text = wait_for_message(qtbot, window, "bug in gdsim")
    # one sentence in the face, the traceback behind the Details button
    assert text.count(". ") == 0 and "Traceback" not in text and "\n" not in text
    message = window.messages._shown[window.messages.messages().index(text)]
    assert message.details_button.isVisible() and not message.details.isVisible()
    qtbot.mouseClick(message.details_button, Qt.MouseButton.LeftButton)
    assert message.details.isVisible()
    details = window.messages.details()[window.messages.messages().index(text)]
    assert details.startswith("Traceback") and "RuntimeError: injected failure" in details
    qtbot.waitUntil(lambda: window.loads == loads + 1, timeout=WAIT)
    run = list(window.session.runs)[0]
    assert window.session.runs[run].hyper["lr"] == 0.0005 and window.live.frame(run).step == 0
    assert window.session.file.path is None
    # Step, Play, New and Open work again
    driver.step(3)
    assert driver.shown()["status_step"] == 3
    driver.play()
    driver.wait_until_step(20)
    driver.pause()
    window.new_session()
    qtbot.waitUntil(lambda: window.loads == loads + 2, timeout=WAIT)
    driver.open(LESSONS_DIR / "01_u_curve_direction.json")
    assert window.problem.name == "x_squared"
    driver.step(2)
    assert driver.shown()["status_step"] == 2


def test_an_engine_that_fails_again_on_rebuilding_waits_for_a_file_or_a_new_session(make_window, qtbot,
                                                                                     monkeypatch):
    window = make_window(racing_scenario())
    loads = window.loads
    make_picture = engine_bridge.make_picture

    def broken(*args):
        raise RuntimeError("no picture")

    fail_once(monkeypatch, Engine, "advance")
    monkeypatch.setattr(engine_bridge, "make_picture", broken)  # every new engine fails at its first snapshot
    window.step_action.trigger()
    wait_for_message(qtbot, window, "could not be restarted")
    assert window.loads == loads
    monkeypatch.setattr(engine_bridge, "make_picture", make_picture)
    window.new_session()
    qtbot.waitUntil(lambda: window.loads == loads + 1, timeout=WAIT)
    WindowDriver(window, qtbot).step(2)
    assert WindowDriver(window, qtbot).shown()["status_step"] == 2


def scenario_file(folder: Path, name: str, problem: dict, runs: list[dict], steps: int = 400) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"format": "gdsim.scenario", "version": 1, "problem": problem, "steps": steps,
                                "seed": 0, "runs": runs}))
    return path


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_runs_that_overflow_diverge_in_the_window_without_a_warning(make_window, qtbot, tmp_path):
    """Every RuntimeWarning (NumPy's, pyqtgraph's) is an error here: in the worker it would stop the
    engine, in the GUI thread it would fail the test."""
    growing = {"name": "exponential_lr", "gamma": 10}
    files = [
        scenario_file(tmp_path, "landscape", {"kind": "landscape", "name": "rosenbrock"}, [
            {"label": "grows", "optimizer": "sgd", "hyper": {"lr": 0.01}, "start": [1.0, 1.0], "schedule": growing},
            {"label": "leaps", "optimizer": "sgd", "hyper": {"lr": 0.5}},
            {"label": "swarm", "optimizer": "adam", "hyper": {"lr": 0.5}, "start": {"grid": [4, 4]},
             "schedule": growing}]),
        scenario_file(tmp_path, "curve", {"kind": "expression", "expr": "exp(x^2)*sin(x) + x",
                                          "domain": [[-30, 30]]}, [
            {"label": "overflows", "optimizer": "sgd", "hyper": {"lr": 0.01}, "start": [26.6]},
            {"label": "grows", "optimizer": "sgd", "hyper": {"lr": 0.001}, "start": [1.0], "schedule": growing}]),
        scenario_file(tmp_path, "data", {"kind": "regression", "data": {"x": [1, 2, 3], "y": [1e200, 2, 3.5]}}, [
            {"label": "huge", "optimizer": "sgd", "hyper": {"lr": 0.01}}]),
    ]
    expected = {"landscape": "the learning rate overflowed", "curve": "the formula overflowed at x = 26.6",
                "data": "the loss overflowed at w = 0, b = 0"}
    # the advice follows the cause: a growing schedule, a start where the loss overflows, a step too long
    schedule, start, step = "schedule grows the rate without bound", "where the run starts", "smaller learning rate"
    advice = {"landscape": ({schedule, step}, {start}), "curve": ({start, step}, {schedule}),
              "data": ({start}, {schedule, step})}
    window = make_window(racing_scenario())
    driver = WindowDriver(window, qtbot)
    for path in files:
        driver.open(path)
        driver.play()
        qtbot.waitUntil(lambda: window.snapshot.finished, timeout=WAIT)
        driver.settle(10)
        report = wait_for_message(qtbot, window, "Diverged")
        assert expected[path.stem] in report
        given, not_given = advice[path.stem]
        assert all(text in report for text in given) and not any(text in report for text in not_given), report
        assert not any("bug" in text for text in window.messages.messages())
        assert all(row["status"].endswith("diverged") for row in driver.shown()["results"])


@pytest.mark.parametrize("remembered", ["deleted", "corrupt", "folder", "relative", "too long", "not text",
                                        "nul"])
def test_a_remembered_file_that_cannot_be_opened_never_stops_gdsim_from_starting(monkeypatch, qtbot, tmp_path,
                                                                                 remembered):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"format": "gdsim.scenario", "runs": [')
    values = {"deleted": str(tmp_path / "gone.json"), "corrupt": str(corrupt), "folder": str(tmp_path),
              "relative": "corrupt.json", "too long": str(tmp_path / ("x" * 5000)), "not text": [1, 2],
              "nul": str(tmp_path / "a\0b.json")}
    monkeypatch.chdir(tmp_path)
    settings = QSettings()
    settings.setValue("files/last", values[remembered])
    settings.setValue("files/recent", values[remembered])
    settings.setValue("window/geometry", "not a geometry")
    settings.sync()
    window, reads = run_windowed(monkeypatch, qtbot, None, lambda w: w.problem is not None)
    assert window.problem.name == "rosenbrock" and window.session.file.path is None
    if remembered == "corrupt":
        assert reads and any(text.startswith("Could not open corrupt.json") for text in window.messages.messages())
    else:
        assert not reads  # nothing to read: not a regular file's absolute path


def test_the_last_file_is_remembered_as_an_absolute_path(make_window, qtbot, tmp_path, monkeypatch):
    lesson = LESSONS_DIR / "01_u_curve_direction.json"
    (tmp_path / "lesson.json").write_text(lesson.read_text())
    monkeypatch.chdir(tmp_path)
    window = make_window(racing_scenario())
    driver = WindowDriver(window, qtbot)
    loads = window.loads
    window.open_file(Path("lesson.json"), confirmed=True)
    qtbot.waitUntil(lambda: window.loads > loads, timeout=WAIT)
    driver.settle()
    window.close()
    monkeypatch.chdir(tmp_path.parent)
    assert QSettings().value("files/last") == str(tmp_path / "lesson.json")
    assert last_file(QSettings()) == tmp_path / "lesson.json"


def test_an_engine_that_fails_before_any_session_is_shown_gives_way_to_the_default_session(make_window, qtbot,
                                                                                          monkeypatch):
    fail_once(monkeypatch, engine_bridge, "engine_for")
    window = make_window(racing_scenario())  # its engine fails to build: nothing was shown yet
    wait_for_message(qtbot, window, "bug in gdsim")
    assert [spec.label for spec in window.session.runs.values()] == ["SGD", "Momentum", "Adam"]  # the default
    WindowDriver(window, qtbot).step(2)
    assert WindowDriver(window, qtbot).shown()["status_step"] == 2
