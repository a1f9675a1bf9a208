"""Frozen batches handed from the engine to whoever draws: copies, safe to read in another thread."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import ModelCurve, Problem
from gdsim.engine.spec import Scenario


@dataclass(frozen=True)
class Event:
    """An applied engine command, stamped with the engine tick it took effect at and the wall time."""

    step: int
    t: float
    command: object


@dataclass(frozen=True)
class RunFrame:
    """What changed in one run since the last snapshot.

    ``restart`` is true when the points given are the whole history (first frame, reset, moved
    start, thinning): the consumer replaces what it has. Otherwise the points are new ones to
    append. Arrays are copies.
    """

    run_id: int
    step: int
    positions: np.ndarray
    status: np.ndarray
    ball_steps: np.ndarray
    diverged_at: np.ndarray
    reason: str | None
    lr: float
    restart: bool
    steps: np.ndarray
    path: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    lrs: np.ndarray
    batch_loss: np.ndarray
    epoch: int
    batch: np.ndarray | None
    gradient: np.ndarray | None
    velocity: np.ndarray | None
    basins: np.ndarray | None
    final_loss: np.ndarray | None
    distance: np.ndarray | None
    reached_at: np.ndarray | None
    model: ModelCurve | None = None

    @property
    def running(self) -> bool:
        return bool((self.status == 0).any())


@dataclass(frozen=True)
class Loaded:
    """Sent once per engine: the problem (read-only for consumers) and its grid for drawing."""

    problem: Problem
    grid: LandscapeGrid | None


@dataclass(frozen=True)
class Snapshot:
    """One batch: the engine tick, a frame per run, the commands applied, errors, and any preview.

    ``scenario`` is the scenario as it stands (runs added, retuned), for saving; ``loaded`` is set
    on the first snapshot of a new engine.
    """

    tick: int
    runs: tuple[RunFrame, ...]
    scenario: Scenario
    events: tuple[Event, ...] = ()
    removed: tuple[int, ...] = ()
    errors: tuple[str, ...] = ()
    preview: tuple[int, np.ndarray] | None = None
    playing: bool = False
    loaded: Loaded | None = None

    @property
    def finished(self) -> bool:
        return not any(frame.running for frame in self.runs)

    def run(self, run_id: int) -> RunFrame | None:
        return next((frame for frame in self.runs if frame.run_id == run_id), None)
