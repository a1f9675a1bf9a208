"""The window runs a scenario whose runs name torch optimizer classes, and shows what the engine computed."""

import json

import numpy as np
import pytest

from gdsim.session.simulate import simulate

pytest.importorskip("torch")
pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed")


def test_a_scenario_of_torch_classes_plays_in_the_window_as_the_engine_computes_it(gdsim_window, tmp_path):
    data = {"format": "gdsim.scenario", "version": 2, "problem": {"kind": "landscape", "name": "rosenbrock"},
            "steps": 40, "runs": [{"label": "Lion", "optimizer": "pytorch_optimizer.Lion", "hyper": {"lr": 0.01}},
                                  {"label": "SAM", "optimizer": "pytorch_optimizer.SAM", "hyper": {"lr": 1e-4}}]}
    path = tmp_path / "classes.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = simulate(data)["runs"]
    window = gdsim_window.window
    gdsim_window.open(path, timeout=60)
    gdsim_window.play()
    gdsim_window._wait(lambda: window.snapshot.finished, 60, "the runs to finish")
    gdsim_window.settle()
    for run_id, run in enumerate(expected):
        trace = window.live.get(run_id)
        assert np.array_equal(trace.loss[: trace.length], run["loss"])
    combo = window.runs_panel.editor.optimizer.combo
    assert combo.currentData() in ("pytorch_optimizer.Lion", "pytorch_optimizer.SAM")
