"""Learning-rate schedules against torch.optim.lr_scheduler over a few hundred steps."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.core.schedules import SCHEDULES, make_schedule

torch = pytest.importorskip("torch")
lr_scheduler = torch.optim.lr_scheduler

STEPS = 400
BASE_LR = 0.05


def torch_rates(make: Callable[[Any], Any] | None, warmup: tuple[int, float] | None = None,
                base_lr: float = BASE_LR, count: int = STEPS) -> np.ndarray:
    """The learning rate of each of torch's first ``count`` updates under a scheduler."""
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=base_lr)
    scheduler = make(optimizer) if make else None
    if warmup is not None:
        steps, start = warmup
        linear = lr_scheduler.LinearLR(optimizer, start_factor=start, total_iters=steps)
        main = scheduler or lr_scheduler.ConstantLR(optimizer, factor=1.0, total_iters=0)
        scheduler = lr_scheduler.SequentialLR(optimizer, [linear, main], milestones=[steps])
    rates = []
    for _ in range(count):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if scheduler:
            scheduler.step()
    return np.array(rates)


def our_rates(spec: dict[str, Any] | None, base_lr: float = BASE_LR, steps: int = STEPS) -> np.ndarray:
    schedule = make_schedule(spec)
    return np.array([schedule.lr(step, base_lr) for step in range(steps)])


CASES = [
    pytest.param(None, None, id="none"),
    pytest.param({"name": "constant"}, None, id="constant"),
    pytest.param({"name": "step_lr", "step_size": 30, "gamma": 0.5},
                 lambda o: lr_scheduler.StepLR(o, step_size=30, gamma=0.5), id="step_lr"),
    pytest.param({"name": "step_lr", "step_size": 1, "gamma": 1.01},
                 lambda o: lr_scheduler.StepLR(o, step_size=1, gamma=1.01), id="step_lr-growing"),
    pytest.param({"name": "step_lr"}, lambda o: lr_scheduler.StepLR(o, step_size=100), id="step_lr-defaults"),
    pytest.param({"name": "exponential_lr", "gamma": 0.98},
                 lambda o: lr_scheduler.ExponentialLR(o, gamma=0.98), id="exponential_lr"),
    pytest.param({"name": "cosine_annealing_lr", "T_max": 100},
                 lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=100), id="cosine"),
    pytest.param({"name": "cosine_annealing_lr", "T_max": 150, "eta_min": 0.001},
                 lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=150, eta_min=0.001), id="cosine-eta_min"),
    pytest.param({"name": "cosine_annealing_lr", "T_max": 7, "eta_min": 0.2},
                 lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=7, eta_min=0.2), id="cosine-eta_min-above-lr"),
    pytest.param({"name": "inverse_time", "k": 0.05},
                 lambda o: lr_scheduler.LambdaLR(o, lambda t: 1 / (1 + 0.05 * t)), id="inverse_time"),
]


def assert_rates_close(ours: np.ndarray, theirs: np.ndarray) -> None:
    # torch updates most rates recursively (lr ← lr·γ), so they drift by a few ulps a step.
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15 * BASE_LR)


@pytest.mark.parametrize(("spec", "make"), CASES)
def test_against_torch(spec: dict[str, Any] | None, make: Callable[[Any], Any] | None) -> None:
    assert_rates_close(our_rates(spec), torch_rates(make))


@pytest.mark.parametrize(("spec", "make"), CASES)
@pytest.mark.parametrize("warmup", [(10, 1.0 / 3), (25, 0.01), (1, 0.5), (40, 1.0)], ids=str)
def test_warmup_in_front_against_torch(spec: dict[str, Any] | None, make: Callable[[Any], Any] | None,
                                       warmup: tuple[int, float]) -> None:
    steps, start = warmup
    ours = our_rates({**(spec or {"name": "constant"}), "warmup_steps": steps, "warmup_start_factor": start})
    assert_rates_close(ours, torch_rates(make, warmup))
    assert ours[0] == pytest.approx(start * BASE_LR, rel=1e-15)


def test_zero_warmup_steps_is_no_warmup() -> None:
    spec = {"name": "exponential_lr", "gamma": 0.9}
    np.testing.assert_array_equal(our_rates({**spec, "warmup_steps": 0}), our_rates(spec))


def test_eta_min_is_absolute_and_other_schedules_scale_with_lr() -> None:
    """Changing lr live rescales a schedule; the cosine's floor eta_min stays where it is."""
    for name in SCHEDULES:
        schedule = make_schedule({"name": name, "warmup_steps": 5})
        for step in (0, 3, 50, 120):
            if name != "cosine_annealing_lr":
                assert schedule.lr(step, 0.2) == pytest.approx(2 * schedule.lr(step, 0.1), rel=1e-15)
    cosine = make_schedule({"name": "cosine_annealing_lr", "T_max": 10, "eta_min": 0.01})
    assert cosine.lr(10, 0.1) == pytest.approx(0.01) == cosine.lr(10, 5.0)
    assert cosine.lr(0, 0.3) == 0.3


