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
from gdsim.core.params import Param, check_keys, check_params, describe, require_keys, require_object

#: Largest data set (samples) accepted, generated or inline.
MAX_SAMPLES = 1_000_000
GENERATORS = ("linear", "logistic")
SPACINGS = ("linspace", "uniform")
INLINE_KEYS = ("x", "y")
#: A sample value of x or y (checked one by one; the path names the sample).
SAMPLE = Param("sample", "number", 0.0, "One value of the data.")


def _generated_params(kind: str) -> tuple[Param, ...]:
    linear = kind == "linear"
    return (
        Param("slope", "number", 2.0, "Slope of the line y = slope·x + intercept." if linear
              else "Slope of the score slope·x + intercept whose sigmoid is the probability of class 1.",
              label="Slope"),
        Param("intercept", "number", 1.0 if linear else -6.0, "Intercept of the line (of the score).",
              label="Intercept"),
        Param("n", "whole", 100, "Number of samples.", label="Samples", low=1, high=MAX_SAMPLES),
        *((Param("noise", "number", 1.0, "Standard deviation of the Gaussian noise added to y.", label="Noise σ",
                 low=0.0),) if linear else ()),
        Param("x", "choice", "linspace" if linear else "uniform",
              "linspace: evenly spaced over x_range, ends included; uniform: drawn uniformly.", label="x",
              choices=SPACINGS),
        Param("x_range", "pair", (1.0, 5.0) if linear else (0.0, 6.0), "[low, high] of x.", label="x range"),
        Param("seed", "whole", 0, "Seed of the draws (numpy.random.default_rng).", label="Seed", low=0,
              high=2**63 - 1),
    )


#: generator -> its declared keys (besides "generate").
GENERATED_PARAMS: dict[str, tuple[Param, ...]] = {kind: _generated_params(kind) for kind in GENERATORS}


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^−z) without overflow for any finite z."""
    return np.exp(-np.logaddexp(0.0, -z))


def _number(value: Any, where: str) -> float:
    return SAMPLE.check(value, where)


def _samples(value: Any, where: str) -> list:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list | tuple):
        raise InputError(where, f"must be a list, not {describe(value)}", "type.list", {"value": describe(value)})
    if not value:
        raise InputError(where, "the data set is empty: give at least one sample", "samples.empty")
    if len(value) > MAX_SAMPLES:
        raise InputError(where, f"{len(value)} samples are more than the {MAX_SAMPLES} allowed", "samples.too_many",
                         {"count": len(value), "max": MAX_SAMPLES})
    return list(value)


def features(value: Any) -> np.ndarray:
    """The (m, p) feature matrix of an inline ``x``: a list of numbers (p = 1) or of equal rows."""
    rows = _samples(value, "x")
    if not isinstance(rows[0], list | tuple):
        return np.array([_number(v, f"x[{i}]") for i, v in enumerate(rows)]).reshape(-1, 1)
    width = len(rows[0])
    if width == 0:
        raise InputError("x[0]", "a row needs at least one feature", "samples.no_feature")
    out = np.empty((len(rows), width))
    for i, row in enumerate(rows):
        if not isinstance(row, list | tuple):
            raise InputError(f"x[{i}]", f"must be a row (a list of {width} numbers) like x[0], not {describe(row)}",
                             "samples.row", {"width": width, "value": describe(row)})
        if len(row) != width:
            raise InputError(f"x[{i}]", f"has {len(row)} values but x[0] has {width}: every row needs the same "
                                        "number of features", "samples.row_length",
                             {"count": len(row), "width": width})
        out[i] = [_number(v, f"x[{i}][{j}]") for j, v in enumerate(row)]
    return out


def targets(value: Any, m: int, labels: bool) -> np.ndarray:
    """The (m,) targets of an inline ``y``; 0 or 1 each when ``labels``."""
    values = _samples(value, "y")
    if len(values) != m:
        raise InputError("y", f"has {len(values)} values but x has {m} samples: give one y per sample",
                         "samples.y_length", {"count": len(values), "samples": m})
    out = np.array([_number(v, f"y[{i}]") for i, v in enumerate(values)])
    if labels:
        bad = np.flatnonzero((out != 0.0) & (out != 1.0))
        if len(bad):
            raise InputError(f"y[{bad[0]}]", f"must be a class label, 0 or 1, not {describe(values[bad[0]])}",
                             "samples.label", {"value": describe(values[bad[0]])})
    return out


def generated(spec: Mapping[str, Any], kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The (m, 1) features and (m,) targets of a generated data set (see the module docstring)."""
    options = {key: value for key, value in spec.items() if key != "generate"}
    s = check_params(options, GENERATED_PARAMS[kind], owner=f"generated {kind} data")
    slope, intercept, n, seed = s["slope"], s["intercept"], s["n"], s["seed"]
    low, high = s["x_range"]
    if not low < high:
        raise InputError("x_range", f"low must be below high, not [{low:g}, {high:g}]", "range.empty",
                         {"low": low, "high": high})
    rng = np.random.default_rng(seed)
    x = np.linspace(low, high, n) if s["x"] == "linspace" else rng.uniform(low, high, n)
    line = slope * x + intercept
    if kind == "linear":
        y = line + s["noise"] * rng.standard_normal(n)
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
    require_object(spec, example='{"x": [...], "y": [...]} or {"generate": ...}')
    if "generate" in spec:
        if spec["generate"] != kind:
            raise InputError("generate", f"must be {kind!r} for this problem, not {describe(spec['generate'])}",
                             "choice.unknown", {"value": describe(spec["generate"]), "choices": [kind]})
        return generated(spec, kind)
    check_keys(spec, INLINE_KEYS, owner='inline data (generated data starts with "generate")')
    require_keys(spec, INLINE_KEYS, "inline data needs both x and y")
    x = features(spec["x"])
    return x, targets(spec["y"], len(x), labels=kind == "logistic")
