"""What a file may ask for: the documented limits on reading and on the work a scenario sets.

A small valid file must not demand unbounded memory or time. Each limit below is checked before
the work it bounds starts (a file's size before it is read, the number of features before the data
are fitted, the work before the first step), and refused with an :class:`InputError` (code
``limit.<name>``) naming the limit. ``gdsim run --no-limits`` and ``gdsim validate --no-limits``
lift them all (:data:`NO_LIMITS`); the window always applies them.

Two caps are not lifted, because the engine and the data sets are built around them: a swarm of at
most 100,000 balls per run (``gdsim.engine.run_checks.MAX_SWARM``) and 1,000,000 samples
(``gdsim.core.datasets.MAX_SAMPLES``).

The work of a scenario is counted in units of 10 to 15 ns of CPU time (one sample's share of one
ball's step; ``benchmarks/bench_limits.py`` measures it), so the limit is about two minutes:
``steps × Σ over runs of max(balls × (samples × features + 2), 2000)``, where ``samples`` is 0 for a
landscape or a formula and a run's floor of 2000 is the fixed cost of one step of one run. A network's
step is counted from its floating-point operations (:func:`network_step_cost`). A recording's
replay counts its events' added runs and swarms, its final tick if that is later than the steps, and
20,000 units per event for each run it starts afresh (a reset: every run).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.problem import Problem
from gdsim.engine.run_options import DEFAULT_EVAL_EVERY
from gdsim.engine.spec import RunSpec

#: The fixed cost of one step of one run, in work units (a step's Python overhead).
RUN_STEP_COST = 2000
#: A ball's cost per step besides its samples, in work units.
BALL_STEP_COST = 2
#: Floating-point operations of a network's training in one work unit (torch on one CPU thread does
#: a few per nanosecond on this project's small models).
FLOPS_PER_UNIT = 20
#: The cost of an event of a recording's replay for each run it starts afresh (a reset restarts all
#: runs; every other command is counted as one run), in work units (about 150 µs measured).
EVENT_RUN_COST = 20_000


@dataclass(frozen=True)
class Limits:
    """The limits applied to a file; ``None`` lifts one.

    Attributes
    ----------
    file_bytes
        Largest file read (bytes); at most this many bytes are ever read.
    runs
        Runs in a scenario.
    balls
        Balls in all runs together (a swarm counts its balls).
    features
        Features (columns of ``x``) of inline data.
    captions
        Captions in a scenario.
    events
        Events in a recording.
    work
        Work units a scenario or a recording's replay may take (see the module docstring).
    recorded
        Numbers a recording written by ``gdsim run`` may hold (points × balls × values per point).
    """

    file_bytes: int | None = 128 * 2**20
    runs: int | None = 100
    balls: int | None = 200_000
    features: int | None = 100
    captions: int | None = 1000
    events: int | None = 50_000
    work: int | None = 10_000_000_000
    recorded: int | None = 4_000_000


#: What every file is held to unless the person says otherwise.
LIMITS = Limits()
#: ``--no-limits``: nothing but the engine's own caps.
NO_LIMITS = Limits(**{f.name: None for f in fields(Limits)})

#: name -> (what it counts, in words) for messages and the README.
DESCRIPTIONS: dict[str, str] = {
    "file_bytes": "bytes in a file read (a scenario or a recording)",
    "runs": "runs in a scenario",
    "balls": "balls in all runs together (a swarm counts each ball)",
    "features": "features (columns of x) of inline data",
    "captions": "captions in a scenario",
    "events": "events in a recording",
    "work": "units of work (steps × Σ runs max(balls × (samples × features + 2), 2000); a network's update: "
            "(6 × batch + 2 × samples / eval_every) × weights / 20; one unit is 10 to 15 ns of CPU)",
    "recorded": "numbers in a recording written by gdsim run (points × balls × values per point)",
}
HINT = "gdsim run --no-limits runs it anyway"


def check_count(limits: Limits, name: str, value: int, where: str = "", advice: str = "") -> None:
    """Refuse ``value`` if it exceeds the limit ``name`` of ``limits``."""
    limit = getattr(limits, name)
    if limit is not None and value > limit:
        raise InputError(where, f"asks for {value:,} {DESCRIPTIONS[name]}, more than the {limit:,} allowed "
                                f"({advice + '; ' if advice else ''}{HINT})", f"limit.{name}",
                         {"value": value, "max": limit})


def balls(start: Any) -> int:
    """How many balls a start sets rolling: a swarm's size (exact, whatever the counts), else 1.

    Counts that are not positive whole numbers count as 1 here: the run's own checks refuse them.
    """
    if isinstance(start, Mapping) and len(start) == 1:
        (kind, value), = start.items()
        if kind == "random":
            return _count(value)
        if kind == "grid" and isinstance(value, list | tuple):
            return math.prod(_count(n) for n in value)
    return 1


def _count(value: Any) -> int:
    if isinstance(value, float) and value.is_integer() and math.isfinite(value):
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 1


def check_problem_size(problem: Any, limits: Limits) -> None:
    """Refuse inline data with more features than allowed, before the data are fitted (the exact
    minimum needs a features × features matrix). ``problem`` is the scenario's problem object."""
    if not isinstance(problem, Mapping) or limits.features is None:
        return
    data = problem.get("data")
    x = data.get("x") if isinstance(data, Mapping) else None
    if isinstance(x, list) and x and isinstance(x[0], list | tuple):
        check_count(limits, "features", len(x[0]), "problem.data.x[0]", "fewer columns")


