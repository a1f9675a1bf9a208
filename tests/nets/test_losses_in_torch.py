"""Landscapes, typed formulas and data problems computed in torch (``loss_in``): the same values as their
NumPy code to 1e-12, and torch autograd's gradient equals the NumPy analytic gradient and central finite
differences at random points."""

import numpy as np
import pytest

from gdsim.core.expression import build_expression_problem
from gdsim.core.landscapes import LANDSCAPES, make_landscape
from gdsim.engine.problems import build_problem

torch = pytest.importorskip("torch")

FORMULAS = ["x^2 + 3*sin(y)", "abs(x) + sqrt(x^2 + y^2 + 1)", "atan2(y, x + 5) + log(x^2 + 1)*tanh(y)",
            "exp(-x^2 - y^2)/(1 + x^2)", "2^(x*y) + (x + y)^3 - 1/(x^2 + 2)", "cosh(x/3)*asin(y/5) + acos(x/4)",
            "(3*x)^7 - x", "tan(x/3) * sinh(y/2) + e^y * pi"]
DATA = [{"kind": "regression", "data": {"generate": "linear", "n": 40, "noise": 1.0, "seed": 3}, "l2": 0.3},
        {"kind": "classification", "data": {"generate": "logistic", "n": 60, "seed": 1}, "l2": 0.1},
        {"kind": "regression", "data": {"x": [[1.0, 2.0], [2.0, 3.0], [3.0, 4.5], [4.0, 5.0], [0.5, -1.0]],
                                        "y": [1.0, 2.0, 3.5, 4.0, -0.5]}, "loss": "half_mse"}]


def points_in(problem, count, seed):
    low, high = problem.domain[:, 0], problem.domain[:, 1]
    return low + (high - low) * np.random.default_rng(seed).random((count, problem.dim))


def central_differences(problem, theta, batch, step=1e-6):
    columns = []
    for i in range(theta.shape[1]):
        shift = np.zeros(theta.shape[1])
        shift[i] = step
        columns.append((problem.batch_value(theta + shift, batch) - problem.batch_value(theta - shift, batch))
                       / (2 * step))
    return np.column_stack(columns)


def check(problem, theta, batch=None, same_code=True):
    tensor = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    loss = problem.loss_in(tensor, batch)
    (autograd,) = torch.autograd.grad(loss.sum(), tensor)
    value, analytic = problem.batch_value(theta, batch), problem.batch_gradient(theta, batch)
    assert loss.dtype == torch.float64 and loss.shape == (len(theta),)
    np.testing.assert_allclose(loss.detach().numpy(), value, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(autograd.numpy(), analytic, rtol=1e-9, atol=1e-9)
    scale = 1.0 + np.abs(analytic)
    np.testing.assert_allclose(autograd.numpy() / scale, central_differences(problem, theta, batch) / scale,
                               atol=2e-5)
    if same_code:  # NumPy in: the very code the NumPy path runs, so its own numbers
        np.testing.assert_array_equal(problem.loss_in(theta, batch), value)


@pytest.mark.parametrize("name", sorted(LANDSCAPES))
def test_every_landscape_in_torch_has_numpys_value_and_its_analytic_gradient(name):
    landscape = make_landscape(name)
    check(landscape, points_in(landscape, 64, len(name)))


@pytest.mark.parametrize("text", FORMULAS)
def test_a_typed_formula_compiles_to_torch_with_numpys_value_and_sympys_gradient(text):
    problem = build_expression_problem({"kind": "expression", "expr": text})
    check(problem, points_in(problem, 64, len(text)), same_code=False)  # NumPy runs sympy's lambdified code


@pytest.mark.parametrize("spec", DATA, ids=["regression", "classification", "two_features"])
def test_a_data_problems_batch_loss_in_torch_is_its_numpy_loss(spec):
    problem = build_problem(spec)
    theta = np.random.default_rng(5).normal(size=(9, problem.dim))
    check(problem, theta)
    check(problem, theta, np.array([3, 0, 4, 4, 1]))
