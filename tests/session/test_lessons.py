"""Every lesson in resources/scenarios against an independent re-computation of its article's code.

The articles' code is re-typed here in plain NumPy (torch for article 000's PyTorch examples). Where a
lesson draws samples at random, the same draws are taken from the run's batch stream (the calls
gdsim's BatchSampler documents), so even the stochastic lessons are compared step for step.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import torch

from gdsim.core.random_streams import stream
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import simulate

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "resources" / "scenarios"
FILES = sorted(LESSONS.glob("*.json"))
CJK = re.compile("[\u4e00-\u9fff]")


def lesson_file(prefix: str) -> Path:
    (path,) = LESSONS.glob(f"{prefix}_*.json")
    return path


@cache
def lesson(prefix: str) -> tuple[dict, dict]:
    """The lesson's scenario object and its recording (run once per test session)."""
    data = json.loads(lesson_file(prefix).read_text(encoding="utf-8"))
    return data, simulate(data)


def run(prefix: str, index: int) -> dict:
    return lesson(prefix)[1]["runs"][index]


def path(prefix: str, index: int) -> np.ndarray:
    return np.asarray(run(prefix, index)["path"], dtype=float)


def problem(prefix: str):
    return parse_scenario(lesson(prefix)[0])[1]


def jitter(points: np.ndarray) -> float:
    """Mean size of the second differences of a path: 0 for a straight glide, large for zig-zags."""
    return float(np.abs(np.diff(points, 2, axis=0)).mean())


# --- every lesson ---------------------------------------------------------------------------------


def test_the_lessons_the_issue_lists_are_there():
    assert len(FILES) >= 15
    for path_ in FILES:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.json", path_.name), path_.name
    prefixes = [p.name[:2] for p in FILES]
    assert len(set(prefixes)) == len(prefixes)


@pytest.mark.parametrize("path_", FILES, ids=[p.stem for p in FILES])
def test_lesson_is_bilingual(path_):
    data = json.loads(path_.read_text(encoding="utf-8"))
    assert data["format"] == "gdsim.scenario" and data["version"] in (1, 2)
    texts = [data["title"], data["description"]] + [c["text"] for c in data["captions"]]
    assert data["captions"]
    for text in texts:
        assert set(text) == {"en", "zh"}
        assert text["en"].strip() and not CJK.search(text["en"])
        assert CJK.search(text["zh"])


@pytest.mark.parametrize("path_", FILES, ids=[p.stem for p in FILES])
def test_lesson_validates_from_the_command_line(path_):
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(path_)], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "a valid scenario" in done.stdout


@pytest.mark.parametrize("path_", FILES, ids=[p.stem for p in FILES])
def test_lesson_runs_and_only_the_runs_meant_to_diverge_do(path_):
    for record in lesson(path_.name[:2])[1]["runs"]:
        meant = "diverge" in record["label"] or record["label"] == "lr 10" or (
            path_.name.startswith("12_") and record["label"] == "lr 0.5")
        assert (record["status"] == "diverged") == meant, record["label"]


# --- 01: the sign of the derivative ---------------------------------------------------------------


def test_01_each_ball_steps_against_its_derivative():
    right, left = path("01", 0)[:, 0], path("01", 1)[:, 0]
    assert np.all(np.diff(right) < 0) and np.all(right > 0)
    assert np.all(np.diff(left) > 0) and np.all(left < 0)
    x, expected = 10.0, [10.0]
    for _ in range(30):
        x = x - 0.1 * (2 * x)
        expected.append(x)
    np.testing.assert_allclose(right, expected, rtol=1e-12)


# --- 02: learning rates ---------------------------------------------------------------------------


def article_001_gd(learning_rate: float, iterations: int) -> list[float]:
    x, out = 10.0, [10.0]
    for _ in range(iterations):
        grad = 2 * x
        x = x - learning_rate * grad
        out.append(x)
    return out


