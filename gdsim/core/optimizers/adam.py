"""Adam with AMSGrad, L2 or decoupled weight decay, and maximize (torch.optim.Adam)."""

from __future__ import annotations

import numpy as np

from gdsim.core.optimizers.base import (
    DECOUPLED_WEIGHT_DECAY,
    MAXIMIZE,
    Optimizer,
    ascent_and_decay,
    betas_hyper,
    ema_square_into,
    eps_hyper,
    hyper,
    lerp_into,
    lr_hyper,
    weight_decay_hyper,
)

AMSGRAD = hyper("amsgrad", False,
                "AMSGrad: divide by the largest v seen so far (v̂ ← max(v̂, v)) instead of the current v.")


class Adam(Optimizer):
    """torch.optim.Adam; :class:`~gdsim.core.optimizers.adamw.AdamW` is this with decay always decoupled."""

    name = "adam"
    title = "Adam"
    rule = ("m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  "
            "θ ← θ − lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + eps)")
    hypers = (
        lr_hyper(0.001),
        betas_hyper(),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        AMSGRAD,
        MAXIMIZE,
        DECOUPLED_WEIGHT_DECAY,
    )
    state_names = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    velocity_state = "exp_avg"

    def _decoupled(self) -> bool:
        """Whether weight decay shrinks θ directly (AdamW) rather than entering the gradient."""
        return bool(self.hyper["decoupled_weight_decay"])

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        theta, grad = ascent_and_decay(theta, grad, lr, h["weight_decay"], h["maximize"], self._decoupled(), work[1])
        beta1, beta2 = h["betas"]
        m, v = state["exp_avg"], state["exp_avg_sq"]
        lerp_into(m, grad, 1.0 - beta1, work[0])
        ema_square_into(v, grad, beta2, work[0])
        step_size = lr / (1.0 - beta1**self.t)
        bias_correction2_sqrt = (1.0 - beta2**self.t) ** 0.5
        if h["amsgrad"]:
            np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
            v = state["max_exp_avg_sq"]
        denom = np.sqrt(v, out=work[0])
        denom /= bias_correction2_sqrt
        denom += h["eps"]
        step = np.multiply(-step_size, m, out=out)
        step /= denom
        step += theta
        return step
