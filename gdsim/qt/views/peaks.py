"""A long curve reduced to what a screen can show: each bin of points kept as its two extremes.

A loss curve of 20,000 steps drawn 700 pixels wide puts about 30 points in each pixel column; bins
of points half a pixel wide, each drawn as its lowest and highest point (in the order they came),
look the same and cost a seventh to stroke. The bins' size is a power of two, so it changes
only when the plot's scale changes by a factor of two, and bins never change once full: a growing
curve is reduced by appending (``PeakCurve``).
"""

from __future__ import annotations

import numpy as np

#: Bins to a pixel column (at least).
BINS_PER_PIXEL = 2


def bin_size(points: int, pixels: float) -> int:
    """Points per bin for ``points`` spread evenly over ``pixels`` pixels: the largest power of two
    that puts at least two bins in a pixel (1 if that would be no reduction).

    Bins do not line up with pixel columns: one that straddles two can carry the other column's
    extreme away; with two or more to a column that costs a pixel or two at most."""
    per_bin = points / max(pixels, 1.0) / BINS_PER_PIXEL
    if per_bin < 2:
        return 1
    return int(2 ** np.floor(np.log2(per_bin)))


def peaks(x: np.ndarray, y: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Each bin of ``size`` consecutive points as its finite extremes, in the order they came.

    A bin whose values are all non-finite becomes one point with y NaN (a gap); a bin with some
    non-finite values keeps its finite extremes and is followed by a NaN point, so a line drawn
    through the result breaks where the curve did. A last, partial bin is reduced alike.
    ``size`` 1 returns the points as they are.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if size <= 1 or len(y) == 0:
        return x.copy(), y.copy()
    full = len(y) // size * size
    parts = [_full_bins(x[:full], y[:full], size)]
    if full < len(y):
        parts.append(_full_bins(x[full:], y[full:], len(y) - full))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _full_bins(x: np.ndarray, y: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    bins = len(y) // size
    if bins == 0:
        return np.empty(0), np.empty(0)
    ys = y.reshape(bins, size)
    finite = np.isfinite(ys)
    low = np.where(finite, ys, np.inf).argmin(axis=1)
    high = np.where(finite, ys, -np.inf).argmax(axis=1)
    first, second = np.minimum(low, high), np.maximum(low, high)
    rows = np.arange(bins) * size
    out_x = np.empty((bins, 3))
    out_y = np.empty((bins, 3))
    out_x[:, 0], out_x[:, 1] = x[rows + first], x[rows + second]
    out_y[:, 0], out_y[:, 1] = y[rows + first], y[rows + second]
    out_x[:, 2] = x[rows + size - 1]
    out_y[:, 2] = np.nan
    some = finite.any(axis=1)
    keep = np.ones((bins, 3), dtype=bool)
    keep[:, 1] = some & (second != first)
    keep[:, 2] = some & ~finite.all(axis=1)
    out_y[~some, 0] = np.nan
    return out_x[keep], out_y[keep]


class PeakCurve:
    """The peaks of a growing curve, kept up to date by reducing only the points not seen before.

    Parameters
    ----------
    size
        Points per bin (see :func:`bin_size`); a new size needs a new ``PeakCurve``.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._bins = 0
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._length = 0

    @property
    def final(self) -> int:
        """How many leading points of the last ``update`` will stay as they are (full bins')."""
        return self._length

    def update(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The peaks of ``x``, ``y`` (the whole curve so far, extending the curve given before),
        then the points of the last, partial bin as they are (fewer than a bin: nothing to gain)."""
        full = len(y) // self.size
        if full > self._bins:
            start, end = self._bins * self.size, full * self.size
            new_x, new_y = peaks(x[start:end], y[start:end], self.size)
            self._append(new_x, new_y)
            self._bins = full
        n, tail = self._length, full * self.size
        return np.concatenate([self._x[:n], x[tail:]]), np.concatenate([self._y[:n], y[tail:]])

    def _append(self, x: np.ndarray, y: np.ndarray) -> None:
        end = self._length + len(x)
        if end > len(self._x):
            capacity = max(256, 2 * end)
            self._x = np.concatenate([self._x[: self._length], np.empty(capacity - self._length)])
            self._y = np.concatenate([self._y[: self._length], np.empty(capacity - self._length)])
        self._x[self._length: end] = x
        self._y[self._length: end] = y
        self._length = end
