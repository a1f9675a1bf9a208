"""The engine in a worker: snapshots out through a signal, commands in through a queue.

One superqt generator worker (``create_worker`` around ``drive``) runs the engine in a thread pool
of its own, so it never takes a place file workers need and ``stop()`` can join it. Each snapshot
crosses to the GUI thread as a queued signal; the bridge hands it on and, once the GUI has handled
it, acknowledges it with ``Taken()``: never more than one batch is in flight and the worker waits
(without the interpreter lock) while the GUI thread is busy. The worker builds the engine for a
scenario itself (``start``, ``load``), and prepares what a new problem needs for drawing (the
landscape's heatmap and contours) before the snapshot leaves. Commands are data; the bridge adds
one of its own, ``Adopt``, which swaps in an engine a file worker has already built and checked (a
scenario file, or a recording replayed).

A bug that ends the worker (an exception anywhere in it) does not end the bridge: once that worker
has finished, the bridge starts a fresh one with no engine, on a fresh inbox, and says so with
``crashed``; whoever holds the session then loads it again (or opens a file, or starts anew).
"""

from __future__ import annotations

import queue
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from superqt.utils import create_worker

from gdsim.core.errors import InputError
from gdsim.engine.commands import Load, Pause, Play, Quit, Taken, TakeRecording
from gdsim.engine.driver import BATCH_SECONDS, drive, engine_for
from gdsim.engine.engine import Engine
from gdsim.engine.snapshot import Snapshot
from gdsim.engine.spec import Scenario
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.protocol import Picture
from gdsim.qt.workers import PlainGeneratorWorker, describe_bug
from gdsim.session.recording import make_recording


@dataclass(frozen=True)
class Adopt:
    """Drive ``engine`` from now on (built and checked by a file worker; nobody else holds it)."""

    engine: Engine


@dataclass(frozen=True)
class ReplayTo:
    """Let a replaying engine (gdsim.session.replaying) advance to ``tick`` (it plays there and
    stops); a tick at or below where it stands holds it where it is. Nothing for other engines."""

    tick: int


@dataclass(frozen=True)
class EndScript:
    """A replaying engine applies no more recorded events: it is the person's from here (a fork)."""


@dataclass(frozen=True)
class _Batch:
    """A snapshot on its way to the GUI, with its picture and the recording requests it answers."""

    snapshot: Snapshot
    picture: Picture | None
    answers: int = 0
    recording_error: str | None = None


@dataclass(frozen=True)
class _Refusal:
    """Something the worker could not do without an engine to do it with (no Taken expected)."""

    text: str
    answers: int = 0


class _Feed:
    """The driver's inbox: the bridge's queue, with ``Adopt`` taken out.

    An ``Adopt`` reaches the driver as ``Quit``; the worker then waits (``settle``) until the ended
    driver's last snapshot is acknowledged before it drives the adopted engine, so never more than
    one snapshot is in flight. Commands that arrive meanwhile are kept, in order, for the new driver.
    """

    def __init__(self, inbox: queue.Queue) -> None:
        self._inbox = inbox
        self._held: deque = deque()
        self.adopted: Engine | None = None
        self.unacknowledged = False
        #: The engine being driven (replay commands act on it, in the worker, in inbox order).
        self.engine: Engine | None = None

    def get(self, block: bool = True, timeout: float | None = None) -> object:
        return self._filter(self._held.popleft() if self._held else self._inbox.get(block, timeout))

    def get_nowait(self) -> object:
        return self.get(False)

    def _filter(self, command: object) -> object:
        if isinstance(command, Taken):
            self.unacknowledged = False
        elif isinstance(command, Adopt):
            self.adopted = command.engine
            return Quit()
        elif isinstance(command, ReplayTo | EndScript):
            return self._replay(command)
        return command

    def _replay(self, command: ReplayTo | EndScript) -> Play | Pause:
        """Steer a replaying engine: a new target to play to (Play), or hold or fork it (Pause)."""
        engine = self.engine
        if not getattr(engine, "scripted", False):
            return Pause()
        if isinstance(command, EndScript):
            engine.end_script()
            return Pause()
        engine.target = min(command.tick, engine.end)
        return Play() if engine.target > engine.tick else Pause()

    def settle(self) -> bool:
        """Wait for the Taken of the last snapshot sent; False if Quit comes first."""
        while self.unacknowledged:
            command = self._inbox.get()
            if isinstance(command, Quit):
                return False
            if isinstance(command, Taken):
                self.unacknowledged = False
            elif isinstance(command, Adopt):
                self.adopted = command.engine
            else:
                self._held.append(command)
        return True


class _Recorder:
    """``record`` for the driver: numbers the recording requests it answers, and catches a bug."""

    def __init__(self) -> None:
        self.asked = 0

    def __call__(self, engine: Engine) -> tuple[int, dict | None, str | None]:
        self.asked += 1
        try:
            return self.asked, make_recording(engine), None
        except Exception as error:  # noqa: BLE001 - reported in the window; the engine goes on
            return self.asked, None, describe_bug(error)


