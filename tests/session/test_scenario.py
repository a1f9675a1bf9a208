"""Scenario files: validation messages name the key path; defaults are filled; old files keep loading."""

import copy
import json
from dataclasses import replace
from pathlib import Path

import pytest

from gdsim.core.errors import InputError
from gdsim.session.scenario import load_scenario, parse_scenario, save_scenario, scenario_to_dict

FIXTURES = Path(__file__).parent / "fixtures"


def minimal(**changes):
    data = {"format": "gdsim.scenario", "version": 1, "problem": {"kind": "landscape", "name": "rosenbrock"},
            "runs": [{"optimizer": "adam", "hyper": {"lr": 0.01}, "start": [-1.5, 2.0]}]}
    data.update(changes)
    return data


def with_run(**run):
    data = minimal()
    data["runs"][0].update(run)
    return data


def test_the_version_1_fixture_loads_with_every_default_filled():
    scenario, problem = load_scenario(FIXTURES / "scenario_v1.json")
    assert problem.name == "himmelblau" and scenario.seed == 7 and len(scenario.runs) == 3
    full = scenario_to_dict(scenario)
    second = full["runs"][1]
    assert second["hyper"] == {"lr": 0.005, "momentum": 0.8, "dampening": 0.0, "weight_decay": 0.0,
                               "nesterov": False, "maximize": False}
    assert second["stop"] == {"loss_below": None, "grad_norm_below": 1e-6, "step_below": None}
    assert full["runs"][2]["start"] == {"grid": [4, 3]} and full["runs"][2]["color"] == "#009E73"
    assert full["title"]["zh"] == "Himmelblau 函数上的三种优化器"


def test_a_version_1_file_migrates_to_version_2_and_a_version_2_file_keeps_pace_and_view(tmp_path):
    scenario, _ = load_scenario(FIXTURES / "scenario_v1.json")
    assert scenario.pace is None and scenario.view is None
    written = scenario_to_dict(scenario)
    assert written["version"] == 2 and "pace" not in written and "view" not in written
    data = dict(written, pace=2.5, view=["3d", "2d"])
    paced, _ = parse_scenario(copy.deepcopy(data))
    assert paced.pace == 2.5 and paced.view == ("3d", "2d")
    save_scenario(paced, tmp_path / "paced.json")
    again, _ = load_scenario(tmp_path / "paced.json")
    assert scenario_to_dict(again) == scenario_to_dict(paced) and again.pace == 2.5 and again.view == ("3d", "2d")


def test_round_trip_through_a_file_is_lossless(tmp_path):
    scenario, _ = load_scenario(FIXTURES / "scenario_v1.json")
    save_scenario(scenario, tmp_path / "again.json")
    again, _ = load_scenario(tmp_path / "again.json")
    assert scenario_to_dict(again) == scenario_to_dict(scenario)


def test_a_lesson_s_run_label_in_several_languages_is_kept_by_its_label_and_written_back(tmp_path):
    """A run label written {"en": ..., "zh": ...} runs under its English text, the texts kept for the
    window by that label; saving writes the object again (a renamed run, a plain label)."""
    data = minimal()
    data["runs"] = [{"label": {"en": "Momentum (β 0.9)", "zh": "动量（β 0.9）"}, "optimizer": "sgd"},
                    {"label": "Adam", "optimizer": "adam"}]
    scenario, _ = parse_scenario(copy.deepcopy(data))
    assert [run.label for run in scenario.runs] == ["Momentum (β 0.9)", "Adam"]
    assert scenario.labels == {"Momentum (β 0.9)": {"en": "Momentum (β 0.9)", "zh": "动量（β 0.9）"}}
    save_scenario(scenario, tmp_path / "again.json")
    written = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert [run["label"] for run in written["runs"]] == [data["runs"][0]["label"], "Adam"]
    renamed = replace(scenario, runs=(scenario.runs[0].with_changes(label="mine"), scenario.runs[1]))
    assert [run["label"] for run in scenario_to_dict(renamed)["runs"]] == ["mine", "Adam"]
    data["runs"][0]["label"] = {}
    with pytest.raises(InputError) as caught:
        parse_scenario(data)
    assert (caught.value.path, caught.value.code) == ("runs[0].label", "key.missing")


