"""The rest of a run's editor: start point and swarms, schedule, gradient, batches, stop rules."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdsim.engine.commands import MoveStart, SetRunOption
from gdsim.engine.spec import StopSpec
from tests.qt.panels.conftest import RUN_IDS, SPECS, acknowledge
from tests.qt.panels.test_hyper_editors import type_into


def pick(qtbot, combo, data) -> None:
    """Choose the entry with ``data`` as a person would (the popup's activated signal)."""
    index = combo.findData(data)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_typing_a_start_coordinate_moves_the_start(qtbot, runs_panel):
    editor = runs_panel.editor
    editor.sections["start"].expand(animate=False)
    x, y = editor.start.point
    assert (x.edit.text(), y.edit.text()) == ("−1.5", "2")
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, y.edit, "-0.5")
    assert blocker.args == [MoveStart(0, (-1.5, -0.5))]


def test_swarm_modes(qtbot, runs_panel):
    editor = runs_panel.editor
    editor.sections["start"].expand(animate=False)
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, editor.start.mode, "grid")
    assert blocker.args == [MoveStart(0, {"grid": [30, 30]})]
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        box = editor.start.counts[1]
        box.setFocus()
        box.lineEdit().selectAll()
        qtbot.keyClicks(box, "12")
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert blocker.args == [MoveStart(0, {"grid": [30, 12]})]
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, editor.start.mode, "random")
    assert blocker.args == [MoveStart(0, {"random": 500})]
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, editor.start.mode, "point")
    assert blocker.args == [MoveStart(0, (-1.5, 2.0))]


def test_a_swarm_start_from_the_engine_is_shown(runs_panel, rosenbrock):
    acknowledge(runs_panel, list(RUN_IDS), [SPECS[0].with_changes(start={"random": 42}), SPECS[1]], rosenbrock)
    assert runs_panel.editor.start.mode.currentData() == "random"
    assert runs_panel.editor.start.counts[0].value() == 42


@pytest.mark.parametrize(("name", "text", "value"), [
    ("clip_norm", "1.5", 1.5),
    ("grad_noise", "0.2", 0.2),
    ("record_every", "10", 10),
])
def test_gradient_and_record_options(qtbot, runs_panel, name, text, value):
    editor = runs_panel.editor
    form = editor.gradient if name in editor.gradient.editors else editor.stop
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, form.editors[name].edit, text)
    assert blocker.args == [SetRunOption(0, name, value)]


def test_clearing_clip_norm_turns_it_off(qtbot, runs_panel, rosenbrock):
    acknowledge(runs_panel, list(RUN_IDS), [SPECS[0].with_changes(clip_norm=2.0), SPECS[1]], rosenbrock)
    field = runs_panel.editor.gradient.editors["clip_norm"]
    assert field.edit.text() == "2"
    field.edit.setFocus()
    field.edit.selectAll()
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert blocker.args == [SetRunOption(0, "clip_norm", None)]


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("clip_norm", "0", "greater than 0"),
    ("grad_noise", "-1", "at least 0"),
])
def test_refused_options_show_the_engines_reason(qtbot, runs_panel, name, text, reason):
    field = runs_panel.editor.gradient.editors[name]
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        type_into(qtbot, field.edit, text)
    assert reason in field.error.text()


def test_update_order(qtbot, runs_panel):
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, runs_panel.editor.gradient.editors["update"], "sequential")
    assert blocker.args == [SetRunOption(0, "update", "sequential")]


def test_stop_rules_travel_as_a_stop_spec(qtbot, runs_panel):
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, runs_panel.editor.stop.editors["stop.grad_norm_below"].edit, "1e-4")
    assert blocker.args == [SetRunOption(0, "stop", StopSpec(grad_norm_below=1e-4))]
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, runs_panel.editor.stop.editors["stop.loss_below"].edit, "0.001")
    assert blocker.args == [SetRunOption(0, "stop", StopSpec(loss_below=0.001, grad_norm_below=1e-4))]


def test_batches_only_for_data_problems(qtbot, runs_panel, data_problem):
    assert not runs_panel.editor.data.isEnabled()
    acknowledge(runs_panel, list(RUN_IDS), list(SPECS), data_problem)
    data = runs_panel.editor.data
    assert data.isEnabled()
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, data.editors["batch_size"].edit, "4")
    assert blocker.args == [SetRunOption(0, "batch_size", 4)]
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        type_into(qtbot, data.editors["batch_size"].edit, "50")
    assert "larger than the data set" in data.editors["batch_size"].error.text()
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, data.editors["sampling"], "replacement")
    assert blocker.args == [SetRunOption(0, "sampling", "replacement")]


def test_every_schedule_is_offered_with_its_options(qtbot, runs_panel):
    from gdsim.core.schedules import SCHEDULES, make_schedule

    schedule = runs_panel.editor.schedule
    assert [schedule.combo.itemData(i) for i in range(schedule.combo.count())] == list(SCHEDULES)
    for name, (_, defaults) in SCHEDULES.items():
        if name == "constant":
            continue
        with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
            pick(qtbot, schedule.combo, name)
        assert blocker.args == [SetRunOption(0, "schedule", {"name": name})]
        assert list(schedule.editors) == list(defaults)
        make_schedule(blocker.args[0].value)
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, schedule.combo, "constant")
    assert blocker.args == [SetRunOption(0, "schedule", None)]


def test_a_schedule_option_typed_in(qtbot, runs_panel):
    schedule = runs_panel.editor.schedule
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000):
        pick(qtbot, schedule.combo, "step_lr")
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, schedule.editors["step_size"].edit, "50")
    assert blocker.args == [SetRunOption(0, "schedule", {"name": "step_lr", "step_size": 50})]
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        type_into(qtbot, schedule.editors["step_size"].edit, "0")
    assert "at least 1" in schedule.editors["step_size"].error.text()


def test_a_curve_has_one_start_coordinate(qtbot, runs_panel):
    from gdsim.core.landscapes import make_landscape

    curve = make_landscape("x_squared")
    acknowledge(runs_panel, list(RUN_IDS), [spec.with_changes(start=None) for spec in SPECS], curve)
    start = runs_panel.editor.start
    assert [field.edit.text() for field in start.point] == ["10"]
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        pick(qtbot, start.mode, "grid")
    assert blocker.args == [MoveStart(0, {"grid": [50]})]


def test_a_start_coordinate_that_is_not_a_number(qtbot, runs_panel):
    x, _ = runs_panel.editor.start.point
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        type_into(qtbot, x.edit, "left")
    assert "not a number" in runs_panel.editor.start.error.text()
