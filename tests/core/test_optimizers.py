"""Every optimizer against torch.optim in float64 (the oracle), option by option.

torch runs its single-tensor code (``foreach=False``) with float64 as the default dtype, so that its
scalar state (NAdam's running product of momenta) is float64 too.
"""

from __future__ import annotations

import inspect
import itertools
import tracemalloc
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.core.landscapes import make_landscape
from gdsim.core.optimizers import OPTIMIZERS, make_optimizer, optimizer_class

torch = pytest.importorskip("torch")

TORCH = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "rmsprop": torch.optim.RMSprop,
    "adagrad": torch.optim.Adagrad,
    "adadelta": torch.optim.Adadelta,
    "adamax": torch.optim.Adamax,
    "nadam": torch.optim.NAdam,
    "radam": torch.optim.RAdam,
}
#: torch arguments about devices and kernels, not about the mathematics.
MACHINERY = {"self", "params", "foreach", "capturable", "differentiable", "fused"}


def combos(**choices: list[Any]) -> list[dict[str, Any]]:
    """Every combination of the given option values."""
    return [dict(zip(choices, values, strict=True)) for values in itertools.product(*choices.values())]


ON_OFF = [False, True]
DECAY = [0.0, 0.1]
#: Option sets: every combination of the values that take a different branch of the update (a switch,
#: a factor at 0 or not, β₁ on either side of 0.5 where torch's lerp changes formula, RAdam's ρₜ test).
#: Values that only change numbers (eps, a second non-zero weight decay) are set once, not crossed.
OPTIONS: dict[str, list[dict[str, Any]]] = {
    "sgd": [o for o in combos(momentum=[0.0, 0.9], dampening=[0.0, 0.3], weight_decay=DECAY, nesterov=ON_OFF,
                              maximize=ON_OFF)
            if not o["nesterov"] or (o["momentum"] > 0 and o["dampening"] == 0)],
    "adam": combos(betas=[(0.9, 0.999), (0.5, 0.9)], weight_decay=DECAY, amsgrad=ON_OFF, maximize=ON_OFF,
                   decoupled_weight_decay=ON_OFF),
    "adamw": combos(weight_decay=DECAY, amsgrad=ON_OFF, maximize=ON_OFF),
    "rmsprop": combos(alpha=[0.99, 0.8], momentum=[0.0, 0.9], centered=ON_OFF, weight_decay=DECAY,
                      maximize=ON_OFF),
    "adagrad": combos(lr_decay=[0.0, 0.05], weight_decay=DECAY, initial_accumulator_value=[0.0, 0.5],
                      maximize=ON_OFF, eps=[1e-3]),
    "adadelta": combos(rho=[0.9, 0.5], eps=[1e-6, 1e-3], weight_decay=DECAY, maximize=ON_OFF),
    "adamax": combos(betas=[(0.9, 0.999), (0.5, 0.9)], weight_decay=DECAY, maximize=ON_OFF, eps=[0.1]),
    "nadam": combos(betas=[(0.9, 0.999), (0.5, 0.9)], momentum_decay=[0.004, 0.1], weight_decay=DECAY,
                    decoupled_weight_decay=ON_OFF, maximize=ON_OFF),
    "radam": combos(betas=[(0.9, 0.999), (0.5, 0.9)], weight_decay=DECAY, decoupled_weight_decay=ON_OFF,
                    maximize=ON_OFF),
}
#: Learning rates that keep a ball on Rosenbrock for a few hundred steps.
TRAJECTORY_LR = {"sgd": 1e-4, "adam": 1e-2, "adamw": 1e-2, "rmsprop": 1e-3, "adagrad": 0.1, "adadelta": 1.0,
                 "adamax": 1e-2, "nadam": 1e-2, "radam": 1e-2}


def option_id(options: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in options.items()).replace(" ", "") or "defaults"


CASES = [pytest.param(name, options, id=f"{name}[{option_id(options)}]")
         for name, option_list in OPTIONS.items() for options in option_list]


@pytest.fixture(autouse=True)
def torch_float64() -> Iterator[None]:
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)


