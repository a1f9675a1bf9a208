"""The live run model: each run's history and its latest frame, read by every panel and view.

It is built from the frames of successive snapshots: a frame's recorded points are written from its
``first`` row on (0 after a restart), so a row the engine rewrote (the rate after a live change)
is replaced, not duplicated. Arrays grow by doubling, so views can draw slices
(``trace.path[:trace.length]``) without copying. Swarms keep no trail here (their views draw the
balls' current positions). What a run is doing now (its step, position, loss, rate, status) is
read from ``trace.frame``, never from the last recorded point.
"""

from __future__ import annotations

import numpy as np

from gdsim.engine.evaluation_axis import EvaluationAxis
from gdsim.engine.snapshot import NetworkFrame, RunFrame, Snapshot
from gdsim.qt.growth import grown_capacity

_COLUMNS = ("steps", "evaluations", "loss", "grad_norm", "lrs")
_EVAL_COLUMNS = ("steps", "train_loss", "val_loss", "val_accuracy")


class RunTrace:
    """One run's recorded points: step, gradient evaluations, path (K, D), loss, gradient norm and
    learning rate.

    ``version`` increases whenever anything about the run changes, ``restarts`` whenever earlier
    points were replaced, so a view redraws only what it must.
    """

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.length = 0
        self.version = 0
        self.restarts = 0
        self.frame: RunFrame | None = None
        #: Where the balls started (a swarm's basin picture colours these).
        self.starts: np.ndarray | None = None
        self.steps = np.empty(0)
        #: The run's gradient evaluations after each recorded step (from the frames' counts).
        self.evaluations = np.empty(0)
        self.axis = EvaluationAxis()
        self.path = np.empty((0, 0))
        self.loss = np.empty(0)
        self.grad_norm = np.empty(0)
        self.lrs = np.empty(0)
        #: A network's evaluations (step, training loss, validation loss and accuracy), every one taken.
        self.evals: dict[str, np.ndarray] = {name: np.empty(0) for name in _EVAL_COLUMNS}
        self.eval_length = 0
        #: A 2D classifier's decision at its newest evaluation: (axes, class probabilities), or None.
        self.boundary: tuple[tuple[np.ndarray, np.ndarray], np.ndarray] | None = None

    @property
    def is_swarm(self) -> bool:
        return self.frame is not None and self.frame.is_swarm

    def take(self, frame: RunFrame, optimizer_changed: bool = False, turn: bool = False) -> bool:
        """Merge one frame (replace on restart, else append); bump ``version`` if anything moved.
        ``optimizer_changed``: the run got a new optimizer since the last frame (its counts restart);
        ``turn``: the columns may grow early (see :mod:`gdsim.qt.growth`). Whether they grew."""
        last = self.frame
        self.frame = frame
        self.axis.take(frame, optimizer_changed)
        points = frame.points
        if (frame.restart or len(points) or last is None or last.step != frame.step
                or not np.array_equal(last.status, frame.status)):
            self.version += 1
        if frame.restart:
            self.length = 0
            self.restarts += 1
            if frame.step == 0:
                self.starts = frame.positions
        if frame.network is not None:
            self._take_network(frame.network, frame.restart)
        if frame.is_swarm or not len(points):
            return False
        first = min(frame.first, self.length)
        end = first + len(points)
        grew = self._reserve(end, frame.positions.shape[1], turn)
        self.steps[first:end] = points.steps
        self.evaluations[first:end] = self.axis.at(points.steps)
        self.path[first:end] = points.path[:, 0]
        self.loss[first:end] = points.loss[:, 0]
        self.grad_norm[first:end] = points.grad_norm[:, 0]
        self.lrs[first:end] = points.lr
        self.length = end
        return grew

    def _take_network(self, network: NetworkFrame, restart: bool) -> None:
        """Append a network's new evaluations (all of them after a restart) and keep its newest decision."""
        evals = network.evals
        first = 0 if restart else min(network.first_eval, self.eval_length)
        end = first + len(evals)
        if end > len(self.evals["steps"]):
            for name in _EVAL_COLUMNS:
                grown = np.empty(max(64, 2 * end))
                grown[: self.eval_length] = self.evals[name][: self.eval_length]
                self.evals[name] = grown
        for name in _EVAL_COLUMNS:
            self.evals[name][first:end] = getattr(evals, name)
        self.eval_length = end
        if network.probabilities is not None:
            self.boundary = (network.boundary_axes, network.probabilities)
        elif restart:
            self.boundary = None

    def _reserve(self, needed: int, dim: int, turn: bool) -> bool:
        same = self.path.shape[1] == dim
        capacity = grown_capacity(needed, len(self.steps) if same else 0, turn)
        if capacity is None:
            return False
        for name in _COLUMNS:
            grown = np.empty(capacity)
            grown[: self.length] = getattr(self, name)[: self.length]
            setattr(self, name, grown)
        path = np.empty((capacity, dim))
        if same:
            path[: self.length] = self.path[: self.length]
        self.path = path
        return True


class RunTraces:
    """Every run's trace, keyed by run id, in the order of the latest snapshot."""

    def __init__(self) -> None:
        self.traces: dict[int, RunTrace] = {}
        self.version = 0
        #: Each run's optimizer as the engine last acknowledged it.
        self._optimizers: dict[int, str] = {}

    def clear(self) -> None:
        self.traces.clear()
        self.version += 1

    def take(self, snapshot: Snapshot) -> None:
        """Merge a snapshot: drop removed runs, add new ones, merge every frame."""
        if snapshot.loaded is not None:
            self.traces.clear()
            self._optimizers.clear()
        for run_id in snapshot.removed:
            self.traces.pop(run_id, None)
            self._optimizers.pop(run_id, None)
        changed = set()
        for run_id, spec in snapshot.specs or ():
            if self._optimizers.get(run_id, spec.optimizer) != spec.optimizer:
                changed.add(run_id)
            self._optimizers[run_id] = spec.optimizer
        ordered: dict[int, RunTrace] = {}
        turn = True  # one trace may grow early a snapshot: runs filling in lockstep grow in turns
        for frame in snapshot.runs:
            trace = self.traces.get(frame.run_id) or RunTrace(frame.run_id)
            if trace.take(frame, frame.run_id in changed, turn):
                turn = False
            ordered[frame.run_id] = trace
        self.traces = ordered
        self.version += 1

    def __iter__(self):
        return iter(self.traces.values())

    def get(self, run_id: int | None) -> RunTrace | None:
        return self.traces.get(run_id) if run_id is not None else None

    def frame(self, run_id: int | None) -> RunFrame | None:
        """The latest frame of run ``run_id`` (None before its first one)."""
        trace = self.get(run_id)
        return trace.frame if trace is not None else None
