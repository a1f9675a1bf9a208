"""Frames carry what is drawn, computed at the current step, and acknowledge settings: checked
against closed forms of SGD on x² (x_{k+1} = (1 − 2·lr)·x_k) and against the engine's own next step."""

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.engine.commands import SetHyper
from gdsim.engine.spec import RunSpec
from tests.engine.helpers import engine_on, sgd_run


def merged(frames, column):
    """What a consumer holds after merging ``frames``: keep the first ``first`` rows, write the rest."""
    rows: list = []
    for frame in frames:
        rows = rows[: frame.first] + list(getattr(frame.points, column))
    return np.array(rows)


def test_the_lr_column_after_a_live_change_is_the_rate_of_the_update_leaving_each_point():
    engine = engine_on("x_squared", sgd_run(0.1), steps=8)
    frames = [engine.snapshot().runs[0]]
    engine.advance(3)
    frames.append(engine.snapshot().runs[0])
    engine.apply(SetHyper(0, "lr", 0.25))  # at tick 3: the update leaving x_3 uses 0.25
    engine.run_to_end()
    frames.append(engine.snapshot().runs[0])
    rates = [0.1] * 3 + [0.25] * 5
    expected_x = 10.0 * np.cumprod([1.0] + [1 - 2 * lr for lr in rates])
    history = engine.runs[0].history
    np.testing.assert_allclose(history.view("path")[:, 0, 0], expected_x, rtol=1e-12)
    np.testing.assert_array_equal(history.view("lr")[:-1], rates)
    assert np.isnan(history.view("lr")[-1])
    lr_seen = merged(frames, "lr")
    np.testing.assert_array_equal(lr_seen[:-1], rates)
    np.testing.assert_allclose(merged(frames, "path")[:, 0, 0], expected_x, rtol=1e-12)


def test_a_frame_gives_the_loss_at_the_current_step_not_at_the_last_recorded_point():
    engine = engine_on("x_squared", sgd_run(0.1, record_every=5), steps=100)
    engine.advance(7)
    frame = engine.snapshot().runs[0]
    x7 = 10.0 * 0.8**7
    assert frame.step == 7 and list(frame.points.steps) == [0, 5]
    assert frame.positions[0, 0] == pytest.approx(x7, rel=1e-12)
    assert frame.loss[0] == pytest.approx(x7**2, rel=1e-12)
    assert frame.gradient[0, 0] == pytest.approx(2 * x7, rel=1e-12)


@pytest.mark.parametrize("spec", [
    RunSpec(optimizer="adam", hyper={"lr": 0.02}, start=(-1.5, 2.0), grad_noise=0.5, clip_norm=3.0),
    RunSpec(optimizer="sgd", hyper={"lr": 1e-3, "momentum": 0.9, "nesterov": True}, start=(-1.0, 1.0),
            update="sequential"),
])
def test_the_next_update_in_a_frame_is_exactly_the_step_the_engine_then_takes(spec):
    engine = engine_on("rosenbrock", spec, steps=50)
    engine.advance(4)
    frame = engine.snapshot().runs[0]
    coming = frame.next_update
    theta = frame.positions[0]
    np.testing.assert_allclose(theta - coming.lr * coming.direction, coming.position, rtol=1e-12, atol=1e-15)
    engine.advance(1)  # the peek consumed no noise and left the optimizer state alone
    np.testing.assert_array_equal(engine.runs[0].theta[0], coming.position)


def test_settings_ride_along_only_when_a_command_was_applied_or_refused():
    engine = engine_on("x_squared", sgd_run(0.1), steps=20)
    first = engine.snapshot()
    assert [spec.hyper["lr"] for _, spec in first.specs] == [0.1]
    engine.advance(2)
    assert engine.snapshot().specs is None
    with pytest.raises(InputError) as refused:
        engine.apply(SetHyper(0, "lr", -1.0))
    assert refused.value.code != "" and refused.value.path == "lr"
    acknowledged = engine.snapshot()
    assert [spec.hyper["lr"] for _, spec in acknowledged.specs] == [0.1]
    engine.apply(SetHyper(0, "lr", 0.2))
    assert [spec.hyper["lr"] for _, spec in engine.snapshot().specs] == [0.2]


def test_the_next_update_of_plain_sgd_on_the_u_curve_is_the_closed_form():
    engine = engine_on("x_squared", sgd_run(0.1), steps=50)
    engine.advance(3)
    coming = engine.snapshot().runs[0].next_update
    x3 = 10.0 * 0.8**3
    assert coming.direction[0] == pytest.approx(2 * x3, rel=1e-12)  # d = g = 2x
    assert coming.position[0] == pytest.approx(0.8 * x3, rel=1e-12)
    assert coming.gradient[0] == pytest.approx(2 * x3, rel=1e-12) and coming.lr == 0.1