def _work(scenario: Scenario | None, inbox: queue.Queue, batch_seconds: float,
          frame_seconds: float | None) -> Iterator[_Batch | _Refusal]:
    """The worker: build (or wait for) an engine, drive it, and drive the next one adopted."""
    feed = _Feed(inbox)
    recorder = _Recorder()
    engine = None
    if scenario is not None:
        try:
            engine = engine_for(Load(scenario))
        except InputError as error:
            yield _Refusal(f"Could not start this session. {error}")
    while True:
        if engine is None:
            engine = yield from _wait_for_engine(feed, recorder)
            if engine is None:
                return
        feed.engine = engine
        for snapshot in drive(engine, feed, batch_seconds=batch_seconds, frame_seconds=frame_seconds,
                              record=recorder):
            feed.unacknowledged = True
            yield _batch(snapshot)
        if feed.adopted is None or not feed.settle():
            return
        engine, feed.adopted = feed.adopted, None


def _wait_for_engine(feed: _Feed, recorder: _Recorder) -> Iterator[_Refusal]:
    """No engine yet (or the first could not be built): wait for a Load or an Adopt; None on Quit."""
    while True:
        command = feed.get()
        if isinstance(command, Quit):
            engine, feed.adopted = feed.adopted, None
            return engine
        if isinstance(command, Load):
            try:
                return engine_for(command)
            except InputError as error:
                yield _Refusal(f"Could not load this session. {error}")
        elif isinstance(command, TakeRecording):
            recorder.asked += 1
            yield _Refusal("There is nothing to record yet: no problem is loaded.", recorder.asked)
        # Anything else (play, step, a hyperparameter) has no engine to act on yet.


#: The last picture drawn: an engine adopted on the same problem object (a replay's seek) reuses it
#: rather than drawing the landscape again.
_last_picture: list[Picture] = []


def _picture(loaded) -> Picture:
    last = _last_picture[0] if _last_picture else None
    if last is not None and last.problem is loaded.problem:
        return last
    picture = make_picture(loaded.problem, loaded.grid)
    _last_picture[:] = [picture]
    return picture


def _batch(snapshot: Snapshot) -> _Batch:
    picture = _picture(snapshot.loaded) if snapshot.loaded else None
    if snapshot.recording is None:
        return _Batch(snapshot, picture)
    answers, recording, error = snapshot.recording
    return _Batch(replace(snapshot, recording=recording), picture, answers, error)


