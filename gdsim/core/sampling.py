"""Which samples each step's gradient sees: the whole data set, one sample, or a mini-batch."""

from __future__ import annotations

from typing import Literal

import numpy as np

Sampling = Literal["shuffle", "replacement", "without_replacement"]
SAMPLING_MODES: tuple[str, ...] = ("shuffle", "replacement", "without_replacement")
#: Steps' batches drawn with replacement in one call: NumPy fills an array element by element from the
#: same stream, so these are the numbers one call a step would draw, in the same order, for less.
DRAWN_AHEAD = 256


class BatchSampler:
    """Draws the sample indices of each step from a run's own random stream.

    Parameters
    ----------
    n_samples
        Size of the data set.
    batch_size
        ``None`` for the whole data set (batch GD), 1 for SGD, b for mini-batches.
    mode
        ``"shuffle"``: a fresh permutation each epoch cut into batches, the last possibly smaller
        (torch's DataLoader with shuffle=True). ``"replacement"``: each sample drawn independently.
        ``"without_replacement"``: a fresh batch of distinct samples every step.
    rng
        The run's batch stream (None will do for the whole data set, which draws nothing).
    """

    def __init__(self, n_samples: int, batch_size: int | None, mode: Sampling,
                 rng: np.random.Generator | None) -> None:
        self.n = n_samples
        self.batch_size = batch_size
        self.mode = mode
        self.rng = rng
        self.epoch = 0
        self._order = np.arange(0)
        self._cursor = 0
        self._drawn = 0
        self._ahead = np.empty((0, 0), dtype=np.int64)
        self._ahead_cursor = 0

    def next(self) -> tuple[np.ndarray | None, int]:
        """The indices for the next step (``None`` = every sample) and the epoch it belongs to."""
        if self.batch_size is None:
            self.epoch = self._drawn
            self._drawn += 1
            return None, self.epoch
        if self.mode == "shuffle":
            return self._next_shuffled()
        if self.mode == "replacement":
            batch = self._next_drawn_ahead()
        else:
            batch = self.rng.choice(self.n, size=self.batch_size, replace=False)
        self.epoch = (self._drawn * self.batch_size) // self.n
        self._drawn += 1
        return batch, self.epoch

    def _next_drawn_ahead(self) -> np.ndarray:
        if self._ahead_cursor >= len(self._ahead):
            self._ahead = self.rng.integers(0, self.n, size=(DRAWN_AHEAD, self.batch_size))
            self._ahead_cursor = 0
        batch = self._ahead[self._ahead_cursor]
        self._ahead_cursor += 1
        return batch

    def _next_shuffled(self) -> tuple[np.ndarray, int]:
        if self._cursor >= len(self._order):
            if len(self._order):
                self.epoch += 1
            self._order = self.rng.permutation(self.n)
            self._cursor = 0
        batch = self._order[self._cursor : self._cursor + self.batch_size]
        self._cursor += self.batch_size
        return batch, self.epoch
