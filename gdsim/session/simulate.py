"""``simulate``: run a scenario (and optionally a timeline of commands) to a recording, without Qt."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.engine.engine import Engine
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import Scenario
from gdsim.session.recording import make_recording
from gdsim.session.scenario import parse_scenario


def simulate(scenario: Scenario | Mapping[str, Any], events: Iterable[Event] = (),
             ticks: int | None = None) -> dict[str, Any]:
    """Run ``scenario`` deterministically and return its recording.

    Parameters
    ----------
    scenario
        A Scenario, or a scenario object as read from a file (validated here).
    events
        Commands to apply, each at its recorded engine tick (replaying a recorded session).
    ticks
        Stop after this many engine steps; by default run until every run has stopped.

    Raises
    ------
    InputError
        If the scenario or an event is invalid (the message names the key path).
    """
    return make_recording(simulated_engine(scenario, events, ticks))


def simulated_engine(scenario: Scenario | Mapping[str, Any], events: Iterable[Event] = (),
                     ticks: int | None = None) -> Engine:
    """The engine after running ``scenario`` with ``events`` (see :func:`simulate`), to ``ticks``
    or, by default, until every run has stopped."""
    if isinstance(scenario, Scenario):
        engine = Engine(scenario)
    else:
        spec, problem = parse_scenario(scenario)
        engine = Engine(spec, problem)
    for index, event in enumerate(events):
        engine.advance(event.step - engine.tick)
        try:
            engine.apply(event.command)
        except InputError as error:
            raise error.within(f"events[{index}]") from None
    if ticks is None:
        engine.run_to_end()
    else:
        engine.advance(ticks - engine.tick)
    return engine


def replayed_engine(recording: Mapping[str, Any]) -> Engine:
    """An engine that has done what a parsed recording (see ``parse_recording``) did: its scenario,
    each command at its recorded step, to the recording's last tick."""
    ticks = recording.get("meta", {}).get("ticks")
    ticks = ticks if isinstance(ticks, int) and not isinstance(ticks, bool) else None
    return simulated_engine(recording["scenario_spec"], recording["event_list"], ticks)


def replay(recording: Mapping[str, Any]) -> dict[str, Any]:
    """Replay a parsed recording (see ``parse_recording``): the same scenario, the same commands at
    the same steps, to the same final tick. On one machine the result is bit-identical."""
    return make_recording(replayed_engine(recording))
