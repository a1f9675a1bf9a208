"""Issue 11, reading and validating (items 5-9) and the budgets: every hostile file is refused before the
work it asks for, with a short one-line message naming where; the same limits hold in the window.

Each case is written as text, as an attacker would write the file, and read the way the command line
and the window read it (``read_json``, then ``parse_scenario`` or ``parse_recording``).
"""

from __future__ import annotations

import copy
import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gdsim.cli import main
from gdsim.core.errors import InputError
from gdsim.core.params import Param, describe
from gdsim.session.jsonio import loads, read_json
from gdsim.session.limits import LIMITS, NO_LIMITS, limits_table_markdown
from gdsim.session.recording import parse_recording
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import replay

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "session" / "fixtures"
HUGE = "1" + "0" * 400  # 10**400 written out


def _scenario(problem: dict[str, Any] | None = None, **run: Any) -> dict[str, Any]:
    return {"format": "gdsim.scenario", "version": 2,
            "problem": problem or {"kind": "landscape", "name": "himmelblau"}, "steps": 10,
            "runs": [{"optimizer": "sgd", **run}]}


def _recording() -> dict[str, Any]:
    return json.loads((FIXTURES / "recording_v1.json").read_text(encoding="utf-8"))


def _refused(text: str, limits=LIMITS) -> InputError:
    """The error reading ``text`` as a file gives (scenario or recording, as the command line decides)."""
    with pytest.raises(InputError) as caught:
        data = loads(text)
        if isinstance(data, dict) and data.get("format") == "gdsim.recording":
            parse_recording(data, limits)
        else:
            parse_scenario(data, limits)
    error = caught.value
    assert "\n" not in str(error) and len(str(error)) < 600
    return error


# --- item 5: integers beyond float range, everywhere a number is read ---------------------------------

@pytest.mark.parametrize(("place", "path"), [
    (lambda s: s["runs"][0].update(hyper={"lr": "HUGE"}), "runs[0].hyper.lr"),
    (lambda s: s["runs"][0].update(start=[1.0, "HUGE"]), "runs[0].start[1]"),
    (lambda s: s["runs"][0].update(clip_norm="HUGE"), "runs[0].clip_norm"),
    (lambda s: s["runs"][0].update(grad_noise="HUGE"), "runs[0].grad_noise"),
    (lambda s: s["runs"][0].update(stop={"loss_below": "HUGE"}), "runs[0].stop.loss_below"),
    (lambda s: s["runs"][0].update(schedule={"name": "exponential_lr", "gamma": "HUGE"}), "runs[0].schedule.gamma"),
    (lambda s: s.update(problem={"kind": "expression", "expr": "x^2", "domain": [[0, "HUGE"]]}),
     "problem.domain[0][1]"),
    (lambda s: s.update(problem={"kind": "regression", "data": {"x": [1, 2, "HUGE"], "y": [1, 2, 3]}}),
     "problem.data.x[2]"),
    (lambda s: s.update(problem={"kind": "regression", "data": {"generate": "linear", "slope": "HUGE"}}),
     "problem.data.slope"),
    (lambda s: s.update(steps="HUGE"), "steps"),
    (lambda s: s.update(seed="-HUGE"), "seed"),
])
def test_item5_integers_beyond_float_range_are_refused_where_they_are(place, path):
    scenario = _scenario()
    place(scenario)
    error = _refused(json.dumps(scenario).replace('"HUGE"', HUGE).replace('"-HUGE"', "-" + HUGE))
    whole = path in ("steps", "seed")  # whole numbers: simply beyond their range
    assert error.path == path
    assert error.code in (("number.too_large", "number.too_small") if whole else ("number.beyond_float",))
    assert "a number of about 401 digits" in error.message


