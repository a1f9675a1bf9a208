"""A video of the window's session rendered in another process, with progress and a Cancel button.

Qt draws widgets only in the GUI thread, so the window does not render itself: it saves the
session as a scenario in a temporary folder and runs ``gdsim render`` on it (offscreen) in a
QProcess, reading the progress bar's "N/M frames" from its stderr. The window never waits: the
process reports through signals. Cancel ends the process with SIGTERM, which it takes as Ctrl-C:
it deletes its partial file and writes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from gdsim.engine.spec import Scenario
from gdsim.qt.messages import fill
from gdsim.qt.render.headless import needs_gl
from gdsim.qt.views.protocol import VIEWS
from gdsim.session.scenario import save_scenario

_PROGRESS = re.compile(rb"(\d+)/(\d+) frames")
#: How the child process starts gdsim's command line (the same gdsim as the window's).
_ENTRY = "import sys; from gdsim.cli import main; sys.exit(main())"


def render_arguments(scenario_path: Path, out: Path, views: Sequence[str], language: str) -> list[str]:
    """The ``gdsim render`` arguments for a window's export: offscreen unless a view needs OpenGL
    (which the window's display has, and the offscreen platform has not)."""
    arguments = ["render", str(scenario_path), "-o", str(out), "--lang", language]
    if not any(needs_gl(VIEWS[key]) for key in views if key in VIEWS):
        arguments.append("--offscreen")
    return arguments + (["--view", ",".join(views)] if views else [])


class VideoExport(QObject):
    """One export in progress.

    Signals
    -------
    progressed(int, int)
        Frames written, and the total.
    finished(bool, str)
        Whether the video was written, and what to tell the person (the output, or why not).
    """

    progressed = Signal(int, int)
    finished = Signal(bool, str)

    def __init__(self, scenario: Scenario, out: Path, views: Sequence[str], language: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.out = out
        self.cancelled = False
        self._folder = Path(tempfile.mkdtemp(prefix="gdsim-export-"))
        scenario_path = self._folder / "session.json"
        save_scenario(scenario, scenario_path)
        self._errors = b""
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        package_root = str(Path(__file__).resolve().parents[3])  # the folder holding the gdsim package
        environment.insert("PYTHONPATH", os.pathsep.join(filter(None, (package_root,
                                                                      environment.value("PYTHONPATH")))))
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardError.connect(self._read_progress)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)
        self.process.start(sys.executable, ["-c", _ENTRY, *render_arguments(scenario_path, out, views, language)])

    def cancel(self) -> None:
        """Stop the render (the process deletes its partial file)."""
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.cancelled = True
            self.process.terminate()

    def _read_progress(self) -> None:
        chunk = bytes(self.process.readAllStandardError())
        self._errors = (self._errors + chunk)[-4000:]
        found = _PROGRESS.findall(chunk)
        if found:
            done, total = found[-1]
            self.progressed.emit(int(done), int(total))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._done(False, fill(self.tr("Could not start the renderer (%1)."), sys.executable))

    def _on_finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        if self.cancelled:
            self._done(False, self.tr("Export cancelled; nothing written."))
        elif code == 0 and self.out.exists():
            self._done(True, fill(self.tr("Video written to %1."), self.out))
        else:
            lines = [line for line in self._errors.decode(errors="replace").replace("\r", "\n").splitlines()
                     if line.startswith("gdsim:") or "Error" in line]
            reason = lines[-1] if lines else fill(self.tr("exit status %1"), code)
            self._done(False, fill(self.tr("Could not export the video: %1"), reason))

    def _done(self, ok: bool, text: str) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
        self.finished.emit(ok, text)
