"""Momentum as a moving average of gradients, as the articles write it (no torch equivalent)."""

from __future__ import annotations

import numpy as np

from gdsim.core.optimizers.base import Optimizer, hyper, lr_hyper


class MomentumEMA(Optimizer):
    """v ← βv + (1 − β)g;  θ ← θ − lr·v, with v starting at 0.

    Unlike torch's SGD momentum (b ← μb + g), the velocity is an average of gradients, so its size
    does not grow by 1/(1 − β) and the same lr moves about as far as plain gradient descent.
    """

    name = "momentum_ema"
    title = "Momentum (moving average)"
    rule = "v ← βv + (1−β)g;  θ ← θ − lr·v"
    hypers = (
        lr_hyper(0.01),
        hyper("beta", 0.9, "Averaging factor β: the velocity keeps β of itself and takes 1−β of the gradient "
                           "(v ← βv + (1−β)g). In [0, 1).",
              high=1.0, high_open=True, slider=(0.0, 0.999)),
    )
    state_names = ("velocity",)
    velocity_state = "velocity"

    def _update(self, theta: np.ndarray, grad: np.ndarray, lr: float | np.ndarray, state: dict[str, np.ndarray],
                out: np.ndarray | None, work: tuple[np.ndarray | None, np.ndarray | None]) -> np.ndarray:
        beta = self.hyper["beta"]
        velocity = state["velocity"]
        velocity *= beta
        velocity += np.multiply(1.0 - beta, grad, out=work[0])
        step = np.multiply(-lr, velocity, out=out)
        step += theta
        return step
