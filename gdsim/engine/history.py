"""Growable, bounded arrays for a run's recorded points.

Appends are amortised O(1) (capacity doubles). Past ``cap`` points the history is thinned: every
other point is dropped (the first is always kept) and the stride between recorded steps doubles, so
memory stays bounded however long a run goes on.
"""

from __future__ import annotations

import itertools

import numpy as np

_SERIALS = itertools.count()


class GrowableColumns:
    """Named columns of equal length, each a growable array with a fixed per-row shape."""

    def __init__(self, shapes: dict[str, tuple[int, ...]], capacity: int = 256) -> None:
        self._data = {key: np.empty((capacity, *shape)) for key, shape in shapes.items()}
        self.length = 0

    def _reserve(self, rows: int) -> None:
        """Room for ``rows`` rows (capacity doubles until it fits)."""
        capacity = len(next(iter(self._data.values())))
        if rows <= capacity:
            return
        while capacity < rows:
            capacity *= 2
        for key, array in self._data.items():
            grown = np.empty((capacity, *array.shape[1:]))
            grown[: self.length] = array[: self.length]
            self._data[key] = grown

    def append(self, **row: np.ndarray | float) -> None:
        self._reserve(self.length + 1)
        for key, array in self._data.items():
            array[self.length] = row[key]
        self.length += 1

    def extend(self, **rows: np.ndarray) -> None:
        """Append a block of rows: each column's rows as one array."""
        count = len(next(iter(rows.values())))
        self._reserve(self.length + count)
        for key, array in self._data.items():
            array[self.length : self.length + count] = rows[key]
        self.length += count

    def view(self, key: str, start: int = 0) -> np.ndarray:
        """Rows ``start:`` of column ``key`` (a view: copy before handing it to another thread)."""
        return self._data[key][start : self.length]

    def keep_every_other(self) -> None:
        """Drop every other row, keeping row 0."""
        kept = (self.length + 1) // 2
        for array in self._data.values():
            array[:kept] = array[0 : self.length : 2]
        self.length = kept


class History:
    """Recorded points of a run: step, positions (N, D), loss, gradient norm, lr, batch loss, epoch.

    Parameters
    ----------
    n_balls, dim
        Shape of the positions at one point.
    record_every
        Record a point every this many steps (point 0 always; the last one on ``finish``).
    cap_values
        Thin past this many stored numbers (points x balls x dimensions).
    """

    def __init__(self, n_balls: int, dim: int, record_every: int, cap_values: int = 4_000_000) -> None:
        self.stride = record_every
        self.cap_points = max(64, cap_values // max(1, n_balls * (dim + 4)))
        self.columns = GrowableColumns({
            "step": (), "path": (n_balls, dim), "loss": (n_balls,), "grad_norm": (n_balls,),
            "lr": (), "batch_loss": (n_balls,), "epoch": (),
        })
        #: Unique per history, so a consumer can tell a fresh history from one it has seen.
        self.serial = next(_SERIALS)
        #: Bumped whenever earlier points change (thinning), so a consumer knows to start over.
        self.generation = 0

    def due(self, step: int) -> bool:
        return step % self.stride == 0

    def append(self, step: int, path: np.ndarray, loss: np.ndarray, grad_norm: np.ndarray,
               lr: float, batch_loss: np.ndarray, epoch: int) -> None:
        if self.length and self.last_step == step:
            return
        self.columns.append(step=step, path=path, loss=loss, grad_norm=grad_norm, lr=lr,
                            batch_loss=batch_loss, epoch=epoch)
        if self.columns.length >= self.cap_points:
            self.columns.keep_every_other()
            self.stride *= 2
            self.generation += 1

    def extend(self, steps: np.ndarray, paths: np.ndarray, loss: np.ndarray, grad_norm: np.ndarray,
               lrs: np.ndarray, batch_loss: np.ndarray, epochs: np.ndarray) -> None:
        """Append a block of points at increasing steps, as ``append`` would one by one.

        The caller hands over a block that reaches the cap at its last point at the latest, so
        thinning (which changes which steps are due) happens where appending one by one would.
        """
        if self.length and self.last_step == steps[0]:
            steps, paths, loss, grad_norm = steps[1:], paths[1:], loss[1:], grad_norm[1:]
            lrs, batch_loss, epochs = lrs[1:], batch_loss[1:], epochs[1:]
        if not len(steps):
            return
        self.columns.extend(step=steps, path=paths, loss=loss, grad_norm=grad_norm, lr=lrs,
                            batch_loss=batch_loss, epoch=epochs)
        if self.columns.length >= self.cap_points:
            self.columns.keep_every_other()
            self.stride *= 2
            self.generation += 1

    @property
    def length(self) -> int:
        return self.columns.length

    @property
    def last_step(self) -> int:
        return int(self.columns.view("step")[-1])

    def set_last_lr(self, lr: float) -> None:
        """The rate of the update leaving the last point (NaN for a final point)."""
        self.columns.view("lr")[-1] = lr

    def view(self, key: str, start: int = 0) -> np.ndarray:
        return self.columns.view(key, start)
