"""Learning-rate schedules with torch.optim.lr_scheduler's semantics, in closed form.

A schedule gives the rate of the update leaving point ``step`` (0 for the first update) from the
run's current base ``lr``, so changing ``lr`` live rescales the whole schedule. ``lr(step, base_lr)``
equals the learning rate torch's scheduler sets after ``step`` calls of ``scheduler.step()`` on an
optimizer created with ``lr=base_lr``:

- ``constant``: lr (no torch scheduler).
- ``step_lr`` (step_size, gamma): lr·gamma^⌊t/step_size⌋, torch's StepLR.
- ``exponential_lr`` (gamma): lr·gammaᵗ, torch's ExponentialLR.
- ``cosine_annealing_lr`` (T_max, eta_min): eta_min + (lr − eta_min)(1 + cos(πt/T_max))/2, torch's
  CosineAnnealingLR.
- ``inverse_time`` (k): lr/(1 + k·t), torch's LambdaLR with ``lambda t: 1/(1 + k*t)``.

The base rate may be a NumPy array (a rate per ball, shape (N, 1)): every schedule is elementwise
arithmetic on it, in the same order as on a number, so each element equals the scalar result.

A growing schedule (gamma above 1) overflows as torch's does: its rate becomes infinite once it
passes the largest float (about 1.8e308), and stays 0 from a base rate of 0; it never raises. The
engine then stops the run as diverged, saying the learning rate overflowed.

``eta_min`` is an absolute rate, as in torch (beyond ``T_max`` the cosine rises again, as torch's
does). Any of them can have a linear warmup in front: for ``t < warmup_steps`` the rate is
lr·(s + (1 − s)·t/warmup_steps) with s = ``warmup_start_factor``, after which the schedule starts
from its own step 0, as torch's ``SequentialLR([LinearLR(start_factor=s, total_iters=w), ...],
milestones=[w])`` does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_params, defaults, describe

#: A base rate: a number, or an array of rates (one per ball).
BaseRate = float | np.ndarray
Rate = Callable[[int, BaseRate], BaseRate]


@dataclass(frozen=True)
class Schedule:
    """A named learning-rate schedule: ``rate(step, base_lr)`` is the rate of the update leaving ``step``."""

    name: str
    rate: Rate

    def lr(self, step: int, base_lr: BaseRate) -> BaseRate:
        """The learning rate of the update leaving point ``step`` when the base rate is ``base_lr``."""
        return self.rate(step, base_lr)


# --- the options, declared once -----------------------------------------------------------------

STEP_SIZE = Param("step_size", "whole", 100, "Steps between two multiplications of the rate by gamma.",
                  label="Step size", low=1)
GAMMA_STEP = Param("gamma", "number", 0.1, "Factor the rate is multiplied by every step_size steps.",
                   label="γ", low=0.0, slider=(0.0, 1.0))
GAMMA_EXP = Param("gamma", "number", 0.99, "Factor the rate is multiplied by at every step: lr·γᵗ.",
                  label="γ", low=0.0, slider=(0.9, 1.0))
T_MAX = Param("T_max", "whole", 100, "Steps of one half cosine, from lr down to eta_min.", label="period", low=1)
ETA_MIN = Param("eta_min", "number", 0.0, "The lowest rate, reached at T_max (absolute, as in torch).",
                label="lowest rate η", low=0.0, slider=(0.0, 0.1))
K_DECAY = Param("k", "number", 0.01, "Decay rate k of lr/(1 + k·t).", label="k", low=0.0, slider=(0.0, 0.1))
WARMUP = (
    Param("warmup_steps", "whole", 0, "Steps of linear warmup in front of the schedule (0: none).",
          label="Warmup steps", low=0),
    Param("warmup_start_factor", "number", 1.0 / 3,
          "The warmup starts at this fraction of lr and rises linearly to lr.", label="Warmup start",
          low=0.0, low_open=True, high=1.0, slider=(0.0, 1.0)),
)


def _constant(options: Mapping[str, Any]) -> Rate:
    return lambda step, base_lr: base_lr


def scaled_power(base_lr: BaseRate, gamma: float, power: int) -> BaseRate:
    """base_lr·gamma^power as torch's schedulers reach it by multiplying the rate by gamma, step by step.

    Past the largest float the result is infinite (torch's product overflows to inf), never an
    OverflowError; a base rate of 0 stays 0, and a tiny base rate times a huge power stays finite
    when the product is (both as in torch).
    """
    try:
        return base_lr * gamma**power
    except OverflowError:  # gamma**power alone passed 1.8e308: work in logarithms
        if isinstance(base_lr, np.ndarray):
            return np.array([scaled_power(float(rate), gamma, power) for rate in base_lr.ravel()]).reshape(
                base_lr.shape)
        if base_lr == 0:
            return base_lr
        try:
            return math.copysign(math.exp(math.log(abs(base_lr)) + power * math.log(gamma)), base_lr)
        except OverflowError:
            return math.copysign(math.inf, base_lr)


def _step_lr(options: Mapping[str, Any]) -> Rate:
    step_size, gamma = options["step_size"], options["gamma"]
    return lambda step, base_lr: scaled_power(base_lr, gamma, step // step_size)


def _exponential_lr(options: Mapping[str, Any]) -> Rate:
    gamma = options["gamma"]
    return lambda step, base_lr: scaled_power(base_lr, gamma, step)


def _cosine_annealing_lr(options: Mapping[str, Any]) -> Rate:
    t_max, eta_min = options["T_max"], options["eta_min"]
    return lambda step, base_lr: eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / t_max)) / 2


def _inverse_time(options: Mapping[str, Any]) -> Rate:
    k = options["k"]
    return lambda step, base_lr: base_lr / (1 + k * step)


def _with_warmup(rate: Rate, options: Mapping[str, Any]) -> Rate:
    """``rate`` after a linear warmup from ``warmup_start_factor``·lr to lr over ``warmup_steps`` steps."""
    steps, start = options["warmup_steps"], options["warmup_start_factor"]
    if steps == 0:
        return rate

    def warmed(step: int, base_lr: BaseRate) -> BaseRate:
        if step < steps:
            return base_lr * (start + (1.0 - start) * step / steps)
        return rate(step - steps, base_lr)

    return warmed


def _builder(name: str, make_rate: Callable[[Mapping[str, Any]], Rate]) -> Callable[[Mapping[str, Any]], Schedule]:
    def build(options: Mapping[str, Any]) -> Schedule:
        return Schedule(name, _with_warmup(make_rate(options), options))

    return build


#: name -> (rate builder, its declared options; the warmup's come after them in every schedule).
SCHEDULE_PARAMS: dict[str, tuple[Callable[[Mapping[str, Any]], Rate], tuple[Param, ...]]] = {
    name: (make_rate, (*params, *WARMUP))
    for name, make_rate, params in (
        ("constant", _constant, ()),
        ("step_lr", _step_lr, (STEP_SIZE, GAMMA_STEP)),
        ("exponential_lr", _exponential_lr, (GAMMA_EXP,)),
        ("cosine_annealing_lr", _cosine_annealing_lr, (T_MAX, ETA_MIN)),
        ("inverse_time", _inverse_time, (K_DECAY,)),
    )
}
#: name -> (builder, option defaults); builders receive every option, checked, defaults filled in.
SCHEDULES: dict[str, tuple[Callable[[Mapping[str, Any]], Schedule], dict[str, Any]]] = {
    name: (_builder(name, make_rate), defaults(params)) for name, (make_rate, params) in SCHEDULE_PARAMS.items()
}


def make_schedule(spec: Mapping[str, Any] | None) -> Schedule:
    """Build the schedule described by ``spec`` (``None`` is constant).

    ``spec`` is ``{"name": ..., <options>}``; missing options take their defaults.

    Raises
    ------
    InputError
        For an unknown name or option, or an option value outside what the schedule allows; the
        path is the option's name.
    """
    if spec is None:
        spec = {"name": "constant"}
    if not isinstance(spec, Mapping):
        raise InputError("", f"must be null or an object such as {{\"name\": \"constant\"}}, not {describe(spec)}",
                         "type.object", {"value": describe(spec)})
    name = spec.get("name")
    if not isinstance(name, str) or name not in SCHEDULES:
        raise InputError("name", f"unknown schedule {describe(name)}; known: {', '.join(SCHEDULES)}",
                         "choice.unknown", {"value": describe(name), "choices": list(SCHEDULES)})
    builder, _ = SCHEDULES[name]
    options = {key: value for key, value in spec.items() if key != "name"}
    return builder(check_params(options, SCHEDULE_PARAMS[name][1], owner=f"schedule {name}", noun="option"))
