"""Analytic loss surfaces (test functions) and the registry that maps their names to them.

Each surface is written once as two plain functions of its coordinate columns: the value, and the
tuple of partial derivatives. The value is written over the columns' array namespace
(:func:`gdsim.core.array_namespace.namespace`), so the same function computes NumPy values and torch
graphs (:meth:`Landscape.loss_in`: autograd through the landscape); the analytic gradient is NumPy's.
A factory takes the surface's options (validated) and returns a
:class:`Landscape`. Minima are stored refined to machine precision. The surfaces themselves live in
:mod:`gdsim.core.surfaces_1d` and :mod:`gdsim.core.surfaces_2d`; importing this module registers them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_params, defaults, describe
from gdsim.core.problem import CriticalPoint, Problem

ValueFn = Callable[..., np.ndarray]
GradientFn = Callable[..., tuple[np.ndarray, ...]]


class Landscape(Problem):
    """An analytic surface given by a value function and a gradient function of its columns."""

    rows_apart = True  # its functions work on columns, element by element

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

    def loss_in(self, theta: Any, batch: np.ndarray | None = None) -> Any:
        """The value at each row of ``theta`` (N, D) in its own array namespace (a torch tensor gives a
        differentiable torch tensor); a landscape has no samples, so ``batch`` changes nothing."""
        value = self._value(*(theta[:, i] for i in range(theta.shape[1])))
        return value + 0.0 * theta[:, 0]  # a constant surface still gives one value per row

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        out = np.empty(theta.shape, dtype=float)
        for i, column in enumerate(self._gradient(*theta.T)):
            out[:, i] = column
        return out


@dataclass(frozen=True)
class LandscapeEntry:
    """A registered surface: its name, dimension, declared options and the factory that builds it."""

    name: str
    title: str
    dim: int
    factory: Callable[[Mapping[str, Any]], Landscape]
    params: tuple[Param, ...] = ()

    @property
    def options(self) -> dict[str, float]:
        """The options' defaults."""
        return defaults(self.params)


LANDSCAPES: dict[str, LandscapeEntry] = {}


def register(name: str, title: str, dim: int, *params: Param):
    """Decorator: register ``factory(options) -> Landscape`` under ``name`` with its declared options."""

    def decorate(factory: Callable[[Mapping[str, Any]], Landscape]):
        LANDSCAPES[name] = LandscapeEntry(name, title, dim, factory, params)
        return factory

    return decorate


def make_landscape(name: str, options: Mapping[str, Any] | None = None) -> Landscape:
    """Build the surface registered as ``name`` with ``options`` (missing options take their defaults).

    Raises
    ------
    InputError
        For an unknown name, an unknown option or an option outside its declared range.
    """
    entry = LANDSCAPES.get(name)
    if entry is None:
        known = sorted(LANDSCAPES)
        raise InputError("name", f"unknown landscape {describe(name)}; known: {', '.join(known)}",
                         "choice.unknown", {"value": describe(name), "choices": known})
    return entry.factory(check_params(options or {}, entry.params, "options", owner=name, noun="option"))


# Importing the surface modules registers them (1D first, then 2D); they import the names above.
from gdsim.core import surfaces_1d, surfaces_2d  # noqa: E402, F401
