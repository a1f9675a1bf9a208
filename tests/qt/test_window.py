"""The window driven as a person would: pick a landscape, place starts, play, step, diverge, close."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.engine.commands import SetHyper
from gdsim.engine.spec import OKABE_ITO, RunSpec
from tests.qt.conftest import racing_scenario
from tests.qt.helpers import click_at, points_in, trail_points, view_point

WAIT = 10_000


def test_the_window_opens_on_rosenbrock_with_its_runs(make_window):
    window = make_window()
    assert window.problem.name == "rosenbrock"
    assert window.views.currentWidget() is window.landscape
    assert window.landscape.image.image is not None
    assert len(window.landscape.contours.getData()[0]) > 100
    assert window.runs_panel.run_ids == list(window.specs)
    assert not window.isWindowModified()
    assert window.width() >= 1200 and window.height() >= 800


def test_picking_a_landscape_keeps_the_runs_and_starts_them_at_its_default(make_window, qtbot):
    window = make_window(racing_scenario())
    window.problem_panel.pick("himmelblau")
    qtbot.waitUntil(lambda: window.problem.name == "himmelblau", timeout=WAIT)
    assert [s.optimizer for s in window.specs.values()] == ["sgd", "adam"]
    assert all(s.start is None for s in window.specs.values())
    assert window.landscape.plot.getAxis("bottom").labelText == "x"
    assert window.isWindowModified()


def test_a_click_places_the_selected_runs_start(make_window, qtbot):
    window = make_window(racing_scenario())
    run = window.selected
    click_at(qtbot, window.landscape, 0.5, 2.0)
    qtbot.waitUntil(lambda: window.specs[run].start is not None, timeout=WAIT)
    x, y = window.specs[run].start
    assert x == pytest.approx(0.5, abs=0.05) and y == pytest.approx(2.0, abs=0.05)
    qtbot.waitUntil(lambda: np.allclose(window.landscape._runs[run].ball.pos().toTuple(), (x, y)), timeout=WAIT)


def test_shift_click_drops_a_new_ball_with_the_selected_settings(make_window, qtbot):
    window = make_window(racing_scenario())
    selected = window.specs[window.selected]
    click_at(qtbot, window.landscape, -1.0, 0.5, shift=True)
    qtbot.waitUntil(lambda: len(window.specs) == 3, timeout=WAIT)
    new = list(window.specs.values())[-1]
    assert new.optimizer == selected.optimizer and new.hyper == selected.hyper
    assert new.start == pytest.approx((-1.0, 0.5), abs=0.05)
    assert new.color not in (selected.color, OKABE_ITO[1])


def test_space_plays_and_the_ball_trail_and_loss_plot_move(make_window, qtbot):
    window = make_window(racing_scenario())
    run = window.selected
    start = window.landscape._runs[run].ball.pos().toTuple()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.snapshot.tick > 30, timeout=WAIT)
    qtbot.waitUntil(lambda: trail_points(window.landscape, run) > 30, timeout=WAIT)
    assert window.snapshot.playing
    assert window.landscape._runs[run].ball.pos().toTuple() != start
    qtbot.waitUntil(lambda: points_in(window.loss_plot.curve(0, run)) > 30, timeout=WAIT)
    loss = window.loss_plot.curve(0, run).yData
    assert loss[-1] < loss[0]
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.snapshot.playing, timeout=WAIT)


def test_the_learning_rate_changes_while_running(make_window, qtbot):
    window = make_window(racing_scenario())
    run = window.selected
    window.toggle_play()
    qtbot.waitUntil(lambda: window.snapshot.tick > 5, timeout=WAIT)
    window.runs_panel.command.emit(SetHyper(run, "lr", 0.0005))
    qtbot.waitUntil(lambda: window.specs[run].hyper["lr"] == 0.0005, timeout=WAIT)
    tick = window.snapshot.tick
    qtbot.waitUntil(lambda: window.snapshot.tick > tick + 5, timeout=WAIT)
    assert window.snapshot.playing
    assert window.snapshot.run(run).lr == 0.0005


def test_a_diverging_run_stops_with_a_message_and_the_others_go_on(make_window, qtbot):
    runs = (RunSpec(label="Wild", color=OKABE_ITO[0], optimizer="sgd", hyper={"lr": 0.5}),
            RunSpec(label="Calm", color=OKABE_ITO[1], optimizer="adam", hyper={"lr": 0.01}))
    window = make_window(racing_scenario(*runs))
    window.toggle_play()
    qtbot.waitUntil(lambda: any("diverged" in m for m in window.messages.messages()), timeout=WAIT)
    message = next(m for m in window.messages.messages() if "diverged" in m)
    frame = window.snapshot.runs[0]
    assert message.startswith(f"Wild diverged at step {int(frame.diverged_at[0])}: ")
    assert message.endswith("; try a smaller learning rate")
    assert window.messages.isVisible()
    tick = window.snapshot.tick
    qtbot.waitUntil(lambda: window.snapshot.tick > tick + 10, timeout=WAIT)
    assert window.snapshot.runs[1].running and window.snapshot.playing


def test_s_takes_exactly_one_step(make_window, qtbot):
    window = make_window(racing_scenario())
    assert window.snapshot.tick == 0
    qtbot.keyClick(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: window.snapshot.tick == 1, timeout=WAIT)
    qtbot.wait(300)
    assert window.snapshot.tick == 1
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.snapshot.tick == 2, timeout=WAIT)
    qtbot.wait(200)
    assert window.snapshot.tick == 2 and not window.snapshot.playing


def test_r_puts_every_ball_back(make_window, qtbot):
    window = make_window(racing_scenario())
    window.step_action.trigger()
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.snapshot.tick == 2, timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: all(f.step == 0 for f in window.snapshot.runs), timeout=WAIT)


def test_dragging_a_start_previews_its_path_dashed(make_window, qtbot):
    window = make_window(racing_scenario())
    view = window.landscape
    run = window.selected
    dragged = ((-0.9, 2.1), (-0.7, 2.3), (-0.5, 2.5))
    qtbot.mousePress(view.viewport, Qt.MouseButton.LeftButton, pos=view_point(view, -1.0, 2.0))
    for x, y in dragged:
        qtbot.mouseMove(view.viewport, view_point(view, x, y))
        qtbot.wait(30)
    qtbot.waitUntil(lambda: points_in(view.preview) > 10, timeout=WAIT)
    xs, ys = view.preview.getData()
    assert min(np.hypot(xs[0] - x, ys[0] - y) for x, y in dragged) < 0.05  # from a point of the drag
    assert view.preview.opts["pen"].style() == Qt.PenStyle.DashLine
    assert window.specs[run].start is None  # only a preview: nothing moved yet
    qtbot.mouseRelease(view.viewport, Qt.MouseButton.LeftButton, pos=view_point(view, -0.5, 2.5))
    assert points_in(view.preview) == 0
    qtbot.waitUntil(lambda: window.specs[run].start is not None, timeout=WAIT)
    assert window.specs[run].start == pytest.approx((-0.5, 2.5), abs=0.05)


def test_closing_while_running_leaves_no_thread_or_timer(make_window, qtbot):
    window = make_window(racing_scenario())
    window.toggle_play()
    qtbot.waitUntil(lambda: window.snapshot.tick > 10, timeout=WAIT)
    window.close()
    assert not window.bridge.running
    assert not window.clock.active
    assert not window._preview_timer.isActive()


def test_speed_slider_paces_the_engine(make_window, qtbot):
    window = make_window(racing_scenario())
    window.speed.slider.setValue(10)  # 10 steps per second
    assert window.speed.speed == 10
    window.toggle_play()
    qtbot.wait(1000)
    assert 3 <= window.snapshot.tick <= 20



def test_a_refused_command_shows_its_error_without_a_dialog(make_window, qtbot):
    window = make_window(racing_scenario())
    window.send(SetHyper(window.selected, "lr", -1.0))
    qtbot.waitUntil(lambda: any("lr" in m for m in window.messages.messages()), timeout=WAIT)
    assert window.specs[window.selected].hyper["lr"] == 0.001


def test_right_drag_pans_and_the_wheel_zooms(make_window, qtbot):
    window = make_window(racing_scenario())
    view = window.landscape
    before = view.view_box.viewRange()
    qtbot.mousePress(view.viewport, Qt.MouseButton.RightButton, pos=view_point(view, 0.0, 1.0))
    for x in (0.2, 0.4, 0.6):
        qtbot.mouseMove(view.viewport, view_point(view, x, 1.0))
    qtbot.mouseRelease(view.viewport, Qt.MouseButton.RightButton, pos=view_point(view, 0.6, 1.0))
    after = view.view_box.viewRange()
    assert after[0][0] < before[0][0] - 0.3  # the landscape moved right under the pointer
    assert window.specs[window.selected].start is None  # panning placed no start


def test_the_window_remembers_its_geometry(make_window, qtbot):
    window = make_window(racing_scenario())
    smallest = window.minimumSizeHint()
    target = (smallest.width() + 40, smallest.height() + 30)
    screen = window.screen().availableGeometry()
    if target[0] > screen.width() or target[1] > screen.height():
        pytest.skip("this screen is too small to resize the window (the offscreen platform's is 800x600)")
    window.resize(*target)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == target, timeout=WAIT)
    window.close()
    again = make_window(racing_scenario())
    assert (again.width(), again.height()) == target


def test_log_y_toggles_the_loss_axis(make_window, qtbot):
    window = make_window(racing_scenario())
    plot = window.loss_plot.plots[0]
    assert plot.getAxis("left").logMode
    window.loss_plot.log_y.setChecked(False)
    assert not plot.getAxis("left").logMode


def test_selecting_another_run_shows_it_in_the_readout_while_paused(make_window, qtbot):
    window = make_window(racing_scenario())
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 1, timeout=WAIT)
    other = list(window.specs)[1]
    window.runs_panel.select(other)
    window.runs_panel.selected.emit(other)
    qtbot.waitUntil(lambda: "Adam" in window.readout.text(), timeout=WAIT)
    assert window.landscape._runs[other].ball.look[1] > window.landscape._runs[0].ball.look[1]  # drawn larger
