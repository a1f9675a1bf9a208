"""What a view needs to draw a newly loaded problem, computed off the GUI thread (in the worker)."""

from __future__ import annotations

import numpy as np

from gdsim.core.grid import LandscapeGrid, contour_levels, contour_segments, log_heights
from gdsim.core.problem import Problem
from gdsim.qt.views.protocol import LandscapeDrawing, Picture


def landscape_drawing(grid: LandscapeGrid | None) -> LandscapeDrawing | None:
    """Log heights for the heatmap and every contour segment, for a 2D grid (None otherwise)."""
    if grid is None or len(grid.axes) != 2:
        return None
    levels = contour_levels(grid)
    segments = [contour_segments(grid, level) for level in levels]
    contours = np.concatenate(segments) if segments else np.empty((0, 2, 2))
    return LandscapeDrawing(log_heights(grid), levels, contours)


def make_picture(problem: Problem, grid: LandscapeGrid | None) -> Picture:
    """The Picture of ``problem`` sampled on ``grid``, its drawing prepared (costly: call it in the worker)."""
    return Picture(problem, grid, landscape_drawing(grid))
