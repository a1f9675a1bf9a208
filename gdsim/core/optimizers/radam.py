"""RAdam: Adam with the variance of the adaptive rate rectified (torch.optim.RAdam)."""

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
    lerp_into,
    lr_hyper,
    weight_decay_hyper,
)


class RAdam(Optimizer):
    """torch.optim.RAdam: momentum SGD while the variance estimate is unreliable (ρₜ ≤ 5), then rectified Adam."""

    name = "radam"
    title = "RAdam"
    rule = ("m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1−β₂ᵗ);  "
            "θ ← θ − lr·m̂·r·√(1−β₂ᵗ)/(√v + eps) if ρₜ > 5, else θ ← θ − lr·m̂")
    hypers = (
        lr_hyper(0.001),
        betas_hyper(),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        DECOUPLED_WEIGHT_DECAY,
        MAXIMIZE,
    )
    state_names = ("exp_avg", "exp_avg_sq")
    velocity_state = "exp_avg"

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        theta, grad = ascent_and_decay(theta, grad, lr, h["weight_decay"], h["maximize"],
                                       h["decoupled_weight_decay"])
        beta1, beta2 = h["betas"]
        t = self.t
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        lerp_into(exp_avg, grad, 1.0 - beta1, work[0])
        ema_square_into(exp_avg_sq, grad, beta2, work[0])
        bias_correction1 = 1 - beta1**t
        bias_correction2 = 1 - beta2**t
        step = np.divide(exp_avg, bias_correction1, out=work[1])
        step *= lr
        rho_inf = 2 / (1 - beta2) - 1
        rho_t = rho_inf - 2 * t * (beta2**t) / bias_correction2
        if rho_t > 5.0:
            adaptive = np.sqrt(exp_avg_sq, out=work[0])
            adaptive += h["eps"]
            np.divide(bias_correction2**0.5, adaptive, out=adaptive)
            step *= adaptive
            step *= ((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
        return np.subtract(theta, step, out=step if out is None else out)
