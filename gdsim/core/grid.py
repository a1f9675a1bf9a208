"""The landscape sampled on a grid, for drawing: computed once per landscape, off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdsim.core.problem import Problem


@dataclass(frozen=True)
class LandscapeGrid:
    """Loss values on a regular grid over a domain.

    ``axes`` holds one coordinate array per parameter (1 or 2); ``values`` is (nx,) for 1D and
    (ny, nx) for 2D (row i is y = axes[1][i]). Non-finite values (undefined points of a typed
    formula) are NaN.
    """

    axes: tuple[np.ndarray, ...]
    values: np.ndarray

    @property
    def finite_range(self) -> tuple[float, float]:
        finite = self.values[np.isfinite(self.values)]
        if not finite.size:
            return 0.0, 1.0
        return float(finite.min()), float(finite.max())


def landscape_grid(problem: Problem, domain: np.ndarray | None = None, resolution: int = 300) -> LandscapeGrid | None:
    """Sample ``problem`` over ``domain`` (default: its own); None for more than two parameters."""
    if problem.dim > 2:
        return None
    domain = problem.domain if domain is None else np.asarray(domain, dtype=float)
    axes = tuple(np.linspace(lo, hi, resolution if problem.dim == 2 else 4 * resolution) for lo, hi in domain)
    if problem.dim == 1:
        points = axes[0][:, None]
    else:
        xx, yy = np.meshgrid(*axes, indexing="xy")
        points = np.column_stack([xx.ravel(), yy.ravel()])
    with np.errstate(all="ignore"):
        values = problem.value(points)
    values = np.where(np.isfinite(values), values, np.nan)
    if problem.dim == 2:
        values = values.reshape(len(axes[1]), len(axes[0]))
    return LandscapeGrid(axes, values)


def contour_levels(grid: LandscapeGrid, count: int = 12) -> np.ndarray:
    """Loss levels for contour lines, log-spaced above the grid's minimum.

    Heights above the lowest value run from a thousandth of the range to nearly all of it, so the
    lines crowd where the floor is flat (where a learner looks) rather than on the steep walls.
    """
    low, high = grid.finite_range
    span = high - low
    if span <= 0:
        return np.empty(0)
    return low + span * np.logspace(-3.0, -0.15, count)


def log_heights(grid: LandscapeGrid) -> np.ndarray:
    """log10 of each grid value's height above the grid's minimum (plus a floor), for a heatmap.

    Loss surfaces span many orders of magnitude; colouring by the log height keeps the valley visible.
    """
    low, high = grid.finite_range
    floor = max(high - low, 1e-300) * 1e-4
    with np.errstate(invalid="ignore", over="ignore"):
        return np.log10(grid.values - low + floor)


def contour_segments(grid: LandscapeGrid, level: float) -> np.ndarray:
    """Line segments (M, 2, 2) where a 2D grid crosses ``level`` (marching squares, vectorized).

    Each segment is two (x, y) points on cell edges, linearly interpolated. Cells touching a NaN
    value give no segment; a saddle cell (four crossings) gives two.
    """
    xs, ys = grid.axes
    v = grid.values
    corners = (v[:-1, :-1], v[:-1, 1:], v[1:, 1:], v[1:, :-1])  # (x0,y0) (x1,y0) (x1,y1) (x0,y1)
    x0, y0 = np.meshgrid(xs[:-1], ys[:-1])
    x1, y1 = np.meshgrid(xs[1:], ys[1:])
    # bottom, right, top, left: the corners at each end, and the edge's points as t runs 0..1
    edges = (
        (0, 1, lambda t: (x0 + t * (x1 - x0), y0)),
        (1, 2, lambda t: (x1, y0 + t * (y1 - y0))),
        (3, 2, lambda t: (x0 + t * (x1 - x0), y1)),
        (0, 3, lambda t: (x0, y0 + t * (y1 - y0))),
    )
    points = []
    crossed = []
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # values may be inf or huge
        for i, j, along in edges:
            a, b = corners[i], corners[j]
            crossed.append((a > level) != (b > level))
            px, py = along(np.clip((level - a) / (b - a), 0.0, 1.0))
            points.append(np.stack(np.broadcast_arrays(px, py), axis=-1))
    valid = np.isfinite(corners[0]) & np.isfinite(corners[1]) & np.isfinite(corners[2]) & np.isfinite(corners[3])
    hits = np.stack(crossed, axis=-1) & valid[..., None]  # (ny-1, nx-1, 4)
    pts = np.stack(points, axis=-2)  # (ny-1, nx-1, 4, 2)
    count = hits.sum(axis=-1)
    two = count == 2
    order = np.argsort(~hits[two], axis=-1, kind="stable")[:, :2]
    cells = pts[two]
    pairs = np.take_along_axis(cells, order[..., None], axis=1)
    four = count == 4
    saddle = pts[four]
    saddles = np.concatenate([saddle[:, [0, 1]], saddle[:, [2, 3]]]) if saddle.size else np.empty((0, 2, 2))
    return np.concatenate([pairs, saddles]).reshape(-1, 2, 2)
