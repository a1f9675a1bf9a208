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
