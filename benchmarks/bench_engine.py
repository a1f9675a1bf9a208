"""Engine speed against a bare NumPy loop of the same maths, in the same process.

1. A swarm: 10,000 balls of Adam on Rosenbrock for 1,000 steps through the Engine (final positions
   only), against a bare NumPy loop and against torch.optim.Adam on a (10000, 2) float64 tensor.
2. One ball for 100,000 steps (every point recorded): microseconds per step, against a bare loop.

Prints ratios (engine time / bare-loop time); target for the swarm: at most 1.3.
Usage: python benchmarks/bench_engine.py [--quick]
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np

from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario

LR, BETA1, BETA2, EPS = 0.01, 0.9, 0.999, 1e-8


def rosenbrock_gradient(p: np.ndarray) -> np.ndarray:
    x, y = p[:, 0], p[:, 1]
    inner = 200.0 * (y - x * x)
    return np.column_stack((-2.0 * (1.0 - x) - 2.0 * x * inner, inner))


def bare_adam(p: np.ndarray, steps: int) -> np.ndarray:
    """Adam written plainly, as a person would in a notebook."""
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t in range(1, steps + 1):
        g = rosenbrock_gradient(p)
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g * g
        m_hat = m / (1 - BETA1**t)
        v_hat = v / (1 - BETA2**t)
        p = p - LR * m_hat / (np.sqrt(v_hat) + EPS)
    return p


def torch_adam(p0: np.ndarray, steps: int) -> np.ndarray:
    import torch

    torch.set_num_threads(1)
    p = torch.tensor(p0, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.Adam([p], lr=LR)
    for _ in range(steps):
        with torch.no_grad():
            p.grad = torch.from_numpy(rosenbrock_gradient(p.detach().numpy()))
        optimizer.step()
    return p.detach().numpy()


def engine_for(start, steps: int) -> Engine:
    run = RunSpec(label="Adam", optimizer="adam", hyper={"lr": LR}, start=start)
    return Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, runs=(run,), steps=steps, seed=0))


def best_of(repeats: int, work) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def swarm(balls: int, steps: int, repeats: int) -> None:
    def through_engine():
        engine = engine_for({"random": balls}, steps)
        engine.run_to_end()
        return engine.runs[0].theta

    start = engine_for({"random": balls}, steps).runs[0].start
    engine_s, final = best_of(repeats, through_engine)
    bare_s, bare_final = best_of(repeats, lambda: bare_adam(start.copy(), steps))
    torch_s, _ = best_of(repeats, lambda: torch_adam(start, steps))
    agree = np.max(np.abs(final - bare_final))
    print(f"swarm: {balls} balls x {steps} steps of Adam on Rosenbrock (best of {repeats})")
    print(f"  engine      {engine_s * 1e3:9.1f} ms   {engine_s / steps * 1e6:8.1f} us/step")
    print(f"  bare numpy  {bare_s * 1e3:9.1f} ms   ratio engine/bare  = {engine_s / bare_s:.2f}  (target <= 1.3)")
    print(f"  torch.optim {torch_s * 1e3:9.1f} ms   ratio engine/torch = {engine_s / torch_s:.2f}")
    print(f"  max |engine - bare| = {agree:.1e}")


def single(steps: int, repeats: int) -> None:
    def through_engine():
        engine = engine_for([-1.5, 2.0], steps)
        engine.run_to_end()
        return engine

    engine_s, engine = best_of(repeats, through_engine)
    bare_s, _ = best_of(repeats, lambda: bare_adam(np.array([[-1.5, 2.0]]), steps))
    recorded = engine.runs[0].history.length
    print(f"one ball: {steps} steps of Adam on Rosenbrock, every point recorded ({recorded} kept)")
    print(f"  engine      {engine_s / steps * 1e6:8.2f} us/step")
    print(f"  bare numpy  {bare_s / steps * 1e6:8.2f} us/step   ratio engine/bare = {engine_s / bare_s:.2f}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    swarm(10_000, 100 if quick else 1_000, 1 if quick else 3)
    single(2_000 if quick else 100_000, 1 if quick else 2)
