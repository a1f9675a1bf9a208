"""The data view draws what the engine's frames say: the model line at the frame's parameters,
the sigmoid and decision point for a classifier, and exactly the current batch ringed."""

import numpy as np

from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.qt.run_traces import RunTraces
from gdsim.qt.views.data_view import DataView

X = [1.0, 2.0, 3.0, 4.0, 5.0]
Y = [3.1, 4.9, 7.2, 8.8, 11.1]


def view_after(problem: dict, steps: int, qtbot, **run) -> tuple[DataView, Engine, RunTraces]:
    spec = RunSpec(label="SGD", optimizer="sgd", hyper={"lr": 0.01}, **run)
    engine = Engine(Scenario(problem=problem, runs=(spec,), steps=100))
    traces = RunTraces()
    traces.take(engine.snapshot())
    engine.advance(steps)
    snapshot = engine.snapshot()
    traces.take(snapshot)
    view = DataView()
    qtbot.addWidget(view)
    view.set_problem(engine.problem)
    specs = {frame.run_id: s for frame, s in zip(snapshot.runs, snapshot.scenario.runs, strict=True)}
    assert view.draw(traces, specs, selected=0)
    return view, engine, traces


def test_regression_line_and_batch(qtbot):
    problem = {"kind": "regression", "data": {"x": X, "y": Y}}
    view, engine, _ = view_after(problem, 7, qtbot, batch_size=2)
    w, b = engine.runs[0].theta[0]
    x, y = view._curves[0].getData()
    np.testing.assert_allclose(y, w * x + b, rtol=1e-12)
    np.testing.assert_array_equal(view.samples.getData()[0], X)
    ringed_x, ringed_y = view.batch.getData()
    batch = engine.runs[0].batch
    np.testing.assert_array_equal(ringed_x, np.array(X)[batch])
    np.testing.assert_array_equal(ringed_y, np.array(Y)[batch])


def test_classifier_sigmoid_and_decision_point(qtbot):
    problem = {"kind": "classification", "data": {"x": [0.0, 1.0, 2.0, 3.0, 1.5, 2.5], "y": [0, 0, 1, 1, 1, 0]}}
    view, engine, _ = view_after(problem, 30, qtbot, start=(1.0, -2.0))
    w, b = engine.runs[0].theta[0]
    x, p = view._curves[0].getData()
    np.testing.assert_allclose(p, 1.0 / (1.0 + np.exp(-(w * x + b))), rtol=1e-12)
    assert np.isclose(view._decisions[0].value(), -b / w, rtol=1e-12)


def test_landscapes_have_no_data_to_draw(qtbot):
    view = DataView()
    qtbot.addWidget(view)
    engine = Engine(Scenario(problem={"kind": "landscape", "name": "bowl"}, runs=(RunSpec(),)))
    assert not DataView.applies_to(engine.problem)
    view.set_problem(engine.problem)
    traces = RunTraces()
    traces.take(engine.snapshot())
    assert not view.draw(traces, {0: RunSpec()}, 0)


def test_the_window_shows_the_data_beside_the_landscape_for_a_data_lesson(make_window, qtbot):
    from gdsim.qt.scenario_files import LESSONS_DIR

    window = make_window()
    assert not window.data_view.isVisible()  # a landscape has no data
    window.open_file(LESSONS_DIR / "08_mini_batch_noisy_points.json", lesson=True)
    qtbot.waitUntil(window.data_view.isVisible, timeout=10_000)
    assert len(window.data_view.samples.getData()[0]) == window.problem.n_samples == 100
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 1, timeout=10_000)
    qtbot.waitUntil(lambda: set(window.data_view._curves) == set(window.specs), timeout=10_000)
    window.reset_runs()
    window.open_file(LESSONS_DIR / "01_u_curve_direction.json", lesson=True)
    qtbot.waitUntil(lambda: not window.data_view.isVisible(), timeout=10_000)
