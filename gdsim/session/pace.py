"""The pace of a recorded session: when (wall-clock seconds) the engine reached which tick, and when
the person pressed play, pause, step or changed the speed, so a replay can go at the recorded pace.

Play, pause, step and speed change no trajectory (the engine's tick is what the commands are stamped
with), so they are not engine events; they are kept here, in a recording's optional "pace" key::

    "pace": {"t": [0.0, 0.4, 2.1], "tick": [0, 0, 51],
             "transport": [{"t": 0.4, "step": 0, "command": "play", "value": null}]}

``t`` are seconds since recording began, ``tick`` the engine tick the window showed then (both
never decrease); ``transport`` are the buttons pressed, each with the tick the window showed, and a
value (the steps of a step, the steps per second of a speed, null when flat out). Ticks before the
first sample and after the last go at ``DEFAULT_RATE``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import check_keys, describe, require_keys, require_object

PACE_KEYS = ("t", "tick", "transport")
MARK_KEYS = ("t", "step", "command", "value")
TRANSPORT_COMMANDS = ("play", "pause", "step", "speed")
#: Steps per second where the recording says nothing (a recording made without the Record button).
DEFAULT_RATE = 30.0
#: While the ticks move, a sample at most this often (seconds); a transport mark always adds one.
SAMPLE_EVERY = 0.1


@dataclass(frozen=True)
class TransportMark:
    """A transport button pressed: at ``t`` seconds, with the window at tick ``step``."""

    t: float
    step: int
    command: str
    value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"t": round(self.t, 6), "step": self.step, "command": self.command, "value": self.value}


@dataclass(frozen=True)
class Pace:
    """Samples (seconds, tick), both non-decreasing, and the transport marks."""

    times: np.ndarray
    ticks: np.ndarray
    transport: tuple[TransportMark, ...] = ()
    rate: float = DEFAULT_RATE

    def time_at(self, tick: int) -> float:
        """The seconds at which the recorded session first reached ``tick``."""
        times, ticks = self.times, self.ticks
        if len(ticks) == 0:
            return tick / self.rate
        if tick <= ticks[0]:
            return float(times[0] - (ticks[0] - tick) / self.rate)
        if tick > ticks[-1]:
            return float(times[-1] + (tick - ticks[-1]) / self.rate)
        i = int(np.searchsorted(ticks, tick, side="left"))  # ticks[i - 1] < tick <= ticks[i]
        share = (tick - ticks[i - 1]) / (ticks[i] - ticks[i - 1])
        return float(times[i - 1] + share * (times[i] - times[i - 1]))

    def tick_at(self, seconds: float) -> int:
        """The tick the recorded session had reached ``seconds`` in (never below 0)."""
        times, ticks = self.times, self.ticks
        if len(ticks) == 0:
            return max(0, math.floor(seconds * self.rate))
        if seconds < times[0]:
            return max(0, int(ticks[0]) - math.ceil((times[0] - seconds) * self.rate))
        if seconds >= times[-1]:
            return int(ticks[-1]) + math.floor((seconds - times[-1]) * self.rate)
        i = int(np.searchsorted(times, seconds, side="right"))  # times[i - 1] <= seconds < times[i]
        share = (seconds - times[i - 1]) / (times[i] - times[i - 1])
        return int(ticks[i - 1] + math.floor(share * (ticks[i] - ticks[i - 1])))

    def to_dict(self) -> dict[str, Any]:
        return {"t": [round(float(t), 6) for t in self.times], "tick": [int(k) for k in self.ticks],
                "transport": [mark.to_dict() for mark in self.transport]}


def uniform_pace(rate: float | None = None) -> Pace:
    """A pace of ``rate`` steps per second throughout (default ``DEFAULT_RATE``)."""
    return Pace(np.empty(0), np.empty(0, dtype=np.int64), (), rate or DEFAULT_RATE)


class PaceLog:
    """Collects a pace while a session is recorded: ``sample`` on every tick shown, ``mark`` on
    every transport button. Samples are thinned to one per ``SAMPLE_EVERY`` seconds while the ticks
    move, and kept at every mark, so pauses stay pauses."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.ticks: list[int] = []
        self.transport: list[TransportMark] = []

    def sample(self, t: float, tick: int, force: bool = False) -> None:
        if self.ticks and tick < self.ticks[-1]:
            return  # a new engine with fewer ticks is not this recording's
        if not force and self.ticks and (tick == self.ticks[-1] or t - self.times[-1] < SAMPLE_EVERY):
            return
        self.times.append(max(t, self.times[-1]) if self.times else t)
        self.ticks.append(tick)

    def mark(self, t: float, tick: int, command: str, value: float | None = None) -> None:
        self.sample(t, tick, force=True)
        self.transport.append(TransportMark(t, tick, command, value))

    def pace(self, rate: float | None = None) -> Pace:
        return Pace(np.array(self.times, dtype=float), np.array(self.ticks, dtype=np.int64),
                    tuple(self.transport), rate or DEFAULT_RATE)


