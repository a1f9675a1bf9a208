"""A run that trains a network: the engine's stepper for problems whose ``stepper`` is "torch".

It answers the engine exactly as a NumPy :class:`~gdsim.engine.run.Run` does (advance, reset, stop,
live settings, frames, statuses), but keeps no parameter path: every update's batch loss and rate,
the evaluations every ``eval_every`` updates (full training loss, validation loss and accuracy),
and, for the landscape's principal directions, the weights at each evaluation (thinned past a cap).
Divergence is a non-finite batch (or evaluated) loss: the run stops at that update, its weights
left at the last good point. torch is imported when the first network run is built, in the
engine's thread.

Once a loss slice has been computed (:meth:`set_plane`), the run is also a ball on that plane: its
weights are projected on the slice's two directions as they come (two numbers per update: the
frames' positions and path, which the 2D and 3D views draw like any ball's), and each evaluation
adds the slice's loss at the projected point beside the true training loss. The updates before the
plane are known at the evaluations only: the path runs straight between their projections.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterator

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import Param
from gdsim.core.problem import Problem
from gdsim.engine.optimizer_choice import planned_hyper
from gdsim.engine.run_checks import check_run
from gdsim.engine.run_options import DEFAULT_EVAL_EVERY
from gdsim.engine.snapshot import Evaluations, NetworkFrame, Points, RunFrame
from gdsim.engine.spec import RunSpec
from gdsim.engine.status import Status

#: Most weight values kept for the landscape's principal directions (checkpoints are thinned past it).
CHECKPOINT_VALUES = 10_000_000
NO_POSITION = np.empty((1, 0))
SLICE_METHOD = Param("method", "choice", "random", "random: filter-normalised random directions (Li et al. 2018); "
                     "pca: the top two principal directions of the weights' path.", choices=("random", "pca"))
SLICE_SIZE = Param("size", "whole", 41, "Grid points per side of the slice.", low=3, high=201)
SLICE_SPAN = Param("span", "number", 1.0, "Half-width of the slice in units of its directions.", low=0.0,
                   low_open=True, high=100.0)


class NetworkRun:
    """One optimizer training the scenario's network from the shared initial weights.

    Parameters
    ----------
    run_id, spec, problem, seed, max_steps
        As for :class:`~gdsim.engine.run.Run`; ``problem`` is a :class:`gdsim.nets.problem.NetworkProblem`.
    """

    def __init__(self, run_id: int, spec: RunSpec, problem: Problem, seed: int, max_steps: int) -> None:
        check_run(spec, problem)
        self.id = run_id
        self.spec = spec
        self.problem = problem
        self.seed = seed
        self.max_steps = max_steps
        self.generation = 0
        self.projection = None  # the plane of a slice the run is projected on (set_plane)
        self.reset()

    # --- set-up -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the initial weights: a fresh optimizer, batch stream and history."""
        from gdsim.nets.trainer import Trainer

        spec = self.spec
        hyper = planned_hyper(spec.optimizer, spec.hyper, self.max_steps)
        self.trainer = Trainer(self.problem, self.seed, self.id, spec.optimizer, hyper, spec.schedule,
                               spec.clip_norm, spec.grad_noise, spec.batch_size, spec.sampling, spec.init_seed)
        self.step = 0
        self.status = np.array([Status.RUNNING], dtype=np.int8)
        self._running = True
        self.diverged_at = np.array([-1], dtype=np.int64)
        self.reason: str | None = None
        self.losses = array("d")
        self.rates = array("d")
        self.evals: dict[str, list] = {"step": [], "train_loss": [], "val_loss": [], "val_accuracy": []}
        self.checkpoints: list[tuple[int, np.ndarray]] = []
        self._checkpoint_every = 1
        self.generation += 1
        self._sent = (0, 0)
        self._boundary_sent = False
        self._probabilities: np.ndarray | None = None
        self._errors: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.plane_path = array("d")  # (a, b) of the weights at every recorded update, once on a plane
        self.position = self._coordinates()
        self.on_plane: tuple[int, float, float] | None = None
        self._evaluate()

    def set_plane(self, landscape: Problem) -> None:
        """Project this run on the plane of ``landscape`` (a slice, :class:`gdsim.nets.landscape.SliceLandscape`)
        from now on; the updates so far get their place from the evaluations' checkpoints. The next
        frame sends the whole history again, with its path."""
        from gdsim.nets.landscape import PlaneProjection

        self.projection = projection = PlaneProjection(self.problem, landscape)
        self.position = self._coordinates()
        known = [*self.checkpoints, (self.step, None)]
        steps = np.array([step for step, _ in known], dtype=float)
        weights = np.array([w for _, w in known[:-1]], dtype=float).reshape(len(known) - 1, self.problem.dim)
        points = np.vstack([projection.coordinates_of(weights), self.position[None]])
        every = np.arange(len(self.losses), dtype=float)
        path = np.column_stack([np.interp(every, steps, points[:, 0]), np.interp(every, steps, points[:, 1])])
        self.plane_path = array("d", path.ravel().tolist())
        train = self.evals["train_loss"][-1] if self.evals["step"][-1] == self.step else math.nan
        self.on_plane = (self.step, train, projection.plane_loss(self.position))
        self._sent = (None, 0)

    def _coordinates(self) -> np.ndarray:
        """Where the weights are on the plane (nothing without one)."""
        if self.projection is None:
            return np.empty(0)
        return self.projection.coordinates(self.trainer.model)

    def set_spec(self, spec: RunSpec) -> None:
        """Take new settings from the next update on (schedule, clipping, noise, batches, evaluations;
        a new ``init_seed`` at the next reset)."""
        check_run(spec, self.problem)
        old, trainer = self.spec, self.trainer
        self.spec = spec
        if spec.schedule != old.schedule:
            trainer.set_schedule(spec.schedule)
        if (spec.clip_norm, spec.grad_noise) != (old.clip_norm, old.grad_noise):
            trainer.clip_norm = spec.clip_norm
            if spec.grad_noise and not trainer.grad_noise:
                from gdsim.nets.runtime import generator

                trainer.noise = generator(self.seed, "noise", self.id, self.problem.device)
            trainer.grad_noise = spec.grad_noise
        if (spec.batch_size, spec.sampling) != (old.batch_size, old.sampling):
            trainer.set_batches(spec.batch_size, spec.sampling, self.seed, self.id)

    def renew_optimizer(self) -> None:
        """The optimizer the spec names now, with fresh state (a live change of optimizer)."""
        self.trainer.renew_optimizer(self.spec.optimizer,
                                     planned_hyper(self.spec.optimizer, self.spec.hyper, self.max_steps))

    def settings_changed(self) -> None:
        """A live change of ``lr`` scales the schedule (nothing recorded carries the coming rate: each
        update's rate is kept when it is taken)."""
        self.trainer.follow_base_rate()

    # --- state ------------------------------------------------------------------------------

    @property
    def optimizer(self):
        """The run's torch optimizer (``hyper`` and ``set_hyper`` as a NumPy optimizer has them)."""
        return self.trainer.optimizer

    @property
    def history(self) -> None:
        """A network keeps no point history (see ``losses`` and ``evals``)."""
        return None

    @property
    def running(self) -> bool:
        return self._running

    @property
    def ball_steps(self) -> np.ndarray:
        return np.array([self.step], dtype=np.int64)

    @property
    def lr(self) -> float:
        return self.trainer.lr

    @property
    def eval_every(self) -> int:
        return self.spec.eval_every or DEFAULT_EVAL_EVERY

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    # --- stepping ---------------------------------------------------------------------------

    def advance(self) -> None:
        """One update on the next batch; evaluate when due; stop at a non-finite loss or the last step."""
        if not self.running:
            return
        loss = self.trainer.step()
        self.losses.append(loss)
        self.rates.append(self.trainer.last_lr)
        if self.projection is not None:
            self.plane_path.extend(self.position)
            self.position = self._coordinates()
        if not math.isfinite(loss):
            self._diverge(self.step + 1, f"the batch loss became {loss} at update {self.step + 1}")
            return
        self.step += 1
        last = self.step >= self.max_steps
        if last or self.step % self.eval_every == 0:
            self._evaluate()
            if self.running and last:
                self._finish(Status.MAX_STEPS, f"all {self.max_steps} steps taken")

    def _evaluate(self) -> None:
        train, val, accuracy = self.trainer.evaluate()
        evals = self.evals
        evals["step"].append(self.step)
        evals["train_loss"].append(train)
        evals["val_loss"].append(val)
        evals["val_accuracy"].append(accuracy)
        self._probabilities = self.trainer.class_probabilities()
        self._errors = self.trainer.validation_errors()
        self._boundary_sent = False
        self._keep_checkpoint()
        if self.projection is not None:
            self.on_plane = (self.step, train, self.projection.plane_loss(self.position))
        if not math.isfinite(train) and self.running:
            self._diverge(self.step, f"the training loss became {train} at update {self.step}")

    def _keep_checkpoint(self) -> None:
        """The weights at this evaluation, every ``_checkpoint_every``-th one; past the cap every other
        checkpoint is dropped and the stride doubles (the first and the newest stay)."""
        count = len(self.evals["step"]) - 1
        if count % self._checkpoint_every == 0 or not self.running:
            self.checkpoints.append((self.step, self.trainer.weights()))
        if len(self.checkpoints) * self.problem.dim > CHECKPOINT_VALUES and len(self.checkpoints) > 4:
            self.checkpoints = self.checkpoints[::2]
            self._checkpoint_every *= 2

    def _diverge(self, at: int, reason: str) -> None:
        self.diverged_at[0] = at
        self.status[0] = Status.DIVERGED
        self._running = False
        self.reason = reason

    def _finish(self, status: Status, reason: str) -> None:
        self.status[0] = status
        self._running = False
        self.reason = reason
        if self.evals["step"][-1] != self.step:
            self._evaluate()
        elif not self.checkpoints or self.checkpoints[-1][0] != self.step:
            self.checkpoints.append((self.step, self.trainer.weights()))

    def stop(self) -> None:
        """Stop training where it is (a person pressed stop)."""
        if self.running:
            self._finish(Status.STOPPED, "stopped by a command")

    # --- read-outs --------------------------------------------------------------------------

    def final_loss(self) -> np.ndarray:
        """The newest full training loss."""
        return np.array([self.evals["train_loss"][-1]])

    def final(self) -> dict[str, float | None]:
        """The newest evaluation: training loss, validation loss and accuracy."""
        return {key: self.evals[key][-1] for key in ("train_loss", "val_loss", "val_accuracy")}

    def evaluations(self, first: int = 0) -> Evaluations:
        evals = self.evals

        def column(key: str) -> np.ndarray:
            return np.array([np.nan if v is None else v for v in evals[key][first:]], dtype=float)

        return Evaluations(np.array(evals["step"][first:], dtype=np.int64), column("train_loss"),
                           column("val_loss"), column("val_accuracy"))

    def slice_job(self, method: str, size: int, span: float) -> Iterator[tuple[int, int] | Problem]:
        """A loss slice around the current weights, a row at a time: yields (rows done, rows), then the
        slice as a landscape. InputError for settings it cannot take."""
        method = SLICE_METHOD.check(method, "method")
        size = SLICE_SIZE.check(size, "size")
        span = SLICE_SPAN.check(span, "span")
        checkpoints = list(self.checkpoints)
        if not checkpoints or checkpoints[-1][0] != self.step:
            checkpoints.append((self.step, self.trainer.weights()))
        if method == "pca" and len(checkpoints) < 3:
            raise InputError("method", "principal directions need the weights of at least three evaluations: train "
                             "longer, evaluate more often, or use random directions", "slice.few_evaluations")
        train_loss = dict(zip(self.evals["step"], self.evals["train_loss"], strict=True))
        path_loss = [train_loss.get(step, math.nan) for step, _ in checkpoints]
        return self._slice_rows(method, size, span, checkpoints, path_loss)

    def _slice_rows(self, method: str, size: int, span: float, checkpoints: list, path_loss: list
                    ) -> Iterator[tuple[int, int] | Problem]:
        from gdsim.nets.landscape import SliceLandscape, slice_rows

        center = checkpoints[-1][1].astype(float)
        for item in slice_rows(self.problem, center, method, self.seed, checkpoints, path_loss, size, span):
            if isinstance(item, tuple):
                yield item
            else:
                how = "random directions" if method == "random" else "principal directions"
                at = checkpoints[-1][0]  # the weights the slice was taken around (training may have gone on)
                yield SliceLandscape(item, f"{self.problem.title}: {self.spec.label} at update {at}, {how}")

    def preview(self, start: tuple[float, ...], steps: int) -> np.ndarray:
        raise InputError("start", "a network has no start to drag: it starts from its initial weights",
                         "network.no_start")

    def frame(self) -> RunFrame:
        """The run now and what it recorded since the last frame (all of it after a reset)."""
        sent_generation, sent_losses = self._sent
        restart = sent_generation != self.generation
        first = 0 if restart else sent_losses
        first_eval = 0 if restart else self._sent_evals
        length = len(self.losses)
        self._sent = (self.generation, length)
        self._sent_evals = len(self.evals["step"])
        losses = np.frombuffer(self.losses, dtype=float)[first:length].copy()
        k = len(losses)
        boundary = None if self._boundary_sent and not restart else self._probabilities
        self._boundary_sent = True
        errors = self._errors or (None, None, None)
        evals = self.evals
        newest = (evals["step"][-1], evals["train_loss"][-1], evals["val_loss"][-1], evals["val_accuracy"][-1])
        network = NetworkFrame(first_eval, self.evaluations(first_eval),
                               self.problem.boundary_axes() if boundary is not None else None, boundary, *errors,
                               newest=newest, on_plane=self.on_plane)
        column = losses.reshape(k, 1)
        if self.projection is None:
            path, positions = np.empty((k, 1, 0)), NO_POSITION
        else:
            path = np.frombuffer(self.plane_path, dtype=float)[2 * first : 2 * length].reshape(k, 1, 2).copy()
            positions = self.position.reshape(1, 2).copy()
        points = Points(np.arange(first, length, dtype=np.int64), path, column,
                        np.full((k, 1), np.nan), np.frombuffer(self.rates, dtype=float)[first:length].copy(), column)
        latest = self.losses[-1] if length else self.evals["train_loss"][-1]
        return RunFrame(
            run_id=self.id, step=self.step, positions=positions, loss=np.array([latest]),
            status=self.status.copy(), ball_steps=self.ball_steps, diverged_at=self.diverged_at.copy(),
            reason=self.reason, lr=self.lr, restart=restart, first=first, points=points, epoch=self.epoch,
            batch=None, gradient=None, velocity=None, next_update=None, basins=None, distance=None,
            reached_at=None, network=network,
        )
