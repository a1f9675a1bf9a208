"""A typed formula as a problem: {"kind": "expression", "expr": "x^2 + 3*sin(y)", "domain": [[-3, 3], [-3, 3]]}.

The dimension follows the variables used: ``x`` alone gives a curve (1D); ``y`` anywhere gives a
surface over (x, y) (2D), also when ``x`` is absent, so ``y`` always means the second axis of the
plane. The gradient is exact (sympy), and value and gradient are compiled to NumPy functions of
whole columns of points. The same expression also computes in torch (:meth:`ExpressionProblem.loss_in`,
node by node: :mod:`gdsim.core.expression_tree`), so torch's autograd differentiates a typed formula.

Where the formula is undefined (the logarithm of a negative number, a division by zero) or overflows
(exp(x²) at x = 27) NumPy gives NaN or infinity without a warning, and the gradient there is NaN as
well (even where its formula alone would be finite, as 1/x is for log(x) at x < 0): the engine's
divergence check then stops the ball, and ``explain_failure`` tells the two apart for its reason.

Minima of a typed formula are unknown, so they are estimated on first use: the lowest points of a
grid over the domain, refined by Newton steps (exact gradient, Hessian by differences of it), kept
when they settle at strict local minima inside the domain, and marked ``estimated``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any

import numpy as np

from gdsim.core.array_namespace import namespace
from gdsim.core.errors import InputError
from gdsim.core.expression_tree import Node, compile_expression
from gdsim.core.formula import Formula, FormulaError, parse_formula, sympy_failures
from gdsim.core.params import Param, check_keys
from gdsim.core.problem import CriticalPoint, Problem, failure_sentence, floating_point_failure

SPEC_KEYS = ("kind", "expr", "domain")
#: The range drawn for each variable when the spec gives no domain.
DEFAULT_RANGE = (-3.0, 3.0)
#: Largest magnitude of a domain bound: the engine counts a ball beyond it as diverged.
DOMAIN_LIMIT = 1e6
#: The range [low, high] of one variable.
RANGE = Param("domain", "pair", DEFAULT_RANGE, "The range [low, high] of a variable drawn and searched; within "
              "±1e6 (balls beyond that count as diverged).", low=-DOMAIN_LIMIT, high=DOMAIN_LIMIT)
#: Grid points per axis for the search for minima, by dimension.
GRID_POINTS = {1: 4001, 2: 161}
#: Most grid minima refined, lowest first.
MAX_CANDIDATES = 48
#: Newton steps per candidate.
NEWTON_STEPS = 40
#: Fractions of the domain tried in turn as the default start (near a corner, inside).
START_FRACTIONS = {
    1: ((0.1,), (0.9,), (0.25,), (0.75,), (0.4,), (0.6,)),
    2: ((0.1, 0.85), (0.9, 0.85), (0.1, 0.15), (0.9, 0.15), (0.5, 0.85), (0.5, 0.15), (0.25, 0.6), (0.75, 0.4)),
}


class ExpressionProblem(Problem):
    """A loss given by a typed formula over a domain.

    Parameters
    ----------
    formula
        The parsed formula (see :func:`gdsim.core.formula.parse_formula`).
    domain
        (D, 2) array of [low, high], one row per variable of ``formula``.
    """

    def __init__(self, formula: Formula, domain: np.ndarray) -> None:
        self._formula = formula
        self.name = "expression"
        self.title = "Custom formula"
        self.expr = formula.text
        self.formula = formula.display
        self.param_names = formula.variables
        self.domain = np.array(domain, dtype=float)
        self._value, self._both = _compile(formula)
        self.start = self._default_start()

    def value(self, theta: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            out = self._value(*theta.T)
        return np.asarray(out, dtype=float) + np.zeros(len(theta))

    @cached_property
    def _tree(self) -> Node:
        """The formula's value as closures over any array namespace (built on first use)."""
        with sympy_failures():
            return compile_expression(_without_huge_integers(self._formula.expr), self._formula.symbols)

    def loss_in(self, theta: Any, batch: np.ndarray | None = None) -> Any:
        """The formula at each row of ``theta`` (N, D) in its own array namespace (a torch tensor gives
        a differentiable torch tensor).

        Raises
        ------
        FormulaError
            When sympy's expression holds a node gdsim computes in NumPy only.
        """
        columns = [theta[:, i] for i in range(theta.shape[1])]
        return self._tree(namespace(theta), columns) + 0.0 * theta[:, 0]

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            value, *parts = self._both(*theta.T)
        out = np.empty(theta.shape, dtype=float)
        for i, part in enumerate(parts):
            out[:, i] = part
        out[~np.isfinite(np.asarray(value, dtype=float) + np.zeros(len(theta)))] = np.nan
        return out

    def explain_failure(self, point: np.ndarray) -> str | None:
        """Whether the formula overflowed or is not defined at ``point`` (D,), as a sentence naming it."""
        columns = np.asarray(point, dtype=float).reshape(-1, 1)
        failure = floating_point_failure(lambda: self._both(*columns))
        return failure_sentence("the formula", failure, self.param_names, columns[:, 0])

    @cached_property
    def critical_points(self) -> tuple[CriticalPoint, ...]:
        """Estimated minima inside the domain, lowest first (computed once, on first use)."""
        return estimate_minima(self)

    def _default_start(self) -> np.ndarray:
        """The first of a few points near the domain's corners where the formula is defined and
        not flat; then a coarse grid; the centre when nothing fits."""
        low, width = self.domain[:, 0], self.domain[:, 1] - self.domain[:, 0]
        coarse = _grid(self.domain, 11)
        points = np.vstack([low + width * np.array(START_FRACTIONS[self.dim]), coarse])
        points = np.round(points, 10)
        gradient = self.gradient(points)
        usable = np.isfinite(gradient).all(axis=1) & (np.abs(gradient).max(axis=1) > 1e-12)
        if not usable.any():
            return low + width / 2
        return points[int(np.argmax(usable))]