def test_02_learning_rates_from_too_small_to_diverging():
    np.testing.assert_allclose(path("02", 1)[:, 0], article_001_gd(0.1, 50), rtol=1e-12)
    np.testing.assert_allclose(path("02", 0)[:, 0], article_001_gd(0.001, 50), rtol=1e-12)
    assert path("02", 0)[-1, 0] > 9.0  # too small: still far after 50 steps
    assert abs(path("02", 1)[-1, 0]) < 1e-3
    bouncing = path("02", 2)[:, 0]
    assert np.all(np.sign(bouncing[1:]) != np.sign(bouncing[:-1])) and abs(bouncing[-1]) > 1.0
    np.testing.assert_allclose(bouncing, article_001_gd(0.98, 50), rtol=1e-12)
    assert run("02", 3)["status"] == "diverged" and run("02", 3)["diverged_at"] == 17


# --- 03: 0.1 versus 10 ----------------------------------------------------------------------------


def article_004_regression(x, y, learning_rate, epochs, w=0.0, b=0.0):
    out = [(w, b)]
    for _ in range(epochs):
        y_pred = w * x + b
        error = y_pred - y
        dw = np.mean(error * x)
        db = np.mean(error)
        w -= learning_rate * dw
        b -= learning_rate * db
        out.append((w, b))
    return np.array(out)


def test_03_the_articles_first_step_and_what_follows():
    built = problem("03")
    np.testing.assert_allclose(built.gradient(np.zeros((1, 2))), [[2.0, 3.0]], rtol=1e-15)
    np.testing.assert_allclose(path("03", 0)[1], [-0.2, -0.3], rtol=1e-14)
    np.testing.assert_allclose(path("03", 1)[1], [-20.0, -30.0], rtol=1e-14)
    x, y = np.array([-1.0, 1.0]), np.array([-1.0, -5.0])
    np.testing.assert_allclose(path("03", 0), article_004_regression(x, y, 0.1, 30), rtol=1e-12)
    assert run("03", 1)["status"] == "diverged"
    assert np.linalg.norm(path("03", 0)[-1] - [-2.0, -3.0]) < 0.05 * np.hypot(2.0, 3.0)


# --- 04: article 002's optimizers on the U-curve --------------------------------------------------


def article_002(method: str, start=10.0, learning_rate=0.1, iterations=20):
    def gradient(x):
        return 2 * x

    x, v, s, m = start, 0.0, 0.0, 0.0
    path_ = [x]
    for t in range(1, iterations + 1):
        grad = gradient(x)
        if method == "gd":
            x = x - learning_rate * grad
        elif method == "momentum":
            v = 0.9 * v + (1 - 0.9) * grad
            x = x - learning_rate * v
        elif method == "rmsprop":
            s = 0.9 * s + (1 - 0.9) * grad**2
            x = x - learning_rate * grad / (np.sqrt(s) + 1e-8)
        else:
            m = 0.9 * m + (1 - 0.9) * grad
            v = 0.999 * v + (1 - 0.999) * grad**2
            m_hat = m / (1 - 0.9**t)
            v_hat = v / (1 - 0.999**t)
            x = x - learning_rate * m_hat / (np.sqrt(v_hat) + 1e-8)
        path_.append(x)
    return path_


@pytest.mark.parametrize(("index", "method"), list(enumerate(["gd", "momentum", "rmsprop", "adam"])))
def test_04_article_002_optimizers(index, method):
    np.testing.assert_allclose(path("04", index)[:, 0], article_002(method), rtol=1e-12, atol=1e-12)


def test_04_what_the_comparison_shows():
    final = [path("04", i)[-1, 0] for i in range(4)]
    assert final[0] == pytest.approx(0.1153, abs=1e-4)
    assert final[1] < 0  # momentum overshoots
    assert final[2] > 7 and final[3] > 8  # steps of about lr: far from the bottom after 20


# --- 05 and 06: article 000 in torch --------------------------------------------------------------

X3 = [[1.0, 2.0], [2.0, 3.0], [3.0, 4.0]]
X4 = [[1.0, 2.0], [2.0, 3.0], [3.0, 4.0], [4.0, 5.0]]


