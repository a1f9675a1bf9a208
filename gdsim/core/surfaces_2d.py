"""The two-dimensional surfaces: bowls, a saddle, the classic optimisation test functions and many_valleys.

Each is registered in :data:`gdsim.core.landscapes.LANDSCAPES` on import (``landscapes`` imports this
module). Definitions and default domains follow the Virtual Library of Simulation Experiments (Surjanovic &
Bingham, sfu.ca/~ssurjano) unless a smaller domain draws better. Critical points found numerically were
refined offline by Newton's method in 60-digit arithmetic and rounded to the nearest float; where a
surface has more local minima in its domain than are worth listing, its docstring says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from gdsim.core.array_namespace import namespace
from gdsim.core.landscapes import Landscape, register
from gdsim.core.params import Param
from gdsim.core.problem import CriticalPoint

Columns = tuple[np.ndarray, np.ndarray]


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


CONDITION = Param("condition", "number", 10.0,
                  "Condition number κ of the Hessian diag(2, 2κ): how much steeper y is than x.",
                  label="Condition κ", low=1.0, slider=(1.0, 100.0), log=True)


@register("elongated_bowl", "Elongated bowl", 2, CONDITION)
def _elongated_bowl(options: Mapping[str, float]) -> Landscape:
    """x² + κy²: the Hessian diag(2, 2κ) has condition number κ (option ``condition``, at least 1)."""
    kappa = options["condition"]
    return Landscape(
        name="elongated_bowl",
        title="Elongated bowl",
        formula=f"x² + {kappa:g} y²",
        domain=[[-3.0, 3.0], [-3.0, 3.0]],
        start=[-2.5, 1.5],
        value=lambda x, y: x * x + kappa * y * y,
        gradient=lambda x, y: (2.0 * x, 2.0 * kappa * y),
        critical_points=(CriticalPoint((0.0, 0.0), 0.0),),
    )


@register("saddle", "Saddle", 2)
def _saddle(options: Mapping[str, float]) -> Landscape:
    """x² − y²: no minimum. A ball started near the ridge y = 0 slows at the saddle, then escapes."""
    return Landscape(
        name="saddle",
        title="Saddle",
        formula="x² − y²",
        domain=[[-2.0, 2.0], [-2.0, 2.0]],
        start=[-1.8, 0.05],
        value=lambda x, y: x * x - y * y,
        gradient=lambda x, y: (2.0 * x, -2.0 * y),
        critical_points=(CriticalPoint((0.0, 0.0), 0.0, "saddle"),),
    )


def _rosenbrock_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def _rosenbrock_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
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


def _himmelblau_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


@register("himmelblau", "Himmelblau", 2)
def _himmelblau(options: Mapping[str, float]) -> Landscape:
    """Himmelblau: four equal minima, the four saddles between them and a maximum."""
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
            CriticalPoint((3.5844283403304917, -1.8481265269644036), 0.0),
            CriticalPoint((3.385154183607021, 0.07385187983774928), 13.31192627040559, "saddle"),
            CriticalPoint((0.08667750455539636, 2.884254701174776), 67.71915008752615, "saddle"),
            CriticalPoint((-3.0730257507643897, -0.08135304428796751), 104.0151629175581, "saddle"),
            CriticalPoint((-0.12796134673068008, -1.9537149802445763), 178.33723920192747, "saddle"),
            CriticalPoint((-0.2708445906673476, -0.9230385564799815), 181.6165215225827, "maximum"),
        ),
    )


def _rastrigin_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xp = namespace(x)
    return 20.0 + x * x - 10.0 * xp.cos(2.0 * math.pi * x) + y * y - 10.0 * xp.cos(2.0 * math.pi * y)


def _rastrigin_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    return 2.0 * x + 20.0 * np.pi * np.sin(2.0 * np.pi * x), 2.0 * y + 20.0 * np.pi * np.sin(2.0 * np.pi * y)


@register("rastrigin", "Rastrigin", 2)
def _rastrigin(options: Mapping[str, float]) -> Landscape:
    """Rastrigin: a bowl under an egg-box. Only the global minimum is stored: the default domain holds
    about a hundred local minima (near every integer point)."""
    return Landscape(
        name="rastrigin",
        title="Rastrigin",
        formula="20 + x² − 10 cos 2πx + y² − 10 cos 2πy",
        domain=[[-5.12, 5.12], [-5.12, 5.12]],
        start=[-3.3, 2.4],
        value=_rastrigin_value,
        gradient=_rastrigin_gradient,
        critical_points=(CriticalPoint((0.0, 0.0), 0.0),),
    )


def _ackley_parts(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The radius term √(½(x² + y²)) and the cosine term ½(cos 2πx + cos 2πy)."""
    xp = namespace(x)
    return xp.sqrt(0.5 * (x * x + y * y)), 0.5 * (xp.cos(2.0 * math.pi * x) + xp.cos(2.0 * math.pi * y))


