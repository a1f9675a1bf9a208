"""The work budget's unit (gdsim.session.limits): CPU nanoseconds per work unit for the shapes a
scenario can take, so the documented limit (4·10⁹ units, "a couple of minutes") stays true.

Each shape is simulated as ``gdsim run`` does (``simulate``); its work is counted by the same formula
the limit uses. The spread between shapes says how well one unit fits them all.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import load_average, refuse_torch  # noqa: E402
from gdsim.session.limits import LIMITS, work  # noqa: E402
from gdsim.session.scenario import parse_scenario  # noqa: E402
from gdsim.session.simulate import simulate  # noqa: E402

ROSENBROCK = {"kind": "landscape", "name": "rosenbrock"}
SHAPES = {
    "1 ball, landscape, 40,000 steps": (ROSENBROCK, 40_000, [{"hyper": {"lr": 1e-5}, "record_every": 100}]),
    "8 runs of 1 ball, 5,000 steps": (ROSENBROCK, 5_000, [{"hyper": {"lr": 1e-5}, "record_every": 100}] * 8),
    "100,000 balls, landscape, 300 steps": (ROSENBROCK, 300, [{"hyper": {"lr": 1e-5}, "start": {"random": 100_000}}]),
    "1 ball, 100,000 samples, 300 steps": (
        {"kind": "regression", "data": {"generate": "linear", "n": 100_000}}, 300, [{"hyper": {"lr": 0.01}}]),
    "20 balls, 10,000 samples, 300 steps": (
        {"kind": "regression", "data": {"generate": "linear", "n": 10_000}}, 300,
        [{"hyper": {"lr": 0.01}, "start": {"random": 20}}]),
}


def main() -> None:
    refuse_torch()
    print(f"load average: {load_average()}")
    print(f"{'shape':<40} {'work units':>14} {'CPU s':>7} {'ns/unit':>8} {'limit takes':>12}")
    for name, (problem, steps, runs) in SHAPES.items():
        scenario, built = parse_scenario({"format": "gdsim.scenario", "version": 2, "problem": problem,
                                          "steps": steps, "runs": runs})
        units = work(steps, scenario.runs, built)
        started = time.process_time()
        simulate(scenario)
        seconds = time.process_time() - started
        per_unit = seconds / units * 1e9
        print(f"{name:<40} {units:>14,} {seconds:>7.2f} {per_unit:>8.1f} {per_unit * LIMITS.work / 1e9:>10.0f} s")


if __name__ == "__main__":
    main()
