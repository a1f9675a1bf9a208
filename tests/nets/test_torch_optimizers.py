"""Optimizer classes named in scenarios: resolution, declarations, and parity with gdsim's own optimizers."""

import subprocess
import sys

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.engine.problems import build_problem
from gdsim.engine.run import Run
from gdsim.engine.spec import RunSpec
from gdsim.session.scenario import parse_scenario

torch = pytest.importorskip("torch")

ROSENBROCK = {"kind": "landscape", "name": "rosenbrock"}
#: gdsim's NumPy optimizers and the torch.optim class of the same update rule.
SAME_RULE = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad",
             "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "NAdam", "radam": "RAdam"}
#: Hyperparameters that make each rule do something non-trivial on Rosenbrock in 50 steps.
HYPER = {"sgd": {"lr": 1e-4, "momentum": 0.9, "nesterov": True}, "adam": {"lr": 0.05, "amsgrad": True},
         "adamw": {"lr": 0.05, "weight_decay": 0.1}, "rmsprop": {"lr": 0.01, "momentum": 0.5, "centered": True},
         "adagrad": {"lr": 0.3, "lr_decay": 0.01}, "adadelta": {"lr": 1.0, "weight_decay": 0.01},
         "adamax": {"lr": 0.05}, "nadam": {"lr": 0.05},
         "radam": {"lr": 2e-4, "decoupled_weight_decay": True, "weight_decay": 0.1}}


def path(optimizer, hyper, steps=50, start=None):
    problem = build_problem(ROSENBROCK)
    run = Run(0, RunSpec(optimizer=optimizer, hyper=hyper, start=start, record_every=1), problem, 0, steps)
    with np.errstate(all="ignore"):
        while run.running:
            run.advance()
    return run


@pytest.mark.parametrize("name", sorted(SAME_RULE))
def test_each_torch_optim_class_through_the_ball_path_equals_gdsims_optimizer(name):
    ours = path(name, HYPER[name]).history
    theirs = path(f"torch.optim.{SAME_RULE[name]}", HYPER[name]).history
    assert theirs.length == ours.length == 51
    np.testing.assert_allclose(theirs.view("path")[:, 0], ours.view("path")[:, 0], rtol=1e-12, atol=1e-12)
    assert np.abs(ours.view("path")[-1, 0] - ours.view("path")[0, 0]).max() > 1e-3  # it moved


def test_a_swarm_of_a_torch_class_moves_every_ball_as_a_bare_torch_loop_does():
    problem = build_problem(ROSENBROCK)
    run = Run(0, RunSpec(optimizer="torch.optim.Adam", hyper={"lr": 0.02}, start={"random": 7}), problem, 3, 30)
    start = run.theta.copy()
    while run.running:
        run.advance()
    theta = torch.tensor(start, requires_grad=True)
    adam = torch.optim.Adam([theta], lr=0.02)
    for _ in range(30):
        adam.zero_grad()
        x, y = theta[:, 0], theta[:, 1]
        ((1 - x) ** 2 + 100 * (y - x**2) ** 2).sum().backward()
        adam.step()
    np.testing.assert_allclose(run.theta, theta.detach().numpy(), rtol=1e-12, atol=1e-12)


def scenario(optimizer, hyper=None, **run):
    return {"format": "gdsim.scenario", "version": 2, "problem": ROSENBROCK, "steps": 10,
            "runs": [{"optimizer": optimizer, "hyper": hyper or {}, **run}]}


def test_a_scenario_names_a_class_and_its_hyperparameters_come_from_the_signature():
    parsed, _ = parse_scenario(scenario("pytorch_optimizer.Lion", {"lr": 1e-3, "betas": [0.8, 0.9]}))
    assert parsed.runs[0].label == "Lion"
    from gdsim.engine.optimizer_choice import optimizer_declaration

    lion = optimizer_declaration("pytorch_optimizer.Lion")
    hypers = {h.name: h for h in lion.hypers}
    assert hypers["lr"].default == 1e-4 and hypers["betas"].default == (0.9, 0.99)
    assert hypers["weight_decouple"].kind == "bool" and "decay" in hypers["weight_decouple"].help.lower()
    assert lion.rule.startswith("Sign based updates")  # the docstring's first paragraph
    assert optimizer_declaration("torch.optim.Adam").validate({"lr": 0.5})["lr"] == 0.5


@pytest.mark.parametrize(("run", "path_", "words"), [
    ({"hyper": {"betas": [0.9, 1.5]}}, "runs[0].hyper", "beta"),  # the constructor's own refusal
    ({"hyper": {"lr": "fast"}}, "runs[0].hyper.lr", "number"),  # the declaration's check
    ({"hyper": {"momentum": 0.9}}, "runs[0].hyper.momentum", "momentum"),  # Adam has none
    ({"update": "sequential"}, "runs[0].update", "simultaneous"),
])
def test_bad_settings_of_a_class_name_their_key_path(run, path_, words):
    with pytest.raises(InputError) as caught:
        parse_scenario(scenario("torch.optim.Adam", **run))
    assert caught.value.path == path_ and words in str(caught.value).lower()


@pytest.mark.parametrize("name", ["torch.optim.Optimizer", "torch.optim.lr_scheduler",
                                  "pytorch_optimizer.load_optimizer", "torch.optim.Nothing"])
def test_names_in_the_two_modules_that_are_not_optimizer_classes_are_refused(name):
    with pytest.raises(InputError) as caught:
        parse_scenario(scenario(name))
    assert caught.value.path == "runs[0].optimizer"


REFUSE_WITHOUT_IMPORT = """
import sys
from gdsim.core.errors import InputError
from gdsim.session.scenario import parse_scenario
before = set(sys.modules)
for name in {names!r}:
    try:
        parse_scenario({{"format": "gdsim.scenario", "version": 2,
                        "problem": {{"kind": "landscape", "name": "rosenbrock"}}, "runs": [{{"optimizer": name}}]}})
    except InputError as error:
        assert error.path == "runs[0].optimizer", error
    else:
        raise AssertionError(name)
print(sorted(set(sys.modules) - before), "torch" in sys.modules)
"""


def test_a_name_outside_the_two_modules_is_refused_without_importing_anything():
    names = ["os.system", "subprocess.run", "torch.optim.__class__", "torch.optim._functional", "torch.optim..SGD",
             "pytorch_optimizer.__loader__", "torch.optim.SGD.__init__", "shutil.rmtree", "torch.nn.Linear",
             "torch.optim.SGD ", "torch.optim"]
    done = subprocess.run([sys.executable, "-c", REFUSE_WITHOUT_IMPORT.format(names=names)], capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[] False"