def _ackley_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    r, c = _ackley_parts(x, y)
    xp = namespace(r)
    # 20 (1 − e^(−0.2r)) + e (1 − e^(c − 1)): exactly 0 at the origin (where torch's autograd, through
    # the square root, gives NaN for the gradient: the analytic gradient takes it as 0).
    return -20.0 * xp.expm1(-0.2 * r) - math.e * xp.expm1(c - 1.0)


def _ackley_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    r, c = _ackley_parts(x, y)
    # The cone's gradient 2 e^(−0.2r) (x, y) / r, taken as 0 at its tip (r = 0).
    cone = np.divide(2.0 * np.exp(-0.2 * r), r, out=np.zeros_like(r), where=r > 0.0)
    ripple = np.pi * np.exp(c)
    return cone * x + ripple * np.sin(2.0 * np.pi * x), cone * y + ripple * np.sin(2.0 * np.pi * y)


@register("ackley", "Ackley", 2)
def _ackley(options: Mapping[str, float]) -> Landscape:
    """Ackley: a cone under ripples. Only the global minimum (the cone's tip, where the gradient is taken
    as 0) is stored: the domain holds about a hundred local minima."""
    return Landscape(
        name="ackley",
        title="Ackley",
        formula="−20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20",
        domain=[[-5.0, 5.0], [-5.0, 5.0]],
        start=[-3.3, 2.6],
        value=_ackley_value,
        gradient=_ackley_gradient,
        critical_points=(CriticalPoint((0.0, 0.0), 0.0),),
    )


