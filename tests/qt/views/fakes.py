"""Runs built by hand for view tests: RunFrames with the numbers a test chooses, and a live run
model with the attributes views read (``RunTraces``/``RunTrace``), so a view is tested alone."""

from __future__ import annotations

import numpy as np

from gdsim.core.grid import landscape_grid
from gdsim.core.landscapes import make_landscape
from gdsim.engine.snapshot import NextUpdate, Points, RunFrame
from gdsim.engine.spec import OKABE_ITO, RunSpec
from gdsim.engine.status import Status
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.protocol import Picture


def picture_of(name: str) -> Picture:
    """The Picture of the built-in landscape ``name``."""
    problem = make_landscape(name)
    return make_picture(problem, landscape_grid(problem))


def run_frame(run_id: int, positions, loss, *, step: int = 0, gradient=None, next_update: NextUpdate | None = None,
              basins=None, status: Status = Status.RUNNING, points: Points | None = None) -> RunFrame:
    """A frame of balls at ``positions`` (N, D) with J = ``loss`` (N,) at step ``step``."""
    positions = np.atleast_2d(np.asarray(positions, dtype=float))
    n = len(positions)
    empty = Points(np.empty(0), np.empty((0, n, positions.shape[1])), np.empty((0, n)), np.empty((0, n)),
                   np.empty(0), np.empty((0, n)))
    return RunFrame(
        run_id=run_id, step=step, positions=positions, loss=np.asarray(loss, dtype=float).reshape(n),
        status=np.full(n, int(status), dtype=np.int8), ball_steps=np.full(n, step), diverged_at=np.full(n, -1),
        reason=None, lr=0.1, restart=False, first=0, points=points or empty, epoch=0, batch=None,
        gradient=None if gradient is None else np.atleast_2d(np.asarray(gradient, dtype=float)),
        velocity=None, next_update=next_update,
        basins=None if basins is None else np.asarray(basins), distance=None, reached_at=None)


class FakeTrace:
    """One run's recorded history (steps, path, loss, grad_norm, lrs) and its latest frame."""

    def __init__(self, frame: RunFrame, steps=(), path=None, loss=(), grad_norm=None, lrs=None,
                 starts=None) -> None:
        self.run_id = frame.run_id
        self.frame = frame
        self.steps = np.asarray(steps, dtype=float)
        self.length = len(self.steps)
        dim = frame.positions.shape[1]
        self.path = np.zeros((self.length, dim)) if path is None else np.asarray(path, dtype=float).reshape(-1, dim)
        self.loss = np.asarray(loss, dtype=float)
        self.grad_norm = np.ones(self.length) if grad_norm is None else np.asarray(grad_norm, dtype=float)
        self.lrs = np.full(self.length, 0.1) if lrs is None else np.asarray(lrs, dtype=float)
        self.starts = starts
        self.version = 1
        self.restarts = 1

    @property
    def is_swarm(self) -> bool:
        return len(self.frame.positions) > 1


class FakeRuns:
    """Traces by run id, as the live run model holds them."""

    def __init__(self, *traces: FakeTrace) -> None:
        self.traces = {trace.run_id: trace for trace in traces}
        self.version = 1

    def __iter__(self):
        return iter(self.traces.values())

    def get(self, run_id: int) -> FakeTrace | None:
        return self.traces.get(run_id)


def specs_for(runs: FakeRuns) -> dict[int, RunSpec]:
    """A visible spec per run, in the run colours."""
    return {run_id: RunSpec(label=f"Run {run_id}", color=OKABE_ITO[run_id % len(OKABE_ITO)]) for run_id in runs.traces}
