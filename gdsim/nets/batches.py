"""Which training samples each update of a network run sees, drawn from the run's own torch.Generator.

The modes are gdsim's (:data:`gdsim.core.sampling.SAMPLING_MODES`), each the torch call a plain
training script makes:

- ``shuffle``: the order of ``DataLoader(data, batch_size, shuffle=True, generator=g)``, epoch after
  epoch: each epoch the loader's iterator first draws its base seed from ``g`` (one int64), then its
  RandomSampler draws ``torch.randperm(n, generator=g)``, cut into batches (the last one smaller),
  and once the permutation is used up draws one more (for the ``num_samples % n`` remainder, none).
- ``replacement``: ``torch.randint(n, (batch_size,), generator=g)`` every update.
- ``without_replacement``: ``torch.randperm(n, generator=g)[:batch_size]`` every update.
- no batch size: every sample at every update.

Indices are tensors on the CPU; the trainer indexes its data with them (the same rows a DataLoader
would stack, without its per-sample collation).
"""

from __future__ import annotations

import torch


class TorchBatches:
    """The batches of one run.

    Parameters
    ----------
    n_samples
        Size of the training set.
    batch_size
        None for the whole set at every update, else the samples per update.
    mode
        "shuffle", "replacement" or "without_replacement".
    generator
        The run's batch stream (:func:`gdsim.nets.runtime.generator` with purpose "batches").
    """

    def __init__(self, n_samples: int, batch_size: int | None, mode: str, generator: torch.Generator) -> None:
        self.n = n_samples
        self.batch_size = batch_size
        self.mode = mode
        self.generator = generator
        self.epoch = 0
        self._drawn = 0
        self._order: torch.Tensor | None = None
        self._cursor = 0

    def next(self) -> tuple[torch.Tensor | None, int]:
        """The indices of the next update (None: every sample) and the epoch it belongs to."""
        size = self.batch_size
        if size is None:
            self.epoch = self._drawn
            self._drawn += 1
            return None, self.epoch
        if self.mode == "shuffle":
            return self._next_shuffled(size)
        if self.mode == "replacement":
            batch = torch.randint(self.n, (size,), generator=self.generator)
        else:
            batch = torch.randperm(self.n, generator=self.generator)[:size]
        self.epoch = (self._drawn * size) // self.n
        self._drawn += 1
        return batch, self.epoch

    def _next_shuffled(self, size: int) -> tuple[torch.Tensor, int]:
        if self._order is None or self._cursor >= self.n:
            if self._order is not None:
                self.epoch += 1
                torch.randperm(self.n, generator=self.generator)  # the sampler's remainder draw
            # what a DataLoader's new iterator draws first: its base seed for worker processes
            torch.empty((), dtype=torch.int64).random_(generator=self.generator)
            self._order = torch.randperm(self.n, generator=self.generator)
            self._cursor = 0
        batch = self._order[self._cursor : self._cursor + size]
        self._cursor += size
        return batch, self.epoch
