"""NAdam: Adam with Nesterov momentum and momentum decay (torch.optim.NAdam)."""

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


class NAdam(Optimizer):
    """torch.optim.NAdam.

    The momentum schedule μₜ = β₁(1 − ½·0.96^(t·ψ)) and its running product are shared by every ball
    and coordinate, so they advance in :meth:`begin_step`, once per step (torch keeps the product as
    a scalar tensor of the default dtype: compare with torch in float64).
    """

    name = "nadam"
    title = "NAdam"
    rule = ("μₜ = β₁(1 − ½·0.96^(tψ));  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  "
            "θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g + μₜ₊₁/(1−Πμ·μₜ₊₁)·m] / (√(v/(1−β₂ᵗ)) + eps)")
    hypers = (
        lr_hyper(0.002),
        betas_hyper(),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        hyper("momentum_decay", 0.004,
              "Momentum decay ψ: the momentum used at step t is μₜ = β₁(1 − ½·0.96^(tψ)).",
              slider=(0.0, 0.1)),
        DECOUPLED_WEIGHT_DECAY,
        MAXIMIZE,
    )
    state_names = ("exp_avg", "exp_avg_sq")
    velocity_state = "exp_avg"

    def _init_state(self) -> None:
        self.mu_product = 1.0
        self._mu = self._mu_next = 0.0

    def begin_step(self) -> None:
        super().begin_step()
        beta1 = self.hyper["betas"][0]
        decay = self.hyper["momentum_decay"]
        self._mu = beta1 * (1.0 - 0.5 * (0.96 ** (self.t * decay)))
        self._mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((self.t + 1) * decay)))
        self.mu_product *= self._mu

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        theta, grad = ascent_and_decay(theta, grad, lr, h["weight_decay"], h["maximize"],
                                       h["decoupled_weight_decay"], work[1])
        beta1, beta2 = h["betas"]
        mu, mu_next, mu_product = self._mu, self._mu_next, self.mu_product
        exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
        lerp_into(exp_avg, grad, 1.0 - beta1, work[0])
        ema_square_into(exp_avg_sq, grad, beta2, work[0])
        denom = np.divide(exp_avg_sq, 1 - beta2**self.t, out=work[0])
        np.sqrt(denom, out=denom)
        denom += h["eps"]
        step = np.multiply(-lr * (1.0 - mu) / (1.0 - mu_product), grad, out=out)
        step /= denom
        step += theta
        momentum_step = np.multiply((-lr * mu_next) / (1.0 - mu_product * mu_next), exp_avg, out=work[1])
        momentum_step /= denom
        step += momentum_step
        return step
