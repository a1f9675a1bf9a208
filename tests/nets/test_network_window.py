"""The window shows a network run as the engine computed it: every update's loss in the loss plot, the
evaluations in the network view, the decision of a 2D classifier as its heatmap."""

import json

import numpy as np

from gdsim.qt.views.network_view import decision_image
from gdsim.session.simulate import simulate
from tests.nets.conftest import network_scenario


def test_the_network_view_shows_what_the_engine_computed(gdsim_window, tmp_path):
    data = network_scenario({"name": "xor", "n": 200}, {"name": "mlp", "hidden": [8], "activation": "tanh"},
                            steps=80, runs=[{"label": "Adam", "optimizer": "adam", "hyper": {"lr": 0.02},
                                             "batch_size": 20, "eval_every": 20}])
    path = tmp_path / "xor.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = simulate(data)["runs"][0]
    window = gdsim_window.window
    gdsim_window.open(path, timeout=60)
    view = window.views["network"]
    assert window.main_views.currentWidget() is view
    gdsim_window.play()
    gdsim_window._wait(lambda: window.snapshot.finished, 60, "training to finish")
    gdsim_window.settle()
    trace = window.live.get(0)
    assert np.array_equal(trace.loss[: trace.length], expected["loss"])
    val, train, accuracy = view._lines[0]
    assert val.yData.tolist() == expected["eval"]["val_loss"]
    assert accuracy.xData.tolist() == expected["eval"]["step"] == [0, 20, 40, 60, 80]
    assert accuracy.yData.tolist() == expected["eval"]["val_accuracy"]
    axes, probabilities = trace.boundary
    assert probabilities.shape == (64, 64, 2) and np.allclose(probabilities.sum(axis=2), 1, atol=1e-5)
    # row i of the image is y = axes[1][i], column j is x = axes[0][j], whatever pyqtgraph's global axis order
    assert view.heat.axisOrder == "row-major"
    assert np.array_equal(view.heat.image, decision_image(probabilities))
    rect = view.heat.mapRectToParent(view.heat.boundingRect())
    assert rect.left() < axes[0][0] < axes[0][1] < rect.right() and rect.top() < axes[1][0] < axes[1][1] < rect.bottom()
    # a cell the model is sure of shows its class colour (faded towards white), whatever the other cells do
    faded = {k: 255 - 0.55 * (255 - np.array(rgb)) for k, rgb in ((0, (230, 159, 0)), (1, (86, 180, 233)))}
    for k in (0, 1):
        sure = probabilities[..., k] > 0.8
        assert sure.any()
        pixels = view.heat.image[sure].astype(float)
        own, other = (np.linalg.norm(pixels - faded[c], axis=1) for c in (k, 1 - k))
        assert np.all(own < other)
