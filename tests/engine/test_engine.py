"""The engine against closed forms: SGD on x² from x₀ gives x_k = x₀ (1 − 2 lr)^k exactly."""

import math

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.engine.commands import AddRun, MoveStart, RemoveRun, Reset, SetHyper, SetOptimizer, SetRunOption, StopRun
from gdsim.engine.status import Status
from tests.engine.helpers import StopSpec, engine_on, sgd_run


def closed_form(x0: float, lr: float, steps: int) -> np.ndarray:
    return x0 * (1.0 - 2.0 * lr) ** np.arange(steps + 1)


def test_a_run_follows_the_closed_form_and_records_every_point():
    engine = engine_on("x_squared", sgd_run(0.1), steps=50)
    engine.run_to_end()
    history = engine.runs[0].history
    expected = closed_form(10.0, 0.1, 50)
    np.testing.assert_array_equal(history.view("step"), np.arange(51))
    np.testing.assert_allclose(history.view("path")[:, 0, 0], expected, rtol=1e-12)
    np.testing.assert_allclose(history.view("loss")[:, 0], expected**2, rtol=1e-12)
    np.testing.assert_allclose(history.view("grad_norm")[:, 0], np.abs(2 * expected), rtol=1e-12)
    assert engine.runs[0].status[0] == Status.MAX_STEPS
    assert np.isnan(history.view("lr")[-1]) and np.all(history.view("lr")[:-1] == 0.1)


def test_divergence_stops_only_that_ball_at_the_refused_update():
    # lr 1.5 doubles |x| each update: 10·2^16 = 655,360 is kept, 10·2^17 > 1e6 is refused.
    engine = engine_on("x_squared", sgd_run(1.5), sgd_run(0.1), steps=40)
    engine.run_to_end()
    wild, calm = engine.runs[0], engine.runs[1]
    assert wild.status[0] == Status.DIVERGED
    assert wild.diverged_at[0] == 17 and wild.ball_steps[0] == 16
    assert wild.theta[0, 0] == pytest.approx(10 * (-2.0) ** 16)
    assert wild.history.view("step")[-1] == 16
    assert "1e+06" in wild.reason
    assert calm.status[0] == Status.MAX_STEPS and calm.ball_steps[0] == 40
    assert calm.theta[0, 0] == pytest.approx(closed_form(10.0, 0.1, 40)[-1], rel=1e-12)


def test_non_finite_update_is_refused():
    engine = engine_on("x_squared", sgd_run(1e308, start=(1e10,)), steps=5)
    engine.run_to_end()
    run = engine.runs[0]
    assert run.status[0] == Status.DIVERGED and run.diverged_at[0] == 1
    assert np.all(np.isfinite(run.theta))
    assert "infinite" in run.reason


@pytest.mark.parametrize(
    ("stop", "expected_steps"),
    [
        # loss 100·0.64^k < 1e-4  <=>  k > ln(1e-6)/ln(0.64)
        (StopSpec(loss_below=1e-4), math.floor(math.log(1e-6) / math.log(0.64)) + 1),
        # |2x| = 20·0.8^k < 1e-3  <=>  k > ln(5e-5)/ln(0.8)
        (StopSpec(grad_norm_below=1e-3), math.floor(math.log(5e-5) / math.log(0.8)) + 1),
        # step k has length 2·0.8^(k−1) < 1e-3  <=>  k − 1 > ln(5e-4)/ln(0.8)
        (StopSpec(step_below=1e-3), math.floor(math.log(5e-4) / math.log(0.8)) + 2),
    ],
)
def test_stop_rules_converge_at_the_predicted_step(stop, expected_steps):
    engine = engine_on("x_squared", sgd_run(0.1, stop=stop), steps=1000)
    engine.run_to_end()
    run = engine.runs[0]
    assert Status(run.status[0]).word == "converged"
    assert run.ball_steps[0] == expected_steps
    assert run.history.view("step")[-1] == expected_steps


def test_stopped_by_command_and_max_steps():
    engine = engine_on("x_squared", sgd_run(0.1), sgd_run(0.2), steps=30)
    engine.advance(5)
    engine.apply(StopRun(0))
    engine.run_to_end()
    assert engine.runs[0].status[0] == Status.STOPPED and engine.runs[0].ball_steps[0] == 5
    assert engine.runs[1].status[0] == Status.MAX_STEPS and engine.runs[1].ball_steps[0] == 30
    assert engine.tick == 30


