"""Every registered landscape against oracles from outside its code.

Gradients are checked against finite differences of the value, stored critical points against finite
differences and against neighbouring values, and global minima against the values published for each test
function (tables below, with their sources).
"""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.core.landscapes import LANDSCAPES, Landscape, make_landscape
from gdsim.core.problem import CriticalPoint

NAMES = list(LANDSCAPES)

# Global minima known exactly, checked to 1e-12: name: ([locations], value).
EXACT_MINIMA = {
    "x_squared": ([(0,)], 0),
    "double_well": ([(-1,), (1,)], 0),  # (x² − 1)² = 0 at x = ±1
    "quartic_inflection": ([(9 / 4,)], -1675 / 256),  # x²(4x − 9) = 0 at 9/4; f(9/4) = −1675/256
    "bowl": ([(0, 0)], 0),
    "elongated_bowl": ([(0, 0)], 0),
    # The rest: Surjanovic & Bingham, Virtual Library of Simulation Experiments (sfu.ca/~ssurjano).
    "rosenbrock": ([(1, 1)], 0),
    "himmelblau": ([(3, 2)], 0),  # the one exact of its four minima (Himmelblau 1972)
    "rastrigin": ([(0, 0)], 0),
    "ackley": ([(0, 0)], 0),
    "beale": ([(3, 0.5)], 0),
    "booth": ([(1, 3)], 0),
    "matyas": ([(0, 0)], 0),
    "three_hump_camel": ([(0, 0)], 0),
    "goldstein_price": ([(0, -1)], 3),
    "levi_n13": ([(1, 1)], 0),
}

# Global minima published to some digits, as printed: name: ([locations], value), source in a comment.
# Published digits are rounded or truncated (and McCormick's −1.9133 is one unit off the true −1.91322…),
# so a match is within one unit of the last printed digit.
ROUNDED_MINIMA = {
    "forrester": ([("0.757249",)], "-6.0207"),  # benchmarkfcns.info/doc/forresterfcn
    "himmelblau": (  # Wikipedia, "Himmelblau's function"
        [("3.0", "2.0"), ("-2.805118", "3.131312"), ("-3.779310", "-3.283186"), ("3.584428", "-1.848126")],
        "0.0",
    ),
    "six_hump_camel": ([("0.0898", "-0.7126"), ("-0.0898", "0.7126")], "-1.0316"),  # sfu.ca/~ssurjano/camel6
    "mccormick": ([("-0.54719", "-1.54719")], "-1.9133"),  # sfu.ca/~ssurjano/mccorm
}

# Styblinski-Tang in d dimensions: Wikipedia ("Test functions for optimization") bounds the minimum by
# −39.16617 d < f < −39.16616 d at x_i = −2.903534. (sfu.ca's "−39.16599 d" is off in the fourth decimal.)
STYBLINSKI_TANG_BOUNDS = (-39.16617 * 2, -39.16616 * 2)
STYBLINSKI_TANG_LOCATION = ("-2.903534", "-2.903534")

# Stored points where Newton's method does not apply: flat inflections (zero second derivative) and the
# tip of Ackley's cone (no second derivative). The other tests still check them.
DEGENERATE = [
    ("quartic_inflection", CriticalPoint((0.0,), 2.0, "saddle")),
    ("forrester", CriticalPoint((1.0 / 3.0,), 0.0, "saddle")),
    ("ackley", CriticalPoint((0.0, 0.0), 0.0)),
]

# 2D surfaces whose every minimum in the default domain is stored, with curvature mild enough for plain
# gradient descent to settle from anywhere in a test's time (Goldstein-Price's points are checked one by one).
COMPLETE_2D = ("himmelblau", "three_hump_camel", "six_hump_camel", "styblinski_tang", "mccormick", "many_valleys")


def _rng(name: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(name.encode()))


def _points_in_domain(problem: Landscape, n: int, rng: np.random.Generator) -> np.ndarray:
    low, high = problem.domain[:, 0], problem.domain[:, 1]
    return low + (high - low) * rng.random((n, problem.dim))


