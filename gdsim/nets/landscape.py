"""A 2D slice of a network's loss around its weights, and the slice as a landscape gdsim can draw.

Directions are either filter-normalised random directions (Li et al. 2018, the loss-landscape
repository's ``net_plotter``: a Gaussian direction per weight, each filter or row of a weight matrix
rescaled to the norm of the same row of the weights; biases and other one-dimensional parameters
left out, i.e. zero) or the top two principal directions of the weights' trajectory, centred on the
weights the slice is taken around (the explained variance says how much of the path the plane holds).

The loss at grid point (a, b) is the full training loss at w + a·d₁ + b·d₂, computed row by row (each
row calls ``progress``; ``cancelled`` stops it), in a plain loop over the points: on digits a 41x41
slice took less time that way than with ``torch.vmap`` (see benchmarks/bench_train.py), and no extra
memory. The path is the run's checkpoints projected on the plane, with their true loss beside the
plane's loss at the projected points.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import Problem
from gdsim.nets import runtime
from gdsim.nets.problem import NetworkProblem

METHODS = ("random", "pca")


@dataclass(frozen=True)
class LossSlice:
    """A computed slice: the grid of losses over (a, b), the directions, and the projected path.

    ``path`` (K, 2) holds the checkpoints' coordinates on the plane, ``path_steps`` their updates,
    ``path_loss`` their true training loss and ``plane_loss`` the loss at their projections.
    ``explained`` is the share of the trajectory's variance along each principal direction (None
    for random directions); ``center`` (D,) the weights the slice is taken around.
    """

    method: str
    grid: LandscapeGrid
    directions: np.ndarray
    path: np.ndarray
    path_steps: np.ndarray
    path_loss: np.ndarray
    plane_loss: np.ndarray
    explained: tuple[float, float] | None = None
    center: np.ndarray | None = None


def filter_normalized_directions(problem: NetworkProblem, weights: np.ndarray, generator: torch.Generator
                                 ) -> np.ndarray:
    """Two (D,) directions, each weight row's part scaled to that row's norm in ``weights``; zero
    on biases and other one-dimensional parameters."""
    directions = []
    for _ in range(2):
        parts, offset = [], 0
        for param in problem.template.parameters():
            size = param.numel()
            w = torch.from_numpy(np.ascontiguousarray(weights[offset : offset + size], dtype=np.float32))
            w = w.reshape(param.shape)
            offset += size
            if param.dim() <= 1:
                parts.append(torch.zeros(size))
                continue
            d = torch.randn(param.shape, generator=generator)
            rows_w, rows_d = w.reshape(len(w), -1), d.reshape(len(d), -1)
            scale = rows_w.norm(dim=1, keepdim=True) / (rows_d.norm(dim=1, keepdim=True) + 1e-10)
            parts.append((rows_d * scale).reshape(-1))
        directions.append(torch.cat(parts).numpy().astype(float))
    return np.array(directions)


def pca_directions(checkpoints: np.ndarray, center: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """The top two principal directions (2, D) of the checkpoints (K, D) taken relative to ``center``,
    and the share of their variance each explains."""
    offsets = np.asarray(checkpoints, dtype=float) - center
    if len(offsets) < 3:
        raise ValueError("principal directions need at least three checkpoints")
    _, singular, vt = np.linalg.svd(offsets, full_matrices=False)
    variance = singular**2
    total = variance.sum() or 1.0
    return vt[:2].copy(), (float(variance[0] / total), float(variance[1] / total))


def project(points: np.ndarray, center: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Coordinates (K, 2) on the plane center + a·d₁ + b·d₂ of the points (K, D) (least squares: the
    random directions are not orthogonal)."""
    offsets = np.asarray(points, dtype=float) - center
    gram = directions @ directions.T
    return np.linalg.solve(gram, directions @ offsets.T).T


@torch.no_grad()
def plane_losses(problem: NetworkProblem, center: np.ndarray, directions: np.ndarray,
                 coordinates: np.ndarray) -> np.ndarray:
    """Full training loss at center + a·d₁ + b·d₂ for each (a, b) of ``coordinates`` (K, 2)."""
    model = problem.template
    params = list(model.parameters())
    base = problem.tensor(np.asarray(center, dtype=np.float32))
    d = problem.tensor(np.asarray(directions, dtype=np.float32))
    out = np.empty(len(coordinates))
    for i, (a, b) in enumerate(coordinates):
        torch.nn.utils.vector_to_parameters(base + float(a) * d[0] + float(b) * d[1], params)
        out[i] = float(problem.loss(model(problem.x_train), problem.y_train))
    return out


