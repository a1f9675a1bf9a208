"""Analytic loss surfaces (test functions) and the registry that maps their names to them.

Each surface is written once as two plain functions of its coordinate columns: the value, and the
tuple of partial derivatives. A factory takes the surface's options (validated) and returns a
:class:`Landscape`. Minima are stored refined to machine precision. The surfaces themselves live in
:mod:`gdsim.core.surfaces_1d` and :mod:`gdsim.core.surfaces_2d`; importing this module registers them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.problem import CriticalPoint, Problem

ValueFn = Callable[..., np.ndarray]
GradientFn = Callable[..., tuple[np.ndarray, ...]]


class Landscape(Problem):
    """An analytic surface given by a value function and a gradient function of its columns."""

    def __init__(
        self,
        *,
        name: str,
        title: str,
        formula: str,
        domain: list[list[float]],
        start: list[float],
        value: ValueFn,
        gradient: GradientFn,
        critical_points: tuple[CriticalPoint, ...] = (),
        param_names: tuple[str, ...] | None = None,
    ) -> None:
        self.name = name
        self.title = title
        self.formula = formula
        self.domain = np.array(domain, dtype=float)
        self.start = np.array(start, dtype=float)
        self.param_names = param_names or ("x", "y", "z")[: len(self.domain)]
        self.critical_points = critical_points
        self._value = value
        self._gradient = gradient

    def value(self, theta: np.ndarray) -> np.ndarray:
        value = self._value(*theta.T)
        if np.ndim(value) == 0:
            return np.full(len(theta), float(value))
        return value

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        out = np.empty(theta.shape, dtype=float)
        for i, column in enumerate(self._gradient(*theta.T)):
            out[:, i] = column
        return out


@dataclass(frozen=True)
class LandscapeEntry:
    """A registered surface: its name, dimension, option defaults and the factory that builds it."""

    name: str
    title: str
    dim: int
    factory: Callable[[Mapping[str, Any]], Landscape]
    options: Mapping[str, float] = field(default_factory=dict)


LANDSCAPES: dict[str, LandscapeEntry] = {}


def register(name: str, title: str, dim: int, **options: float):
    """Decorator: register ``factory(options) -> Landscape`` under ``name`` with option defaults."""

    def decorate(factory: Callable[[Mapping[str, Any]], Landscape]):
        LANDSCAPES[name] = LandscapeEntry(name, title, dim, factory, dict(options))
        return factory

    return decorate


def make_landscape(name: str, options: Mapping[str, Any] | None = None) -> Landscape:
    """Build the surface registered as ``name`` with ``options`` (missing options take their defaults).

    Raises
    ------
    InputError
        For an unknown name, an unknown option or an option that is not a finite number.
    """
    entry = LANDSCAPES.get(name)
    if entry is None:
        known = ", ".join(sorted(LANDSCAPES))
        raise InputError("name", f"unknown landscape {name!r}; known: {known}")
    filled = dict(entry.options)
    for key, value in (options or {}).items():
        if key not in entry.options:
            allowed = ", ".join(entry.options) or "none"
            raise InputError(f"options.{key}", f"{name} has no option {key!r} (options: {allowed})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise InputError(f"options.{key}", f"must be a finite number, not {value!r}")
        filled[key] = float(value)
    return entry.factory(filled)


# Importing the surface modules registers them (1D first, then 2D); they import the names above.
from gdsim.core import surfaces_1d, surfaces_2d  # noqa: E402, F401
