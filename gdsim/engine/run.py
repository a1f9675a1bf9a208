"""One run: an optimizer moving one ball or a swarm of balls over a problem, step by step."""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping

import numpy as np

from gdsim.core.data_problems import DataProblem
from gdsim.core.optimizers import Optimizer
from gdsim.core.problem import Problem
from gdsim.core.random_streams import stream
from gdsim.core.sampling import BatchSampler
from gdsim.core.schedules import make_schedule
from gdsim.core.stopping import all_finite, converged_at_point, converged_by_step, divergence, divergence_reason
from gdsim.engine.history import History
from gdsim.engine.optimizer_choice import make_run_optimizer
from gdsim.engine.run_checks import check_run
from gdsim.engine.spec import RunSpec
from gdsim.engine.status import Status

#: A ball within this fraction of the domain's diagonal of a known minimum has reached it.
MINIMUM_TOLERANCE = 0.01
#: Runs with at most this many balls track the step at which each first reached a minimum.
TRACKED_BALLS = 64
#: Status.RUNNING as a plain int: comparing an array with the enum member makes NumPy look the member's
#: array attributes up on every call (several times slower for small swarms).
RUNNING = int(Status.RUNNING)
#: Points kept back before they are evaluated and written to the history (or checked for reach) as one block.
FLUSH_ROWS = 2048


def row_norms(array: np.ndarray) -> np.ndarray:
    """Euclidean norm of each row (much cheaper than np.linalg.norm for small arrays)."""
    return np.sqrt(np.einsum("ij,ij->i", array, array))


def minimum_tolerance(problem: Problem) -> float:
    """Distance from a known minimum that counts as having reached it."""
    # math.hypot scales as it goes: a domain over 1e154 wide (data at the float range's end) does not overflow
    return MINIMUM_TOLERANCE * math.hypot(*(problem.domain[:, 1] - problem.domain[:, 0]).tolist())


def start_positions(start, problem: Problem, rng: np.random.Generator | None) -> np.ndarray:
    """The (N, D) start points for a run's ``start`` setting (``rng``: needed for a random swarm only)."""
    if start is None:
        return problem.start.reshape(1, -1).astype(float)
    if isinstance(start, Mapping) and "random" in start:
        low, high = problem.domain[:, 0], problem.domain[:, 1]
        return low + (high - low) * rng.random((int(start["random"]), problem.dim))
    if isinstance(start, Mapping):
        axes = [np.linspace(lo, hi, int(n)) for (lo, hi), n in zip(problem.domain, start["grid"], strict=True)]
        mesh = np.meshgrid(*axes, indexing="xy")
        return np.column_stack([m.ravel() for m in mesh])
    return np.array(start, dtype=float).reshape(1, -1)


#: Distinct default starts lie on a circle of this fraction of the domain around the default start.
SPREAD_FRACTION = 0.08


