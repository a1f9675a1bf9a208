"""Every optimizer class of torch.optim and the installed pytorch_optimizer: runs on gdsim's balls or is
listed as unsupported with its reason; the layout table, gradient evaluations, and exact replay."""

import warnings

import numpy as np
import pytest

from gdsim.engine.problems import build_problem
from gdsim.engine.run import Run
from gdsim.engine.spec import RunSpec

torch = pytest.importorskip("torch")
pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed (pip install gdsim[test])")

from gdsim.nets.optimizer_layouts import (  # noqa: E402
    LAYOUT,
    NEEDS_CLOSURE,
    PROBE_HYPER,
    RANDOM,
    probe_needs_closure,
    rosenbrock,
    run_balls,
    separate_runs,
)
from gdsim.nets.optimizer_needs import needs_of  # noqa: E402
from gdsim.nets.torch_optimizers import UNSUPPORTED, class_names, torch_optimizer_class  # noqa: E402

#: TRAC grows its step scale from about 0: at its default lr its first 20 updates of a network round
#: away in the float32 weights (the batches decide whether any survives), so the probe gives it more.
NETWORK_HYPER = {"pytorch_optimizer.TRAC": {"lr": 0.01}}
STARTS = np.array([[-1.2, 1.5], [0.5, -0.4], [1.7, 2.2], [-0.3, 0.1], [1.1, 0.9]])
EVERY_CLASS = class_names("torch.optim") + class_names("pytorch_optimizer")


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the libraries' own deprecation notes
        yield


def test_every_class_is_supported_with_a_layout_or_listed_with_its_reason():
    assert set(LAYOUT) | set(UNSUPPORTED) == set(EVERY_CLASS)
    assert not set(LAYOUT) & set(UNSUPPORTED)
    assert all(reason for reason in UNSUPPORTED.values())
    # on balls and on networks (a class for matrices only refuses a network's biases, with its reason)
    supported = [name for name in LAYOUT if name.startswith("pytorch_optimizer.") and needs_of(name).matrices != "only"]
    assert len(supported) >= 120, len(supported)
    assert all(LAYOUT[name] == "ball" for name in RANDOM)
    assert [name for name in LAYOUT if probe_needs_closure(torch_optimizer_class(name))] == list(NEEDS_CLOSURE)


@pytest.mark.parametrize("name", sorted(LAYOUT))
def test_each_supported_class_runs_20_steps_on_rosenbrock(name):
    theta = run_balls(torch_optimizer_class(name), STARTS[:1], LAYOUT[name], 20, PROBE_HYPER.get(name))
    before, after = rosenbrock(STARTS[:1])[0][0], rosenbrock(theta)[0][0]
    assert np.isfinite(theta).all() and after != before


@pytest.fixture(scope="module")
def digits_mlp():
    from gdsim.nets.problem import build_network_problem

    return build_network_problem({"kind": "network", "data": {"name": "digits"},
                                  "model": {"name": "mlp", "hidden": [32]}})


@pytest.mark.parametrize("name", sorted(LAYOUT))
def test_each_supported_class_trains_a_digits_mlp_for_20_steps(name, digits_mlp):
    from gdsim.core.errors import InputError
    from gdsim.nets.trainer import Trainer

    def trainer():
        hyper = {**PROBE_HYPER.get(name, {}), **NETWORK_HYPER.get(name, {})}
        return Trainer(digits_mlp, 0, 0, name, hyper, None, None, 0.0, 64, "shuffle")

    if needs_of(name).matrices == "only":
        with pytest.raises(InputError, match="2D \\(matrix\\) parameters only"):
            trainer()
        return
    training = trainer()
    before = training.weights()
    losses = [training.step() for _ in range(20)]
    assert np.isfinite(losses).all() and np.isfinite(training.weights()).all()
    assert not np.array_equal(training.weights(), before)


