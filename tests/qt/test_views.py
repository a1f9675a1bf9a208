"""The views and models behind them: traces, contours, swarms, arrows, presentation mode, hover."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPen

from gdsim.core.grid import contour_levels, contour_segments, landscape_grid
from gdsim.core.landscapes import make_landscape
from gdsim.engine.commands import Reset
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.qt.engine_bridge import landscape_drawing
from gdsim.qt.run_traces import RunTraces
from tests.qt.conftest import racing_scenario
from tests.qt.helpers import view_point

WAIT = 10_000


def test_traces_append_new_points_and_replace_them_on_restart():
    engine = Engine(racing_scenario())
    traces = RunTraces()
    traces.take(engine.snapshot())
    engine.advance(5)
    traces.take(engine.snapshot())
    engine.advance(600)
    traces.take(engine.snapshot())
    trace = traces.get(0)
    history = engine.runs[0].history
    assert trace.length == history.length == 606
    np.testing.assert_array_equal(trace.path[: trace.length], history.view("path")[:, 0])
    np.testing.assert_array_equal(trace.loss[: trace.length], history.view("loss")[:, 0])
    restarts = trace.restarts
    engine.apply(Reset())
    traces.take(engine.snapshot())
    assert trace.length == 1 and trace.restarts == restarts + 1


def test_contours_lie_on_their_levels():
    grid = landscape_grid(make_landscape("himmelblau"))
    levels = contour_levels(grid)
    assert np.all(np.diff(np.log(levels - grid.finite_range[0])) > 0)  # log-spaced, rising
    problem = make_landscape("himmelblau")
    for level in levels[::4]:
        segments = contour_segments(grid, level)
        assert len(segments) > 20
        values = problem.value(segments.reshape(-1, 2))
        assert np.median(np.abs(values - level) / level) < 0.02


def test_landscape_drawing_is_prepared_for_2d_only():
    assert landscape_drawing(landscape_grid(make_landscape("x_squared"))) is None
    drawing = landscape_drawing(landscape_grid(make_landscape("rosenbrock")))
    assert drawing.heights.shape == (300, 300) and drawing.contours.shape[1:] == (2, 2)


def test_a_swarm_is_one_scatter_coloured_by_basin_at_the_end(make_window, qtbot):
    swarm = RunSpec(label="Swarm", optimizer="sgd", hyper={"lr": 0.01}, start={"random": 2000})
    window = make_window(Scenario(problem={"kind": "landscape", "name": "himmelblau"}, runs=(swarm,), steps=300))
    items = window.landscape._runs[0]
    assert len(items.swarm.data) == 2000 and not items.ball.isVisible()
    window.step_once()
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 2, timeout=WAIT)
    moved = window.snapshot.runs[0].positions
    qtbot.waitUntil(lambda: np.array_equal(items.swarm.data["x"], moved[:, 0]), timeout=WAIT)
    assert np.array_equal(items.swarm.data["y"], moved[:, 1])
    window.toggle_play()
    qtbot.waitUntil(lambda: window.snapshot.finished, timeout=30_000)
    qtbot.waitUntil(lambda: window.landscape._runs[0].drawn[0] == window.traces.get(0).version, timeout=WAIT)
    colours = {brush.color().name() for brush in items.swarm.data["brush"]}
    assert len(colours) >= 4  # Himmelblau's four minima each drew balls to themselves


def test_arrows_toggle_and_momentum_gets_a_velocity_arrow(make_window, qtbot):
    runs = (RunSpec(label="Momentum", optimizer="sgd", hyper={"lr": 0.001, "momentum": 0.9}),)
    window = make_window(racing_scenario(*runs))
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 1, timeout=WAIT)
    view = window.landscape
    qtbot.waitUntil(lambda: len(view.velocity_arrows.getData()[0] if view.velocity_arrows.getData()[0] is not None
                                else ()) == 6, timeout=WAIT)
    xs, ys = view.gradient_arrows.getData()
    frame = window.snapshot.runs[0]
    tail, tip = np.array([xs[0], ys[0]]), np.array([xs[1], ys[1]])
    direction = (tip - tail) / np.linalg.norm(tip - tail)
    expected = -frame.gradient[0] / np.linalg.norm(frame.gradient[0])
    assert direction == pytest.approx(expected)
    window.gradient_action.setChecked(False)
    window.velocity_action.setChecked(False)
    qtbot.waitUntil(lambda: len(view.gradient_arrows.getData()[0]) == 0, timeout=WAIT)
    assert len(view.velocity_arrows.getData()[0]) == 0


def test_presentation_mode_enlarges_fonts_and_lines(make_window, qtbot):
    window = make_window(racing_scenario())
    size = window.font().pointSizeF()
    window.presentation_action.setChecked(True)
    assert window.font().pointSizeF() == pytest.approx(1.5 * size)
    window.step_once()
    run = window.landscape._runs[window.selected]
    qtbot.waitUntil(lambda: run.pen is not None and run.pen[1].widthF() > 3, timeout=WAIT)
    window.presentation_action.setChecked(False)
    assert window.font().pointSizeF() == pytest.approx(size)


def test_the_pointer_shows_coordinates_and_the_grid_loss(make_window, qtbot):
    window = make_window(racing_scenario())
    view = window.landscape
    scene_point = view.view_box.mapViewToScene(QPointF(1.0, 1.0))
    view._on_mouse_moved(scene_point)
    assert "x = 1" in window.hover_label.text() and "J ≈ " in window.hover_label.text()
    value = float(window.hover_label.text().split("J ≈ ")[1])
    assert value < 0.01  # Rosenbrock's minimum is at (1, 1)
    assert view_point(view, 1.0, 1.0) is not None


def test_a_problem_of_three_parameters_shows_no_landscape_but_the_loss(make_window, qtbot):
    problem = {"kind": "regression", "data": {"x": [[1, 2], [2, 1], [3, 3], [0, 1], [2, 2]],
                                              "y": [3, 4, 7, 1, 5]}, "bias": True}
    window = make_window(Scenario(problem=problem, runs=(RunSpec(label="GD", hyper={"lr": 0.01}),)))
    assert window.views.currentWidget() is window.no_view
    for _ in range(3):
        window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 3, timeout=WAIT)
    qtbot.waitUntil(lambda: window.loss_plot.curve(0, 0) is not None, timeout=WAIT)


def test_long_trails_are_drawn_in_cached_chunks_and_thinned(qtbot):
    from PySide6.QtWidgets import QGraphicsItem

    from gdsim.qt.views.landscape_2d import thinned
    from gdsim.qt.views.trails import CHUNK, TrailsItem

    path = np.cumsum(np.random.default_rng(0).normal(size=(10_000, 2)), axis=0)
    points, stride = thinned(path, most=4000)
    assert stride == 4 and len(points) == 2501 and (points[-1] == path[-1]).all()
    assert thinned(path[:3000], most=4000)[1] == 1
    trails = TrailsItem(margin=0.1)
    pen = QPen()
    trails.set_trail(0, path[:600], pen, ("a",))
    chunks = trails._trails[0].chunks
    assert len(chunks) == 3 and trails._trails[0].complete == 2
    cached = chunks[0]
    trails.set_trail(0, path[:900], pen, ("a",))
    assert trails._trails[0].chunks[0] is cached  # finished stretches are kept, not re-stroked
    assert cached.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert len(trails._trails[0].chunks) == -(-899 // CHUNK)
    trails.set_trail(0, path[:100], pen, ("b",))
    assert len(trails._trails[0].chunks) == 1 and trails.point_count(0) == 100


def test_log_axis_labels_only_one_two_and_five_times_a_power_of_ten(qapp):
    import numpy as np

    from gdsim.qt.views.log_axis import LogFriendlyAxis

    axis = LogFriendlyAxis("left")
    values = np.log10([0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 7.0, 10.0, 50.0]).tolist()
    labels = axis.logTickStrings(values, 1.0, 1.0)
    assert [bool(text) for text in labels] == [True, False, True, True, True, False, False, True, True]
