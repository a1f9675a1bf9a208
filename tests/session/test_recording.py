"""Recordings: strict JSON, the promised keys, exact replay, and old recordings keep replaying."""

import json
from pathlib import Path

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.engine.commands import AddRun, SetHyper, StopRun
from gdsim.engine.engine import Engine
from gdsim.session.jsonio import dumps, write_atomic
from gdsim.session.recording import load_recording, make_recording, parse_recording, save_recording
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import replay, simulate
from tests.engine.helpers import sgd_run

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIO = {"format": "gdsim.scenario", "version": 1, "problem": {"kind": "landscape", "name": "x_squared"},
            "steps": 40, "runs": [{"optimizer": "sgd", "hyper": {"lr": 1.5}, "start": [10.0]},
                                  {"label": "calm", "optimizer": "sgd", "hyper": {"lr": 0.1}, "start": [10.0],
                                   "record_every": 8},
                                  {"optimizer": "sgd", "hyper": {"lr": 0.1}, "start": {"random": 5}}]}


def test_recording_has_the_promised_keys_and_values():
    recording = json.loads(dumps(simulate(SCENARIO)))
    wild, calm, swarm = recording["runs"]
    assert (wild["status"], wild["steps"], wild["diverged_at"]) == ("diverged", 16, 17)
    assert wild["path"][0] == [10.0] and len(wild["path"]) == len(wild["loss"]) == 17
    assert calm["step"] == [0, 8, 16, 24, 32, 40] and calm["lr"][-1] is None and calm["lr"][0] == 0.1
    np.testing.assert_allclose(np.array(calm["path"])[:, 0], 10.0 * 0.8 ** np.array(calm["step"]), rtol=1e-12)
    assert swarm["final"]["status"] == ["max_steps"] * 5 and "path" not in swarm
    assert recording["scenario"]["runs"][0]["hyper"]["momentum"] == 0.0
    assert set(recording["meta"]) >= {"gdsim", "numpy", "python", "created", "ticks"}


def test_recording_text_is_strict_json_with_null_for_non_finite_numbers(tmp_path):
    path = tmp_path / "r.json"
    save_recording(simulate(SCENARIO), path)
    text = path.read_text()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text, parse_constant=lambda token: pytest.fail(f"found {token}"))
    assert data["runs"][0]["lr"][-1] is None
    assert dumps({"a": float("inf"), "b": np.array([1.0, np.nan])}).split() == ['{', '"a":', 'null,', '"b":',
                                                                               '[1.0,', 'null]', '}']


def test_a_session_with_commands_replays_bit_identically():
    scenario, problem = parse_scenario({**SCENARIO, "runs": SCENARIO["runs"][1:]})
    engine = Engine(scenario, problem)
    engine.advance(5)
    engine.apply(SetHyper(0, "lr", 0.3))
    engine.advance(3)
    engine.apply(AddRun(sgd_run(0.05, start=(-4.0,), grad_noise=2.0)))
    engine.advance(10)
    engine.apply(StopRun(1))
    engine.advance(7)
    original = json.loads(dumps(make_recording(engine)))
    again = json.loads(dumps(replay(parse_recording(original))))
    assert again["meta"]["ticks"] == original["meta"]["ticks"] == 25
    for theirs, ours in zip(original["runs"], again["runs"], strict=True):
        for key in ("step", "path", "loss", "grad_norm", "lr", "final"):
            assert theirs.get(key) == ours.get(key), key
        assert theirs["status"] == ours["status"]


def test_the_version_1_recording_fixture_still_loads_and_replays():
    recorded = load_recording(FIXTURES / "recording_v1.json")
    again = replay(recorded)
    assert [run["label"] for run in again["runs"]] == [run["label"] for run in recorded["runs"]]
    for theirs, ours in zip(recorded["runs"], again["runs"], strict=True):
        if "path" in theirs:
            np.testing.assert_allclose(np.array(ours["path"], dtype=float), np.array(theirs["path"], dtype=float),
                                       rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"format": "gdsim.scenario"}, "expected a 'gdsim.recording' file"),
        ({"version": 99}, "newer"),
        ({"events": [{"step": 1, "command": "explode", "run": 0, "args": {}}]}, "unknown command"),
        ({"events": [{"step": 5, "command": "reset", "run": None, "args": {}},
                     {"step": 2, "command": "reset", "run": None, "args": {}}]}, "order"),
        ({"runs": "none"}, "list"),
        ({"extra": 1}, "unknown key"),
    ],
)
def test_bad_recordings_are_refused(change, words):
    data = json.loads((FIXTURES / "recording_v1.json").read_text())
    data.update(change)
    with pytest.raises(InputError, match=words):
        parse_recording(data)


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path, monkeypatch):
    target = tmp_path / "keep.json"
    target.write_text("precious")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(InputError, match="disk full; nothing was written"):
        write_atomic(target, "new text")
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]
