"""The sweep format (gdsim.sweep, version 1): a problem, optimizers and learning rates, every cell run.

A sweep runs each optimizer entry at each learning rate from each seed (a *cell*), on one problem,
for ``steps`` updates, and measures each cell (see :mod:`gdsim.session.sweep_run`)::

    {"format": "gdsim.sweep", "version": 1,
     "title": {"en": "..."}, "description": {"en": "..."},
     "problem": {...any problem a scenario takes...}, "steps": 1000, "seeds": [0, 1, 2],
     "start": [x, y] | {"random": N} | null,
     "optimizers": [{"optimizer": "sgd", "hyper": {"momentum": 0.9}}, {"optimizer": "adam", "hyper": {}}],
     "lr": {"from": 1e-4, "to": 1.0, "count": 30} | [0.1, 0.2, 0.5],
     "threshold": 1e-6, "outcome": "final_loss"}

``lr`` as an object is ``count`` rates spaced evenly on a log scale from ``from`` to ``to`` (both
included). An optimizer entry may also name a ``label`` (default: the optimizer's title and the
hyperparameters it sets), a ``batch_size`` (data problems: 1 is SGD, b a mini-batch, null the
whole data set) and its ``sampling`` (shuffle, replacement, without_replacement), as a scenario's
run. ``start`` gives each cell one point, N random points drawn from the cell's seed
(the seed's start stream, as a scenario's run 0 draws them), or the problem's default start.
``threshold`` (optional) is the loss a cell must reach for ``steps_to_threshold``; ``outcome`` is what
the summary ranks learning rates by (``final_loss``, ``best_loss`` or ``steps_to_threshold``).

Structure is checked here with key paths (``optimizers[1].hyper.momentum``); each optimizer entry is
then checked by the engine's own ``check_run`` against the built problem, at every learning rate,
and the whole sweep's work against :mod:`gdsim.session.limits`, before anything runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.optimizers import optimizer_class
from gdsim.core.params import Param, check_keys, check_text, describe, require_keys, require_object
from gdsim.core.problem import Problem
from gdsim.engine.run_checks import check_run
from gdsim.engine.run_options import BATCH_SIZE, SAMPLING
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.session.jsonio import read_json
from gdsim.session.limits import LIMITS, Limits, balls, check_budget, check_count, check_problem_size
from gdsim.session.scenario import SEED, STEPS, _built
from gdsim.session.versions import SWEEP_FORMAT, upgrade

TOP_KEYS = ("format", "version", "title", "description", "problem", "steps", "seeds", "start", "optimizers", "lr",
            "threshold", "outcome")
ENTRY_KEYS = ("optimizer", "hyper", "label", "batch_size", "sampling")
LR_RANGE_KEYS = ("from", "to", "count")
#: What the summary can rank learning rates by (the smaller the better, each).
OUTCOMES = ("final_loss", "best_loss", "steps_to_threshold")
MAX_RATES = 1000
MAX_SEEDS = 1000

RATE_COUNT = Param("count", "whole", 10, "How many learning rates, spaced evenly on a log scale.", low=1,
                   high=MAX_RATES)
RATE = Param("lr", "number", 0.01, "A learning rate.", low=0.0, low_open=True)
THRESHOLD = Param("threshold", "number", None, "The loss a cell must reach for steps_to_threshold (null: none).",
                  low=0.0, optional=True)
OUTCOME = Param("outcome", "choice", "final_loss", "What the summary ranks learning rates by.", choices=OUTCOMES)


@dataclass(frozen=True)
class SweepEntry:
    """One optimizer of a sweep: its name, the hyperparameters it sets, its label and batch size."""

    optimizer: str
    hyper: Mapping[str, Any]
    label: str
    batch_size: int | None = None
    sampling: str = "shuffle"

    def run_spec(self, lr: float, start: Any = None) -> RunSpec:
        """The run this entry makes at rate ``lr`` (a sweep's runs record nothing: outcomes only)."""
        return RunSpec(label=self.label, optimizer=self.optimizer, hyper={**self.hyper, "lr": lr}, start=start,
                       batch_size=self.batch_size, sampling=self.sampling)


@dataclass(frozen=True)
class Cell:
    """One run of a sweep: entry number ``entry`` at rate ``lr`` from seed ``seed``; ``index`` is its row."""

    index: int
    entry: int
    lr: float
    seed: int


@dataclass(frozen=True)
class Sweep:
    """A parsed sweep (see the module docstring)."""

    problem: Mapping[str, Any]
    entries: tuple[SweepEntry, ...]
    lrs: tuple[float, ...]
    seeds: tuple[int, ...] = (0,)
    steps: int = 500
    start: tuple[float, ...] | Mapping[str, Any] | None = None
    threshold: float | None = None
    outcome: str = "final_loss"
    title: Mapping[str, str] | None = None
    description: Mapping[str, str] | None = None
    cells: tuple[Cell, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cells = [(e, lr, seed) for e in range(len(self.entries)) for lr in self.lrs for seed in self.seeds]
        object.__setattr__(self, "cells", tuple(Cell(i, *cell) for i, cell in enumerate(cells)))

    @property
    def balls_per_cell(self) -> int:
        """Balls each cell rolls (N for a random start, else 1)."""
        return balls(self.start)

    def groups(self, problem: Problem, vectorized: bool = True) -> list[tuple[int, ...]]:
        """The cells run together, as lists of cell indices.

        Vectorized, one swarm per optimizer entry holds its whole lr × seed grid (a rate per ball) on
        a landscape or formula, whose arithmetic is elementwise. A data problem's loss and gradient are
        matrix products whose last bits depend on how many balls are multiplied at once (the BLAS
        kernel chosen), so its cells run alone, as a network's do, and every row equals the run of its
        own. ``vectorized=False`` runs every cell alone.
        """
        if not vectorized or problem.stepper == "torch" or problem.n_samples is not None:
            return [(cell.index,) for cell in self.cells]
        keyed: dict[int, list[int]] = {}
        for cell in self.cells:
            keyed.setdefault(cell.entry, []).append(cell.index)
        return [tuple(indices) for indices in keyed.values()]


def _texts(value: Any, where: str) -> dict[str, str] | None:
    if value is None:
        return None
    for lang, text in require_object(value, where).items():
        check_text(lang, where)
        check_text(text, f"{where}.{lang}")
    return dict(value)


def _list(value: Any, where: str, example: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise InputError(where, f"must be a non-empty list such as {example}, not {describe(value)}", "type.list",
                         {"value": describe(value)})
    return value


def _rates(value: Any) -> tuple[float, ...]:
    """The learning rates: a list, or {"from", "to", "count"} spaced on a log scale."""
    if isinstance(value, Mapping):
        check_keys(value, LR_RANGE_KEYS, "lr")
        try:
            require_keys(value, LR_RANGE_KEYS, 'a range of rates is {"from": 1e-4, "to": 1.0, "count": 30}')
        except InputError as error:
            raise error.within("lr") from None
        low = RATE.check(value["from"], "lr.from")
        high = RATE.check(value["to"], "lr.to")
        count = RATE_COUNT.check(value["count"], "lr.count")
        if high < low:
            raise InputError("lr.to", f"must be at least lr.from ({low:g}), not {high:g}", "number.too_small",
                             {"low": low, "open": False, "value": high})
        if count == 1:
            return (low,)
        return tuple(float(rate) for rate in np.geomspace(low, high, count))
    rates = _list(value, "lr", '[0.01, 0.1] or {"from": 1e-4, "to": 1.0, "count": 30}')
    if len(rates) > MAX_RATES:
        raise InputError("lr", f"lists {len(rates)} rates, more than the {MAX_RATES} allowed", "sweep.rates",
                         {"count": len(rates), "max": MAX_RATES})
    checked = tuple(RATE.check(rate, f"lr[{i}]") for i, rate in enumerate(rates))
    if len(set(checked)) != len(checked):
        raise InputError("lr", "lists a rate twice", "sweep.rate_twice")
    return checked


def _seeds(value: Any) -> tuple[int, ...]:
    seeds = _list(value, "seeds", "[0, 1, 2]")
    if len(seeds) > MAX_SEEDS:
        raise InputError("seeds", f"lists {len(seeds)} seeds, more than the {MAX_SEEDS} allowed", "sweep.seeds",
                         {"count": len(seeds), "max": MAX_SEEDS})
    checked = tuple(SEED.check(seed, f"seeds[{i}]") for i, seed in enumerate(seeds))
    if len(set(checked)) != len(checked):
        raise InputError("seeds", "lists a seed twice", "sweep.seed_twice")
    return checked


def _default_label(name: str, hyper: Mapping[str, Any], batch_size: int | None) -> str:
    title = optimizer_class(name).title
    settings = [f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}" for key, value in hyper.items()]
    if batch_size is not None:
        settings.append(f"batch={batch_size}")
    return f"{title} ({', '.join(settings)})" if settings else title


def _entry(data: Any, index: int) -> SweepEntry:
    where = f"optimizers[{index}]"
    check_keys(require_object(data, where, '{"optimizer": "adam", "hyper": {}}'), ENTRY_KEYS, where)
    name = data.get("optimizer", "sgd")
    try:
        cls = optimizer_class(name)
    except InputError as error:
        raise error.within(f"{where}.optimizer") from None
    hyper = dict(require_object(data.get("hyper", {}), f"{where}.hyper"))
    if "lr" in hyper:
        raise InputError(f"{where}.hyper.lr", "the sweep sets the learning rate (its \"lr\" key); leave it out "
                                              "here", "sweep.lr_given")
    try:
        cls.validate(hyper)
    except InputError as error:
        raise error.within(f"{where}.hyper") from None
    batch_size = BATCH_SIZE.check(data.get("batch_size"), f"{where}.batch_size")
    sampling = SAMPLING.check(data.get("sampling", SAMPLING.default), f"{where}.sampling")
    label = data.get("label")
    label = _default_label(name, hyper, batch_size) if label is None else check_text(label, f"{where}.label")
    return SweepEntry(name, hyper, label, batch_size, sampling)


def _start(value: Any) -> tuple[float, ...] | Mapping[str, Any] | None:
    if isinstance(value, Mapping) and "random" not in value:
        raise InputError("start", 'a sweep starts from a point, {"random": N} or null', "start.swarm",
                         {"keys": [str(key) for key in value]})
    return tuple(value) if isinstance(value, list) else value


def parse_sweep(data: Any, limits: Limits = LIMITS) -> tuple[Sweep, Problem]:
    """Validate a sweep object and return it with its built problem.

    Parameters
    ----------
    data
        The sweep object as read from a file.
    limits
        What the file may ask for: optimizer entries (the ``runs`` limit), balls and work, counted
        as the sweep runs them (:meth:`Sweep.groups`).

    Raises
    ------
    InputError
        Naming the key path of the first thing wrong.
    """
    data = upgrade(data, SWEEP_FORMAT)
    check_keys(data, TOP_KEYS)
    require_keys(data, ("problem", "optimizers", "lr"), "a sweep names its problem, optimizers and rates")
    entries = _list(data["optimizers"], "optimizers", '[{"optimizer": "sgd"}, {"optimizer": "adam"}]')
    check_count(limits, "runs", len(entries), "optimizers", "fewer optimizers")
    parsed = tuple(_entry(entry, i) for i, entry in enumerate(entries))
    labels = [entry.label for entry in parsed]
    for i, label in enumerate(labels):
        if labels.index(label) != i:
            raise InputError(f"optimizers[{i}].label", f"{label!r} names two entries; give each its own label",
                             "sweep.label_twice", {"label": repr(label)})
    sweep = Sweep(problem=dict(require_object(data["problem"], "problem")), entries=parsed,
                  lrs=_rates(data["lr"]), seeds=_seeds(data.get("seeds", [0])),
                  steps=STEPS.check(data.get("steps", STEPS.default)), start=_start(data.get("start")),
                  threshold=THRESHOLD.check(data.get("threshold")),
                  outcome=OUTCOME.check(data.get("outcome", OUTCOME.default)),
                  title=_texts(data.get("title"), "title"), description=_texts(data.get("description"), "description"))
    if sweep.outcome == "steps_to_threshold" and sweep.threshold is None:
        raise InputError("outcome", "ranking by steps_to_threshold needs a \"threshold\"", "sweep.threshold")
    check_problem_size(sweep.problem, limits)
    problem = _built(sweep.problem)
    for i, entry in enumerate(sweep.entries):
        for lr in sweep.lrs:
            try:
                check_run(entry.run_spec(lr, sweep.start), problem)
            except InputError as error:
                if error.path.startswith("start"):  # the sweep's own start, not the entry's
                    raise
                raise error.within(f"optimizers[{i}]") from None
    check_budget(sweep.steps, work_specs(sweep, problem), problem, limits)
    return sweep, problem


def work_specs(sweep: Sweep, problem: Problem) -> list[RunSpec]:
    """The runs a sweep makes, as the limits count them: one swarm per group of cells run together."""
    specs = []
    for group in sweep.groups(problem):
        cell = sweep.cells[group[0]]
        count = len(group) * sweep.balls_per_cell
        start = {"random": count} if count > 1 else sweep.start
        specs.append(sweep.entries[cell.entry].run_spec(cell.lr, start))
    return specs


def cell_scenario(sweep: Sweep, entry: int, lr: float, seed: int) -> Scenario:
    """The scenario of one cell: its problem and steps, one run with the entry's optimizer at ``lr``,
    seeded by ``seed``. Its run 0 draws the same starts and batches as the cell, so it runs exactly
    the cell's run (to open it in the window, or to check a row)."""
    spec = sweep.entries[entry].run_spec(lr, sweep.start)
    return Scenario(problem=dict(sweep.problem), runs=(spec.with_changes(label=f"{spec.label}, lr {lr:.4g}"),),
                    steps=sweep.steps, seed=seed, title=sweep.title)


def load_sweep(path: str | Path, limits: Limits = LIMITS) -> tuple[Sweep, Problem]:
    """Read and validate a sweep file (bounded size, strict JSON)."""
    return parse_sweep(read_json(path, limits.file_bytes), limits)
