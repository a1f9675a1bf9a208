"""Where things go in the 3D view: a landscape's (x, y, J) mapped into the scene's box, and back.

The scene is a box about 2 units wide: x and y are centred and scaled (equally for a landscape,
whose x and y are alike; each to fill the box for a data problem's (w, b)), and J becomes a height,
linear or logarithmic in J − min J, times a vertical exaggeration. A point that cannot be drawn (not
finite, or outside the landscape's domain: a ball that diverged) maps to NaN, and the GL items are
given only the finite rows, so no NaN ever reaches a GL buffer. Pure NumPy: no Qt, no GL.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdsim.core.grid import LandscapeGrid

#: Half the width of the scene's box (world units).
HALF_WIDTH = 1.0
#: Height of the highest grid value at exaggeration 1, in world units.
BASE_HEIGHT = 0.9
#: In log mode, heights start this fraction of the grid's range above its minimum (as the 2D heatmap).
LOG_FLOOR = 1e-4
#: A point this fraction of the domain's size outside it is gone from the view.
DOMAIN_MARGIN = 0.02
#: The mesh has at most this many vertices along a side (the grid is thinned to it).
MESH_POINTS = 201
#: The coarse mesh drawn while the camera moves has at most this many (a tenth of the triangles' cost).
COARSE_POINTS = 51


#: Log heights are the default where the grid's range is this many times its median height (Beale's
#: corners would otherwise flatten everything else); linear where less (Rosenbrock's valley, a bowl).
LOG_SPREAD = 300.0


def prefers_log(grid: LandscapeGrid) -> bool:
    """Whether ``grid``'s heights span so many orders of magnitude that log heights show it better."""
    finite = grid.values[np.isfinite(grid.values)]
    if not finite.size:
        return False
    low = float(finite.min())
    return float(finite.max()) - low > LOG_SPREAD * max(float(np.median(finite)) - low, 1e-300)


