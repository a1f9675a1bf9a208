"""Learning from data: linear and logistic regression as Problems over the parameters [w, b].

A scenario's problem object for these kinds (every key but ``kind`` and ``data`` optional)::

    {"kind": "regression", "data": DATA, "bias": true, "loss": "mse", "standardize": false, "l2": 0.0}
    {"kind": "classification", "data": DATA, "bias": true, "standardize": false, "l2": 0.0}

``data``
    Inline ``{"x": [...], "y": [...]}`` or generated ``{"generate": "linear" | "logistic", ...}``;
    see :mod:`gdsim.core.datasets` for every key.
``bias``
    Fit an intercept b (default true). The parameters are the weights, one per feature, then b:
    named ``w, b`` for one feature and ``w1, ..., wp, b`` for more. One parameter is a 1D problem,
    two a 2D landscape J(w, b); more still run (losses only).
``loss`` (regression only)
    ``"mse"`` = 1/m Σ rᵢ² (torch's MSELoss, the default) or ``"half_mse"`` = 1/(2m) Σ rᵢ² (the
    articles' J), rᵢ = w·xᵢ + b − yᵢ. Classification is always the mean binary cross-entropy of
    sigmoid(w·xᵢ + b) against labels 0/1 (logistic regression).
``standardize``
    Replace each feature by x̃ = (x − mean)/std (population std) before fitting (default false). The
    landscape then lives in those coordinates (w multiplies x̃), and the title and formula say so.
``l2``
    Penalty strength λ ≥ 0 (default 0): adds (λ/2)·Σ wⱼ² (never b), whose gradient λ·w is torch's
    weight_decay.

A mini-batch's loss is the same mean over the batch's samples, plus the whole penalty. The known
minimum is exact: the normal equations (with the penalty) for regression, Newton's method on the
exact Hessian for classification, which refuses separable data without a penalty (no finite
minimum exists then).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping
from typing import Any

import numpy as np

from gdsim.core.array_namespace import namespace
from gdsim.core.datasets import dataset, sigmoid
from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, check_params, require_keys
from gdsim.core.problem import CriticalPoint, ModelCurve, Problem

#: loss name -> c in c/m Σ rᵢ²
LOSSES = {"mse": 1.0, "half_mse": 0.5}
#: Largest (samples × balls) block computed at once; bigger swarms are taken in slices of balls.
BLOCK = 1 << 22
NEWTON_ITERATIONS = 200
#: Points along the input axis at which the model's curve is drawn.
CURVE_POINTS = 200
SEPARABLE = "the classes are separable, so the loss has no finite minimum: add label noise or an l2 penalty"


BIAS = Param("bias", "bool", True, "Fit an intercept b beside the weights.", label="Bias b")
STANDARDIZE = Param("standardize", "bool", False,
                    "Replace each feature by (x − mean)/std before fitting; the landscape is then in those "
                    "coordinates.", label="Standardize x")
L2 = Param("l2", "number", 0.0, "Penalty strength λ: adds (λ/2)·Σ wⱼ² (never b), torch's weight_decay.",
           label="L2 λ", low=0.0, slider=(0.0, 1.0))
LOSS = Param("loss", "choice", "mse", "mse = 1/m Σ rᵢ² (torch's MSELoss); half_mse = 1/(2m) Σ rᵢ² (the "
             "articles' J).", label="Loss", choices=tuple(LOSSES))
#: kind -> its declared options (besides "kind" and "data").
PROBLEM_PARAMS: dict[str, tuple[Param, ...]] = {
    "regression": (BIAS, LOSS, STANDARDIZE, L2),
    "classification": (BIAS, STANDARDIZE, L2),
}


def _read(spec: Mapping[str, Any], kind: str, generator: str) -> dict[str, Any]:
    """The checked settings of a problem of ``kind``, with its data read."""
    params = PROBLEM_PARAMS[kind]
    check_keys(spec, ("kind", "data", *(p.name for p in params)), owner=f"a {kind} problem")
    require_keys(spec, ("data",), 'give the samples, {"x": [...], "y": [...]}, '
                                  f'or {{"generate": "{generator}", ...}}')
    try:
        x, y = dataset(spec["data"], generator)
    except InputError as error:
        raise error.within("data") from None
    options = check_params({k: v for k, v in spec.items() if k not in ("kind", "data")}, params)
    return {"x": x, "y": y, **options}


class DataProblem(Problem):
    """A linear model zᵢ = w·x̃ᵢ + b over samples, with a per-sample loss of zᵢ averaged over a batch.

    Subclasses give the per-sample loss and its derivative in z, the model's output, and the exact
    minimum. Everything is vectorised over N balls: a (batch, N) block of z per call.

    Attributes
    ----------
    data_x, data_y
        The raw samples: (m, p) features as given (not standardised) and (m,) targets or labels.
    x_mean, x_scale
        (p,) offsets and scales taking raw features to the model's (0 and 1 unless standardised).
    bias, l2, standardized
        The problem's options.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, *, bias: bool, standardize: bool, l2: float) -> None:
        m, p = x.shape
        self.data_x, self.data_y = x, y
        self.n_samples, self.n_features = m, p
        self.bias, self.l2, self.standardized = bias, l2, standardize
        self.x_mean, self.x_scale = np.zeros(p), np.ones(p)
        if standardize:
            spread = x.std(axis=0)
            if (spread == 0).any():
                if p == 1:
                    raise InputError("data.x", "every x is the same, so it cannot be standardised (its spread is 0)",
                                     "data.x_constant")
                column = int(np.argmin(spread))
                raise InputError("data.x", f"column {column} of x is constant, so it cannot be standardised (its "
                                 "spread is 0)", "data.column_constant", {"column": column})
            self.x_mean, self.x_scale = x.mean(axis=0), spread
        design = (x - self.x_mean) / self.x_scale
        self._design = np.hstack([design, np.ones((m, 1))]) if bias else design
        self._target = y[:, None]
        weights = ("w",) if p == 1 else tuple(f"w{j + 1}" for j in range(p))
        self.param_names = weights + (("b",) if bias else ())
        self._penalized = np.concatenate([np.ones(p), np.zeros(int(bias))])
        self.start = np.zeros(self.dim)

    # --- the per-sample model, given by subclasses ------------------------------------------

    @abstractmethod
    def _sample_terms(self, z: np.ndarray, y: np.ndarray, value: bool,
                      gradient: bool) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Each sample's loss (when ``value``) and its slope d(loss)/dz (when ``gradient``), shaped as the
        scores z (B, N), for targets y (B, 1)."""

    @abstractmethod
    def _output(self, z: np.ndarray) -> np.ndarray:
        """What the model predicts for a linear score z (the line itself, or a probability)."""

    # --- losses and gradients ---------------------------------------------------------------

    def batch_value_and_gradient(self, theta: np.ndarray, batch: np.ndarray | None, *, value: bool = True,
                                 gradient: bool = True) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The loss (N,) and the gradient (N, D) over the samples ``batch`` (every sample when None) at N
        points, the scores z computed once for both: the same numbers as ``batch_value`` and
        ``batch_gradient``, for the price of one scoring. ``value`` or ``gradient`` False leaves that
        one out (None)."""
        if batch is None:
            design, target = self._design, self._target
        else:
            design, target = self._design[batch], self._target[batch]
        count = len(target)
        if len(theta) * count <= BLOCK:  # one block: the same operations without the slicing
            terms, slopes = self._sample_terms(design @ theta.T, target, value, gradient)
            loss = np.add.reduce(terms, 0) / count if value else None
            slope = slopes.T @ design / count if gradient else None
        else:
            loss = np.empty(len(theta)) if value else None
            slope = np.empty(theta.shape) if gradient else None
            for part in self._blocks(len(theta), count):
                terms, slopes = self._sample_terms(design @ theta[part].T, target, value, gradient)
                if value:
                    loss[part] = np.add.reduce(terms, 0) / count
                if gradient:
                    slope[part] = slopes.T @ design / count
        if self.l2:
            if value:
                loss += 0.5 * self.l2 * (theta * theta) @ self._penalized
            if gradient:
                slope += self.l2 * self._penalized * theta
        return loss, slope

    @staticmethod
    def _blocks(balls: int, samples: int) -> tuple[slice, ...]:
        size = max(1, BLOCK // max(1, samples))
        return tuple(slice(i, i + size) for i in range(0, balls, size))

    def batch_value(self, theta: np.ndarray, batch: np.ndarray | None) -> np.ndarray:
        return self.batch_value_and_gradient(theta, batch, gradient=False)[0]

    def batch_gradient(self, theta: np.ndarray, batch: np.ndarray | None) -> np.ndarray:
        return self.batch_value_and_gradient(theta, batch, value=False)[1]

    def value(self, theta: np.ndarray) -> np.ndarray:
        return self.batch_value(theta, None)

    def loss_in(self, theta: Any, batch: np.ndarray | None = None) -> Any:
        """:meth:`batch_value` in ``theta``'s own array namespace (a torch tensor gives a differentiable
        torch tensor); the samples become arrays of that namespace."""
        xp = namespace(theta)
        design, target = (self._design, self._target) if batch is None else (self._design[batch], self._target[batch])
        terms, _slopes = self._sample_terms(xp.asarray(design) @ theta.T, xp.asarray(target), True, False)
        out = terms.sum(0) / len(target)
        if self.l2:
            out = out + 0.5 * self.l2 * (theta * theta) @ xp.asarray(self._penalized)
        return out

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        return self.batch_gradient(theta, None)

    # --- what the data panel draws ----------------------------------------------------------

    def scores(self, theta: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Linear scores w·x̃ + b at raw inputs ``x`` ((k,) for one feature, or (k, p)) for
        parameters ``theta`` ((D,) -> (k,), or (N, D) -> (N, k))."""
        theta = np.asarray(theta, dtype=float)
        points = np.atleast_2d(theta)
        rows = (np.asarray(x, dtype=float).reshape(-1, self.n_features) - self.x_mean) / self.x_scale
        z = points[:, : self.n_features] @ rows.T
        if self.bias:
            z += points[:, -1:]
        return z[0] if theta.ndim == 1 else z

    def model_curve(self, theta: np.ndarray) -> ModelCurve | None:
        if self.n_features != 1:
            return None
        low, high = float(self.data_x.min()), float(self.data_x.max())
        pad = 0.05 * (high - low or 1.0)
        x = np.linspace(low - pad, high + pad, CURVE_POINTS)
        return ModelCurve(x, self.predict(theta, x), self._decision(theta))

    def _decision(self, theta: np.ndarray) -> float | None:
        """Where a classifier's probability is one half (None for regression)."""
        return None

    def predict(self, theta: np.ndarray, x: np.ndarray) -> np.ndarray:
        """The model's prediction at raw inputs ``x`` for parameters ``theta`` (shapes as ``scores``):
        the fitted line for regression, the probability of class 1 for classification."""
        return self._output(self.scores(theta, x))

    # --- the known minimum and the picture around it ----------------------------------------

    def _unique(self) -> bool:
        """Whether the minimum is a single point (the design, with any penalty, has full rank)."""
        rows = np.vstack([self._design, np.sqrt(self.l2) * np.diag(self._penalized)])
        return bool(np.linalg.matrix_rank(rows) == self.dim)

    def _settle(self, minimum: np.ndarray, hessian: np.ndarray, unique: bool) -> None:
        """Record the minimum (when it is one point) and a domain: the box around the path that
        steepest descent (gradient flow on the quadratic model at the minimum) takes from the start
        to the minimum, padded by a quarter, so the picture shows the valley the balls travel."""
        value = float(self.value(minimum.reshape(1, -1))[0])
        if unique and np.isfinite(value):
            self.critical_points = (CriticalPoint(tuple(float(v) for v in minimum), value),)
        curvature, axes = np.linalg.eigh(hessian)
        positive = curvature > 1e-12 * max(curvature.max(), 1e-300)
        rates = curvature[positive]
        if len(rates):
            times = np.geomspace(1e-3 / rates.max(), 50.0 / rates.min(), 400)
            left = np.where(positive, 1.0 - np.exp(-np.outer(times, np.where(positive, curvature, 0.0))), 0.0)
            flow = self.start - (left * ((self.start - minimum) @ axes)) @ axes.T
            points = np.vstack([self.start, minimum, flow])
        else:
            points = np.vstack([self.start, minimum])
        low, high = points.min(axis=0), points.max(axis=0)
        span = high - low
        scale = span.max() if span.max() > 0 else 1.0
        pad = 0.25 * np.maximum(span, 0.2 * scale)
        self.domain = np.column_stack([low - pad, high + pad])

    def _formula_parts(self) -> tuple[str, str, str, str]:
        """The formula's pieces: its left side "J(w, b)", the score "w·xᵢ + b", the penalty term
        and a closing note on λ and standardisation (each empty when not used)."""
        score = ("w·x̃ᵢ" if self.standardized else "w·xᵢ") + (" + b" if self.bias else "")
        penalty = " + (λ/2)·|w|²" if self.l2 else ""
        note = f",  λ = {self.l2:g}" if self.l2 else ""
        if self.standardized:
            if self.n_features == 1:
                note += f",  x̃ = (x − {self.x_mean[0]:.4g})/{self.x_scale[0]:.4g}"
            else:
                note += ",  x̃ = (x − mean)/std per feature"
        return f"J({', '.join(self.param_names)})", score, penalty, note


class RegressionProblem(DataProblem):
    """Linear regression: c/m Σ (w·x̃ᵢ + b − yᵢ)², c = 1 ("mse") or 1/2 ("half_mse")."""

    name = "regression"

    def __init__(self, x: np.ndarray, y: np.ndarray, *, bias: bool = True, loss: str = "mse",
                 standardize: bool = False, l2: float = 0.0) -> None:
        super().__init__(x, y, bias=bias, standardize=standardize, l2=l2)
        self.loss = loss
        self._c = LOSSES[loss]
        where = " on standardised x" if standardize else ""
        self.title = f"Linear regression{where} ({loss})"
        left, score, penalty, note = self._formula_parts()
        scale = "1/m" if loss == "mse" else "1/(2m)"
        self.formula = f"{left} = {scale} Σᵢ ({score} − yᵢ)²{penalty}{note}"
        with np.errstate(all="ignore"):  # data near the float range's end may overflow: runs then diverge
            minimum, hessian, unique = self._solve()
            self._settle(minimum, hessian, unique)

    def _sample_terms(self, z, y, value, gradient):
        r = z - y
        # c·r·r with c = 1 is r·r exactly (multiplying by 1 rounds nothing)
        loss = (r * r if self._c == 1.0 else self._c * r * r) if value else None
        return loss, (2.0 * self._c) * r if gradient else None

    def _output(self, z):
        return z

    def _solve(self) -> tuple[np.ndarray, np.ndarray, bool]:
        """The least-squares minimum with the penalty, as one stacked least-squares problem:
        rows √(c/m)·[x̃ᵢ, 1] against √(c/m)·yᵢ and √(λ/2) per penalised weight against 0."""
        m = self.n_samples
        scale = np.sqrt(self._c / m)
        penalty = np.sqrt(0.5 * self.l2) * np.diag(self._penalized)
        rows = np.vstack([scale * self._design, penalty])
        target = np.concatenate([scale * self.data_y, np.zeros(self.dim)])
        minimum, _residual, rank, _singular = np.linalg.lstsq(rows, target, rcond=None)
        hessian = 2.0 * rows.T @ rows
        return minimum, hessian, rank == self.dim


class ClassificationProblem(DataProblem):
    """Logistic regression: mean binary cross-entropy of σ(w·x̃ᵢ + b) against labels yᵢ ∈ {0, 1}."""

    name = "classification"

    def __init__(self, x: np.ndarray, y: np.ndarray, *, bias: bool = True, standardize: bool = False,
                 l2: float = 0.0) -> None:
        super().__init__(x, y, bias=bias, standardize=standardize, l2=l2)
        where = " on standardised x" if standardize else ""
        self.title = f"Logistic regression{where} (cross-entropy)"
        left, score, penalty, note = self._formula_parts()
        self.formula = (f"{left} = −1/m Σᵢ [yᵢ log σ(zᵢ) + (1 − yᵢ) log(1 − σ(zᵢ))]{penalty},  "
                        f"zᵢ = {score}{note}")
        if l2 and bias and (y == y[0]).all():
            raise InputError("data.y", f"every label is {y[0]:g}, so b has no finite minimum: "
                                       "give samples of both classes", "data.one_class", {"label": f"{y[0]:g}"})
        with np.errstate(all="ignore"):  # data near the float range's end may overflow: runs then diverge
            minimum = self._newton()
            if not l2 and ((2.0 * self.data_y - 1.0) * (self._design @ minimum) >= 0).all():
                raise InputError("data", SEPARABLE, "data.separable")
            self._settle(minimum, self.hessian(minimum), self._unique())

    def _sample_terms(self, z, y, value, gradient):
        loss = None
        if value:  # z may be a torch tensor (the loss in torch, for autograd): the same formula in its namespace
            xp = namespace(z)
            loss = (np.logaddexp(0.0, z) if xp is np else xp.logaddexp(xp.zeros_like(z), z)) - y * z
        return loss, (sigmoid(z) - y if gradient else None)

    def _output(self, z):
        return sigmoid(z)

    def hessian(self, theta: np.ndarray) -> np.ndarray:
        """The exact (D, D) Hessian of the full loss at one point ``theta`` (D,)."""
        p = sigmoid(self._design @ theta)
        weighted = self._design * (p * (1.0 - p))[:, None]
        return self._design.T @ weighted / self.n_samples + self.l2 * np.diag(self._penalized)

    def _newton(self) -> np.ndarray:
        """Newton's method with backtracking from 0: quadratic convergence to machine precision when
        a finite minimum exists; on separable data the iterates run off along a separating direction
        (the caller tells the two apart)."""
        theta = np.zeros(self.dim)
        loss = self.value(theta[None])[0]
        for _ in range(NEWTON_ITERATIONS):
            step = np.linalg.lstsq(self.hessian(theta), self.gradient(theta[None])[0], rcond=None)[0]
            t = 1.0
            while t > 1e-12:
                trial = theta - t * step
                trial_loss = self.value(trial[None])[0]
                if trial_loss <= loss:
                    break
                t *= 0.5
            else:
                return theta
            done = np.abs(theta - trial).max() <= 1e-14 * (1.0 + np.abs(trial).max())
            theta, loss = trial, trial_loss
            if done:
                break
        return theta

    def _decision(self, theta: np.ndarray) -> float | None:
        return self.decision_point(theta)

    def decision_point(self, theta: np.ndarray) -> float:
        """The raw x where a one-feature model's probability is 1/2 (NaN when w = 0).

        Raises
        ------
        ValueError
            For more than one feature, where the boundary is a line or plane, not a point.
        """
        if self.n_features != 1:
            raise ValueError(f"a {self.n_features}-feature model has no single decision point")
        w = theta[0] / self.x_scale[0]
        if w == 0:
            return float("nan")
        b = theta[-1] if self.bias else 0.0
        return float(self.x_mean[0] - b / w)


def build_regression_problem(spec: Mapping[str, Any]) -> RegressionProblem:
    """The regression problem a scenario's problem object describes (keys in the module docstring)."""
    return RegressionProblem(**_read(spec, "regression", "linear"))


def build_classification_problem(spec: Mapping[str, Any]) -> ClassificationProblem:
    """The logistic-regression problem a scenario's problem object describes."""
    return ClassificationProblem(**_read(spec, "classification", "logistic"))