def _fd_gradient(problem: Landscape, theta: np.ndarray) -> np.ndarray:
    """Fourth-order central differences of the value (error O(h⁴))."""
    out = np.empty_like(theta)
    for i in range(problem.dim):
        h = 1e-4
        step = np.zeros_like(theta)
        step[:, i] = h
        f = [problem.value(theta + k * step) for k in (-2, -1, 1, 2)]
        out[:, i] = (f[0] - 8.0 * f[1] + 8.0 * f[2] - f[3]) / (12.0 * h)
    return out


def _fd_hessian(problem: Landscape, point: np.ndarray, h: float) -> np.ndarray:
    """Central second differences of the value at one point."""
    eye = np.eye(problem.dim) * h
    hessian = np.empty((problem.dim, problem.dim))
    for i in range(problem.dim):
        for j in range(problem.dim):
            corners = np.array([point + eye[i] + eye[j], point + eye[i] - eye[j],
                                point - eye[i] + eye[j], point - eye[i] - eye[j]])
            fpp, fpm, fmp, fmm = problem.value(corners)
            hessian[i, j] = (fpp - fpm - fmp + fmm) / (4.0 * h * h)
    return hessian


def _neighbours(problem: Landscape, point: np.ndarray, radius: float) -> np.ndarray:
    """Points at ``radius`` around ``point``: both sides in 1D; in 2D, 32 directions and both ways along the
    eigenvectors of the finite-difference Hessian (a saddle's descending directions can be a narrow cone)."""
    if problem.dim == 1:
        return point + np.array([[-radius], [radius]])
    angle = np.linspace(0.0, 2.0 * np.pi, 32, endpoint=False)
    _, eigenvectors = np.linalg.eigh(_fd_hessian(problem, point, radius))
    directions = np.vstack([np.column_stack([np.cos(angle), np.sin(angle)]), eigenvectors.T, -eigenvectors.T])
    return point + radius * directions


def _width(problem: Landscape) -> float:
    return float(np.min(problem.domain[:, 1] - problem.domain[:, 0]))


def _all_points(kinds: tuple[str, ...]) -> list[tuple[str, CriticalPoint]]:
    return [(name, p) for name in NAMES for p in make_landscape(name).critical_points if p.kind in kinds]


def _id(case: tuple[str, CriticalPoint]) -> str:
    name, point = case
    return f"{name}-{point.kind}-{','.join(f'{c:.4g}' for c in point.location)}"


# --- shape of the catalog -----------------------------------------------------------------------