def test_defaults_are_listed_and_build() -> None:
    for name, (_, defaults) in SCHEDULES.items():
        assert {"warmup_steps", "warmup_start_factor"} <= set(defaults)
        assert make_schedule({"name": name, **defaults}).name == name
        assert make_schedule({"name": name}).lr(0, 0.1) == pytest.approx(0.1, rel=1e-15)


@pytest.mark.parametrize(("spec", "path"), [
    ({"name": "step_lr", "step_size": 0}, "step_size"),
    ({"name": "step_lr", "step_size": 2.5}, "step_size"),
    ({"name": "step_lr", "step_size": True}, "step_size"),
    ({"name": "step_lr", "gamma": -0.1}, "gamma"),
    ({"name": "exponential_lr", "gamma": float("nan")}, "gamma"),
    ({"name": "exponential_lr", "gamma": "0.9"}, "gamma"),
    ({"name": "cosine_annealing_lr", "T_max": 0}, "T_max"),
    ({"name": "cosine_annealing_lr", "eta_min": -1e-3}, "eta_min"),
    ({"name": "inverse_time", "k": -1.0}, "k"),
    ({"name": "inverse_time", "k": float("inf")}, "k"),
    ({"name": "constant", "warmup_steps": -1}, "warmup_steps"),
    ({"name": "constant", "warmup_steps": 5, "warmup_start_factor": 0.0}, "warmup_start_factor"),
    ({"name": "constant", "warmup_steps": 5, "warmup_start_factor": 1.5}, "warmup_start_factor"),
    ({"name": "constant", "gamma": 0.5}, "gamma"),
    ({"name": "cosine"}, "name"),
    ({"gamma": 0.5}, "name"),
    ({"name": ["step_lr"]}, "name"),
])
def test_invalid_options_are_refused_naming_the_option(spec: dict[str, Any], path: str) -> None:
    with pytest.raises(InputError) as error:
        make_schedule(spec)
    assert error.value.path == path


def test_not_an_object_is_refused() -> None:
    with pytest.raises(InputError, match="null or an object"):
        make_schedule("constant")  # type: ignore[arg-type]


@pytest.mark.parametrize("start", [-0.5, 0.0, 1e-9, 0.5, 1.0, 1.0 + 1e-9, 2.0])
def test_warmup_start_factor_refused_exactly_where_torch_refuses(start: float) -> None:
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    try:
        lr_scheduler.LinearLR(optimizer, start_factor=start)
        torch_refuses = False
    except ValueError:
        torch_refuses = True
    spec = {"name": "constant", "warmup_steps": 3, "warmup_start_factor": start}
    if torch_refuses:
        with pytest.raises(InputError):
            make_schedule(spec)
    else:
        assert make_schedule(spec).lr(0, 1.0) == start


def test_whole_floats_are_taken_as_steps() -> None:
    assert make_schedule({"name": "step_lr", "step_size": 10.0, "gamma": 0.5}).lr(10, 1.0) == 0.5
    assert math.isclose(make_schedule({"name": "inverse_time", "k": 1}).lr(3, 1.0), 0.25)


@pytest.mark.parametrize("base_lr", [0.05, 0.0, 1e-300], ids=str)
@pytest.mark.parametrize(("spec", "make"), [
    ({"name": "exponential_lr", "gamma": 10.0}, lambda o: lr_scheduler.ExponentialLR(o, gamma=10.0)),
    ({"name": "step_lr", "step_size": 2, "gamma": 10.0}, lambda o: lr_scheduler.StepLR(o, step_size=2, gamma=10.0)),
], ids=["exponential_lr", "step_lr"])
def test_growing_schedules_overflow_to_infinity_as_torch_does(spec, make, base_lr: float) -> None:
    """gamma 10 passes 1.8e308 after about 310 steps: torch's rate becomes inf (0 stays 0, and
    1e-300 stays finite for longer), ours too, without an OverflowError."""
    steps = 700
    theirs = torch_rates(make, base_lr=base_lr, count=steps)
    ours = our_rates(spec, base_lr=base_lr, steps=steps)
    np.testing.assert_array_equal(np.isinf(ours), np.isinf(theirs))
    finite = np.isfinite(theirs)
    np.testing.assert_allclose(ours[finite], theirs[finite], rtol=1e-12, atol=0)
    assert np.isinf(ours).any() or base_lr != 0.05  # the overflow is reached within these steps
