"""Stochastic gradient descent with momentum, dampening, Nesterov and weight decay (torch.optim.SGD)."""

from __future__ import annotations

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.optimizers.base import (
    MAXIMIZE,
    HyperValue,
    Optimizer,
    ascent_and_l2,
    hyper,
    lr_hyper,
    momentum_hyper,
    weight_decay_hyper,
)


class SGD(Optimizer):
    """torch.optim.SGD. The momentum buffer starts as the first gradient seen with momentum on."""

    name = "sgd"
    title = "SGD"
    rule = "b ← μ·b + (1 − τ)·g;  θ ← θ − lr·b   (Nesterov: θ ← θ − lr·(g + μb); plain: θ ← θ − lr·g)"
    hypers = (
        lr_hyper(0.001),
        momentum_hyper("Momentum μ: the velocity keeps μ of itself each step (b ← μb + (1−τ)g)."),
        hyper("dampening", 0.0, "Dampening τ: the share of the gradient held back (b ← μb + (1−τ)g).",
              low=None, slider=(0.0, 1.0)),
        weight_decay_hyper(),
        hyper("nesterov", False, "Nesterov momentum: step along g + μb instead of b (needs μ > 0, τ = 0)."),
        MAXIMIZE,
    )
    state_names = ("momentum_buffer",)
    velocity_state = "momentum_buffer"

    def _init_state(self) -> None:
        self._buffer_started = False
        self._fresh_buffer = False

    @classmethod
    def _check_together(cls, hyper: dict[str, HyperValue]) -> None:
        if hyper["nesterov"] and (hyper["momentum"] <= 0 or hyper["dampening"] != 0):
            raise InputError("nesterov", "Nesterov momentum needs momentum > 0 and dampening 0",
                             "hyper.nesterov", {"momentum": hyper["momentum"], "dampening": hyper["dampening"]})

    def begin_step(self) -> None:
        super().begin_step()
        # torch starts the buffer as a copy of the gradient at the first step taken with momentum.
        momentum_on = self.hyper["momentum"] != 0
        self._fresh_buffer = momentum_on and not self._buffer_started
        self._buffer_started |= momentum_on

    def velocity(self) -> np.ndarray | None:
        return self.state["momentum_buffer"] if self._buffer_started and self.hyper["momentum"] != 0 else None

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        grad = ascent_and_l2(grad, theta, h["weight_decay"], h["maximize"])
        momentum = h["momentum"]
        if momentum != 0:
            buf = state["momentum_buffer"]
            if self._fresh_buffer:
                buf[...] = grad
            else:
                buf *= momentum
                dampening = h["dampening"]
                buf += grad if dampening == 0 else (1.0 - dampening) * grad
            grad = grad + momentum * buf if h["nesterov"] else buf
        step = np.multiply(-lr, grad, out=out)
        step += theta
        return step