class Pair:
    """One of ours and the torch optimizer it copies, fed the same gradients. Ours updates as the engine
    does: into the spare of two position buffers, taking turns (its intermediate arrays reused)."""

    def __init__(self, name: str, theta: np.ndarray, options: dict[str, Any]) -> None:
        self.ours = make_optimizer(name, theta.shape, options)
        self.theta = theta.copy()
        self.spare = np.empty_like(theta)
        self.param = torch.tensor(theta)
        self.torch = TORCH[name]([self.param], foreach=False, **self.ours.hyper)

    def step(self, grad: np.ndarray) -> None:
        self.ours.begin_step()
        new = self.ours.update(self.theta, grad, self.ours.hyper["lr"], out=self.spare)
        assert new is self.spare
        self.theta, self.spare = new, self.theta
        self.param.grad = torch.tensor(grad)
        self.torch.step()

    def set_hyper(self, name: str, value: Any) -> None:
        self.ours.set_hyper(name, value)
        self.torch.param_groups[0][name] = self.ours.hyper[name]

    def torch_state(self) -> dict[str, Any]:
        return self.torch.state[self.param]

    def assert_close(self, rtol: float) -> None:
        np.testing.assert_allclose(self.theta, self.param.numpy(), rtol=rtol, atol=0)
        for key, value in self.torch_state().items():
            if key in self.ours.state:
                # State entries can cancel to near zero: compare them relative to the array's size.
                scale = np.abs(value.numpy()).max()
                np.testing.assert_allclose(self.ours.state[key], value.numpy(), rtol=rtol, atol=rtol * scale,
                                           err_msg=key)
        if "step" in self.torch_state():
            assert self.ours.t == self.torch_state()["step"].item()

    def randomize(self, t: int, rng: np.random.Generator) -> None:
        """Overwrite both states with the same random state at step ``t`` (after one real step)."""
        shape = self.theta.shape
        signed = rng.normal(size=shape)
        values = {
            "momentum_buffer": rng.normal(size=shape), "exp_avg": rng.normal(size=shape),
            "grad_avg": 0.5 * signed, "square_avg": 0.25 * signed**2 + rng.uniform(0.1, 2.0, shape),
            "exp_avg_sq": rng.uniform(0.1, 2.0, shape), "sum": rng.uniform(0.1, 20.0, shape),
            "acc_delta": rng.uniform(1e-4, 1e-2, shape), "exp_inf": rng.uniform(0.5, 3.0, shape),
        }
        values["max_exp_avg_sq"] = values["exp_avg_sq"] * rng.uniform(0.5, 1.5, shape)
        state = self.torch_state()
        for key, array in self.ours.state.items():
            array[...] = values[key]
            if key in state:
                state[key].copy_(torch.tensor(values[key]))
        self.ours.t = t
        if "step" in state:
            state["step"].fill_(t)
        if "mu_product" in state:
            self.ours.mu_product = 0.4 ** (t / 2)
            state["mu_product"].fill_(self.ours.mu_product)


