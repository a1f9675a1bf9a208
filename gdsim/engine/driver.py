"""The engine as a generator: yields one frozen Snapshot per batch and takes commands from an inbox.

Backpressure: after yielding a snapshot the driver computes nothing more until the consumer puts
``Taken()`` in the inbox, so there is never more than one batch in flight and a fast engine cannot
starve the thread that draws. Batches are bounded by time as well as by steps. While paused (or
waiting for ``Taken``) the driver blocks on the inbox and costs nothing. ``Load(scenario)`` swaps in
a new engine (its first snapshot carries ``loaded``). ``TakeRecording()`` makes a recording in the
driver's thread with the ``record`` function it was given (the session layer's), so nobody reads
the engine from another thread. ``Quit()`` ends it. Commands are data: the inbox holds nothing
callable.
"""

from __future__ import annotations

import math
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.grid import landscape_grid
from gdsim.engine.commands import (
    CancelSlice,
    ComputeSlice,
    Load,
    Pause,
    Play,
    Preview,
    Quit,
    SetSpeed,
    Step,
    Taken,
    TakeRecording,
    Watch,
)
from gdsim.engine.engine import Engine
from gdsim.engine.run import spread_starts
from gdsim.engine.snapshot import Loaded, Snapshot

#: How long a batch computes before it is handed over (seconds); with a frame to fill, the least.
BATCH_SECONDS = 0.004
#: The most steps in one batch.
BATCH_STEPS = 100_000
#: The longest a batch of network training computes: an update takes about a millisecond and torch
#: releases the interpreter lock inside its kernels, so a longer batch keeps the GUI fluid while a
#: 4 ms batch would leave the engine idle most of each frame (41 -> 200 steps per second measured).
NETWORK_BATCH_SECONDS = 0.02


class _Transport:
    """Play/pause, pending single steps and pacing: what the driver should do next."""

    def __init__(self) -> None:
        self.playing = False
        self.budget = 0
        self.speed: float | None = None
        self._paced_from = 0.0
        self._paced_done = 0

    def play(self) -> None:
        self.playing = True
        self._restart_pacing()

    def set_speed(self, speed: float | None) -> None:
        self.speed = speed
        self._restart_pacing()

    def _restart_pacing(self) -> None:
        self._paced_from = time.perf_counter()
        self._paced_done = 0

    def steps_due(self) -> int:
        if self.budget:
            return self.budget
        if not self.playing:
            return 0
        if self.speed is None:
            return BATCH_STEPS
        due = math.floor((time.perf_counter() - self._paced_from) * self.speed) + 1
        return max(0, due - self._paced_done)

    def took(self, steps: int) -> None:
        if self.budget:
            self.budget = max(0, self.budget - steps)
        elif self.playing and self.speed is not None:
            self._paced_done += steps

    def seconds_to_next_step(self) -> float | None:
        """How long to wait for the next paced step (None: wait for a command)."""
        if not self.playing or self.budget:
            return None
        if self.speed is None:
            return 0.0
        next_at = self._paced_from + self._paced_done / self.speed
        return max(0.0, next_at - time.perf_counter())


