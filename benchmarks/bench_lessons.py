"""Every lesson's `gdsim run`: the simulation of each scenario in resources/scenarios, in process.

Times ``gdsim.session.simulate.simulate`` (what `gdsim run LESSON.json` spends its time in, before
writing the recording) for each lesson: the median and spread of CPU time over the rounds, the
lessons taking turns round by round. Run it with PYTHONPATH pointing at another checkout to compare.
Usage: python benchmarks/bench_lessons.py [--quick]
"""

from __future__ import annotations

import json
import statistics
import sys
from functools import partial
from pathlib import Path

from timing import load_average, taking_turns

from gdsim.session.simulate import simulate

LESSONS = Path(__file__).resolve().parents[1] / "resources" / "scenarios"


def main(rounds: int) -> None:
    files = sorted(LESSONS.glob("*.json"))
    scenarios = {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in files}
    print(f"every lesson's simulation, {rounds} rounds taking turns; CPU ms; {load_average()}")
    times = taking_turns({name: partial(simulate, scenario) for name, scenario in scenarios.items()}, rounds)
    for name, samples in times.items():
        low, high = min(samples.cpu) * 1e3, max(samples.cpu) * 1e3
        print(f"  {name:<44}{samples.cpu_median * 1e3:9.1f}   [{low:.1f}-{high:.1f}]")
    totals = [sum(round_times) for round_times in zip(*(s.cpu for s in times.values()), strict=True)]
    print(f"  {'all lessons (median of the rounds)':<44}{statistics.median(totals) * 1e3:9.1f}")
    print(load_average())


if __name__ == "__main__":
    main(3 if "--quick" in sys.argv else 7)