def away_from_zero(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Random values in ±[0.5, 2], so that relative tolerances mean something."""
    return rng.uniform(0.5, 2.0, shape) * rng.choice([-1.0, 1.0], shape)


# --- names, defaults, validation ----------------------------------------------------------------


def test_registry_has_every_first_order_optimizer_of_torch() -> None:
    assert set(OPTIMIZERS) == set(TORCH) | {"momentum_ema"}
    for name, cls in OPTIMIZERS.items():
        assert cls.name == name
        assert set(cls.state_names) >= ({cls.velocity_state} - {None})


@pytest.mark.parametrize("name", list(TORCH))
def test_names_and_defaults_are_torchs(name: str) -> None:
    parameters = inspect.signature(TORCH[name].__init__).parameters
    torch_defaults = {key: p.default for key, p in parameters.items() if key not in MACHINERY}
    ours = optimizer_class(name).defaults()
    assert ours == torch_defaults


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_every_hyper_is_documented(name: str) -> None:
    cls = optimizer_class(name)
    assert cls.title and cls.rule
    for hyper in cls.hypers:
        assert len(hyper.help) > 20
        assert hyper.kind == ("bool" if isinstance(hyper.default, bool) else
                              "pair" if isinstance(hyper.default, tuple) else "number")
        if hyper.kind != "bool":
            assert hyper.slider[0] < hyper.slider[1]
        cls.validate({hyper.name: hyper.default})


def boundary_values(hyper: Any) -> list[float]:
    """Just below, at and just above each declared bound (the classes a bound separates); on an
    unbounded side one far value (−1; 1.5, beyond the upper bound torch puts on some factors), in
    case a declaration forgot a bound torch has."""
    values = [] if hyper.low is not None else [-1.0]
    for bound in (hyper.low, hyper.high):
        if bound is not None:
            values += [bound - 1e-9, bound, bound + 1e-9]
    return values + ([1.5] if hyper.high is None else [])


def validation_cases() -> Iterator[Any]:
    for name in TORCH:
        for hyper in optimizer_class(name).hypers:
            if isinstance(hyper.default, bool):
                continue
            for value in boundary_values(hyper):
                if isinstance(hyper.default, tuple):
                    for i in range(2):
                        betas = list(hyper.default)
                        betas[i] = value
                        yield pytest.param(name, {hyper.name: tuple(betas)}, id=f"{name}-betas[{i}]={value}")
                else:
                    yield pytest.param(name, {hyper.name: value}, id=f"{name}-{hyper.name}={value}")
    for momentum, dampening in itertools.product([0.0, 0.5], [0.0, 0.1]):
        options = {"nesterov": True, "momentum": momentum, "dampening": dampening}
        yield pytest.param("sgd", options, id=f"sgd-nesterov-momentum={momentum}-dampening={dampening}")


def torch_refuses(name: str, options: dict[str, Any]) -> bool:
    try:
        TORCH[name]([torch.zeros(2)], **options)
    except ValueError:
        return True
    return False


@pytest.mark.parametrize(("name", "options"), list(validation_cases()))
def test_refused_exactly_where_torch_refuses(name: str, options: dict[str, Any]) -> None:
    refused = torch_refuses(name, options)
    if refused:
        with pytest.raises(InputError) as error:
            optimizer_class(name).validate(options)
        assert error.value.path.split("[")[0] in options
        if len(options) == 1:
            (key, value), = options.items()
            optimizer = make_optimizer(name, (1, 2))
            before = dict(optimizer.hyper)
            with pytest.raises(InputError):
                optimizer.set_hyper(key, value)
            assert optimizer.hyper == before
    else:
        optimizer_class(name).validate(options)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "0.1", None, True])
def test_non_numbers_and_non_finite_values_are_refused(bad: Any) -> None:
    with pytest.raises(InputError, match="lr"):
        make_optimizer("adam", (1, 2), {"lr": bad})


def test_unknown_names_are_refused() -> None:
    with pytest.raises(InputError, match="momentum"):
        make_optimizer("adam", (1, 2), {"momentum": 0.9})
    with pytest.raises(InputError, match="decoupled_weight_decay"):
        make_optimizer("adamw", (1, 2), {"decoupled_weight_decay": True})
    with pytest.raises(InputError, match="known"):
        make_optimizer("lbfgs", (1, 2))
    with pytest.raises(InputError, match="betas"):
        make_optimizer("adam", (1, 2), {"betas": [0.9]})


# --- parity with torch ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "options"), CASES)
@pytest.mark.parametrize("t", [0, 9], ids=["fresh", "t=9"])
def test_one_step_from_the_same_state(name: str, options: dict[str, Any], t: int) -> None:
    rng = np.random.default_rng(t)
    pair = Pair(name, away_from_zero(rng, (4, 3)), options)
    if t:
        pair.step(rng.normal(size=(4, 3)))
        pair.randomize(t, rng)
    pair.step(rng.normal(size=(4, 3)) * 3.0)
    pair.assert_close(1e-12)


@pytest.mark.parametrize(("name", "options"), CASES)
def test_trajectory_on_rosenbrock(name: str, options: dict[str, Any]) -> None:
    landscape = make_landscape("rosenbrock")
    # Maximizing climbs, so a maximizing ball is given the gradient of −f: it descends all the same.
    sign = -1.0 if options.get("maximize") else 1.0
    pair = Pair(name, landscape.start.reshape(1, 2), {**options, "lr": TRAJECTORY_LR[name]})
    ours, theirs = [], []
    for _ in range(300):
        pair.step(sign * landscape.gradient(pair.theta))
        ours.append(pair.theta[0].copy())
        theirs.append(pair.param.numpy()[0].copy())
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=0)
    assert np.all(np.isfinite(pair.theta))
    assert np.linalg.norm(pair.theta - landscape.start) > 0.05


def richest(name: str) -> dict[str, Any]:
    """The option set of ``name`` that switches the most options away from their defaults."""
    defaults = optimizer_class(name).defaults()
    return max(OPTIONS[name], key=lambda options: sum(defaults[k] != v for k, v in options.items()))


@pytest.mark.parametrize("name", list(OPTIONS))
def test_many_balls_at_once(name: str) -> None:
    """Each ball of a swarm moves as it would alone (vectorization), with every branch switched on."""
    options = richest(name)
    rng = np.random.default_rng(1)
    pair = Pair(name, away_from_zero(rng, (50, 3)), options)
    for _ in range(12):
        pair.step(rng.normal(size=(50, 3)))
    pair.assert_close(1e-12)


#: Hyperparameters changed between steps: (step, name, value), all accepted by torch mid-run.
CHANGES: dict[str, tuple[dict[str, Any], list[tuple[int, str, Any]]]] = {
    "sgd": ({"dampening": 0.3}, [(2, "lr", 0.01), (4, "momentum", 0.9), (6, "weight_decay", 0.2),
                                 (8, "dampening", 0.0), (9, "nesterov", True), (11, "maximize", True)]),
    "adam": ({}, [(2, "lr", 0.05), (4, "betas", (0.8, 0.99)), (6, "weight_decay", 0.1), (7, "eps", 1e-3),
                  (9, "decoupled_weight_decay", True), (11, "maximize", True)]),
    "adamw": ({"amsgrad": True}, [(2, "lr", 0.05), (4, "betas", (0.8, 0.99)), (6, "weight_decay", 0.3),
                                  (8, "eps", 1e-2)]),
    "rmsprop": ({"momentum": 0.5, "centered": True},
                [(2, "lr", 0.05), (4, "alpha", 0.9), (6, "momentum", 0.9), (8, "weight_decay", 0.1),
                 (10, "eps", 1e-3)]),
    "adagrad": ({"initial_accumulator_value": 0.1},
                [(2, "lr", 0.05), (4, "lr_decay", 0.1), (6, "weight_decay", 0.1),
                 (8, "initial_accumulator_value", 5.0), (10, "eps", 1e-3)]),
    "adadelta": ({}, [(2, "lr", 0.5), (4, "rho", 0.5), (6, "eps", 1e-3), (8, "weight_decay", 0.1)]),
    "adamax": ({}, [(2, "lr", 0.05), (4, "betas", (0.5, 0.9)), (6, "eps", 0.1), (8, "weight_decay", 0.1)]),
    "nadam": ({}, [(2, "lr", 0.05), (4, "momentum_decay", 0.2), (6, "betas", (0.5, 0.9)),
                   (8, "weight_decay", 0.1), (10, "decoupled_weight_decay", True)]),
    "radam": ({}, [(2, "lr", 0.05), (4, "betas", (0.5, 0.9)), (6, "weight_decay", 0.1),
                   (8, "decoupled_weight_decay", True), (10, "eps", 1e-3)]),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_hyperparameters_changed_between_steps(name: str) -> None:
    rng = np.random.default_rng(2)
    start, changes = CHANGES[name]
    pair = Pair(name, away_from_zero(rng, (5, 2)), start)
    for step in range(14):
        for when, key, value in changes:
            if when == step:
                pair.set_hyper(key, value)
        pair.step(rng.normal(size=(5, 2)))
        pair.assert_close(1e-12)


def test_sequential_columns_match_one_simultaneous_update() -> None:
    """Column by column with the same gradient is the same as all columns at once."""
    rng = np.random.default_rng(3)
    for name in OPTIMIZERS:
        theta, grads = rng.normal(size=(6, 3)), rng.normal(size=(4, 6, 3))
        whole, by_column = make_optimizer(name, theta.shape), make_optimizer(name, theta.shape)
        a, b = theta.copy(), theta.copy()
        for grad in grads:
            whole.begin_step()
            a = whole.update(a, grad, whole.hyper["lr"])
            by_column.begin_step()
            b = np.column_stack([by_column.update(b, grad, by_column.hyper["lr"], slice(i, i + 1))
                                 for i in range(3)])
        np.testing.assert_array_equal(a, b, err_msg=name)
        assert whole.t == by_column.t == 4


@pytest.mark.parametrize("into_buffer", [False, True], ids=["new array", "into out"])
def test_update_leaves_its_inputs_alone(into_buffer: bool) -> None:
    rng = np.random.default_rng(4)
    for name in OPTIMIZERS:
        richer = [richest(name)] if name in OPTIONS else []
        for options in [{}, *richer] + [o for o in OPTIONS.get(name, []) if o.get("maximize")][:1]:
            theta, grad = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
            theta0, grad0 = theta.copy(), grad.copy()
            optimizer = make_optimizer(name, theta.shape, options)
            out = np.empty_like(theta) if into_buffer else None
            for _ in range(3):
                optimizer.begin_step()
                new = optimizer.update(theta, grad, 0.1, out=out)
            np.testing.assert_array_equal(theta, theta0)
            np.testing.assert_array_equal(grad, grad0)
            assert not np.shares_memory(new, theta) and not np.shares_memory(new, grad)
            assert new is out or not into_buffer


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_an_update_into_a_buffer_is_the_update_into_a_new_array(name: str) -> None:
    """The engine's path (positions written into a spare buffer, intermediates in reused arrays) and a
    plain call give the same numbers bit for bit, with every branch switched on, per-ball rates too."""
    rng = np.random.default_rng(5)
    theta = away_from_zero(rng, (7, 3))
    richer = richest(name) if name in OPTIONS else {"beta": 0.5}
    for options, lr in [(richer, 0.05), ({}, rng.uniform(0.01, 0.1, (7, 1)))]:
        plain, buffered = make_optimizer(name, theta.shape, options), make_optimizer(name, theta.shape, options)
        a, b, spare = theta.copy(), theta.copy(), np.empty_like(theta)
        for _ in range(6):
            grad = rng.normal(size=theta.shape)
            plain.begin_step()
            buffered.begin_step()
            a = plain.update(a, grad, lr)
            new = buffered.update(b, grad, lr, out=spare)
            b, spare = new, b
            np.testing.assert_array_equal(a, b)
            for key, array in plain.state.items():
                np.testing.assert_array_equal(array, buffered.state[key], err_msg=key)


# --- momentum_ema and velocities ------------------------------------------------------------------


def test_momentum_ema_by_hand() -> None:
    optimizer = make_optimizer("momentum_ema", (1, 2), {"lr": 0.1, "beta": 0.5})
    assert make_optimizer("momentum_ema", (1, 1)).hyper == {"lr": 0.01, "beta": 0.9}
    theta = np.array([[1.0, -2.0]])
    v = np.zeros(2)
    grads = [np.array([[4.0, 2.0]]), np.array([[-2.0, 6.0]]), np.array([[0.0, 0.0]])]
    expected = [np.array([[0.8, -2.1]]), np.array([[0.8, -2.45]]), np.array([[0.8, -2.625]])]
    for grad, want in zip(grads, expected, strict=True):
        v = 0.5 * v + 0.5 * grad[0]
        optimizer.begin_step()
        theta = optimizer.update(theta, grad, 0.1)
        np.testing.assert_allclose(theta, want, rtol=1e-14)
        np.testing.assert_allclose(optimizer.velocity()[0], v, rtol=1e-15)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 1.5])
def test_momentum_ema_refuses_beta_outside_0_1(bad: float) -> None:
    with pytest.raises(InputError, match="beta"):
        make_optimizer("momentum_ema", (1, 2), {"beta": bad})
    with pytest.raises(InputError, match="lr"):
        make_optimizer("momentum_ema", (1, 2), {"lr": -0.1})


def test_velocity_only_for_momentum_type_optimizers() -> None:
    grad = np.ones((2, 2))
    for name, options, has_velocity in [("sgd", {}, False), ("sgd", {"momentum": 0.9}, True),
                                        ("rmsprop", {}, False), ("rmsprop", {"momentum": 0.9}, True),
                                        ("adam", {}, True), ("adagrad", {}, False), ("momentum_ema", {}, True)]:
        optimizer = make_optimizer(name, (2, 2), options)
        assert optimizer.velocity() is None
        optimizer.begin_step()
        optimizer.update(grad, grad, 0.1)
        assert (optimizer.velocity() is not None) == has_velocity, (name, options)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_an_update_into_a_buffer_allocates_nothing_the_size_of_the_swarm(name: str) -> None:
    """With torch's defaults, an update written into a spare buffer takes its intermediate results from
    the optimizer's reused arrays: after the first update, no array of the swarm's size is made."""
    rng = np.random.default_rng(6)
    theta, grad, spare = away_from_zero(rng, (20_000, 2)), rng.normal(size=(20_000, 2)), np.empty((20_000, 2))
    optimizer = make_optimizer(name, theta.shape)
    for step in range(3):
        tracemalloc.start()
        optimizer.begin_step()
        theta, spare = optimizer.update(theta, grad, optimizer.hyper["lr"], out=spare), theta
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if step:
            assert peak < theta.nbytes / 10, f"step {step}: {peak} bytes"
