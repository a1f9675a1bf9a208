"""The loss plot's x axis in gradient evaluations: a race of SGD against SAM (two gradients a step) shows
SAM's curve stretched by exactly its evaluation count, as the engine counted it and as a bare torch loop
counts its closure's calls; the choice is the session model's view option."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt

torch = pytest.importorskip("torch")
pytorch_optimizer = pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed")

STEPS = 40
LR = 1e-4


def bare_sam_loop(start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """SAM (around SGD) on Rosenbrock with autograd: the points after each step and the gradient
    evaluations taken by then (one backward per step, plus each call of the closure)."""
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    sam = pytorch_optimizer.SAM([point], base_optimizer=torch.optim.SGD, lr=LR)
    evaluations = 0

    def closure():
        nonlocal evaluations
        evaluations += 1
        sam.zero_grad()
        loss = (1 - point[0]) ** 2 + 100 * (point[1] - point[0] ** 2) ** 2
        loss.backward()
        return loss

    points, counts = [start.copy()], [0]
    for _ in range(STEPS):
        closure()
        sam.step(closure)
        points.append(point.detach().numpy().copy())
        counts.append(evaluations)
    return np.array(points), np.array(counts)


def test_sams_curve_is_stretched_by_its_gradient_evaluations(gdsim_window, qtbot, tmp_path):
    data = {"format": "gdsim.scenario", "version": 2, "problem": {"kind": "landscape", "name": "rosenbrock"},
            "steps": STEPS, "runs": [{"label": "SGD", "optimizer": "sgd", "hyper": {"lr": LR}},
                                     {"label": "SAM", "optimizer": "pytorch_optimizer.SAM", "hyper": {"lr": LR}}]}
    path = tmp_path / "race.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window = gdsim_window.window
    gdsim_window.open(path, timeout=60)
    plot = window.loss_plot
    assert plot.x_column == "steps"
    plot.x_axis.setFocus()
    qtbot.keyClick(plot.x_axis, Qt.Key.Key_Down)  # "x: steps" -> "x: gradient evaluations"
    qtbot.waitUntil(lambda: window.session.options.x_axis == "evaluations", timeout=2000)
    gdsim_window.play()
    gdsim_window._wait(lambda: window.snapshot.finished, 60, "the race to finish")
    gdsim_window.settle()
    sgd_id, sam_id = list(window.session.runs)
    sam_trace, sgd_trace = window.live.get(sam_id), window.live.get(sgd_id)
    steps = sam_trace.steps[: sam_trace.length]
    np.testing.assert_array_equal(steps, np.arange(STEPS + 1))
    points, counts = bare_sam_loop(sam_trace.path[0])
    np.testing.assert_allclose(sam_trace.path[: sam_trace.length], points, rtol=1e-12, atol=1e-15)
    curve = plot.curve(0, sam_id)
    np.testing.assert_array_equal(curve.xData, counts)  # the bare loop's count at every step
    np.testing.assert_array_equal(curve.xData, 2 * steps)  # two a step
    frame = window.live.frame(sam_id)
    assert frame.step == STEPS and frame.evaluations[0] == curve.xData[-1]  # the engine's own count
    np.testing.assert_array_equal(plot.curve(0, sgd_id).xData, sgd_trace.steps[: sgd_trace.length])
    assert plot.plots[0].getAxis("bottom").labelText == "gradient evaluations"
    shown_x = plot.curve(0, sam_id).getData()[0]
    assert shown_x.max() == 2 * STEPS  # what is drawn reaches SAM's 80 evaluations, SGD's 40 steps
    # back to steps, from the model (as a saved preference would set it): the box and the curves follow
    window.session.set_options(x_axis="steps")
    gdsim_window.settle()
    assert plot.x_axis.currentData() == "steps"
    np.testing.assert_array_equal(plot.curve(0, sam_id).xData, steps)
    assert plot.plots[0].getAxis("bottom").labelText == "step"
