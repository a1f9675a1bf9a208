"""Fixtures for the panel tests: problems, frames and a runs panel (settings: tests/qt/conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

from gdsim.core.landscapes import make_landscape
from gdsim.core.problem import Problem
from gdsim.engine.snapshot import RunFrame
from gdsim.engine.spec import OKABE_ITO, RunSpec


@pytest.fixture
def rosenbrock() -> Problem:
    return make_landscape("rosenbrock")


class DataProblem(Problem):
    """A tiny least-squares problem with samples, standing in for a data problem."""

    def __init__(self) -> None:
        self.name, self.title, self.formula = "line", "Line fit", "mean (w·x + b − y)²"
        self.param_names = ("w", "b")
        self.domain = np.array([[-3.0, 3.0], [-3.0, 3.0]])
        self.start = np.zeros(2)
        self.n_samples = 20

    def value(self, theta):
        return (theta**2).sum(axis=1)

    def gradient(self, theta):
        return 2 * theta


@pytest.fixture
def data_problem() -> Problem:
    return DataProblem()


RUN_IDS = [0, 3]
SPECS = [RunSpec(label="Slow", optimizer="sgd", hyper={"lr": 0.001}),
         RunSpec(label="Fast", color=OKABE_ITO[1], optimizer="adam", hyper={"lr": 0.05})]


@pytest.fixture
def runs_panel(qtbot, rosenbrock):
    """A shown RunsPanel with two runs (ids 0 and 3), the first selected."""
    from gdsim.qt.panels import RunsPanel

    panel = RunsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_runs(list(RUN_IDS), list(SPECS), rosenbrock)
    return panel


def make_frame(positions, gradient=None, *, run_id: int = 0, step: int = 0, lr: float = 0.01,
               loss=None, status=None, velocity=None, final_loss=None, distance=None, reached_at=None,
               reason=None, restart: bool = True) -> RunFrame:
    """A RunFrame as the engine would send it, with only the fields a test cares about filled."""
    positions = np.atleast_2d(np.asarray(positions, dtype=float))
    n = len(positions)
    loss = np.empty((0, n)) if loss is None else np.asarray(loss, dtype=float).reshape(-1, n)
    return RunFrame(
        run_id=run_id, step=step, positions=positions,
        status=np.zeros(n, dtype=np.int8) if status is None else np.asarray(status, dtype=np.int8),
        ball_steps=np.full(n, step), diverged_at=np.full(n, -1), reason=reason, lr=lr, restart=restart,
        steps=np.arange(step - len(loss) + 1, step + 1), path=np.empty((0, n, positions.shape[1])),
        loss=loss, grad_norm=np.empty((0, n)), lrs=np.empty(0), batch_loss=np.empty((0, n)), epoch=0,
        batch=None, gradient=None if gradient is None else np.atleast_2d(np.asarray(gradient, dtype=float)),
        velocity=None if velocity is None else np.atleast_2d(np.asarray(velocity, dtype=float)),
        basins=None, final_loss=None if final_loss is None else np.asarray(final_loss, dtype=float),
        distance=None if distance is None else np.asarray(distance, dtype=float),
        reached_at=None if reached_at is None else np.asarray(reached_at, dtype=np.int64),
    )
