"""Adam with AMSGrad, L2 or decoupled weight decay, and maximize (torch.optim.Adam)."""

from __future__ import annotations

import math

import numpy as np

from gdsim.core.optimizers.base import (
    MAXIMIZE,
    Hyper,
    Optimizer,
    apply_weight_decay,
    betas_hyper,
    eps_hyper,
    lerp_into,
    lr_hyper,
    weight_decay_hyper,
)

AMSGRAD = Hyper("amsgrad", False, "AMSGrad: divide by the largest v seen so far instead of the current v.")


def adam_direction(opt: Optimizer, grad: np.ndarray, lr: float, state: dict[str, np.ndarray]) -> np.ndarray:
    """Adam's moment updates and its step −lr/(1−β₁ᵗ) · m / (√(v̂) + eps), shared with AdamW."""
    beta1, beta2 = opt.hyper["betas"]
    m, v = state["exp_avg"], state["exp_avg_sq"]
    lerp_into(m, grad, 1.0 - beta1)
    v *= beta2
    v += (1.0 - beta2) * grad * grad
    step_size = lr / (1.0 - beta1**opt.t)
    bias_correction2_sqrt = math.sqrt(1.0 - beta2**opt.t)
    if opt.hyper["amsgrad"]:
        np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
        v = state["max_exp_avg_sq"]
    denom = np.sqrt(v)
    denom /= bias_correction2_sqrt
    denom += opt.hyper["eps"]
    step = (-step_size) * m
    step /= denom
    return step


class Adam(Optimizer):
    name = "adam"
    title = "Adam"
    rule = "m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·m̂ / (√v̂ + eps)"
    hypers = (
        lr_hyper(0.001),
        betas_hyper(),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        AMSGRAD,
        MAXIMIZE,
        Hyper("decoupled_weight_decay", False,
              "Decay θ directly (θ ← θ(1 − lr·λ), as AdamW) instead of adding λθ to the gradient."),
    )
    state_names = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    velocity_state = "exp_avg"

    def _update(self, theta, grad, lr, state):
        h = self.hyper
        if h["decoupled_weight_decay"]:
            grad = -grad if h["maximize"] else grad
            theta = theta * (1.0 - lr * h["weight_decay"])
        else:
            grad = apply_weight_decay(grad, theta, h["weight_decay"], h["maximize"])
        step = adam_direction(self, grad, lr, state)
        step += theta
        return step
