"""The optimizer interface: torch.optim's update rules, vectorized over N balls.

An optimizer owns its hyperparameters (torch.optim's names and defaults) and a per-ball state: a
dict of (N, D) arrays. ``update`` takes the parameters and the gradient and returns new parameters
without touching the old ones, so a caller can refuse a result (divergence) and keep the old point.

Sequential (coordinate-by-coordinate) updates call ``begin_step`` once and then ``update`` once per
column with ``columns`` selecting it; state is sliced accordingly, so each coordinate keeps its own
moments and the step counter advances once per step.

The arithmetic follows torch.optim's single-tensor code (``_single_tensor_*``) operation by operation,
so that float64 results agree with torch to about one unit in the last place (torch's CPU kernels
use fused multiply-adds in places, which NumPy cannot).
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from gdsim.core.params import Param, check_keys

HyperValue = float | bool | tuple[float, float]

ALL_COLUMNS = slice(None)
#: No reused arrays: every intermediate result is a new array.
NO_WORK: tuple[None, None] = (None, None)


def hyper(name: str, default: HyperValue, help_text: str, *, low: float | None = 0.0, high: float | None = None,
          high_open: bool = False, slider: tuple[float, float] = (0.0, 1.0), log: bool = False,
          label: str = "") -> Param:
    """A hyperparameter's :class:`~gdsim.core.params.Param`: its kind follows the default (a bool makes
    a switch, a tuple a pair of numbers, a float a number), and it is at least 0 unless ``low`` says
    otherwise. Values outside ``[low, high]`` are refused, as torch refuses them; merely unusual values
    are allowed."""
    kind = "bool" if isinstance(default, bool) else "pair" if isinstance(default, tuple) else "number"
    numeric = kind != "bool"
    return Param(name, kind, default, help_text, low=low if numeric else None, high=high, high_open=high_open,
                 slider=slider if numeric else None, log=log, label=label)


# --- hyperparameters several optimizers share --------------------------------------------------


def lr_hyper(default: float) -> Param:
    """The learning rate, shared by every optimizer."""
    return hyper("lr", default, "Learning rate: the step size that multiplies the update (θ ← θ − lr·…).",
                 slider=(1e-5, 1.0), log=True)


MAXIMIZE = hyper("maximize", False, "Climb instead of descend: the gradient's sign is flipped first (g ← −g).")


def weight_decay_hyper(default: float = 0.0) -> Param:
    """L2 penalty added to the gradient."""
    return hyper("weight_decay", default,
                 "L2 penalty: adds weight_decay·θ to the gradient (g ← g + λθ) before the update.",
                 slider=(0.0, 0.1))


def decoupled_weight_decay_hyper(default: float) -> Param:
    """Weight decay applied to θ directly (AdamW's form)."""
    return hyper("weight_decay", default,
                 "Decoupled weight decay λ: shrinks θ directly before the update (θ ← θ(1 − lr·λ)), "
                 "not through the gradient.", slider=(0.0, 0.1))


DECOUPLED_WEIGHT_DECAY = hyper(
    "decoupled_weight_decay", False,
    "Decay θ directly (θ ← θ(1 − lr·λ), as AdamW) instead of adding λθ to the gradient.",
    label="decay θ directly")


def betas_hyper() -> Param:
    """The decay rates of the first and second moment averages."""
    return hyper("betas", (0.9, 0.999),
                 "Decay rates of the running averages of g (β₁) and g² (β₂): m ← β₁m + (1−β₁)g, "
                 "v ← β₂v + (1−β₂)g². Each must be in [0, 1).",
                 low=0.0, high=1.0, high_open=True, slider=(0.0, 0.9999))


def eps_hyper(default: float) -> Param:
    """The denominator's safety term."""
    return hyper("eps", default, "Added to the denominator for numerical stability: …/(√v + eps).",
                 slider=(1e-12, 1e-2), log=True)


def momentum_hyper(help_text: str) -> Param:
    """A momentum factor μ ≥ 0 (default 0: no momentum)."""
    return hyper("momentum", 0.0, help_text, slider=(0.0, 0.99))


# --- the interface ------------------------------------------------------------------------------


class Optimizer(ABC):
    """Base class of every optimizer. Subclasses declare ``name``, ``title``, ``hypers``, ``rule``,
    ``state_names`` and implement ``_update``."""

    name: ClassVar[str]
    title: ClassVar[str]
    hypers: ClassVar[tuple[Param, ...]]
    rule: ClassVar[str]
    state_names: ClassVar[tuple[str, ...]] = ()
    #: The state drawn as a velocity arrow (momentum-type optimizers), if any.
    velocity_state: ClassVar[str | None] = None

    def __init__(self, shape: tuple[int, int], hyper: Mapping[str, Any] | None = None) -> None:
        self.hyper = self.validate(hyper or {})
        self.t = 0
        self._shape = shape
        self._work_arrays: tuple[np.ndarray, np.ndarray] | None = None
        self.state = {key: np.zeros(shape) for key in self.state_names}
        self._init_state()

    # --- hyperparameters --------------------------------------------------------------------

    @classmethod
    def defaults(cls) -> dict[str, HyperValue]:
        """torch.optim's defaults."""
        return {h.name: h.default for h in cls.hypers}

    @classmethod
    def validate(cls, hyper: Mapping[str, Any]) -> dict[str, HyperValue]:
        """Fill defaults and check every value as torch does; raise InputError naming the key."""
        known = {h.name: h for h in cls.hypers}
        check_keys(hyper, known, owner=cls.name, noun="hyperparameter")
        filled = cls.defaults()
        filled.update({key: known[key].check(value) for key, value in hyper.items()})
        cls._check_together(filled)
        return filled

    @classmethod
    def _check_together(cls, hyper: dict[str, HyperValue]) -> None:
        """Constraints between hyperparameters (override where torch has them)."""

    def clone(self) -> Optimizer:
        """An independent copy, to try an update without taking it: the state arrays are copied
        (they change in place); everything else an optimizer holds is replaced, never mutated."""
        twin = copy.copy(self)
        twin.state = {key: array.copy() for key, array in self.state.items()}
        twin._work_arrays = None  # its own buffers, made when it first needs them
        return twin

    def set_hyper(self, name: str, value: Any) -> None:
        """Change one hyperparameter; it takes effect at the next update."""
        self.hyper = self.validate({**self.hyper, name: value})

    # --- stepping ---------------------------------------------------------------------------

    def _init_state(self) -> None:
        """Fill non-zero initial state (override where torch starts from something else)."""

    def begin_step(self) -> None:
        """Advance the step counter (torch's ``state['step']``) once per optimizer step."""
        self.t += 1

    def update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray,
               columns: slice = ALL_COLUMNS, out: np.ndarray | None = None) -> np.ndarray:
        """New values of ``theta[:, columns]`` after one update with gradient ``grad[:, columns]``.

        ``lr`` is a number, or an (N, 1) array of rates, one per ball (a sweep's learning rates side by
        side): it broadcasts through the same operations in the same order, so each ball's result equals
        the update with its rate as a number. ``theta`` and ``grad`` are not modified; the optimizer's own
        state is. ``out`` (all columns only; neither ``theta`` nor ``grad``) receives the new values and
        is returned, so a caller that keeps two buffers of positions allocates none; the update's
        intermediate arrays come from the optimizer's own reused buffers then.
        """
        if columns is ALL_COLUMNS or columns == ALL_COLUMNS:
            return self._update(theta, grad, lr, self.state, out, NO_WORK if out is None else self._work())
        state = {key: array[:, columns] for key, array in self.state.items()}
        return self._update(theta[:, columns], grad[:, columns], lr, state, None, NO_WORK)

    def _work(self) -> tuple[np.ndarray, np.ndarray]:
        """Two reused (N, D) arrays for an update's intermediate results (made on first use)."""
        if self._work_arrays is None:
            self._work_arrays = (np.empty(self._shape), np.empty(self._shape))
        return self._work_arrays

    @abstractmethod
    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        """One update of the selected columns; modify ``state`` in place, return the new theta.

        ``out`` (or a new array when None) takes the new theta; ``work`` holds two arrays of theta's
        shape for intermediate results (None: allocate them). NumPy's ``out=None`` allocates, so one
        sequence of operations serves both, with the same arithmetic in the same order.
        """

    def velocity(self) -> np.ndarray | None:
        """The (N, D) velocity to draw as an arrow, for momentum-type optimizers."""
        if self.velocity_state is None or self.t == 0:
            return None
        return self.state[self.velocity_state]


