"""Commands: small frozen dataclasses sent into the engine; each takes effect at a step boundary.

Engine commands change what is simulated and are recorded, stamped with the engine's tick. Transport
commands (play, pause, step, speed, preview, watch, taken, quit) steer the driver and are not recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdsim.engine.spec import RunSpec, Scenario

# --- engine commands (recorded) ------------------------------------------------------------------


@dataclass(frozen=True)
class SetHyper:
    """Change one hyperparameter of run ``run`` from the next update on."""

    run: int
    name: str
    value: Any


@dataclass(frozen=True)
class SetOptimizer:
    """Switch run ``run`` to another optimizer (fresh state) from the next update on."""

    run: int
    name: str
    hyper: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SetRunOption:
    """Change a run setting other than its hyperparameters (schedule, clip_norm, label, ...)."""

    run: int
    name: str
    value: Any


@dataclass(frozen=True)
class MoveStart:
    """Place run ``run``'s start somewhere else; the run restarts from there."""

    run: int
    start: tuple[float, ...] | Mapping[str, Any]


@dataclass(frozen=True)
class AddRun:
    spec: RunSpec


@dataclass(frozen=True)
class RemoveRun:
    run: int


@dataclass(frozen=True)
class StopRun:
    """Stop run ``run`` where it is (status "stopped")."""

    run: int


@dataclass(frozen=True)
class Reset:
    """Put every run back at its start."""


EngineCommand = SetHyper | SetOptimizer | SetRunOption | MoveStart | AddRun | RemoveRun | StopRun | Reset

# --- transport commands (not recorded) ------------------------------------------------------------


@dataclass(frozen=True)
class Play:
    pass


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class Step:
    """Take ``n`` steps (also while paused)."""

    n: int = 1


@dataclass(frozen=True)
class SetSpeed:
    """Steps per second while playing; ``None`` runs flat out."""

    steps_per_second: float | None


@dataclass(frozen=True)
class Preview:
    """Compute the path run ``run`` would take from ``start`` (for dragging), without changing anything."""

    run: int
    start: tuple[float, ...]
    steps: int = 300


@dataclass(frozen=True)
class Watch:
    """Write out the next update of runs ``runs`` only, in every frame from now on (None: of every
    run, as at first): what is shown of it is the selected run's, and each other costs a snapshot
    30-40 µs. Kept across a Load."""

    runs: tuple[int, ...] | None


@dataclass(frozen=True)
class ComputeSlice:
    """Compute a 2D slice of network run ``run``'s loss around its current weights, row by row in the
    worker (progress in each snapshot's ``slice_progress``, the result in ``landscape_slice``).

    ``method`` is "random" (filter-normalised directions, seeded by the scenario seed) or "pca" (the
    top two principal directions of the run's weights at its evaluations); ``size`` points per side;
    ``span`` the grid's half-width in units of the directions.
    """

    run: int
    method: str = "random"
    size: int = 41
    span: float = 1.0


@dataclass(frozen=True)
class CancelSlice:
    """Stop the slice being computed (nothing is sent for it)."""


@dataclass(frozen=True)
class Load:
    """Replace the whole engine with one for ``scenario`` (a new problem, new runs).

    With ``spread_starts``, runs without a start of their own start at distinct points around the
    problem's default start (picking a new problem keeps the runs apart instead of stacking them).
    """

    scenario: Scenario
    spread_starts: bool = False


@dataclass(frozen=True)
class TakeRecording:
    """Ask for a recording of everything so far; it comes back in the next snapshot's ``recording``."""


@dataclass(frozen=True)
class Taken:
    """The consumer has taken the last snapshot; the driver may hand over the next."""


@dataclass(frozen=True)
class Quit:
    pass


COMMAND_NAMES: dict[type, str] = {
    SetHyper: "set_hyper",
    SetOptimizer: "set_optimizer",
    SetRunOption: "set_run_option",
    MoveStart: "move_start",
    AddRun: "add_run",
    RemoveRun: "remove_run",
    StopRun: "stop_run",
    Reset: "reset",
}
