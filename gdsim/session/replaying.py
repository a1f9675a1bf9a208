"""Replaying a recording in steps: an engine that applies the recorded events at their ticks as it
advances, and seeking to any tick from a cache of checkpoints.

``ReplayEngine`` is an Engine with a script (the recording's events) and a ``target`` tick: it
advances only up to the target (it reports ``finished`` while it stands there, so whoever drives it
stops), applying each event when it reaches the event's tick, exactly as ``simulated_engine`` does.
``end_script`` hands it over to the person: from then on it is a plain engine (a new session forked
from the replay).

``Checkpoints`` re-simulates headless to any tick, from the nearest copy (``copy.deepcopy``) of the
engine it kept on the way, one every ``every`` ticks; at most ``limit`` are kept (when full, every
other one goes and the spacing doubles), so the memory stays bounded. The state at tick T is every
event with a step up to T applied, after T steps: what ``simulated_engine(scenario, events up to T,
ticks=T)`` gives.
"""

from __future__ import annotations

import copy
import math
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.problem import Problem
from gdsim.engine.engine import Engine
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import Scenario
from gdsim.session.pace import Pace, recording_pace

#: At most this many checkpoints are kept per recording.
CHECKPOINT_LIMIT = 32
#: The keys ``parse_recording`` adds to a recording's content.
PARSED_KEYS = ("scenario_spec", "event_list")
#: The first spacing of checkpoints (ticks); it doubles when the cache is full.
CHECKPOINT_EVERY = 500


class ReplayEngine(Engine):
    """An engine replaying ``events`` up to tick ``end`` (see the module's docstring).

    Parameters
    ----------
    scenario
        The recording's scenario.
    events
        Its events, in the order of their steps.
    end
        The tick the recording ends at (None: until every run has stopped).
    problem
        The scenario's problem, already built.
    """

    def __init__(self, scenario: Scenario, events: Iterable[Event], end: int | None = None,
                 problem: Problem | None = None) -> None:
        super().__init__(scenario, problem)
        self.script: tuple[Event, ...] = tuple(events)
        self.next_event = 0
        self.end = sys.maxsize if end is None else end
        self.target = self.end
        self.scripted = True
        self._apply_due()

    @property
    def finished(self) -> bool:
        if self.scripted and self.tick >= min(self.target, self.end):
            return True
        return super().finished

    def end_script(self) -> None:
        """Apply no more recorded events and stop at no target: the engine is the person's now."""
        self.scripted = False

    def advance(self, max_steps: int, max_seconds: float = float("inf")) -> int:
        if not self.scripted:
            return super().advance(max_steps, max_seconds)
        deadline = time.perf_counter() + max_seconds
        taken = 0
        while taken < max_steps:
            upcoming = self.script[self.next_event].step if self.next_event < len(self.script) else math.inf
            room = min(min(self.target, self.end, upcoming) - self.tick, max_steps - taken)
            if room <= 0:
                break
            steps = super().advance(int(room), max(0.0, deadline - time.perf_counter()))
            taken += steps
            self._apply_due()
            if steps == 0 or time.perf_counter() >= deadline:
                break
        return taken

    def advance_to(self, tick: int) -> None:
        """Advance (without a time limit) to ``tick``, or until every run has stopped."""
        self.target = tick
        while self.tick < min(tick, self.end) and self.advance(tick - self.tick):
            pass

    def _apply_due(self) -> None:
        """Apply every recorded event whose step has come, keeping its recorded wall time."""
        while self.next_event < len(self.script) and self.script[self.next_event].step <= self.tick:
            index, event = self.next_event, self.script[self.next_event]
            self.next_event += 1
            try:
                applied = self.apply(event.command)
            except InputError as error:
                raise error.within(f"events[{index}]") from None
            self.events[-1] = replace(applied, t=event.t)


class Checkpoints:
    """Engines at any tick of a recording, from cached checkpoints (thread-safe).

    Parameters
    ----------
    recording
        A parsed recording (see ``parse_recording``).
    every, limit
        The first spacing of checkpoints (ticks) and how many are kept at most.

    Raises
    ------
    InputError
        If the scenario cannot run or an event cannot be applied (with its key path).
    """

    def __init__(self, recording: Mapping[str, Any], every: int = CHECKPOINT_EVERY,
                 limit: int = CHECKPOINT_LIMIT) -> None:
        ticks = recording.get("meta", {}).get("ticks")
        end = ticks if isinstance(ticks, int) and not isinstance(ticks, bool) else None
        first = ReplayEngine(recording["scenario_spec"], recording["event_list"], end)
        if end is None:  # a recording without its last tick: it ends where every run stopped
            probe = _copy(first)
            probe.advance_to(sys.maxsize)
            end = first.end = first.target = probe.tick
        #: The tick the recording ends at.
        self.end = end
        self.every = max(1, every)
        self.limit = max(2, limit)
        self._lock = threading.Lock()
        self._kept: dict[int, ReplayEngine] = {0: first}

    @property
    def ticks(self) -> list[int]:
        """The ticks of the checkpoints kept."""
        with self._lock:
            return sorted(self._kept)

    def engine_at(self, tick: int) -> ReplayEngine:
        """A new engine at ``tick`` (clamped to the recording), holding there, with the recording's
        later events still to come."""
        tick = max(0, min(tick, self.end))
        with self._lock:
            start = max(kept for kept in self._kept if kept <= tick)
            engine = _copy(self._kept[start])
        while engine.tick < min(tick, engine.end):
            stop = min(tick, (engine.tick // self.every + 1) * self.every)
            before = engine.tick
            engine.advance_to(stop)
            if engine.tick == before:
                break  # every run has stopped: the ticks stop too
            if engine.tick % self.every == 0:
                self._keep(engine)
        engine.target = tick
        return engine

    def _keep(self, engine: ReplayEngine) -> None:
        with self._lock:
            if engine.tick in self._kept:
                return
            if len(self._kept) >= self.limit:
                self.every *= 2
                self._kept = {tick: kept for tick, kept in self._kept.items() if tick % self.every == 0}
                if engine.tick % self.every:
                    return
            self._kept[engine.tick] = _copy(engine)


def _copy(engine: ReplayEngine) -> ReplayEngine:
    """A deep copy sharing what never changes (the problem, the script). Each run's history and
    reached steps are read first: that files the points a run keeps back (the same numbers, row for
    row), so the copy copies a few arrays rather than thousands of small ones."""
    for run in engine.runs.values():
        run.history, run.reached_at  # noqa: B018 - files the points kept back
    return copy.deepcopy(engine, {id(engine.problem): engine.problem, id(engine.script): engine.script})


@dataclass(frozen=True)
class ReplaySource:
    """A recording opened for replay: the file's content (saved unchanged while it is replayed), its
    events, its pace and its checkpoints."""

    recording: dict[str, Any]
    events: tuple[Event, ...]
    pace: Pace
    checkpoints: Checkpoints

    @property
    def end(self) -> int:
        return self.checkpoints.end


def open_replay(parsed: Mapping[str, Any]) -> ReplaySource:
    """A ReplaySource for a parsed recording (see ``parse_recording``). Its first
    ``checkpoints.engine_at(tick)`` replays up to that tick (slow: call it in a worker).

    Raises
    ------
    InputError
        If the scenario cannot run or the pace is malformed (an event that cannot be applied is
        refused by ``engine_at``).
    """
    recording = {key: value for key, value in parsed.items() if key not in PARSED_KEYS}
    checkpoints = Checkpoints(parsed)
    return ReplaySource(recording, tuple(parsed["event_list"]), recording_pace(parsed), checkpoints)
