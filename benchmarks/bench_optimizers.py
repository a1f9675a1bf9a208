"""Every optimizer through the engine against a bare NumPy loop of the same maths, and against torch.optim.

For each optimizer: 10,000 balls on Rosenbrock for 1,000 steps through gdsim's Engine (start
{"random": 10000}, final positions only), the same maths as a plain NumPy loop in the same process,
and torch.optim on a (10000, 2) float64 tensor (one thread, like NumPy). Prints a table of times and
ratios (engine / bare: target at most 1.3) and the largest difference from the bare loop's result.

That difference is rounding for most balls, but a few balls on Rosenbrock amplify a one-ulp
difference in the order of operations exponentially (torch's own vectorized kernels and its scalar
path disagree the same way), so the largest difference can reach 1e-2 for the Adam family.

Usage: python benchmarks/bench_optimizers.py [--quick] [NAME ...]
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from functools import partial

import numpy as np

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario

#: Learning rates that keep a random swarm over Rosenbrock's domain from diverging.
LR = {"sgd": 1e-4, "momentum_ema": 1e-4, "adam": 1e-2, "adamw": 1e-2, "rmsprop": 1e-3, "adagrad": 0.1,
      "adadelta": 1.0, "adamax": 1e-2, "nadam": 1e-2, "radam": 1e-4}
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def rosenbrock_gradient(p: np.ndarray) -> np.ndarray:
    x, y = p[:, 0], p[:, 1]
    inner = 200.0 * (y - x * x)
    return np.column_stack((-2.0 * (1.0 - x) - 2.0 * x * inner, inner))


# --- the bare loops: each optimizer with its defaults, written plainly -----------------------------


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
TORCH_NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad",
               "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "NAdam", "radam": "RAdam"}


def torch_loop(name: str, p0: np.ndarray, steps: int, lr: float) -> np.ndarray:
    import torch

    p = torch.tensor(p0, dtype=torch.float64)
    optimizer = getattr(torch.optim, TORCH_NAMES[name])([p], lr=lr)
    for _ in range(steps):
        p.grad = torch.from_numpy(rosenbrock_gradient(p.numpy()))
        optimizer.step()
    return p.numpy()


# --- timing -------------------------------------------------------------------------------------


def engine_for(name: str, balls: int, steps: int) -> Engine:
    run = RunSpec(label=name, optimizer=name, hyper={"lr": LR[name]}, start={"random": balls})
    return Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, runs=(run,), steps=steps, seed=0))


def best_times(repeats: int, works: dict[str, Callable[[], np.ndarray]]) -> dict[str, tuple[float, np.ndarray]]:
    """The best CPU time of each piece of work and its result.

    CPU time of this process (everything here runs on one thread) rather than wall time, and taking
    turns, so that other programs competing for the machine distort the ratios as little as possible.
    """
    best = {key: (math.inf, np.empty(0)) for key in works}
    for _ in range(repeats):
        for key, work in works.items():
            started = time.process_time()
            result = work()
            elapsed = time.process_time() - started
            if elapsed < best[key][0]:
                best[key] = (elapsed, result)
    return best


def through_engine(name: str, balls: int, steps: int) -> np.ndarray:
    engine = engine_for(name, balls, steps)
    engine.run_to_end()
    return engine.runs[0].theta


def main(names: list[str], balls: int, steps: int, repeats: int) -> None:
    import torch

    torch.set_num_threads(1)
    torch_loop("sgd", np.zeros((1, 2)), 2, 0.1)  # torch's first step pays for lazy set-up
    print(f"{balls} balls x {steps} steps on Rosenbrock, best of {repeats}; CPU times in ms")
    print(f"{'optimizer':<13}{'engine':>9}{'bare':>9}{'torch':>9}{'eng/bare':>10}{'eng/torch':>11}"
          f"{'max |eng-bare|':>16}")
    for name in names:
        lr = LR[name]
        start = engine_for(name, balls, steps).runs[0].start
        works = {"engine": partial(through_engine, name, balls, steps), "bare": partial(BARE[name], start, steps, lr)}
        if name in TORCH_NAMES:
            works["torch"] = partial(torch_loop, name, start, steps, lr)
        best = best_times(repeats, works)
        (engine_s, final), (bare_s, bare_final) = best["engine"], best["bare"]
        torch_ms, vs_torch = "-", "-"
        if "torch" in best:
            torch_s = best["torch"][0]
            torch_ms, vs_torch = f"{torch_s * 1e3:.0f}", f"{engine_s / torch_s:.2f}"
        gap = np.max(np.abs(final - bare_final))
        print(f"{name:<13}{engine_s * 1e3:9.0f}{bare_s * 1e3:9.0f}{torch_ms:>9}{engine_s / bare_s:10.2f}"
              f"{vs_torch:>11}{gap:16.1e}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    unknown = [a for a in arguments if a not in OPTIMIZERS]
    if unknown:
        sys.exit(f"unknown optimizer(s): {', '.join(unknown)}; known: {', '.join(OPTIMIZERS)}")
    quick = "--quick" in sys.argv
    main(arguments or list(OPTIMIZERS), 10_000, 100 if quick else 1_000, 1 if quick else 5)
