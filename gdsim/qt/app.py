"""Start the window: the QApplication, its names (for QSettings), pyqtgraph's look, the first session.

The window shows at once. A file to open (given on the command line, else the file open when the
window last closed) is read and its engine built in a function worker once the window is shown (started
earlier, it competes with building the window for the interpreter lock and delays it); if it cannot
be opened a message says why and the default session loads.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

ORGANIZATION = "gdsim"
APPLICATION = "gdsim"
#: Set to 1 to quit as soon as the first session has been drawn (smoke tests, start-up benchmarks).
QUIT_AFTER_SHOW = "GDSIM_QUIT_AFTER_SHOW"
#: Modules start-up must not import (each costs seconds).
HEAVY_MODULES = ("torch", "sklearn", "sympy")


def configure(app: QApplication) -> None:
    """Names for QSettings, and pyqtgraph's look: antialiased lines on a white background."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("gdsim")
    pg.setConfigOptions(antialias=True, background="w", foreground="k", imageAxisOrder="row-major")


def first_file(file: Path | None, settings: QSettings) -> Path | None:
    """The file a launch opens: ``file`` if given, else the last file if it still exists."""
    from gdsim.qt.recent_files import last_file

    return Path(file) if file is not None else last_file(settings)


def run_app(file: Path | None = None, language: str | None = None) -> int:
    """Open the window (on ``file`` if given, in ``language`` if given) and run until it closes; returns
    the exit status."""
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    from gdsim.qt.main_window import MainWindow
    from gdsim.qt.workers import garbage_collected_in_gui_thread

    with garbage_collected_in_gui_thread():  # workers must not destroy the GUI thread's Qt objects
        settings = QSettings()
        path = first_file(file, settings)
        window = MainWindow(None, settings, empty=path is not None, language=language)
        window.show()
        shown = time.perf_counter() - started
        if path is not None:
            window.open_first(path)
        if os.environ.get(QUIT_AFTER_SHOW) == "1":
            def on_snapshot(snapshot, _picture) -> None:
                if snapshot.loaded is not None:
                    window.bridge.snapshot_received.disconnect(on_snapshot)
                    QTimer.singleShot(0, lambda: _report_and_quit(window, started, shown))

            window.bridge.snapshot_received.connect(on_snapshot)
        return app.exec()


def _report_and_quit(window, started: float, shown: float) -> None:
    """Print how long the window and the first session took, then close without asking."""
    window.repaint()  # the first session painted
    heavy = [name for name in HEAVY_MODULES if name in sys.modules]
    print(f"gdsim: window shown after {shown:.2f} s; first session painted after "
          f"{time.perf_counter() - started:.2f} s; heavy modules imported: {', '.join(heavy) or 'none'}",
          file=sys.stderr)
    window.confirm_discard = lambda: True
    window.close()
