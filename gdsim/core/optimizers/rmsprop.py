"""RMSprop with momentum, the centered variant and weight decay (torch.optim.RMSprop)."""

from __future__ import annotations

import numpy as np

from gdsim.core.optimizers.base import (
    MAXIMIZE,
    Optimizer,
    ascent_and_l2,
    ema_square_into,
    eps_hyper,
    hyper,
    lerp_into,
    lr_hyper,
    momentum_hyper,
    weight_decay_hyper,
)


class RMSprop(Optimizer):
    """torch.optim.RMSprop: divide the gradient by the root of a running average of its square."""

    name = "rmsprop"
    title = "RMSprop"
    rule = ("v ← αv + (1−α)g²;  θ ← θ − lr·g / (√v + eps)   "
            "(centered: √(v − ḡ²); momentum: b ← μb + g/(√v + eps), θ ← θ − lr·b)")
    hypers = (
        lr_hyper(0.01),
        hyper("alpha", 0.99, "Smoothing constant α of the running average of g²: v ← αv + (1−α)g².",
              slider=(0.0, 0.9999)),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        momentum_hyper("Momentum μ on the scaled step: b ← μb + g/(√v + eps), θ ← θ − lr·b (0: none)."),
        hyper("centered", False, "Centered: divide by an estimate of the gradient's variance, "
                                 "√(v − ḡ²) with ḡ ← αḡ + (1−α)g, instead of √v."),
        MAXIMIZE,
    )
    state_names = ("square_avg", "momentum_buffer", "grad_avg")
    velocity_state = "momentum_buffer"

    def velocity(self) -> np.ndarray | None:
        return super().velocity() if self.hyper["momentum"] > 0 else None

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        grad = ascent_and_l2(grad, theta, h["weight_decay"], h["maximize"])
        alpha = h["alpha"]
        square_avg = state["square_avg"]
        ema_square_into(square_avg, grad, alpha, work[0])
        if h["centered"]:
            grad_avg = state["grad_avg"]
            lerp_into(grad_avg, grad, 1.0 - alpha, work[0])
            avg = np.multiply(grad_avg, grad_avg, out=work[0])
            np.subtract(square_avg, avg, out=avg)
            np.sqrt(avg, out=avg)
        else:
            avg = np.sqrt(square_avg, out=work[0])
        avg += h["eps"]
        if h["momentum"] > 0:
            buf = state["momentum_buffer"]
            buf *= h["momentum"]
            avg = np.divide(grad, avg, out=avg)
            buf += avg
            step = np.multiply(-lr, buf, out=out)
        else:
            step = np.multiply(-lr, grad, out=out)
            step /= avg
        step += theta
        return step
