"""Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (torch.optim.SGD)."""

from __future__ import annotations

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.optimizers.base import (
    MAXIMIZE,
    Hyper,
    HyperValue,
    Optimizer,
    apply_weight_decay,
    lr_hyper,
    weight_decay_hyper,
)


class SGD(Optimizer):
    name = "sgd"
    title = "SGD"
    rule = "b ← μ·b + (1 − τ)·g;  θ ← θ − lr·b   (plain: θ ← θ − lr·g)"
    hypers = (
        lr_hyper(0.001),
        Hyper("momentum", 0.0, "Momentum μ: the velocity keeps μ of itself each step (b ← μb + (1−τ)g).",
              slider=(0.0, 0.99)),
        Hyper("dampening", 0.0, "Dampening τ: the share of the gradient held back (b ← μb + (1−τ)g).",
              low=None, slider=(0.0, 1.0)),
        weight_decay_hyper(),
        Hyper("nesterov", False, "Nesterov momentum: step along g + μb instead of b (needs μ > 0, τ = 0)."),
        MAXIMIZE,
    )
    state_names = ("momentum_buffer",)
    velocity_state = "momentum_buffer"

    @classmethod
    def _check_together(cls, hyper: dict[str, HyperValue]) -> None:
        if hyper["nesterov"] and (hyper["momentum"] <= 0 or hyper["dampening"] != 0):
            raise InputError("nesterov", "Nesterov momentum needs momentum > 0 and dampening 0")

    def velocity(self) -> np.ndarray | None:
        return super().velocity() if self.hyper["momentum"] != 0 else None

    def _update(self, theta, grad, lr, state):
        h = self.hyper
        grad = apply_weight_decay(grad, theta, h["weight_decay"], h["maximize"])
        momentum = h["momentum"]
        if momentum != 0:
            buf = state["momentum_buffer"]
            if self.t == 1:
                buf[...] = grad
            else:
                buf *= momentum
                buf += (1.0 - h["dampening"]) * grad
            grad = grad + momentum * buf if h["nesterov"] else buf
        return theta + (-lr) * grad
