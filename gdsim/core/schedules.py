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

from gdsim.core.errors import InputError

Rate = Callable[[int, float], float]


@dataclass(frozen=True)
class Schedule:
    """A named learning-rate schedule: ``rate(step, base_lr)`` is the rate of the update leaving ``step``."""

    name: str
    rate: Rate

    def lr(self, step: int, base_lr: float) -> float:
        """The learning rate of the update leaving point ``step`` when the base rate is ``base_lr``."""
        return self.rate(step, base_lr)


# --- option checks ------------------------------------------------------------------------------


def _whole(options: Mapping[str, Any], key: str, low: int) -> int:
    value = options[key]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InputError(key, f"must be a whole number of at least {low}, not {value!r}")
    return value


def _number(options: Mapping[str, Any], key: str, low: float, high: float | None = None,
            low_open: bool = False) -> float:
    value = options[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(key, f"must be a finite number, not {value!r}")
    if value < low or (low_open and value == low):
        raise InputError(key, f"must be {'greater than' if low_open else 'at least'} {low:g}, not {value!r}")
    if high is not None and value > high:
        raise InputError(key, f"must be at most {high:g}, not {value!r}")
    return float(value)


# --- the schedules ------------------------------------------------------------------------------


def _constant(options: Mapping[str, Any]) -> Rate:
    return lambda step, base_lr: base_lr


def _step_lr(options: Mapping[str, Any]) -> Rate:
    step_size = _whole(options, "step_size", 1)
    gamma = _number(options, "gamma", 0.0)
    return lambda step, base_lr: base_lr * gamma ** (step // step_size)


def _exponential_lr(options: Mapping[str, Any]) -> Rate:
    gamma = _number(options, "gamma", 0.0)
    return lambda step, base_lr: base_lr * gamma**step


def _cosine_annealing_lr(options: Mapping[str, Any]) -> Rate:
    t_max = _whole(options, "T_max", 1)
    eta_min = _number(options, "eta_min", 0.0)
    return lambda step, base_lr: eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * step / t_max)) / 2


def _inverse_time(options: Mapping[str, Any]) -> Rate:
    k = _number(options, "k", 0.0)
    return lambda step, base_lr: base_lr / (1 + k * step)


WARMUP_DEFAULTS: dict[str, Any] = {"warmup_steps": 0, "warmup_start_factor": 1.0 / 3}


def _with_warmup(rate: Rate, options: Mapping[str, Any]) -> Rate:
    """``rate`` after a linear warmup from ``warmup_start_factor``·lr to lr over ``warmup_steps`` steps."""
    steps = _whole(options, "warmup_steps", 0)
    start = _number(options, "warmup_start_factor", 0.0, 1.0, low_open=True)
    if steps == 0:
        return rate

    def warmed(step: int, base_lr: float) -> float:
        if step < steps:
            return base_lr * (start + (1.0 - start) * step / steps)
        return rate(step - steps, base_lr)

    return warmed


def _builder(name: str, make_rate: Callable[[Mapping[str, Any]], Rate]) -> Callable[[Mapping[str, Any]], Schedule]:
    def build(options: Mapping[str, Any]) -> Schedule:
        return Schedule(name, _with_warmup(make_rate(options), options))

    return build


#: name -> (builder, option names with defaults); builders receive every option, defaults filled in.
SCHEDULES: dict[str, tuple[Callable[[Mapping[str, Any]], Schedule], dict[str, Any]]] = {
    name: (_builder(name, make_rate), {**defaults, **WARMUP_DEFAULTS})
    for name, make_rate, defaults in (
        ("constant", _constant, {}),
        ("step_lr", _step_lr, {"step_size": 100, "gamma": 0.1}),
        ("exponential_lr", _exponential_lr, {"gamma": 0.99}),
        ("cosine_annealing_lr", _cosine_annealing_lr, {"T_max": 100, "eta_min": 0.0}),
        ("inverse_time", _inverse_time, {"k": 0.01}),
    )
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
        raise InputError("", f"must be null or an object such as {{\"name\": \"constant\"}}, not {spec!r}")
    name = spec.get("name")
    if not isinstance(name, str) or name not in SCHEDULES:
        raise InputError("name", f"unknown schedule {name!r}; known: {', '.join(SCHEDULES)}")
    builder, defaults = SCHEDULES[name]
    options = dict(defaults)
    for key, value in spec.items():
        if key == "name":
            continue
        if key not in defaults:
            raise InputError(key, f"schedule {name} has no option {key!r} (options: {', '.join(defaults)})")
        options[key] = value
    return builder(options)
