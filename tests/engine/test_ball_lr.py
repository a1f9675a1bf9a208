"""A learning rate per ball: each ball of the swarm moves exactly as a run of its own with that rate."""

from __future__ import annotations

import numpy as np
import pytest

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.problems import build_problem
from gdsim.engine.run import Run
from gdsim.engine.spec import RunSpec
from gdsim.engine.status import Status

RATES = np.array([1e-4, 3e-3, 0.02, 0.1, 0.7, 2.5])
STARTS = np.array([[-1.5, 2.0], [0.3, -0.4], [1.2, 1.1], [-0.7, 0.9], [2.0, -1.0], [0.0, 0.5]])
SCHEDULES = [None, {"name": "step_lr", "step_size": 7, "gamma": 0.5},
             {"name": "cosine_annealing_lr", "T_max": 30, "eta_min": 1e-5, "warmup_steps": 5},
             {"name": "exponential_lr", "gamma": 0.97}, {"name": "inverse_time", "k": 0.1}]


def extra_hyper(name: str) -> dict:
    """Turn on what a plain default leaves off (momentum, Nesterov, centering, amsgrad)."""
    return {"sgd": {"momentum": 0.9, "nesterov": True}, "rmsprop": {"momentum": 0.5, "centered": True},
            "adam": {"amsgrad": True}}.get(name, {})


@pytest.mark.parametrize("schedule", SCHEDULES, ids=lambda s: "constant" if s is None else s["name"])
@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_a_swarm_with_a_rate_per_ball_equals_one_run_per_rate(name, schedule):
    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    spec = RunSpec(optimizer=name, hyper=extra_hyper(name), schedule=schedule)
    swarm = Run(0, spec, problem, 0, 60, start_points=STARTS, ball_lr=RATES)
    alone = [Run(0, spec.with_changes(hyper={**spec.hyper, "lr": float(rate)}), problem, 0, 60,
                 start_points=STARTS[i : i + 1]) for i, rate in enumerate(RATES)]
    with np.errstate(all="ignore"):
        while swarm.running:
            moving = [i for i, run in enumerate(alone) if run.running]
            assert np.array_equal(swarm.lr[moving, 0], [alone[i].lr for i in moving])
            swarm.advance()
            for run in alone:
                run.advance()
    for i, run in enumerate(alone):
        assert np.array_equal(swarm.theta[i], run.theta[0])  # bit for bit
        assert swarm.status[i] == run.status[0]
        assert swarm.diverged_at[i] == run.diverged_at[0]
    assert swarm.history is None


def test_rates_per_ball_diverge_where_the_closed_form_says():
    # SGD on x² + y² multiplies the point by 1 - 2 lr each step
    problem = build_problem({"kind": "landscape", "name": "bowl"})
    rates = np.array([0.2, 0.9, 1.0, 1.1, 1.6])
    run = Run(0, RunSpec(optimizer="sgd"), problem, 0, 300, start_points=np.ones((5, 2)), ball_lr=rates)
    with np.errstate(all="ignore"):
        while run.running:
            run.advance()
    assert list(run.status == Status.DIVERGED) == list(rates > 1)
    # the point first beyond 1e6: |1 - 2 lr|^t > 1e6
    for rate, at in zip(rates[rates > 1], run.diverged_at[rates > 1], strict=True):
        assert at == int(np.floor(np.log(1e6) / np.log(abs(1 - 2 * rate)))) + 1


def test_rates_per_ball_must_match_the_balls():
    problem = build_problem({"kind": "landscape", "name": "bowl"})
    with pytest.raises(ValueError, match="3 rates for 2 balls"):
        Run(0, RunSpec(), problem, 0, 10, start_points=np.ones((2, 2)), ball_lr=np.ones(3))


def test_a_growing_schedule_overflows_per_ball_as_for_one_rate():
    from gdsim.core.schedules import make_schedule

    schedule = make_schedule({"name": "exponential_lr", "gamma": 10.0})
    rates = np.array([[0.0], [1e-300], [1.0], [-2.0]])
    for step in (5, 320, 700):
        expected = [schedule.lr(step, float(rate)) for rate in rates[:, 0]]
        assert np.array_equal(schedule.lr(step, rates)[:, 0], expected)
    assert np.isinf(schedule.lr(700, rates)[2, 0])