def test_item5_floats_written_beyond_range_and_python_callers_are_refused_too():
    error = _refused(json.dumps(_scenario(hyper={"lr": 0.5})).replace("0.5", "1e400"))
    assert (error.path, error.code) == ("runs[0].hyper.lr", "number.not_finite")
    error = _refused(json.dumps(_scenario(hyper={"lr": 0.5})).replace("0.5", "1" * 5000))
    assert (error.path, error.code) == ("runs[0].hyper.lr", "number.beyond_float")
    assert "5000 digits" in error.message and "set_int_max_str_digits" not in error.message
    lr = Param("lr", "number", 0.1, "A rate.", low=0.0)
    with pytest.raises(InputError) as caught:
        lr.check(10**400)
    assert caught.value.code == "number.beyond_float" and "a number of about 401 digits" in caught.value.message
    with pytest.raises(InputError) as caught:
        Param("n", "whole", 1, "A count.", low=1).check(2**64)
    assert caught.value.code == "number.too_large"
    with pytest.raises(InputError, match=r"runs\[0\]\.hyper\.lr"):
        parse_scenario(_scenario(hyper={"lr": 10**400}))


def test_item5_a_recording_with_a_huge_event_value_is_refused_under_its_event():
    recording = _recording()
    recording["events"][0]["args"] = {"lr": "HUGE"}
    error = _refused(json.dumps(recording).replace('"HUGE"', HUGE))
    assert error.path == "events[0].args.lr" and error.code == "number.beyond_float"


# --- item 6: lone surrogates --------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "path"), [
    (lambda s: s["runs"][0].update(label="A\ud800"), "runs[0].label"),
    (lambda s: s.update(title={"en": "\udfff"}), "title.en"),
    (lambda s: s.update(title={"\ud83d": "x"}), "title"),
])
def test_item6_lone_surrogates_are_refused_in_files_and_from_python(change, path):
    scenario = _scenario()
    change(scenario)
    text = json.dumps(scenario)  # ensure_ascii writes the lone surrogate as \ud800
    assert "\\ud" in text
    error = _refused(text)
    assert error.path.startswith(path) and error.code == "text.surrogate"
    with pytest.raises(InputError) as caught:
        parse_scenario(scenario)
    assert caught.value.code == "text.surrogate"


def test_item6_a_surrogate_never_reaches_a_written_file(tmp_path):
    from gdsim.engine.spec import RunSpec, Scenario
    from gdsim.qt.scenario_files import write_session_file

    scenario = Scenario(problem={"kind": "landscape", "name": "himmelblau"}, runs=(RunSpec(label="\ud800"),))
    with pytest.raises(InputError) as caught:
        write_session_file(tmp_path / "s.json", scenario)
    assert caught.value.code == "text.surrogate" and "nothing was written" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


# --- item 7 -------------------------------------------------------------------------------------------

def test_item7_grid_counts_are_multiplied_exactly():
    error = _refused(json.dumps(_scenario(start={"grid": [4294967296, 4294967296]})))
    assert error.code == "start.too_many" and error.params["count"] == 2**64


def test_item7_deep_nesting_is_a_message():
    error = _refused("[" * 100_000 + "]" * 100_000)
    assert error.code == "file.too_deep"
    error = _refused(json.dumps(_scenario(start="NEST")).replace('"NEST"', "[" * 5000 + "]" * 5000))
    assert error.code == "file.too_deep"


def test_item7_generated_data_over_the_whole_float_range_is_refused():
    problem = {"kind": "regression", "data": {"generate": "linear", "x_range": [-1e308, 1e308]}}
    error = _refused(json.dumps(_scenario(problem)))
    assert error.path.startswith("problem")


@pytest.mark.parametrize("colour", ["#0x1234", "#+12345", "# 12345", "#12345g", "#1234_5", "#12345", "0072B2",
                                    "#0072B2C", "#0072b2\n"])
def test_item7_colours_are_strictly_rrggbb_or_rrggbbaa(colour):
    error = _refused(json.dumps(_scenario(color=colour)))
    assert (error.path, error.code) == ("runs[0].color", "type.colour")


@pytest.mark.parametrize("colour", ["#0072B2", "#0072b2", "#0072B2CC"])
def test_item7_real_colours_pass(colour):
    assert parse_scenario(_scenario(color=colour))[0].runs[0].color == colour