@pytest.mark.parametrize("name", sorted(set(LAYOUT) - set(RANDOM)))
def test_five_balls_in_one_run_equal_five_separate_runs_in_the_tables_layout(name):
    declaration, layout = torch_optimizer_class(name), LAYOUT[name]
    hyper = PROBE_HYPER.get(name)
    alone = separate_runs(declaration, STARTS, 10, hyper)
    together = run_balls(declaration, STARTS, layout, 10, hyper)
    np.testing.assert_allclose(together, alone, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", sorted(RANDOM))
def test_optimizers_that_draw_random_numbers_replay_exactly_from_the_runs_own_stream(name):
    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    spec = RunSpec(optimizer=name, hyper={"lr": 1e-3}, start={"random": 3}, record_every=1)

    def path(seed, run_id=0, disturb=False):
        run = Run(run_id, spec, problem, seed, 15)
        while run.running:
            if disturb:
                torch.manual_seed(12345)
                torch.rand(7)
            run.advance()
        return run.history.view("path").copy()

    global_state = torch.get_rng_state()
    first = path(0)
    assert torch.equal(torch.get_rng_state(), global_state)  # the run's draws leave torch's own stream alone
    np.testing.assert_array_equal(path(0, disturb=True), first)
    assert not np.array_equal(path(1), first)  # the draws matter and come from the scenario seed


def test_gradient_evaluations_are_counted_as_the_optimizer_asks_for_them():
    from gdsim.engine.engine import Engine
    from gdsim.engine.spec import Scenario

    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    engine = Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, steps=12,
                             runs=(RunSpec(optimizer="pytorch_optimizer.SAM", hyper={"lr": 1e-3}),)))
    engine.run_to_end()
    (frame,) = engine.snapshot().runs
    assert frame.evaluations.tolist() == [24]  # SAM: the gradient, then one at the perturbed point
    lbfgs = Run(0, RunSpec(optimizer="torch.optim.LBFGS", hyper={"lr": 0.5, "max_iter": 4}), problem, 0, 12)
    while lbfgs.running:
        lbfgs.advance()
    (inner,) = lbfgs.optimizer._optimizers
    func_evals = inner.state[inner.param_groups[0]["params"][0]]["func_evals"]  # torch's own count
    assert lbfgs.optimizer.evaluations.tolist() == [func_evals] and func_evals > 12


def test_an_unsupported_class_is_refused_with_its_reason_at_the_runs_optimizer():
    from gdsim.core.errors import InputError
    from gdsim.session.scenario import parse_scenario

    with pytest.raises(InputError) as caught:
        parse_scenario({"format": "gdsim.scenario", "version": 2,
                        "problem": {"kind": "landscape", "name": "rosenbrock"},
                        "runs": [{"optimizer": "pytorch_optimizer.DistributedMuon"}]})
    assert caught.value.path == "runs[0].optimizer" and "process group" in caught.value.message


def test_a_swarm_too_large_for_a_slow_layout_is_refused_with_the_reason():
    from gdsim.core.errors import InputError
    from gdsim.nets.optimizer_layouts import MAX_BALLS

    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    too_many = MAX_BALLS["ball"] + 1
    with pytest.raises(InputError) as caught:
        Run(0, RunSpec(optimizer="pytorch_optimizer.Prodigy", start={"random": too_many}), problem, 0, 5)
    assert caught.value.path == "start" and "one optimizer per ball" in caught.value.message
    Run(0, RunSpec(optimizer="torch.optim.Adam", start={"random": too_many}), problem, 0, 5)  # per element: fine


@pytest.mark.parametrize("name", sorted(LAYOUT))
def test_the_preview_of_a_single_balls_next_update_is_the_update_it_then_takes(name):
    problem = build_problem({"kind": "landscape", "name": "rosenbrock"})
    run = Run(0, RunSpec(optimizer=name, hyper=PROBE_HYPER.get(name, {})), problem, 0, 6)
    with np.errstate(all="ignore"):
        for _ in range(3):
            run.advance()
        preview = run.next_update()
        run.advance()
    if preview is not None:
        np.testing.assert_array_equal(preview[1], run.theta)
