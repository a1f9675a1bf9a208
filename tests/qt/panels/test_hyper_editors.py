"""Hyperparameter editors: typed values, refused values, log sliders, switching optimizer, torch defaults."""

from __future__ import annotations

import html
import inspect
import math

import pytest
from PySide6.QtCore import Qt

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.commands import SetHyper, SetOptimizer
from gdsim.qt.panels.formatting import parse_number


def type_into(qtbot, line_edit, text: str) -> None:
    """Select all, type ``text`` and press Enter, as a person would."""
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def hyper_field(panel, name: str):
    return panel.editor.optimizer.editors[name].field.edit


def test_typing_a_learning_rate_emits_set_hyper(qtbot, runs_panel):
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, hyper_field(runs_panel, "lr"), "0.05")
    assert blocker.args == [SetHyper(0, "lr", 0.05)]


def test_any_valid_value_beyond_the_slider_is_accepted(qtbot, runs_panel):
    editor = runs_panel.editor.optimizer.editors["lr"]
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, editor.field.edit, "25")
    assert blocker.args == [SetHyper(0, "lr", 25.0)]
    assert editor.slider.value() == editor.slider.maximum()


def test_a_negative_learning_rate_is_refused_with_a_reason(qtbot, runs_panel):
    field = runs_panel.editor.optimizer.editors["lr"].field
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        type_into(qtbot, field.edit, "-0.1")
    assert field.error.isVisible()
    assert "at least 0" in field.error.text()
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, field.edit, "0.2")
    assert blocker.args == [SetHyper(0, "lr", 0.2)]
    assert not field.error.isVisible()


def test_text_that_is_not_a_number_is_refused_as_typed(qtbot, runs_panel):
    field = runs_panel.editor.optimizer.editors["momentum"].field
    field.edit.setFocus()
    field.edit.selectAll()
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        qtbot.keyClicks(field.edit, "0.9x")
    assert "not a number" in field.error.text()


def test_the_learning_rate_slider_is_logarithmic(qtbot, runs_panel):
    editor = runs_panel.editor.optimizer.editors["lr"]
    assert (editor.slider.minimum(), editor.slider.maximum()) == pytest.approx((-5.0, 0.0))
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        editor.slider.setValue(-2.0)
    assert blocker.args == [SetHyper(0, "lr", 0.01)]
    assert editor.field.edit.text() == "0.01"


def test_nesterov_without_momentum_springs_back_with_the_reason(qtbot, runs_panel):
    editor = runs_panel.editor.optimizer.editors["nesterov"]
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        qtbot.mouseClick(editor.box, Qt.MouseButton.LeftButton)
    assert not editor.box.isChecked()
    assert "momentum" in editor.error.text()


def test_a_beta_typed_in_emits_the_pair(qtbot, runs_panel):
    runs_panel.select(3)
    first, second = runs_panel.editor.optimizer.editors["betas"].fields
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        type_into(qtbot, second.edit, "0.99")
    assert blocker.args == [SetHyper(3, "betas", (0.9, 0.99))]
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        type_into(qtbot, first.edit, "1")
    assert "below 1" in first.error.text()


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_switching_optimizer_emits_and_rebuilds_from_its_hypers(qtbot, runs_panel, name):
    if name == "sgd":
        runs_panel.select(3)
    run = runs_panel.selected_run()
    combo = runs_panel.editor.optimizer.combo
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        combo.setCurrentIndex(combo.findText(OPTIMIZERS[name].title))
        combo.activated.emit(combo.currentIndex())
    assert blocker.args == [SetOptimizer(run, name, {})]
    editors = runs_panel.editor.optimizer.editors
    cls = OPTIMIZERS[name]
    assert list(editors) == [h.name for h in cls.hypers]
    for hyper in cls.hypers:
        tip = editors[hyper.name].toolTip()
        assert html.escape(hyper.help) in tip
        assert html.escape(cls.rule) in tip


def _torch_class(name: str):
    import torch.optim

    matches = [cls for attr, cls in vars(torch.optim).items()
               if attr.lower() == name and inspect.isclass(cls) and issubclass(cls, torch.optim.Optimizer)]
    return matches[0] if matches else None


def _shown(editor):
    if hasattr(editor, "box"):
        return editor.box.isChecked()
    if hasattr(editor, "fields"):
        return tuple(parse_number(f.edit.text()) for f in editor.fields)
    return parse_number(editor.field.edit.text())


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_defaults_shown_are_torch_defaults(qtbot, runs_panel, name):
    pytest.importorskip("torch")
    torch_cls = _torch_class(name)
    if torch_cls is None:
        pytest.skip(f"{name} has no torch.optim counterpart")
    editor = runs_panel.editor
    editor.optimizer.set_optimizer(name, {})
    parameters = inspect.signature(torch_cls).parameters
    for hyper in OPTIMIZERS[name].hypers:
        assert hyper.name in parameters, f"torch.optim.{torch_cls.__name__} has no {hyper.name}"
        expected = parameters[hyper.name].default
        expected = float(expected) if not isinstance(expected, bool | tuple) else expected
        assert _shown(editor.optimizer.editors[hyper.name]) == pytest.approx(expected), hyper.name


def test_every_hyperparameter_has_an_editor_of_its_kind(qtbot, runs_panel):
    from gdsim.qt.panels.hyper_editor import BoolEditor, NumberEditor, PairEditor

    for name, cls in OPTIMIZERS.items():
        runs_panel.editor.optimizer.set_optimizer(name, {})
        for hyper in cls.hypers:
            editor = runs_panel.editor.optimizer.editors[hyper.name]
            kind = (BoolEditor if isinstance(hyper.default, bool)
                    else PairEditor if isinstance(hyper.default, tuple) else NumberEditor)
            assert isinstance(editor, kind)
            if kind is NumberEditor:
                low, high = hyper.slider
                assert editor.slider.minimum() == pytest.approx(math.log10(low) if hyper.log else low)
                assert editor.slider.maximum() == pytest.approx(math.log10(high) if hyper.log else high)
