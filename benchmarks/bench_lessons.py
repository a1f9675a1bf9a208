"""Every lesson's `gdsim run`: the simulation of each scenario in resources/scenarios.

Times ``gdsim.session.simulate.simulate`` (what `gdsim run LESSON.json` spends its time in, before
writing the recording) for each lesson: the median and spread of CPU time over the rounds, the
lessons taking turns round by round, in this process.

``--against CHECKOUT`` compares this checkout with another (an older gdsim, say) lesson by lesson:
each lesson gets two fresh processes, one importing gdsim from each checkout (as `gdsim run` runs one
lesson per process); after one untimed run each, they take turns, the order reversed every other
round, and each round's ratio other / this is a speed-up. A round times a short lesson several times
over (as many as take this checkout about SAMPLE_SECONDS; the same count on both sides), so that a
few milliseconds of scheduling noise do not decide its ratio. Both read this checkout's lessons; for a
gdsim that reads an older scenario version, the keys later versions added (the window's "pace" and
"view") are left out and a run label in two languages is given in English, which changes nothing it
simulates. A lesson the other checkout cannot run
(a problem kind it does not know) is reported as such.
Usage: python benchmarks/bench_lessons.py [--quick] [--against CHECKOUT [LESSON-PREFIX ...]]
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from timing import Ratio, Samples, load_average, paired_ratio, taking_turns

LESSONS = Path(__file__).resolve().parents[1] / "resources" / "scenarios"
HERE = Path(__file__).resolve().parents[1]
#: Keys scenario version 2 added (read by the window only).
LATER_KEYS = ("pace", "view")
#: A round of --against runs a lesson at least this long (seconds of CPU, on this checkout's side).
SAMPLE_SECONDS = 0.1


def main(rounds: int) -> None:
    from gdsim.session.simulate import simulate

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


def serve() -> None:
    """A side of ``--against``: simulate the lesson named on each line of stdin as many times as the line
    says, and answer the CPU and wall seconds of one simulation (the mean of those)."""
    from gdsim.core.errors import InputError
    from gdsim.session.simulate import simulate
    from gdsim.session.versions import CURRENT_VERSION, SCENARIO_FORMAT

    readable = CURRENT_VERSION[SCENARIO_FORMAT]
    for line in sys.stdin:
        lesson, times = line.split()
        scenario = json.loads((LESSONS / f"{lesson}.json").read_text(encoding="utf-8"))
        if scenario["version"] > readable:
            scenario = {k: v for k, v in scenario.items() if k not in LATER_KEYS} | {"version": readable}
            # a label in two languages ({"en", "zh"}) is newer too: the older gdsim gets the English one
            scenario["runs"] = [run | {"label": run["label"]["en"]} if isinstance(run.get("label"), dict) else run
                                for run in scenario.get("runs", [])]
        gc.collect()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        try:
            for _ in range(int(times)):
                simulate(scenario)
        except InputError as error:
            print(json.dumps({"error": str(error)}), flush=True)
            continue
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        print(json.dumps({"cpu": cpu / int(times), "wall": wall / int(times)}), flush=True)


def side(checkout: Path) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": f"{checkout}{os.pathsep}{Path(__file__).parent}"}
    return subprocess.Popen([sys.executable, __file__, "--serve"], cwd=checkout, env=environment, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def ask(process: subprocess.Popen, lesson: str, times: int = 1) -> dict:
    process.stdin.write(f"{lesson} {times}\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def compare(other: Path, rounds: int, prefixes: list[str]) -> None:
    print(f"each lesson in two processes, this checkout and {other}, {rounds} rounds taking turns; "
          f"{load_average()}")
    print(f"  {'lesson':<44}{'other ms':>9}{'this ms':>9}   speed-up other / this (paired median [spread])")
    products: list[Ratio] = []
    lessons = sorted(f.stem for f in LESSONS.glob("*.json"))
    for lesson in [name for name in lessons if not prefixes or name.startswith(tuple(prefixes))]:
        sides = {"this": side(HERE), "other": side(other)}
        try:
            first = {name: ask(process, lesson) for name, process in sides.items()}  # untimed: imports, caches
            failed = [f"{name}: {answer['error']}" for name, answer in first.items() if "error" in answer]
            if failed:
                print(f"  {lesson:<44}not run ({'; '.join(failed)})")
                continue
            times = max(1, round(SAMPLE_SECONDS / max(first["this"]["cpu"], 1e-6)))
            answers: dict[str, list[dict]] = {name: [] for name in sides}
            for index in range(rounds):
                for name in sides if index % 2 == 0 else reversed(sides):
                    answers[name].append(ask(sides[name], lesson, times))
        finally:
            for process in sides.values():
                process.stdin.close()
                process.wait()
        samples = {name: Samples(tuple(a["cpu"] for a in rows), tuple(a["wall"] for a in rows))
                   for name, rows in answers.items()}
        ratio = paired_ratio(samples["other"], samples["this"])
        products.append(ratio)
        print(f"  {lesson:<44}{samples['other'].cpu_median * 1e3:9.1f}{samples['this'].cpu_median * 1e3:9.1f}   "
              f"{ratio.text()}")
    medians = [statistics.median(r.cpu) for r in products]
    print(f"  lowest speed-up {min(medians):.2f}, geometric mean {statistics.geometric_mean(medians):.2f}")
    print(load_average())


if __name__ == "__main__":
    if "--serve" in sys.argv:
        serve()
    elif "--against" in sys.argv:
        at = sys.argv.index("--against") + 1
        compare(Path(sys.argv[at]).resolve(), 3 if "--quick" in sys.argv else 7,
                [a for a in sys.argv[at + 1 :] if not a.startswith("--")])
    else:
        main(3 if "--quick" in sys.argv else 7)
