"""The pytest plugin other projects use: the README's example runs as written, and the driver's
readings agree with the window's own state and with a closed form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_example_of_driving_gdsim_runs(gdsim_window, tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Driving gdsim from tests"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    monkeypatch.chdir(ROOT)
    (test,) = [value for name, value in namespace.items() if name.startswith("test_")]
    test(gdsim_window, tmp_path)
    assert (tmp_path / "after_20_steps.png").stat().st_size > 10_000


def test_the_driver_reads_what_the_engine_computed(gdsim_window, tmp_path):
    import json

    scenario = {"format": "gdsim.scenario", "version": 1, "problem": {"kind": "landscape", "name": "x_squared"},
                "steps": 50, "runs": [{"label": "SGD", "optimizer": "sgd", "hyper": {"lr": 0.1}, "start": [10.0]}]}
    path = tmp_path / "u.json"
    path.write_text(json.dumps(scenario))
    gdsim_window.open(path)
    gdsim_window.step(4)
    shown = gdsim_window.shown()
    x4 = 10.0 * 0.8**4
    assert shown["status_step"] == shown["readout"]["step"] == shown["results"][0]["steps"] == 4
    assert shown["readout"]["loss"] == pytest.approx(x4**2, rel=1e-5)
    assert shown["readout"]["lr"] == 0.1
    assert shown["results"][0] == {"label": "SGD", "status": "paused", "steps": 4,
                                   "final_loss": pytest.approx(x4**2, rel=1e-3)}
    assert shown["loss_axis"]["log"] and shown["language"] == "en"
    gdsim_window.reset()
    assert gdsim_window.shown()["status_step"] == 0
