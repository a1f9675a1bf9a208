"""Adamax: Adam with the infinity norm in place of the second moment (torch.optim.Adamax)."""

from __future__ import annotations

import numpy as np

from gdsim.core.optimizers.base import (
    MAXIMIZE,
    Optimizer,
    ascent_and_l2,
    betas_hyper,
    eps_hyper,
    lerp_into,
    lr_hyper,
    weight_decay_hyper,
)


class Adamax(Optimizer):
    """torch.optim.Adamax."""

    name = "adamax"
    title = "Adamax"
    rule = "m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + eps);  θ ← θ − lr/(1−β₁ᵗ) · m/u"
    hypers = (
        lr_hyper(0.002),
        betas_hyper(),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        MAXIMIZE,
    )
    state_names = ("exp_avg", "exp_inf")
    velocity_state = "exp_avg"

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        grad = ascent_and_l2(grad, theta, h["weight_decay"], h["maximize"])
        beta1, beta2 = h["betas"]
        exp_avg, exp_inf = state["exp_avg"], state["exp_inf"]
        lerp_into(exp_avg, grad, 1.0 - beta1, work[0])
        exp_inf *= beta2
        bound = np.abs(grad, out=work[0])
        bound += h["eps"]
        np.maximum(exp_inf, bound, out=exp_inf)
        clr = lr / (1 - beta1**self.t)
        step = np.multiply(-clr, exp_avg, out=out)
        step /= exp_inf
        step += theta
        return step
