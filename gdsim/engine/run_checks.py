"""Checks of a run's settings against the problem, shared by scenario files and live commands.

Each option is checked by its declaration (:mod:`gdsim.engine.run_options`, the optimizer's
hyperparameters, the schedule's options); what follows here is what depends on the problem (a start's
dimension, a batch larger than the data) or on several settings at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.optimizers.class_names import is_class_name
from gdsim.core.params import Param, check_keys, describe
from gdsim.core.problem import Problem
from gdsim.core.schedules import make_schedule
from gdsim.engine.optimizer_choice import optimizer_declaration
from gdsim.engine.run_options import RUN_OPTIONS, STOP_KEYS, UPDATE_ORDERS, run_option_value
from gdsim.engine.spec import RunSpec, StopSpec

__all__ = ["MAX_SWARM", "UPDATE_ORDERS", "check_network_run", "check_run", "check_run_settings", "check_start",
           "check_stop"]

MAX_SWARM = 100_000
#: A count of balls along one axis of a grid, or of a random swarm.
COUNT = Param("count", "whole", 1, "A number of balls.", low=1)
#: One coordinate of a start point.
COORDINATE = Param("coordinate", "number", 0.0, "A coordinate of the start.")


def check_start(start: Any, problem: Problem) -> None:
    """A point of the problem's dimension, {"grid": [...]}, {"random": N}, or None."""
    if start is None:
        return
    if isinstance(start, Mapping):
        if len(start) != 1 or next(iter(start)) not in ("grid", "random"):
            raise InputError("start", 'a swarm start is {"grid": [nx, ny]} or {"random": N}', "start.swarm",
                             {"keys": [str(key) for key in start]})
        (kind, value), = start.items()
        if kind == "random":
            count = COUNT.check(value, "start.random")
        else:
            if not isinstance(value, list | tuple) or len(value) != problem.dim:
                raise InputError("start.grid", f"must list {problem.dim} counts, one per parameter",
                                 "start.grid", {"dim": problem.dim, "value": describe(value)})
            count = math.prod(COUNT.check(n, f"start.grid[{i}]") for i, n in enumerate(value))
        if count > MAX_SWARM:
            raise InputError("start", f"a swarm of {count} balls is more than the {MAX_SWARM} allowed",
                             "start.too_many", {"count": count, "max": MAX_SWARM})
        return
    if not isinstance(start, list | tuple) or len(start) != problem.dim:
        raise InputError("start", f"must be a point of {problem.dim} numbers ({', '.join(problem.param_names)})",
                         "start.point", {"dim": problem.dim, "names": list(problem.param_names),
                                         "value": describe(start)})
    for i, value in enumerate(start):
        COORDINATE.check(value, f"start[{i}]")


def check_run(spec: RunSpec, problem: Problem) -> None:
    """Raise InputError (path relative to the run) for any setting that cannot be run."""
    check_run_settings(spec)
    if problem.stepper == "torch":
        check_network_run(spec)
    elif spec.eval_every is not None:
        raise InputError("eval_every", "only networks are evaluated; use null here", "eval.no_network")
    elif spec.init_seed is not None:
        raise InputError("init_seed", "only networks have initial weights; use null here", "init_seed.no_network")
    check_start(spec.start, problem)
    if spec.batch_size is not None:
        if problem.n_samples is None:
            raise InputError("batch_size", "only data problems have batches; use null here", "batch.no_data")
        if spec.batch_size > problem.n_samples:
            raise InputError("batch_size", f"{spec.batch_size} is larger than the data set "
                                           f"({problem.n_samples} samples)", "batch.too_large",
                             {"value": spec.batch_size, "samples": problem.n_samples})


#: Settings a network run cannot take, each with the value it must keep and why.
NETWORK_FIXED = (
    ("start", None, "a network starts from the scenario's initial weights"),
    ("update", "simultaneous", "a network updates every weight at once"),
    ("record_every", None, "a network records every update's loss and no path"),
    ("stop.loss_below", None, "a network runs its steps"),
    ("stop.grad_norm_below", None, "a network runs its steps"),
    ("stop.step_below", None, "a network runs its steps"),
)


def check_network_run(spec: RunSpec) -> None:
    """The settings a network run cannot take (its path, per-ball starts, stop rules)."""
    for name, fixed, why in NETWORK_FIXED:
        if run_option_value(spec, name) != fixed:
            raise InputError(name, f"must be {describe(fixed)} for a network: {why}", "network.fixed",
                             {"name": name, "fixed": describe(fixed), "why": why})
    if is_class_name(spec.optimizer) and (spec.grad_noise or spec.clip_norm is not None):
        from gdsim.nets.optimizer_needs import needs_of

        if needs_of(spec.optimizer).fused:
            where = "grad_noise" if spec.grad_noise else "clip_norm"
            fixed = describe(0.0 if spec.grad_noise else None)
            raise InputError(where, f"must be {fixed} for {spec.optimizer}: it updates each weight inside backward, "
                             "before gdsim could add noise or clip (it has its own clip_grad_norm)",
                             "optimizer.fused", {"fixed": fixed, "optimizer": spec.optimizer})


def check_run_settings(spec: RunSpec) -> None:
    """The checks of :func:`check_run` that need no problem: every declared option, the optimizer and
    its hyperparameters, the schedule."""
    if not isinstance(spec.stop, StopSpec):
        raise InputError("stop", f"must be an object with {', '.join(STOP_KEYS)}", "type.object",
                         {"value": describe(spec.stop)})
    for param in RUN_OPTIONS:
        param.check(run_option_value(spec, param.name))
    try:
        cls = optimizer_declaration(spec.optimizer)
    except InputError as error:
        raise error.within("optimizer") from None
    if "." in spec.optimizer and spec.update != "simultaneous":
        raise InputError("update", "a torch optimizer updates every coordinate at once: use \"simultaneous\"",
                         "update.torch")
    if not isinstance(spec.hyper, Mapping):
        raise InputError("hyper", f"must be an object of hyperparameters, not {describe(spec.hyper)}",
                         "type.object", {"value": describe(spec.hyper)})
    try:
        cls.validate(spec.hyper)
    except InputError as error:
        raise error.within("hyper") from None
    try:
        make_schedule(spec.schedule)
    except InputError as error:
        raise error.within("schedule") from None


def check_stop(value: Any, where: str = "stop") -> StopSpec:
    """A StopSpec from a stop object ({loss_below, grad_norm_below, step_below}, each optional)."""
    if isinstance(value, StopSpec):
        return value
    if not isinstance(value, Mapping):
        raise InputError(where, f"must be an object with {', '.join(STOP_KEYS)}, not {describe(value)}",
                         "type.object", {"value": describe(value)})
    check_keys(value, STOP_KEYS, where)
    return StopSpec(**value)
