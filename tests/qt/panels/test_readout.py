"""The readout: the selected run's numbers and its update rule with the numbers put in."""

from __future__ import annotations

import numpy as np
import pytest

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.qt.panels import Readout
from tests.qt.panels.conftest import make_frame


@pytest.fixture
def readout(qtbot):
    widget = Readout()
    qtbot.addWidget(widget)
    return widget


def test_nothing_selected(readout):
    readout.show_run(None, None, None)
    assert readout.text() == "No run selected."


def test_sgd_step_written_out_matches_a_hand_computation(readout, rosenbrock):
    # θ = (−1.5, 2), g = (3, −4), lr = 0.01: θ − lr·g = (−1.5 − 0.03, 2 + 0.04) = (−1.53, 2.04)
    frame = make_frame([[-1.5, 2.0]], [[3.0, -4.0]], step=7, lr=0.01, loss=[[12.5]])
    readout.show_run(frame, RunSpec(label="Plain", optimizer="sgd", hyper={"lr": 0.01}), rosenbrock)
    lines = readout.text().splitlines()
    assert lines[0] == "Plain · SGD · step 7 · running"
    assert "θ = (x, y) = (−1.5, 2)" in lines
    assert "J(θ) = 12.5" in lines
    assert "g = ∇J(θ) = (3, −4)" in lines
    assert "‖g‖ = 5" in lines
    assert "θ ← θ − lr·g" in lines
    assert "  = (−1.5, 2) − 0.01·(3, −4)" in lines
    assert "  = (−1.53, 2.04)" in lines


def test_sgd_with_momentum_uses_the_buffer_the_engine_sent(readout, rosenbrock):
    # b ← 0.9·(1, 1) + 1·(3, −4) = (3.9, −3.1); θ ← (−1.5, 2) − 0.1·(3.9, −3.1) = (−1.89, 2.31)
    frame = make_frame([[-1.5, 2.0]], [[3.0, -4.0]], step=3, lr=0.1, velocity=[[1.0, 1.0]])
    readout.show_run(frame, RunSpec(optimizer="sgd", hyper={"lr": 0.1, "momentum": 0.9}), rosenbrock)
    text = readout.text()
    assert "  = (3.9, −3.1)" in text
    assert "  = (−1.5, 2) − 0.1·(3.9, −3.1)" in text
    assert "  = (−1.89, 2.31)" in text


def test_the_readout_agrees_with_the_engines_next_step(readout, rosenbrock):
    spec = RunSpec(optimizer="sgd", hyper={"lr": 0.0005})
    engine = Engine(Scenario({"kind": "landscape", "name": "rosenbrock"}, (spec,), steps=100))
    engine.advance(5)
    readout.show_run(engine.snapshot().runs[0], spec, engine.problem)
    engine.advance(1)
    expected = engine.snapshot().runs[0].positions[0]
    shown = readout.text().splitlines()[-1].strip(" =()").replace("−", "-").split(", ")
    assert np.array([float(v) for v in shown]) == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize("name", [n for n in OPTIMIZERS if n != "sgd"])
def test_other_optimizers_show_their_rule_and_numbers(readout, rosenbrock, name):
    frame = make_frame([[0.5, 0.25]], [[1.0, 2.0]], step=4, lr=0.002, loss=[[0.25]], velocity=[[0.1, 0.2]])
    readout.show_run(frame, RunSpec(optimizer=name), rosenbrock)
    text = readout.text()
    assert OPTIMIZERS[name].title in text.splitlines()[0]
    assert "lr = 0.002" in text
    assert OPTIMIZERS[name].rule.split(";")[0].strip() in text


def test_a_diverged_run_says_why(readout, rosenbrock):
    frame = make_frame([[3.0, 1e5]], [[1.0, 1.0]], step=12, status=[2], reason="the loss became infinite")
    readout.show_run(frame, RunSpec(label="Adam", optimizer="adam"), rosenbrock)
    assert "stopped: the loss became infinite" in readout.text()
    assert "diverged" in readout.text().splitlines()[0]


def test_a_swarm_shows_counts(readout, rosenbrock):
    frame = make_frame(np.zeros((4, 2)), step=9, status=[0, 1, 1, 2])
    readout.show_run(frame, RunSpec(start={"random": 4}), rosenbrock)
    assert "1 running, 2 converged, 1 diverged" in readout.text()


def test_a_label_equal_to_the_optimizer_is_not_repeated(readout, rosenbrock):
    frame = make_frame([[0.0, 0.0]], [[0.0, 0.0]], step=1)
    readout.show_run(frame, RunSpec(label="SGD"), rosenbrock)
    assert readout.text().splitlines()[0] == "SGD · step 1 · running"


def test_one_parameter(readout):
    from gdsim.core.landscapes import make_landscape

    frame = make_frame([[10.0]], [[20.0]], step=0, lr=0.1, loss=[[100.0]])
    readout.show_run(frame, RunSpec(optimizer="sgd"), make_landscape("x_squared"))
    text = readout.text()
    assert "θ = x = 10" in text
    assert "g = ∇J(θ) = 20" in text
    assert "  = 10 − 0.1·20" in text
    assert "  = 8" in text