def article_000_batch(x_rows, targets, steps):
    X = torch.tensor(x_rows, requires_grad=True)
    y = torch.tensor([[v] for v in targets])
    theta = torch.tensor([[0.0], [0.0]], requires_grad=True)
    alpha = 0.01
    out = [theta.detach().numpy().ravel().copy()]

    def cost_function(X, y, theta):
        m = len(y)
        predictions = X @ theta
        return (1 / (2 * m)) * torch.sum((predictions - y) ** 2)

    for _ in range(steps):
        J = cost_function(X, y, theta)
        J.backward()
        with torch.no_grad():
            theta -= alpha * theta.grad
            theta.grad.zero_()
        out.append(theta.detach().numpy().ravel().copy())
    return np.array(out)


def article_000_sgd(indices):
    X = torch.tensor(X3, requires_grad=True)
    y = torch.tensor([[1.0], [2.0], [3.0]])
    theta = torch.tensor([[0.0], [0.0]], requires_grad=True)
    alpha = 0.01
    for idx in indices:
        x_i = X[idx]
        y_i = y[idx]
        J = (1 / 2) * torch.sum((x_i @ theta - y_i) ** 2)
        J.backward()
        with torch.no_grad():
            theta -= alpha * theta.grad
        theta.grad.zero_()
    return theta.detach().numpy().ravel()


def article_000_mini_batch(epochs):
    """The article's loop, with each epoch's DataLoader shuffle taken from the run's batch stream."""
    X = torch.tensor(X4, requires_grad=True)
    y = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
    theta = torch.tensor([[0.0], [0.0]], requires_grad=True)
    alpha = 0.01
    batch_size = 2
    rng = stream(0, 0, "batches")
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(4))
        for start in range(0, 4, batch_size):
            rows = order[start : start + batch_size]
            X_batch, y_batch = X[rows], y[rows]
            J = (1 / (2 * batch_size)) * torch.sum((X_batch @ theta - y_batch) ** 2)
            J.backward()
            with torch.no_grad():
                theta -= alpha * theta.grad
                theta.grad.zero_()
    return theta.detach().numpy().ravel()


def test_05_batch_gd_ends_where_article_000s_code_does():
    expected = article_000_batch(X3, [1.0, 2.0, 3.0], 1000)
    np.testing.assert_allclose(path("05", 0), expected, atol=2e-5)
    np.testing.assert_array_equal(np.round(path("05", 0)[-1], 4), [0.5764, 0.2936])
    assert abs(path("05", 0)[-1, 1] - 0.7721) > 0.4  # the article's printed result is not its code's


def test_05_sgd_takes_the_same_samples_as_the_article_would():
    rng = stream(0, 1, "batches")
    indices = [int(rng.integers(0, 3, size=1)[0]) for _ in range(1000)]
    np.testing.assert_allclose(path("05", 1)[-1], article_000_sgd(indices), atol=2e-5)
    assert np.linalg.norm(path("05", 1)[-1] - path("05", 0)[-1]) < 0.05
    assert path("05", 1)[-1, 1] < 0.4  # not the printed 0.7819
    assert jitter(path("05", 1)) > 10 * jitter(path("05", 0))


def test_06_mini_batch_is_article_000s_dataloader_loop():
    np.testing.assert_allclose(path("06", 0)[-1], article_000_mini_batch(100), atol=2e-5)
    assert len(path("06", 0)) == 201  # 100 epochs of 2 batches
    np.testing.assert_array_equal(run("06", 0)["epoch"][:4], [0, 0, 1, 1])
    batch = article_000_batch(X4, [1.0, 2.0, 3.0, 4.0], 200)
    np.testing.assert_allclose(path("06", 1), batch, atol=2e-5)
    np.testing.assert_array_equal(np.round(path("06", 1)[-1], 4), [0.4288, 0.4250])
    assert np.linalg.norm(path("06", 0)[-1] - batch[-1]) < 0.01
    assert np.linalg.norm(path("06", 0)[-1] - [0.6101, 0.7929]) > 0.3  # the printed result


# --- 07: y = 2x (articles 001 and 003) ------------------------------------------------------------


def article_003_gd(iterations=1000):
    X = np.array([1, 2, 3, 4, 5]).reshape(-1, 1)
    y = np.array([2, 4, 6, 8, 10])
    theta = np.zeros(X.shape[1])
    alpha = 0.01
    out = [theta.copy()]
    for _ in range(iterations):
        y_pred = X.dot(theta)
        gradients = -(2 / len(X)) * np.dot(X.T, (y - y_pred))
        theta -= alpha * gradients
        out.append(theta.copy())
    return np.array(out)