def test_catalog_holds_the_issue_list():
    assert NAMES == [
        "x_squared", "double_well", "quartic_inflection", "forrester",
        "bowl", "elongated_bowl", "saddle", "rosenbrock", "himmelblau", "rastrigin", "ackley", "beale", "booth",
        "matyas", "three_hump_camel", "six_hump_camel", "goldstein_price", "styblinski_tang", "levi_n13",
        "mccormick", "many_valleys",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_description_domain_and_start(name):
    problem = make_landscape(name)
    entry = LANDSCAPES[name]
    assert problem.name == name
    assert problem.title == entry.title
    assert problem.dim == entry.dim == problem.domain.shape[0]
    assert problem.formula.strip()
    assert problem.domain.shape == (problem.dim, 2)
    assert np.all(problem.domain[:, 0] < problem.domain[:, 1])
    assert problem.start.shape == (problem.dim,)
    assert np.all((problem.domain[:, 0] < problem.start) & (problem.start < problem.domain[:, 1]))
    kinds = [p.kind for p in problem.critical_points]
    assert kinds == sorted(kinds, key=["minimum", "saddle", "maximum"].index), "minima first"
    for point in problem.critical_points:
        assert len(point.location) == problem.dim
        assert np.all((problem.domain[:, 0] <= point.location) & (point.location <= problem.domain[:, 1]))
        assert not point.estimated


@pytest.mark.parametrize("name", NAMES)
def test_value_and_gradient_are_vectorised(name):
    problem = make_landscape(name)
    theta = _points_in_domain(problem, 10_000, _rng(name))
    value, gradient = problem.value(theta), problem.gradient(theta)
    assert value.shape == (10_000,)
    assert gradient.shape == (10_000, problem.dim)
    assert np.all(np.isfinite(value)) and np.all(np.isfinite(gradient))
    one_by_one = np.array([problem.value(row[None, :])[0] for row in theta[:20]])
    np.testing.assert_array_equal(one_by_one, value[:20])


# --- gradients ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_finite_differences(name):
    problem = make_landscape(name)
    theta = _points_in_domain(problem, 500, _rng(name))
    analytic = problem.gradient(theta)
    numeric = _fd_gradient(problem, theta)
    scale = np.linalg.norm(numeric, axis=1, keepdims=True) + 1.0
    assert np.all(np.abs(analytic - numeric) <= 1e-6 * scale), np.max(np.abs(analytic - numeric) / scale)


@pytest.mark.parametrize("condition", [1.0, 10.0, 250.0])
def test_elongated_bowl_has_the_condition_number_asked_for(condition):
    problem = make_landscape("elongated_bowl", {"condition": condition})
    eigenvalues = np.linalg.eigvalsh(_fd_hessian(problem, np.array([0.3, -0.2]), 1e-3))
    assert eigenvalues.max() / eigenvalues.min() == pytest.approx(condition, rel=1e-6)
    assert f"{condition:g}" in problem.formula


# --- stored critical points ---------------------------------------------------------------------


@pytest.mark.parametrize("case", _all_points(("minimum", "saddle", "maximum")), ids=_id)
def test_stored_point_is_stationary_with_its_stored_value(case):
    name, point = case
    problem = make_landscape(name)
    location = np.array([point.location])
    assert problem.value(location)[0] == pytest.approx(point.value, rel=1e-12, abs=1e-12)
    curvature = np.abs(_fd_hessian(problem, location[0], 1e-4 * _width(problem))).max()
    gradient = problem.gradient(location)[0]
    assert np.linalg.norm(gradient) <= 1e-8 * max(1.0, curvature * max(1.0, np.abs(location).max()))


@pytest.mark.parametrize("case", [c for c in _all_points(("minimum", "saddle", "maximum")) if c not in DEGENERATE],
                         ids=_id)
def test_stored_location_is_refined_to_machine_precision(case):
    """One Newton step (Hessian from differences of the analytic gradient) moves the point by rounding only."""
    name, point = case
    problem = make_landscape(name)
    location = np.array(point.location)
    h = 1e-6 * max(1.0, np.abs(location).max())
    eye = np.eye(problem.dim) * h
    hessian = np.array([(problem.gradient((location + e)[None])[0] - problem.gradient((location - e)[None])[0])
                        / (2.0 * h) for e in eye])
    assert np.abs(np.linalg.eigvalsh(0.5 * (hessian + hessian.T))).min() > 1e-3
    newton_step = np.linalg.solve(hessian, problem.gradient(location[None])[0])
    assert np.abs(newton_step).max() <= 1e-14 * max(1.0, np.abs(location).max())


@pytest.mark.parametrize("case", _all_points(("minimum",)), ids=_id)
def test_stored_minimum_is_a_local_minimum(case):
    name, point = case
    problem = make_landscape(name)
    location = np.array(point.location)
    hessian = _fd_hessian(problem, location, 1e-3 * _width(problem))
    assert np.all(np.linalg.eigvalsh(0.5 * (hessian + hessian.T)) > 0.0)
    around = problem.value(_neighbours(problem, location, 1e-4 * _width(problem)))
    assert np.all(around > point.value)


@pytest.mark.parametrize("case", _all_points(("maximum",)), ids=_id)
def test_stored_maximum_is_a_local_maximum(case):
    name, point = case
    problem = make_landscape(name)
    around = problem.value(_neighbours(problem, np.array(point.location), 1e-4 * _width(problem)))
    assert np.all(around < point.value)


@pytest.mark.parametrize("case", _all_points(("saddle",)), ids=_id)
def test_stored_saddle_has_lower_and_higher_neighbours(case):
    name, point = case
    problem = make_landscape(name)
    around = problem.value(_neighbours(problem, np.array(point.location), 1e-4 * _width(problem)))
    assert np.any(around < point.value) and np.any(around > point.value)


@pytest.mark.parametrize("name", [name for name in NAMES if LANDSCAPES[name].dim == 1])
def test_every_minimum_of_a_1d_surface_is_stored(name):
    """On a fine grid the slope turns from − to + once near each stored minimum, and nowhere else."""
    problem = make_landscape(name)
    x = np.linspace(*problem.domain[0], 200_001)[:, None]
    spacing = x[1, 0] - x[0, 0]
    slope = problem.gradient(x)[:, 0]
    nonzero = slope != 0.0  # a flat inflection has slope 0 between two slopes of one sign
    x, slope = x[nonzero, 0], slope[nonzero]
    found = x[np.flatnonzero((slope[:-1] < 0.0) & (slope[1:] > 0.0))]
    stored = sorted(m.location[0] for m in problem.minima)
    np.testing.assert_allclose(found, stored, atol=2.0 * spacing)


def _descend(problem: Landscape, theta: np.ndarray, steps: int = 5000) -> np.ndarray:
    """Plain gradient descent with a step below 2/λmax (curvature bounded on a mesh, by Gershgorin)."""
    axes = [np.linspace(lo, hi, 201) for lo, hi in problem.domain]
    mesh = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 2)
    h = 1e-6
    rows = [(problem.gradient(mesh + h * e) - problem.gradient(mesh - h * e)) / (2.0 * h) for e in np.eye(2)]
    lr = 1.0 / np.max(np.abs(rows[0]).sum(axis=1) + np.abs(rows[1]).sum(axis=1))
    for _ in range(steps):
        theta = theta - lr * problem.gradient(theta)
    return theta


