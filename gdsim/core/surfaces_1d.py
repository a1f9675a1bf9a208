"""The one-dimensional surfaces: a U-curve, a double well, a flat inflection and Forrester's function.

Each is registered in :data:`gdsim.core.landscapes.LANDSCAPES` on import (``landscapes`` imports this
module). Critical points found numerically were refined offline by Newton's method in 60-digit
arithmetic and rounded to the nearest float.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from gdsim.core.array_namespace import namespace
from gdsim.core.landscapes import Landscape, register
from gdsim.core.problem import CriticalPoint


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


@register("double_well", "Double well", 1)
def _double_well(options: Mapping[str, float]) -> Landscape:
    """Two equal wells at ±1 separated by a hump at 0: which well a ball ends in depends on its start."""
    return Landscape(
        name="double_well",
        title="Double well",
        formula="(x² − 1)²",
        domain=[[-2.0, 2.0]],
        start=[-1.8],
        value=lambda x: (x * x - 1.0) ** 2,
        gradient=lambda x: (4.0 * x * (x * x - 1.0),),
        critical_points=(
            CriticalPoint((-1.0,), 0.0),
            CriticalPoint((1.0,), 0.0),
            CriticalPoint((0.0,), 1.0, "maximum"),
        ),
    )


@register("quartic_inflection", "Quartic with a flat inflection", 1)
def _quartic_inflection(options: Mapping[str, float]) -> Landscape:
    """x⁴ − 3x³ + 2: the gradient x²(4x − 9) vanishes at the flat inflection 0 and at the minimum 9/4.

    Plain gradient descent from the left creeps towards the inflection and stalls there. The
    inflection is stored with kind ``"saddle"``: a stationary point that is neither minimum nor maximum.
    """
    return Landscape(
        name="quartic_inflection",
        title="Quartic with a flat inflection",
        formula="x⁴ − 3x³ + 2",
        domain=[[-1.5, 3.5]],
        start=[-1.0],
        value=lambda x: (x - 3.0) * x**3 + 2.0,
        gradient=lambda x: (x * x * (4.0 * x - 9.0),),
        critical_points=(
            CriticalPoint((2.25,), -6.54296875),
            CriticalPoint((0.0,), 2.0, "saddle"),
        ),
    )


def _forrester_value(x: np.ndarray) -> np.ndarray:
    return (6.0 * x - 2.0) ** 2 * namespace(x).sin(12.0 * x - 4.0)


def _forrester_gradient(x: np.ndarray) -> tuple[np.ndarray]:
    u = 6.0 * x - 2.0
    return (12.0 * u * np.sin(2.0 * u) + 12.0 * u * u * np.cos(2.0 * u),)


@register("forrester", "Forrester", 1)
def _forrester(options: Mapping[str, float]) -> Landscape:
    """Forrester, Sóbester & Keane (2008): a deceptive local minimum left of the global one.

    With u = 6x − 2 the function is u² sin 2u, odd about x = 1/3, where it has a flat inflection
    (stored as a ``"saddle"``); the local minimum and the maximum mirror each other there.
    """
    return Landscape(
        name="forrester",
        title="Forrester",
        formula="(6x − 2)² sin(12x − 4)",
        domain=[[0.0, 1.0]],
        start=[0.05],
        value=_forrester_value,
        gradient=_forrester_gradient,
        critical_points=(
            CriticalPoint((0.7572487578418559,), -6.0207400557670825),
            CriticalPoint((0.14258918932471631,), -0.9863254063210815),
            CriticalPoint((1.0 / 3.0,), 0.0, "saddle"),
            CriticalPoint((0.5240774773419503,), 0.9863254063210815, "maximum"),
        ),
    )
