"""Every optimizer through the engine against a bare NumPy loop of the same maths, without torch.

For each optimizer: 10,000 balls on Rosenbrock for 1,000 steps through gdsim's Engine (start
{"random": 10000}, final positions only) and the same maths as a plain NumPy loop, taking turns in
one process that never imports torch (as a gdsim process runs). Prints CPU medians and the paired
ratio engine / bare (median and spread over the rounds; target at most 1.15), the largest
difference from the bare loop's result, and the minor page faults per 1,000 steps of one more run of
each side (a step that allocates and frees large arrays makes the heap hand pages back to the kernel
and fault them in again; run with MALLOC_TOP_PAD_=131072, glibc's default, to see the engine without
its heap tuning). torch.optim comparisons live in bench_torch.py.

That difference is rounding for most balls, but a few balls on Rosenbrock amplify a one-ulp
difference in the order of operations exponentially (torch's own vectorized kernels and its scalar
path disagree the same way), so the largest difference can reach 1e-2 for the Adam family.

Usage: python benchmarks/bench_optimizers.py [--quick] [NAME ...]
"""

from __future__ import annotations

import resource
import sys
from functools import partial

import numpy as np
from bare_loops import BARE, LR
from timing import load_average, paired_ratio, refuse_torch, taking_turns

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario


def engine_for(name: str, balls: int, steps: int) -> Engine:
    run = RunSpec(label=name, optimizer=name, hyper={"lr": LR[name]}, start={"random": balls})
    return Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, runs=(run,), steps=steps, seed=0))


def through_engine(name: str, balls: int, steps: int) -> np.ndarray:
    engine = engine_for(name, balls, steps)
    engine.run_to_end()
    return engine.runs[0].theta


def faults_per_1000_steps(work, steps: int) -> float:
    """Minor page faults of one call of ``work`` (taking ``steps`` steps), per 1,000 steps."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    work()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) * 1000 / steps


def main(names: list[str], balls: int, steps: int, rounds: int) -> None:
    print(f"{balls} balls x {steps} steps on Rosenbrock, {rounds} rounds taking turns; median CPU ms; {load_average()}")
    print(f"{'optimizer':<13}{'engine':>9}{'bare':>9}   engine / bare (paired median [spread])   max |eng-bare|"
          "   faults/1000 steps: engine, bare")
    for name in names:
        lr = LR[name]
        start = engine_for(name, balls, steps).runs[0].start
        times = taking_turns({"engine": partial(through_engine, name, balls, steps),
                              "bare": partial(BARE[name], start, steps, lr)}, rounds)
        gap = np.max(np.abs(through_engine(name, balls, steps) - BARE[name](start, steps, lr)))
        faults = [faults_per_1000_steps(partial(through_engine, name, balls, steps), steps),
                  faults_per_1000_steps(partial(BARE[name], start, steps, lr), steps)]
        ratio = paired_ratio(times["engine"], times["bare"])
        print(f"{name:<13}{times['engine'].cpu_median * 1e3:9.0f}{times['bare'].cpu_median * 1e3:9.0f}   "
              f"{ratio.text():<40}{gap:9.1e}   {faults[0]:9,.0f} {faults[1]:9,.0f}")
    print(load_average())


if __name__ == "__main__":
    refuse_torch()
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    unknown = [a for a in arguments if a not in OPTIMIZERS]
    if unknown:
        sys.exit(f"unknown optimizer(s): {', '.join(unknown)}; known: {', '.join(OPTIMIZERS)}")
    quick = "--quick" in sys.argv
    main(arguments or list(OPTIMIZERS), 10_000, 100 if quick else 1_000, 3 if quick else 7)
