"""Paired timing for the benchmarks: sides take turns, every round is timed in CPU and wall time.

A ratio is taken per round (side A's time over side B's time in that round) and summarised by its
median and its spread (lowest, highest), so load that comes and goes shifts both sides of a pair
alike and a few bad rounds cannot hide behind a best-of. The load average is printed with each table.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Samples:
    """One side's times over the rounds (seconds), CPU and wall."""

    cpu: tuple[float, ...]
    wall: tuple[float, ...]

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)


@dataclass(frozen=True)
class Ratio:
    """Paired ratios of two sides: median and spread, CPU and wall."""

    cpu: tuple[float, ...]
    wall: tuple[float, ...]

    def text(self) -> str:
        return (f"{statistics.median(self.cpu):.2f} [{min(self.cpu):.2f}-{max(self.cpu):.2f}] cpu, "
                f"{statistics.median(self.wall):.2f} wall")


def taking_turns(works: dict[str, Callable[[], object]], rounds: int) -> dict[str, Samples]:
    """Run every side once per round, the order reversed every other round; time each in CPU and wall."""
    names = list(works)
    cpu: dict[str, list[float]] = {name: [] for name in names}
    wall: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            gc.collect()
            cpu0, wall0 = time.process_time(), time.perf_counter()
            works[name]()
            cpu[name].append(time.process_time() - cpu0)
            wall[name].append(time.perf_counter() - wall0)
    return {name: Samples(tuple(cpu[name]), tuple(wall[name])) for name in names}


def paired_ratio(a: Samples, b: Samples) -> Ratio:
    return Ratio(tuple(x / y for x, y in zip(a.cpu, b.cpu, strict=True)),
                 tuple(x / y for x, y in zip(a.wall, b.wall, strict=True)))


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def refuse_torch() -> None:
    """The engine is timed as a gdsim process runs: without torch imported (it changes the heap's behaviour)."""
    if "torch" in sys.modules:
        sys.exit("torch is imported in this process: the engine timings would not be those of a gdsim process")
