"""Learning-rate schedules with torch.optim.lr_scheduler's semantics, in closed form.

A schedule maps the index of the point being left (0 for the first update) to a factor that
multiplies the run's current base ``lr``; so changing ``lr`` live rescales the whole schedule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gdsim.core.errors import InputError


@dataclass(frozen=True)
class Schedule:
    """A named learning-rate schedule: ``factor(step)`` multiplies the base learning rate."""

    name: str
    factor: Callable[[int], float]

    def lr(self, step: int, base_lr: float) -> float:
        return base_lr * self.factor(step)


def _constant(options: Mapping[str, Any]) -> Schedule:
    return Schedule("constant", lambda step: 1.0)


#: name -> (builder, option names with defaults); builders receive validated options.
SCHEDULES: dict[str, tuple[Callable[[Mapping[str, Any]], Schedule], dict[str, Any]]] = {
    "constant": (_constant, {}),
}


def make_schedule(spec: Mapping[str, Any] | None) -> Schedule:
    """Build the schedule described by ``spec`` (``None`` is constant).

    ``spec`` is ``{"name": ..., <options>}``; unknown names or options raise InputError.
    """
    if spec is None:
        return _constant({})
    if not isinstance(spec, Mapping):
        raise InputError("", f"must be null or an object such as {{\"name\": \"constant\"}}, not {spec!r}")
    name = spec.get("name")
    if name not in SCHEDULES:
        raise InputError("name", f"unknown schedule {name!r}; known: {', '.join(SCHEDULES)}")
    builder, defaults = SCHEDULES[name]
    options = dict(defaults)
    for key, value in spec.items():
        if key == "name":
            continue
        if key not in defaults:
            raise InputError(key, f"schedule {name} has no option {key!r} (options: {', '.join(defaults) or 'none'})")
        options[key] = value
    return builder(options)
