"""The command line: useful output, exit status 2 with a message (no traceback) on bad input."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import gdsim
from gdsim.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "session" / "fixtures" / "scenario_v1.json"


def test_run_writes_a_recording(tmp_path, capsys):
    output = tmp_path / "out.json"
    assert main(["run", str(FIXTURE), "-o", str(output)]) == 0
    recording = json.loads(output.read_text())
    assert recording["format"] == "gdsim.recording" and len(recording["runs"]) == 3
    assert "wrote" in capsys.readouterr().out


def test_validate_scenarios_and_recordings(tmp_path, capsys):
    assert main(["validate", str(FIXTURE)]) == 0
    assert "valid scenario: 3 run(s) on Himmelblau" in capsys.readouterr().out
    assert main(["validate", str(FIXTURE.with_name("recording_v1.json"))]) == 0
    assert "valid recording of 4 run(s), 3 event(s)" in capsys.readouterr().out


def test_landscapes_lists_the_catalog_as_text_and_json(capsys):
    assert main(["landscapes"]) == 0
    assert "rosenbrock" in capsys.readouterr().out
    assert main(["landscapes", "--json"]) == 0
    catalog = {entry["name"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert catalog["rosenbrock"]["critical_points"][0] == {"location": [1.0, 1.0], "value": 0.0, "kind": "minimum"}


def test_bad_input_exits_2_with_a_message_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "gdsim.scenario", "version": 1,
                               "problem": {"kind": "landscape", "name": "bowl"},
                               "runs": [{"optimizer": "sgd", "hyper": {"lr": -1}}]}))
    output = tmp_path / "out.json"
    assert main(["run", str(bad), "-o", str(output)]) == 2
    assert capsys.readouterr().err.strip() == f"gdsim: {bad}: runs[0].hyper.lr: must be at least 0, not -1"
    assert not output.exists()


def test_run_refuses_to_overwrite_its_own_scenario(tmp_path, capsys):
    scenario = tmp_path / "s.json"
    scenario.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["run", str(scenario), "-o", str(scenario)]) == 2
    assert json.loads(scenario.read_text())["format"] == "gdsim.scenario"


@pytest.mark.parametrize("args", [["validate", "missing.json"], ["run", "missing.json", "-o", "x.json"]])
def test_main_py_reports_bad_input_without_a_traceback(tmp_path, args):
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no such file" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"gdsim {gdsim.__version__}"


def test_run_replays_a_recording_against_the_closed_form(tmp_path, capsys):
    """SGD on x² from x0: x_k = x0·(1 − 2·0.1)^k up to the lr change at tick 3, then ×(1 − 2·0.25) per step."""
    x0, ticks = 7.0, 12
    recording = {
        "format": "gdsim.recording", "version": 1,
        "scenario": {"format": "gdsim.scenario", "version": 1, "steps": ticks,
                     "problem": {"kind": "landscape", "name": "x_squared"},
                     "runs": [{"optimizer": "sgd", "hyper": {"lr": 0.1}, "start": [x0]}]},
        "runs": [{"label": "SGD"}],
        "events": [{"step": 3, "t": 0.5, "command": "set_hyper", "run": 0, "args": {"lr": 0.25}}],
        "meta": {"ticks": ticks},
    }
    source, output = tmp_path / "session.json", tmp_path / "again.json"
    source.write_text(json.dumps(recording))
    assert main(["run", str(source), "-o", str(output)]) == 0
    assert "wrote" in capsys.readouterr().out
    written = json.loads(output.read_text())
    k = np.arange(ticks + 1)
    expected = np.where(k <= 3, x0 * 0.8**k, x0 * 0.8**3 * 0.5 ** (k - 3))
    run = written["runs"][0]
    assert run["step"] == list(range(ticks + 1))
    np.testing.assert_allclose(np.array(run["path"])[:, 0], expected, rtol=1e-12, atol=0)
    assert written["events"][0]["step"] == 3 and written["events"][0]["args"] == {"lr": 0.25}


def test_run_refuses_a_malformed_recording_with_exit_2(tmp_path, capsys):
    recording = json.loads(FIXTURE.with_name("recording_v1.json").read_text())
    recording["events"][0]["args"] = [0.05]
    source, output = tmp_path / "bad.json", tmp_path / "out.json"
    source.write_text(json.dumps(recording))
    assert main(["run", str(source), "-o", str(output)]) == 2
    assert capsys.readouterr().err.strip() == f"gdsim: {source}: events[0].args: must be an object, not a list"
    assert not output.exists()


def test_item12_ctrl_c_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("gdsim.session.simulate.simulate", interrupted)
    output = tmp_path / "out.json"
    assert main(["run", str(FIXTURE), "-o", str(output)]) == 130
    assert capsys.readouterr().err == "gdsim: interrupted; nothing was written\n"
    assert list(tmp_path.iterdir()) == []


def test_item12_ctrl_c_in_a_real_run(tmp_path):
    """SIGINT while a long scenario simulates: exit status 130, one line, no output and no temporary file."""
    source = tmp_path / "long.json"
    source.write_text(json.dumps({"format": "gdsim.scenario", "version": 2, "steps": 10**7,
                                  "problem": {"kind": "landscape", "name": "rosenbrock"},
                                  "runs": [{"optimizer": "sgd", "hyper": {"lr": 1e-5}, "record_every": 100_000}]}))
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "run", "--no-limits", str(source),
                                "-o", "out.json"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(4)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130 and err.decode() == "gdsim: interrupted; nothing was written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.json"]
