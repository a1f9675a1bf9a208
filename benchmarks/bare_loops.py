"""Bare NumPy loops of the benchmarks' maths, written plainly as a person would in a notebook.

Each takes the (N, 2) start points on Rosenbrock, the number of steps and the learning rate, and
returns the final points; each optimizer with torch.optim's defaults.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def rosenbrock_gradient(p: np.ndarray) -> np.ndarray:
    x, y = p[:, 0], p[:, 1]
    inner = 200.0 * (y - x * x)
    return np.column_stack((-2.0 * (1.0 - x) - 2.0 * x * inner, inner))


def bare_sgd(p: np.ndarray, steps: int, lr: float) -> np.ndarray:
    for _ in range(steps):
        p = p - lr * rosenbrock_gradient(p)
    return p


def bare_momentum_ema(p: np.ndarray, steps: int, lr: float, beta: float = 0.9) -> np.ndarray:
    v = np.zeros_like(p)
    for _ in range(steps):
        v = beta * v + (1 - beta) * rosenbrock_gradient(p)
        p = p - lr * v
    return p


def bare_adam(p: np.ndarray, steps: int, lr: float, weight_decay: float = 0.0) -> np.ndarray:
    m, v = np.zeros_like(p), np.zeros_like(p)
    for t in range(1, steps + 1):
        g = rosenbrock_gradient(p)
        if weight_decay:
            p = p * (1 - lr * weight_decay)
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g * g
        p = p - lr / (1 - BETA1**t) * m / (np.sqrt(v / (1 - BETA2**t)) + EPS)
    return p


def bare_adamw(p: np.ndarray, steps: int, lr: float) -> np.ndarray:
    return bare_adam(p, steps, lr, weight_decay=0.01)


def bare_rmsprop(p: np.ndarray, steps: int, lr: float, alpha: float = 0.99) -> np.ndarray:
    v = np.zeros_like(p)
    for _ in range(steps):
        g = rosenbrock_gradient(p)
        v = alpha * v + (1 - alpha) * g * g
        p = p - lr * g / (np.sqrt(v) + EPS)
    return p


def bare_adagrad(p: np.ndarray, steps: int, lr: float, eps: float = 1e-10) -> np.ndarray:
    s = np.zeros_like(p)
    for _ in range(steps):
        g = rosenbrock_gradient(p)
        s = s + g * g
        p = p - lr * g / (np.sqrt(s) + eps)
    return p


def bare_adadelta(p: np.ndarray, steps: int, lr: float, rho: float = 0.9, eps: float = 1e-6) -> np.ndarray:
    v, u = np.zeros_like(p), np.zeros_like(p)
    for _ in range(steps):
        g = rosenbrock_gradient(p)
        v = rho * v + (1 - rho) * g * g
        delta = np.sqrt(u + eps) / np.sqrt(v + eps) * g
        u = rho * u + (1 - rho) * delta * delta
        p = p - lr * delta
    return p


def bare_adamax(p: np.ndarray, steps: int, lr: float) -> np.ndarray:
    m, u = np.zeros_like(p), np.zeros_like(p)
    for t in range(1, steps + 1):
        g = rosenbrock_gradient(p)
        m = BETA1 * m + (1 - BETA1) * g
        u = np.maximum(BETA2 * u, np.abs(g) + EPS)
        p = p - lr / (1 - BETA1**t) * m / u
    return p


def bare_nadam(p: np.ndarray, steps: int, lr: float, psi: float = 0.004) -> np.ndarray:
    m, v = np.zeros_like(p), np.zeros_like(p)
    mu_product = 1.0
    for t in range(1, steps + 1):
        g = rosenbrock_gradient(p)
        mu = BETA1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = BETA1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        mu_product *= mu
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g * g
        denom = np.sqrt(v / (1 - BETA2**t)) + EPS
        p = p - lr * (1 - mu) / (1 - mu_product) * g / denom - lr * mu_next / (1 - mu_product * mu_next) * m / denom
    return p


def bare_radam(p: np.ndarray, steps: int, lr: float) -> np.ndarray:
    m, v = np.zeros_like(p), np.zeros_like(p)
    rho_inf = 2 / (1 - BETA2) - 1
    for t in range(1, steps + 1):
        g = rosenbrock_gradient(p)
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g * g
        m_hat = m / (1 - BETA1**t)
        rho_t = rho_inf - 2 * t * BETA2**t / (1 - BETA2**t)
        if rho_t > 5:
            rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            p = p - lr * m_hat * rect * math.sqrt(1 - BETA2**t) / (np.sqrt(v) + EPS)
        else:
            p = p - lr * m_hat
    return p


BARE: dict[str, Callable[[np.ndarray, int, float], np.ndarray]] = {
    "sgd": bare_sgd, "momentum_ema": bare_momentum_ema, "adam": bare_adam, "adamw": bare_adamw,
    "rmsprop": bare_rmsprop, "adagrad": bare_adagrad, "adadelta": bare_adadelta, "adamax": bare_adamax,
    "nadam": bare_nadam, "radam": bare_radam,
}
#: Learning rates that keep a random swarm over Rosenbrock's domain from diverging.
LR = {"sgd": 1e-4, "momentum_ema": 1e-4, "adam": 1e-2, "adamw": 1e-2, "rmsprop": 1e-3, "adagrad": 0.1,
      "adadelta": 1.0, "adamax": 1e-2, "nadam": 1e-2, "radam": 1e-4}