def build_expression_problem(spec: Mapping[str, Any]) -> ExpressionProblem:
    """The problem a scenario's ``{"kind": "expression", ...}`` object describes.

    Raises
    ------
    InputError
        With the key path within the object (``"expr"``, ``"domain[1]"``) and a sentence; for a
        formula the sentence names the column.
    """
    check_keys(spec, SPEC_KEYS, owner="an expression problem")
    text = spec.get("expr")
    if not isinstance(text, str):
        raise InputError("expr", "must be a formula in x (and y) as text, such as \"x^2 + 3*sin(y)\"",
                         "formula.not_text")
    try:
        formula = parse_formula(text)
    except InputError as error:
        raise error.within("expr") from None
    domain = _domain(spec.get("domain"), formula.variables)
    try:
        return ExpressionProblem(formula, domain)
    except FormulaError as error:  # no usable gradient, or sympy failed on it
        raise error.within("expr") from None


def _domain(value: Any, variables: tuple[str, ...]) -> np.ndarray:
    count = len(variables)
    if value is None:
        return np.array([DEFAULT_RANGE] * count, dtype=float)
    ranges = "1 range [low, high] for x" if count == 1 else "2 ranges [low, high], for x and for y"
    if not isinstance(value, list | tuple) or len(value) != count:
        raise InputError("domain", f"must list {ranges}", "domain.ranges", {"count": count})
    for i, pair in enumerate(value):
        where = f"domain[{i}]"
        low, high = RANGE.check(pair, where)
        if not low < high:
            raise InputError(where, f"low must be less than high, not [{low:g}, {high:g}]", "range.empty",
                             {"low": low, "high": high})
    return np.array(value, dtype=float)


def _without_huge_integers(expr: Any) -> Any:
    """``expr`` with the whole numbers sympy made huge (3^1000 from (3x)^1000) as floats: NumPy and torch
    cannot take them."""
    import sympy

    huge = {n: sympy.Float(n) for n in expr.atoms(sympy.Rational) if max(abs(n.p), n.q) > 2**53}
    return expr.xreplace(huge)


