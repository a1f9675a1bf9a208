"""Analytic loss surfaces (test functions) and the registry that maps their names to them.

Each surface is written once as two plain functions of its coordinate columns: the value, and the
tuple of partial derivatives. A factory takes the surface's options (validated) and returns a
:class:`Landscape`. Minima are stored refined to machine precision.
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


# --- the surfaces -------------------------------------------------------------------------------


@register("x_squared", "U-curve x²", 1)
def _x_squared(options: Mapping[str, float]) -> Landscape:
    return Landscape(
        name="x_squared",
        title="U-curve x²",
        formula="x²",
        domain=[[-11.0, 11.0]],
        start=[10.0],
        value=lambda x: x * x,
        gradient=lambda x: (2.0 * x,),
        critical_points=(CriticalPoint((0.0,), 0.0),),
    )


@register("bowl", "Round bowl", 2)
def _bowl(options: Mapping[str, float]) -> Landscape:
    return Landscape(
        name="bowl",
        title="Round bowl",
        formula="x² + y²",
        domain=[[-3.0, 3.0], [-3.0, 3.0]],
        start=[-2.5, 2.0],
        value=lambda x, y: x * x + y * y,
        gradient=lambda x, y: (2.0 * x, 2.0 * y),
        critical_points=(CriticalPoint((0.0, 0.0), 0.0),),
    )


def _rosenbrock_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def _rosenbrock_gradient(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    inner = 200.0 * (y - x * x)
    return -2.0 * (1.0 - x) - 2.0 * x * inner, inner


@register("rosenbrock", "Rosenbrock", 2)
def _rosenbrock(options: Mapping[str, float]) -> Landscape:
    return Landscape(
        name="rosenbrock",
        title="Rosenbrock",
        formula="(1 − x)² + 100 (y − x²)²",
        domain=[[-2.0, 2.0], [-1.0, 3.0]],
        start=[-1.5, 2.0],
        value=_rosenbrock_value,
        gradient=_rosenbrock_gradient,
        critical_points=(CriticalPoint((1.0, 1.0), 0.0),),
    )


def _himmelblau_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


def _himmelblau_gradient(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


@register("himmelblau", "Himmelblau", 2)
def _himmelblau(options: Mapping[str, float]) -> Landscape:
    return Landscape(
        name="himmelblau",
        title="Himmelblau",
        formula="(x² + y − 11)² + (x + y² − 7)²",
        domain=[[-5.0, 5.0], [-5.0, 5.0]],
        start=[0.0, 0.0],
        value=_himmelblau_value,
        gradient=_himmelblau_gradient,
        critical_points=(
            CriticalPoint((3.0, 2.0), 0.0),
            CriticalPoint((-2.805118086952745, 3.131312518250573), 0.0),
            CriticalPoint((-3.779310253377747, -3.2831859912861696), 0.0),
            CriticalPoint((3.5844283403304917, -1.8481265269644034), 0.0),
            CriticalPoint((-0.2708445906673476, -0.9230385564799815), 181.6165215225827, "maximum"),
        ),
    )
