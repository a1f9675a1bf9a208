"""Where torch computes and with how many threads, and its seeded generators.

Threads default to one (``GDSIM_TORCH_THREADS`` or :func:`configure` change it): the window's GUI
thread needs the other core, and on a loaded two-core machine two torch threads trained six times
slower than one. The device is the CPU unless CUDA is selected (``GDSIM_TORCH_DEVICE=cuda`` or
``auto``) and present. Both apply when torch is first used, never at import.
"""

from __future__ import annotations

import os

import numpy as np
import torch

#: Purposes of the seeded torch streams; "weights" is shared by every run of a scenario.
PURPOSES = {"weights": 3, "noise": 4, "dropout": 5, "directions": 6, "optimizer": 7, "batches": 8}
_settings = {"threads": int(os.environ.get("GDSIM_TORCH_THREADS", "1") or 1),
             "device": os.environ.get("GDSIM_TORCH_DEVICE", "cpu") or "cpu"}
_applied: dict[str, object] = {}


def configure(threads: int | None = None, device: str | None = None) -> None:
    """Set the torch threads and device ("cpu", "cuda" or "auto") for what is built from now on."""
    if threads is not None:
        _settings["threads"] = max(1, int(threads))
    if device is not None:
        _settings["device"] = device
    _applied.clear()


def device() -> torch.device:
    """The device networks are built on, applying the thread setting on first use."""
    if _applied.get("threads") != _settings["threads"]:
        torch.set_num_threads(int(_settings["threads"]))
        _applied["threads"] = _settings["threads"]
    wanted = _settings["device"]
    if wanted in ("cuda", "auto") and torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def generator(seed: int, purpose: str, run: int | None = None, on: torch.device | None = None) -> torch.Generator:
    """A torch.Generator for ``purpose`` (of run ``run``, or shared when None) under scenario ``seed``."""
    key = (PURPOSES[purpose],) if run is None else (run, PURPOSES[purpose])
    state = np.random.SeedSequence(entropy=seed, spawn_key=key).generate_state(1, np.uint64)[0]
    made = torch.Generator(device=on or torch.device("cpu"))
    made.manual_seed(int(state))
    return made
