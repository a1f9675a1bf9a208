"""Seeded random streams: one per run and per purpose, so switching one on does not move another."""

from __future__ import annotations

import numpy as np

PURPOSES = {"starts": 0, "batches": 1, "noise": 2}


def stream(seed: int, run_id: int, purpose: str) -> np.random.Generator:
    """The generator for ``purpose`` of run ``run_id`` under scenario ``seed`` (always the same)."""
    sequence = np.random.SeedSequence(entropy=seed, spawn_key=(run_id, PURPOSES[purpose]))
    return np.random.Generator(np.random.PCG64(sequence))
