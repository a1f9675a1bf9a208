"""Run > Record: the record state, its indicator, the autosave to a recovery file and its recovery.

While recording, the engine keeps its events as always (every command that changes the simulation,
stamped with its tick and wall time: gdsim.engine); the recorder adds the pace (gdsim.session.pace:
the ticks the window showed over time, and the play, pause, step and speed presses), shows a red dot
and the elapsed time in the status bar, and every ``AUTOSAVE_MS`` writes the recording so far to a
recovery file in the app's data folder (atomically, in a function worker). Stopping takes the
recording and asks where to save it (a ``*.gdsim.json`` recording); once saved the recovery file
goes. At the next start a recovery file left behind (gdsim crashed, or was killed) is read in a
worker and offered back; one that cannot be read is set aside with a message.

A recording covers the session since its problem was loaded (what happened before the Record press
made the state the recording goes on from, so it is kept too, and a replay is exact); the pace
starts at the press.
"""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEventLoop, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from gdsim.engine.commands import Pause, Play, SetSpeed, Step
from gdsim.qt.messages import fill, located_text
from gdsim.qt.scenario_files import RECORDING, OpenedFile, open_session_file, write_session_file
from gdsim.qt.session_model import OpenFile
from gdsim.qt.workers import run_in_worker
from gdsim.session.pace import PaceLog

if TYPE_CHECKING:
    from gdsim.qt.main_window import MainWindow

#: The recording so far is written to the recovery file this often while recording (milliseconds).
AUTOSAVE_MS = 3000
#: The file the recording in progress is kept in, in the data folder.
RECOVERY_NAME = "recovery.gdsim.json"
#: Overrides the data folder (tests, portable installs).
DATA_DIR_VARIABLE = "GDSIM_DATA_DIR"
RECORDING_FILTER = QT_TRANSLATE_NOOP("Recorder", "gdsim recording (*.gdsim.json)")


def data_folder() -> Path:
    """The app's data folder (QStandardPaths.AppDataLocation), or ``$GDSIM_DATA_DIR`` when set."""
    folder = os.environ.get(DATA_DIR_VARIABLE) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder)


