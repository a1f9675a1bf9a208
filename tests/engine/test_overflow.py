"""Numbers at the end of the float range: a schedule that overflows, a loss that overflows.

Both are outcomes of a run (it diverges, saying why), never an exception: torch is the oracle for
what an overflowing learning rate does to a ball.
"""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest

from gdsim.cli import main
from gdsim.core.schedules import make_schedule
from gdsim.session.simulate import simulate

torch = pytest.importorskip("torch")

GAMMA = 10.0
LR = 0.05


def scenario(problem: dict, run: dict, steps: int) -> dict:
    return {"format": "gdsim.scenario", "version": 1, "problem": problem, "steps": steps, "seed": 0,
            "runs": [{"label": "A", "optimizer": "sgd", **run}]}


def torch_first_non_finite(schedule, steps: int) -> int | None:
    """The update (1-based) after which torch's parameter, a ball resting at the minimum of x², is no
    longer finite: there the scheduler's rate is inf and inf·0 is NaN."""
    param = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=LR)
    scheduler = schedule(optimizer)
    for update in range(1, steps + 1):
        optimizer.zero_grad()
        (param**2).sum().backward()
        optimizer.step()
        scheduler.step()
        if not torch.isfinite(param).all():
            return update
    return None


@pytest.mark.parametrize(("spec", "schedule"), [
    ({"name": "exponential_lr", "gamma": GAMMA}, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, GAMMA)),
    ({"name": "step_lr", "step_size": 3, "gamma": GAMMA},
     lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=GAMMA)),
], ids=["exponential_lr", "step_lr"])
def test_a_growing_schedule_overflows_and_the_run_diverges_where_torchs_ball_does(spec, schedule, tmp_path, capsys):
    steps = 2000
    expected = torch_first_non_finite(schedule, steps)
    assert expected is not None and expected < steps
    file = tmp_path / "growing.json"
    file.write_text(json.dumps(scenario({"kind": "landscape", "name": "x_squared"},
                                        {"hyper": {"lr": LR}, "start": [0.0], "schedule": spec}, steps)))
    output = tmp_path / "out.json"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main(["run", str(file), "-o", str(output)]) == 0
    run = json.loads(output.read_text())["runs"][0]
    assert run["status"] == "diverged" and run["diverged_at"] == expected and run["steps"] == expected - 1
    assert run["reason"].startswith("the learning rate overflowed")
    assert run["path"][-1] == [0.0]
    schedule = make_schedule(spec)
    assert math.isinf(schedule.lr(expected - 1, LR)) and math.isfinite(schedule.lr(expected - 2, LR))
    assert "the learning rate overflowed" in capsys.readouterr().out


def test_a_schedule_from_a_base_rate_of_zero_stays_zero_as_torchs_does():
    recording = simulate(scenario({"kind": "landscape", "name": "x_squared"},
                                  {"hyper": {"lr": 0.0}, "start": [1.0],
                                   "schedule": {"name": "exponential_lr", "gamma": GAMMA}}, 1000))
    run = recording["runs"][0]
    assert run["status"] == "max_steps" and run["path"][-1].tolist() == [1.0]
    assert np.all(run["lr"][:-1] == 0.0)


@pytest.mark.parametrize(("lr", "balls"), [(0.0, None), (1e-300, None), (0.01, None), (0.01, {"grid": [3, 3]})])
def test_a_data_problem_whose_loss_overflows_diverges(lr, balls):
    # y = 1e200: at w = b = 0 the residual's square, 1e400, is beyond the float range (math says so too)
    with pytest.raises(OverflowError):
        math.pow(1e200, 2)
    data = {"x": [1.0, 2.0, 3.0], "y": [1e200, 2.0, 3.5]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = {"hyper": {"lr": lr}} if balls is None else {"hyper": {"lr": lr}, "start": balls}
        recording = simulate(scenario({"kind": "regression", "data": data}, run, 50))
    run = recording["runs"][0]
    assert run["status"] == "diverged" and run["steps"] == 0
    assert (run["diverged_at"] if balls is None else set(run["final"]["diverged_at"])) in (0, {0})
    assert run["reason"].startswith("the loss overflowed at w = ")