def _beale_terms(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return 1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y**3


def _beale_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    a, b, c = _beale_terms(x, y)
    return a * a + b * b + c * c


def _beale_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    a, b, c = _beale_terms(x, y)
    dx = 2.0 * (a * (y - 1.0) + b * (y * y - 1.0) + c * (y**3 - 1.0))
    dy = 2.0 * x * (a + 2.0 * b * y + 3.0 * c * y * y)
    return dx, dy


@register("beale", "Beale", 2)
def _beale(options: Mapping[str, float]) -> Landscape:
    """Beale: a flat-bottomed curved valley to (3, 0.5); constant along x = 0, with a saddle at (0, 1)."""
    return Landscape(
        name="beale",
        title="Beale",
        formula="(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        domain=[[-4.5, 4.5], [-4.5, 4.5]],
        start=[1.0, 1.5],
        value=_beale_value,
        gradient=_beale_gradient,
        critical_points=(
            CriticalPoint((3.0, 0.5), 0.0),
            CriticalPoint((0.10053793732415836, -2.644513585023125), 9.86451228475556, "saddle"),
            CriticalPoint((0.0, 1.0), 14.203125, "saddle"),
        ),
    )


def _booth_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2


def _booth_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    a = x + 2.0 * y - 7.0
    b = 2.0 * x + y - 5.0
    return 2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b


@register("booth", "Booth", 2)
def _booth(options: Mapping[str, float]) -> Landscape:
    """Booth: a tilted quadratic bowl (Hessian eigenvalues 2 and 18)."""
    return Landscape(
        name="booth",
        title="Booth",
        formula="(x + 2y − 7)² + (2x + y − 5)²",
        domain=[[-10.0, 10.0], [-10.0, 10.0]],
        start=[-8.0, -6.0],
        value=_booth_value,
        gradient=_booth_gradient,
        critical_points=(CriticalPoint((1.0, 3.0), 0.0),),
    )


@register("matyas", "Matyas", 2)
def _matyas(options: Mapping[str, float]) -> Landscape:
    """Matyas: a quadratic bowl whose diagonal valley is 25 times flatter than its walls."""
    return Landscape(
        name="matyas",
        title="Matyas",
        formula="0.26 (x² + y²) − 0.48 xy",
        domain=[[-10.0, 10.0], [-10.0, 10.0]],
        start=[-8.0, -4.0],
        value=lambda x, y: 0.26 * (x * x + y * y) - 0.48 * x * y,
        gradient=lambda x, y: (0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x),
        critical_points=(CriticalPoint((0.0, 0.0), 0.0),),
    )


@register("three_hump_camel", "Three-hump camel", 2)
def _three_hump_camel(options: Mapping[str, float]) -> Landscape:
    """Three-hump camel: a global minimum at the origin, two local minima and the saddles between."""
    return Landscape(
        name="three_hump_camel",
        title="Three-hump camel",
        formula="2x² − 1.05x⁴ + x⁶/6 + xy + y²",
        domain=[[-2.0, 2.0], [-2.0, 2.0]],
        start=[1.9, 1.5],
        value=lambda x, y: x * x * (2.0 - 1.05 * x * x + x**4 / 6.0) + x * y + y * y,
        gradient=lambda x, y: (x * (4.0 - 4.2 * x * x + x**4) + y, x + 2.0 * y),
        critical_points=(
            CriticalPoint((0.0, 0.0), 0.0),
            CriticalPoint((-1.7475523458302888, 0.8737761729151444), 0.2986384422368598),
            CriticalPoint((1.7475523458302888, -0.8737761729151444), 0.2986384422368598),
            CriticalPoint((-1.07054229182366, 0.53527114591183), 0.8773615577631402, "saddle"),
            CriticalPoint((1.07054229182366, -0.53527114591183), 0.8773615577631402, "saddle"),
        ),
    )


@register("six_hump_camel", "Six-hump camel", 2)
def _six_hump_camel(options: Mapping[str, float]) -> Landscape:
    """Six-hump camel: two global and four local minima; every critical point in the domain is stored."""
    return Landscape(
        name="six_hump_camel",
        title="Six-hump camel",
        formula="(4 − 2.1x² + x⁴/3) x² + xy + (4y² − 4) y²",
        domain=[[-2.0, 2.0], [-1.0, 1.0]],
        start=[-1.5, -0.9],
        value=lambda x, y: (4.0 - 2.1 * x * x + x**4 / 3.0) * x * x + x * y + (4.0 * y * y - 4.0) * y * y,
        gradient=lambda x, y: (x * (8.0 - 8.4 * x * x + 2.0 * x**4) + y, x + y * (16.0 * y * y - 8.0)),
        critical_points=(
            CriticalPoint((0.08984201310031806, -0.7126564030207396), -1.0316284534898774),
            CriticalPoint((-0.08984201310031806, 0.7126564030207396), -1.0316284534898774),
            CriticalPoint((-1.703606714969981, 0.7960835686726251), -0.21546382438371764),
            CriticalPoint((1.703606714969981, -0.7960835686726251), -0.21546382438371764),
            CriticalPoint((-1.6071047529201972, -0.5686514548841314), 2.1042503103112584),
            CriticalPoint((1.6071047529201972, 0.5686514548841314), 2.1042503103112584),
            CriticalPoint((0.0, 0.0), 0.0, "saddle"),
            CriticalPoint((1.1092053368047865, -0.7682680925095399), 0.5437186009781851, "saddle"),
            CriticalPoint((-1.1092053368047865, 0.7682680925095399), 0.5437186009781851, "saddle"),
            CriticalPoint((-1.6380679841897785, -0.22867406904439408), 2.2293571975307147, "saddle"),
            CriticalPoint((1.6380679841897785, 0.22867406904439408), 2.2293571975307147, "saddle"),
            CriticalPoint((-1.2960702671671092, -0.6050843880386585), 2.22947081802986, "saddle"),
            CriticalPoint((1.2960702671671092, 0.6050843880386585), 2.22947081802986, "saddle"),
            CriticalPoint((-1.2302298765166526, -0.16233458445899496), 2.496295351023577, "maximum"),
            CriticalPoint((1.2302298765166526, 0.16233458445899496), 2.496295351023577, "maximum"),
        ),
    )


def _goldstein_price_factors(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """The two factors A, B of Goldstein-Price and their partial derivatives."""
    p = x + y + 1.0
    q = 19.0 - 14.0 * x + 3.0 * x * x - 14.0 * y + 6.0 * x * y + 3.0 * y * y
    s = 2.0 * x - 3.0 * y
    t = 18.0 - 32.0 * x + 12.0 * x * x + 48.0 * y - 36.0 * x * y + 27.0 * y * y
    a = 1.0 + p * p * q
    da = 2.0 * p * q + p * p * (6.0 * x + 6.0 * y - 14.0)  # the same in x and in y
    b = 30.0 + s * s * t
    db_dx = 4.0 * s * t + s * s * (24.0 * x - 36.0 * y - 32.0)
    db_dy = -6.0 * s * t + s * s * (54.0 * y - 36.0 * x + 48.0)
    return a, da, b, db_dx, db_dy


def _goldstein_price_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    a, _, b, _, _ = _goldstein_price_factors(x, y)
    return a * b


def _goldstein_price_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    a, da, b, db_dx, db_dy = _goldstein_price_factors(x, y)
    return da * b + a * db_dx, da * b + a * db_dy


@register("goldstein_price", "Goldstein-Price", 2)
def _goldstein_price(options: Mapping[str, float]) -> Landscape:
    """Goldstein-Price: values from 3 to about 10⁶; every critical point in the domain is rational and stored."""
    return Landscape(
        name="goldstein_price",
        title="Goldstein-Price",
        formula="[1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)]"
        " · [30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]",
        domain=[[-2.0, 2.0], [-2.0, 2.0]],
        start=[-1.5, 1.5],
        value=_goldstein_price_value,
        gradient=_goldstein_price_gradient,
        critical_points=(
            CriticalPoint((0.0, -1.0), 3.0),
            CriticalPoint((-0.6, -0.4), 30.0),
            CriticalPoint((1.8, 0.2), 84.0),
            CriticalPoint((1.2, 0.8), 840.0),
            CriticalPoint((-0.4, -0.6), 35.0, "saddle"),
            CriticalPoint((1.2, -0.2), 99.0, "saddle"),
            CriticalPoint((1.4, 0.6), 980.0, "saddle"),
            CriticalPoint((0.6, 0.4), 990.0, "saddle"),
            CriticalPoint((0.8, 0.2), 1155.0, "maximum"),
        ),
    )


_ST_LOW = -2.903534027771177  # the two minima and the maximum of t⁴ − 16t² + 5t
_ST_HIGH = 2.746802770990837
_ST_MID = 0.1567312567803401


@register("styblinski_tang", "Styblinski-Tang", 2)
def _styblinski_tang(options: Mapping[str, float]) -> Landscape:
    """Styblinski-Tang: separable, so its 4 minima (1 global, 3 local), 4 saddles and 1 maximum combine
    the stationary points of one coordinate."""
    return Landscape(
        name="styblinski_tang",
        title="Styblinski-Tang",
        formula="½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
        domain=[[-5.0, 5.0], [-5.0, 5.0]],
        start=[-0.5, 4.5],
        value=lambda x, y: 0.5 * (x**4 - 16.0 * x * x + 5.0 * x + y**4 - 16.0 * y * y + 5.0 * y),
        gradient=lambda x, y: (2.0 * x**3 - 16.0 * x + 2.5, 2.0 * y**3 - 16.0 * y + 2.5),
        critical_points=(
            CriticalPoint((_ST_LOW, _ST_LOW), -78.33233140754282),
            CriticalPoint((_ST_LOW, _ST_HIGH), -64.19561235905536),
            CriticalPoint((_ST_HIGH, _ST_LOW), -64.19561235905536),
            CriticalPoint((_ST_HIGH, _ST_HIGH), -50.05889331056788),
            CriticalPoint((_ST_LOW, _ST_MID), -38.97055334471606, "saddle"),
            CriticalPoint((_ST_MID, _ST_LOW), -38.97055334471606, "saddle"),
            CriticalPoint((_ST_HIGH, _ST_MID), -24.833834296228584, "saddle"),
            CriticalPoint((_ST_MID, _ST_HIGH), -24.833834296228584, "saddle"),
            CriticalPoint((_ST_MID, _ST_MID), 0.39122471811071613, "maximum"),
        ),
    )


def _levi_n13_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xp = namespace(x)
    return (
        xp.sin(3.0 * math.pi * x) ** 2
        + (x - 1.0) ** 2 * (1.0 + xp.sin(3.0 * math.pi * y) ** 2)
        + (y - 1.0) ** 2 * (1.0 + xp.sin(2.0 * math.pi * y) ** 2)
    )


def _levi_n13_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    dx = 3.0 * np.pi * np.sin(6.0 * np.pi * x) + 2.0 * (x - 1.0) * (1.0 + np.sin(3.0 * np.pi * y) ** 2)
    dy = (
        3.0 * np.pi * (x - 1.0) ** 2 * np.sin(6.0 * np.pi * y)
        + 2.0 * (y - 1.0) * (1.0 + np.sin(2.0 * np.pi * y) ** 2)
        + 2.0 * np.pi * (y - 1.0) ** 2 * np.sin(4.0 * np.pi * y)
    )
    return dx, dy


@register("levi_n13", "Lévi N.13", 2)
def _levi_n13(options: Mapping[str, float]) -> Landscape:
    """Lévi N.13: ripples on a bowl. Only the global minimum is stored: the domain holds hundreds of
    local minima."""
    return Landscape(
        name="levi_n13",
        title="Lévi N.13",
        formula="sin²(3πx) + (x − 1)² (1 + sin²(3πy)) + (y − 1)² (1 + sin²(2πy))",
        domain=[[-10.0, 10.0], [-10.0, 10.0]],
        start=[-8.0, 7.0],
        value=_levi_n13_value,
        gradient=_levi_n13_gradient,
        critical_points=(CriticalPoint((1.0, 1.0), 0.0),),
    )


def _mccormick_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return namespace(x).sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1.0


def _mccormick_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    c = np.cos(x + y)
    d = 2.0 * (x - y)
    return c + d - 1.5, c - d + 2.5


@register("mccormick", "McCormick", 2)
def _mccormick(options: Mapping[str, float]) -> Landscape:
    """McCormick: in u = x + y, v = x − y it is sin u + u/2 + (v − 1)², so its critical points are closed-form.

    Minima at v = 1, u = −2π/3 + 2πk; saddles at v = 1, u = 2π/3 + 2πk. Stored: the two minima and
    the saddle between them inside the domain.
    """
    return Landscape(
        name="mccormick",
        title="McCormick",
        formula="sin(x + y) + (x − y)² − 1.5x + 2.5y + 1",
        domain=[[-1.5, 4.0], [-3.0, 4.0]],
        start=[3.5, 3.5],
        value=_mccormick_value,
        gradient=_mccormick_gradient,
        critical_points=(
            CriticalPoint((-0.5471975511965977, -1.5471975511965979), -1.9132229549810364),
            CriticalPoint((2.5943951023931957, 1.5943951023931955), 1.2283696986087569),
            CriticalPoint((1.5471975511965979, 0.5471975511965977), 1.9132229549810364, "saddle"),
        ),
    )


# --- many_valleys: made for the local-minima lesson ---------------------------------------------

# (depth, centre x, centre y) of four unit-width Gaussian wells on the bowl (x² + y²)/20.
_WELLS = ((4.0, 2.0, -2.0), (3.0, -2.0, -2.0), (2.0, -2.0, 2.0), (1.0, 2.0, 2.0))


def _many_valleys_value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xp = namespace(x)
    total = 0.05 * (x * x + y * y)
    for depth, cx, cy in _WELLS:
        total = total - depth * xp.exp(-0.5 * ((x - cx) ** 2 + (y - cy) ** 2))
    return total


def _many_valleys_gradient(x: np.ndarray, y: np.ndarray) -> Columns:
    dx = 0.1 * x
    dy = 0.1 * y
    for depth, cx, cy in _WELLS:
        pull = depth * np.exp(-0.5 * ((x - cx) ** 2 + (y - cy) ** 2))
        dx = dx + pull * (x - cx)
        dy = dy + pull * (y - cy)
    return dx, dy


@register("many_valleys", "Many valleys", 2)
def _many_valleys(options: Mapping[str, float]) -> Landscape:
    """Four wells of depths 4, 3, 2 and 1 on a gentle bowl, one per quadrant: where a ball ends depends on
    where it starts. Every critical point in the domain is stored: 4 minima (values about −3.6, −2.6, −1.6
    and −0.6), the 4 passes between them and the low hill in the middle."""
    return Landscape(
        name="many_valleys",
        title="Many valleys",
        formula="(x² + y²)/20 − 4 exp(−((x − 2)² + (y + 2)²)/2) − 3 exp(−((x + 2)² + (y + 2)²)/2)"
        " − 2 exp(−((x + 2)² + (y − 2)²)/2) − exp(−((x − 2)² + (y − 2)²)/2)",
        domain=[[-4.0, 4.0], [-4.0, 4.0]],
        start=[0.5, 3.5],
        value=_many_valleys_value,
        gradient=_many_valleys_gradient,
        critical_points=(
            CriticalPoint((1.9499220779205932, -1.950722720371275), -3.6113987494599433),
            CriticalPoint((-1.933001049950639, -1.9341368341004759), -2.615536062876763),
            CriticalPoint((-1.903037121867738, 1.9011347561981973), -1.621093279534924),
            CriticalPoint((1.8072764022902876, 1.8018105942599318), -0.6411227963779064),
            CriticalPoint((-0.09944496990800014, -1.8020118746606706), -0.7537455834650699, "saddle"),
            CriticalPoint((-1.7246737359056439, 0.14307703331204635), -0.4848607932708488, "saddle"),
            CriticalPoint((1.6422610381833465, 0.5039250748510956), -0.32305145181932293, "saddle"),
            CriticalPoint((0.25544543705565165, 1.5220210941086276), -0.21813121054833212, "saddle"),
            CriticalPoint((0.1651540391748, 0.4328037473478809), -0.15332740604406755, "maximum"),
        ),
    )
