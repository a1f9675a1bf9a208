"""Checks of a run's settings against the problem, shared by scenario files and live commands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.optimizers import optimizer_class
from gdsim.core.problem import Problem
from gdsim.core.sampling import SAMPLING_MODES
from gdsim.core.schedules import make_schedule
from gdsim.engine.spec import RunSpec, StopSpec

UPDATE_ORDERS = ("simultaneous", "sequential")
MAX_SWARM = 100_000


def _number(value: Any, where: str, *, positive: bool = False, allow_none: bool = False) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
        null = " or null" if allow_none else ""
        raise InputError(where, f"must be a finite number{null}, not {value!r}")
    if positive and value <= 0:
        raise InputError(where, f"must be greater than 0, not {value!r}")
    if value < 0:
        raise InputError(where, f"must not be negative, not {value!r}")


def _whole(value: Any, where: str, *, allow_none: bool, low: int = 1) -> None:
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        null = " or null" if allow_none else ""
        raise InputError(where, f"must be a whole number of at least {low}{null}, not {value!r}")


def check_start(start: Any, problem: Problem) -> None:
    """A point of the problem's dimension, {"grid": [...]}, {"random": N}, or None."""
    if start is None:
        return
    if isinstance(start, Mapping):
        if len(start) != 1 or next(iter(start)) not in ("grid", "random"):
            raise InputError("start", 'a swarm start is {"grid": [nx, ny]} or {"random": N}')
        (kind, value), = start.items()
        if kind == "random":
            _whole(value, "start.random", allow_none=False)
            count = value
        else:
            if not isinstance(value, list | tuple) or len(value) != problem.dim:
                raise InputError("start.grid", f"must list {problem.dim} counts, one per parameter")
            for i, n in enumerate(value):
                _whole(n, f"start.grid[{i}]", allow_none=False)
            count = int(np.prod(value))
        if count > MAX_SWARM:
            raise InputError("start", f"a swarm of {count} balls is more than the {MAX_SWARM} allowed")
        return
    if not isinstance(start, list | tuple) or len(start) != problem.dim:
        raise InputError("start", f"must be a point of {problem.dim} numbers ({', '.join(problem.param_names)})")
    for i, value in enumerate(start):
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise InputError(f"start[{i}]", f"must be a finite number, not {value!r}")


def check_run(spec: RunSpec, problem: Problem) -> None:
    """Raise InputError (path relative to the run) for any setting that cannot be run."""
    if not isinstance(spec.label, str):
        raise InputError("label", "must be text")
    if not isinstance(spec.color, str) or not _is_colour(spec.color):
        raise InputError("color", f"must be a colour such as \"#0072B2\", not {spec.color!r}")
    if not isinstance(spec.visible, bool):
        raise InputError("visible", "must be true or false")
    try:
        optimizer_class(spec.optimizer)
    except InputError as error:
        raise error.within("optimizer") from None
    try:
        optimizer_class(spec.optimizer).validate(spec.hyper)
    except InputError as error:
        raise error.within("hyper") from None
    check_start(spec.start, problem)
    try:
        make_schedule(spec.schedule)
    except InputError as error:
        raise error.within("schedule") from None
    _number(spec.clip_norm, "clip_norm", positive=True, allow_none=True)
    _number(spec.grad_noise, "grad_noise")
    if spec.update not in UPDATE_ORDERS:
        raise InputError("update", f"must be one of {', '.join(UPDATE_ORDERS)}, not {spec.update!r}")
    if spec.sampling not in SAMPLING_MODES:
        raise InputError("sampling", f"must be one of {', '.join(SAMPLING_MODES)}, not {spec.sampling!r}")
    _whole(spec.batch_size, "batch_size", allow_none=True)
    if spec.batch_size is not None:
        if problem.n_samples is None:
            raise InputError("batch_size", "only data problems have batches; use null here")
        if spec.batch_size > problem.n_samples:
            raise InputError("batch_size", f"{spec.batch_size} is larger than the data set "
                                           f"({problem.n_samples} samples)")
    _whole(spec.record_every, "record_every", allow_none=True)
    if not isinstance(spec.stop, StopSpec):
        raise InputError("stop", "must be an object with loss_below, grad_norm_below, step_below")
    for key in ("loss_below", "grad_norm_below", "step_below"):
        _number(getattr(spec.stop, key), f"stop.{key}", allow_none=True)


def _is_colour(text: str) -> bool:
    if len(text) not in (7, 9) or not text.startswith("#"):
        return False
    try:
        int(text[1:], 16)
    except ValueError:
        return False
    return True
