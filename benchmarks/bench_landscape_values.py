"""The six landscapes written over an array namespace (issue 16) against the same formulas in bare NumPy.

ackley, forrester, levi_n13, many_valleys, mccormick and rastrigin compute their value through
``namespace(x).sin(...)`` so that torch's autograd can run through them. This prints, for each, the
CPU time of ``Landscape.value`` against the same Landscape with its value formula written with ``np.*``
directly (the code before the change), for 10,000 points at once and for one point (a single ball's
step, where the namespace look-up weighs most), and the largest difference (must be 0: bit-identical).
No torch is imported.

Usage: python benchmarks/bench_landscape_values.py [--quick]
"""

from __future__ import annotations

import copy
import sys
from functools import partial

import numpy as np
from timing import load_average, paired_ratio, refuse_torch, taking_turns

from gdsim.core.landscapes import make_landscape

WELLS = ((4.0, 2.0, -2.0), (3.0, -2.0, -2.0), (2.0, -2.0, 2.0), (1.0, 2.0, 2.0))


def many_valleys(x, y):
    total = 0.05 * (x * x + y * y)
    for depth, cx, cy in WELLS:
        total = total - depth * np.exp(-0.5 * ((x - cx) ** 2 + (y - cy) ** 2))
    return total


def ackley(x, y):
    r, c = np.sqrt(0.5 * (x * x + y * y)), 0.5 * (np.cos(2.0 * np.pi * x) + np.cos(2.0 * np.pi * y))
    return -20.0 * np.expm1(-0.2 * r) - np.e * np.expm1(c - 1.0)


#: The value formulas as they were written before the change (np.* directly).
BARE = {
    "ackley": ackley,
    "forrester": lambda x: (6.0 * x - 2.0) ** 2 * np.sin(12.0 * x - 4.0),
    "levi_n13": lambda x, y: (np.sin(3.0 * np.pi * x) ** 2 + (x - 1.0) ** 2 * (1.0 + np.sin(3.0 * np.pi * y) ** 2)
                              + (y - 1.0) ** 2 * (1.0 + np.sin(2.0 * np.pi * y) ** 2)),
    "many_valleys": many_valleys,
    "mccormick": lambda x, y: np.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1.0,
    "rastrigin": lambda x, y: 20.0 + x * x - 10.0 * np.cos(2.0 * np.pi * x) + y * y - 10.0 * np.cos(2.0 * np.pi * y),
}


def repeat(function, argument, times: int) -> None:
    for _ in range(times):
        function(argument)


def main(rounds: int, repeats: int) -> None:
    print(f"Landscape.value against the same with the np.* formula (before), {rounds} rounds taking turns; "
          f"{load_average()}")
    print(f"{'landscape':<14}{'points':>7}{'calls':>7}   gdsim / bare (paired median [spread])   max |gdsim-bare|")
    rng = np.random.default_rng(0)
    for name, bare in BARE.items():
        landscape = make_landscape(name)
        low, high = landscape.domain[:, 0], landscape.domain[:, 1]
        for points, calls in ((10_000, repeats), (1, 100 * repeats)):
            theta = low + (high - low) * rng.random((points, landscape.dim))
            before = copy.copy(landscape)
            before._value = bare
            gap = np.max(np.abs(landscape.value(theta) - before.value(theta)))
            times = taking_turns({"gdsim": partial(repeat, landscape.value, theta, calls),
                                  "bare": partial(repeat, before.value, theta, calls)}, rounds)
            print(f"{name:<14}{points:>7}{calls:>7}   {paired_ratio(times['gdsim'], times['bare']).text():<40}"
                  f"{gap:9.1e}")
    print(load_average())


if __name__ == "__main__":
    refuse_torch()
    quick = "--quick" in sys.argv
    main(3 if quick else 9, 20 if quick else 100)
