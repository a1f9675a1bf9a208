"""Contour lines of a sampled landscape: the vectorized marching squares gives, segment for segment,
what the first implementation (every edge of every cell interpolated) gave, on every 2D landscape of
the catalog and on grids with holes, saddles, plateaus and huge values."""

from __future__ import annotations

import numpy as np
import pytest

from gdsim.core.grid import LandscapeGrid, contour_levels, contour_segments, landscape_grid
from gdsim.core.landscapes import LANDSCAPES, make_landscape


def reference_segments(grid: LandscapeGrid, level: float) -> np.ndarray:
    """The first implementation, kept as the oracle: every cell's four edge points, then the crossed ones."""
    xs, ys = grid.axes
    v = grid.values
    corners = (v[:-1, :-1], v[:-1, 1:], v[1:, 1:], v[1:, :-1])
    x0, y0 = np.meshgrid(xs[:-1], ys[:-1])
    x1, y1 = np.meshgrid(xs[1:], ys[1:])
    edges = (
        (0, 1, lambda t: (x0 + t * (x1 - x0), y0)),
        (1, 2, lambda t: (x1, y0 + t * (y1 - y0))),
        (3, 2, lambda t: (x0 + t * (x1 - x0), y1)),
        (0, 3, lambda t: (x0, y0 + t * (y1 - y0))),
    )
    points, crossed = [], []
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        for i, j, along in edges:
            a, b = corners[i], corners[j]
            crossed.append((a > level) != (b > level))
            px, py = along(np.clip((level - a) / (b - a), 0.0, 1.0))
            points.append(np.stack(np.broadcast_arrays(px, py), axis=-1))
    valid = np.isfinite(corners[0]) & np.isfinite(corners[1]) & np.isfinite(corners[2]) & np.isfinite(corners[3])
    hits = np.stack(crossed, axis=-1) & valid[..., None]
    pts = np.stack(points, axis=-2)
    count = hits.sum(axis=-1)
    two = count == 2
    order = np.argsort(~hits[two], axis=-1, kind="stable")[:, :2]
    pairs = np.take_along_axis(pts[two], order[..., None], axis=1)
    saddle = pts[count == 4]
    saddles = np.concatenate([saddle[:, [0, 1]], saddle[:, [2, 3]]]) if saddle.size else np.empty((0, 2, 2))
    return np.concatenate([pairs, saddles]).reshape(-1, 2, 2)


def assert_same_lines(grid: LandscapeGrid, levels) -> int:
    total = 0
    for level in levels:
        segments = contour_segments(grid, level)
        expected = reference_segments(grid, level)
        assert segments.shape == expected.shape and segments.dtype == expected.dtype
        np.testing.assert_array_equal(segments, expected)
        total += len(segments)
    return total


@pytest.mark.parametrize("name", sorted(name for name, entry in LANDSCAPES.items() if entry.dim == 2))
def test_every_landscape_draws_the_same_lines(name):
    grid = landscape_grid(make_landscape(name))
    assert assert_same_lines(grid, contour_levels(grid)) > 0


def test_holes_saddles_plateaus_and_huge_values_draw_the_same_lines():
    rng = np.random.default_rng(9)
    values = rng.normal(size=(61, 47))  # crosses everywhere: many saddles
    values[rng.random(values.shape) < 0.05] = np.nan  # undefined points of a typed formula
    values[10:20, 5:15] = 0.25  # a plateau exactly at a level
    values[30, :] = 1e308  # b - a overflows
    grid = LandscapeGrid((np.linspace(-3, 2, 47), np.geomspace(0.1, 40, 61)), values)
    checkerboard = np.indices(values.shape).sum(axis=0) % 2 == 0
    assert (reference_segments(LandscapeGrid(grid.axes, np.where(checkerboard, 1.0, -1.0)), 0.0).shape[0]
            == 2 * 60 * 46)  # the oracle itself: every cell of a checkerboard is a saddle, two segments each
    assert assert_same_lines(grid, [-1.0, 0.0, 0.25, 0.5, 2.0, 1e300]) > 1000
    assert assert_same_lines(LandscapeGrid(grid.axes, np.where(checkerboard, 1.0, -1.0)), [0.0]) == 2 * 60 * 46
    assert contour_segments(LandscapeGrid(grid.axes, np.full(values.shape, np.nan)), 0.0).shape == (0, 2, 2)