def _number(item: Any, key: str, whole: bool) -> float | int:
    """A number at least 0 (whole if ``whole``) at ``key``; InputError otherwise."""
    bad = (isinstance(item, bool) or not isinstance(item, int | float)
           or (whole and not isinstance(item, int)) or not math.isfinite(item) or item < 0)
    if bad:
        what = "a whole number" if whole else "a number"
        raise InputError(key, f"must be {what}, at least 0, not {describe(item)}", "pace.number",
                         {"value": describe(item)})
    return item


def _numbers(value: Any, key: str, whole: bool) -> np.ndarray:
    if not isinstance(value, list):
        raise InputError(key, f"must be a list of numbers, not {describe(value)}", "type.list")
    array = np.array([_number(item, f"{key}[{i}]", whole) for i, item in enumerate(value)],
                     dtype=np.int64 if whole else float)
    if np.any(np.diff(array) < 0):
        raise InputError(key, "must never decrease", "pace.order")
    return array


def _mark(data: Any, where: str) -> TransportMark:
    try:
        mark = require_object(data)
        check_keys(mark, MARK_KEYS)
        require_keys(mark, ("t", "step", "command"), "every transport mark has its t, step and command")
        t = _number(mark["t"], "t", whole=False)
        step = _number(mark["step"], "step", whole=True)
        command = mark["command"]
        if command not in TRANSPORT_COMMANDS:
            raise InputError("command", f"unknown transport command {describe(command)}; known: "
                             f"{', '.join(TRANSPORT_COMMANDS)}", "choice.unknown",
                             {"value": describe(command), "choices": list(TRANSPORT_COMMANDS)})
        value = mark.get("value")
        if value is not None:
            value = float(_number(value, "value", whole=False))
    except InputError as error:
        raise error.within(where) from None
    return TransportMark(float(t), int(step), command, value)


def parse_pace(data: Any, rate: float | None = None) -> Pace:
    """Check a recording's "pace" object and return it as a Pace.

    Raises
    ------
    InputError
        Naming the key (``pace.tick[3]``) of the first thing wrong: an unknown key, a negative or
        non-finite number, lists of different lengths, times or ticks that go back.
    """
    try:
        pace = require_object(data)
        check_keys(pace, PACE_KEYS)
        times = _numbers(pace.get("t", []), "t", whole=False)
        ticks = _numbers(pace.get("tick", []), "tick", whole=True)
        if len(times) != len(ticks):
            raise InputError("tick", f"must have one tick per time ({len(times)}), not {len(ticks)}",
                             "pace.length", {"times": len(times), "ticks": len(ticks)})
        marks = pace.get("transport", [])
        if not isinstance(marks, list):
            raise InputError("transport", f"must be a list, not {describe(marks)}", "type.list")
        transport = tuple(_mark(mark, f"transport[{i}]") for i, mark in enumerate(marks))
    except InputError as error:
        raise error.within("pace") from None
    return Pace(times, ticks, transport, rate or DEFAULT_RATE)


def recording_pace(recording: Mapping[str, Any]) -> Pace:
    """The pace of a parsed recording: its "pace" if it has one, else its scenario's pace (or
    ``DEFAULT_RATE``) steps per second throughout."""
    scenario = recording.get("scenario_spec")
    rate = getattr(scenario, "pace", None)
    if recording.get("pace") is None:
        return uniform_pace(rate)
    return parse_pace(recording["pace"], rate)
