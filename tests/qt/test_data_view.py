"""The data view draws what the engine's frames say: each run's model curve as the frame carries it,
the decision point of a classifier, and exactly the selected run's current batch ringed."""

from __future__ import annotations

import dataclasses

import numpy as np

from gdsim.core.data_problems import build_classification_problem, build_regression_problem
from gdsim.core.grid import landscape_grid
from gdsim.core.problem import ModelCurve
from gdsim.qt.views.data_view import DataView
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.protocol import views_for
from tests.qt.views.fakes import FakeRuns, FakeTrace, picture_of, run_frame, specs_for

X = [1.0, 2.0, 3.0, 4.0, 5.0]
Y = [3.1, 4.9, 7.2, 8.8, 11.1]


def view_of(qtbot, problem) -> DataView:
    view = DataView()
    qtbot.addWidget(view)
    view.set_problem(make_picture(problem, landscape_grid(problem)))
    return view


def model_frame(run_id: int, model: ModelCurve, batch=None):
    return dataclasses.replace(run_frame(run_id, [[0.5, 0.1]], [1.0]), model=model,
                               batch=None if batch is None else np.asarray(batch))


def test_regression_lines_and_the_selected_runs_batch(qtbot):
    problem = build_regression_problem({"data": {"x": X, "y": Y}, "bias": True})
    view = view_of(qtbot, problem)
    xs = np.linspace(0.0, 6.0, 5)
    runs = FakeRuns(FakeTrace(model_frame(0, ModelCurve(xs, 2 * xs + 1), batch=[1, 3])),
                    FakeTrace(model_frame(1, ModelCurve(xs, 0.5 * xs), batch=[0, 2])))
    assert view.draw(runs, specs_for(runs), selected=0)
    for run_id, expected in ((0, 2 * xs + 1), (1, 0.5 * xs)):
        x, y = view._curves[run_id].getData()
        np.testing.assert_array_equal(x, xs)
        np.testing.assert_array_equal(y, expected)
    np.testing.assert_array_equal(view.samples.getData()[0], X)
    ringed_x, ringed_y = view.batch.getData()
    np.testing.assert_array_equal(ringed_x, np.array(X)[[1, 3]])
    np.testing.assert_array_equal(ringed_y, np.array(Y)[[1, 3]])
    assert not view.draw(runs, specs_for(runs), selected=0)  # nothing changed: nothing redrawn
    assert view.draw(runs, specs_for(runs), selected=1)
    np.testing.assert_array_equal(view.batch.getData()[0], np.array(X)[[0, 2]])


def test_classifier_curve_and_decision_point(qtbot):
    problem = build_classification_problem({"data": {"x": [0.0, 1.0, 2.0, 3.0, 1.5, 2.5], "y": [0, 0, 1, 1, 1, 0]}})
    view = view_of(qtbot, problem)
    xs = np.linspace(-1.0, 4.0, 7)
    p = 1.0 / (1.0 + np.exp(-(2.0 * xs - 3.0)))
    runs = FakeRuns(FakeTrace(model_frame(0, ModelCurve(xs, p, decision_x=1.5))))
    view.draw(runs, specs_for(runs), selected=0)
    np.testing.assert_array_equal(view._curves[0].getData()[1], p)
    assert view._decisions[0].value() == 1.5


def test_the_data_view_is_beside_the_landscape_of_one_feature_data_only(qtbot):
    one_feature = build_regression_problem({"data": {"x": X, "y": Y}, "bias": True})
    two_features = build_regression_problem({"data": {"x": [[1, 2], [2, 1], [3, 3], [0, 1]], "y": [3, 4, 7, 1]},
                                             "bias": False})
    assert DataView.placement == "beside" and not DataView.places_starts
    assert DataView in views_for(make_picture(one_feature, landscape_grid(one_feature)))
    assert DataView not in views_for(make_picture(two_features, landscape_grid(two_features)))
    landscape = picture_of("bowl")
    assert not DataView.applies_to(landscape)
    view = DataView()
    qtbot.addWidget(view)
    view.set_problem(landscape)
    runs = FakeRuns(FakeTrace(run_frame(0, [[0.0, 0.0]], [0.0])))
    assert not view.draw(runs, specs_for(runs), 0)
