"""Recorded events are read strictly: a malformed event is a message naming its key path and exit
status 2, never a TypeError; every command the engine records reads back as itself."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from gdsim.cli import main
from gdsim.core.errors import InputError
from gdsim.engine.commands import (
    AddRun,
    MoveStart,
    RemoveRun,
    Reset,
    SetHyper,
    SetOptimizer,
    SetRunOption,
    StopRun,
)
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import StopSpec
from gdsim.session.events import event_from_dict, event_to_dict
from gdsim.session.scenario import parse_run

FIXTURE = Path(__file__).parent / "fixtures" / "recording_v1.json"
#: The fixture's events: 0 set_hyper (run 0), 1 move_start (run 1), 2 add_run.
ORIGINAL = json.loads(FIXTURE.read_text(encoding="utf-8"))


def mutated(index: int, **changes: Any) -> dict[str, Any]:
    """The fixture with event ``index`` changed (a value of None removes the key)."""
    recording = copy.deepcopy(ORIGINAL)
    event = recording["events"][index]
    for key, value in changes.items():
        if value is None:
            del event[key]
        else:
            event[key] = value
    return recording


def with_spec(**changes: Any) -> dict[str, Any]:
    spec = {**ORIGINAL["events"][2]["args"]["spec"], **changes}
    return mutated(2, args={"spec": spec})


MALFORMED = [
    (mutated(0, args=[0.05]), "events[0].args", "type.object"),
    (mutated(0, args={"lr": 0.05, "momentum": 0.9}), "events[0].args", "args.one_pair"),
    (mutated(0, args={"lr": {"value": 0.05}}), "events[0].args.lr", "type.number"),
    (mutated(0, t="soon"), "events[0].t", "type.number"),
    (mutated(0, t=-1), "events[0].t", "number.too_small"),
    (mutated(0, step=2.5), "events[0].step", "type.whole"),
    (mutated(0, step=None), "events[0].step", "key.missing"),
    (mutated(0, run="0"), "events[0].run", "type.whole"),
    (mutated(0, command="warp"), "events[0].command", "choice.unknown"),
    (mutated(0, colour="red"), "events[0].colour", "key.unknown"),
    (mutated(0, command="set_optimizer", args={"name": 3}), "events[0].args.name", "type.text"),
    (mutated(0, command="set_optimizer", args={"name": "adamm"}), "events[0].args.name", "choice.unknown"),
    (mutated(0, command="set_optimizer", args={"name": "adam", "hyper": [0.1]}), "events[0].args.hyper",
     "type.object"),
    (mutated(0, command="set_optimizer", args={"name": "adam", "hyper": {"lr": -1}}), "events[0].args.hyper.lr",
     "number.too_small"),
    (mutated(0, command="set_optimizer", args={"hyper": {}}), "events[0].args.name", "key.missing"),
    (mutated(0, command="set_run_option", args={"stop": 0.1}), "events[0].args.stop", "type.object"),
    (mutated(0, command="set_run_option", args={"stop": {"loss": 1}}), "events[0].args.stop.loss",
     "key.unknown"),
    (mutated(0, command="set_run_option", args={"stop": {"loss_below": "low"}}),
     "events[0].args.stop.loss_below", "type.number"),
    (mutated(0, command="set_run_option", args={"clip_norm": 0}), "events[0].args.clip_norm", "number.too_small"),
    (mutated(0, command="set_run_option", args={"update": "random"}), "events[0].args.update", "choice.unknown"),
    (mutated(0, command="set_run_option", args={"hyper": {"lr": 1}}), "events[0].args.hyper", "key.unknown"),
    (mutated(0, command="set_run_option", args={"schedule": {"name": "step_lr", "gamma": "x"}}),
     "events[0].args.schedule.gamma", "type.number"),
    (mutated(1, args={"start": ["a", 1.0]}), "events[1].args.start[0]", "type.number"),
    (mutated(1, args={"start": "left"}), "events[1].args.start", "start.point"),
    (mutated(1, args={"start": {"ring": 3}}), "events[1].args.start", "start.swarm"),
    (mutated(1, args={"start": [1.0, 1.0], "speed": 2}), "events[1].args.speed", "key.unknown"),
    (mutated(1, args={}), "events[1].args.start", "key.missing"),
    (mutated(1, command="stop_run", args={"now": True}), "events[1].args.now", "key.unknown"),
    (mutated(2, args={"spec": [1]}), "events[2].args.spec", "type.object"),
    (mutated(2, args={"spec": {"label": "x"}, "extra": 1}), "events[2].args.extra", "key.unknown"),
    (with_spec(hyper={"lr": "fast"}), "events[2].args.spec.hyper.lr", "type.number"),
    (with_spec(colour="red"), "events[2].args.spec.colour", "key.unknown"),
    (with_spec(record_every=0), "events[2].args.spec.record_every", "number.too_small"),
    (mutated(2, run=0), "events[2].run", "type.null"),
]


@pytest.mark.parametrize(("recording", "path", "code"), MALFORMED, ids=[f"{p}-{c}" for _, p, c in MALFORMED])
def test_validate_refuses_a_malformed_event_with_one_line_and_exit_2(tmp_path, capsys, recording, path, code):
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(recording), encoding="utf-8")
    assert main(["validate", str(file)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith(f"gdsim: {file}: {path}: ")
    index = int(path.split("[")[1].split("]")[0])
    with pytest.raises(InputError) as caught:
        event_from_dict(recording["events"][index], f"events[{index}]")
    assert caught.value.path == path and caught.value.code == code


RUN_SPEC = parse_run(ORIGINAL["events"][2]["args"]["spec"], 0)
COMMANDS = [
    SetHyper(0, "lr", 0.05),
    SetHyper(1, "betas", (0.8, 0.99)),
    SetHyper(0, "nesterov", True),
    SetOptimizer(1, "adam", {"lr": 0.01, "amsgrad": True}),
    SetRunOption(0, "stop", StopSpec(loss_below=1e-3)),
    SetRunOption(0, "clip_norm", None),
    SetRunOption(0, "schedule", {"name": "step_lr", "step_size": 5}),
    SetRunOption(2, "record_every", 4),
    MoveStart(1, (1.0, -2.0)),
    MoveStart(1, {"grid": [3, 4]}),
    AddRun(RUN_SPEC),
    RemoveRun(2),
    StopRun(0),
    Reset(),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: type(c).__name__)
def test_every_recorded_command_reads_back_as_itself(command):
    event = Event(7, 1.25, command)
    data = json.loads(json.dumps(event_to_dict(event)))
    assert event_from_dict(data, "events[0]") == event
