"""Frozen batches handed from the engine to whoever draws: copies, safe to read in another thread.

A frame carries what is drawn, computed by the engine at the run's current step: each ball's
position, loss and (for small runs) gradient now, not at the last recorded point; the rate of the
next update; and, for a single ball, that next update itself (the gradient it will use, the
direction and the point it will reach), so a consumer shows numbers and never re-derives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import ModelCurve, Problem
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.engine.status import Status

#: The statuses as plain ints: comparing an array with an enum member makes NumPy look the member's
#: array attributes up on every call (3x slower, for every run at every frame).
_RUNNING = int(Status.RUNNING)


@dataclass(frozen=True)
class Event:
    """An applied engine command, stamped with the engine tick it took effect at and the wall time."""

    step: int
    t: float
    command: object


@dataclass(frozen=True)
class Points:
    """Recorded points of one run: new since the last snapshot, or the whole history on a restart.

    ``steps`` (K,), ``path`` (K, N, D), ``loss``, ``grad_norm`` and ``batch_loss`` (K, N), ``lr`` (K,):
    the rate of the update leaving each point (NaN for a final point).
    """

    steps: np.ndarray
    path: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    lr: np.ndarray
    batch_loss: np.ndarray

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class NextUpdate:
    """The update a single running ball will take next, computed with its own optimizer on copies.

    ``gradient`` is the gradient the update uses (its batch, noise and clipping applied),
    ``direction`` is d in θ' = θ − lr·d, and ``position`` is θ'.
    """

    gradient: np.ndarray
    direction: np.ndarray
    position: np.ndarray
    lr: float


@dataclass(frozen=True)
class Evaluations:
    """A network's evaluations: at each of ``steps`` (updates taken), the full training loss, the
    validation loss and the validation accuracy (NaN where there is none: regression, no
    validation samples)."""

    steps: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    val_accuracy: np.ndarray

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class NetworkFrame:
    """What a network run adds to its frame: the evaluations from index ``first_eval`` on (all of
    them when the frame restarts), and for a 2D classifier the class probabilities over
    ``boundary_axes`` at the newest evaluation ((cells, cells, classes), row i at y = axes[1][i];
    None when unchanged since the last frame). A classifier's frame also carries, at the newest
    evaluation, the validation ``confusion`` matrix ((C, C) counts, row: true class, column:
    predicted), the indices of misclassified validation samples (``misclassified``) and the class
    each was given (``predicted``). ``newest`` is the newest evaluation, in every frame: (update,
    training loss, validation loss, validation accuracy), None where there is none. Once the run is
    projected on a loss slice's plane, ``on_plane`` is (update, true training loss, the slice's loss
    at the projected weights, NaN outside its grid) at its newest evaluation (the true loss NaN when
    the plane came between two evaluations)."""

    first_eval: int
    evals: Evaluations
    boundary_axes: tuple[np.ndarray, np.ndarray] | None = None
    probabilities: np.ndarray | None = None
    confusion: np.ndarray | None = None
    misclassified: np.ndarray | None = None
    predicted: np.ndarray | None = None
    newest: tuple[int, float, float | None, float | None] | None = None
    on_plane: tuple[int, float, float] | None = None


@dataclass(frozen=True)
class RunFrame:
    """One run as it stands after a batch, and the points recorded since the last snapshot.

    ``positions`` (N, D) and ``loss`` (N,) are each ball's point and J there now. ``gradient``,
    ``velocity``, ``distance``, ``model`` and ``next_update`` are only sent for small runs.
    ``restart`` is true when the history was replaced (first frame, reset, moved start, thinning).
    ``points`` are the history's rows from index ``first`` on: the consumer keeps its first ``first``
    rows and writes these after them (``first`` is 0 on a restart; it is one less than what was
    sent before when a live change rewrote the rate of the last row).

    A network run (``network`` set) has no positions (``positions`` is (1, 0)): its ``points`` are
    every update's batch loss, at the step it was computed at, with no path; ``loss`` is the newest
    batch loss.
    """

    run_id: int
    step: int
    positions: np.ndarray
    loss: np.ndarray
    status: np.ndarray
    ball_steps: np.ndarray
    diverged_at: np.ndarray
    reason: str | None
    lr: float
    restart: bool
    first: int
    points: Points
    epoch: int
    batch: np.ndarray | None
    gradient: np.ndarray | None
    velocity: np.ndarray | None
    next_update: NextUpdate | None
    basins: np.ndarray | None
    distance: np.ndarray | None
    reached_at: np.ndarray | None
    model: ModelCurve | None = None
    network: NetworkFrame | None = None
    #: Gradient evaluations of each ball so far, for optimizers that take more than one a step (a torch
    #: class with a closure: LBFGS, the SAM family); None when every update takes one (then it is ``ball_steps``).
    evaluations: np.ndarray | None = None

    @cached_property  # asked by several panels for every run at every frame
    def running(self) -> bool:
        return bool((self.status == _RUNNING).any())

    @property
    def is_swarm(self) -> bool:
        return len(self.positions) > 1


@dataclass(frozen=True)
class Loaded:
    """Sent once per engine: the scenario as loaded (defaults filled), the problem (read-only for
    consumers) and its grid for drawing."""

    scenario: Scenario
    problem: Problem
    grid: LandscapeGrid | None


@dataclass(frozen=True)
class Snapshot:
    """One batch: the engine tick, a frame per run, the commands applied, refusals, and any preview.

    ``specs`` is every run's settings as the engine applied them, in order; it is sent with the first
    snapshot of an engine and whenever a command was applied or refused since the last one (an
    acknowledgement), and is None otherwise. ``errors`` are the commands refused (or a scenario that
    could not be loaded), as InputErrors. ``loaded`` is set on the first snapshot of a new engine;
    ``recording`` answers a TakeRecording command. ``commands`` counts the engine commands this
    engine has taken (applied or refused), so a sender can tell which of its edits ``specs`` answers.
    ``slice_progress`` is (rows done, rows) of a loss slice being computed (ComputeSlice);
    ``landscape_slice`` is (run id, the finished slice as a 2D landscape,
    :class:`gdsim.nets.landscape.SliceLandscape`, whose ``slice`` holds the grid and projected path).
    ``watched`` says whose next update the frames carry (None: every single ball's).
    """

    tick: int
    runs: tuple[RunFrame, ...]
    specs: tuple[tuple[int, RunSpec], ...] | None = None
    events: tuple[Event, ...] = ()
    removed: tuple[int, ...] = ()
    errors: tuple[InputError, ...] = ()
    preview: tuple[int, np.ndarray] | None = None
    playing: bool = False
    loaded: Loaded | None = None
    recording: object | None = None
    commands: int = 0
    slice_progress: tuple[int, int] | None = None
    landscape_slice: tuple[int, Problem] | None = None
    #: The runs whose frames carry their next update (None: every run's; see Watch).
    watched: tuple[int, ...] | None = None

    @property
    def finished(self) -> bool:
        return not any(frame.running for frame in self.runs)

    def run(self, run_id: int) -> RunFrame | None:
        return next((frame for frame in self.runs if frame.run_id == run_id), None)
