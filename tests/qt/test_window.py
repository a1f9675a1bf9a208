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
    view = window.views["2d"]
    assert window.problem.name == "rosenbrock"
    assert window.main_views.currentWidget() is view
    assert view.image.image is not None
    assert len(view.contours.getData()[0]) > 100
    assert [window.runs_panel.list.item(i).text() for i in range(window.runs_panel.list.count())] == \
        [spec.label for spec in window.session.runs.values()]
    assert not window.isWindowModified()
    assert window.width() >= 1200 and window.height() >= 800


def test_picking_a_landscape_keeps_the_runs_and_spreads_their_starts(make_window, qtbot):
    window = make_window(racing_scenario())
    window.problem_panel.pick("himmelblau")
    qtbot.waitUntil(lambda: window.problem.name == "himmelblau", timeout=WAIT)
    specs = list(window.session.runs.values())
    assert [s.optimizer for s in specs] == ["sgd", "adam"]
    assert len({tuple(s.start) for s in specs}) == 2  # not stacked on one default start
    assert window.views["2d"].plot.getAxis("bottom").labelText == "x"
    assert window.isWindowModified()


def test_a_click_places_the_selected_runs_start(make_window, qtbot):
    window = make_window(racing_scenario())
    run = window.session.selected
    view = window.views["2d"]
    click_at(qtbot, view, 0.5, 2.0)
    qtbot.waitUntil(lambda: window.session.runs[run].start is not None, timeout=WAIT)
    x, y = window.session.runs[run].start
    assert x == pytest.approx(0.5, abs=0.05) and y == pytest.approx(2.0, abs=0.05)
    qtbot.waitUntil(lambda: np.allclose(view._runs[run].ball.pos().toTuple(), (x, y)), timeout=WAIT)


def test_shift_click_drops_a_new_ball_with_the_selected_settings(make_window, qtbot):
    window = make_window(racing_scenario())
    selected = window.session.runs[window.session.selected]
    click_at(qtbot, window.views["2d"], -1.0, 0.5, shift=True)
    qtbot.waitUntil(lambda: len(window.session.runs) == 3, timeout=WAIT)
    new = list(window.session.runs.values())[-1]
    assert new.optimizer == selected.optimizer and new.hyper == selected.hyper
    assert new.start == pytest.approx((-1.0, 0.5), abs=0.05)
    assert new.color not in (selected.color, OKABE_ITO[1])
    assert window.session.selected == list(window.session.runs)[-1]


def test_space_plays_and_the_ball_trail_and_loss_plot_move(make_window, qtbot):
    window = make_window(racing_scenario())
    run = window.session.selected
    view = window.views["2d"]
    start = view._runs[run].ball.pos().toTuple()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.snapshot.tick > 30, timeout=WAIT)
    qtbot.waitUntil(lambda: trail_points(view, run) > 30, timeout=WAIT)
    assert window.snapshot.playing
    assert view._runs[run].ball.pos().toTuple() != start
    qtbot.waitUntil(lambda: points_in(window.loss_plot.curve(0, run)) > 30, timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.snapshot.playing, timeout=WAIT)


def test_a_live_learning_rate_change_reaches_the_engine_and_the_readout(gdsim_window):
    window = gdsim_window.window
    gdsim_window.play()
    gdsim_window.wait_until_step(5)
    gdsim_window.set_hyper(0, "lr", 0.0005)
    run = list(window.session.runs)[0]
    gdsim_window.pause()
    assert window.snapshot.run(run).lr == 0.0005
    assert gdsim_window.shown()["readout"]["lr"] == 0.0005


def test_a_diverging_run_stops_with_one_message_that_reset_takes_away(make_window, qtbot):
    runs = (RunSpec(label="Wild", color=OKABE_ITO[0], optimizer="sgd", hyper={"lr": 0.5}),
            RunSpec(label="Calm", color=OKABE_ITO[1], optimizer="adam", hyper={"lr": 0.01}))
    window = make_window(racing_scenario(*runs))
    window.toggle_play()
    qtbot.waitUntil(lambda: any("Diverged" in m for m in window.messages.messages()), timeout=WAIT)
    (message,) = window.messages.messages()
    frame = window.snapshot.runs[0]
    assert message.startswith(f"Diverged: Wild at step {int(frame.diverged_at[0])} (")
    assert message.count("diverged") == 0 and message.endswith("Try a smaller learning rate.")
    tick = window.snapshot.tick
    qtbot.waitUntil(lambda: window.snapshot.tick > tick + 10, timeout=WAIT)
    assert window.snapshot.runs[1].running and window.snapshot.playing
    window.toggle_play()
    window.reset_runs()
    qtbot.waitUntil(lambda: not window.messages.messages(), timeout=WAIT)


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


def test_reset_puts_every_ball_back_and_every_counter_to_zero(gdsim_window, qtbot):
    gdsim_window.step(3)
    assert gdsim_window.shown()["status_step"] == 3
    qtbot.keyClick(gdsim_window.window, Qt.Key.Key_R)
    gdsim_window.wait_until_step(0)
    gdsim_window.settle()
    shown = gdsim_window.shown()
    assert shown["status_step"] == shown["readout"]["step"] == 0
    assert {row["steps"] for row in shown["results"]} == {0}