def article_001_sgd(X, Y, indices, learning_rate=0.01):
    w = 0.0
    out = [w]
    for idx in indices:
        x_i = X[idx]
        y_i = Y[idx]
        prediction = w * x_i
        error = prediction - y_i
        grad = 2 * error * x_i
        w = w - learning_rate * grad
        out.append(w)
    return np.array(out)


def test_07_gd_is_article_003_and_sgd_is_article_001():
    np.testing.assert_allclose(path("07", 0), article_003_gd(), rtol=1e-12)
    rng = stream(0, 1, "batches")
    indices = [int(rng.integers(0, 5, size=1)[0]) for _ in range(1000)]
    X, Y = np.array([1, 2, 3, 4, 5]), np.array([2, 4, 6, 8, 10])
    np.testing.assert_allclose(path("07", 1)[:, 0], article_001_sgd(X, Y, indices), rtol=1e-12)
    assert path("07", 0)[-1, 0] == pytest.approx(2.0, abs=1e-12)
    assert path("07", 1)[100, 0] == pytest.approx(2.0, abs=1e-3)  # where article 001 stops
    assert path("07", 1)[-1, 0] == pytest.approx(2.0, abs=1e-12)


# --- 08: article 001's mini-batch on noisy points -------------------------------------------------


def test_08_mini_batch_is_article_001s_loop_on_the_seeded_data():
    built = problem("08")
    X = np.linspace(1, 5, 100)
    Y = 2 * X + np.random.default_rng(0).standard_normal(100)
    np.testing.assert_allclose(built.data_x[:, 0], X, rtol=1e-15)
    np.testing.assert_allclose(built.data_y, Y, rtol=1e-15)

    rng = stream(0, 0, "batches")
    w, learning_rate, batch_size, expected = 0.0, 0.001, 10, [0.0]
    for _ in range(200):
        indices = rng.choice(len(X), batch_size, replace=False)
        X_batch = X[indices]
        Y_batch = Y[indices]
        predictions = w * X_batch
        errors = predictions - Y_batch
        grad = 2 * np.dot(errors, X_batch) / batch_size
        w = w - learning_rate * grad
        expected.append(w)
    np.testing.assert_allclose(path("08", 0)[:, 0], expected, rtol=1e-12)

    rng = stream(0, 1, "batches")
    indices = [int(rng.integers(0, 100, size=1)[0]) for _ in range(200)]
    np.testing.assert_allclose(path("08", 1)[:, 0], article_001_sgd(X, Y, indices, 0.001), rtol=1e-12)


def test_08_mini_batches_are_calmer_than_single_samples():
    late = slice(100, None)
    sgd, mini, gd = (jitter(path("08", i)[late]) for i in (1, 0, 2))
    assert sgd > 2 * mini > 2 * gd
    exact = problem("08").minima[0].location[0]
    for i in range(3):
        assert path("08", i)[-1, 0] == pytest.approx(exact, abs=0.1)


# --- 09 and 10: y = 2x + 1, simultaneous and sequential -------------------------------------------

X_004, Y_004 = np.array([1, 2, 3, 4]), np.array([3, 5, 7, 9])


def test_09_linear_regression_ends_at_the_articles_numbers():
    expected = article_004_regression(X_004, Y_004, 0.01, 1000)
    np.testing.assert_allclose(path("09", 0), expected, rtol=1e-12)
    np.testing.assert_array_equal(np.round(path("09", 0)[-1], 4), [2.0218, 0.9359])


def article_004_wrong_code(epochs=1000, alpha=0.01):
    """The article's "wrong" order: w then b, but with dw and db computed before either update."""
    w, b = 0.0, 0.0
    out = [(w, b)]
    for _ in range(epochs):
        error = w * X_004 + b - Y_004
        dw, db = np.mean(error * X_004), np.mean(error)
        w = w - alpha * dw
        b = b - alpha * db  # b's update uses the db computed before w changed
        out.append((w, b))
    return np.array(out)


