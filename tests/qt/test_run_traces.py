"""The live run model holds exactly the engine's history, and rows the engine rewrote are replaced."""

from __future__ import annotations

import numpy as np

from gdsim.engine.commands import Reset, SetHyper
from gdsim.engine.engine import Engine
from gdsim.qt.run_traces import RunTraces
from tests.qt.conftest import racing_scenario


def test_traces_hold_the_engines_history_through_appends_rewrites_and_restarts():
    engine = Engine(racing_scenario())
    traces = RunTraces()
    traces.take(engine.snapshot())
    engine.advance(5)
    traces.take(engine.snapshot())
    engine.apply(SetHyper(0, "lr", 5e-4))  # rewrites the rate of the row at step 5
    engine.advance(600)
    traces.take(engine.snapshot())
    trace = traces.get(0)
    history = engine.runs[0].history
    assert trace.length == history.length == 606
    np.testing.assert_array_equal(trace.path[: trace.length], history.view("path")[:, 0])
    np.testing.assert_array_equal(trace.loss[: trace.length], history.view("loss")[:, 0])
    np.testing.assert_array_equal(trace.lrs[: trace.length], history.view("lr"))
    assert trace.lrs[4] == 1e-3 and trace.lrs[5] == 5e-4
    assert trace.frame.step == 605
    restarts = trace.restarts
    engine.apply(Reset())
    traces.take(engine.snapshot())
    assert trace.length == 1 and trace.restarts == restarts + 1 and trace.frame.step == 0


def test_evaluations_follow_the_engines_counts_through_changes_of_optimizer():
    """SGD takes one gradient a step, SAM two (its closure at the perturbed point): 10 steps of SGD, 10 of
    SAM, then 5 of Adam count 10 + 20 + 5, step by step, and start again at a reset."""
    import pytest

    pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed")
    from gdsim.engine.commands import SetOptimizer
    from gdsim.engine.spec import RunSpec

    engine = Engine(racing_scenario(RunSpec(optimizer="sgd", hyper={"lr": 1e-4})))
    traces = RunTraces()
    traces.take(engine.snapshot())
    for optimizer, hyper, batches in (("sgd", None, (3, 7)), ("pytorch_optimizer.SAM", {"lr": 1e-4}, (4, 6)),
                                      ("adam", {"lr": 1e-3}, (5,))):
        if hyper is not None:
            engine.apply(SetOptimizer(0, optimizer, hyper))
        for steps in batches:
            engine.advance(steps)
            traces.take(engine.snapshot())
    trace = traces.get(0)
    expected = np.concatenate([np.arange(11), 10 + 2 * np.arange(1, 11), 30 + np.arange(1, 6)])
    np.testing.assert_array_equal(trace.steps[: trace.length], np.arange(26))
    np.testing.assert_array_equal(trace.evaluations[: trace.length], expected)
    engine.apply(Reset())
    traces.take(engine.snapshot())
    engine.advance(3)
    traces.take(engine.snapshot())
    np.testing.assert_array_equal(trace.evaluations[: trace.length], [0, 1, 2, 3])


def test_runs_filling_in_lockstep_grow_their_columns_one_a_snapshot_and_keep_the_history():
    """Every run records every step, so the traces fill together; copying all their columns in one
    frame stalled the window (43 ms with 4 runs at 131,072 points). They grow in turns, and what they
    hold is still the engine's history, row for row."""
    from gdsim.engine.spec import RunSpec, Scenario

    runs = tuple(RunSpec(label=f"sgd {lr}", optimizer="sgd", hyper={"lr": lr}) for lr in (1e-4, 2e-4, 3e-4, 4e-4, 5e-4))
    engine = Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, runs=runs, steps=10_000))
    traces = RunTraces()
    traces.take(engine.snapshot())
    for _ in range(300):
        engine.advance(7)
        before = {trace.run_id: len(trace.steps) for trace in traces}
        traces.take(engine.snapshot())
        grown = [trace.run_id for trace in traces if len(trace.steps) != before[trace.run_id]]
        assert len(grown) <= 1, f"{grown} grew in the same snapshot"
    assert len(traces.traces) == 5
    for trace in traces:
        history = engine.runs[trace.run_id].history
        assert trace.length == history.length == 2101
        np.testing.assert_array_equal(trace.path[: trace.length], history.view("path")[:, 0])
        np.testing.assert_array_equal(trace.loss[: trace.length], history.view("loss")[:, 0])