def test_dragging_a_start_previews_its_path_dashed(make_window, qtbot):
    window = make_window(racing_scenario())
    view = window.views["2d"]
    run = window.session.selected
    dragged = ((-0.9, 2.1), (-0.7, 2.3), (-0.5, 2.5))
    qtbot.mousePress(view.watched, Qt.MouseButton.LeftButton, pos=view_point(view, -1.0, 2.0))
    for x, y in dragged:
        qtbot.mouseMove(view.watched, view_point(view, x, y))
        qtbot.wait(30)
    qtbot.waitUntil(lambda: points_in(view.preview) > 10, timeout=WAIT)
    xs, ys = view.preview.getData()
    assert min(np.hypot(xs[0] - x, ys[0] - y) for x, y in dragged) < 0.05  # from a point of the drag
    assert view.preview.opts["pen"].style() == Qt.PenStyle.DashLine
    assert window.session.runs[run].start is None  # only a preview: nothing moved yet
    qtbot.mouseRelease(view.watched, Qt.MouseButton.LeftButton, pos=view_point(view, -0.5, 2.5))
    assert points_in(view.preview) == 0
    qtbot.waitUntil(lambda: window.session.runs[run].start is not None, timeout=WAIT)
    assert window.session.runs[run].start == pytest.approx((-0.5, 2.5), abs=0.05)


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


def test_an_invalid_edit_is_refused_at_once(make_window):
    from gdsim.core.errors import InputError

    window = make_window(racing_scenario())
    run = window.session.selected
    with pytest.raises(InputError, match="lr: must be at least 0"):
        window.session.set_hyper(run, "lr", -1.0)  # as a script could; the editors refuse it before
    with pytest.raises(InputError, match="start: must be a point of 2 numbers"):
        window.session.move_start(run, (0.5, 0.5, 0.5))
    assert window.session.runs[run].hyper["lr"] == 0.001 and window.session.runs[run].start is None


def test_the_engine_is_the_truth_of_applied_settings(make_window, qtbot):
    window = make_window(racing_scenario())
    run = window.session.selected
    window.send(SetHyper(run, "lr", -1.0))  # refused by the engine: its message, nothing changes
    qtbot.waitUntil(lambda: any("lr" in m for m in window.messages.messages()), timeout=WAIT)
    window.send(SetHyper(run, "lr", 0.25))  # applied by the engine (as a replayed event would be)
    qtbot.waitUntil(lambda: window.session.runs[run].hyper["lr"] == 0.25, timeout=WAIT)
    qtbot.waitUntil(lambda: window.runs_panel.editor.optimizer.editors["lr"].field.edit.text() == "0.25",
                    timeout=WAIT)


def test_right_drag_pans_and_places_no_start(make_window, qtbot):
    window = make_window(racing_scenario())
    view = window.views["2d"]
    before = view.view_box.viewRange()
    qtbot.mousePress(view.watched, Qt.MouseButton.RightButton, pos=view_point(view, 0.0, 1.0))
    for x in (0.2, 0.4, 0.6):
        qtbot.mouseMove(view.watched, view_point(view, x, 1.0))
    qtbot.mouseRelease(view.watched, Qt.MouseButton.RightButton, pos=view_point(view, 0.6, 1.0))
    after = view.view_box.viewRange()
    assert after[0][0] < before[0][0] - 0.3  # the landscape moved right under the pointer
    assert window.session.runs[window.session.selected].start is None


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


def test_selecting_another_run_shows_it_in_the_readout_while_paused(make_window, qtbot):
    window = make_window(racing_scenario())
    window.step_once()
    qtbot.waitUntil(lambda: window.snapshot.tick == 1, timeout=WAIT)
    first, other = list(window.session.runs)
    window.runs_panel.list.setCurrentRow(1)
    assert window.session.selected == other
    qtbot.waitUntil(lambda: "Adam" in window.readout.text(), timeout=WAIT)
    view = window.views["2d"]
    qtbot.waitUntil(lambda: view._runs[other].ball.look[1] > view._runs[first].ball.look[1], timeout=WAIT)


def test_every_control_and_view_has_a_stable_object_name(make_window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QScrollBar,
        QTabWidget,
    )

    window = make_window(racing_scenario())
    for section in window.runs_panel.editor.sections.values():
        section.expand(animate=False)
    unnamed = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractSlider, QAbstractItemView, QTabWidget,
                 QAbstractSpinBox):
        for widget in window.findChildren(kind):
            parent = widget.parent()
            internal = (isinstance(widget, QScrollBar | QHeaderView) or parent is None
                        or parent.objectName().startswith("qt_") or isinstance(parent, QComboBox)
                        or type(parent).__name__ in ("QFrame", "QTabBar", "QDockWidget"))
            # a control is named, or is a part of a named composite editor (a field and its slider)
            if not internal and not widget.objectName() and not parent.objectName():
                unnamed.append(f"{type(widget).__name__} under {type(parent).__name__}")
    assert not unnamed
    assert {key: view.objectName() for key, view in window.views.items()} == \
        {key: f"view_{key}" for key in window.views}


def test_view_options_live_in_the_session_model_and_the_widgets_follow_it(make_window, qtbot):
    window = make_window(racing_scenario())
    window.loss_plot.log_y.click()
    assert window.session.options.log_y is False
    window.session.set_options(log_y=True, gradient_arrows=False)
    assert window.loss_plot.log_y.isChecked() and window.loss_plot.log
    assert not window.gradient_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_G)
    assert window.session.options.gradient_arrows and window.views["2d"].show_gradient


def test_picking_a_landscape_after_a_data_lesson_drops_its_mini_batches(make_window, qtbot):
    from gdsim.qt.scenario_files import LESSONS_DIR
    from gdsim.session.scenario import load_scenario

    scenario, _problem = load_scenario(LESSONS_DIR / "08_mini_batch_noisy_points.json")
    assert any(run.batch_size for run in scenario.runs)
    window = make_window(scenario)
    window.problem_panel.pick("himmelblau")
    qtbot.waitUntil(lambda: window.problem.name == "himmelblau", timeout=WAIT)
    assert all(run.batch_size is None for run in window.session.runs.values())
    assert not window.messages.messages()
    assert window.problem_panel.current_name() == "himmelblau"
