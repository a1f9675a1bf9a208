"""Adadelta with weight decay (torch.optim.Adadelta)."""

from __future__ import annotations

import numpy as np

from gdsim.core.optimizers.base import (
    MAXIMIZE,
    Optimizer,
    ascent_and_l2,
    ema_square_into,
    hyper,
    weight_decay_hyper,
)


class Adadelta(Optimizer):
    """torch.optim.Adadelta: scale the step by the ratio of running RMS of past steps and of gradients."""

    name = "adadelta"
    title = "Adadelta"
    rule = ("v ← ρv + (1−ρ)g²;  Δ ← √(u + eps)/√(v + eps) · g;  u ← ρu + (1−ρ)Δ²;  θ ← θ − lr·Δ")
    hypers = (
        hyper("lr", 1.0, "Learning rate: multiplies the step Δ (θ ← θ − lr·Δ); 1 is Adadelta as published.",
              slider=(1e-3, 10.0), log=True),
        hyper("rho", 0.9, "Decay ρ of both running averages: v ← ρv + (1−ρ)g², u ← ρu + (1−ρ)Δ². In [0, 1].",
              high=1.0, slider=(0.0, 0.999)),
        hyper("eps", 1e-6, "Added inside both roots, √(u + eps)/√(v + eps): it sets the size of the first steps.",
              slider=(1e-10, 1e-2), log=True),
        weight_decay_hyper(),
        MAXIMIZE,
    )
    state_names = ("square_avg", "acc_delta")

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        grad = ascent_and_l2(grad, theta, h["weight_decay"], h["maximize"])
        rho, eps = h["rho"], h["eps"]
        square_avg, acc_delta = state["square_avg"], state["acc_delta"]
        ema_square_into(square_avg, grad, rho, work[0])
        std = np.add(square_avg, eps, out=work[0])
        np.sqrt(std, out=std)
        delta = np.add(acc_delta, eps, out=out)
        np.sqrt(delta, out=delta)
        delta /= std
        delta *= grad
        ema_square_into(acc_delta, delta, rho, work[1])
        delta *= -lr
        delta += theta
        return delta