# --- arithmetic several optimizers share --------------------------------------------------------


def lerp_into(start: np.ndarray, end: np.ndarray, weight: float, work: np.ndarray | None = None) -> None:
    """``start ← lerp(start, end, weight)`` in place, with torch's formula for each half of weights
    (``work``: an array of the same shape for the difference, or None)."""
    if abs(weight) < 0.5:
        diff = np.subtract(end, start, out=work)
        diff *= weight
        start += diff
    else:
        diff = np.subtract(start, end, out=work)
        diff *= 1.0 - weight
        np.add(end, diff, out=start)


def ema_square_into(average: np.ndarray, grad: np.ndarray, decay: float, work: np.ndarray | None = None) -> None:
    """``average ← decay·average + (1 − decay)·g²`` in place (torch: ``mul_(decay).addcmul_(g, g, 1 − decay)``;
    ``work``: an array of the same shape for the product, or None)."""
    average *= decay
    square = np.multiply(1.0 - decay, grad, out=work)
    square *= grad
    average += square


def ascent_and_l2(grad: np.ndarray, theta: np.ndarray, weight_decay: float, maximize: bool) -> np.ndarray:
    """torch's common prologue: flip the gradient's sign to maximize, then add the L2 term λθ."""
    if maximize:
        grad = -grad
    if weight_decay != 0.0:
        grad = grad + weight_decay * theta
    return grad


def ascent_and_decay(theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, weight_decay: float,
                     maximize: bool, decoupled: bool, work: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The Adam family's prologue: maximize, then L2 (g ← g + λθ) or decoupled (θ ← θ(1 − lr·λ)) decay.

    Returns the (possibly decayed) theta and the gradient to use; neither input is modified. A decayed
    theta goes to ``work`` when given (an array of theta's shape the caller leaves alone until done).
    """
    if not decoupled:
        return theta, ascent_and_l2(grad, theta, weight_decay, maximize)
    if maximize:
        grad = -grad
    if weight_decay != 0.0:
        theta = np.multiply(theta, 1.0 - lr * weight_decay, out=work)
    return theta, grad
