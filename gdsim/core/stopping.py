"""Stop rules: when a ball counts as converged, and the sentence that says why."""

from __future__ import annotations

import math

import numpy as np

#: Up to this many coordinates the divergence test's common case runs in Python (math.hypot).
SMALL = 32


def converged_at_point(loss: np.ndarray | None, grad_norm: np.ndarray | None,
                       loss_below: float | None, grad_norm_below: float | None
                       ) -> tuple[np.ndarray | None, str | None]:
    """Which balls meet a point rule (loss or gradient norm below its threshold), and the reason.

    Returns ``(mask, reason)``; ``(None, None)`` when no point rule is set.
    """
    mask = None
    reason = None
    if loss_below is not None and loss is not None:
        mask = loss < loss_below
        reason = f"loss below {loss_below:g}"
    if grad_norm_below is not None and grad_norm is not None:
        small = grad_norm < grad_norm_below
        if mask is None:
            mask, reason = small, f"gradient norm below {grad_norm_below:g}"
        else:
            reason = f"{reason} or gradient norm below {grad_norm_below:g}"
            mask = mask | small
    return mask, reason


def converged_by_step(old: np.ndarray, new: np.ndarray, step_below: float | None) -> np.ndarray | None:
    """Balls whose last step was shorter than ``step_below`` (None when the rule is not set)."""
    if step_below is None:
        return None
    return np.linalg.norm(new - old, axis=1) < step_below


def divergence(new: np.ndarray, limit: float = 1e6) -> np.ndarray | None:
    """Balls whose new position is not finite or has a coordinate beyond ``limit``; None if none.

    The common case (every ball fine) is cheap: the smallest and the largest coordinate (two vectorized
    reductions, a third cheaper than one pass of Σx²); for a few numbers math.hypot, cheaper than any array
    call (a Euclidean norm ≤ limit implies |x| ≤ limit for every coordinate). NaN propagates into both and
    fails the comparison, so NaN and overflow fall through to the exact per-ball check.
    """
    flat = new.reshape(-1)
    if len(flat) <= SMALL:
        if math.hypot(*flat.tolist()) <= limit:
            return None
    elif -limit <= float(flat.min()) and float(flat.max()) <= limit:
        return None
    return ~(np.abs(new) <= limit).all(axis=1)


def all_finite(values: np.ndarray) -> bool:
    """Whether every value is finite; for a few values a Python sum, far cheaper than any array call
    (a sum that overflows says False, and the caller's exact check then finds nothing)."""
    if values.size <= SMALL:
        return math.isfinite(sum(values.reshape(-1).tolist()))
    return bool(np.isfinite(values).all())


#: How the reason for a run whose growing schedule overflowed its rate begins.
LR_OVERFLOW = "the learning rate overflowed"


def divergence_reason(loss: float | None, new: np.ndarray, limit: float = 1e6,
                      gradient: np.ndarray | None = None, lr: float | None = None,
                      failure: str | None = None) -> str:
    """A sentence for a person: what became infinite, undefined or too large.

    ``gradient`` is the gradient the refused update used and ``lr`` its learning rate, when known: a
    gradient that is not a number means the loss is undefined where the ball stood (a typed formula
    outside its domain); an infinite rate is a growing schedule that overflowed. ``failure`` is the
    problem's own sentence for a gradient (or a loss at the new point) that is not finite: where it
    overflowed or is not defined (``Problem.explain_failure``).
    """
    if lr is not None and not math.isfinite(lr):
        return f"{LR_OVERFLOW}: the schedule grew it beyond the largest float, about 1.8e308"
    if failure is not None:
        return failure
    if gradient is not None and np.isnan(gradient).any():
        return "the gradient is undefined where the ball stood (the formula is not defined there)"
    if not np.all(np.isfinite(new)):
        return "the parameters became infinite or undefined (NaN)"
    if loss is not None and not np.isfinite(loss):
        return "the loss became infinite"
    return f"a parameter grew beyond {limit:g} in magnitude"
