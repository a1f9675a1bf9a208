"""`gdsim run` and `gdsim validate` on network scenarios and recordings, and their messages."""

import json

from gdsim.cli import main
from tests.nets.conftest import network_scenario


def test_run_and_validate_a_network_scenario_and_its_recording(tmp_path, capsys):
    scenario = tmp_path / "moons.json"
    scenario.write_text(json.dumps(network_scenario({"name": "moons", "n": 100}, {"name": "mlp", "hidden": [4]},
                                                    steps=30, runs=[{"label": "Adam", "optimizer": "adam",
                                                                     "batch_size": 10, "eval_every": 10}])))
    output = tmp_path / "moons.rec.json"
    assert main(["run", str(scenario), "-o", str(output)]) == 0
    assert "Adam: max_steps after 30 steps" in capsys.readouterr().out
    recording = json.loads(output.read_text())
    run = recording["runs"][0]
    assert len(run["loss"]) == 30 and run["eval"]["step"] == [0, 10, 20, 30]
    assert main(["validate", str(scenario)]) == 0
    assert "valid scenario: 1 run(s) on MLP 2-4-2 on moons, 30 steps" in capsys.readouterr().out
    assert main(["validate", str(output)]) == 0
    assert "valid recording of 1 run(s)" in capsys.readouterr().out
    replayed = tmp_path / "again.rec.json"
    assert main(["run", str(output), "-o", str(replayed)]) == 0
    assert json.loads(replayed.read_text())["runs"][0]["loss"] == run["loss"]


def test_a_bad_network_scenario_exits_2_with_the_key_path(tmp_path, capsys):
    scenario = tmp_path / "bad.json"
    scenario.write_text(json.dumps(network_scenario({"name": "mnist"})))
    assert main(["run", str(scenario), "-o", str(tmp_path / "out.json")]) == 2
    message = capsys.readouterr().err
    assert "problem.data.path" in message and "never downloads" in message and "Traceback" not in message
    assert not (tmp_path / "out.json").exists()