@pytest.mark.parametrize("stop", [[], "", 0, False])
def test_item7_a_stop_that_is_not_an_object_is_refused(stop):
    error = _refused(json.dumps(_scenario(stop=stop)))
    assert (error.path, error.code) == ("runs[0].stop", "type.object")


def test_item7_duplicate_keys_are_refused_with_their_path():
    text = json.dumps(_scenario(hyper={"lr": 0.1})).replace('"lr": 0.1', '"lr": 0.1, "lr": 0.2')
    error = _refused(text)
    assert (error.path, error.code) == ("runs[0].hyper.lr", "key.duplicate")
    error = _refused(json.dumps(_scenario()).replace('"steps": 10', '"steps": 10, "steps": 20'))
    assert error.path == "steps"


# --- item 8: recordings, validated as replay would use them ------------------------------------------

@pytest.mark.parametrize(("event", "path"), [
    ({"command": "set_run_option", "run": 0, "args": {"stop": {"loss_below": 1, "unknown": 2}}},
     "events[3].args.stop.unknown"),
    ({"command": "set_optimizer", "run": 0, "args": {"name": "sgd", "hyper": [0.1]}}, "events[3].args.hyper"),
    ({"command": "move_start", "run": 0, "args": {"start": 3}}, "events[3].args.start"),
    ({"command": "move_start", "run": 0, "args": {"start": "ab"}}, "events[3].args.start"),
    ({"command": "move_start", "run": 0, "args": {"start": None}}, "events[3].args.start"),
    ({"command": "move_start", "run": 0, "args": {"start": [1.0, 2.0, 3.0]}}, "events[3].args.start"),
    ({"command": "move_start", "run": 0, "args": {"start": {"random": 10**6}}}, "events[3].args.start"),
    ({"command": "set_hyper", "run": 0, "args": {"lr": [1, 2]}}, "events[3].args.lr"),
    ({"command": "set_hyper", "run": 0, "args": {"momentum": 0.9}}, "events[3].args.momentum"),
    ({"command": "set_hyper", "run": 99, "args": {"lr": 0.1}}, "events[3].run"),
    ({"command": "stop_run", "run": 4}, "events[3].run"),
    ({"command": "set_run_option", "run": 0, "args": {"batch_size": 2}}, "events[3].args.batch_size"),
])
def test_item8_an_event_replay_would_refuse_is_refused_under_it(event, path):
    recording = _recording()
    recording["events"].append({"step": 30, "t": 1.0, **event})
    error = _refused(json.dumps(recording))
    assert error.path == path


def test_item8_a_removed_run_takes_no_more_events_and_numbers_are_not_reused():
    recording = _recording()
    recording["events"] += [{"step": 30, "command": "remove_run", "run": 3},
                            {"step": 31, "command": "add_run", "run": None, "args": {"spec": {"optimizer": "adam"}}},
                            {"step": 32, "command": "set_hyper", "run": 4, "args": {"lr": 0.01}}]
    parsed = parse_recording(recording)
    assert replay(parsed)["events"][-1]["run"] == 4
    recording["events"].append({"step": 33, "command": "stop_run", "run": 3})
    assert _refused(json.dumps(recording)).path == "events[6].run"


@pytest.mark.parametrize(("change", "path"), [
    (lambda r: r["runs"][0].update(status="exploded"), "runs[0].status"),
    (lambda r: r["runs"][0].update(path=[["a", "b"]] * 36), "runs[0].path"),
    (lambda r: r["runs"][0].update(loss=[[1.0], 2.0] + [0.0] * 34), "runs[0].loss"),
    (lambda r: r["runs"][0].update(loss=[1.0]), "runs[0]"),
    (lambda r: r["runs"][0].update(loss=["1"] * 36), "runs[0].loss"),
    (lambda r: r["runs"][0].update(loss=[True] * 36), "runs[0].loss"),
    (lambda r: r["runs"][0].update(step=[0.5] * 36), "runs[0].step"),
    (lambda r: r["runs"][2]["final"].update(status=["running", "later"]), "runs[2].final.status[1]"),
    (lambda r: r["runs"][0].update(steps="35"), "runs[0].steps"),
    (lambda r: r["meta"].update(ticks="35"), "meta.ticks"),
    (lambda r: r["meta"].update(ticks=12), "events[2].step"),
    (lambda r: r.update(meta=[]), "meta"),
    (lambda r: r["events"][1].update(step=2), "events[1].step"),
])
def test_item8_garbage_runs_statuses_and_ticks_are_refused(change, path):
    recording = _recording()
    change(recording)
    assert _refused(json.dumps(recording)).path == path


