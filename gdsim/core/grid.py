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
    value give no segment; a saddle cell (four crossings) gives two. Segments come cell by cell, row
    by row, the saddles' after the others. Only the crossed cells' points are computed (a drawing
    asks for a dozen levels of a 300 x 300 grid).
    """
    xs, ys = grid.axes
    v = grid.values
    with np.errstate(invalid="ignore"):
        above = v > level  # NaN is never above, as it never was in the comparisons of the crossing test
    finite = np.isfinite(v)
    valid = finite[:-1, :-1] & finite[:-1, 1:] & finite[1:, 1:] & finite[1:, :-1]
    across = above[:, :-1] != above[:, 1:]  # each edge along x, (ny, nx-1)
    upward = above[:-1, :] != above[1:, :]  # each edge along y, (ny-1, nx)
    edges = [across[:-1] & valid, upward[:, 1:] & valid, across[1:] & valid, upward[:, :-1] & valid]  # b, r, t, l
    count = sum(edge.view(np.uint8) for edge in edges)
    rows, cols = np.nonzero(count == 2)
    pair_hits = np.stack([edge[rows, cols] for edge in edges], axis=-1)
    first = np.argmax(pair_hits, axis=-1)
    last = 3 - np.argmax(pair_hits[:, ::-1], axis=-1)
    points = _edge_points(xs, ys, v, rows, cols, level)  # (K, 4, 2)
    picks = np.take_along_axis(points, np.stack([first, last], axis=-1)[..., None], axis=1)
    rows, cols = np.nonzero(count == 4)
    saddle = _edge_points(xs, ys, v, rows, cols, level)
    saddles = np.concatenate([saddle[:, [0, 1]], saddle[:, [2, 3]]]) if saddle.size else np.empty((0, 2, 2))
    return np.concatenate([picks, saddles]).reshape(-1, 2, 2)


def _edge_points(xs: np.ndarray, ys: np.ndarray, v: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                 level: float) -> np.ndarray:
    """Where ``level`` falls on the bottom, right, top and left edges of the cells at ``rows``, ``cols``:
    (K, 4, 2), each edge's point at t = (level − a) / (b − a) from its end a to its end b, clipped to it."""
    x0, x1, y0, y1 = xs[cols], xs[cols + 1], ys[rows], ys[rows + 1]
    corners = (v[rows, cols], v[rows, cols + 1], v[rows + 1, cols + 1], v[rows + 1, cols])
    points = np.empty((len(rows), 4, 2))
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # values may be huge
        for edge, (i, j) in enumerate(((0, 1), (1, 2), (3, 2), (0, 3))):
            a, b = corners[i], corners[j]
            t = np.clip((level - a) / (b - a), 0.0, 1.0)
            if edge in (0, 2):  # along x, at y0 (bottom) or y1 (top)
                points[:, edge, 0], points[:, edge, 1] = x0 + t * (x1 - x0), y0 if edge == 0 else y1
            else:  # along y, at x1 (right) or x0 (left)
                points[:, edge, 0], points[:, edge, 1] = x1 if edge == 1 else x0, y0 + t * (y1 - y0)
    return points
