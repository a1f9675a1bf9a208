"""Replaying a recording in the window: the pace, seeking, and leaving the replay for a new session.

An opened recording is driven by a ReplayEngine (gdsim.session.replaying) in the engine's worker: it
applies the recorded events at their ticks and advances only up to the tick this controller lets it
reach (``ReplayTo``), which follows the recorded pace (gdsim.session.pace) times the timeline's factor
(x1, x2, x4, or max). Seeking re-simulates headless in a function worker, from the nearest cached
checkpoint, and the engine at that tick is adopted: the GUI thread computes nothing. Taking the
controls (a setting changed, a start moved, reset, a new problem, Play or Step past the end) forks:
the engine stops following the recording (``EndScript``) and the session becomes a new, untitled
one, which a message says. While a recording is replayed, Save writes the file as it was opened.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from gdsim.engine.commands import SetSpeed
from gdsim.qt.engine_bridge import EndScript, ReplayTo
from gdsim.qt.messages import fill
from gdsim.qt.scenario_files import RECORDING
from gdsim.qt.session_model import OpenFile
from gdsim.qt.timeline import EVENT_COLOUR, TRANSPORT_COLOUR, Timeline
from gdsim.qt.workers import describe_bug, run_in_worker
from gdsim.session.replaying import ReplaySource

if TYPE_CHECKING:
    from gdsim.engine.engine import Engine
    from gdsim.engine.snapshot import Snapshot
    from gdsim.qt.main_window import MainWindow

#: How often the pace is followed while playing (milliseconds).
PACE_MS = 30
#: The key of the message that says the replay was left.
FORK_KEY = "replay_left"


class Replay(QObject):
    """The replay of the open recording (see the module's docstring); ``timeline`` is its widget.

    Signals
    -------
    active_changed(bool)
        A recording began to be replayed (True), or the replay was left (False).
    """

    active_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timeline = Timeline(window)
        self.timeline.hide()
        self.source: ReplaySource | None = None
        self.playing = False
        #: The tick the views show (or, after a seek, the tick of the engine on its way).
        self.tick = 0
        self._factor: float | None = 1.0
        self._anchor = (0.0, 0.0)  # (wall clock, recorded seconds) the pace is followed from
        self._requested = 0
        self._awaiting_load = False
        self._seeking = False
        self._pending_seek: int | None = None
        self._play_after_seek = False
        self._timer = QTimer(self)
        self._timer.setObjectName("replay_pace")
        self._timer.setInterval(PACE_MS)
        self._timer.timeout.connect(self._follow_pace)
        self.timeline.play_clicked.connect(self.toggle_play)
        self.timeline.step_clicked.connect(self.step)
        self.timeline.factor_changed.connect(self._set_factor)
        self.timeline.seek_requested.connect(self.seek)

    @property
    def active(self) -> bool:
        """A recording is being replayed (and not left)."""
        return self.source is not None

    @property
    def end(self) -> int:
        return self.source.end if self.source is not None else 0

    @property
    def at_end(self) -> bool:
        return self.active and self.tick >= self.end

    # --- starting and leaving ---------------------------------------------------------------------

    def begin(self, source: ReplaySource) -> None:
        """Replay ``source``; its engine (at the recording's end) is about to be adopted."""
        self._stop_pacing()
        self.source = source
        self.tick = self._requested = source.end
        self._awaiting_load = True
        self._pending_seek = None
        marks = [(mark.step, TRANSPORT_COLOUR) for mark in source.pace.transport]
        marks += [(event.step, EVENT_COLOUR) for event in source.events]
        self.timeline.set_recording(source.end, marks)
        self.timeline.show_tick(source.end)
        self.timeline.show()
        self.window.session.set_replaying(True)
        self.window.bridge.send(SetSpeed(None))  # the replay sets its own pace
        self.active_changed.emit(True)

    def leave(self) -> None:
        """Replay no more (another session was loaded, or the replay was forked)."""
        if not self.active:
            return
        self._stop_pacing()
        self.source = None
        self._play_after_seek = False
        self.timeline.hide()
        self.window.session.set_replaying(False)
        self.window.bridge.send(SetSpeed(self.window.speed.speed))
        self.active_changed.emit(False)

    def fork(self) -> None:
        """The person takes the controls: the engine stops following the recording where it is.
        Left before its end, the session is a new, untitled recording (saving asks for a name, so
        the file keeps its end); left at its end, the recording goes on and Save adds to it."""
        if not self.active:
            return
        tick, end = self.tick, self.end
        self._stop_pacing()
        self.window.bridge.send(EndScript())
        self.leave()
        text = fill(self.tr("Replay left at tick %1: you are now in a new session."), f"{tick:,}")
        if tick < end:
            self.window.session.set_file(OpenFile(None, RECORDING, None))
            text += " " + fill(self.tr("The recording goes on to tick %1 in its file; this session is untitled."),
                               f"{end:,}")
        self.window.messages.show_message(text, "info", key=FORK_KEY)

    def shut_down(self) -> None:
        """The window closes: stop following the pace."""
        self._stop_pacing()

    # --- what the engine did ------------------------------------------------------------------------

    def on_snapshot(self, snapshot: Snapshot, _picture=None) -> None:
        if not self.active:
            return
        if self._awaiting_load:
            if snapshot.loaded is None:
                return  # the engine before the one adopted
            self._awaiting_load = False
        elif snapshot.loaded is not None:
            self.leave()  # another session (a new one, a scenario opened)
            return
        self.tick = snapshot.tick
        self.timeline.show_tick(snapshot.tick)
        if self._play_after_seek and not self._seeking:
            self._play_after_seek = False
            self.play()
        elif self.playing and snapshot.tick >= self.end:
            self._stop_pacing()

    # --- the transport ------------------------------------------------------------------------------

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        """Play at the recorded pace times the factor (from the start when at the end)."""
        if not self.active:
            return
        if self.tick >= self.end or self._seeking:
            self._play_after_seek = True
            if not self._seeking:
                self.seek(0)
            return
        self.playing = True
        self._requested = self.tick
        self._anchor = (time.monotonic(), self.source.pace.time_at(self.tick))
        self.timeline.show_playing(True)
        self._timer.start()
        self._follow_pace()

    def pause(self) -> None:
        """Hold the engine where it is."""
        self._play_after_seek = False
        if self.playing:
            self._stop_pacing()
            self.window.bridge.send(ReplayTo(0))

    def step(self) -> None:
        """One tick of the recording (paused)."""
        if not self.active or self._seeking:
            return
        self.pause()
        self._requested = min(max(self._requested, self.tick) + 1, self.end)
        self.window.bridge.send(ReplayTo(self._requested))

    def _set_factor(self, factor: float | None) -> None:
        self._factor = factor
        if self.playing:
            self._anchor = (time.monotonic(), self.source.pace.time_at(self.tick))

    def _follow_pace(self) -> None:
        if not self.playing:
            return
        if self._factor is None:
            target = self.end
        else:
            started, recorded = self._anchor
            seconds = recorded + (time.monotonic() - started) * self._factor
            target = min(self.end, self.source.pace.tick_at(seconds))
        if target > self._requested:
            self._requested = target
            self.window.bridge.send(ReplayTo(target))

    def _stop_pacing(self) -> None:
        self.playing = False
        self._timer.stop()
        self.timeline.show_playing(False)

    # --- seeking ------------------------------------------------------------------------------------

    def seek(self, tick: int) -> None:
        """Show the recording at ``tick``: re-simulated in a worker, then adopted (the latest asked
        wins while one is computed)."""
        if not self.active:
            return
        if self.playing:
            self._stop_pacing()
            self._play_after_seek = False
        self._pending_seek = max(0, min(int(tick), self.end))
        if not self._seeking:
            self._next_seek()

    def _next_seek(self) -> None:
        tick, self._pending_seek = self._pending_seek, None
        source = self.source
        self._seeking = True
        run_in_worker(source.checkpoints.engine_at, tick, returned=lambda engine: self._sought(source, engine),
                      errored=self._seek_failed)

    def _sought(self, source: ReplaySource, engine: Engine) -> None:
        self._seeking = False
        if self.source is not source:
            return
        if self._pending_seek is not None:
            self._next_seek()
            return
        self.tick = self._requested = engine.tick
        self._awaiting_load = True
        self.window.bridge.adopt(engine)

    def _seek_failed(self, error: BaseException) -> None:
        self._seeking = False
        self._pending_seek = None
        self.window.messages.show_message(self.tr("Could not go to that step of the recording:") + "\n"
                                          + describe_bug(error), "error")
