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
def session(qtbot):
    """A session model holding the two runs (ids 0 and 3), the first selected."""
    from gdsim.engine.spec import Scenario
    from gdsim.qt.session_model import SessionModel

    model = SessionModel()
    model.load(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}), tuple(zip(RUN_IDS, SPECS, strict=True)))
    return model


@pytest.fixture
def runs_panel(qtbot, rosenbrock, session):
    """A shown RunsPanel bound to ``session`` (two runs, ids 0 and 3, the first selected)."""
    from gdsim.qt.panels import RunsPanel

    panel = RunsPanel(session)
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_problem(rosenbrock)
    return panel


def acknowledge(panel, run_ids, specs, problem) -> None:
    """The engine acknowledges runs ``run_ids`` with settings ``specs`` on ``problem``."""
    panel.set_problem(problem)
    panel.session.acknowledge(tuple(zip(run_ids, specs, strict=True)), panel.session.sent)


def engine_frame(spec: RunSpec, steps: int = 0, problem: str = "rosenbrock") -> tuple[RunFrame, Problem]:
    """The frame the engine sends for one run of ``spec`` after ``steps`` steps, and its problem."""
    from gdsim.engine.engine import Engine
    from gdsim.engine.spec import Scenario

    engine = Engine(Scenario({"kind": "landscape", "name": problem}, (spec,), steps=10_000))
    engine.advance(steps)
    return engine.snapshot().runs[0], engine.problem


def make_frame(positions, gradient=None, *, run_id: int = 0, step: int = 0, lr: float = 0.01,
               loss=None, status=None, velocity=None, distance=None, reached_at=None,
               reason=None, restart: bool = True) -> RunFrame:
    """A RunFrame with only the fields a test cares about filled (``loss``: J at each ball now)."""
    from gdsim.engine.snapshot import Points

    positions = np.atleast_2d(np.asarray(positions, dtype=float))
    n, d = positions.shape
    empty = Points(np.empty(0, dtype=np.int64), np.empty((0, n, d)), np.empty((0, n)), np.empty((0, n)),
                   np.empty(0), np.empty((0, n)))
    return RunFrame(
        run_id=run_id, step=step, positions=positions,
        loss=np.full(n, np.nan) if loss is None else np.asarray(loss, dtype=float).reshape(n),
        status=np.zeros(n, dtype=np.int8) if status is None else np.asarray(status, dtype=np.int8),
        ball_steps=np.full(n, step), diverged_at=np.full(n, -1), reason=reason, lr=lr, restart=restart,
        first=0, points=empty, epoch=0, batch=None,
        gradient=None if gradient is None else np.atleast_2d(np.asarray(gradient, dtype=float)),
        velocity=None if velocity is None else np.atleast_2d(np.asarray(velocity, dtype=float)),
        next_update=None, basins=None,
        distance=None if distance is None else np.asarray(distance, dtype=float),
        reached_at=None if reached_at is None else np.asarray(reached_at, dtype=np.int64),
    )