def test_commands_take_effect_at_the_step_boundary_and_are_stamped():
    engine = engine_on("x_squared", sgd_run(0.1), steps=20)
    engine.advance(5)
    event = engine.apply(SetHyper(0, "lr", 0.25))
    assert event.step == 5 and engine.events == [event]
    engine.run_to_end()
    x = engine.runs[0].history.view("path")[:, 0, 0]
    expected = np.concatenate([closed_form(10.0, 0.1, 5), closed_form(10.0 * 0.8**5, 0.25, 15)[1:]])
    np.testing.assert_allclose(x, expected, rtol=1e-12)
    assert engine.runs[0].spec.hyper["lr"] == 0.25


def test_invalid_commands_change_nothing():
    engine = engine_on("x_squared", sgd_run(0.1), steps=20)
    with pytest.raises(InputError, match="at least 0"):
        engine.apply(SetHyper(0, "lr", -1.0))
    with pytest.raises(InputError, match="no run 7"):
        engine.apply(StopRun(7))
    with pytest.raises(InputError, match="no hyperparameter"):
        engine.apply(SetHyper(0, "betas", [0.9, 0.99]))
    assert engine.events == [] and engine.runs[0].optimizer.hyper["lr"] == 0.1


def test_add_remove_move_reset_and_change_optimizer():
    engine = engine_on("x_squared", sgd_run(0.1), steps=10)
    engine.apply(AddRun(sgd_run(0.2, start=(4.0,))))
    engine.advance(3)
    engine.apply(MoveStart(1, (2.0,)))
    assert engine.runs[1].step == 0 and engine.runs[1].theta[0, 0] == 2.0
    engine.apply(SetOptimizer(0, "adam", {"lr": 0.5}))
    assert engine.runs[0].optimizer.name == "adam" and engine.runs[0].spec.hyper == {"lr": 0.5}
    engine.apply(SetRunOption(0, "label", "fast"))
    engine.apply(RemoveRun(1))
    assert list(engine.runs) == [0]
    engine.apply(Reset())
    assert engine.runs[0].theta[0, 0] == 10.0 and engine.runs[0].history.length == 1
    assert engine.current_scenario().runs[0].label == "fast"


def test_snapshot_is_a_copy_and_sends_only_new_points():
    engine = engine_on("x_squared", sgd_run(0.1), steps=10)
    first = engine.snapshot()
    assert first.runs[0].restart and list(first.runs[0].points.steps) == [0]
    engine.advance(3)
    second = engine.snapshot()
    frame = second.runs[0]
    assert not frame.restart and list(frame.points.steps) == [1, 2, 3]
    before = frame.positions.copy()
    engine.advance(2)
    np.testing.assert_array_equal(frame.positions, before)
    engine.apply(Reset())
    assert engine.snapshot().runs[0].restart


def test_batches_are_bounded_by_steps_and_by_time():
    engine = engine_on("rosenbrock", sgd_run(1e-4, start=(-1.0, 1.0)), steps=10**8)
    assert engine.advance(7) == 7 and engine.tick == 7
    taken = engine.advance(10**8, max_seconds=0.02)
    assert 1 <= taken < 10**8


def test_the_same_scenario_gives_bit_identical_runs():
    def final():
        engine = engine_on("himmelblau", sgd_run(0.01, start={"random": 50}, grad_noise=0.5), steps=200, seed=3)
        engine.run_to_end()
        return engine.runs[0].theta

    np.testing.assert_array_equal(final(), final())


def test_random_streams_are_independent_per_purpose_and_run():
    quiet = engine_on("himmelblau", sgd_run(0.01, start={"random": 20}), steps=5, seed=1)
    noisy = engine_on("himmelblau", sgd_run(0.01, start={"random": 20}, grad_noise=1.0), steps=5, seed=1)
    np.testing.assert_array_equal(quiet.runs[0].start, noisy.runs[0].start)
    other_seed = engine_on("himmelblau", sgd_run(0.01, start={"random": 20}), steps=5, seed=2)
    assert not np.array_equal(quiet.runs[0].start, other_seed.runs[0].start)
    two = engine_on("himmelblau", sgd_run(0.01, start={"random": 20}), sgd_run(0.01, start={"random": 20}), seed=1)
    assert not np.array_equal(two.runs[0].start, two.runs[1].start)


