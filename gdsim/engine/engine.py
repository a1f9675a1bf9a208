"""The engine: a problem and its runs, advanced together in batches bounded by steps and time.

The window drives exactly this object from a worker thread (through ``driver.drive``);
``simulate()`` and the command line are thin loops over it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.problem import Problem
from gdsim.engine.commands import (
    AddRun,
    EngineCommand,
    MoveStart,
    RemoveRun,
    Reset,
    SetHyper,
    SetOptimizer,
    SetRunOption,
    StopRun,
)
from gdsim.engine.heap import keep_heap
from gdsim.engine.network_run import NetworkRun
from gdsim.engine.optimizer_choice import make_run_optimizer
from gdsim.engine.problems import build_problem
from gdsim.engine.run import Run, minimum_tolerance, row_norms
from gdsim.engine.snapshot import Event, Loaded, NextUpdate, Points, RunFrame, Snapshot
from gdsim.engine.spec import RUN_FIELDS, Scenario
from gdsim.engine.steppers import make_run

#: Frames carry the gradient (for arrows) only for runs with at most this many balls.
ARROW_BALLS = 64
#: Whether glibc keeps the heap between steps (see gdsim.engine.heap): set once, when the engine is imported.
HEAP_KEPT = keep_heap()


class Engine:
    """Holds the problem and the runs; ``advance`` steps them, ``apply`` takes commands.

    Parameters
    ----------
    scenario
        What to run. InputError (with the key path) if any part of it cannot be run.
    problem
        An already built problem for ``scenario.problem`` (saves building it twice).
    clock
        Wall clock for event times (seconds).
    """

    def __init__(self, scenario: Scenario, problem: Problem | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if problem is None:
            try:
                problem = build_problem(scenario.problem)
            except InputError as error:
                raise error.within("problem") from None
        self.scenario = scenario
        self.problem = problem
        self.tick = 0
        self.runs: dict[int, Run | NetworkRun] = {}
        self.events: list[Event] = []
        self._clock = clock
        self._t0 = clock()
        self._next_id = 0
        self._sent: dict[int, tuple[tuple[int, int], int]] = {}
        self._settings_sent = False
        self._unsent_events: list[Event] = []
        self._removed: list[int] = []
        #: The latest loss slice of a network: every network run, those added later too, is projected on it.
        self.plane: Problem | None = None
        #: The runs whose next update each frame writes out (None: every run's); see commands.Watch.
        self.watched: tuple[int, ...] | None = None
        for index, spec in enumerate(scenario.runs):
            try:
                self._add(spec)
            except InputError as error:
                raise error.within(f"runs[{index}]") from None

    # --- commands ---------------------------------------------------------------------------

    def apply(self, command: EngineCommand) -> Event:
        """Apply ``command`` at the current step boundary and return it stamped.

        Raises InputError (and changes nothing) if the command names no run or an invalid value.
        """
        handler = getattr(self, f"_on_{type(command).__name__}", None)
        if handler is None:
            raise InputError("", f"not an engine command: {command!r}", "command.unknown",
                             {"command": type(command).__name__})
        # Applied or refused, the next snapshot acknowledges the runs' settings as they now stand.
        self._settings_sent = False
        handler(command)
        event = Event(self.tick, self._clock() - self._t0, command)
        self.events.append(event)
        self._unsent_events.append(event)
        return event

    def _run(self, run_id: int) -> Run | NetworkRun:
        try:
            return self.runs[run_id]
        except KeyError:
            raise InputError("run", f"there is no run {run_id}", "run.missing", {"run": run_id}) from None

    def _add(self, spec) -> Run | NetworkRun:
        run = make_run(self._next_id, spec, self.problem, self.scenario.seed, self.scenario.steps)
        if self.plane is not None:
            run.set_plane(self.plane)
        self.runs[run.id] = run
        self._next_id += 1
        return run

    def _on_SetHyper(self, c: SetHyper) -> None:
        run = self._run(c.run)
        run.optimizer.set_hyper(c.name, c.value)
        run.spec = run.spec.with_changes(hyper={**run.spec.hyper, c.name: run.optimizer.hyper[c.name]})
        self._retuned(run)

    def _on_SetOptimizer(self, c: SetOptimizer) -> None:
        run = self._run(c.run)
        run.set_spec(run.spec.with_changes(optimizer=c.name, hyper=dict(c.hyper)))
        if isinstance(run, NetworkRun):
            run.renew_optimizer()
        else:
            run.optimizer = make_run_optimizer(run, c.name, c.hyper)
        self._retuned(run)

    def _on_SetRunOption(self, c: SetRunOption) -> None:
        if c.name not in RUN_FIELDS or c.name in ("optimizer", "hyper", "start"):
            raise InputError("name", f"{c.name!r} cannot be set this way", "option.not_settable", {"name": c.name})
        run = self._run(c.run)
        run.set_spec(run.spec.with_changes(**{c.name: c.value}))
        self._retuned(run)

    def _retuned(self, run: Run) -> None:
        """The rate recorded at the current point is the rate of the update leaving it: after a live
        change that is the new rate, in the history and in what the next snapshot resends."""
        run.settings_changed()
        if run.id in self._sent and run.history is not None:
            key, length = self._sent[run.id]
            self._sent[run.id] = (key, min(length, max(run.history.length - 1, 0)))

    def _on_MoveStart(self, c: MoveStart) -> None:
        run = self._run(c.run)
        start = c.start if isinstance(c.start, dict) else tuple(float(v) for v in c.start)
        spec = run.spec.with_changes(start=start)
        run.set_spec(spec)
        run.reset()

    def _on_AddRun(self, c: AddRun) -> None:
        self._add(c.spec)

    def _on_RemoveRun(self, c: RemoveRun) -> None:
        self._run(c.run)
        del self.runs[c.run]
        self._sent.pop(c.run, None)
        self._removed.append(c.run)

    def _on_StopRun(self, c: StopRun) -> None:
        self._run(c.run).stop()

    def _on_Reset(self, c: Reset) -> None:
        for run in self.runs.values():
            run.reset()

    # --- stepping ---------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """No run can move any more."""
        return not any(run.running for run in self.runs.values())

    def advance(self, max_steps: int, max_seconds: float = float("inf")) -> int:
        """Step every running run together, up to ``max_steps`` times or until ``max_seconds`` pass.

        Returns the number of steps taken (at least one if anything can move and max_steps > 0).
        """
        deadline = time.perf_counter() + max_seconds
        runs = list(self.runs.values())
        taken = 0
        # Overflow and NaN are outcomes of a step, not errors: the runs detect and report divergence.
        with np.errstate(all="ignore"):
            while taken < max_steps:
                moving = [run for run in runs if run.running]
                if not moving:
                    break
                for run in moving:
                    run.advance()
                self.tick += 1
                taken += 1
                if time.perf_counter() >= deadline:
                    break
        return taken

    def run_to_end(self) -> None:
        """Advance until every run has stopped."""
        while not self.finished:
            self.advance(10_000)

    # --- read-outs --------------------------------------------------------------------------

    def current_scenario(self) -> Scenario:
        """The scenario as it stands now (runs added, removed, retuned), for saving."""
        return replace(self.scenario, runs=tuple(run.spec for run in self.runs.values()))

    def slice_job(self, run_id: int, method: str, size: int, span: float) -> Iterator[tuple[int, int] | Problem]:
        """The rows of a loss slice of network run ``run_id`` (see :class:`~gdsim.engine.commands.ComputeSlice`)."""
        run = self._run(run_id)
        if not isinstance(run, NetworkRun):
            raise InputError("run", "only a network's loss can be sliced", "slice.no_network")
        return self._projecting(run.slice_job(method, size, span))

    def _projecting(self, rows: Iterator[tuple[int, int] | Problem]) -> Iterator[tuple[int, int] | Problem]:
        """The slice's rows; once it is done, every run is projected on its plane."""
        for item in rows:
            if not isinstance(item, tuple):
                self.plane = item
                for run in self.runs.values():
                    run.set_plane(item)
            yield item

    def preview(self, run_id: int, start: tuple[float, ...], steps: int) -> np.ndarray:
        return self._run(run_id).preview(start, steps)

    def snapshot(self, errors: tuple[InputError, ...] = (), preview=None, playing: bool = False,
                 loaded: Loaded | None = None) -> Snapshot:
        """A frozen copy of where every run stands and what it recorded since the last snapshot; the
        runs' settings ride along only when a command changed (or tried to change) them."""
        with np.errstate(all="ignore"):  # where balls diverged, losses and gradients may be infinite or NaN
            together = self._evaluated_together()
            frames = tuple(self._frame(run, *together.get(run.id, (None, None))) for run in self.runs.values())
        specs = None
        if not self._settings_sent:
            specs = tuple((run.id, run.spec) for run in self.runs.values())
            self._settings_sent = True
        snapshot = Snapshot(self.tick, frames, specs, tuple(self._unsent_events), tuple(self._removed),
                            tuple(errors), preview, playing, loaded, watched=self.watched)
        self._unsent_events.clear()
        self._removed.clear()
        return snapshot

    def _evaluated_together(self) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """Each small run's loss at its balls and their distances to the nearest known minimum, from
        one call each for all of them, with the points their histories kept back (8 runs racing:
        4 calls a snapshot instead of 32), where the problem gives each point the same numbers
        evaluated alone or with others. Runs not in the answer are evaluated one by one."""
        small = [run for run in self.runs.values()
                 if not isinstance(run, NetworkRun) and len(run.theta) <= ARROW_BALLS]
        if not self.problem.rows_apart or len(small) < 2:
            return {}
        self._flush_together(small)
        points = np.concatenate([run.theta for run in small])
        losses = self.problem.value(points)
        distances = self.problem.distance_to_nearest_minimum(points)
        together, start = {}, 0
        for run in small:
            end = start + len(run.theta)
            together[run.id] = (losses[start:end], distances[start:end])
            start = end
        return together

    def _flush_together(self, runs: list[Run]) -> None:
        """Write the points ``runs`` kept back to their histories, evaluated in one call each."""
        kept = [(run, paths) for run in runs if (paths := run.kept_paths()) is not None]
        if not kept:
            return
        points = np.concatenate([paths.reshape(-1, self.problem.dim) for _run, paths in kept])
        losses = self.problem.value(points)
        norms = row_norms(self.problem.gradient(points))
        start = 0
        for run, paths in kept:
            k, n = paths.shape[:2]
            end = start + k * n
            run.flush_evaluated(losses[start:end].reshape(k, n), norms[start:end].reshape(k, n))
            start = end

    def _frame(self, run: Run | NetworkRun, loss: np.ndarray | None = None,
               distance: np.ndarray | None = None) -> RunFrame:
        """What is drawn of ``run`` now (``loss`` and ``distance``: at its balls, if evaluated already)."""
        if isinstance(run, NetworkRun):
            return run.frame()
        history = run.history
        key = (history.serial, history.generation) if history else (run.id, 0)
        sent_key, sent_length = self._sent.get(run.id, (None, 0))
        restart = sent_key != key
        first = 0 if restart else sent_length
        length = history.length if history else 0
        self._sent[run.id] = (key, length)
        small = len(run.theta) <= ARROW_BALLS
        velocity = run.optimizer.velocity() if small else None
        done = not run.running
        return RunFrame(
            run_id=run.id, step=run.step, positions=run.theta.copy(),
            loss=run.final_loss() if loss is None else loss,
            status=run.status.copy(), ball_steps=run.ball_steps.copy(), diverged_at=run.diverged_at.copy(),
            reason=run.reason, lr=run.lr, restart=restart, first=first, points=self._points(history, first),
            epoch=run.epoch, batch=None if run.batch is None else run.batch.copy(),
            gradient=run.gradient_now() if small else None,
            velocity=None if velocity is None else velocity.copy(),
            next_update=self._next_update(run) if self.watched is None or run.id in self.watched else None,
            basins=self.basins(run.theta) if done else None,
            distance=(self.problem.distance_to_nearest_minimum(run.theta) if distance is None else distance)
            if small else None,
            reached_at=run.reached_at.copy() if run.reached_at is not None else None,
            model=self.problem.model_curve(run.theta[0]) if small else None,
            evaluations=self._evaluations(run),
        )

    @staticmethod
    def _evaluations(run: Run) -> np.ndarray | None:
        """Each ball's gradient evaluations so far, for a torch class that may take several a step."""
        counts = getattr(run.optimizer, "evaluations", None)
        return None if counts is None else counts.copy()

    @staticmethod
    def _points(history, first: int) -> Points:
        """Copies of the history's rows from ``first`` on (empty columns for a run that keeps none)."""
        if history is None:
            empty = np.empty(0)
            return Points(empty.astype(np.int64), empty, empty, empty, empty, empty)
        columns = {name: history.view(name, first).copy() for name in ("step", "path", "loss", "grad_norm",
                                                                       "lr", "batch_loss")}
        return Points(columns["step"].astype(np.int64), columns["path"], columns["loss"], columns["grad_norm"],
                      columns["lr"], columns["batch_loss"])

    @staticmethod
    def _next_update(run: Run) -> NextUpdate | None:
        """The update a single running ball takes next, with its direction d in θ' = θ − lr·d."""
        coming = run.next_update()
        if coming is None:
            return None
        gradient, position = coming
        lr = run.lr
        with np.errstate(all="ignore"):
            direction = (run.theta[0] - position[0]) / lr if lr else np.full_like(position[0], np.nan)
        return NextUpdate(gradient[0].copy(), direction, position[0].copy(), lr)

    def basins(self, theta: np.ndarray) -> np.ndarray:
        """Index of the known minimum each point has reached (-1: none)."""
        return self.problem.nearest_minimum(theta, minimum_tolerance(self.problem))
