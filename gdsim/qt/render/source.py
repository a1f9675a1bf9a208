"""What is rendered: a scenario (run to its end) or a recording (its events replayed), and its playback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gdsim.core.errors import InputError
from gdsim.core.problem import Problem
from gdsim.engine.engine import Engine
from gdsim.engine.snapshot import Event, Snapshot
from gdsim.engine.spec import Scenario
from gdsim.session.jsonio import read_json
from gdsim.session.recording import parse_recording
from gdsim.session.scenario import parse_scenario
from gdsim.session.versions import RECORDING_FORMAT


@dataclass(frozen=True)
class Source:
    """A scenario and the commands applied to it (a recording's events), up to ``ticks`` engine
    steps (a recording's last tick) or, with None, until every run has stopped."""

    scenario: Scenario
    problem: Problem
    events: tuple[Event, ...] = ()
    ticks: int | None = None
    kind: str = "scenario"

    def player(self) -> Player:
        """A fresh playback from tick 0."""
        return Player(self)

    def end_tick(self) -> int:
        """The engine tick playback ends at (a recording's last tick, or where every run stops:
        found by playing it through once, headless)."""
        player = self.player()
        player.advance_to(self.ticks)
        return player.engine.tick


def load_source(path: Path) -> Source:
    """Read a scenario or a recording file; InputError naming the file and the key path if it is broken."""
    try:
        data = read_json(path)
        if isinstance(data, Mapping) and data.get("format") == RECORDING_FORMAT:
            recording = parse_recording(data)
            ticks = recording.get("meta", {}).get("ticks")
            ticks = ticks if isinstance(ticks, int) and not isinstance(ticks, bool) and ticks >= 0 else None
            scenario, problem = parse_scenario(data["scenario"])
            return Source(scenario, problem, tuple(recording["event_list"]), ticks, "recording")
        scenario, problem = parse_scenario(data)
        return Source(scenario, problem)
    except InputError as error:
        raise InputError("", f"{path}: {error}", error.code, error.params) from None


class Player:
    """Plays a source forward: the engine advanced tick by tick, each event applied at its tick
    (as ``gdsim.session.simulate`` replays a recording, so the trajectories are the same)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.engine = Engine(source.scenario, source.problem)
        self._next_event = 0

    def advance_to(self, tick: int | None) -> None:
        """Advance to engine tick ``tick`` (None: to the end), applying the events due on the way;
        stops early where every run has stopped."""
        engine, events = self.engine, self.source.events
        while self._next_event < len(events) and (tick is None or events[self._next_event].step <= tick):
            event = events[self._next_event]
            engine.advance(event.step - engine.tick)
            try:
                engine.apply(event.command)
            except InputError as error:
                raise error.within(f"events[{self._next_event}]") from None
            self._next_event += 1
        limit = self.source.ticks
        target = limit if tick is None else (tick if limit is None else min(tick, limit))
        if target is None:
            engine.run_to_end()
        else:
            engine.advance(target - engine.tick)

    def snapshot(self) -> Snapshot:
        """What changed since the last snapshot (the first carries every run's whole history)."""
        return self.engine.snapshot()
