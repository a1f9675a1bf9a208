"""Seeking in a recording (checkpoints) and its pace, without Qt: the oracle is a headless engine
run from the scenario with the events up to the tick, and closed forms on x²."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.engine.commands import MoveStart, Reset, SetHyper
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.session.jsonio import dumps
from gdsim.session.pace import PaceLog, parse_pace, recording_pace
from gdsim.session.recording import load_recording, parse_recording
from gdsim.session.replaying import Checkpoints, open_replay
from gdsim.session.simulate import simulate, simulated_engine

FIXTURE = Path(__file__).parent / "fixtures" / "recording_v1.json"


def recorded(scenario: Scenario, events: list[Event], ticks: int, pace: dict | None = None) -> dict:
    """A recording as written and read back (strict JSON), optionally with a pace."""
    data = json.loads(dumps(simulate(scenario, events, ticks)))
    if pace is not None:
        data["pace"] = pace
    return parse_recording(data)


def same_state(engine, reference) -> bool:
    """Same tick, runs, positions and recorded histories, bit for bit."""
    if engine.tick != reference.tick or list(engine.runs) != list(reference.runs):
        return False
    for run_id, run in reference.runs.items():
        mine = engine.runs[run_id]
        if not np.array_equal(mine.theta, run.theta) or mine.spec != run.spec:
            return False
        if run.history is None:  # a swarm keeps no path
            if mine.history is not None:
                return False
            continue
        for column in ("step", "path", "loss", "lr"):
            if not np.array_equal(mine.history.view(column), run.history.view(column), equal_nan=True):
                return False
    return True


def headless_at(recording: dict, tick: int):
    events = [event for event in recording["event_list"] if event.step <= tick]
    return simulated_engine(recording["scenario_spec"], events, ticks=tick)


def test_seeking_anywhere_matches_a_headless_run_and_keeps_the_cache_bounded():
    scenario = Scenario(problem={"kind": "landscape", "name": "rosenbrock", "options": {}}, steps=100_000,
                        runs=(RunSpec(label="Adam", optimizer="adam", hyper={"lr": 0.02}),
                              RunSpec(label="SGD", optimizer="sgd", hyper={"lr": 0.001, "momentum": 0.9})))
    events = [Event(3, 0.1, SetHyper(0, "lr", 0.05)), Event(700, 1.0, MoveStart(1, (0.5, 0.5))),
              Event(1200, 2.0, Reset()), Event(1200, 2.0, SetHyper(1, "lr", 0.002))]
    recording = recorded(scenario, events, 2000)
    checkpoints = Checkpoints(recording, every=100, limit=4)
    assert checkpoints.end == 2000
    for tick in (2000, 0, 3, 4, 699, 700, 701, 1199, 1200, 1201, 1999, 250, 2000):
        assert same_state(checkpoints.engine_at(tick), headless_at(recording, tick)), tick
        assert len(checkpoints.ticks) <= 4
    # an engine adopted mid-way and advanced in small, timed batches (as the window drives it) ends
    # exactly where the whole recording ends
    engine = checkpoints.engine_at(1000)
    engine.target = 2000
    while not engine.finished:
        engine.advance(7, 0.001)
    assert same_state(engine, headless_at(recording, 2000))
    assert [(e.step, e.t) for e in engine.events] == [(e.step, e.t) for e in recording["event_list"]]


def test_sgd_on_x_squared_follows_the_closed_form_through_a_replayed_lr_change():
    """x_k = x0 (1 - 2 lr)^k: the replayed engine at every tick agrees, across a change of lr."""
    scenario = Scenario(problem={"kind": "landscape", "name": "x_squared", "options": {}}, steps=1000,
                        runs=(RunSpec(label="SGD", optimizer="sgd", hyper={"lr": 0.1}, start=(3.0,)),))
    recording = recorded(scenario, [Event(10, 0.0, SetHyper(0, "lr", 0.05))], 30)
    checkpoints = Checkpoints(recording, every=7)
    for tick in (30, 5, 10, 11, 29, 0):
        x = checkpoints.engine_at(tick).runs[0].theta[0, 0]
        expected = 3.0 * 0.8 ** min(tick, 10) * 0.9 ** max(tick - 10, 0)
        assert x == pytest.approx(expected, rel=1e-12), tick


def test_the_committed_version_1_recording_replays_to_its_end():
    recording = load_recording(FIXTURE)
    source = open_replay(recording)
    assert "pace" not in source.recording and source.pace.rate > 0
    ticks = recording["meta"]["ticks"]
    assert same_state(source.checkpoints.engine_at(ticks), headless_at(recording, ticks))
    assert same_state(source.checkpoints.engine_at(ticks // 2), headless_at(recording, ticks // 2))


def test_a_pace_is_kept_as_recorded_and_maps_ticks_and_seconds_both_ways():
    log = PaceLog()
    log.sample(0.0, 0, force=True)
    log.mark(1.0, 0, "play")  # paused for a second, then 100 steps in one second
    for i in range(1, 11):
        log.sample(1.0 + i / 10, i * 10)
    log.mark(2.0, 100, "pause")
    log.mark(3.0, 100, "step", 1)
    scenario = Scenario(problem={"kind": "landscape", "name": "x_squared", "options": {}}, steps=200,
                        runs=(RunSpec(label="SGD", optimizer="sgd", hyper={"lr": 0.1}),))
    recording = recorded(scenario, [], 101, log.pace().to_dict())
    pace = recording_pace(recording)
    assert [m.command for m in pace.transport] == ["play", "pause", "step"]
    assert pace.tick_at(0.5) == 0 and pace.tick_at(1.55) == 55 and pace.tick_at(2.5) == 100
    assert pace.time_at(0) == 0.0 and pace.time_at(50) == pytest.approx(1.5) and pace.time_at(100) == 2.0
    assert pace.tick_at(3.0 + 1.5 / pace.rate) == 101  # after the last sample: the default rate


@pytest.mark.parametrize(("pace", "path", "code"), [
    ({"t": [0, 1], "tick": [0]}, "pace.tick", "pace.length"),
    ({"t": [0, 1], "tick": [5, 2]}, "pace.tick", "pace.order"),
    ({"t": [0, None], "tick": [0, 1]}, "pace.t[1]", "pace.number"),
    ({"t": [], "tick": [], "transport": [{"t": 0, "step": 0, "command": "rewind"}]},
     "pace.transport[0].command", "choice.unknown"),
    ({"t": [], "tick": [], "speed": 3}, "pace", "key.unknown"),
])
def test_a_malformed_pace_is_refused_with_its_key_path(pace, path, code):
    data = json.loads(dumps(simulate(Scenario(problem={"kind": "landscape", "name": "x_squared", "options": {}},
                                              steps=3, runs=(RunSpec(label="SGD"),)))))
    data["pace"] = pace
    with pytest.raises(InputError) as caught:
        parse_recording(data)
    assert caught.value.code == code and caught.value.path.startswith(path), str(caught.value)
    with pytest.raises(InputError):
        parse_pace(pace)
