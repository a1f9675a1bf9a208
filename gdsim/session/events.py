"""Engine commands as recording events and back: {"step", "t", "command", "run", "args"}.

Reading is strict: every key, the shape of each command's args and every value a declaration can
check without the problem, so a malformed recording is refused with the key path, never a TypeError.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, describe, require_keys, require_object
from gdsim.core.schedules import make_schedule
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
from gdsim.engine.optimizer_choice import optimizer_declaration
from gdsim.engine.run_checks import COORDINATE, check_run_settings, check_stop
from gdsim.engine.run_options import RUN_OPTION_PARAMS, STOP_KEYS
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import RUN_FIELDS, StopSpec
from gdsim.session.scenario import parse_run, run_to_dict

EVENT_KEYS = ("step", "t", "command", "run", "args")
STEP = Param("step", "whole", 0, "The engine tick at which the command took effect.", low=0)
TIME = Param("t", "number", 0.0, "Seconds since the session started.", low=0.0)
RUN = Param("run", "whole", 0, "The number of the run the command is for.", low=0)
#: Options a set_run_option event may set (the others have their own commands).
SETTABLE = tuple(name for name in RUN_FIELDS if name not in ("optimizer", "hyper", "start"))
#: command -> the keys of its args (set_hyper and set_run_option hold one name: value pair instead).
ARGS: dict[str, tuple[str, ...]] = {
    "set_optimizer": ("name", "hyper"), "move_start": ("start",), "add_run": ("spec",),
    "remove_run": (), "stop_run": (), "reset": (),
}


def command_args(command: EngineCommand) -> dict[str, Any]:
    if isinstance(command, SetHyper | SetRunOption):
        value = command.value
        if isinstance(value, StopSpec):
            value = {k: getattr(value, k) for k in STOP_KEYS}
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


def _one_pair(args: Mapping[str, Any]) -> tuple[str, Any]:
    if len(args) != 1:
        raise InputError("", f"must hold exactly one name and its value, not {len(args)} keys", "args.one_pair",
                         {"count": len(args)})
    return next(iter(args.items()))


def _run_option(args: Mapping[str, Any]) -> tuple[str, Any]:
    """The (name, value) of a set_run_option event, the value checked as far as it can be without
    knowing the problem (its range, its type, a stop object's keys, a schedule's options)."""
    name, value = _one_pair(args)
    if name not in SETTABLE:
        raise InputError(name, f"is not an option set_run_option can change; allowed: {', '.join(SETTABLE)}",
                         "key.unknown", {"key": name, "allowed": list(SETTABLE), "owner": "set_run_option",
                                         "noun": "option"})
    if name == "stop":
        value = check_stop(value, "stop")
        for key in STOP_KEYS:
            RUN_OPTION_PARAMS[f"stop.{key}"].check(getattr(value, key), f"stop.{key}")
    elif name == "schedule":
        try:
            make_schedule(value)
        except InputError as error:
            raise error.within("schedule") from None
    else:
        value = RUN_OPTION_PARAMS[name].check(value)
    return name, value


def _optimizer(args: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    require_keys(args, ("name",), "set_optimizer names the optimizer")
    name = args["name"]
    if not isinstance(name, str):
        raise InputError("name", f"must name an optimizer, not {describe(name)}", "type.text",
                         {"value": describe(name)})
    try:
        cls = optimizer_declaration(name)
    except InputError as error:
        raise error.within("name") from None
    hyper = require_object(args.get("hyper", {}), "hyper")
    try:
        cls.validate(hyper)
    except InputError as error:
        raise error.within("hyper") from None
    return name, dict(hyper)


def _start(value: Any) -> tuple[float, ...] | dict[str, Any]:
    """A start as recorded: a list of numbers, or a swarm object (its size is checked on replay)."""
    if isinstance(value, Mapping):
        if len(value) != 1 or next(iter(value)) not in ("grid", "random"):
            raise InputError("start", 'a swarm start is {"grid": [nx, ny]} or {"random": N}', "start.swarm",
                             {"keys": [str(key) for key in value]})
        return dict(value)
    if not isinstance(value, list) or not value:
        raise InputError("start", f"must be a point (a list of numbers) or a swarm, not {describe(value)}",
                         "start.point", {"value": describe(value)})
    return tuple(COORDINATE.check(v, f"start[{i}]") for i, v in enumerate(value))


def _command(name: str, run: Any, args: Mapping[str, Any]) -> EngineCommand:
    """The command ``name`` for ``run`` with ``args`` (errors have paths within args)."""
    if name == "set_hyper":
        key, value = _one_pair(args)
        if isinstance(value, Mapping):
            raise InputError(key, f"must be a value, not {describe(value)}", "type.number",
                             {"value": describe(value), "optional": False})
        return SetHyper(run, key, tuple(value) if isinstance(value, list) else value)
    if name == "set_run_option":
        return SetRunOption(run, *_run_option(args))
    check_keys(args, ARGS[name], owner=name)
    if name == "set_optimizer":
        return SetOptimizer(run, *_optimizer(args))
    if name == "move_start":
        require_keys(args, ("start",), "move_start gives the new start")
        return MoveStart(run, _start(args["start"]))
    if name == "add_run":
        require_keys(args, ("spec",), "add_run gives the new run's settings")
        spec = parse_run(args["spec"], 0, "spec")
        try:
            check_run_settings(spec)
        except InputError as error:
            raise error.within("spec") from None
        return AddRun(spec)
    return {"remove_run": RemoveRun, "stop_run": StopRun}[name](run) if name != "reset" else Reset()


def event_from_dict(data: Any, where: str) -> Event:
    """Parse a recorded event strictly.

    Raises
    ------
    InputError
        Naming the key path (``events[3].args.hyper.lr``) of the first thing wrong: an unknown
        command or key, a missing key, args of the wrong shape for the command, a value refused by
        its declaration.
    """
    try:
        event = require_object(data)
        check_keys(event, EVENT_KEYS)
        require_keys(event, ("step", "command"), "every event has its step and command")
        step = STEP.check(event["step"])
        t = TIME.check(event.get("t", 0.0))
        name = event["command"]
        if not isinstance(name, str) or name not in ARGS and name not in ("set_hyper", "set_run_option"):
            known = list(COMMAND_NAMES.values())
            raise InputError("command", f"unknown command {describe(name)}; known: {', '.join(known)}",
                             "choice.unknown", {"value": describe(name), "choices": known})
        run = None
        if name not in ("reset", "add_run"):
            require_keys(event, ("run",), f"{name} names its run")
            run = RUN.check(event["run"])
        elif event.get("run") is not None:
            raise InputError("run", f"must be null: {name} is not for one run, not {describe(event['run'])}",
                             "type.null", {"value": describe(event["run"])})
        args = require_object(event.get("args", {}), "args")
        try:
            command = _command(name, run, args)
        except InputError as error:
            raise error.within("args") from None
    except InputError as error:
        raise error.within(where) from None
    return Event(step, t, command)
