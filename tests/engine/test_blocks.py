"""Recording in blocks: points kept back and evaluated together give the same history, row for row and
bit for bit, as evaluating each point when the ball arrives there (which a point stop rule forces)."""

import numpy as np
import pytest

from gdsim.engine.commands import SetHyper
from gdsim.engine.history import History
from gdsim.engine.spec import RunSpec
from tests.engine.helpers import StopSpec, engine_on

COLUMNS = ("step", "path", "loss", "grad_norm", "lr", "batch_loss")


def histories(name: str, stop: StopSpec, chunks=(3, 50, 1, 400)) -> list:
    runs = (RunSpec(label="one", optimizer="adam", hyper={"lr": 0.05}, stop=stop),
            RunSpec(label="few", optimizer="sgd", hyper={"lr": 1e-3, "momentum": 0.9}, start={"random": 4},
                    record_every=3, stop=stop),
            RunSpec(label="wild", optimizer="sgd", hyper={"lr": 3.0}, stop=stop))
    engine = engine_on(name, *runs, steps=500, seed=2)
    for index, chunk in enumerate(chunks):
        engine.advance(chunk)
        if index == 1:
            engine.apply(SetHyper(run=0, name="lr", value=0.02))
    engine.run_to_end()
    return [(run.reached_at, {key: run.history.view(key) for key in COLUMNS}) for run in engine.runs.values()]


@pytest.mark.parametrize("name", ["rosenbrock", "himmelblau", "rastrigin", "ackley", "six_hump_camel"])
def test_blocks_record_what_visiting_each_point_records(name):
    # A gradient-norm rule no ball can meet makes the run evaluate every point on arrival.
    visited = histories(name, StopSpec(grad_norm_below=1e-300))
    blocked = histories(name, StopSpec())
    for (reached_a, a), (reached_b, b) in zip(visited, blocked, strict=True):
        np.testing.assert_array_equal(reached_a, reached_b)
        for key in COLUMNS:
            np.testing.assert_array_equal(a[key], b[key])


def test_a_block_thins_where_appending_one_by_one_thins():
    one, block = (History(1, 1, record_every=1, cap_values=64 * 5) for _ in range(2))
    pending: list[int] = []

    def flush():
        rows = np.array(pending, dtype=float)
        k = len(rows)
        block.extend(rows, rows.reshape(k, 1, 1), np.zeros((k, 1)), np.zeros((k, 1)), np.full(k, 0.1),
                     np.zeros((k, 1)), rows)
        pending.clear()

    for step in range(1000):
        if one.due(step):
            one.append(step, np.array([[float(step)]]), np.zeros(1), np.zeros(1), 0.1, np.zeros(1), step)
        if block.due(step):
            pending.append(step)
            if block.length + len(pending) >= block.cap_points or len(pending) == 7:
                flush()
    flush()
    assert block.stride == one.stride and block.generation == one.generation
    for key in COLUMNS:
        np.testing.assert_array_equal(block.view(key), one.view(key))


@pytest.mark.parametrize("name", ["rosenbrock", "rastrigin", "six_hump_camel"])
def test_runs_evaluated_together_get_the_numbers_each_gets_alone(name, monkeypatch):
    """A snapshot evaluates the small runs' kept points, losses and distances in one call for all of
    them: every frame and history equals, bit for bit, what evaluating each run alone gives, through
    histories thinned at their cap, a swarm too big to join (65 balls) and a run that diverges."""
    monkeypatch.setattr(History.__init__, "__defaults__", (3000,))  # a small cap: the histories thin
    runs = (RunSpec(label="one", optimizer="adam", hyper={"lr": 0.05}),
            RunSpec(label="few", optimizer="sgd", hyper={"lr": 1e-3, "momentum": 0.9}, start={"random": 4},
                    record_every=3),
            RunSpec(label="crowd", optimizer="sgd", hyper={"lr": 1e-3}, start={"random": 65}, record_every=5),
            RunSpec(label="wild", optimizer="sgd", hyper={"lr": 3.0}))

    def snapshots(together: bool):
        engine = engine_on(name, *runs, steps=2000, seed=2)
        monkeypatch.setattr(engine.problem, "rows_apart", together)
        value = engine.problem.value
        calls = []
        monkeypatch.setattr(engine.problem, "value", lambda theta: calls.append(len(theta)) or value(theta))
        taken = []
        for chunk in (3, 50, 1, 400, 900, 700):
            engine.advance(chunk)
            taken.append(engine.snapshot())
        thinned = [run.history.generation for run in engine.runs.values() if run.history is not None]
        return taken, len(calls), thinned

    (together, calls_together, thinned), (alone, calls_alone, _) = snapshots(True), snapshots(False)
    assert calls_together < calls_alone  # the runs were evaluated together
    assert max(thinned) > 0  # and some history thinned on the way
    for a, b in zip(together, alone, strict=True):
        for frame, oracle in zip(a.runs, b.runs, strict=True):
            np.testing.assert_array_equal(frame.positions, oracle.positions)
            np.testing.assert_array_equal(frame.loss, oracle.loss)
            np.testing.assert_array_equal(frame.status, oracle.status)
            np.testing.assert_array_equal(frame.distance, oracle.distance)
            for key in ("steps", "path", "loss", "grad_norm", "lr", "batch_loss"):
                np.testing.assert_array_equal(getattr(frame.points, key), getattr(oracle.points, key))