def test_item8_what_validate_accepts_replays():
    recording = _recording()
    parsed = parse_recording(copy.deepcopy(recording))
    assert replay(parsed)["meta"]["ticks"] == recording["meta"]["ticks"]


# --- item 9: messages ---------------------------------------------------------------------------------

def test_item9_messages_are_short_escaped_and_name_types_as_a_person_would():
    long_label = "x" * 100_000
    error = _refused(json.dumps(_scenario(optimizer=long_label)))
    assert len(str(error)) < 300 and "…" in str(error)
    error = _refused(json.dumps(_scenario(hyper={"lr": "a\u2028b\x1bc"}), ensure_ascii=False))
    assert "\u2028" not in str(error) and "\x1b" not in str(error)
    assert "\\u2028" in str(error) and "\\x1b" in str(error)
    error = _refused(json.dumps({"k" * 5000 + "\u2029": 1, **_scenario()}, ensure_ascii=False))
    assert len(error.path) <= 200 and "\u2029" not in str(error)
    assert _refused("null").message.endswith("not null")
    assert "NoneType" not in _refused("null").message and _refused("[]").message.endswith("not a list")
    assert describe(None) == "null" and describe([1]) == "a list" and describe({}) == "an object"
    assert describe(10**400) == "a number of about 401 digits"


# --- the budgets ---------------------------------------------------------------------------------------

def _swarm_scenario(count: int, runs: int) -> dict[str, Any]:
    scenario = _scenario(start={"random": count})
    scenario["runs"] = scenario["runs"] * runs
    return scenario


@pytest.mark.parametrize(("scenario", "limit"), [
    (_swarm_scenario(100_000, 3), "balls"),
    (_swarm_scenario(1, 101), "runs"),
    ({**_scenario(), "steps": 100_000_000}, "work"),
    ({**_swarm_scenario(100_000, 1), "steps": 100_000}, "work"),
    ({**_scenario(), "captions": [{"from_step": 0, "to_step": 1, "text": {"en": "a"}}] * 1001}, "captions"),
    (_scenario({"kind": "regression", "data": {"x": [[0.5] * 30_000] * 2, "y": [1, 2]}}), "features"),
    ({**_scenario({"kind": "regression", "data": {"generate": "linear", "n": 1_000_000}}), "steps": 20_000}, "work"),
])
def test_budgets_refuse_before_any_work_and_name_the_limit(scenario, limit):
    error = _refused(json.dumps(scenario))
    assert error.code == f"limit.{limit}" and f"{getattr(LIMITS, limit):,}" in error.message
    assert "--no-limits" in error.message


def test_budgets_are_lifted_by_no_limits_and_count_events():
    assert parse_scenario(_swarm_scenario(1, 101), NO_LIMITS)[0].runs[100].start == {"random": 1}
    recording = _recording()
    recording["events"] = [{"step": 30, "command": "stop_run", "run": 0}] * (LIMITS.events + 1)
    assert _refused(json.dumps(recording)).code == "limit.events"
    recording["events"] = [{"step": 30, "command": "move_start", "run": 2, "args": {"start": {"random": 100_000}}},
                           {"step": 31, "command": "add_run", "run": None,
                            "args": {"spec": {"start": {"random": 100_000}}}},
                           {"step": 32, "command": "add_run", "run": None,
                            "args": {"spec": {"start": {"grid": [300, 300]}}}}]
    error = _refused(json.dumps(recording))
    assert error.code == "limit.balls" and error.path == "events"
    assert error.params["value"] == 290_000 + 2  # the two single balls stay


