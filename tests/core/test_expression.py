"""The "expression" problem kind: a typed formula with its exact gradient, estimated minima, and runs."""

from __future__ import annotations

import contextlib
import math
import re
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gdsim.core.errors import InputError
from gdsim.core.expression import ExpressionProblem, build_expression_problem
from gdsim.core.landscapes import make_landscape
from gdsim.engine.problems import build_problem
from gdsim.session.simulate import simulate

HIMMELBLAU = "(x^2+y-11)^2+(x+y^2-7)^2"


def problem(expr: str, domain: list | None = None) -> ExpressionProblem:
    spec = {"kind": "expression", "expr": expr}
    if domain is not None:
        spec["domain"] = domain
    return build_expression_problem(spec)


def random_points(domain: np.ndarray, n: int = 50, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return domain[:, 0] + (domain[:, 1] - domain[:, 0]) * rng.random((n, len(domain)))


# --- building -----------------------------------------------------------------------------------


def test_the_engine_builds_the_kind_lazily():
    built = build_problem({"kind": "expression", "expr": "x^2 + 3*sin(y)"})
    assert isinstance(built, ExpressionProblem)
    assert built.name == "expression"
    assert built.expr == "x^2 + 3*sin(y)"
    assert built.formula == "x² + 3 sin(y)"
    assert built.param_names == ("x", "y")
    np.testing.assert_array_equal(built.domain, [[-3, 3], [-3, 3]])


def test_dimension_follows_the_variables():
    assert problem("x^2").dim == 1
    assert problem("x*y").dim == 2
    only_y = problem("(y-1)^2")
    assert only_y.param_names == ("x", "y")
    np.testing.assert_allclose(only_y.gradient(np.array([[5.0, 3.0]])), [[0.0, 4.0]])


@pytest.mark.parametrize(("spec", "path", "words"), [
    ({"expr": "x^2", "colour": "red"}, "colour", "unknown key"),
    ({}, "expr", "must be a formula"),
    ({"expr": 3}, "expr", "must be a formula"),
    ({"expr": "x^2 + )"}, "expr", "unexpected ')' at column 7"),
    ({"expr": "x^2", "domain": [[-1, 1], [-1, 1]]}, "domain", "1 range"),
    ({"expr": "x*y", "domain": [[-1, 1]]}, "domain", "2 ranges"),
    ({"expr": "x*y", "domain": "wide"}, "domain", "2 ranges"),
    ({"expr": "x*y", "domain": [[-1, 1], [2]]}, "domain[1]", "pair of numbers"),
    ({"expr": "x*y", "domain": [[-1, 1], [3, -3]]}, "domain[1]", "low must be less than high"),
    ({"expr": "x*y", "domain": [[-1, 1], [1, 1]]}, "domain[1]", "low must be less than high"),
    ({"expr": "x*y", "domain": [[None, 1], [-1, 1]]}, "domain[0][0]", "must be a number, not null"),
    ({"expr": "x*y", "domain": [[-1, True], [-1, 1]]}, "domain[0][1]", "must be a number, not true"),
    ({"expr": "x*y", "domain": [[-1, float("inf")], [-1, 1]]}, "domain[0][1]", "finite number"),
    ({"expr": "x*y", "domain": [[-1, 1], [-1e9, 1]]}, "domain[1][0]", "at least -1e+06"),
])
def test_bad_specs_name_the_key(spec, path, words):
    with pytest.raises(InputError) as caught:
        build_expression_problem({"kind": "expression", **spec})
    assert caught.value.path == path
    assert words in caught.value.message


@pytest.mark.parametrize(("derivative", "words"), [(sympy.zoo, "no usable gradient"), (None, "sympy failed")])
def test_a_gradient_sympy_cannot_give_is_refused_with_the_path(monkeypatch, derivative, words):
    def diff(*args):
        if derivative is None:
            raise ValueError("a sympy bug")
        return derivative

    monkeypatch.setattr(sympy, "diff", diff)
    with pytest.raises(InputError) as caught:
        problem(f"x^3 - {words.count(' ')}.25*x")
    assert caught.value.path == "expr"
    assert words in caught.value.message


def test_errors_from_a_scenario_carry_the_whole_path():
    scenario = {"format": "gdsim.scenario", "version": 1, "problem": {"kind": "expression", "expr": "x + foo"}}
    with pytest.raises(InputError) as caught:
        simulate(scenario)
    assert caught.value.path == "problem.expr"
    assert "unknown name 'foo' at column 5" in caught.value.message


# --- value and gradient -------------------------------------------------------------------------


def test_value_and_gradient_match_the_published_rosenbrock():
    typed = problem("(1-x)^2+100*(y-x^2)^2", [[-2, 2], [-1, 3]])
    reference = make_landscape("rosenbrock")
    theta = random_points(typed.domain)
    np.testing.assert_allclose(typed.value(theta), reference.value(theta), rtol=1e-12)
    np.testing.assert_allclose(typed.gradient(theta), reference.gradient(theta), rtol=1e-12, atol=1e-12)


def test_constant_parts_broadcast_to_every_point():
    linear = problem("2*x - y")
    theta = random_points(linear.domain, 7)
    assert linear.value(theta).shape == (7,)
    np.testing.assert_array_equal(linear.gradient(theta), np.tile([2.0, -1.0], (7, 1)))
    flat = problem("x*0 + 1")
    np.testing.assert_array_equal(flat.value(np.zeros((3, 1))), [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(flat.gradient(np.zeros((3, 1))), np.zeros((3, 1)))


def test_undefined_points_give_nan_quietly():
    log = problem("log(x) + y^2")
    theta = np.array([[-1.0, 0.5], [0.0, 0.0], [2.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = log.value(theta)
        gradient = log.gradient(theta)
        inverse = problem("1/x").gradient(np.array([[0.0]]))
    assert np.isnan(value[0]) and value[1] == -np.inf
    assert np.isnan(gradient[:2]).all(), "no gradient where the formula is undefined, even though 1/x is finite"
    np.testing.assert_allclose(gradient[2], [0.5, 2.0])
    assert not np.isfinite(inverse).any()


def test_huge_constants_are_floats_not_python_integers():
    # sympy multiplies (2x)^1000 out to 2^1000 x^1000; NumPy cannot take a 1000-bit integer
    big = problem("(2*x)^1000 + x*10^300*10^300")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert big.value(np.array([[0.5]]))[0] == np.inf
        assert big.gradient(np.array([[0.0]])).shape == (1, 1)


# --- minima and start ---------------------------------------------------------------------------


def test_minimum_of_a_shifted_bowl():
    (minimum,) = problem("(x-1)^2+(y+2)^2").minima
    np.testing.assert_allclose(minimum.location, (1.0, -2.0), atol=1e-9)
    assert minimum.value == pytest.approx(0.0, abs=1e-15)
    assert minimum.estimated and minimum.kind == "minimum"


def test_himmelblau_typed_in_finds_its_four_minima():
    typed = problem(HIMMELBLAU, [[-5, 5], [-5, 5]])
    published = [m.location for m in make_landscape("himmelblau").minima]
    found = [m.location for m in typed.minima]
    assert len(found) == 4
    for location in published:
        assert min(np.linalg.norm(np.subtract(location, f)) for f in found) < 1e-8
    assert all(m.estimated and abs(m.value) < 1e-12 for m in typed.minima)


@pytest.mark.parametrize(("expr", "domain", "expected"), [
    ("(1-x)^2+100*(y-x^2)^2", [[-2, 2], [-1, 3]], [(1.0, 1.0)]),
    ("x^4", None, [(0.0,)]),
    ("abs(x-0.3)+abs(y+0.2)", None, [(0.3, -0.2)]),
    ("log(x) + 1/x", None, [(1.0,)]),
    ("log(x)", None, []),
    ("1/x", None, []),
    ("x^3", None, []),
    ("y^2", None, []),
    ("(x-5)^2", None, []),
])
def test_estimated_minima(expr, domain, expected):
    found = problem(expr, domain).minima
    assert len(found) == len(expected), found
    for point, location in zip(found, expected, strict=True):
        np.testing.assert_allclose(point.location, location, atol=1e-6)


def test_estimating_minima_of_a_wild_formula_warns_of_nothing():
    wild = problem("((((((x*y+1)^3*x+1)^3*y+1)^3*x+1)^3*y+1)^3*x+1)^3")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert all(np.isfinite(m.value) for m in wild.minima)


def test_minima_are_lowest_first_distinct_and_inside():
    wavy = problem("sin(3*x)*cos(3*y) + 0.01*(x^2+y^2)")
    values = [m.value for m in wavy.minima]
    assert values == sorted(values) and len(values) > 4
    locations = np.array([m.location for m in wavy.minima])
    assert (np.abs(locations) <= 3).all()
    distance = np.linalg.norm(locations[:, None] - locations[None], axis=2)
    assert (distance + np.eye(len(locations)) * 10 > 1e-3).all()
    np.testing.assert_allclose(np.linalg.norm(wavy.gradient(locations), axis=1), 0, atol=1e-7)


def test_basins_use_the_estimated_minima():
    bowl = problem("(x-1)^2+(y+2)^2")
    np.testing.assert_array_equal(bowl.nearest_minimum(np.array([[1.0, -2.0], [0.0, 0.0]]), 0.1), [0, -1])


@pytest.mark.parametrize("expr", ["x^2", "(x-1)^2+(y+2)^2", HIMMELBLAU, "log(x)", "sqrt(x)*y", "1/x"])
def test_default_start_is_defined_and_not_a_minimum(expr):
    typed = problem(expr)
    start = typed.start[None]
    assert typed.domain[:, 0].tolist() <= typed.start.tolist() <= typed.domain[:, 1].tolist()
    assert np.isfinite(typed.value(start)).all()
    assert np.linalg.norm(typed.gradient(start)) > 1e-6


# --- fuzzing ------------------------------------------------------------------------------------

PROBES = np.array([[0.0, 0.0], [1.0, -1.0], [-3.0, 3.0], [1e-300, -1e-300], [1e5, -1e5], [-2.5, 0.5]])


@settings(deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="xy0123456789.+-*/^() ,eipnsaqrtlgcobh", max_size=30)))
def test_any_text_is_refused_or_gives_a_problem_that_evaluates(text):
    try:
        typed = problem(text)
    except InputError as error:
        assert error.path == "expr" and error.message
        return
    theta = PROBES[:, : typed.dim]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert typed.value(theta).shape == (len(theta),)
        assert typed.gradient(theta).shape == theta.shape
        for minimum in typed.minima:
            assert np.isfinite(minimum.value)
    assert np.isfinite(typed.start).all()


def leaf(text: str, fn):
    return st.just((text, fn))


LEAVES = st.one_of(
    leaf("x", lambda x, y: x),
    leaf("y", lambda x, y: y),
    leaf("pi", lambda x, y: np.pi + 0 * x),
    leaf("e", lambda x, y: np.e + 0 * x),
    st.integers(1, 9).map(lambda n: (str(n), lambda x, y: n + 0 * x)),
    st.sampled_from([0.5, 0.25, 1.5, 2.75]).map(lambda v: (repr(v), lambda x, y: v + 0 * x)),
)


def _combine(children):
    pairs = st.tuples(children, children)
    unary = {
        "sin({})": np.sin, "cos({})": np.cos, "tanh({})": np.tanh, "atan({})": np.arctan,
        "-({})": np.negative, "({})^2": np.square,
        "sqrt(1 + ({})^2)": lambda u: np.sqrt(1 + u * u), "log(1 + ({})^2)": lambda u: np.log(1 + u * u),
        "exp(-({})^2)": lambda u: np.exp(-u * u),
    }
    binary = {
        "({}) + ({})": np.add, "({}) - ({})": np.subtract, "({})*({})": np.multiply,
        "({})/(1 + ({})^2)": lambda a, b: a / (1 + b * b),
        "atan2({}, 2 + ({})^2)": lambda a, b: np.arctan2(a, 2 + b * b),
    }
    return st.one_of(
        st.tuples(children, st.sampled_from(sorted(unary))).map(
            lambda c: (c[1].format(c[0][0]), lambda x, y, f=c[0][1], g=unary[c[1]]: g(f(x, y)))),
        st.tuples(pairs, st.sampled_from(sorted(binary))).map(
            lambda c: (c[1].format(c[0][0][0], c[0][1][0]),
                       lambda x, y, f=c[0][0][1], h=c[0][1][1], g=binary[c[1]]: g(f(x, y), h(x, y)))),
    )


FORMULAS = st.recursive(LEAVES, _combine, max_leaves=8)


@settings(deadline=None)
@given(FORMULAS, st.lists(st.tuples(st.floats(-2, 2), st.floats(-2, 2)), min_size=1, max_size=5))
def test_random_formulas_match_their_own_value_and_finite_differences(pair, points):
    text, oracle = pair
    assume(re.search(r"\b[xy]\b", text))
    typed = problem(text)
    theta = np.array(points)[:, : typed.dim]
    x = theta[:, 0]
    y = theta[:, 1] if typed.dim == 2 else np.zeros(len(theta))
    expected = np.asarray(oracle(x, y), dtype=float) + 0 * x
    value = typed.value(theta)
    np.testing.assert_allclose(value, expected, rtol=1e-9, atol=1e-12)
    gradient = typed.gradient(theta)
    step = 1e-6
    for i in range(typed.dim):
        shift = np.zeros(2)
        shift[i] = step
        ahead = np.asarray(oracle(x + shift[0], y + shift[1]), dtype=float)
        behind = np.asarray(oracle(x - shift[0], y - shift[1]), dtype=float)
        central = (ahead - behind) / (2 * step)
        np.testing.assert_allclose(gradient[:, i], central, rtol=1e-4, atol=1e-5 * (1 + np.abs(value).max()))


# --- through the engine -------------------------------------------------------------------------


def scenario(expr: str, run: dict, steps: int = 500, domain: list | None = None) -> dict:
    problem_spec = {"kind": "expression", "expr": expr}
    if domain is not None:
        problem_spec["domain"] = domain
    return {"format": "gdsim.scenario", "version": 1, "problem": problem_spec, "steps": steps, "runs": [run]}


def test_a_run_on_a_typed_formula_converges_to_its_minimum():
    recording = simulate(scenario("(x-1)^2+(y+2)^2", {"optimizer": "sgd", "hyper": {"lr": 0.1},
                                                      "stop": {"grad_norm_below": 1e-8}}))
    run = recording["runs"][0]
    assert run["status"] == "converged"
    np.testing.assert_allclose(run["path"][-1], (1.0, -2.0), atol=1e-8)
    np.testing.assert_allclose(run["path"][0], problem("(x-1)^2+(y+2)^2").start)


def test_a_swarm_on_himmelblau_reaches_the_estimated_minima():
    recording = simulate(scenario(HIMMELBLAU, {"optimizer": "sgd", "hyper": {"lr": 0.01},
                                               "start": {"grid": [4, 4]}}, steps=2000, domain=[[-5, 5], [-5, 5]]))
    reached = recording["runs"][0]["final"]["minimum"]
    assert set(np.asarray(reached).tolist()) == {0, 1, 2, 3}


def test_leaving_where_the_formula_is_defined_diverges_with_a_reason():
    # from x = 0.5 the gradient 1/x = 2 sends SGD (lr 1) to x = -1.5, where log is undefined
    recording = simulate(scenario("log(x)", {"optimizer": "sgd", "hyper": {"lr": 1.0}, "start": [0.5]}))
    run = recording["runs"][0]
    assert run["status"] == "diverged"
    assert run["reason"] == "the formula is not defined at x = -1.5"
    assert run["diverged_at"] == 2
    np.testing.assert_allclose(run["path"][:2], [[0.5], [-1.5]])


@pytest.mark.parametrize(("expr", "start", "fails", "diverged_at"), [
    # e^729 is beyond 1.8e308 (Python's math raises OverflowError): the ball cannot start there
    ("exp(x^2)", 27.0, lambda x: math.exp(x**2), 0),
    ("x^400", 10.0, lambda x: math.pow(x, 400), 0),
    # e^707.56 is finite, its gradient's 2x·e^(x²) sin x is not: the first update is refused
    ("exp(x^2)*sin(x) + x", 26.6, lambda x: 2 * x * math.exp(x**2), 1),
])
def test_a_formula_that_overflows_says_so(expr: str, start: float, fails, diverged_at: int) -> None:
    with contextlib.suppress(OverflowError):  # Python's floats as the oracle: OverflowError, or a product of inf
        assert math.isinf(fails(start))
    recording = simulate(scenario(expr, {"optimizer": "sgd", "hyper": {"lr": 0.01}, "start": [start]},
                                  domain=[[-100, 100]]))
    run = recording["runs"][0]
    assert run["status"] == "diverged" and run["diverged_at"] == diverged_at and run["steps"] == 0
    assert run["reason"].startswith(f"the formula overflowed at x = {start:g}:")