def sequential(epochs=1000, alpha=0.01):
    """The real pitfall: b's gradient recomputed after w has moved."""
    w, b = 0.0, 0.0
    out = [(w, b)]
    for _ in range(epochs):
        w = w - alpha * np.mean((w * X_004 + b - Y_004) * X_004)
        b = b - alpha * np.mean(w * X_004 + b - Y_004)
        out.append((w, b))
    return np.array(out)


def test_10_the_articles_wrong_code_is_the_simultaneous_update():
    simultaneous = article_004_regression(X_004, Y_004, 0.01, 1000)
    np.testing.assert_array_equal(article_004_wrong_code(), simultaneous)
    np.testing.assert_allclose(path("10", 0), simultaneous, rtol=1e-12)


def test_10_sequential_update_ends_elsewhere():
    np.testing.assert_allclose(path("10", 1), sequential(), rtol=1e-12)
    np.testing.assert_array_equal(np.round(path("10", 1)[-1], 4), [2.0252, 0.9260])
    assert np.linalg.norm(path("10", 1)[-1] - path("10", 0)[-1]) > 5e-3
    assert np.abs(path("10", 1)[1] - path("10", 0)[1]).max() > 0  # they part at the first step


# --- 11: local minima -----------------------------------------------------------------------------


def test_11_several_starts_end_in_different_valleys():
    built = problem("11")
    ends = np.array([path("11", i)[-1] for i in range(4)])
    reached = built.nearest_minimum(ends, 0.05)
    assert np.all(reached >= 0)
    assert len(set(reached.tolist())) >= 2
    restarts = run("11", 4)["final"]
    assert len(set(restarts["minimum"])) >= 2
    best = int(np.argmin(restarts["loss"]))
    deepest = min(built.minima, key=lambda m: m.value)
    np.testing.assert_allclose(np.asarray(restarts["position"])[best], deepest.location, atol=1e-3)


# --- 12 and 13: standardising features ------------------------------------------------------------


def steps_to_reach(prefix: str, index: int, gap: float) -> int:
    loss = np.asarray(run(prefix, index)["loss"])
    close = np.flatnonzero(loss - problem(prefix).minima[0].value < gap)
    return int(close[0]) if len(close) else len(loss) * 10


def gd_on_noisy_line(standardize: bool, learning_rate: float, steps: int) -> np.ndarray:
    x = np.linspace(1, 5, 100)
    y = 2 * x + 1 + np.random.default_rng(0).standard_normal(100)
    if standardize:
        x = (x - x.mean()) / x.std()
    w = b = 0.0
    out = [(w, b)]
    for _ in range(steps):
        error = w * x + b - y
        w, b = w - learning_rate * 2 * np.mean(error * x), b - learning_rate * 2 * np.mean(error)
        out.append((w, b))
    return np.array(out)


def test_12_13_gradient_descent_on_raw_and_standardised_features():
    np.testing.assert_allclose(path("12", 0), gd_on_noisy_line(False, 0.05, 300), rtol=1e-10)
    np.testing.assert_allclose(path("13", 0), gd_on_noisy_line(True, 0.05, 300), rtol=1e-10)
    np.testing.assert_allclose(path("13", 1), gd_on_noisy_line(True, 0.5, 300), rtol=1e-10, atol=1e-12)


def test_12_13_standardising_converges_in_fewer_steps():
    raw, scaled = steps_to_reach("12", 0, 1e-4), steps_to_reach("13", 0, 1e-4)
    assert scaled < raw / 2
    assert run("12", 1)["status"] == "diverged"
    np.testing.assert_allclose(path("13", 1)[1], problem("13").minima[0].location, atol=1e-12)
    grid = np.linspace(1, 5, 5)
    np.testing.assert_allclose(problem("12").predict(np.array(problem("12").minima[0].location), grid),
                               problem("13").predict(np.array(problem("13").minima[0].location), grid),
                               rtol=1e-10)


# --- 14: six methods ------------------------------------------------------------------------------


