"""Adagrad with learning-rate decay, an initial accumulator and weight decay (torch.optim.Adagrad)."""

from __future__ import annotations

import numpy as np

from gdsim.core.optimizers.base import (
    MAXIMIZE,
    Optimizer,
    ascent_and_l2,
    eps_hyper,
    hyper,
    lr_hyper,
    weight_decay_hyper,
)


class Adagrad(Optimizer):
    """torch.optim.Adagrad: divide by the root of the sum of every squared gradient so far."""

    name = "adagrad"
    title = "Adagrad"
    rule = "s ← s + g²;  θ ← θ − lr/(1 + (t−1)·η) · g / (√s + eps)"
    hypers = (
        lr_hyper(0.01),
        hyper("lr_decay", 0.0, "Learning-rate decay η: step t uses lr/(1 + (t−1)η).", slider=(0.0, 0.1)),
        weight_decay_hyper(),
        hyper("initial_accumulator_value", 0.0,
              "Starting value of the sum of squared gradients s (set when the optimizer is created).",
              slider=(0.0, 1.0)),
        eps_hyper(1e-10),
        MAXIMIZE,
    )
    state_names = ("sum",)

    def _init_state(self) -> None:
        self.state["sum"].fill(self.hyper["initial_accumulator_value"])

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        h = self.hyper
        grad = ascent_and_l2(grad, theta, h["weight_decay"], h["maximize"])
        clr = lr / (1 + (self.t - 1) * h["lr_decay"])
        total = state["sum"]
        square = np.multiply(grad, grad, out=work[0])
        total += square
        std = np.sqrt(total, out=square)
        std += h["eps"]
        step = np.multiply(-clr, grad, out=out)
        step /= std
        step += theta
        return step