@pytest.mark.parametrize("name", COMPLETE_2D)
def test_every_minimum_of_a_2d_surface_is_stored(name):
    """Gradient descent from 2,000 random starts ends at a stored minimum (or leaves the domain), and every
    stored minimum is reached from somewhere."""
    problem = make_landscape(name)
    theta = _descend(problem, _points_in_domain(problem, 2000, _rng(name)))
    inside = np.all((theta >= problem.domain[:, 0]) & (theta <= problem.domain[:, 1]), axis=1)
    reached = problem.nearest_minimum(theta[inside], 1e-6)
    assert np.all(reached >= 0), theta[inside][reached < 0][:5]
    assert set(reached) == set(range(len(problem.minima)))


# --- published values ---------------------------------------------------------------------------


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _matching_minimum(problem: Landscape, location: np.ndarray, tolerance: float) -> CriticalPoint:
    matches = [m for m in problem.minima if np.all(np.abs(np.array(m.location) - location) <= tolerance)]
    assert len(matches) == 1, f"{len(matches)} stored minima within {tolerance} of {location}"
    return matches[0]


@pytest.mark.parametrize("name", list(EXACT_MINIMA))
def test_global_minimum_matches_the_exact_published_one(name):
    locations, value = EXACT_MINIMA[name]
    problem = make_landscape(name)
    assert min(m.value for m in problem.minima) == pytest.approx(value, abs=1e-12)
    for location in locations:
        stored = _matching_minimum(problem, np.array(location, dtype=float), 1e-12)
        assert stored.value == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("name", list(ROUNDED_MINIMA))
