"""Start the window: the QApplication, its names (for QSettings), pyqtgraph's look, the first session."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from gdsim.core.errors import InputError
from gdsim.engine.spec import Scenario

ORGANIZATION = "gdsim"
APPLICATION = "gdsim"
#: Set to 1 to quit as soon as the window has been shown (smoke tests, start-up benchmarks).
QUIT_AFTER_SHOW = "GDSIM_QUIT_AFTER_SHOW"
#: Modules start-up must not import (each costs seconds).
HEAVY_MODULES = ("torch", "sklearn", "sympy")


def configure(app: QApplication) -> None:
    """Names for QSettings, and pyqtgraph's look: antialiased lines on a white background."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("gdsim")
    pg.setConfigOptions(antialias=True, background="w", foreground="k", imageAxisOrder="row-major")


def first_session(file: Path | None, settings: QSettings) -> tuple[Scenario | None, Path | None, str | None]:
    """The scenario to start with: ``file``, else the last file, else the default (None).

    Returns the scenario, its path and a message if ``file`` could not be opened.
    """
    from gdsim.qt.recent_files import last_file, remember_file
    from gdsim.qt.scenario_files import read_scenario_file

    path = file if file is not None else last_file(settings)
    if path is None:
        return None, None, None
    try:
        scenario = read_scenario_file(path)
    except InputError as error:
        return None, None, f"Could not open {path.name}. {error}"
    except OSError as error:
        return None, None, f"Could not open {path}: {error.strerror}"
    remember_file(settings, path)
    return scenario, path, None


def run_app(file: Path | None = None) -> int:
    """Open the window (on ``file`` if given) and run until it closes; returns the exit status."""
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    from gdsim.qt.main_window import MainWindow

    settings = QSettings()
    scenario, path, message = first_session(file, settings)
    window = MainWindow(scenario, path, settings)
    if message:
        window.messages.show_message(message, "error")
    window.show()
    if os.environ.get(QUIT_AFTER_SHOW) == "1":
        QTimer.singleShot(0, lambda: _report_and_quit(window, started))
    return app.exec()


def _report_and_quit(window, started: float) -> None:
    heavy = [name for name in HEAVY_MODULES if name in sys.modules]
    print(f"gdsim: window shown after {time.perf_counter() - started:.2f} s; "
          f"heavy modules imported: {', '.join(heavy) or 'none'}", file=sys.stderr)
    window.setWindowModified(False)
    window.close()