@dataclass(frozen=True)
class SurfaceSpace:
    """The map from a landscape's (x, y, J) to the scene's (u, v, z).

    ``center`` and ``scale`` map x and y (u = (x − cx) / sx); ``low`` and ``high`` are the grid's
    lowest and highest J; ``log`` picks log heights; ``height`` is the top's height in world units
    (exaggeration included); ``domain`` is the (2, 2) box outside which nothing is drawn.
    """

    center: tuple[float, float]
    scale: tuple[float, float]
    low: float
    high: float
    log: bool
    height: float
    domain: np.ndarray

    @classmethod
    def of(cls, grid: LandscapeGrid, domain: np.ndarray, log: bool, exaggeration: float,
           equal_axes: bool) -> SurfaceSpace:
        """The space of ``grid`` over ``domain``; ``equal_axes`` keeps x and y at one scale."""
        domain = np.asarray(domain, dtype=float)
        spans = domain[:, 1] - domain[:, 0]
        spans = np.where(spans > 0, spans, 1.0)
        scale = (np.full(2, spans.max()) if equal_axes else spans) / (2 * HALF_WIDTH)
        low, high = grid.finite_range
        return cls(center=tuple(float(c) for c in domain.mean(axis=1)), scale=tuple(float(s) for s in scale),
                   low=low, high=high, log=log, height=BASE_HEIGHT * exaggeration, domain=domain)

    def heights(self, loss: np.ndarray) -> np.ndarray:
        """Scene height of each J (NaN where J is not finite), from 0 at the grid's minimum to
        ``height`` at its maximum; values above are clipped to the top, below to the floor."""
        loss = np.asarray(loss, dtype=float)
        span = max(self.high - self.low, 1e-300)
        with np.errstate(all="ignore"):
            above = np.clip(loss - self.low, 0.0, span)
            if self.log:
                floor = span * LOG_FLOOR
                fraction = np.log(above / floor + 1.0) / np.log(span / floor + 1.0)
            else:
                fraction = above / span
        return np.where(np.isfinite(loss), fraction * self.height, np.nan)

    def inside(self, xy: np.ndarray) -> np.ndarray:
        """Which rows of ``xy`` (N, 2) are finite and within the domain (with a small margin)."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        margin = DOMAIN_MARGIN * (self.domain[:, 1] - self.domain[:, 0])
        with np.errstate(invalid="ignore"):
            return (np.isfinite(xy).all(axis=1) & (xy >= self.domain[:, 0] - margin).all(axis=1)
                    & (xy <= self.domain[:, 1] + margin).all(axis=1))

    def plane(self, xy: np.ndarray) -> np.ndarray:
        """Scene (u, v) of data points ``xy`` (N, 2)."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        return (xy - np.asarray(self.center)) / np.asarray(self.scale)

    def data(self, uv: np.ndarray) -> np.ndarray:
        """Data (x, y) of scene points ``uv`` (N, 2): the inverse of :meth:`plane`."""
        return np.asarray(uv, dtype=float).reshape(-1, 2) * np.asarray(self.scale) + np.asarray(self.center)

    def points(self, xy: np.ndarray, loss: np.ndarray, lift: float = 0.0) -> np.ndarray:
        """Scene points (N, 3) of data points ``xy`` at losses ``loss``, raised by ``lift``; rows that
        cannot be drawn (outside the domain, not finite) are NaN."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        out = np.column_stack([self.plane(xy), self.heights(loss) + lift])
        out[~(self.inside(xy) & np.isfinite(out).all(axis=1))] = np.nan
        return out


@dataclass(frozen=True)
class HeightField:
    """The surface as drawn: scene coordinates ``u`` (nx,), ``v`` (ny,) and heights ``z`` (ny, nx),
    NaN where the landscape is undefined; ``rows`` and ``cols`` are the grid's rows and columns kept."""

    u: np.ndarray
    v: np.ndarray
    z: np.ndarray
    rows: np.ndarray
    cols: np.ndarray

    @classmethod
    def of(cls, grid: LandscapeGrid, space: SurfaceSpace, most: int = MESH_POINTS) -> HeightField:
        """``grid`` thinned to at most ``most`` points a side (its last row and column kept)."""
        xs, ys = grid.axes
        cols, rows = _thin(len(xs), most), _thin(len(ys), most)
        values = grid.values[np.ix_(rows, cols)]
        plane = space.plane(np.column_stack([xs[cols], np.full(len(cols), ys[0])]))
        u = plane[:, 0]
        v = space.plane(np.column_stack([np.full(len(rows), xs[0]), ys[rows]]))[:, 1]
        return cls(u, v, space.heights(values), rows, cols)

    def lowered(self, most: int = COARSE_POINTS) -> HeightField:
        """This field thinned to at most ``most`` points a side, each point lowered to the lowest
        height within one coarse step of it: drawn as triangles, the coarse surface never rises
        above this one, so what is drawn just above this one (trails, arrows) stays in sight."""
        cols, rows = _thin(len(self.u), most), _thin(len(self.v), most)
        reach = (int(np.diff(rows).max(initial=0)), int(np.diff(cols).max(initial=0)))
        lowest = self.z
        for axis, steps in enumerate(reach):  # the minimum over a rectangle, one axis at a time
            lowest = _lowest_within(lowest, steps, axis)
        z = np.where(np.isfinite(self.z), lowest, np.nan)[np.ix_(rows, cols)]
        return HeightField(self.u[cols], self.v[rows], z, self.rows[rows], self.cols[cols])

    def at(self, uv: np.ndarray) -> np.ndarray:
        """Bilinear height of the surface at scene points ``uv`` (N, 2); NaN outside or where undefined."""
        uv = np.asarray(uv, dtype=float).reshape(-1, 2)
        fx = _fraction(self.u, uv[:, 0])
        fy = _fraction(self.v, uv[:, 1])
        ok = np.isfinite(fx) & np.isfinite(fy)
        out = np.full(len(uv), np.nan)
        if not ok.any():
            return out
        fx, fy = fx[ok], fy[ok]
        i0 = np.minimum(np.floor(fx).astype(int), len(self.u) - 2)
        j0 = np.minimum(np.floor(fy).astype(int), len(self.v) - 2)
        tx, ty = fx - i0, fy - j0
        z = self.z
        out[ok] = ((1 - tx) * (1 - ty) * z[j0, i0] + tx * (1 - ty) * z[j0, i0 + 1]
                   + (1 - tx) * ty * z[j0 + 1, i0] + tx * ty * z[j0 + 1, i0 + 1])
        return out

    def hit(self, origin: np.ndarray, direction: np.ndarray, samples: int = 2048) -> np.ndarray | None:
        """Where the ray ``origin + t·direction`` (t ≥ 0) first meets the surface, as scene (u, v, z);
        None if it misses. Marches along the ray, then refines the crossing by bisection."""
        origin = np.asarray(origin, dtype=float)
        direction = np.asarray(direction, dtype=float)
        t_near, t_far = self._box_span(origin, direction)
        if t_near is None:
            return None
        t = np.linspace(t_near, t_far, samples)
        points = origin + t[:, None] * direction
        with np.errstate(invalid="ignore"):
            above = points[:, 2] - self.at(points[:, :2])
        below = np.flatnonzero(above <= 0)
        if not below.size:
            return None
        k = int(below[0])
        if k == 0:
            return points[0]
        lo, hi = t[k - 1], t[k]
        for _ in range(40):
            mid = 0.5 * (lo + hi)
            point = origin + mid * direction
            gap = point[2] - self.at(point[None, :2])[0]
            if np.isfinite(gap) and gap <= 0:
                hi = mid
            else:
                lo = mid
        return origin + hi * direction

    def _box_span(self, origin: np.ndarray, direction: np.ndarray) -> tuple[float | None, float]:
        """The ray's parameters where it enters and leaves the surface's bounding box."""
        finite = self.z[np.isfinite(self.z)]
        if not finite.size:
            return None, 0.0
        low = np.array([self.u[0], self.v[0], float(finite.min())])
        high = np.array([self.u[-1], self.v[-1], float(finite.max())])
        with np.errstate(divide="ignore", invalid="ignore"):
            t1 = (low - origin) / direction
            t2 = (high - origin) / direction
        t1 = np.where(direction == 0, np.where((origin >= low) & (origin <= high), -np.inf, np.inf), t1)
        t2 = np.where(direction == 0, np.where((origin >= low) & (origin <= high), np.inf, -np.inf), t2)
        near = float(np.max(np.minimum(t1, t2)))
        far = float(np.min(np.maximum(t1, t2)))
        near = max(near, 0.0)
        if not near <= far:
            return None, 0.0
        return near, far