def test_grid_swarm_covers_the_domain_and_balls_stop_individually():
    # lr 1.05 multiplies x by −1.1 per update: a ball from x₀ is refused at the first k with |x₀|·1.1^k > 1e6.
    engine = engine_on("x_squared", sgd_run(1.05, start={"grid": [5]}), steps=200)
    run = engine.runs[0]
    np.testing.assert_allclose(run.start[:, 0], np.linspace(-11.0, 11.0, 5))
    engine.run_to_end()
    for x0, steps, status, diverged_at in zip(run.start[:, 0], run.ball_steps, run.status, run.diverged_at,
                                              strict=True):
        if x0 == 0:
            assert status == Status.MAX_STEPS and steps == 200
            continue
        k = math.floor(math.log(1e6 / abs(x0)) / math.log(1.1)) + 1
        assert (status, diverged_at, steps) == (Status.DIVERGED, k, k - 1)


def test_record_every_thins_but_keeps_first_and_last():
    engine = engine_on("x_squared", sgd_run(0.1, record_every=7), steps=20)
    engine.run_to_end()
    assert list(engine.runs[0].history.view("step")) == [0, 7, 14, 20]


def test_swarm_without_record_every_keeps_final_positions_only():
    engine = engine_on("bowl", sgd_run(0.1, start={"random": 100}), steps=50)
    engine.run_to_end()
    run = engine.runs[0]
    assert run.history is None
    np.testing.assert_allclose(run.theta, run.start * 0.8**50, rtol=1e-12)
    assert (engine.basins(run.theta) == 0).all()


def test_reached_at_is_the_first_step_within_tolerance():
    engine = engine_on("x_squared", sgd_run(0.1), steps=100)
    engine.run_to_end()
    tolerance = 0.01 * 22.0  # 1% of the domain's diagonal
    expected = next(k for k, x in enumerate(closed_form(10.0, 0.1, 100)) if abs(x) <= tolerance)
    assert engine.runs[0].reached_at[0] == expected


def test_sequential_update_recomputes_the_gradient_after_each_coordinate():
    # On Rosenbrock, y's gradient 200(y − x²) depends on x: after x moves, y's step differs.
    start = (-1.0, 1.5)
    engine = engine_on("rosenbrock", sgd_run(1e-3, start=start, update="sequential"), steps=1)
    engine.run_to_end()
    x, y = start
    x_new = x - 1e-3 * (-2 * (1 - x) - 400 * x * (y - x * x))
    y_new = y - 1e-3 * 200 * (y - x_new * x_new)
    np.testing.assert_allclose(engine.runs[0].theta[0], [x_new, y_new], rtol=1e-14)


def test_converged_status_constant_matches_its_name():
    assert Status.CONVERGED.word == "converged"


def test_frames_of_a_data_problem_carry_the_model_curve_and_the_batch():
    from gdsim.engine.engine import Engine
    from gdsim.engine.spec import RunSpec, Scenario

    problem = {"kind": "regression", "data": {"x": [1.0, 2.0, 3.0, 4.0], "y": [3.0, 5.0, 7.0, 9.0]}}
    run = RunSpec(optimizer="sgd", hyper={"lr": 0.01}, start=(0.5, -1.0), batch_size=2)
    engine = Engine(Scenario(problem=problem, runs=(run,), steps=10))
    frame = engine.snapshot().runs[0]
    # the line w·x + b at the frame's parameters, drawn over the data's range
    np.testing.assert_allclose(frame.model.y, 0.5 * frame.model.x - 1.0, rtol=1e-12)
    assert frame.model.x[0] < 1.0 < 4.0 < frame.model.x[-1] and frame.model.decision_x is None
    assert len(frame.batch) == 2 and set(frame.batch) <= {0, 1, 2, 3}


def test_divergence_check_is_exact_per_ball():
    from gdsim.core.stopping import divergence

    fine = np.full((1000, 2), 999_999.0)  # Σx² is far beyond 1e12, yet every coordinate is in range
    assert divergence(fine) is None
    few = divergence(fine[:3])  # a few numbers: their norm is beyond 1e6, so the exact check decides
    assert few is None or not few.any()
    mixed = np.array([[0.0, 1e6], [0.0, -1.000001e6], [np.nan, 0.0], [np.inf, 0.0], [1.0, 2.0]])
    assert divergence(mixed).tolist() == [False, True, True, True, False]
    assert divergence(np.ones((3, 2))) is None
