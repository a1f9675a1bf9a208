"""The engine in a worker thread: snapshots out through a signal, commands in through a queue.

The worker runs ``drive()`` (gdsim.engine.driver) in a QThread. Each snapshot crosses to the GUI
thread as a queued signal; the bridge hands it on and acknowledges it at once with ``Taken()``, so
never more than one batch is in flight and the worker waits (without the interpreter lock) while
the GUI thread is busy. Work that is costly but only needed for drawing (contour lines of a new
landscape) is done in the worker before the snapshot is sent.
"""

from __future__ import annotations

import queue
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal

from gdsim.core.errors import InputError
from gdsim.core.grid import LandscapeGrid, contour_levels, contour_segments, log_heights
from gdsim.engine.commands import Load, Quit, Taken
from gdsim.engine.driver import drive
from gdsim.engine.engine import Engine
from gdsim.engine.snapshot import Snapshot
from gdsim.engine.spec import Scenario


@dataclass(frozen=True)
class LandscapeDrawing:
    """What a view needs to draw a 2D landscape, prepared off the GUI thread."""

    heights: np.ndarray
    levels: np.ndarray
    contours: np.ndarray


def landscape_drawing(grid: LandscapeGrid | None) -> LandscapeDrawing | None:
    """Log heights for the heatmap and every contour segment, for a 2D grid (None otherwise)."""
    if grid is None or len(grid.axes) != 2:
        return None
    levels = contour_levels(grid)
    segments = [contour_segments(grid, level) for level in levels]
    contours = np.concatenate(segments) if segments else np.empty((0, 2, 2))
    return LandscapeDrawing(log_heights(grid), levels, contours)


class _Call:
    """A function run with the engine in the worker thread; its result goes back by a signal."""

    def __init__(self, function: Callable[[Engine], Any], reply: Callable[[Any, BaseException | None], None]):
        self.function = function
        self.reply = reply

    def __call__(self, engine: Engine) -> None:
        try:
            result = self.function(engine)
        except Exception as error:  # noqa: BLE001 - handed back to the caller, who reports it
            self.reply(None, error)
        else:
            self.reply(result, None)


class _Worker(QThread):
    """Builds the first engine, then runs the driver until it quits."""

    yielded = Signal(object, object)
    replied = Signal(object, object, object)
    failed = Signal(str)

    def __init__(self, scenario: Scenario, inbox: queue.Queue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scenario = scenario
        self._inbox = inbox

    def run(self) -> None:
        try:
            try:
                engine = Engine(self._scenario)
            except InputError as error:
                self.failed.emit(str(error))
                engine = None
            if engine is None:
                self._wait_for_quit()
                return
            for snapshot in drive(engine, self._inbox):
                drawing = landscape_drawing(snapshot.loaded.grid) if snapshot.loaded else None
                self.yielded.emit(snapshot, drawing)
        except Exception:  # noqa: BLE001 - a bug: report it in the window rather than dying silently
            self.failed.emit("The engine stopped unexpectedly:\n" + traceback.format_exc())

    def _wait_for_quit(self) -> None:
        """No engine could be built: answer calls with an error until Quit or a Load arrives."""
        while True:
            command = self._inbox.get()
            if isinstance(command, Quit):
                return
            if isinstance(command, Load):
                self._scenario = command.scenario
                self.run()
                return
            if isinstance(command, _Call):
                command.reply(None, InputError("", "no problem is loaded"))


class EngineBridge(QObject):
    """Owns the worker thread; the window's only way to the engine.

    Signals
    -------
    snapshot_received(Snapshot, LandscapeDrawing | None)
        In the GUI thread, for every snapshot, in order (already acknowledged).
    failed(str)
        The first engine could not be built, or the worker stopped on a bug.
    """

    snapshot_received = Signal(object, object)
    failed = Signal(str)

    def __init__(self, scenario: Scenario, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox: queue.Queue = queue.Queue()
        self._worker = _Worker(scenario, self._inbox)
        self._worker.yielded.connect(self._on_yielded)
        self._worker.replied.connect(self._on_replied)
        self._worker.failed.connect(self.failed)
        self._stopped = False

    @property
    def running(self) -> bool:
        """The worker thread is alive."""
        return self._worker.isRunning()

    def start(self) -> None:
        """Start the worker thread (builds the engine and sends the first snapshot)."""
        self._worker.start()

    def send(self, command: object) -> None:
        """Put a command (gdsim.engine.commands) in the engine's inbox; it applies at the next step."""
        if not self._stopped:
            self._inbox.put(command)

    def load(self, scenario: Scenario) -> None:
        """Swap in a new problem and runs; a scenario that cannot run comes back in ``errors``."""
        self.send(Load(scenario))

    def call(self, function: Callable[[Engine], Any], callback: Callable[[Any, BaseException | None], None]) -> None:
        """Run ``function(engine)`` in the worker thread; ``callback(result, error)`` in the GUI thread.

        The function must only read the engine (a recording, a file to parse): it runs between batches.
        """
        self.send(_Call(function, lambda result, error: self._worker.replied.emit(callback, result, error)))

    def stop(self) -> None:
        """Quit the driver and join the worker thread (at once: a batch lasts a few milliseconds)."""
        if self._stopped:
            return
        self._stopped = True
        self._inbox.put(Quit())
        self._worker.wait()
        self._worker.yielded.disconnect(self._on_yielded)
        self._worker.replied.disconnect(self._on_replied)

    def _on_yielded(self, snapshot: Snapshot, drawing: LandscapeDrawing | None) -> None:
        if self._stopped:
            return
        try:
            self.snapshot_received.emit(snapshot, drawing)
        finally:
            self._inbox.put(Taken())

    def _on_replied(self, callback: Callable[[Any, BaseException | None], None], result: Any,
                    error: BaseException | None) -> None:
        if not self._stopped:
            callback(result, error)