def dashes(uv: np.ndarray, dash: float) -> np.ndarray:
    """A dashed line along the path ``uv`` (N, 2): segments (M, 2, 2) ``dash`` long with gaps as long,
    measured along the path; it breaks where a point is not finite."""
    uv = np.asarray(uv, dtype=float).reshape(-1, 2)
    finite = np.isfinite(uv).all(axis=1)
    edges = np.flatnonzero(np.diff(np.concatenate([[False], finite, [False]]).astype(int)))
    pieces = []
    for first, end in zip(edges[::2], edges[1::2], strict=True):  # each finite stretch on its own
        stretch = uv[first:end]
        along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(stretch, axis=0).T))])
        if len(stretch) < 2 or along[-1] <= 0:
            continue
        starts = np.arange(0.0, along[-1], 2 * dash)
        ends = np.minimum(starts + dash, along[-1])
        at = np.concatenate([starts, ends])
        points = np.column_stack([np.interp(at, along, stretch[:, 0]), np.interp(at, along, stretch[:, 1])])
        pieces.append(np.stack([points[: len(starts)], points[len(starts):]], axis=1))
    return np.concatenate(pieces) if pieces else np.empty((0, 2, 2))


def _lowest_within(z: np.ndarray, steps: int, axis: int) -> np.ndarray:
    """The lowest finite value of ``z`` within ``steps`` places along ``axis`` (NaN if none is)."""
    lowest = z.copy()
    for shift in range(1, steps + 1):
        for sign in (1, -1):
            shifted = np.full_like(z, np.nan)
            source = [slice(None)] * 2
            target = [slice(None)] * 2
            source[axis] = slice(None, -shift) if sign > 0 else slice(shift, None)
            target[axis] = slice(shift, None) if sign > 0 else slice(None, -shift)
            shifted[tuple(target)] = z[tuple(source)]
            lowest = np.fmin(lowest, shifted)
    return lowest


def _thin(n: int, most: int) -> np.ndarray:
    """Indices 0..n−1 thinned to at most about ``most``, the last one kept."""
    if n <= most:
        return np.arange(n)
    return np.unique(np.round(np.linspace(0, n - 1, most)).astype(int))


def _fraction(axis: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Fractional index of each value on an increasing axis (NaN outside it)."""
    with np.errstate(invalid="ignore"):
        index = np.interp(values, axis, np.arange(len(axis), dtype=float))
        return np.where((values >= axis[0]) & (values <= axis[-1]), index, np.nan)