@pytest.mark.parametrize(
    ("data", "path", "words"),
    [
        (minimal(colour="red"), "colour", "unknown key"),
        (with_run(lr=0.1), "runs[0].lr", "unknown key"),
        (with_run(hyper={"lr": -0.01}), "runs[0].hyper.lr", "at least 0"),
        (with_run(hyper={"betas": [0.9, 1.0]}), "runs[0].hyper.betas[1]", "below 1"),
        (with_run(hyper={"lr": "fast"}), "runs[0].hyper.lr", "must be a number"),
        (with_run(hyper={"momentum": 0.9}), "runs[0].hyper.momentum", "no hyperparameter"),
        (with_run(optimizer="adamm"), "runs[0].optimizer", "unknown optimizer 'adamm'"),
        (with_run(start=[1.0]), "runs[0].start", "2 numbers"),
        (with_run(start={"grid": [3]}), "runs[0].start.grid", "2 counts"),
        (with_run(batch_size=4), "runs[0].batch_size", "only data problems"),
        (with_run(update="random"), "runs[0].update", "simultaneous, sequential"),
        (with_run(color="blue"), "runs[0].color", "colour"),
        (with_run(stop={"loss_under": 1}), "runs[0].stop.loss_under", "unknown key"),
        (with_run(schedule={"name": "sometimes"}), "runs[0].schedule.name", "unknown schedule"),
        (minimal(problem={"kind": "landscape", "name": "rosenbrok"}), "problem.name", "unknown landscape"),
        (minimal(problem={"kind": "maze"}), "problem.kind", "unknown problem kind"),
        (minimal(steps=-1), "steps", "whole number"),
        (minimal(seed=1.5), "seed", "whole number"),
        (minimal(runs={}), "runs", "list"),
        (minimal(version=3), "version", "newer"),
        (minimal(pace=0), "pace", "greater than 0"),
        (minimal(view=["1d"]), "view[0]", "one parameter"),
        (minimal(view=["2d", "2d"]), "view", "twice"),
        (minimal(view=["4d"]), "view[0]", "4d"),
        (minimal(version=0), "version", "whole number"),
        (minimal(format="gdsim.recording"), "format", "expected a 'gdsim.scenario' file"),
        (minimal(captions=[{"from_step": 5, "to_step": 1, "text": {"en": "x"}}]), "captions[0].to_step", "from 5"),
    ],
)
def test_bad_input_is_refused_with_its_key_path(data, path, words):
    with pytest.raises(InputError) as caught:
        parse_scenario(copy.deepcopy(data))
    assert caught.value.path == path
    assert words in caught.value.message


@pytest.mark.parametrize(("data", "path", "code", "params"), [
    (minimal(colour="red"), "colour", "key.unknown", {"key": "colour"}),
    (with_run(hyper={"lr": -0.01}), "runs[0].hyper.lr", "number.too_small", {"low": 0.0, "value": -0.01}),
    (with_run(hyper={"betas": [0.9, 1.0]}), "runs[0].hyper.betas[1]", "number.too_large", {"high": 1.0}),
    (with_run(clip_norm=0), "runs[0].clip_norm", "number.too_small", {"low": 0.0, "open": True}),
    (with_run(grad_noise=float("inf")), "runs[0].grad_noise", "number.not_finite", {}),
    (with_run(record_every=1.5), "runs[0].record_every", "type.whole", {"low": 1}),
    (with_run(visible="yes"), "runs[0].visible", "type.bool", {"value": "'yes'"}),
    (with_run(sampling="all"), "runs[0].sampling", "choice.unknown", {"value": "'all'"}),
    (with_run(stop={"loss_below": -1}), "runs[0].stop.loss_below", "number.too_small", {"low": 0.0}),
    (with_run(schedule={"name": "step_lr", "step_size": 0}), "runs[0].schedule.step_size", "number.too_small",
     {"low": 1}),
    (minimal(steps=-1), "steps", "number.too_small", {"low": 0, "value": -1}),
    (minimal(seed="7"), "seed", "type.whole", {"value": "'7'"}),
    (minimal(problem={"kind": "landscape", "name": "elongated_bowl", "options": {"condition": 0.5}}),
     "problem.options.condition", "number.too_small", {"low": 1.0}),
    (minimal(problem={"kind": "regression", "data": {"generate": "linear", "n": 0}}), "problem.data.n",
     "number.too_small", {"low": 1}),
    ({k: v for k, v in minimal().items() if k != "problem"}, "problem", "key.missing", {"key": "problem"}),
])
def test_refusals_carry_a_code_and_its_params(data, path, code, params):
    with pytest.raises(InputError) as caught:
        parse_scenario(copy.deepcopy(data))
    assert (caught.value.path, caught.value.code) == (path, code)
    assert params.items() <= caught.value.params.items()


def test_validating_builds_the_problem_but_no_engine(monkeypatch):
    import gdsim.engine.engine

    def refuse(*args, **kwargs):
        raise AssertionError("parse_scenario built an Engine")

    monkeypatch.setattr(gdsim.engine.engine.Engine, "__init__", refuse)
    scenario, problem = parse_scenario(with_run(schedule={"name": "cosine_annealing_lr", "T_max": 50}))
    assert problem.name == "rosenbrock" and scenario.runs[0].schedule == {"name": "cosine_annealing_lr", "T_max": 50}
    with pytest.raises(InputError) as caught:
        parse_scenario(with_run(start=[1.0, 2.0, 3.0]))
    assert caught.value.path == "runs[0].start"


def test_merely_unusual_values_are_allowed():
    scenario, _ = parse_scenario(with_run(hyper={"lr": 1e6}))
    assert scenario.runs[0].hyper["lr"] == 1e6


@pytest.mark.parametrize("text", ['{"format": "gdsim.scenario", "version": 1, "steps": NaN}', "{", "[1, 2"])
def test_malformed_or_non_strict_json_is_refused_with_a_position(tmp_path, text):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(InputError, match="NaN is not allowed|line 1, column"):
        load_scenario(path)


def test_missing_file_and_folder_are_explained(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_scenario(tmp_path / "nothing.json")
    with pytest.raises(InputError, match="folder"):
        load_scenario(tmp_path)


def test_saving_writes_strict_json_atomically(tmp_path):
    scenario, _ = parse_scenario(minimal())
    target = tmp_path / "scenario.json"
    target.write_text("precious")
    save_scenario(scenario, target)
    assert json.loads(target.read_text())["format"] == "gdsim.scenario"
    assert [p.name for p in tmp_path.iterdir()] == ["scenario.json"]
