"""The engine against torch.optim, each in its own process state.

torch changes how the whole process uses memory once it is imported, so the engine is never timed
in a process that has imported torch: it runs in a spawned worker process that never imports torch,
while torch.optim runs here; the two take turns round by round. For each optimizer torch has:
10,000 balls x 1,000 steps on Rosenbrock, torch on a (10000, 2) float64 tensor with one thread.
Prints median CPU ms and the paired ratio engine / torch (median and spread over the rounds).

Usage: python benchmarks/bench_torch.py [--quick] [NAME ...]
"""

from __future__ import annotations

import multiprocessing
import statistics
import sys
import time

import numpy as np
from bare_loops import LR, rosenbrock_gradient
from timing import load_average

TORCH_NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad",
               "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "NAdam", "radam": "RAdam"}


def engine_cpu_seconds(name: str, balls: int, steps: int) -> tuple[float, bool]:
    """Run in the worker: CPU seconds of one engine run, and whether torch was imported there."""
    from bench_optimizers import through_engine

    started = time.process_time()
    through_engine(name, balls, steps)
    return time.process_time() - started, "torch" in sys.modules


def torch_loop(name: str, p0: np.ndarray, steps: int, lr: float) -> np.ndarray:
    import torch

    p = torch.tensor(p0, dtype=torch.float64)
    optimizer = getattr(torch.optim, TORCH_NAMES[name])([p], lr=lr)
    for _ in range(steps):
        p.grad = torch.from_numpy(rosenbrock_gradient(p.numpy()))
        optimizer.step()
    return p.numpy()


def main(names: list[str], balls: int, steps: int, rounds: int) -> None:
    import torch
    from bench_optimizers import engine_for

    torch.set_num_threads(1)
    torch_loop("sgd", np.zeros((1, 2)), 2, 0.1)  # torch's first step pays for lazy set-up
    print(f"{balls} balls x {steps} steps on Rosenbrock, {rounds} rounds taking turns; median CPU ms; {load_average()}")
    print(f"{'optimizer':<13}{'engine':>9}{'torch':>9}   engine / torch (paired median [spread])")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        for name in names:
            start = engine_for(name, balls, steps).runs[0].start
            engine_s, torch_s = [], []
            for _ in range(rounds):
                seconds, imported = pool.apply(engine_cpu_seconds, (name, balls, steps))
                if imported:
                    sys.exit("the engine's worker imported torch")
                engine_s.append(seconds)
                started = time.process_time()
                torch_loop(name, start, steps, LR[name])
                torch_s.append(time.process_time() - started)
            ratios = [e / t for e, t in zip(engine_s, torch_s, strict=True)]
            print(f"{name:<13}{statistics.median(engine_s) * 1e3:9.0f}{statistics.median(torch_s) * 1e3:9.0f}   "
                  f"{statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]")
    print(load_average())


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    unknown = [a for a in arguments if a not in TORCH_NAMES]
    if unknown:
        sys.exit(f"unknown optimizer(s): {', '.join(unknown)}; torch has: {', '.join(TORCH_NAMES)}")
    quick = "--quick" in sys.argv
    main(arguments or list(TORCH_NAMES), 10_000, 100 if quick else 1_000, 3 if quick else 5)