def drive(engine: Engine, inbox: queue.Queue, *, batch_seconds: float = BATCH_SECONDS,
          frame_seconds: float | None = None, record: Callable[[Engine], Any] | None = None) -> Iterator[Snapshot]:
    """Run ``engine`` as a generator of snapshots, steered by commands put in ``inbox``.

    The first snapshot is yielded at once (the whole state). Engine commands that fail validation
    do not stop the driver: their messages ride along in the next snapshot's ``errors``.
    ``record(engine)`` answers TakeRecording (its result rides in the next snapshot).

    A batch computes for ``batch_seconds``; with ``frame_seconds``, for what is left of a frame that
    long after the rest of the last one (making its snapshot, the consumer drawing it), and at
    least ``batch_seconds``: a window that draws quickly leaves the engine more of each frame.
    """
    transport = _Transport()
    awaiting_taken = True
    yield engine.snapshot(loaded=loaded(engine))
    # What the next snapshot must report; kept while waiting for Taken, so a command that arrives
    # then (a pause, a preview, an error) is reported once the consumer is ready, not dropped.
    errors: list[InputError] = []
    preview = None
    changed = False
    fresh = None
    recording = None
    taken = 0  # engine commands this engine has taken (applied or refused)
    job = None  # (run id, rows of a loss slice being computed)
    progress = landscape = None
    watched = engine.watched  # kept for the engines loaded after this one
    computed_at = None  # when the last batch ended
    while True:
        for command in _commands(inbox, transport, awaiting_taken, engine, job is not None):
            if isinstance(command, Quit):
                return
            if isinstance(command, Load):
                try:
                    engine = engine_for(command)
                except InputError as error:
                    errors.append(error)
                else:
                    engine.watched = watched
                    fresh = loaded(engine)
                    job = None
                    transport.playing = False
                    transport.budget = 0
                    taken = 0
                changed = True
            elif isinstance(command, Taken):
                awaiting_taken = False
            elif isinstance(command, Play):
                transport.play()
                changed = True
            elif isinstance(command, Pause):
                transport.playing = False
                changed = True
            elif isinstance(command, Step):
                transport.budget += max(0, command.n)
            elif isinstance(command, SetSpeed):
                transport.set_speed(command.steps_per_second)
            elif isinstance(command, Watch):
                watched = engine.watched = command.runs
                changed = True
            elif isinstance(command, TakeRecording):
                if record is None:
                    errors.append(InputError("", "this session cannot make recordings", "recording.unavailable"))
                else:
                    recording = record(engine)
            elif isinstance(command, ComputeSlice):
                try:
                    job = (command.run, engine.slice_job(command.run, command.method, command.size, command.span))
                except InputError as error:
                    errors.append(error)
            elif isinstance(command, CancelSlice):
                job = None
                changed = True
            elif isinstance(command, Preview):
                try:
                    preview = (command.run, engine.preview(command.run, command.start, command.steps))
                except InputError as error:
                    errors.append(error)
            else:
                taken += 1
                try:
                    engine.apply(command)
                except InputError as error:
                    errors.append(error)
                changed = True
        if awaiting_taken:
            continue
        if job is not None:
            item = next(job[1])
            if isinstance(item, tuple):
                progress = item
            else:
                landscape, job = (job[0], item), None
            changed = True
        due = transport.steps_due()
        if due and not engine.finished:
            seconds = _batch_seconds(batch_seconds, frame_seconds, computed_at)
            if engine.problem.stepper != "numpy":
                seconds = max(seconds, NETWORK_BATCH_SECONDS)
            transport.took(engine.advance(due, seconds))
            computed_at = time.perf_counter()
            changed = True
        elif due and transport.budget:
            transport.budget = 0
        if engine.finished and transport.playing:
            transport.playing = False
            changed = True
        if changed or errors or preview is not None or recording is not None:
            awaiting_taken = True
            snapshot = replace(engine.snapshot(tuple(errors), preview, transport.playing, fresh), commands=taken)
            if recording is not None:
                snapshot = replace(snapshot, recording=recording)
            if progress is not None or landscape is not None:
                snapshot = replace(snapshot, slice_progress=progress, landscape_slice=landscape)
            yield snapshot
            errors, preview, changed, fresh, recording, progress, landscape = [], None, False, None, None, None, None


def _batch_seconds(least: float, frame_seconds: float | None, computed_at: float | None) -> float:
    """How long the next batch computes: ``least``, or what is left of a frame of ``frame_seconds``
    since the last batch ended (at ``computed_at``), if that is more."""
    if frame_seconds is None or computed_at is None:
        return least
    return max(least, frame_seconds - (time.perf_counter() - computed_at))


def engine_for(load: Load) -> Engine:
    """A new engine for a Load command (spreading the runs' default starts when it asks)."""
    engine = Engine(load.scenario)
    unplaced = [i for i, spec in enumerate(load.scenario.runs) if spec.start is None]
    if not load.spread_starts or len(unplaced) < 2 or engine.problem.start is None:
        return engine
    starts = spread_starts(engine.problem, len(unplaced))
    runs = list(load.scenario.runs)
    for index, start in zip(unplaced, starts, strict=True):
        runs[index] = runs[index].with_changes(start=tuple(float(v) for v in start))
    return Engine(replace(load.scenario, runs=tuple(runs)), engine.problem)


def loaded(engine: Engine) -> Loaded:
    """What a consumer needs once per engine: the problem and its landscape grid.

    Everything a problem computes lazily (a typed formula's estimated minima) is computed here, in
    the worker, so whoever draws only reads.
    """
    engine.problem.critical_points  # noqa: B018 - computed now, on this thread
    drawable = engine.problem.domain is not None
    return Loaded(engine.scenario, engine.problem, landscape_grid(engine.problem) if drawable else None)


def _commands(inbox: queue.Queue, transport: _Transport, awaiting_taken: bool, engine: Engine, slicing: bool):
    """Every command waiting in the inbox; blocks for the first one when there is nothing to do."""
    idle = awaiting_taken or (not slicing and (engine.finished or transport.steps_due() == 0))
    if idle:
        timeout = None if awaiting_taken else transport.seconds_to_next_step()
        try:
            yield inbox.get(timeout=timeout)
        except queue.Empty:
            return
    while True:
        try:
            yield inbox.get_nowait()
        except queue.Empty:
            return
