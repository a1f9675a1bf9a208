"""A ball's status, in one place: the codes the engine stores per ball and the words files use."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

import numpy as np


class Status(IntEnum):
    """What a ball is doing. Stored per ball as int8; ``name.lower()`` is the word in files."""

    RUNNING = 0
    CONVERGED = 1
    DIVERGED = 2
    MAX_STEPS = 3
    STOPPED = 4

    @property
    def word(self) -> str:
        """The word in files and messages: ``running``, ``max_steps``, ..."""
        return self.name.lower()

    @property
    def label(self) -> str:
        """The English words shown on screen: ``max steps``."""
        return self.word.replace("_", " ")


def status_counts(statuses: np.ndarray) -> list[tuple[Status, int]]:
    """How many balls have each status (only the statuses present), in enum order."""
    counts = np.bincount(np.asarray(statuses, dtype=np.int64), minlength=len(Status))
    return [(Status(code), int(count)) for code, count in enumerate(counts) if count]


def overall_status(statuses: Iterable[int] | np.ndarray) -> Status:
    """One status for a run: a single ball's own; for a swarm, why the swarm as a whole ended
    (running while any ball runs, then max steps, stopped, diverged, else converged)."""
    statuses = np.asarray(statuses)
    if len(statuses) == 1 or (statuses == statuses[0]).all():
        return Status(int(statuses[0]))
    for status in (Status.RUNNING, Status.MAX_STEPS, Status.STOPPED, Status.DIVERGED):
        if (statuses == status).any():
            return status
    return Status.CONVERGED