def _compile(formula: Formula) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The value, and the value with the gradient (sharing subexpressions), as NumPy functions."""
    import sympy

    floats = _without_huge_integers
    with sympy_failures():
        value = floats(formula.expr)
        gradient = [floats(g) for g in formula.gradient]
        # pi and e as NumPy floats: a constant part sympy left symbolic, such as (pi/2)^1000 from
        # atan2(2^y, 0)^1000, then overflows to inf instead of raising as Python floats do
        modules = [{"RealAbs": np.abs, "pi": np.float64(np.pi), "E": np.float64(np.e)}, "numpy"]
        return (sympy.lambdify(formula.symbols, value, modules=modules),
                sympy.lambdify(formula.symbols, [value, *gradient], modules=modules, cse=True))


# --- estimating minima --------------------------------------------------------------------------


def _grid(domain: np.ndarray, count: int) -> np.ndarray:
    """(count**D, D) points of a regular grid over ``domain``, the last axis varying fastest."""
    axes = [np.linspace(low, high, count) for low, high in domain]
    return np.stack([m.ravel() for m in np.meshgrid(*axes, indexing="ij")], axis=1)


def _grid_minima(values: np.ndarray) -> np.ndarray:
    """Flat indices of grid points no higher than any neighbour and lower than at least one."""
    finite = np.where(np.isfinite(values), values, np.inf)
    padded = np.pad(finite, 1, constant_values=np.inf)
    lowest = np.isfinite(finite)
    lower_than_one = np.zeros(values.shape, dtype=bool)
    for offset in np.ndindex(*(3,) * values.ndim):
        if all(o == 1 for o in offset):
            continue
        neighbour = padded[tuple(slice(o, o + n) for o, n in zip(offset, values.shape, strict=True))]
        lowest &= finite <= neighbour
        lower_than_one |= finite < neighbour
    return np.flatnonzero(lowest & lower_than_one)


def _hessians(problem: Problem, points: np.ndarray, step: np.ndarray) -> np.ndarray:
    """(M, D, D) Hessians by central differences of the exact gradient."""
    m, d = points.shape
    shifts = np.eye(d) * step
    probes = np.concatenate([points[None] + shifts[:, None], points[None] - shifts[:, None]])
    g = problem.gradient(probes.reshape(-1, d)).reshape(2, d, m, d)
    columns = (g[0] - g[1]) / (2 * step[:, None, None])
    hessians = np.transpose(columns, (1, 2, 0))
    return (hessians + np.transpose(hessians, (0, 2, 1))) / 2


def _newton(problem: Problem, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Refine ``points`` downhill: Newton steps on the absolute eigenvalues of the Hessian (so
    saddles repel) with a backtracking line search; a point stops when no step lowers it.

    Returns the points and how much each one's value fell in its last step (0 once stopped), which
    tells a settled point from one still sliding (towards a pole of 1/x, say).
    """
    width = problem.domain[:, 1] - problem.domain[:, 0]
    trials = 0.5 ** np.arange(40)
    points = points.copy()
    values = problem.value(points)
    active = np.isfinite(values)
    drop = np.where(active, 0.0, np.inf)
    for _ in range(NEWTON_STEPS):
        if not active.any():
            break
        index = np.flatnonzero(active)
        p = points[index]
        g = problem.gradient(p)
        w, v = np.linalg.eigh(np.nan_to_num(_hessians(problem, p, 1e-6 * width)))
        w = np.maximum(np.abs(w), 1e-9 * (1.0 + np.abs(w).max(axis=1, keepdims=True)))
        step = -np.einsum("mij,mj,mkj,mk->mi", v, 1 / w, v, np.nan_to_num(g))
        step *= np.minimum(1.0, 0.1 / np.abs(step / width).max(axis=1, initial=1e-300))[:, None]
        tried = p[None] + trials[:, None, None] * step[None]
        tried_values = problem.value(tried.reshape(-1, p.shape[1])).reshape(len(trials), len(p))
        lower = tried_values < values[index]
        found = lower.any(axis=0)
        first = np.argmax(lower, axis=0)
        moved = np.where(found[:, None], trials[first][:, None] * step, 0.0)
        new_values = np.where(found, tried_values[first, np.arange(len(p))], values[index])
        drop[index] = values[index] - new_values
        points[index] = p + moved
        values[index] = new_values
        active[index] = found & (np.abs(moved) > 1e-13 * width).any(axis=1)
    return points, drop


def _strict_minima(problem: Problem, points: np.ndarray) -> np.ndarray:
    """Which points are strict local minima: every small step along the axes and diagonals is higher."""
    d = points.shape[1]
    width = problem.domain[:, 1] - problem.domain[:, 0]
    directions = np.array([o for o in np.ndindex(*(3,) * d) if any(c != 1 for c in o)], dtype=float) - 1
    probes = points[:, None] + 1e-4 * width * directions[None]
    around = problem.value(probes.reshape(-1, d)).reshape(len(points), len(directions))
    here = problem.value(points)
    return np.isfinite(here) & (around > here[:, None]).all(axis=1)


def estimate_minima(problem: Problem) -> tuple[CriticalPoint, ...]:
    """Estimated minima of ``problem`` inside its domain, lowest first, each marked ``estimated``.

    The lowest local minima of a grid over the domain are refined by :func:`_newton` and kept when
    they settled (their value stopped falling) at a strict local minimum inside the domain; two
    within 1e-4 of the domain's diagonal of each other count once.
    """
    with np.errstate(all="ignore"):  # steps into overflow or undefined parts are tried and refused
        return _minima(problem)


def _minima(problem: Problem) -> tuple[CriticalPoint, ...]:
    count = GRID_POINTS[problem.dim]
    grid = _grid(problem.domain, count)
    values = problem.value(grid)
    candidates = _grid_minima(values.reshape((count,) * problem.dim))
    candidates = candidates[np.argsort(values[candidates], kind="stable")[:MAX_CANDIDATES]]
    if not len(candidates):
        return ()
    points, drop = _newton(problem, grid[candidates])
    finite = values[np.isfinite(values)]
    spread = float(np.ptp(finite)) or 1.0
    low, high = problem.domain[:, 0], problem.domain[:, 1]
    inside = ((points >= low) & (points <= high)).all(axis=1)
    keep = inside & (drop <= 1e-10 * spread) & _strict_minima(problem, points)
    points = points[keep]
    found = problem.value(points)
    order = np.lexsort((*points.T[::-1], found))
    tolerance = 1e-4 * float(np.linalg.norm(high - low))
    minima: list[CriticalPoint] = []
    for i in order:
        if all(np.linalg.norm(points[i] - np.array(m.location)) > tolerance for m in minima):
            minima.append(CriticalPoint(tuple(float(c) for c in points[i]), float(found[i]), estimated=True))
    return tuple(minima)
