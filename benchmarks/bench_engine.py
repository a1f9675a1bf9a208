"""Engine speed against a bare NumPy loop of the same maths, in a process that never imports torch.

1. Scaling: Adam on Rosenbrock through the Engine (a swarm keeps final positions only) against a
   bare loop, for 1 to 100,000 balls: microseconds per step and the paired ratio engine / bare.
2. One ball, every point recorded (the lesson and racing path), against a bare loop of one ball.

Sides take turns (the order reversed every other round); each ratio is the median of the rounds'
paired ratios, with its spread; CPU and wall time. torch comparisons live in bench_torch.py.
Usage: python benchmarks/bench_engine.py [--quick]
"""

from __future__ import annotations

import sys

import numpy as np
from bare_loops import bare_adam
from timing import load_average, paired_ratio, refuse_torch, taking_turns

from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario

LR = 0.01
SCALING_BALLS = (1, 10, 64, 65, 100, 1_000, 10_000, 100_000)


def engine_for(start, steps: int) -> Engine:
    run = RunSpec(label="Adam", optimizer="adam", hyper={"lr": LR}, start=start)
    return Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, runs=(run,), steps=steps, seed=0))


def through_engine(start, steps: int) -> Engine:
    engine = engine_for(start, steps)
    engine.run_to_end()
    return engine


def scaling(rounds: int, quick: bool) -> None:
    print(f"scaling: Adam on Rosenbrock, swarm {{'random': N}} (final positions only); {load_average()}")
    print(f"{'balls':>8}{'steps':>7}{'engine us/step':>16}{'bare us/step':>14}"
          "   engine / bare (paired median [spread])")
    for balls in SCALING_BALLS:
        steps = int(np.clip(3_000_000 // balls, 50, 3_000)) // (10 if quick else 1)
        start = engine_for({"random": balls}, steps).runs[0].start
        times = taking_turns({"engine": lambda b=balls, s=steps: through_engine({"random": b}, s),
                              "bare": lambda p=start, s=steps: bare_adam(p.copy(), s, LR)}, rounds)
        ratio = paired_ratio(times["engine"], times["bare"])
        print(f"{balls:>8,}{steps:>7}{times['engine'].cpu_median / steps * 1e6:16.1f}"
              f"{times['bare'].cpu_median / steps * 1e6:14.1f}   {ratio.text()}")


def single(steps: int, rounds: int) -> None:
    start = [-1.5, 2.0]
    recorded = through_engine(start, steps).runs[0].history.length
    times = taking_turns({"engine": lambda: through_engine(start, steps),
                          "bare": lambda: bare_adam(np.array([start]), steps, LR)}, rounds)
    ratio = paired_ratio(times["engine"], times["bare"])
    print(f"one ball: {steps} steps of Adam on Rosenbrock, every point recorded ({recorded} kept); {load_average()}")
    print(f"  engine {times['engine'].cpu_median / steps * 1e6:.2f} us/step, bare "
          f"{times['bare'].cpu_median / steps * 1e6:.2f} us/step; engine / bare = {ratio.text()}  (target <= 1.5)")


if __name__ == "__main__":
    refuse_torch()
    quick = "--quick" in sys.argv
    scaling(3 if quick else 7, quick)
    single(2_000 if quick else 20_000, 3 if quick else 7)
    print(load_average())
