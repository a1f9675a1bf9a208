"""Engine commands as recording events and back: {"step", "t", "command", "run", "args"}."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.engine.commands import (
    COMMAND_NAMES,
    AddRun,
    EngineCommand,
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
from gdsim.session.scenario import parse_run, run_to_dict

EVENT_KEYS = ("step", "t", "command", "run", "args")


def command_args(command: EngineCommand) -> dict[str, Any]:
    if isinstance(command, SetHyper | SetRunOption):
        value = command.value
        if isinstance(value, StopSpec):
            value = {k: getattr(value, k) for k in ("loss_below", "grad_norm_below", "step_below")}
        return {command.name: value}
    if isinstance(command, SetOptimizer):
        return {"name": command.name, "hyper": dict(command.hyper)}
    if isinstance(command, MoveStart):
        start = command.start
        return {"start": dict(start) if isinstance(start, Mapping) else list(start)}
    if isinstance(command, AddRun):
        return {"spec": run_to_dict(command.spec)}
    return {}


def event_to_dict(event: Event) -> dict[str, Any]:
    command = event.command
    return {"step": event.step, "t": round(event.t, 6), "command": COMMAND_NAMES[type(command)],
            "run": getattr(command, "run", None), "args": command_args(command)}


def _one_pair(args: Mapping[str, Any], where: str) -> tuple[str, Any]:
    if len(args) != 1:
        raise InputError(f"{where}.args", "must hold exactly one name and its value")
    return next(iter(args.items()))


def event_from_dict(data: Any, where: str) -> Event:
    """Parse a recorded event; InputError naming the key path otherwise."""
    if not isinstance(data, Mapping):
        raise InputError(where, "must be an object")
    for key in data:
        if key not in EVENT_KEYS:
            raise InputError(f"{where}.{key}", f"unknown key; allowed: {', '.join(EVENT_KEYS)}")
    step, t, name, run = data.get("step"), data.get("t", 0.0), data.get("command"), data.get("run")
    args = data.get("args") or {}
    if isinstance(step, bool) or not isinstance(step, int) or step < 0:
        raise InputError(f"{where}.step", "must be a whole number of at least 0")
    if not isinstance(args, Mapping):
        raise InputError(f"{where}.args", "must be an object")
    needs_run = name not in ("reset", "add_run")
    if needs_run and (isinstance(run, bool) or not isinstance(run, int)):
        raise InputError(f"{where}.run", "must be the number of a run")
    if name == "set_hyper":
        command: EngineCommand = SetHyper(run, *_one_pair(args, where))
    elif name == "set_run_option":
        option, value = _one_pair(args, where)
        if option == "stop" and isinstance(value, Mapping):
            value = StopSpec(**value)
        command = SetRunOption(run, option, value)
    elif name == "set_optimizer":
        command = SetOptimizer(run, args.get("name"), dict(args.get("hyper") or {}))
    elif name == "move_start":
        start = args.get("start")
        command = MoveStart(run, start if isinstance(start, Mapping) else tuple(start or ()))
    elif name == "add_run":
        command = AddRun(parse_run(args.get("spec"), 0))
    elif name in ("remove_run", "stop_run", "reset"):
        command = {"remove_run": RemoveRun, "stop_run": StopRun}[name](run) if needs_run else Reset()
    else:
        raise InputError(f"{where}.command", f"unknown command {name!r}; known: {', '.join(COMMAND_NAMES.values())}")
    return Event(step, float(t) if isinstance(t, int | float) else 0.0, command)