def test_14_six_methods_against_article_002s_rules_on_the_data():
    x = np.linspace(1, 5, 100)
    y = 2 * x + 1 + np.random.default_rng(0).standard_normal(100)

    def gradient(theta, rows=slice(None)):
        error = theta[0] * x[rows] + theta[1] - y[rows]
        return np.array([2 * np.mean(error * x[rows]), 2 * np.mean(error)])

    def descend(rule, steps=1000, batches=None):
        theta, state = np.zeros(2), {"v": np.zeros(2), "s": np.zeros(2), "m": np.zeros(2)}
        out = [theta.copy()]
        for t in range(1, steps + 1):
            theta = rule(theta, gradient(theta, next(batches) if batches else slice(None)), state, t)
            out.append(theta.copy())
        return np.array(out)

    def gd(lr):
        return lambda theta, g, state, t: theta - lr * g

    def momentum(theta, g, state, t):
        state["v"] = 0.9 * state["v"] + (1 - 0.9) * g
        return theta - 0.02 * state["v"]

    def rmsprop(theta, g, state, t):
        state["s"] = 0.9 * state["s"] + (1 - 0.9) * g**2
        return theta - 0.01 * g / (np.sqrt(state["s"]) + 1e-8)

    def adam(theta, g, state, t):
        state["m"] = 0.9 * state["m"] + (1 - 0.9) * g
        state["v"] = 0.999 * state["v"] + (1 - 0.999) * g**2
        m_hat, v_hat = state["m"] / (1 - 0.9**t), state["v"] / (1 - 0.999**t)
        return theta - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8)

    def single_samples():
        rng = stream(0, 1, "batches")
        while True:
            yield rng.integers(0, 100, size=1)

    def shuffled_batches():
        rng = stream(0, 2, "batches")
        while True:
            order = rng.permutation(100)
            for start in range(0, 100, 10):
                yield order[start : start + 10]

    np.testing.assert_allclose(path("14", 0), descend(gd(0.02)), rtol=1e-10)
    np.testing.assert_allclose(path("14", 1), descend(gd(0.02), batches=single_samples()), rtol=1e-10)
    np.testing.assert_allclose(path("14", 2), descend(gd(0.02), batches=shuffled_batches()), rtol=1e-10)
    np.testing.assert_allclose(path("14", 3), descend(momentum), rtol=1e-10)
    # RMSProp ends in a cycle of steps about lr long around the minimum, where rounding differences grow:
    # step for step until it gets there, then the same cycle.
    rms = descend(rmsprop)
    np.testing.assert_allclose(path("14", 4)[:250], rms[:250], rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(path("14", 4)[-100:].mean(axis=0), rms[-100:].mean(axis=0), atol=2e-3)
    np.testing.assert_allclose(path("14", 5), descend(adam), rtol=1e-8, atol=1e-10)


def test_14_stochastic_methods_keep_moving_the_others_settle():
    exact = np.array(problem("14").minima[0].location)
    late = slice(800, None)
    sgd, mini, gd = (jitter(path("14", i)[late]) for i in (1, 2, 0))
    assert sgd > 2 * mini > 100 * gd
    assert jitter(path("14", 4)[late]) > 100 * jitter(path("14", 5)[late])  # RMSProp hops, Adam settles
    for i in (0, 3, 4, 5):
        assert np.linalg.norm(path("14", i)[-1] - exact) < 0.02
    for i in (1, 2):
        assert np.linalg.norm(path("14", i)[-1] - exact) < 0.5


# --- 15: logistic regression ----------------------------------------------------------------------


def test_15_logistic_regression_descends_to_the_exact_minimum():
    built = problem("15")
    x, y = built.data_x[:, 0], built.data_y
    w = b = 0.0
    for _ in range(2000):
        p = 1 / (1 + np.exp(-(w * x + b)))
        w, b = w - 0.5 * np.mean((p - y) * x), b - 0.5 * np.mean(p - y)
    np.testing.assert_allclose(path("15", 0)[-1], [w, b], rtol=1e-9)
    exact = np.array(built.minima[0].location)
    assert np.linalg.norm(path("15", 0)[-1] - exact) < 1e-2
    for i in (1, 2):
        assert np.linalg.norm(path("15", i)[-1] - exact) < 1.5
        assert run("15", i)["loss"][-1] < 0.35 < run("15", i)["loss"][0]
    assert 2.5 < built.decision_point(path("15", 0)[-1]) < 3.5