def test_global_minimum_matches_the_published_digits(name):
    locations, value = ROUNDED_MINIMA[name]
    problem = make_landscape(name)
    value_unit = 10.0 ** -_decimals(value)
    assert abs(min(m.value for m in problem.minima) - float(value)) <= value_unit
    for location in locations:
        unit = max(10.0 ** -_decimals(c) for c in location)
        stored = _matching_minimum(problem, np.array([float(c) for c in location]), unit)
        assert abs(stored.value - float(value)) <= value_unit


def test_styblinski_tang_global_minimum_within_published_bounds():
    problem = make_landscape("styblinski_tang")
    best = min(problem.minima, key=lambda m: m.value)
    low, high = STYBLINSKI_TANG_BOUNDS
    assert low < best.value < high
    np.testing.assert_allclose(best.location, [float(c) for c in STYBLINSKI_TANG_LOCATION], atol=1e-6)
    assert len(problem.minima) == 4  # 2 per coordinate, combined


def test_himmelblau_maximum_matches_the_published_digits():
    # Wikipedia, "Himmelblau's function": a local maximum at (−0.270845, −0.923039) where f = 181.617.
    (maximum,) = [p for p in make_landscape("himmelblau").critical_points if p.kind == "maximum"]
    np.testing.assert_allclose(maximum.location, [-0.270845, -0.923039], atol=1e-6)
    assert maximum.value == pytest.approx(181.617, abs=1e-3)


def test_six_hump_camel_has_two_global_and_four_local_minima():
    values = sorted(m.value for m in make_landscape("six_hump_camel").minima)
    assert len(values) == 6
    assert values[0] == pytest.approx(values[1], abs=1e-14)
    assert values[2] > values[1] + 0.5


def test_every_surface_with_a_minimum_has_a_published_oracle():
    checked = set(EXACT_MINIMA) | set(ROUNDED_MINIMA) | {"styblinski_tang"}
    own_design = {"many_valleys"}
    assert checked | own_design == {name for name in NAMES if make_landscape(name).minima}
    assert not make_landscape("saddle").minima


def test_saddle_surface_stores_its_saddle():
    assert make_landscape("saddle").critical_points == (CriticalPoint((0.0, 0.0), 0.0, "saddle"),)


def test_many_valleys_has_basins_of_clearly_different_depths():
    problem = make_landscape("many_valleys")
    values = sorted(m.value for m in problem.minima)
    assert len(values) >= 3
    assert np.all(np.diff(values) >= 0.5)


def test_many_valleys_sends_balls_from_a_grid_of_starts_into_every_valley():
    problem = make_landscape("many_valleys")
    axes = [np.linspace(lo, hi, 21) for lo, hi in problem.domain]
    starts = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 2)
    reached = problem.nearest_minimum(_descend(problem, starts), 1e-6)
    shares = np.bincount(reached, minlength=len(problem.minima)) / len(starts)
    assert np.all(shares >= 0.1), shares


# --- options ------------------------------------------------------------------------------------


def test_options_take_their_defaults():
    assert LANDSCAPES["elongated_bowl"].options == {"condition": 10.0}
    assert make_landscape("elongated_bowl").formula == make_landscape("elongated_bowl", {"condition": 10}).formula


@pytest.mark.parametrize(
    ("name", "options", "path"),
    [
        ("elongated_bowl", {"conditon": 5.0}, "options.conditon"),
        ("elongated_bowl", {"condition": "ten"}, "options.condition"),
        ("elongated_bowl", {"condition": True}, "options.condition"),
        ("elongated_bowl", {"condition": float("nan")}, "options.condition"),
        ("elongated_bowl", {"condition": float("inf")}, "options.condition"),
        ("elongated_bowl", {"condition": 0.5}, "options.condition"),
        ("elongated_bowl", {"condition": -3}, "options.condition"),
        ("rosenbrock", {"condition": 10.0}, "options.condition"),
        ("no_such_surface", None, "name"),
    ],
)
def test_bad_options_are_refused(name, options, path):
    with pytest.raises(InputError) as caught:
        make_landscape(name, options)
    assert caught.value.path == path