def spread_starts(problem: Problem, count: int) -> np.ndarray:
    """``count`` distinct single-ball starts (count, D): the problem's default start first, the others
    around it at a small distance, kept inside the domain."""
    start = problem.start.astype(float)
    low, high = problem.domain[:, 0], problem.domain[:, 1]
    radius = SPREAD_FRACTION * (high - low)
    points = [start]
    for k in range(1, count):
        offset = np.zeros_like(start)
        if len(start) == 1:
            offset[0] = radius[0] * ((k + 1) // 2) * (1 if k % 2 else -1)
        else:
            angle = 2 * np.pi * (k - 1) / max(count - 1, 1)
            offset[:2] = radius[:2] * np.array([np.cos(angle), np.sin(angle)])
        points.append(np.clip(start + offset, low, high))
    return np.array(points)


class Run:
    """The state of one run: positions, optimizer, schedule, sampler, statuses and history.

    Parameters
    ----------
    run_id
        Stable identity (commands and random streams refer to it).
    spec
        The run's settings (checked here; InputError paths are relative to the run).
    problem, seed, max_steps
        The shared problem, the scenario seed and the number of updates to take.
    start_points
        Explicit (N, D) starts in place of ``spec.start`` (a sweep's cells side by side); such a run
        records a history only when ``spec.record_every`` asks for one.
    ball_lr
        A learning rate per ball (N numbers) in place of the optimizer's ``lr``: the rate becomes an
        (N, 1) array that broadcasts through the same operations as the scalar, so each ball moves
        exactly as a run of its own with that rate would. Such a run keeps no history.
    """

    def __init__(self, run_id: int, spec: RunSpec, problem: Problem, seed: int, max_steps: int, *,
                 start_points: np.ndarray | None = None, ball_lr: np.ndarray | None = None) -> None:
        check_run(spec, problem)
        self.id = run_id
        self.spec = spec
        self.problem = problem
        self.seed = seed
        self.max_steps = max_steps
        self._scores_once = isinstance(problem, DataProblem)
        self._start_points = None if start_points is None else np.array(start_points, dtype=float, ndmin=2)
        self._ball_lr = None if ball_lr is None else np.array(ball_lr, dtype=float).reshape(-1, 1)
        if self._ball_lr is not None and spec.record_every is not None:
            raise ValueError("a run with a learning rate per ball keeps no history: record_every must be None")
        self.reset()

    # --- set-up -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the start: fresh optimizer state, random streams from their seeds, empty history."""
        spec = self.spec
        if self._start_points is None:
            random = isinstance(spec.start, Mapping) and "random" in spec.start
            self.start = start_positions(spec.start, self.problem,
                                         stream(self.seed, self.id, "starts") if random else None)
        else:
            self.start = self._start_points.copy()
        self.theta = self.start.copy()
        self._spare = np.empty_like(self.theta)
        n, d = self.theta.shape
        if self._ball_lr is not None and len(self._ball_lr) != n:
            raise ValueError(f"ball_lr has {len(self._ball_lr)} rates for {n} balls")
        self.optimizer = make_run_optimizer(self, spec.optimizer, spec.hyper)
        self.schedule = make_schedule(spec.schedule)
        self._noise_rng: np.random.Generator | None = None
        self.sampler = self._make_sampler()
        self.step = 0
        self._ball_steps = np.zeros(n, dtype=np.int64)
        self.status = np.full(n, Status.RUNNING, dtype=np.int8)
        self.diverged_at = np.full(n, -1, dtype=np.int64)
        self.reason: str | None = None
        self.batch: np.ndarray | None = None
        self.epoch = 0
        self._history = self._make_history()
        self._kept: list[tuple[int, float, int]] = []  # (step, lr, epoch) of each point kept back
        self._block: tuple[np.ndarray, ...] | None = None  # their positions (and data's evaluations)
        self._all_active = True
        self._running = True
        tracked = n <= TRACKED_BALLS and bool(self.problem.minima)
        self._reached_at = np.full(n, -1, dtype=np.int64) if tracked else None
        self._reach_pending: list[tuple[np.ndarray, int | np.ndarray]] = []
        self._all_reached = not tracked
        self._tolerance = minimum_tolerance(self.problem)
        self._track_reached()
        self._grad: np.ndarray | None = None
        with np.errstate(all="ignore"):
            self._arrive()
            self._lose_where_not_finite(self.problem.value(self.theta))  # the start itself may overflow

    def _make_sampler(self) -> BatchSampler | None:
        if self.problem.n_samples is None:
            return None
        drawn = self.spec.batch_size is not None  # the whole data set every step draws nothing
        return BatchSampler(self.problem.n_samples, self.spec.batch_size, self.spec.sampling,
                            stream(self.seed, self.id, "batches") if drawn else None)

    def _make_history(self) -> History | None:
        every = self.spec.record_every
        if every is None and (self.spec.is_swarm or self._start_points is not None or self._ball_lr is not None):
            return None
        n, d = self.theta.shape
        return History(n, d, every or 1)

    def set_spec(self, spec: RunSpec) -> None:
        """Take new settings that apply from the next step on (sampling, schedule, clipping, ...)."""
        check_run(spec, self.problem)
        self._flush_history()
        old = self.spec
        self.spec = spec
        if spec.schedule != old.schedule:
            self.schedule = make_schedule(spec.schedule)
        if (spec.batch_size, spec.sampling) != (old.batch_size, old.sampling):
            self.sampler = self._make_sampler()
            if self.sampler is not None:
                self.batch, self.epoch = self.sampler.next()
                self._grad = None
        if spec.record_every != old.record_every and self._history is not None and spec.record_every:
            self._history.stride = spec.record_every

    # --- state ------------------------------------------------------------------------------

    @property
    def spec(self) -> RunSpec:
        """The run's settings as applied (replaced whole by a live change)."""
        return self._spec

    @spec.setter
    def spec(self, spec: RunSpec) -> None:
        self._spec = spec
        # What each step asks of the settings, worked out once per change of them
        self._transforms = bool(spec.grad_noise) or spec.clip_norm is not None
        self._simultaneous = spec.update == "simultaneous"
        self._point_rules = spec.stop.loss_below is not None or spec.stop.grad_norm_below is not None
        self._step_below = spec.stop.step_below

    @property
    def noise_rng(self) -> np.random.Generator:
        """The run's gradient-noise stream (made when first needed: most runs draw no noise)."""
        if self._noise_rng is None:
            self._noise_rng = stream(self.seed, self.id, "noise")
        return self._noise_rng

    @property
    def optimizer(self):
        """The run's optimizer: one of gdsim's, or a torch class's adapter (replaced by a live change)."""
        return self._optimizer

    @optimizer.setter
    def optimizer(self, optimizer) -> None:
        self._optimizer = optimizer
        # gdsim's own optimizers write the new positions into the spare buffer (a torch class makes its own)
        self._writes_into_spare = isinstance(optimizer, Optimizer)

    @property
    def history(self) -> History | None:
        """The recorded points (None for a swarm that records none), complete up to the current step."""
        self._flush_history()
        return self._history

    @property
    def reached_at(self) -> np.ndarray | None:
        """The step at which each ball first came within reach of a known minimum (-1: not yet);
        None for runs with more than TRACKED_BALLS balls or a problem with no known minimum."""
        self._flush_reached()
        return self._reached_at

    @property
    def active(self) -> np.ndarray:
        return self.status == RUNNING

    @property
    def ball_steps(self) -> np.ndarray:
        """Updates taken by each ball (all equal to ``step`` while every ball is moving)."""
        if self._all_active:
            return np.full(len(self.theta), self.step, dtype=np.int64)
        return self._ball_steps

    @property
    def running(self) -> bool:
        """Whether any ball still moves (statuses change only when balls stop, so this is kept, not computed)."""
        return self._running

    @property
    def lr(self) -> float | np.ndarray:
        """The rate of the update leaving the current point: a number, or an (N, 1) array for a run
        with a rate per ball."""
        base = self._optimizer.hyper["lr"] if self._ball_lr is None else self._ball_lr
        return self.schedule.lr(self.step, base)

    # --- stepping ---------------------------------------------------------------------------

    def advance(self) -> None:
        """One update of every active ball (a run that has stopped does nothing).

        Callers wrap batches of steps in ``np.errstate(all="ignore")``: overflow and NaN are outcomes
        here, not errors (divergence is detected and reported).
        """
        if not self.running:
            return
        theta, optimizer = self.theta, self._optimizer
        grad = self._grad
        if grad is None:
            grad = self._grad = self.problem.batch_gradient(theta, self.batch)
        self._used_grad = grad
        lr = self._used_lr = self.lr
        if self._transforms:
            grad = self._transform(grad)
        if self._simultaneous and self._writes_into_spare:  # the common case, into the spare buffer
            optimizer.begin_step()
            new = optimizer.update(theta, grad, lr, out=self._spare)
        else:
            new = self._updated(optimizer, theta, grad, lr, self.batch, None)
        self._accept(new, theta)
        if self.running:
            self._arrive()

    def _coming_gradient(self) -> np.ndarray:
        """The gradient the next update starts from (at the current point, on the current batch)."""
        if self._grad is None:
            self._grad = self.problem.batch_gradient(self.theta, self.batch)
        return self._grad

    def next_update(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The gradient the next update of a single running ball will use and the point it will reach,
        computed on copies of the optimizer and the noise stream, so nothing here changes the run."""
        if not self.running or len(self.theta) != 1:
            return None
        optimizer = self.optimizer.clone()
        noise_rng = copy.deepcopy(self.noise_rng) if self.spec.grad_noise else None
        with np.errstate(all="ignore"):
            grad = self._transform(self._coming_gradient(), noise_rng)
            new = self._updated(optimizer, self.theta, grad, self.lr, self.batch, noise_rng)
        return grad, new

    def _arrive(self) -> None:
        """At a new point: draw the coming step's batch, and record the point when it is due."""
        self._grad = None
        if self.sampler is not None:
            self.batch, self.epoch = self.sampler.next()
        else:
            self.batch, self.epoch = None, self.step
        history = self._history
        recording = history is not None and history.due(self.step)
        if self._point_rules:
            self._visit_point(recording)
        elif recording:
            self._keep_point()

    def _keep_point(self) -> None:
        """Keep the current point back, to be written to the history with a block of others.

        Without data, the loss and the gradient norm are left for the block (one call each when it is
        flushed; the coming update computes this point's gradient itself). With data, the full loss
        (checked here: a ball whose loss overflowed stops here) and gradient are computed now, sharing
        the scores, and so are the batch's loss and gradient, which the coming update uses; the block
        takes the gradients' norms at once. The block's arrays are reused from block to block.
        """
        kept = self._kept
        row = len(kept)
        if not row:  # a block is written when it is full or when the history reaches its cap with it
            self._block_rows = min(FLUSH_ROWS, self._history.cap_points - self._history.length)
            if self._block is None or len(self._block[0]) < self._block_rows:
                shape = (self._block_rows, *self.theta.shape)
                data = self.sampler is not None
                self._block = (np.empty(shape), np.empty(shape[:2]) if data else None,
                               np.empty(shape) if data else None, np.empty(shape[:2]) if data else None)
        theta = self.theta
        kept.append((self.step, self.lr, self.epoch))
        paths, losses, gradients, batch_losses = self._block
        paths[row] = theta
        loss = None
        if losses is not None:
            loss, full = self._evaluate(theta, None)
            if self.batch is None:
                self._grad, batch_loss = full, loss
            else:
                batch_loss, self._grad = self._evaluate(theta, self.batch)
            losses[row], gradients[row], batch_losses[row] = loss, full, batch_loss
        if row + 1 >= self._block_rows:
            self._flush_history()
        if loss is not None and not all_finite(loss):
            self._lose_where_not_finite(loss)

    def kept_paths(self) -> np.ndarray | None:
        """The points (K, N, D) kept back and not yet evaluated (a run without data), else None:
        what :meth:`flush_evaluated` takes the losses and gradient norms of."""
        if not self._kept or self._block[1] is not None:
            return None
        return self._block[0][: len(self._kept)]

    def _flush_history(self) -> None:
        """Write the points kept back to the history: the same numbers, row for row, as evaluating each
        point on arrival (a block without data takes its losses and gradient norms in one call each)."""
        if not self._kept:
            return
        k = len(self._kept)
        paths, losses, gradients, _batch_losses = (None if array is None else array[:k] for array in self._block)
        n, d = paths.shape[1:]
        with np.errstate(all="ignore"):
            if losses is None:
                flat = paths.reshape(k * n, d)
                losses = self.problem.value(flat).reshape(k, n)
                grad_norm = row_norms(self.problem.gradient(flat)).reshape(k, n)
            else:
                grad_norm = row_norms(gradients.reshape(k * n, d)).reshape(k, n)
        self.flush_evaluated(losses, grad_norm)

    def flush_evaluated(self, losses: np.ndarray, grad_norm: np.ndarray) -> None:
        """Write the points kept back to the history with their losses and gradient norms (K, N)
        (evaluated by the caller for a run without data: with other runs' points, where that gives
        each point the same numbers)."""
        kept, self._kept = self._kept, []
        k = len(kept)
        paths, _losses, _gradients, batch_losses = (None if array is None else array[:k] for array in self._block)
        if batch_losses is None:  # without data the batch is the whole loss
            batch_losses = losses
        steps, lrs, epochs = (np.array(column, dtype=float) for column in zip(*kept, strict=True))
        self._history.extend(steps, paths, losses, grad_norm, lrs, batch_losses, epochs)

    def _evaluate(self, theta: np.ndarray, batch: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """The loss and the gradient over ``batch`` at ``theta`` (a data problem scores the samples once)."""
        if self._scores_once:
            return self.problem.batch_value_and_gradient(theta, batch)
        return self.problem.batch_value(theta, batch), self.problem.batch_gradient(theta, batch)

    def _visit_point(self, recording: bool) -> None:
        """Record the current point and apply the point stop rules there.

        The full gradient computed for the record is kept for the coming update when that update
        uses the whole data set, so visiting costs no extra gradient.
        """
        theta, batch = self.theta, self.batch
        loss, full = self._evaluate(theta, None)
        if batch is None:
            self._grad = full
        grad_norm = row_norms(full)
        if recording:
            batch_loss = loss if batch is None else self.problem.batch_value(theta, batch)
            self._history.append(self.step, theta, loss, grad_norm, self.lr, batch_loss, self.epoch)
        self._lose_where_not_finite(loss)
        stop = self.spec.stop
        mask, reason = converged_at_point(loss, grad_norm, stop.loss_below, stop.grad_norm_below)
        if mask is not None and mask.any() and (mask & self.active).any():
            self._stop_balls(mask & self.active, Status.CONVERGED, reason)

    def _transform(self, grad: np.ndarray, noise_rng: np.random.Generator | None = None) -> np.ndarray:
        """Gradient noise from ``noise_rng`` (the run's noise stream when None), then per-ball norm clipping
        as torch does it."""
        spec = self.spec
        if spec.grad_noise:
            rng = self.noise_rng if noise_rng is None else noise_rng
            grad = grad + spec.grad_noise * rng.standard_normal(grad.shape)
        if spec.clip_norm is not None:
            norm = row_norms(grad)[:, None]
            grad = grad * np.minimum(spec.clip_norm / (norm + 1e-6), 1.0)
        return grad

    def _updated(self, optimizer, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, batch: np.ndarray | None,
                 noise_rng: np.random.Generator | None) -> np.ndarray:
        """The positions after one update, in a new array (the coordinates one after another when the run
        says so, each from the gradient where the previous ones moved)."""
        optimizer.begin_step()
        if self._simultaneous:
            return optimizer.update(theta, grad, lr)
        new = theta.copy()
        for i in range(theta.shape[1]):
            if i > 0:
                grad = self._transform(self.problem.batch_gradient(new, batch), noise_rng)
            new[:, i : i + 1] = optimizer.update(new, grad, lr, slice(i, i + 1))
        return new

    def _accept(self, new: np.ndarray, old: np.ndarray) -> None:
        """Move the balls whose update is finite and in range; stop the others as diverged.

        ``new`` becomes the positions and ``old``'s array the spare buffer the next update writes into.
        """
        bad = divergence(new)
        if not (self._all_active and bad is None):
            active = self.active
            if bad is not None and (bad & active).any():
                self._diverge(bad & active, new, old)
            moved = self.active
            np.copyto(new, old, where=~moved[:, None])
            self._ball_steps[moved] += 1
        self.theta, self._spare = new, old
        self.step += 1
        self._track_reached()
        if self._step_below is not None:
            small = converged_by_step(old, self.theta, self._step_below)
            if (small & self.active).any():
                self._stop_balls(small & self.active, Status.CONVERGED, f"step length below {self._step_below:g}")
        if self.step >= self.max_steps and self.running:
            self._stop_balls(self.active, Status.MAX_STEPS, f"all {self.max_steps} steps taken")

    def _track_reached(self) -> None:
        """Keep the current point for reach tracking (checked a block at a time, until every ball has arrived)."""
        if self._all_reached:
            return
        self._reach_pending.append((self.theta.copy(), self.step if self._all_active else self._ball_steps.copy()))
        if len(self._reach_pending) >= FLUSH_ROWS:
            self._flush_reached()

    def _flush_reached(self) -> None:
        """Remember the first step at which each (tracked) ball came within reach of a known minimum."""
        rows = self._reach_pending
        if not rows:
            return
        self._reach_pending = []
        reached = self._reached_at
        points = np.stack([row[0] for row in rows])
        k, n, d = points.shape
        with np.errstate(all="ignore"):
            distance = self.problem.distance_to_nearest_minimum(points.reshape(k * n, d)).reshape(k, n)
        near = distance <= self._tolerance
        for ball in np.flatnonzero(reached < 0):
            hits = np.flatnonzero(near[:, ball])
            if len(hits):
                steps = rows[hits[0]][1]
                reached[ball] = steps if isinstance(steps, int) else steps[ball]
        self._all_reached = bool((reached >= 0).all())

    def _diverge(self, mask: np.ndarray, new: np.ndarray, old: np.ndarray) -> None:
        """Stop the balls in ``mask``, whose update from ``old`` to ``new`` was refused, with the reason
        of the first (the problem says where its formula overflowed or is not defined, if it did)."""
        first = int(np.flatnonzero(mask)[0])
        loss = float(self.problem.value(new[first : first + 1])[0]) if np.all(np.isfinite(new[first])) else None
        gradient = self._used_grad[first]
        failure = None
        if not np.isfinite(gradient).all():
            failure = self.problem.explain_failure(old[first])
        elif loss is not None and not np.isfinite(loss):
            failure = self.problem.explain_failure(new[first])
        self.diverged_at[mask] = self.step + 1
        lr = self._used_lr if np.ndim(self._used_lr) == 0 else float(self._used_lr[first, 0])
        self._stop_balls(mask, Status.DIVERGED, divergence_reason(loss, new[first], gradient=gradient,
                                                                  lr=lr, failure=failure))

    def _lose_where_not_finite(self, loss: np.ndarray) -> None:
        """Stop the running balls whose ``loss`` where they stand is not finite as diverged there (their
        points are finite, the loss there overflowed or is not defined)."""
        if all_finite(loss):
            return
        mask = ~np.isfinite(loss) & self.active
        if not mask.any():
            return
        first = int(np.flatnonzero(mask)[0])
        failure = self.problem.explain_failure(self.theta[first])
        self.diverged_at[mask] = self.step
        self._stop_balls(mask, Status.DIVERGED, failure or "the loss is not finite where the ball stands")

    def stop(self) -> None:
        """Stop every ball where it is (a person pressed stop)."""
        if self.running:
            self._stop_balls(self.active, Status.STOPPED, "stopped by a command")

    def _stop_balls(self, mask: np.ndarray, status: int, reason: str | None) -> None:
        if self._all_active:
            self._ball_steps[:] = self.step
            self._all_active = False
        self.status[mask] = status
        self.reason = reason
        self._running = bool(self.active.any())
        if not self._running:
            self._record_final()

    def _record_final(self) -> None:
        history = self.history
        if history is None:
            return
        t = int(self.ball_steps.max())
        if not (history.length and history.last_step == t):
            with np.errstate(all="ignore"):
                loss = self.problem.value(self.theta)
                grad_norm = row_norms(self.problem.gradient(self.theta))
            history.append(t, self.theta, loss, grad_norm, np.nan, loss, self.epoch)
        history.set_last_lr(np.nan)

    def settings_changed(self) -> None:
        """A live change (learning rate, optimizer, schedule) applies to the update leaving the current
        point: the rate recorded there is that update's rate."""
        history = self.history
        if self.running and history is not None and history.length and history.last_step == self.step:
            history.set_last_lr(self.lr)

    # --- read-outs --------------------------------------------------------------------------

    def final_loss(self) -> np.ndarray:
        with np.errstate(all="ignore"):  # a diverged ball's loss may be infinite: an outcome, not an error
            return self.problem.value(self.theta)

    def gradient_now(self) -> np.ndarray:
        """∇J over all the data at each ball's current point (a copy). While the coming update
        uses all the data it is that update's own gradient, computed once for both (a run that has
        stopped has none: its last gradient was at the point before)."""
        with np.errstate(all="ignore"):
            if self.running and self.batch is None:
                return self._coming_gradient().copy()
            return self.problem.gradient(self.theta)

    def preview(self, start: tuple[float, ...], steps: int) -> np.ndarray:
        """The path (K, D) a ball started at ``start`` would take, without touching this run."""
        ghost = Run(self.id, self.spec.with_changes(start=tuple(start), record_every=None, stop=self.spec.stop),
                    self.problem, self.seed, steps)
        path = [ghost.theta[0].copy()]
        with np.errstate(all="ignore"):
            while ghost.running:
                ghost.advance()
                path.append(ghost.theta[0].copy())
        return np.array(path)
