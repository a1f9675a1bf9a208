"""Starting gdsim: `python main.py` as a process, and the first session a launch opens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from gdsim.qt.app import first_session
from gdsim.qt.recent_files import remember_file
from gdsim.qt.scenario_files import LESSONS_DIR

ROOT = Path(__file__).resolve().parents[2]


def test_main_py_opens_the_window_and_quits_cleanly(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDSIM_QUIT_AFTER_SHOW="1", XDG_CONFIG_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "gdsim: window shown after" in done.stderr
    assert "heavy modules imported: none" in done.stderr  # no torch, sklearn or sympy at start-up
    assert "Traceback" not in done.stderr


def test_main_py_opens_a_file_given_on_the_command_line(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GDSIM_QUIT_AFTER_SHOW="1", XDG_CONFIG_HOME=str(tmp_path))
    lesson = LESSONS_DIR / "03_learning_rate_0_1_vs_10.json"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), str(lesson)], env=env, capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_bad_file_on_the_command_line_opens_the_default_session_with_a_message(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "gdsim.scenario", "version": 99}')
    scenario, path, message = first_session(bad, QSettings())
    assert scenario is None and path is None
    assert message.startswith("Could not open broken.json.") and "Traceback" not in message


def test_without_a_file_the_last_file_is_reopened(tmp_path):
    settings = QSettings()
    assert first_session(None, settings) == (None, None, None)
    lesson = LESSONS_DIR / "01_u_curve_direction.json"
    remember_file(settings, lesson)
    scenario, path, message = first_session(None, settings)
    assert path == lesson.resolve() and scenario.problem["name"] == "x_squared" and message is None
