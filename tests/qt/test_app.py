"""Starting gdsim: `python main.py` as a process, and the first session a launch opens (the window
shows first; the file is read in a worker)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gdsim.qt import app as gdsim_app
from gdsim.qt import session_files
from gdsim.qt.app import first_file, run_app
from gdsim.qt.recent_files import remember_file
from gdsim.qt.scenario_files import LESSONS_DIR

ROOT = Path(__file__).resolve().parents[2]
WAIT = 20_000
FORMULA = ('{"format": "gdsim.scenario", "version": 1, "problem": {"kind": "expression", '
           '"expr": "(x - 1)^2 + 3*(y - x^2)^2"}, "runs": [{"label": "GD", "optimizer": "sgd", '
           '"hyper": {"lr": 0.01}}]}')


def launch(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDSIM_QUIT_AFTER_SHOW="1", XDG_CONFIG_HOME=str(tmp_path))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], env=env, capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)


def test_main_py_opens_the_window_and_quits_cleanly(tmp_path):
    done = launch(tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "gdsim: window shown after" in done.stderr and "first session painted after" in done.stderr
    assert "heavy modules imported: none" in done.stderr  # no torch, sklearn or sympy at start-up
    assert "Traceback" not in done.stderr


def test_main_py_opens_a_file_given_on_the_command_line(tmp_path):
    done = launch(str(LESSONS_DIR / "03_learning_rate_0_1_vs_10.json"), tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "first session painted after" in done.stderr and "Traceback" not in done.stderr


def run_windowed(monkeypatch, qtbot, file: Path | None, until) -> tuple:
    """Run ``run_app(file)`` in this process: its event loop is replaced by waiting for ``until(window)``.

    Returns the window and, for every file read, (read in the GUI thread?, window shown by then?).
    """
    from gdsim.qt.main_window import MainWindow

    windows, reads = [], []
    show, read = MainWindow.show, session_files.open_session_file

    def showing(window):
        windows.append(window)
        show(window)

    def reading(path):
        reads.append((threading.current_thread() is threading.main_thread(), bool(windows)))
        return read(path)

    def event_loop(_app):
        qtbot.waitUntil(lambda: until(windows[0]), timeout=WAIT)
        windows[0].confirm_discard = lambda: True
        windows[0].close()
        return 0

    monkeypatch.setattr(MainWindow, "show", showing)
    monkeypatch.setattr(session_files, "open_session_file", reading)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(gdsim_app, "configure", lambda app: None)  # keep the test's settings names
    assert run_app(file) == 0
    windows[0].deleteLater()
    return windows[0], reads


def test_a_file_on_the_command_line_is_read_in_a_worker_after_the_window_shows(monkeypatch, qtbot, tmp_path):
    formula = tmp_path / "formula.json"
    formula.write_text(FORMULA)
    window, reads = run_windowed(monkeypatch, qtbot, formula, lambda w: w.problem is not None)
    assert reads == [(False, True)]  # off the GUI thread, once the window was shown
    assert window.problem.name == "expression" and window.session.file.path == formula


def test_a_bad_file_on_the_command_line_opens_the_default_session_with_a_message(monkeypatch, qtbot, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "gdsim.scenario", "version": 99}')
    window, _ = run_windowed(monkeypatch, qtbot, bad, lambda w: w.problem is not None)
    assert window.problem.name == "rosenbrock" and window.session.file.path is None
    message = next(text for text in window.messages.messages() if "broken.json" in text)
    assert message.startswith("Could not open broken.json.") and "Traceback" not in message


def test_without_a_file_the_last_file_is_reopened(tmp_path):
    settings = QSettings()
    assert first_file(None, settings) is None
    lesson = LESSONS_DIR / "01_u_curve_direction.json"
    remember_file(settings, lesson)
    assert first_file(None, settings) == lesson.resolve()
    assert first_file(tmp_path / "given.json", settings) == tmp_path / "given.json"
