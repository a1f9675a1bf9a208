"""Data problems against outside oracles: finite differences, numpy.linalg.lstsq, torch's LBFGS."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from gdsim.cli import main as cli_main
from gdsim.core import data_problems
from gdsim.core.data_problems import (
    SEPARABLE,
    ClassificationProblem,
    build_classification_problem,
    build_regression_problem,
)
from gdsim.core.errors import InputError
from gdsim.core.random_streams import stream
from gdsim.core.sampling import BatchSampler
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import simulate

ROOT = Path(__file__).resolve().parents[2]
LINE = {"x": [1, 2, 3, 4], "y": [3, 5, 7, 9]}
NOISY = {"generate": "linear", "slope": 2, "intercept": 1, "n": 40, "noise": 1.0, "x": "uniform",
         "x_range": [1, 5], "seed": 3}
LOGISTIC = {"generate": "logistic", "n": 60, "seed": 1}
MATRIX = {"x": [[1.0, 2.0, 0.5], [2.0, 3.0, -1.0], [3.0, 4.5, 2.0], [4.0, 5.0, 0.0], [0.5, -1.0, 1.0]],
          "y": [1.0, 2.0, 3.5, 4.0, -0.5]}


def regression(data=None, **options):
    return build_regression_problem({"kind": "regression", "data": data or NOISY, **options})


def classification(data=None, **options):
    return build_classification_problem({"kind": "classification", "data": data or LOGISTIC, **options})


PROBLEMS = {
    "mse": lambda: regression(),
    "half_mse, no bias": lambda: regression(LINE, loss="half_mse", bias=False),
    "standardised, l2": lambda: regression(standardize=True, l2=0.3),
    "three features, l2": lambda: regression(MATRIX, l2=0.1, loss="half_mse"),
    "logistic": lambda: classification(),
    "logistic, standardised, l2": lambda: classification(standardize=True, l2=0.05),
    "logistic, no bias": lambda: classification({"x": [-2, -1, 0.5, 1, 2, 3], "y": [0, 1, 0, 1, 1, 0]}, bias=False),
}


def scenario(problem, runs, steps=10, seed=0):
    return {"format": "gdsim.scenario", "version": 1, "problem": problem, "steps": steps, "seed": seed,
            "runs": runs}


def finite_difference(f, theta, h=1e-6):
    out = np.empty_like(theta)
    for j in range(theta.shape[1]):
        step = np.zeros(theta.shape[1])
        step[j] = h
        out[:, j] = (f(theta + step) - f(theta - step)) / (2 * h)
    return out


# --- gradients, batches, vectorisation ------------------------------------------------------------


@pytest.mark.parametrize("name", PROBLEMS)
def test_gradient_matches_finite_differences_for_many_balls(name):
    problem = PROBLEMS[name]()
    theta = np.random.default_rng(0).normal(size=(7, problem.dim)) * 2
    np.testing.assert_allclose(problem.gradient(theta), finite_difference(problem.value, theta),
                               rtol=1e-6, atol=1e-6)
    batch = np.array([3, 0, 3, 2])
    np.testing.assert_allclose(problem.batch_gradient(theta, batch),
                               finite_difference(lambda t: problem.batch_value(t, batch), theta),
                               rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", PROBLEMS)
def test_batch_gradient_is_the_mean_over_the_batch_plus_the_penalty(name):
    problem = PROBLEMS[name]()
    theta = np.random.default_rng(1).normal(size=(5, problem.dim))
    batch = np.array([3, 1, 1, 0])
    penalty = problem.l2 * problem._penalized * theta
    singles = [problem.batch_gradient(theta, np.array([i])) - penalty for i in batch]
    np.testing.assert_allclose(problem.batch_gradient(theta, batch), np.mean(singles, axis=0) + penalty,
                               rtol=1e-12, atol=1e-12)
    everything = np.arange(problem.n_samples)
    np.testing.assert_allclose(problem.batch_value(theta, everything), problem.value(theta), rtol=1e-12)
    np.testing.assert_allclose(problem.batch_value(theta, None), problem.value(theta), rtol=0)


@pytest.mark.parametrize("name", PROBLEMS)
def test_one_call_for_n_balls_equals_one_call_per_ball_and_blocks_change_nothing(name, monkeypatch):
    problem = PROBLEMS[name]()
    theta = np.random.default_rng(2).normal(size=(9, problem.dim))
    one_by_one = np.array([problem.value(row[None])[0] for row in theta])
    np.testing.assert_allclose(problem.value(theta), one_by_one, rtol=1e-13)
    whole_value, whole_gradient = problem.value(theta), problem.gradient(theta)
    monkeypatch.setattr(data_problems, "BLOCK", 2 * problem.n_samples)
    np.testing.assert_allclose(problem.value(theta), whole_value, rtol=1e-14)
    np.testing.assert_allclose(problem.gradient(theta), whole_gradient, rtol=1e-14)


def test_regression_loss_is_the_articles_formula():
    x, y = np.array([1.0, 2, 3, 4]), np.array([3.0, 5, 7, 9])
    theta = np.array([[0.5, -1.0], [2.0, 1.0]])
    for loss, factor in (("mse", 1.0), ("half_mse", 0.5)):
        problem = regression(LINE, loss=loss)
        expected = [factor * np.mean((w * x + b - y) ** 2) for w, b in theta]
        np.testing.assert_allclose(problem.value(theta), expected, rtol=1e-14)
        dw = [2 * factor * np.mean((w * x + b - y) * x) for w, b in theta]
        db = [2 * factor * np.mean(w * x + b - y) for w, b in theta]
        np.testing.assert_allclose(problem.gradient(theta), np.column_stack([dw, db]), rtol=1e-14)


# --- known minima ---------------------------------------------------------------------------------


@pytest.mark.parametrize("options", [{}, {"bias": False}, {"loss": "half_mse"}, {"standardize": True}])
def test_regression_minimum_is_numpy_lstsq(options):
    problem = regression(**options)
    x = problem.data_x[:, 0]
    if options.get("standardize"):
        x = (x - x.mean()) / x.std()
    design = np.column_stack([x, np.ones_like(x)]) if problem.bias else x[:, None]
    expected = np.linalg.lstsq(design, problem.data_y, rcond=None)[0]
    (minimum,) = problem.minima
    np.testing.assert_allclose(minimum.location, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(problem.gradient(np.array([minimum.location])), 0.0, atol=1e-10)


def test_ridge_minimum_is_the_closed_form_with_an_unpenalised_bias():
    problem = regression(MATRIX, l2=0.7, loss="mse")
    x, y = problem.data_x, problem.data_y
    design = np.column_stack([x, np.ones(len(x))])
    m = len(y)
    penalty = 0.7 * np.diag([1.0, 1.0, 1.0, 0.0])
    expected = np.linalg.solve(2 / m * design.T @ design + penalty, 2 / m * design.T @ y)
    np.testing.assert_allclose(problem.minima[0].location, expected, rtol=1e-10)
    assert problem.param_names == ("w1", "w2", "w3", "b")


def test_standardised_fit_is_the_same_line_in_other_coordinates():
    raw, scaled = regression(), regression(standardize=True)
    grid = np.linspace(0, 6, 7)
    np.testing.assert_allclose(raw.predict(np.array(raw.minima[0].location), grid),
                               scaled.predict(np.array(scaled.minima[0].location), grid), rtol=1e-10)
    assert "standardised" in scaled.title and "x̃" in scaled.formula
    assert "standardised" not in raw.title


def torch_logistic_minimum(x, y, bias, l2):
    design = torch.tensor(np.column_stack([x, np.ones(len(x))]) if bias else x, dtype=torch.float64)
    target = torch.tensor(y, dtype=torch.float64)
    mask = torch.tensor([1.0] * x.shape[1] + [0.0] * int(bias), dtype=torch.float64)
    theta = torch.zeros(design.shape[1], dtype=torch.float64, requires_grad=True)
    solver = torch.optim.LBFGS([theta], lr=1, max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16,
                               line_search_fn="strong_wolfe")

    def closure():
        solver.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(design @ theta, target)
        loss = loss + 0.5 * l2 * torch.sum(mask * theta**2)
        loss.backward()
        return loss

    for _ in range(5):
        solver.step(closure)
    return theta.detach().numpy(), float(closure().detach())


@pytest.mark.parametrize("options", [{}, {"l2": 0.2}, {"standardize": True}])
def test_logistic_minimum_matches_torch_lbfgs(options):
    problem = classification(**options)
    x = problem.data_x
    if options.get("standardize"):
        x = (x - x.mean(axis=0)) / x.std(axis=0)
    expected, loss = torch_logistic_minimum(x, problem.data_y, True, options.get("l2", 0.0))
    (minimum,) = problem.minima
    np.testing.assert_allclose(minimum.location, expected, rtol=1e-7, atol=1e-9)
    assert minimum.value == pytest.approx(loss, rel=1e-12)
    assert not minimum.estimated


def test_logistic_output_and_decision_point():
    problem = classification()
    theta = np.array(problem.minima[0].location)
    point = problem.decision_point(theta)
    assert problem.predict(theta, [point])[0] == pytest.approx(0.5)
    assert 2.0 < point < 4.0  # labels were drawn from sigmoid(2x - 6): the boundary is near 3
    probabilities = problem.predict(np.array([theta, 2 * theta]), np.linspace(0, 6, 5))
    assert probabilities.shape == (2, 5) and np.all((probabilities > 0) & (probabilities < 1))
    assert np.isnan(problem.decision_point(np.array([0.0, 1.0])))
    with pytest.raises(ValueError, match="no single decision point"):
        classification({"x": [[0, 1], [1, 0], [1, 1], [0, 0]], "y": [0, 1, 0, 1]}, l2=0.1).decision_point(np.zeros(3))


def test_separable_classes_are_refused_unless_penalised():
    separable = {"x": [1, 2, 3, 4], "y": [0, 0, 1, 1]}
    with pytest.raises(InputError) as caught:
        classification(separable)
    assert str(caught.value) == f"data: {SEPARABLE}"
    with pytest.raises(InputError, match="^data: the classes are separable"):
        classification({"x": [1, 2, 3], "y": [1, 1, 1]})
    assert classification(separable, l2=0.1).minima
    with pytest.raises(InputError, match=r"^data\.y: every label is 1"):
        classification({"x": [1, 2, 3], "y": [1, 1, 1]}, l2=0.1)


def test_domain_holds_the_start_and_the_minimum():
    for make in PROBLEMS.values():
        problem = make()
        low, high = problem.domain[:, 0], problem.domain[:, 1]
        for point in (problem.start, np.array(problem.minima[0].location)):
            assert np.all(low < point) and np.all(point < high)
        np.testing.assert_array_equal(problem.start, 0.0)


def test_dimensions_follow_features_and_bias():
    assert regression({"x": [1, 2, 3], "y": [2, 4, 6]}, bias=False).param_names == ("w",)
    assert regression(LINE).param_names == ("w", "b")
    assert regression(MATRIX, bias=False).dim == 3
    arrays = regression({"x": np.array(MATRIX["x"]), "y": np.array(MATRIX["y"])}, bias=False)
    np.testing.assert_array_equal(arrays.data_x, MATRIX["x"])


def test_a_valley_of_minima_has_no_known_minimum_but_still_runs():
    problem = regression({"x": [2, 2, 2], "y": [1, 2, 3]})
    assert problem.minima == ()
    recording = simulate(scenario({"kind": "regression", "data": {"x": [2, 2, 2], "y": [1, 2, 3]}},
                                  [{"hyper": {"lr": 0.05}}], steps=200))
    w, b = recording["runs"][0]["path"][-1]
    assert 2 * w + b == pytest.approx(2.0, abs=1e-6)


# --- generated data -------------------------------------------------------------------------------


def test_generated_linear_data_is_reproducible_from_its_documented_draws():
    problem = regression(NOISY)
    rng = np.random.default_rng(3)
    x = rng.uniform(1, 5, 40)
    y = 2 * x + 1 + rng.standard_normal(40)
    np.testing.assert_array_equal(problem.data_x[:, 0], x)
    np.testing.assert_array_equal(problem.data_y, y)
    spaced = regression({"generate": "linear", "n": 5, "noise": 0.0})
    np.testing.assert_array_equal(spaced.data_x[:, 0], [1, 2, 3, 4, 5])
    np.testing.assert_array_equal(spaced.data_y, [3, 5, 7, 9, 11])


def test_generated_logistic_labels_follow_the_sigmoid():
    problem = classification({"generate": "logistic", "n": 20000, "seed": 5})
    x, y = problem.data_x[:, 0], problem.data_y
    assert set(np.unique(y)) == {0.0, 1.0}
    near = np.abs(x - 3.0) < 0.1
    assert y[near].mean() == pytest.approx(0.5, abs=0.05)
    assert y[x < 1].mean() < 0.02 and y[x > 5].mean() > 0.98
    location = problem.minima[0].location
    assert location[0] == pytest.approx(2.0, rel=0.1) and location[1] == pytest.approx(-6.0, rel=0.1)


# --- sampling through the engine ------------------------------------------------------------------


def test_sampling_modes_record_epochs_and_batch_losses():
    problem = {"kind": "regression", "data": NOISY}
    runs = [{"hyper": {"lr": 0.01}},
            {"hyper": {"lr": 0.01}, "batch_size": 16, "sampling": "shuffle"},
            {"hyper": {"lr": 0.01}, "batch_size": 1, "sampling": "replacement"},
            {"hyper": {"lr": 0.01}, "batch_size": 10, "sampling": "without_replacement"}]
    recording = simulate(scenario(problem, runs, steps=12))
    full, shuffled, replaced, distinct = recording["runs"]
    np.testing.assert_array_equal(full["epoch"], np.arange(13) - (np.arange(13) == 12))
    np.testing.assert_array_equal(full["batch_loss"], full["loss"])
    np.testing.assert_array_equal(shuffled["epoch"][:12], np.repeat(np.arange(4), 3))  # 16 + 16 + 8 per epoch
    np.testing.assert_array_equal(distinct["epoch"][:12], (np.arange(12) * 10) // 40)
    for run in (shuffled, replaced, distinct):
        assert np.any(np.asarray(run["batch_loss"]) != np.asarray(run["loss"]))


def test_a_shuffled_epoch_of_equal_batches_averages_to_the_full_gradient():
    problem = regression(NOISY)
    sampler = BatchSampler(problem.n_samples, 8, "shuffle", np.random.default_rng(0))
    theta = np.array([[0.5, -0.3], [3.0, 2.0]])
    batches = [sampler.next()[0] for _ in range(5)]
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(40))
    mean = np.mean([problem.batch_gradient(theta, batch) for batch in batches], axis=0)
    np.testing.assert_allclose(mean, problem.gradient(theta), rtol=1e-12)


@pytest.mark.parametrize(("n", "batch_size"), [(1, 1), (3, 1), (40, 5), (100, 10), (12345, 3)])
def test_batches_with_replacement_are_one_draw_a_step_from_the_batch_stream(n, batch_size):
    """Drawn ahead in blocks, the batches are exactly those of one ``integers`` call a step."""
    sampler = BatchSampler(n, batch_size, "replacement", stream(4, 1, "batches"))
    rng = stream(4, 1, "batches")
    for step in range(700):
        batch, epoch = sampler.next()
        np.testing.assert_array_equal(batch, rng.integers(0, n, size=batch_size))
        assert epoch == step * batch_size // n


@pytest.mark.parametrize("name", PROBLEMS)
def test_loss_and_gradient_together_are_each_alone(name, monkeypatch):
    problem = PROBLEMS[name]()
    theta = np.random.default_rng(3).normal(size=(6, problem.dim))
    for blocks in (None, 2 * problem.n_samples):
        if blocks:
            monkeypatch.setattr(data_problems, "BLOCK", blocks)
        for batch in (None, np.array([3, 1, 1, 0])):
            loss, gradient = problem.batch_value_and_gradient(theta, batch)
            np.testing.assert_array_equal(loss, problem.batch_value(theta, batch))
            np.testing.assert_array_equal(gradient, problem.batch_gradient(theta, batch))


def test_recorded_batch_loss_is_the_loss_of_the_batch_drawn():
    recording = simulate(scenario({"kind": "regression", "data": NOISY},
                                  [{"hyper": {"lr": 0.02}, "batch_size": 5, "sampling": "replacement"}], steps=6))
    run = recording["runs"][0]
    problem = regression(NOISY)
    rng = stream(0, 0, "batches")
    for k in range(6):
        batch = rng.integers(0, 40, size=5)
        point = np.asarray(run["path"][k])[None]
        assert run["batch_loss"][k] == pytest.approx(problem.batch_value(point, batch)[0], rel=1e-12)


def test_more_than_two_parameters_run_with_losses():
    recording = simulate(scenario({"kind": "regression", "data": MATRIX, "loss": "half_mse"},
                                  [{"hyper": {"lr": 0.02}, "batch_size": 2}], steps=50))
    run = recording["runs"][0]
    assert np.asarray(run["path"]).shape == (51, 4)
    assert run["loss"][-1] < run["loss"][0]


# --- bad data -------------------------------------------------------------------------------------

BAD = [
    ({"kind": "regression"}, "data: missing"),
    ({"kind": "regression", "data": []}, "data: must be an object"),
    ({"kind": "regression", "data": {"x": [], "y": []}}, "data.x: the data set is empty"),
    ({"kind": "regression", "data": {"x": [[1, 2], [3, 4], [5, 6], [7]], "y": [1, 2, 3, 4]}},
     "data.x[3]: has 1 values but x[0] has 2"),
    ({"kind": "regression", "data": {"x": [[1, 2], 3], "y": [1, 2]}}, "data.x[1]: must be a row"),
    ({"kind": "regression", "data": {"x": [1, 2, 3], "y": [1, 2]}}, "data.y: has 2 values but x has 3 samples"),
    ({"kind": "regression", "data": {"x": [1, 2, 3, "four"], "y": [1, 2, 3, 4]}},
     "data.x[3]: must be a number, not 'four'"),
    ({"kind": "regression", "data": {"x": [1, 2, True], "y": [1, 2, 3]}}, "data.x[2]: must be a number, not true"),
    ({"kind": "regression", "data": {"x": [1, 2, 3], "y": [1, None, 3]}}, "data.y[1]: must be a number, not null"),
    ({"kind": "regression", "data": {"x": [[1, 2], [3, float("nan")]], "y": [1, 2]}},
     "data.x[1][1]: must be a finite number, not nan"),
    ({"kind": "regression", "data": {"x": [1, 2], "y": [1, 2], "z": [3]}}, "data.z: unknown key"),
    ({"kind": "regression", "data": {"x": [1, 2]}}, "data.y: missing"),
    ({"kind": "regression", "data": LINE, "loss": "mae"}, "loss: must be one of mse, half_mse, not 'mae'"),
    ({"kind": "regression", "data": LINE, "l2": -1}, "l2: must be at least 0, not -1"),
    ({"kind": "regression", "data": LINE, "bias": "yes"}, "bias: must be true or false"),
    ({"kind": "regression", "data": LINE, "scale": 2}, "scale: unknown key for a regression problem"),
    ({"kind": "regression", "data": {"x": [2, 2], "y": [1, 2]}, "standardize": True},
     "data.x: every x is the same, so it cannot be standardised"),
    ({"kind": "regression", "data": {"generate": "logistic"}}, "data.generate: must be 'linear'"),
    ({"kind": "regression", "data": {"generate": "linear", "n": 0}}, "data.n: must be a whole number from 1"),
    ({"kind": "regression", "data": {"generate": "linear", "x_range": [5, 1]}}, "data.x_range: low must be below"),
    ({"kind": "regression", "data": {"generate": "linear", "x": "grid"}}, "data.x: must be one of linspace, uniform"),
    ({"kind": "regression", "data": {"generate": "linear", "noise": -1}}, "data.noise: must be at least 0, not -1"),
    ({"kind": "regression", "data": {"generate": "linear", "flip": 0.1}}, "data.flip: unknown key"),
    ({"kind": "classification", "data": {"x": [1, 2, 3], "y": [0, 1, 2]}}, "data.y[2]: must be a class label"),
    ({"kind": "classification", "data": LINE, "loss": "mse"}, "loss: unknown key for a classification problem"),
]


@pytest.mark.parametrize(("problem", "message"), BAD, ids=[m.split(":")[0] + " " + m[:30] for _, m in BAD])
def test_bad_problems_name_the_key_path(problem, message):
    with pytest.raises(InputError) as caught:
        parse_scenario(scenario(problem, [{"hyper": {"lr": 0.1}}]))
    assert str(caught.value).startswith(f"problem.{message}")


def test_a_batch_larger_than_the_data_is_refused():
    with pytest.raises(InputError, match=r"^runs\[0\]\.batch_size: 5 is larger than the data set \(4 samples\)"):
        parse_scenario(scenario({"kind": "regression", "data": LINE}, [{"batch_size": 5}]))


@pytest.mark.parametrize(("problem", "message"), BAD[2:9] + BAD[-2:-1])
def test_the_command_line_exits_2_with_the_message(problem, message, tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(scenario(problem, [{"hyper": {"lr": 0.1}}])))
    assert cli_main(["validate", str(path)]) == 2
    assert f"problem.{message}" in capsys.readouterr().err


@pytest.mark.parametrize("data", [{"x": [[1, 2], [3]], "y": [1, 2]}, {"x": [1, 2, 3], "y": [1, 2]}])
def test_main_py_validate_exits_2(data, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(scenario({"kind": "regression", "data": data}, [])))
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(path)], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert done.returncode == 2
    assert "problem.data." in done.stderr and "Traceback" not in done.stderr


def test_null_in_a_file_is_refused_by_key_path(tmp_path, capsys):
    path = tmp_path / "null.json"
    path.write_text('{"format": "gdsim.scenario", "version": 1, "problem": {"kind": "regression", '
                    '"data": {"x": [1, 2, null], "y": [1, 2, 3]}}}')
    assert cli_main(["validate", str(path)]) == 2
    assert "problem.data.x[2]: must be a number, not null" in capsys.readouterr().err


def test_classification_problem_is_a_data_problem():
    problem = classification()
    assert isinstance(problem, ClassificationProblem)
    assert problem.n_samples == 60 and problem.name == "classification"
    assert problem.param_names == ("w", "b")