class EngineBridge(QObject):
    """Owns the engine's worker; the window's only way to the engine.

    ``batch_seconds`` and ``frame_seconds`` are the driver's (see :func:`gdsim.engine.driver.drive`):
    how long a batch computes at least, and the frame whose rest it fills.

    Signals
    -------
    snapshot_received(Snapshot, Picture | None)
        In the GUI thread, for every snapshot, in order; acknowledged once the slots return (or,
        with ``acknowledge_when_drawn``, when the receiver calls :meth:`acknowledge`). The Picture
        (problem, grid and landscape drawing) comes with the snapshots that carry ``loaded``.
    failed(str)
        A sentence for the person: the first session could not be built, or a recording could not
        be made (no engine yet).
    bug(str, str)
        A sentence and the details (a traceback) of a bug the engine survived: a recording that
        could not be made.
    crashed(str)
        The details (a traceback) of a bug that ended the worker. A fresh worker, with no engine,
        already waits for a ``load`` or an ``adopt``; recordings asked for meanwhile have failed.
    """

    snapshot_received = Signal(object, object)
    failed = Signal(str)
    bug = Signal(str, str)
    crashed = Signal(str)

    def __init__(self, parent: QObject | None = None, batch_seconds: float = BATCH_SECONDS,
                 acknowledge_when_drawn: bool = False, frame_seconds: float | None = None) -> None:
        super().__init__(parent)
        self._inbox: queue.Queue = queue.Queue()
        self._batch_seconds = batch_seconds
        self._frame_seconds = frame_seconds
        self._manual = acknowledge_when_drawn
        self._unacknowledged = False
        #: When the last snapshot was acknowledged, until the next arrives (None: none is being computed).
        self._acknowledged_at: float | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._worker: PlainGeneratorWorker | None = None
        self._ended = False
        self._stopped = False
        self._crash: str | None = None
        self._asked = 0
        self._recordings: list[tuple[int, Callable[[dict], Any], Callable[[str], Any] | None]] = []

    @property
    def running(self) -> bool:
        """The worker has been started and has neither been stopped nor ended."""
        return self._worker is not None and not (self._stopped or self._ended)

    def start(self, scenario: Scenario | None) -> None:
        """Start the worker on ``scenario`` (built there), or with no engine until a ``load``."""
        if self._worker is not None or self._stopped:
            raise RuntimeError("an EngineBridge starts once")
        self._launch(scenario)

    def _launch(self, scenario: Scenario | None) -> None:
        self._worker = create_worker(
            _work, scenario, self._inbox, self._batch_seconds, self._frame_seconds, _start_thread=False,
            _worker_class=PlainGeneratorWorker,
            _connect={"yielded": self._on_yielded, "errored": self._on_errored, "finished": self._on_finished})
        self._worker.setAutoDelete(False)  # the bridge holds it; the pool must not delete it under us
        self._pool.start(self._worker)

    def send(self, command: object) -> None:
        """Put a command (gdsim.engine.commands) in the engine's inbox; it applies at the next step."""
        if not self._stopped:
            self._inbox.put(command)

    def load(self, scenario: Scenario) -> None:
        """Swap in a new problem and runs; a scenario that cannot run comes back in ``errors``."""
        self.send(Load(scenario))

    def adopt(self, engine: Engine) -> None:
        """Drive ``engine`` (built and checked in a file worker) instead of the current one."""
        self.send(Adopt(engine))

    def take_recording(self, callback: Callable[[dict], Any],
                       failure: Callable[[str], Any] | None = None) -> None:
        """Ask for a recording of everything so far; ``callback(recording)`` runs in the GUI thread
        when the snapshot carrying it arrives. If it cannot be made (no engine, a bug, the bridge
        stopped) ``failure(text)`` runs instead, if given."""
        if self._stopped:
            if failure is not None:
                failure("The engine has stopped.")
            return
        self._asked += 1
        self._recordings.append((self._asked, callback, failure))
        self.send(TakeRecording())

    def stop(self) -> None:
        """Quit the driver and join the worker (at once: a batch lasts a few milliseconds).

        Idempotent; nothing is delivered after it.
        """
        if self._stopped:
            return
        self._stopped = True
        if self._worker is not None:
            self._inbox.put(Quit())
            self._pool.waitForDone()
        self._fail_recordings(self._asked, "The engine has stopped.")

    def computing_for(self) -> float | None:
        """Seconds since the worker was let compute its next batch, while that batch has not come
        (None when none is on its way: the last snapshot is not acknowledged yet)."""
        if self._acknowledged_at is None:
            return None
        return time.perf_counter() - self._acknowledged_at

    def _on_yielded(self, item: _Batch | _Refusal) -> None:
        self._acknowledged_at = None
        if self._stopped:
            return
        if isinstance(item, _Refusal):
            self._fail_recordings(item.answers, item.text)
            self.failed.emit(item.text)
            return
        try:
            self.snapshot_received.emit(item.snapshot, item.picture)
            if item.recording_error is not None:
                text = "Could not make a recording because of a bug in gdsim."
                self._fail_recordings(item.answers, text)
                self.bug.emit(text, item.recording_error)
            elif item.answers:
                for done, _failure in self._due(item.answers):
                    done(item.snapshot.recording)
        finally:
            self._unacknowledged = True
            if not self._manual:
                self.acknowledge()

    def acknowledge(self) -> None:
        """The last snapshot has been taken (drawn): the worker may compute the next batch.

        Called by the bridge itself once the slots return, or, with ``acknowledge_when_drawn``, by
        the window once the frame showing the snapshot is painted: the engine then computes while
        the GUI thread is idle rather than competing with its painting for the interpreter lock.
        """
        if self._unacknowledged and not self._stopped:
            self._unacknowledged = False
            self._acknowledged_at = time.perf_counter()
            self._inbox.put(Taken())

    def _due(self, answers: int) -> list[tuple[Callable[[dict], Any], Callable[[str], Any] | None]]:
        """The callbacks of the first ``answers`` recording requests, taken off the list."""
        due = [(done, failure) for number, done, failure in self._recordings if number <= answers]
        self._recordings = [entry for entry in self._recordings if entry[0] > answers]
        return due

    def _fail_recordings(self, answers: int, text: str) -> None:
        for _done, failure in self._due(answers):
            if failure is not None:
                failure(text)

    def _on_errored(self, error: BaseException) -> None:
        """A bug ended the worker: recordings asked for fail now; a fresh worker starts once this one
        has finished (``_on_finished``, which superqt signals after ``errored``)."""
        if not self._stopped:
            self._crash = describe_bug(error)
            self._fail_recordings(self._asked, "The engine stopped because of a bug in gdsim.")

    def _on_finished(self) -> None:
        details, self._crash = self._crash, None
        if details is None or self._stopped:
            self._ended = True
            return
        # the old inbox may hold an acknowledgement or commands meant for the engine that failed; a
        # recording asked for since is never answered; the new worker numbers its answers from 1
        self._fail_recordings(self._asked, "The engine stopped because of a bug in gdsim.")
        self._inbox = queue.Queue()
        self._unacknowledged = False
        self._asked = 0
        self._launch(None)
        self.crashed.emit(details)

