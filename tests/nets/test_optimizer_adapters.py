"""The classes that need more than (backward, step): each through gdsim equals a bare torch loop with the
same class, written here without gdsim's code (AdaHessian and SophiaH through a create_graph gradient, the
Muon family on a 1×D matrix, AdamMini, LOMO and AdaLOMO over a module, AliG with a float closure, FAdam in
float64, Ranger21 planned for the run's steps), on Rosenbrock's balls and on a digits MLP."""

import functools
import warnings

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.engine.engine import Engine
from gdsim.engine.problems import build_problem
from gdsim.engine.run import Run
from gdsim.engine.spec import RunSpec
from gdsim.session.scenario import parse_scenario
from tests.nets.conftest import network_scenario

torch = pytest.importorskip("torch")
po = pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed (pip install gdsim[test])")
nn = torch.nn

START = np.array([-1.5, 2.0])  # Rosenbrock's default start
STEPS = 20


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the libraries' own deprecation notes
        yield


def rosenbrock(p):
    x, y = p.reshape(-1)[0], p.reshape(-1)[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


class Holder(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.p = p


def plain(optimizer, p, loss):
    optimizer.zero_grad()
    loss().backward()
    optimizer.step()


def with_graph(optimizer, p, loss):
    (p.grad,) = torch.autograd.grad(loss(), [p], create_graph=True)
    optimizer.step()


def fused(lr):
    return lambda optimizer, p, loss: optimizer.fused_backward(loss(), lr)


def float_closure(optimizer, p, loss):
    optimizer.zero_grad()
    value = loss()
    value.backward()
    optimizer.step(lambda: float(value))


def muon(cls, lr):
    return lambda p: cls([{"params": [p], "use_muon": True}], lr=lr)


#: name -> (gdsim hyper, the bare optimizer over the ball p, one bare update, the ball's shape).
BALL_CASES = {
    "pytorch_optimizer.AdaHessian": ({"lr": 0.05}, lambda p: po.AdaHessian([p], lr=0.05), with_graph, (2,)),
    "pytorch_optimizer.SophiaH": ({"lr": 0.01}, lambda p: po.SophiaH([p], lr=0.01), with_graph, (2,)),
    **{f"pytorch_optimizer.{name}": ({"lr": 0.01}, muon(getattr(po, name), 0.01), plain, (1, 2))
       for name in ("AdaGO", "AdaMuon", "Muon", "MuonClip", "NorMuon")},
    "pytorch_optimizer.SpectralSphere": ({"lr": 0.01}, lambda p: po.SpectralSphere([p], lr=0.01), plain, (1, 2)),
    "torch.optim.Muon": ({"lr": 0.01}, lambda p: torch.optim.Muon([p], lr=0.01), plain, (1, 2)),
    "pytorch_optimizer.AdamMini": ({"lr": 0.01}, lambda p: po.AdamMini(Holder(p), lr=0.01), plain, (2,)),
    "pytorch_optimizer.LOMO": ({"lr": 1e-3}, lambda p: po.LOMO(Holder(p), lr=1e-3), fused(1e-3), (2,)),
    "pytorch_optimizer.AdaLOMO": ({"lr": 0.01}, lambda p: po.AdaLOMO(Holder(p), lr=0.01), fused(0.01), (2,)),
    "pytorch_optimizer.AliG": ({"lr": 0.01}, lambda p: po.AliG([p], max_lr=0.01), float_closure, (2,)),
    "pytorch_optimizer.FAdam": ({"lr": 0.01}, lambda p: po.FAdam([p], lr=0.01, momentum_dtype=torch.float64,
                                                                   fim_dtype=torch.float64), plain, (2,)),
    "pytorch_optimizer.Ranger21": ({"lr": 0.01}, lambda p: po.Ranger21([p], num_iterations=STEPS, lr=0.01),
                                   plain, (2,)),
}


def bare_ball(make, update, shape, seed_state):
    torch.set_rng_state(seed_state)
    p = nn.Parameter(torch.tensor(START, dtype=torch.float64).reshape(shape))
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        optimizer = make(p)
        for _ in range(STEPS):
            update(optimizer, p, lambda: rosenbrock(p))
    finally:
        torch.set_default_dtype(default)
    return p.detach().numpy().reshape(-1)


@pytest.mark.parametrize("name", sorted(BALL_CASES))
def test_an_adapted_class_moves_a_ball_as_a_bare_torch_loop_with_the_class_does(name):
    from gdsim.nets import runtime

    hyper, make, update, shape = BALL_CASES[name]
    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    run = Run(0, RunSpec(optimizer=name, hyper=hyper), problem, 4, STEPS)
    while run.running:
        run.advance()
    theirs = bare_ball(make, update, shape, runtime.generator(4, "optimizer", 0).get_state())
    assert not np.allclose(theirs, START)
    np.testing.assert_allclose(run.theta[0], theirs, rtol=1e-9, atol=1e-12)


def test_hessian_based_classes_run_on_typed_formulas_and_data_problems():
    for spec in ({"kind": "expression", "expr": "x^4 + 3*sin(y) + x*y"},
                 {"kind": "classification", "data": {"generate": "logistic", "n": 60, "seed": 1}}):
        problem = build_problem(spec)
        for name in ("pytorch_optimizer.AdaHessian", "pytorch_optimizer.SophiaH"):
            run = Run(0, RunSpec(optimizer=name, hyper={"lr": 0.05}, batch_size=None), problem, 0, 15)
            start_loss = problem.value(run.theta)[0]
            while run.running:
                run.advance()
            assert problem.value(run.theta)[0] < start_loss, (spec["kind"], name)


def test_ranger21_plans_its_warm_up_and_warm_down_for_the_scenarios_steps():
    engine = Engine(*parse_scenario({"format": "gdsim.scenario", "version": 2, "steps": 37,
                                     "problem": {"kind": "landscape", "name": "rosenbrock"},
                                     "runs": [{"optimizer": "pytorch_optimizer.Ranger21"},
                                              {"optimizer": "pytorch_optimizer.Ranger21",
                                               "hyper": {"num_iterations": 500}}]}))
    planned = [run.optimizer.hyper["num_iterations"] for run in engine.runs.values()]
    assert planned == [37, 500]


# --- networks -------------------------------------------------------------------------------------


def muon_groups(cls, lr):
    def make(params):
        return cls([{"params": [p for p in params if p.ndim >= 2], "use_muon": True},
                    {"params": [p for p in params if p.ndim < 2], "use_muon": False}], lr=lr)
    return make


def over_module(cls, lr):
    def make(params):
        model = nn.Module()
        for index, p in enumerate(params):
            model.register_parameter(f"p{index}", p)
        return cls(model, lr=lr)
    return make


#: name -> (gdsim hyper, the bare optimizer over the model's parameters, its protocol).
NETWORK_CASES = {
    "pytorch_optimizer.AdaHessian": ({"lr": 0.05}, lambda params: po.AdaHessian(params, lr=0.05), "graph"),
    "pytorch_optimizer.Muon": ({"lr": 0.01}, muon_groups(po.Muon, 0.01), "plain"),
    "pytorch_optimizer.NorMuon": ({"lr": 0.01}, muon_groups(po.NorMuon, 0.01), "plain"),
    "pytorch_optimizer.AdamMini": ({"lr": 0.01}, over_module(po.AdamMini, 0.01), "plain"),
    "pytorch_optimizer.LOMO": ({"lr": 0.05}, over_module(po.LOMO, 0.05), "fused"),
    "pytorch_optimizer.AliG": ({"lr": 0.05}, lambda params: po.AliG(params, max_lr=0.05), "float"),
    "torch.optim.LBFGS": ({"lr": 0.1, "max_iter": 3}, lambda params: torch.optim.LBFGS(params, lr=0.1, max_iter=3),
                          "closure"),
}


def bare_network_loop(problem, steps, make, protocol, lr, batch_size):
    """The usual torch loop with each class's own protocol: the scenario's initial weights and the run's
    batch order, nothing of gdsim's trainer."""
    from tests.nets.test_training import shuffled_batches

    model = problem.initial_model(0)
    params = list(model.parameters())
    optimizer = make(params)
    batches = shuffled_batches(problem, 0, 0, batch_size)
    losses = []
    for _ in range(steps):
        x, y = next(batches)
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        losses.append(loss.item())
        if protocol == "fused":
            optimizer.fused_backward(loss, lr)
        elif protocol == "graph":
            for p, g in zip(params, torch.autograd.grad(loss, params, create_graph=True), strict=True):
                p.grad = g
            optimizer.step()
        elif protocol == "closure":
            loss.backward()

            def closure(x=x, y=y):
                with torch.enable_grad():
                    optimizer.zero_grad()
                    again = torch.nn.functional.cross_entropy(model(x), y)
                    again.backward()
                return again

            optimizer.step(closure)
        else:
            loss.backward()
            optimizer.step(functools.partial(float, loss.item()) if protocol == "float" else None)
    return np.array(losses)


@pytest.mark.parametrize("name", sorted(NETWORK_CASES))
def test_an_adapted_class_trains_a_network_as_a_bare_torch_loop_with_the_class_does(name):
    hyper, make, protocol = NETWORK_CASES[name]
    data = network_scenario(steps=12, runs=[{"optimizer": name, "hyper": hyper, "batch_size": 40}])
    scenario, problem = parse_scenario(data)
    torch.manual_seed(11)  # AdaHessian's probes come from torch's own stream on a network
    engine = Engine(scenario, problem)
    engine.run_to_end()
    ours = np.frombuffer(engine.runs[0].losses, dtype=float)
    torch.manual_seed(11)
    theirs = bare_network_loop(engine.problem, 12, make, protocol, hyper["lr"], 40)
    assert np.isfinite(theirs).all() and theirs[-1] != theirs[0]
    np.testing.assert_array_equal(ours, theirs)


def test_a_class_for_matrices_only_is_refused_for_a_network_with_biases():
    data = network_scenario(steps=3, runs=[{"optimizer": "torch.optim.Muon", "batch_size": 40}])
    with pytest.raises(InputError) as caught:
        Engine(*parse_scenario(data)).run_to_end()
    assert "2D (matrix) parameters only" in str(caught.value)


def test_lomo_refuses_gradient_noise_on_a_network_with_the_reason():
    data = network_scenario(steps=3, runs=[{"optimizer": "pytorch_optimizer.LOMO", "batch_size": 40,
                                            "grad_noise": 0.1}])
    with pytest.raises(InputError) as caught:
        parse_scenario(data)
    assert caught.value.path == "runs[0].grad_noise" and "inside backward" in caught.value.message


def test_each_hessian_vector_product_counts_as_a_gradient_evaluation():
    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    counts = {}
    for name, hyper in (("pytorch_optimizer.AdaHessian", {"num_samples": 2}),
                        ("pytorch_optimizer.SophiaH", {"update_period": 4})):
        run = Run(0, RunSpec(optimizer=name, hyper={"lr": 0.01, **hyper}, start={"random": 3}), problem, 0, 12)
        while run.running:
            run.advance()
        counts[name] = run.optimizer.evaluations.tolist()
    # AdaHessian: the gradient and two probes every step; SophiaH: one probe every 4th step (1, 5, 9)
    assert counts == {"pytorch_optimizer.AdaHessian": [36] * 3, "pytorch_optimizer.SophiaH": [15] * 3}


def test_a_hessian_based_class_on_a_problem_computed_in_numpy_only_is_refused_with_the_reason():
    from gdsim.core.landscapes import Landscape
    from gdsim.core.problem import Problem

    class NumpyOnly(Landscape):
        loss_in = Problem.loss_in  # a problem that never learnt to compute in torch

    landscape = build_problem({"kind": "landscape", "name": "rosenbrock"})
    problem = NumpyOnly(name="numpy_only", title="A NumPy-only surface", formula="", domain=landscape.domain.tolist(),
                        start=landscape.start.tolist(), value=landscape._value, gradient=landscape._gradient)
    with pytest.raises(InputError) as caught:
        Run(0, RunSpec(optimizer="pytorch_optimizer.AdaHessian"), problem, 0, 5)
    assert caught.value.path == "optimizer" and "NumPy only" in caught.value.message
    Run(0, RunSpec(optimizer="pytorch_optimizer.Lion"), problem, 0, 5)  # the gradient alone: fine