def set_aside(path: Path, why: str) -> Path:
    """Rename ``path`` to ``<why>-<date and time>.gdsim.json`` beside it (never over another file)."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{why}-{stamp}.gdsim.json")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{why}-{stamp}-{number}.gdsim.json")
    path.rename(target)
    return target


def _elapsed_text(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Recorder(QObject):
    """The window's record state (see the module's docstring).

    Signals
    -------
    recording_changed(bool)
        Recording started (True) or stopped (False).
    """

    recording_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        #: A recording taken at the last stop and not saved yet (with its pace).
        self.held: dict[str, Any] | None = None
        self.log: PaceLog | None = None
        self._t0 = 0.0
        self._loads = -1
        self._autosaving = False
        self.indicator = QLabel("", window)
        self.indicator.setObjectName("recording_indicator")
        self.indicator.setStyleSheet("color: #D55E00; font-weight: bold")
        self.indicator.hide()
        self._tick_timer = QTimer(self)
        self._tick_timer.setObjectName("recording_clock")
        self._tick_timer.setInterval(500)
        self._tick_timer.timeout.connect(self._show_elapsed)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setObjectName("recording_autosave")
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)

    @property
    def recovery_path(self) -> Path:
        return data_folder() / RECOVERY_NAME

    @property
    def unsaved(self) -> bool:
        """Recording, or stopped with a recording not saved yet."""
        return self.active or self.held is not None

    # --- recording ------------------------------------------------------------------------------

    def toggle(self) -> None:
        """Start recording, or stop and ask where to save."""
        if self.active:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.active:
            return
        self.active = True
        self.held = None
        self.log = PaceLog()
        self._t0 = time.monotonic()
        self._loads = self.window.loads
        self.log.sample(0.0, self._tick(), force=True)
        self._show_elapsed()
        self.indicator.show()
        self._tick_timer.start()
        self._autosave_timer.start()
        self.recording_changed.emit(True)

    def stop(self, ask: bool = True, adopt: bool = True) -> bool:
        """Stop recording and take the recording (with its pace); with ``ask``, ask where to save
        it. True if it was saved. ``adopt``: the session belongs to the saved file afterwards."""
        if not self.active:
            return False
        self._end()
        self.log.sample(time.monotonic() - self._t0, self._tick(), force=True)
        taken = self._wait(self.window.bridge.take_recording)
        if isinstance(taken, str):
            self.window.messages.show_message(self.tr("Could not take the recording.") + " " + taken, "error")
            return False
        self.held = self.with_pace(taken)
        return self.save_held(adopt) if ask else False

    def shut_down(self) -> None:
        """The window closes: stop the timers (a recording not saved stays in the recovery file)."""
        self._tick_timer.stop()
        self._autosave_timer.stop()

    def _end(self) -> None:
        self.active = False
        self._tick_timer.stop()
        self._autosave_timer.stop()
        self.indicator.hide()
        self.recording_changed.emit(False)

    def on_snapshot(self, snapshot, _picture=None) -> None:
        """Sample the pace; a new engine (a file opened) ends the recording, kept to be saved."""
        if not self.active:
            return
        if snapshot.loaded is not None and self.window.loads != self._loads:
            self._end()
            self.window.messages.show_message(fill(self.tr(
                "Recording stopped: another session was loaded. The recording so far is in %1."), self.recovery_path),
                "warning")
            return
        self.log.sample(time.monotonic() - self._t0, snapshot.tick)

    def mark(self, command: object) -> None:
        """A transport command sent (play, pause, step, speed): kept in the pace while recording."""
        if not self.active:
            return
        if isinstance(command, Play | Pause):
            name, value = ("play" if isinstance(command, Play) else "pause"), None
        elif isinstance(command, Step):
            name, value = "step", float(command.n)
        elif isinstance(command, SetSpeed):
            name, value = "speed", command.steps_per_second
        else:
            return
        self.log.mark(time.monotonic() - self._t0, self._tick(), name, value)

    def with_pace(self, recording: dict[str, Any]) -> dict[str, Any]:
        """``recording`` with the pace recorded for its engine (unchanged if there is none)."""
        if self.log is None or self.window.loads != self._loads or not self.log.ticks:
            return recording
        return {**recording, "pace": self.log.pace().to_dict()}

    def _tick(self) -> int:
        snapshot = self.window.snapshot
        return snapshot.tick if snapshot is not None else 0

    def _show_elapsed(self) -> None:
        self.indicator.setText(fill(self.tr("● REC %1"), _elapsed_text(time.monotonic() - self._t0)))
        self.indicator.setToolTip(self.tr("Recording: press Record again (Ctrl+R) to stop and save it"))

    # --- saving -------------------------------------------------------------------------------------

    def save_held(self, adopt: bool = True) -> bool:
        """Ask where to save the recording taken at the stop, and write it; True if written."""
        if self.held is None:
            return False
        window = self.window
        path = window.session.file.path
        start = str(path.with_name(path.name.removesuffix(".json").removesuffix(".gdsim") + ".gdsim.json")) \
            if path else "recording.gdsim.json"
        name, _ = QFileDialog.getSaveFileName(window, self.tr("Save the recording"), start,
                                              QCoreApplication.translate("Recorder", RECORDING_FILTER))
        if not name:
            return False
        target = Path(name)
        if not target.name.lower().endswith(".json"):
            target = target.with_name(target.name + ".gdsim.json")
        written = self._wait(lambda done, failed: run_in_worker(
            write_session_file, target, self.held, returned=done,
            errored=lambda error: failed(fill(self.tr("Could not save %1: %2"), target.name, located_text(error)))))
        if isinstance(written, str):
            window.messages.show_message(written, "error")
            return False
        self.held = None
        self._remove_recovery()
        if adopt and window.loads == self._loads:
            window.session.set_file(OpenFile(target, RECORDING, window.session.scenario()))
        window.statusBar().showMessage(fill(self.tr("Saved the recording %1"), target), 4000)
        return True

    def discard(self) -> None:
        if self.active:
            self._end()
        self.held = None
        self._remove_recovery()

    def confirm_close(self) -> bool:
        """True if nothing is being recorded, or the person saved or discarded the recording."""
        if not self.unsaved:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, self.tr("Unsaved recording"), self.tr("The recording is not saved. Save it first?"),
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Save:
            if self.active:
                self.stop(ask=False)
            return self.save_held()
        if answer == buttons.Discard:
            self.discard()
            return True
        return False

    def _wait(self, start: Callable[[Callable[[Any], None], Callable[[str], None]], Any]) -> Any:
        """Call ``start(done, failed)`` and wait (a local event loop: the window keeps drawing) for
        one of them; returns what ``done`` got, or the text ``failed`` got."""
        loop = QEventLoop()
        outcome: list[Any] = []

        def finish(value: Any) -> None:
            outcome.append(value)
            loop.quit()

        start(finish, finish)
        if not outcome:
            loop.exec()
        return outcome[0]

    # --- the recovery file ------------------------------------------------------------------------

    def autosave(self) -> None:
        """Write the recording so far to the recovery file (in workers; skipped while one is written)."""
        if not self.active or self._autosaving:
            return
        self._autosaving = True
        path = self.recovery_path

        def write(recording: dict[str, Any]) -> None:
            if not self.active:
                self._autosaving = False
                return
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                failed(error)
                return
            run_in_worker(write_session_file, path, self.with_pace(recording), returned=written, errored=failed)

        def written(_path) -> None:
            self._autosaving = False

        def failed(error) -> None:
            self._autosaving = False
            reason = error if isinstance(error, str) else getattr(error, "strerror", None) or error
            reason = located_text(reason) if isinstance(reason, Exception) else reason
            self.window.messages.show_message(fill(self.tr("Could not keep the recording in %1: %2"), path, reason),
                                              "warning", key="autosave")

        self.window.bridge.take_recording(write, failed)

    def _remove_recovery(self) -> None:
        try:
            self.recovery_path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            self.window.messages.show_message(fill(self.tr("Could not remove %1: %2"), self.recovery_path,
                                                   error.strerror or error), "warning")

    def offer_recovery(self) -> None:
        """If a recovery file was left behind, read it in a worker and offer to recover it."""
        path = self.recovery_path
        if path.is_file():
            run_in_worker(open_session_file, path, returned=self._offer, errored=self._broken)

    def _offer(self, opened: OpenedFile) -> None:
        buttons = QMessageBox.StandardButton
        try:
            modified = datetime.datetime.fromtimestamp(opened.path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except OSError:
            return  # gone meanwhile (another gdsim took it)
        answer = QMessageBox.question(
            self.window, self.tr("Recover the recording?"),
            fill(self.tr("gdsim stopped while a session was being recorded (last kept %1). Recover the recording?"),
                 modified),
            buttons.Yes | buttons.No, buttons.Yes)
        if answer != buttons.Yes:
            self._remove_recovery()
            return
        try:
            kept = set_aside(opened.path, "recovered")
        except OSError as error:
            self.window.messages.show_message(fill(self.tr("Could not move %1 aside: %2"), opened.path,
                                                   error.strerror or error), "warning")
            kept = opened.path
        self.window.adopt_opened(opened, OpenFile(None, RECORDING, None))
        self.window.messages.show_message(fill(self.tr("Recovered the recording (kept as %1). Save it to keep it."),
                                               kept), "info")

    def _broken(self, error: BaseException) -> None:
        path = self.recovery_path
        try:
            kept = set_aside(path, "broken-recovery")
        except OSError as move_error:
            self.window.messages.show_message(fill(self.tr(
                "The recording left from the last session could not be read (%1) nor moved aside (%2)."),
                located_text(error), move_error.strerror or move_error), "error")
            return
        self.window.messages.show_message(fill(self.tr(
            "The recording left from the last session could not be read: %1. It was set aside as %2."),
            located_text(error), kept), "error")
