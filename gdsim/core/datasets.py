"""The samples of a data problem: inline lists checked value by value, or a seeded generated set.

A data object is either inline, ``{"x": [...], "y": [...]}`` (``x`` a list of numbers for one
feature or a list of equally long rows for several), or generated from one feature:

``{"generate": "linear", "slope": 2, "intercept": 1, "n": 100, "noise": 1.0, "x": "linspace",
"x_range": [1, 5], "seed": 0}``
    y = slope·x + intercept + noise·N(0, 1).
``{"generate": "logistic", "slope": 2, "intercept": -6, "n": 100, "x": "uniform", "x_range": [0, 6],
"seed": 0}``
    y = 1 with probability sigmoid(slope·x + intercept), else 0: labels that overlap near the
    boundary, which is the label noise that keeps logistic regression's minimum finite.

Every generated key has the default shown (``intercept`` 1 for linear, −6 for logistic; ``noise``
only for linear). ``x`` is ``"linspace"`` (evenly spaced over ``x_range``, ends included) or
``"uniform"`` (drawn uniformly). The draws come from ``numpy.random.default_rng(seed)``: first the
``n`` uniform x values (only for ``"uniform"``), then ``n`` standard normals (linear) or ``n``
uniforms compared with the probabilities (logistic), so a data set is reproducible anywhere.

Every error is an :class:`InputError` whose path is relative to the data object (``x[3]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gdsim.core.errors import InputError

#: Largest data set (samples) accepted, generated or inline.
MAX_SAMPLES = 1_000_000
GENERATORS = ("linear", "logistic")
SPACINGS = ("linspace", "uniform")
INLINE_KEYS = ("x", "y")
GENERATED_KEYS = {
    "linear": ("generate", "slope", "intercept", "n", "noise", "x", "x_range", "seed"),
    "logistic": ("generate", "slope", "intercept", "n", "x", "x_range", "seed"),
}
DEFAULTS = {
    "linear": {"slope": 2.0, "intercept": 1.0, "n": 100, "noise": 1.0, "x": "linspace",
               "x_range": [1.0, 5.0], "seed": 0},
    "logistic": {"slope": 2.0, "intercept": -6.0, "n": 100, "x": "uniform", "x_range": [0.0, 6.0], "seed": 0},
}


def describe(value: Any) -> str:
    """A value as a person wrote it in JSON (``null``, ``true``, ``"abc"``, ``1.5``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return repr(value)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^−z) without overflow for any finite z."""
    return np.exp(-np.logaddexp(0.0, -z))


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(where, f"must be a number, not {describe(value)}")
    if not np.isfinite(value):
        raise InputError(where, f"must be a finite number, not {describe(value)}")
    return float(value)


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(where, f"must be a whole number from {low} to {high}, not {describe(value)}")
    return value


def _samples(value: Any, where: str) -> list:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list | tuple):
        raise InputError(where, f"must be a list, not {describe(value)}")
    if not value:
        raise InputError(where, "the data set is empty: give at least one sample")
    if len(value) > MAX_SAMPLES:
        raise InputError(where, f"{len(value)} samples are more than the {MAX_SAMPLES} allowed")
    return list(value)


def features(value: Any) -> np.ndarray:
    """The (m, p) feature matrix of an inline ``x``: a list of numbers (p = 1) or of equal rows."""
    rows = _samples(value, "x")
    if not isinstance(rows[0], list | tuple):
        return np.array([_number(v, f"x[{i}]") for i, v in enumerate(rows)]).reshape(-1, 1)
    width = len(rows[0])
    if width == 0:
        raise InputError("x[0]", "a row needs at least one feature")
    out = np.empty((len(rows), width))
    for i, row in enumerate(rows):
        if not isinstance(row, list | tuple):
            raise InputError(f"x[{i}]", f"must be a row (a list of {width} numbers) like x[0], not {describe(row)}")
        if len(row) != width:
            raise InputError(f"x[{i}]", f"has {len(row)} values but x[0] has {width}: every row needs the same "
                                        "number of features")
        out[i] = [_number(v, f"x[{i}][{j}]") for j, v in enumerate(row)]
    return out


def targets(value: Any, m: int, labels: bool) -> np.ndarray:
    """The (m,) targets of an inline ``y``; 0 or 1 each when ``labels``."""
    values = _samples(value, "y")
    if len(values) != m:
        raise InputError("y", f"has {len(values)} values but x has {m} samples: give one y per sample")
    out = np.array([_number(v, f"y[{i}]") for i, v in enumerate(values)])
    if labels:
        bad = np.flatnonzero((out != 0.0) & (out != 1.0))
        if len(bad):
            raise InputError(f"y[{bad[0]}]", f"must be a class label, 0 or 1, not {describe(values[bad[0]])}")
    return out


def generated(spec: Mapping[str, Any], kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The (m, 1) features and (m,) targets of a generated data set (see the module docstring)."""
    for key in spec:
        if key not in GENERATED_KEYS[kind]:
            raise InputError(key, f"unknown key for generated {kind} data; allowed: {', '.join(GENERATED_KEYS[kind])}")
    s = {**DEFAULTS[kind], **spec}
    slope, intercept = _number(s["slope"], "slope"), _number(s["intercept"], "intercept")
    n = _whole(s["n"], "n", 1, MAX_SAMPLES)
    seed = _whole(s["seed"], "seed", 0, 2**63 - 1)
    if s["x"] not in SPACINGS:
        raise InputError("x", f"must be one of {', '.join(SPACINGS)}, not {describe(s['x'])}")
    span = s["x_range"]
    if not isinstance(span, list | tuple) or len(span) != 2:
        raise InputError("x_range", f"must be [low, high], not {describe(span)}")
    low, high = (_number(v, f"x_range[{i}]") for i, v in enumerate(span))
    if not low < high:
        raise InputError("x_range", f"low must be below high, not [{low:g}, {high:g}]")
    rng = np.random.default_rng(seed)
    x = np.linspace(low, high, n) if s["x"] == "linspace" else rng.uniform(low, high, n)
    line = slope * x + intercept
    if kind == "linear":
        noise = _number(s["noise"], "noise")
        if noise < 0:
            raise InputError("noise", f"must not be negative, not {noise:g}")
        y = line + noise * rng.standard_normal(n)
    else:
        y = (rng.random(n) < sigmoid(line)).astype(float)
    return x.reshape(-1, 1), y


def dataset(spec: Any, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The (m, p) features and (m,) targets a data object describes.

    Parameters
    ----------
    spec
        The data object, inline or generated.
    kind
        ``"linear"`` (regression targets) or ``"logistic"`` (0/1 labels): the generator allowed and
        the targets required.

    Raises
    ------
    InputError
        Naming the key path within the data object of the first thing wrong.
    """
    if not isinstance(spec, Mapping):
        raise InputError("", 'must be an object: {"x": [...], "y": [...]} or {"generate": ...}')
    if "generate" in spec:
        if spec["generate"] != kind:
            raise InputError("generate", f"must be {kind!r} for this problem, not {describe(spec['generate'])}")
        return generated(spec, kind)
    for key in spec:
        if key not in INLINE_KEYS:
            raise InputError(key, 'unknown key; inline data has "x" and "y", generated data starts with "generate"')
    for key in INLINE_KEYS:
        if key not in spec:
            raise InputError(key, "missing: inline data needs both x and y")
    x = features(spec["x"])
    return x, targets(spec["y"], len(x), labels=kind == "logistic")