def test_the_command_line_takes_no_limits(tmp_path, capsys):
    source = tmp_path / "many.json"
    source.write_text(json.dumps(_swarm_scenario(1, 101)))
    assert main(["validate", str(source)]) == 2
    assert "limit" not in capsys.readouterr().out
    assert main(["validate", "--no-limits", str(source)]) == 0
    assert "101 run(s)" in capsys.readouterr().out


def test_a_recording_too_large_to_write_is_refused_before_simulating(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("gdsim.session.simulate.simulate", lambda *_a: pytest.fail("simulated"))
    source = tmp_path / "long.json"
    source.write_text(json.dumps({**_scenario(), "steps": 1_000_000}))
    assert main(["run", str(source), "-o", str(tmp_path / "out.json")]) == 2
    assert "numbers in a recording" in capsys.readouterr().err and not (tmp_path / "out.json").exists()


def test_files_over_the_size_limit_are_refused_without_reading_them(tmp_path):
    sparse = tmp_path / "huge.json"
    with sparse.open("wb") as stream:
        stream.truncate(LIMITS.file_bytes + 1)  # a sparse file: nothing is stored
    with pytest.raises(InputError) as caught:
        read_json(sparse)
    assert caught.value.code == "file.too_large" and "128 MiB" in caught.value.message
    small = tmp_path / "small.json"
    small.write_text(json.dumps(_scenario()))
    with pytest.raises(InputError, match="larger than"):
        read_json(small, max_bytes=50)
    assert read_json(small, max_bytes=None)["steps"] == 10


@pytest.mark.parametrize("kind", ["fifo", "link_to_fifo", "folder"])
def test_special_files_are_refused_without_blocking(tmp_path, kind):
    pipe = tmp_path / "pipe"
    if kind == "folder":
        pipe.mkdir()
    else:
        os.mkfifo(pipe)
    path = pipe if kind != "link_to_fifo" else tmp_path / "link"
    if kind == "link_to_fifo":
        path.symlink_to(pipe)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            read_json(path)
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - the test inspects it
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # unblock the reader so the test run can end
        with open(pipe, "wb"):
            pass
        pytest.fail("reading a named pipe blocked")
    assert isinstance(outcome[0], InputError)
    assert outcome[0].code == ("file.folder" if kind == "folder" else "file.not_regular")


def test_the_readme_documents_the_limits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert limits_table_markdown() in readme
    assert "--no-limits" in readme


def test_the_work_counts_features_of_data():
    """200 samples of 100 features: a step costs 100 times what a step on one feature does."""
    rng = np.random.default_rng(0)
    x = np.round(rng.normal(size=(200, 100)), 3).tolist()
    y = np.round(rng.normal(size=200), 3).tolist()
    scenario = {**_scenario({"kind": "regression", "data": {"x": x, "y": y}}), "steps": 600_000}
    error = _refused(json.dumps(scenario))
    assert error.code == "limit.work" and error.params["value"] == 600_000 * (200 * 100 + 2)
    one_feature = {**scenario, "problem": {"kind": "regression", "data": {"x": [row[0] for row in x], "y": y}}}
    assert parse_scenario(one_feature)[1].dim == 2


def test_a_recording_of_many_resets_counts_their_work():
    """A reset restarts every run (about 150 µs each): 50,000 resets of 100 runs would take minutes."""
    recording = _recording()
    recording["scenario"]["runs"] = recording["scenario"]["runs"][:1] * 100
    recording["events"] = [{"step": 30, "command": "reset", "run": None}] * 20_000
    error = _refused(json.dumps(recording))
    assert error.code == "limit.work" and error.path == "events"
    steps = max(recording["scenario"]["steps"], recording["meta"]["ticks"])
    assert error.params["value"] == steps * 100 * 2000 + 20_000 * 100 * 20_000
    recording["events"] = recording["events"][:100]
    assert len(parse_recording(recording)["event_list"]) == 100
