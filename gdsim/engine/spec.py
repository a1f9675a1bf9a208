"""What the engine runs: a scenario's problem, step count, seed and runs, as frozen dataclasses.

The session layer turns scenario files into these (validating, filling defaults); the engine only
reads them. Field names match the scenario file's keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

#: The Okabe-Ito palette: distinguishable with every common form of colour blindness.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


@dataclass(frozen=True)
class StopSpec:
    """Stop a ball early: loss below, gradient norm below, or step length below a threshold."""

    loss_below: float | None = None
    grad_norm_below: float | None = None
    step_below: float | None = None


@dataclass(frozen=True)
class RunSpec:
    """One run: an optimizer with its hyperparameters, started from one point or a swarm of points.

    ``start`` is a point (a tuple of D numbers), ``{"grid": [nx, ny]}``, ``{"random": N}`` or
    ``None`` (the problem's default start). ``record_every`` is ``None`` for "every step" on a single
    ball and "final positions only" on a swarm. ``eval_every`` (networks only) is how many updates
    pass between two evaluations of the full training and validation loss; ``init_seed`` (networks
    only) gives the run initial weights of its own (None: the weights every run of the scenario shares).
    """

    label: str = "Run"
    color: str = OKABE_ITO[0]
    visible: bool = True
    optimizer: str = "sgd"
    hyper: Mapping[str, Any] = field(default_factory=dict)
    start: tuple[float, ...] | Mapping[str, Any] | None = None
    schedule: Mapping[str, Any] | None = None
    clip_norm: float | None = None
    grad_noise: float = 0.0
    update: str = "simultaneous"
    batch_size: int | None = None
    sampling: str = "shuffle"
    record_every: int | None = None
    eval_every: int | None = None
    init_seed: int | None = None
    stop: StopSpec = field(default_factory=StopSpec)

    @property
    def is_swarm(self) -> bool:
        return isinstance(self.start, Mapping)

    def with_changes(self, **changes: Any) -> RunSpec:
        return replace(self, **changes)


RUN_FIELDS = tuple(f.name for f in fields(RunSpec))


@dataclass(frozen=True)
class Scenario:
    """A problem, how many updates each run takes, the seed, and the runs.

    ``pace`` (steps per second in the window) and ``view`` (the views shown) are how a person watches
    it; ``None`` leaves both to the window's defaults. ``labels`` gives a lesson's run labels in each
    language (``{"GD": {"en": "GD", "zh": "梯度下降"}}``), keyed by the label the run carries. The
    engine reads none of them.
    """

    problem: Mapping[str, Any]
    runs: tuple[RunSpec, ...] = ()
    steps: int = 500
    seed: int = 0
    title: Mapping[str, str] | None = None
    description: Mapping[str, str] | None = None
    captions: tuple[Mapping[str, Any], ...] = ()
    pace: float | None = None
    view: tuple[str, ...] | None = None
    labels: Mapping[str, Mapping[str, str]] | None = None