def step_cost(spec: RunSpec, problem: Problem) -> int:
    """The work units of one step of the run ``spec`` on ``problem``."""
    if problem.stepper == "torch":
        return network_step_cost(spec, problem)
    per_ball = (problem.n_samples or 0) * features(problem) + BALL_STEP_COST
    return max(balls(spec.start) * per_ball, RUN_STEP_COST)


def network_step_cost(spec: RunSpec, problem: Problem) -> int:
    """A network's update: forward and backward over a batch (6 flops per weight and sample), and its
    share of the evaluation every ``eval_every`` updates (2 flops per weight and sample, training and
    validation data), at :data:`FLOPS_PER_UNIT`."""
    batch = spec.batch_size or problem.n_samples or 1
    evaluated = getattr(problem, "n_evaluated", problem.n_samples) or 0
    eval_every = spec.eval_every or DEFAULT_EVAL_EVERY
    flops = 6 * batch * problem.dim + 2 * evaluated * problem.dim // eval_every
    return max(flops // FLOPS_PER_UNIT, RUN_STEP_COST)


def features(problem: Problem) -> int:
    """The features of a data problem (its parameters but the intercept); 1 for any other problem."""
    if problem.n_samples is None:
        return 1
    return max(1, problem.dim - (1 if getattr(problem, "bias", True) else 0))


def work(steps: int, specs: Iterable[RunSpec], problem: Problem) -> int:
    """The work units of ``steps`` steps of the runs ``specs`` on ``problem``."""
    return steps * sum(step_cost(spec, problem) for spec in specs)


def check_budget(steps: int, specs: Iterable[RunSpec], problem: Problem, limits: Limits, where: str = "") -> None:
    """Refuse runs whose balls together, or whose work, exceed ``limits`` (before any step is taken)."""
    specs = list(specs)
    total = sum(balls(spec.start) for spec in specs)
    check_count(limits, "balls", total, where, "fewer or smaller swarms")
    check_count(limits, "work", work(steps, specs, problem), where, "fewer steps, balls or samples")


def recorded_numbers(steps: int, specs: Iterable[RunSpec], problem: Problem, cap: int = 8_000_000) -> int:
    """About how many numbers a recording of these runs holds (the engine thins a run's history
    past ``cap`` numbers)."""
    if problem.stepper == "torch":  # a network keeps no path: a batch loss per update, evaluations
        return sum(min(2 * (steps + 2) + 4 * (steps // (spec.eval_every or DEFAULT_EVAL_EVERY) + 2), cap)
                   for spec in specs)
    per_point = problem.dim + 4 + (2 if problem.n_samples is not None else 0)
    total = 0
    for spec in specs:
        count = balls(spec.start)
        if spec.is_swarm and spec.record_every is None:
            total += count * (problem.dim + 6)
            continue
        points = steps // (spec.record_every or 1) + 2
        total += min(points * count * per_point, cap)
    return total


def check_recorded(steps: int, specs: Iterable[RunSpec], problem: Problem, limits: Limits) -> None:
    """Refuse a run of the command line whose recording would be larger than allowed."""
    check_count(limits, "recorded", recorded_numbers(steps, specs, problem), "",
                "set record_every to keep every k-th point, or take fewer steps")


def limits_table_markdown() -> str:
    """The README's table of the limits (generated, so it cannot drift)."""
    rows = ["| limit | what it counts | default |", "| --- | --- | --- |"]
    for field in fields(Limits):
        value = getattr(LIMITS, field.name)
        shown = f"{value // 2**20} MiB" if field.name == "file_bytes" else f"{value:,}"
        meaning = DESCRIPTIONS[field.name].replace("|", "\\|")
        rows.append(f"| `{field.name}` | {meaning} | {shown} |")
    return "\n".join(rows) + "\n"