def slice_rows(problem: NetworkProblem, center: np.ndarray, method: str, seed: int,
               checkpoints: Sequence[tuple[int, np.ndarray]] = (), path_loss: Sequence[float] = (),
               size: int = 41, span: float = 1.0) -> Iterator[tuple[int, int] | LossSlice]:
    """The slice of ``problem``'s loss around ``center`` (D,), one row at a time: yields (rows done,
    rows) after each row, then the :class:`LossSlice`. Stop iterating to cancel.

    Parameters
    ----------
    method
        "random" (filter-normalised, seeded by ``seed``) or "pca" (of ``checkpoints``).
    checkpoints, path_loss
        The run's (step, weights) checkpoints and their true training losses: the path drawn.
    size, span
        Points per side, and the half-width of the grid in units of the directions (for "pca" the
        grid spans the projected path with a margin, at least ``span``).
    """
    center = np.asarray(center, dtype=float)
    weights = np.array([w for _, w in checkpoints], dtype=float).reshape(len(checkpoints), len(center))
    explained = None
    if method == "pca":
        directions, explained = pca_directions(weights, center)
    else:
        directions = filter_normalized_directions(problem, center, runtime.generator(seed, "directions"))
    path = project(weights, center, directions) if len(weights) else np.empty((0, 2))
    half = span
    if method == "pca" and len(path):
        half = max(span, 1.2 * float(np.abs(path).max()))
    axis = np.linspace(-half, half, size)
    values = np.empty((size, size))
    for row, b in enumerate(axis):
        values[row] = plane_losses(problem, center, directions, np.column_stack([axis, np.full(size, b)]))
        yield row + 1, size
    values = np.where(np.isfinite(values), values, np.nan)
    plane = plane_losses(problem, center, directions, path) if len(path) else np.empty(0)
    yield LossSlice(method, LandscapeGrid((axis, axis.copy()), values), directions, path,
                    np.array([s for s, _ in checkpoints], dtype=np.int64), np.asarray(path_loss, dtype=float),
                    plane, explained, center)


def loss_slice(problem: NetworkProblem, center: np.ndarray, method: str, seed: int,
               checkpoints: Sequence[tuple[int, np.ndarray]] = (), path_loss: Sequence[float] = (),
               size: int = 41, span: float = 1.0, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> LossSlice | None:
    """:func:`slice_rows` run to the end: ``progress(row, rows)`` after each row; None as soon as
    ``cancelled()`` says so (it is asked before each row)."""
    computed = None
    for item in slice_rows(problem, center, method, seed, checkpoints, path_loss, size, span):
        if isinstance(item, LossSlice):
            computed = item
            continue
        if progress is not None:
            progress(*item)
        if cancelled is not None and cancelled() and item[0] < item[1]:
            return None
    return computed


class PlaneProjection:
    """Weights projected on a slice's plane as training goes: two numbers per update, never the path.

    The coordinates (a, b) of weights w are the least-squares solution of w − c ≈ a·d₁ + b·d₂ (as
    :func:`project`), computed in float64 from the model's parameters in place (about 50 µs for
    10,000 weights). The plane's loss at (a, b) is the slice's surface there (bilinear between its
    grid points, exact at them: at the origin, the loss of the weights it was taken around).
    """

    def __init__(self, problem: NetworkProblem, landscape: SliceLandscape) -> None:
        computed = landscape.slice
        self.landscape = landscape
        self.center = np.asarray(computed.center, dtype=float)
        self.directions = np.asarray(computed.directions, dtype=float)
        solve = np.linalg.solve(self.directions @ self.directions.T, self.directions)
        self._solve = torch.from_numpy(solve).to(problem.device)
        self._center = torch.from_numpy(self.center).to(problem.device)

    def coordinates(self, model: torch.nn.Module) -> np.ndarray:
        """(a, b) of ``model``'s weights on the plane."""
        with torch.no_grad():
            weights = torch.nn.utils.parameters_to_vector(model.parameters()).double()
            return torch.mv(self._solve, weights - self._center).cpu().numpy()

    def coordinates_of(self, points: np.ndarray) -> np.ndarray:
        """(K, 2) coordinates of flattened weights (K, D) (a run's checkpoints)."""
        return project(points, self.center, self.directions)

    def plane_loss(self, coordinates: np.ndarray) -> float:
        """The slice's loss at the plane's point (a, b); NaN outside its grid."""
        (a0, a1), (b0, b1) = self.landscape.domain
        a, b = coordinates
        if not (a0 <= a <= a1 and b0 <= b <= b1):
            return math.nan
        return float(self.landscape.value(np.reshape(coordinates, (1, 2)))[0])


class SliceLandscape(Problem):
    """A computed slice as a 2D landscape: the loss between grid points interpolated bilinearly, so
    the 2D and 3D views draw it and balls can roll on it like on any surface."""

    def __init__(self, computed: LossSlice, title: str) -> None:
        self.slice = computed
        self.name = "network_slice"
        self.title = title
        self.formula = "J(w + a·d₁ + b·d₂)"
        self.param_names = ("a", "b")
        a, b = computed.grid.axes
        self.domain = np.array([[a[0], a[-1]], [b[0], b[-1]]])
        self.start = computed.path[0].copy() if len(computed.path) else np.zeros(2)
        self.critical_points = ()

    def _cell(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        a, b = self.slice.grid.axes
        ha, hb = a[1] - a[0], b[1] - b[0]
        fa = np.clip((theta[:, 0] - a[0]) / ha, 0, len(a) - 1 - 1e-9)
        fb = np.clip((theta[:, 1] - b[0]) / hb, 0, len(b) - 1 - 1e-9)
        i, j = fa.astype(int), fb.astype(int)
        return i, j, fa - i, fb - j, np.array([ha, hb])

    def value(self, theta: np.ndarray) -> np.ndarray:
        z = self.slice.grid.values
        i, j, u, v, _ = self._cell(theta)
        return ((1 - u) * (1 - v) * z[j, i] + u * (1 - v) * z[j, i + 1] + (1 - u) * v * z[j + 1, i]
                + u * v * z[j + 1, i + 1])

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        z = self.slice.grid.values
        i, j, u, v, h = self._cell(theta)
        da = ((1 - v) * (z[j, i + 1] - z[j, i]) + v * (z[j + 1, i + 1] - z[j + 1, i])) / h[0]
        db = ((1 - u) * (z[j + 1, i] - z[j, i]) + u * (z[j + 1, i + 1] - z[j, i + 1])) / h[1]
        return np.column_stack([da, db])
