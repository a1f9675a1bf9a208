"""Running a sweep's cells and measuring them: one group of cells in, one result per cell out.

A group of NumPy cells is one :class:`~gdsim.engine.run.Run`: each cell's starts side by side, the
learning rate a rate per ball (the same operations, in the same order, as a run of its own: a cell's
numbers do not depend on the cells beside it). A network cell is one training
(:class:`~gdsim.engine.network_run.NetworkRun`). After every update the loss of each ball is read;
a cell's loss is the mean over its balls (one ball: its loss).

Everything here is a plain function of the sweep and the cell indices, seeded per cell, so any
process (this one, a pool's, a Dask worker) computes the same rows.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass

import numpy as np

from gdsim.core.problem import Problem
from gdsim.core.random_streams import stream
from gdsim.engine.network_run import NetworkRun
from gdsim.engine.problems import build_problem
from gdsim.engine.run import Run, start_positions
from gdsim.engine.status import Status
from gdsim.session.sweep import Cell, Sweep

#: The CSV's columns, in order (``error`` is empty unless the cell failed).
COLUMNS = ("optimizer", "lr", "seed", "final_loss", "best_loss", "steps_to_threshold", "diverged", "diverged_at",
           "distance", "val_accuracy", "seconds", "error")


@dataclass(frozen=True)
class CellResult:
    """What one cell measured (see the README's sweep section for each column)."""

    index: int
    optimizer: str
    lr: float
    seed: int
    final_loss: float | None = None
    best_loss: float | None = None
    steps_to_threshold: int | None = None
    diverged: bool = False
    diverged_at: int | None = None
    distance: float | None = None
    val_accuracy: float | None = None
    seconds: float = 0.0
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)


def failed_result(sweep: Sweep, index: int, reason: str) -> CellResult:
    """The row of a cell that could not be run (its worker died twice, or it raised)."""
    cell = sweep.cells[index]
    return CellResult(index, sweep.entries[cell.entry].label, cell.lr, cell.seed, error=reason)


def cell_starts(sweep: Sweep, problem: Problem, seed: int) -> np.ndarray:
    """A cell's (N, D) starts: drawn from the seed's start stream, as a scenario's run 0 draws them."""
    return start_positions(sweep.start, problem, stream(seed, 0, "starts"))


_PROBLEMS: dict[str, Problem] = {}


def _problem_of(sweep: Sweep) -> Problem:
    """The sweep's problem, built once per process and problem (workers receive the sweep, not the
    problem: each task brings its own copy of the sweep)."""
    key = json.dumps(sweep.problem, sort_keys=True)
    if key not in _PROBLEMS:
        _PROBLEMS.clear()
        _PROBLEMS[key] = build_problem(sweep.problem)
    return _PROBLEMS[key]


def run_group(sweep: Sweep, group: tuple[int, ...], problem: Problem | None = None) -> list[CellResult]:
    """Run the cells ``group`` together and return their results (in ``group``'s order).

    Parameters
    ----------
    sweep
        The parsed sweep.
    group
        Cell indices run together (see :meth:`Sweep.groups`): one entry's cells, or one cell.
    problem
        The built problem; built here (once per process) when a worker calls without it.
    """
    problem = _problem_of(sweep) if problem is None else problem
    cells = [sweep.cells[index] for index in group]
    if problem.stepper == "torch":
        return [_train(sweep, problem, cell) for cell in cells]
    return _roll(sweep, problem, cells)


def _roll(sweep: Sweep, problem: Problem, cells: list[Cell]) -> list[CellResult]:
    """NumPy cells as one swarm, a rate per ball."""
    began = time.perf_counter()
    entry = sweep.entries[cells[0].entry]
    per_cell = sweep.balls_per_cell
    by_seed = {seed: cell_starts(sweep, problem, seed) for seed in {cell.seed for cell in cells}}
    starts = np.concatenate([by_seed[cell.seed] for cell in cells])
    spec = entry.run_spec(cells[0].lr)
    ball_lr = None if len(cells) == 1 else np.repeat([cell.lr for cell in cells], per_cell)
    run = Run(0, spec, problem, cells[0].seed, sweep.steps, start_points=starts, ball_lr=ball_lr)
    threshold = sweep.threshold
    count = len(cells)

    def cell_losses() -> np.ndarray:
        loss = problem.value(run.theta)
        return loss if per_cell == 1 else loss.reshape(count, per_cell).mean(axis=1)

    with np.errstate(all="ignore"):
        curve = cell_losses()
        best = curve.copy()
        reached = np.full(count, -1, dtype=np.int64)
        if threshold is not None:
            reached[curve <= threshold] = 0
        while run.running:
            run.advance()
            curve = cell_losses()
            np.fmin(best, curve, out=best)
            if threshold is not None:
                newly = (reached < 0) & (curve <= threshold)
                if newly.any():
                    reached[newly] = run.step
        distance = problem.distance_to_nearest_minimum(run.theta).reshape(count, per_cell).mean(axis=1)
    diverged = (run.status == Status.DIVERGED).reshape(count, per_cell)
    diverged_at = run.diverged_at.reshape(count, per_cell)
    seconds = (time.perf_counter() - began) / count
    results = []
    for k, cell in enumerate(cells):
        first = diverged_at[k][diverged_at[k] >= 0]
        results.append(CellResult(
            cell.index, entry.label, cell.lr, cell.seed, final_loss=float(curve[k]), best_loss=float(best[k]),
            steps_to_threshold=int(reached[k]) if reached[k] >= 0 else None, diverged=bool(diverged[k].any()),
            diverged_at=int(first.min()) if len(first) else None,
            distance=float(distance[k]) if math.isfinite(distance[k]) else None, seconds=seconds))
    return results


def _train(sweep: Sweep, problem: Problem, cell: Cell) -> CellResult:
    """One network cell: one training from the problem's initial weights, batches from the cell's seed;
    its losses are the full training loss at each evaluation."""
    began = time.perf_counter()
    entry = sweep.entries[cell.entry]
    run = NetworkRun(0, entry.run_spec(cell.lr), problem, cell.seed, sweep.steps)
    while run.running:
        run.advance()
    losses = np.array(run.evals["train_loss"], dtype=float)
    reached = None
    if sweep.threshold is not None:
        hits = np.flatnonzero(losses <= sweep.threshold)
        reached = int(run.evals["step"][hits[0]]) if len(hits) else None
    final = run.final()
    diverged = bool(run.status[0] == Status.DIVERGED)
    return CellResult(
        cell.index, entry.label, cell.lr, cell.seed, final_loss=float(final["train_loss"]),
        best_loss=float(np.fmin.reduce(losses)), steps_to_threshold=reached, diverged=diverged,
        diverged_at=int(run.diverged_at[0]) if diverged else None,
        val_accuracy=None if final["val_accuracy"] is None else float(final["val_accuracy"]),
        seconds=time.perf_counter() - began)
