"""The interface every problem implements: a loss J(theta) over D parameters, for N points at once."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

PointKind = Literal["minimum", "saddle", "maximum"]


@dataclass(frozen=True)
class CriticalPoint:
    """A known point where the gradient vanishes.

    ``estimated`` is true when the location was found numerically for a surface with no published
    answer (a typed formula), rather than known.
    """

    location: tuple[float, ...]
    value: float
    kind: PointKind = "minimum"
    estimated: bool = False


@dataclass(frozen=True)
class ModelCurve:
    """What a data problem's model predicts along its input: the line (or sigmoid) to draw over the
    samples, and for a classifier the input where the predicted probability is one half."""

    x: np.ndarray
    y: np.ndarray
    decision_x: float | None = None


def floating_point_failure(evaluate: Callable[[], Any]) -> str | None:
    """What goes wrong first when ``evaluate()`` computes: ``"overflow"`` (a number beyond about
    1.8e308), ``"undefined"`` (an invalid operation or a division by zero, a pole), or None when nothing
    does. Underflow to 0 is no failure."""
    try:
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            evaluate()
    except (FloatingPointError, OverflowError, ZeroDivisionError, ValueError) as error:
        overflow = isinstance(error, OverflowError) or "overflow" in str(error)
        return "overflow" if overflow else "undefined"
    return None


def failure_sentence(what: str, failure: str | None, names: tuple[str, ...], point: np.ndarray) -> str | None:
    """A sentence for a person: ``what`` ("the formula", "the loss") overflowed, or is not defined, at
    ``point`` written out with its parameters' ``names``; None when there is no ``failure``."""
    if failure is None:
        return None
    where = ", ".join(f"{name} = {float(value):.6g}" for name, value in zip(names, point, strict=False))
    if failure == "overflow":
        return f"{what} overflowed at {where}: a number passed the largest float, about 1.8e308"
    return f"{what} is not defined at {where}"


class Problem(ABC):
    """A differentiable loss over D parameters, evaluated for an (N, D) array of points at once.

    Subclasses set the attributes below in their constructor and implement ``value`` and
    ``gradient``. Data problems also set ``n_samples`` and override ``batch_value`` and
    ``batch_gradient``, which take an index array selecting the samples of one mini-batch.

    Attributes
    ----------
    name
        Registry name (``"rosenbrock"``).
    title
        Human name (``"Rosenbrock"``).
    formula
        Display formula, plain text with Unicode (``"(1 − x)² + 100 (y − x²)²"``).
    param_names
        One name per parameter (``("x", "y")`` or ``("w", "b")``).
    domain
        (D, 2) array of [low, high] per parameter: the part worth drawing; None when there is
        nothing to draw (a network's weights).
    start
        (D,) default start point; None when runs start elsewhere (a network's initial weights).
    critical_points
        Known minima first, then saddles and maxima where instructive.
    n_samples
        Number of data samples, or ``None`` for an analytic surface.
    stepper
        What moves a run over it: ``"numpy"`` (gdsim's optimizers on (N, D) balls) or ``"torch"``
        (torch.optim training a network, :mod:`gdsim.nets`).
    rows_apart
        ``value`` and ``gradient`` give each row of points the same numbers, bit for bit, whatever
        rows come with it (element-wise formulas; not a data problem's matrix products), so the
        points of several runs may be evaluated in one call.
    """

    name: str
    title: str
    formula: str
    param_names: tuple[str, ...]
    domain: np.ndarray | None
    start: np.ndarray | None
    critical_points: tuple[CriticalPoint, ...] = ()
    n_samples: int | None = None
    stepper: str = "numpy"
    rows_apart: bool = False

    @property
    def dim(self) -> int:
        """Number of parameters D."""
        return len(self.param_names)

    @property
    def minima(self) -> tuple[CriticalPoint, ...]:
        """The known minima (global and local), worked out once per set of critical points."""
        cached = self.__dict__.get("_minima")
        if cached is None or cached[0] is not self.critical_points:
            cached = (self.critical_points, tuple(p for p in self.critical_points if p.kind == "minimum"))
            self.__dict__["_minima"] = cached
        return cached[1]

    @abstractmethod
    def value(self, theta: np.ndarray) -> np.ndarray:
        """Loss at each of N points: (N, D) -> (N,)."""

    @abstractmethod
    def gradient(self, theta: np.ndarray) -> np.ndarray:
        """Gradient at each of N points: (N, D) -> (N, D)."""

    def batch_value(self, theta: np.ndarray, batch: np.ndarray | None) -> np.ndarray:
        """Loss over the samples ``batch`` (indices); the full loss when ``batch`` is None."""
        return self.value(theta)

    def batch_gradient(self, theta: np.ndarray, batch: np.ndarray | None) -> np.ndarray:
        """Gradient of the loss over the samples ``batch``; the full gradient when ``batch`` is None."""
        return self.gradient(theta)

    def loss_in(self, theta: Any, batch: np.ndarray | None = None) -> Any:
        """Loss over the samples ``batch`` at each row of ``theta`` (N, D), computed in ``theta``'s own
        array namespace: a torch tensor gives a torch tensor that autograd can differentiate.

        Raises
        ------
        NotImplementedError
            For a problem whose loss is computed in NumPy only.
        """
        raise NotImplementedError(f"the loss of {self.title} is computed in NumPy only")

    def explain_failure(self, point: np.ndarray) -> str | None:
        """Why the loss or its gradient is not a finite number at ``point`` (D,): a sentence naming the
        point (the loss overflowed there, or is not defined there), or None when evaluating there
        meets no floating-point failure."""
        theta = np.asarray(point, dtype=float).reshape(1, -1)
        failure = floating_point_failure(lambda: (self.value(theta), self.gradient(theta)))
        return failure_sentence("the loss", failure, self.param_names, theta[0])

    def _minima_locations(self) -> np.ndarray:
        """(M, D) locations of the known minima, computed once."""
        cached = self.__dict__.get("_minima_cache")
        if cached is None:
            cached = np.array([m.location for m in self.minima], dtype=float).reshape(-1, self.dim)
            self.__dict__["_minima_cache"] = cached
        return cached

    def _distances(self, theta: np.ndarray) -> np.ndarray:
        """(N, M) distances from each point to each known minimum."""
        offsets = theta[:, None, :] - self._minima_locations()[None, :, :]
        return np.sqrt(np.einsum("nmd,nmd->nm", offsets, offsets))

    def model_curve(self, theta: np.ndarray) -> ModelCurve | None:
        """The model's prediction curve for one parameter vector ``theta`` (D,), for drawing beside
        the data; None for problems without data (or with more than one input feature)."""
        return None

    def nearest_minimum(self, theta: np.ndarray, tolerance: float) -> np.ndarray:
        """Index into ``minima`` of the minimum within ``tolerance`` of each point, or -1.

        Parameters
        ----------
        theta
            (N, D) points.
        tolerance
            Largest Euclidean distance that still counts as "at" a minimum.
        """
        if not self.minima:
            return np.full(len(theta), -1, dtype=np.int64)
        distance = self._distances(theta)
        nearest = np.argmin(distance, axis=1)
        close = distance[np.arange(len(theta)), nearest] <= tolerance
        return np.where(close, nearest, -1)

    def distance_to_nearest_minimum(self, theta: np.ndarray) -> np.ndarray:
        """Euclidean distance from each point to the closest known minimum (NaN when none is known)."""
        if not self.minima:
            return np.full(len(theta), np.nan)
        return self._distances(theta).min(axis=1)
