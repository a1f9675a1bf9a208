"""What a run does to the gradient before the optimizer sees it: noise, clipping, update order."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from gdsim.core.landscapes import make_landscape
from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.random_streams import stream
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario

torch = pytest.importorskip("torch")

ROSENBROCK = {"kind": "landscape", "name": "rosenbrock"}
BOWL = {"kind": "landscape", "name": "bowl"}


def engine(problem: dict[str, Any], steps: int = 50, seed: int = 0, **run: Any) -> Engine:
    return Engine(Scenario(problem=problem, runs=(RunSpec(**run),), steps=steps, seed=seed))


def sgd(lr: float) -> dict[str, Any]:
    return {"optimizer": "sgd", "hyper": {"lr": lr}}


# --- clipping -------------------------------------------------------------------------------------


def test_clip_norm_per_ball_as_torch_clip_grad_norm() -> None:
    """One SGD step with lr = 1 moves each ball by exactly its clipped gradient."""
    clip = 50.0
    e = engine(ROSENBROCK, start={"grid": [9, 9]}, clip_norm=clip, **sgd(1.0))
    run = e.runs[0]
    start = run.theta.copy()
    grads = make_landscape("rosenbrock").gradient(start)
    norms = np.linalg.norm(grads, axis=1)
    assert (norms > clip).any() and (norms < clip).any()
    e.advance(1)
    expected = []
    for grad in grads:
        param = torch.zeros(2, dtype=torch.float64)
        param.grad = torch.tensor(grad)
        torch.nn.utils.clip_grad_norm_([param], clip)
        expected.append(param.grad.numpy())
    np.testing.assert_allclose(start - run.theta, np.array(expected), rtol=1e-12, atol=1e-12)
    moved = np.linalg.norm(start - run.theta, axis=1)
    assert moved.max() <= clip
    np.testing.assert_allclose(moved[norms > clip], clip, rtol=1e-6)


# --- gradient noise -------------------------------------------------------------------------------


def test_grad_noise_comes_from_the_runs_noise_stream() -> None:
    sigma, lr, seed = 0.3, 0.1, 7
    e = engine(BOWL, steps=6, seed=seed, start=(2.0, -1.0), grad_noise=sigma, **sgd(lr))
    run = e.runs[0]
    rng = stream(seed, run.id, "noise")
    theta = np.array([[2.0, -1.0]])
    for _ in range(6):
        grad = 2.0 * theta + sigma * rng.standard_normal((1, 2))
        theta = theta + (-lr) * grad
        e.advance(1)
        np.testing.assert_allclose(run.theta, theta, rtol=1e-14)


def test_grad_noise_does_not_move_the_start_or_batch_streams() -> None:
    x = np.linspace(0.0, 1.0, 12)
    problem = {"kind": "regression", "data": {"x": x.tolist(), "y": (2.0 * x + 1.0 + 0.1 * np.sin(7 * x)).tolist()}}
    runs = {}
    for noise in (0.0, 0.5):
        e = engine(problem, steps=20, seed=3, start={"random": 5}, batch_size=4, grad_noise=noise, **sgd(0.1))
        run = e.runs[0]
        batches, starts = [], run.start.copy()
        for _ in range(20):
            batches.append(run.batch.copy())
            e.advance(1)
        runs[noise] = (starts, batches, run.theta.copy())
    (start0, batches0, end0), (start1, batches1, end1) = runs[0.0], runs[0.5]
    np.testing.assert_array_equal(start0, start1)
    for a, b in zip(batches0, batches1, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.allclose(end0, end1)


def test_no_noise_draws_when_noise_is_off() -> None:
    e = engine(BOWL, steps=5, start=(1.0, 1.0), **sgd(0.1))
    run = e.runs[0]
    before = run.noise_rng.bit_generator.state
    e.advance(5)
    assert run.noise_rng.bit_generator.state == before


# --- update order ---------------------------------------------------------------------------------


def rosenbrock_gradient(x: float, y: float) -> tuple[float, float]:
    return -2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)


def test_sequential_sgd_on_rosenbrock_by_hand() -> None:
    """y's gradient is taken after x has moved, within the same step."""
    lr = 1e-3
    e = engine(ROSENBROCK, steps=20, start=(-1.5, 2.0), update="sequential", **sgd(lr))
    simultaneous = engine(ROSENBROCK, steps=20, start=(-1.5, 2.0), **sgd(lr))
    x, y = -1.5, 2.0
    for _ in range(20):
        x = x - lr * rosenbrock_gradient(x, y)[0]
        y = y - lr * rosenbrock_gradient(x, y)[1]
        e.advance(1)
        simultaneous.advance(1)
        np.testing.assert_allclose(e.runs[0].theta[0], [x, y], rtol=1e-12)
    assert np.abs(e.runs[0].theta - simultaneous.runs[0].theta).max() > 1e-3


def test_sequential_adam_on_rosenbrock_by_hand_counts_each_step_once() -> None:
    lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8
    e = engine(ROSENBROCK, steps=30, start=(-1.5, 2.0), update="sequential", optimizer="adam", hyper={"lr": lr})
    run = e.runs[0]
    theta = [-1.5, 2.0]
    m, v = [0.0, 0.0], [0.0, 0.0]
    for t in range(1, 31):
        for i in range(2):
            g = rosenbrock_gradient(*theta)[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat, v_hat = m[i] / (1 - beta1**t), v[i] / (1 - beta2**t)
            theta[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)
        e.advance(1)
        assert run.optimizer.t == t == run.step
        np.testing.assert_allclose(run.theta[0], theta, rtol=1e-11)


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_sequential_equals_simultaneous_on_a_separable_bowl(optimizer: str) -> None:
    runs = []
    for update in ("simultaneous", "sequential"):
        e = engine(BOWL, steps=25, start={"grid": [4, 3]}, update=update, optimizer=optimizer,
                   hyper={"lr": 0.05})
        e.run_to_end()
        runs.append(e.runs[0])
    np.testing.assert_array_equal(runs[0].theta, runs[1].theta)
    assert runs[0].optimizer.t == runs[1].optimizer.t == 25


def test_sequential_with_clipping_clips_each_recomputed_gradient() -> None:
    """Coordinate i is moved by the clipped gradient recomputed after the coordinates before it moved."""
    clip = 1.0
    e = engine(ROSENBROCK, steps=3, start=(-1.5, 2.0), update="sequential", clip_norm=clip, **sgd(0.01))
    x, y = -1.5, 2.0
    for _ in range(3):
        for i in range(2):
            g = np.array(rosenbrock_gradient(x, y))
            g = g * min(clip / (np.linalg.norm(g) + 1e-6), 1.0)
            if i == 0:
                x -= 0.01 * g[0]
            else:
                y -= 0.01 * g[1]
        e.advance(1)
        np.testing.assert_allclose(e.runs[0].theta[0], [x, y], rtol=1e-12)
