"""The recording format (gdsim.recording, version 1): what a session did, point by point.

A recording holds the scenario it started from (every default filled in), each run's recorded
points and outcome, and the timeline of commands applied (stamped with engine ticks), which is
enough to replay it exactly.
"""

from __future__ import annotations

import datetime
import platform
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

import gdsim
from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, check_text, describe, require_keys, require_object
from gdsim.core.problem import Problem
from gdsim.engine.commands import AddRun, MoveStart, RemoveRun, SetHyper, SetOptimizer, SetRunOption
from gdsim.engine.engine import Engine
from gdsim.engine.run import Run
from gdsim.engine.run_checks import check_run
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.engine.status import Status, overall_status
from gdsim.session.events import event_from_dict, event_to_dict
from gdsim.session.jsonio import dumps, read_json, write_atomic
from gdsim.session.limits import LIMITS, Limits, balls, check_count, step_cost
from gdsim.session.scenario import parse_scenario, scenario_to_dict
from gdsim.session.versions import RECORDING_FORMAT, upgrade

RECORDING_KEYS = ("format", "version", "scenario", "runs", "events", "meta")


def _run_status(run: Run) -> str:
    """One word for a run: a single ball's status; for a swarm, why the swarm as a whole ended."""
    return overall_status(run.status).word


def _diverged_at(values: np.ndarray) -> list[int | None]:
    return [int(v) if v >= 0 else None for v in values]


def run_record(run: Run, engine: Engine) -> dict[str, Any]:
    """One run's entry: outcome, and its recorded points (per ball for a swarm when recorded)."""
    record: dict[str, Any] = {
        "label": run.spec.label,
        "status": _run_status(run),
        "reason": run.reason,
        "steps": int(run.ball_steps.max()),
        "diverged_at": _diverged_at(run.diverged_at)[0] if not run.spec.is_swarm else None,
    }
    history = run.history
    if run.spec.is_swarm:
        record["final"] = {
            "position": run.theta, "loss": run.final_loss(),
            "status": [Status(int(s)).word for s in run.status],
            "steps": run.ball_steps, "diverged_at": _diverged_at(run.diverged_at),
            "minimum": engine.basins(run.theta),
        }
    if history is not None:
        single = not run.spec.is_swarm
        record["step"] = history.view("step").astype(np.int64)
        record["path"] = history.view("path")[:, 0] if single else history.view("path")
        record["loss"] = history.view("loss")[:, 0] if single else history.view("loss")
        record["grad_norm"] = history.view("grad_norm")[:, 0] if single else history.view("grad_norm")
        record["lr"] = history.view("lr")
        if engine.problem.n_samples is not None:
            record["epoch"] = history.view("epoch").astype(np.int64)
            record["batch_loss"] = history.view("batch_loss")[:, 0] if single else history.view("batch_loss")
    return record


def make_recording(engine: Engine) -> dict[str, Any]:
    """The recording of everything ``engine`` has done so far."""
    return {
        "format": RECORDING_FORMAT,
        "version": 1,
        "scenario": scenario_to_dict(engine.scenario),
        "runs": [run_record(run, engine) for run in engine.runs.values()],
        "events": [event_to_dict(e) for e in engine.events],
        "meta": {
            "gdsim": gdsim.__version__, "numpy": np.__version__, "python": platform.python_version(),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "ticks": engine.tick,
        },
    }


def save_recording(recording: Mapping[str, Any], path: str | Path) -> None:
    """Write a recording atomically as strict JSON."""
    write_atomic(path, dumps(recording) + "\n")


STATUS_WORDS = tuple(status.word for status in Status)
TICKS = Param("ticks", "whole", 0, "The engine tick the recording ends at.", low=0)


def _text(value: Any, where: str) -> None:
    check_text(value, where)


def _optional_text(value: Any, where: str) -> None:
    if value is not None:
        check_text(value, where)


def _status(value: Any, where: str) -> None:
    Param("status", "choice", "running", "A run's status.", choices=STATUS_WORDS).check(value, where)


def _whole(value: Any, where: str) -> None:
    Param("steps", "whole", 0, "A count of steps.", low=0).check(value, where)


def _optional_whole(value: Any, where: str) -> None:
    Param("diverged_at", "whole", None, "A step.", low=0, optional=True).check(value, where)


def _numbers(value: Any, where: str, whole: bool = False) -> np.ndarray:
    """A recorded array (nested lists of numbers, null for a missing one), as floats."""
    if not isinstance(value, list):
        raise InputError(where, f"must be a list of numbers, not {describe(value)}", "type.list",
                         {"value": describe(value)})
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise InputError(where, "must hold only numbers (null for a missing one), in lists of equal length",
                         "record.array") from None
    if whole and not (np.isfinite(array).all() and (array == np.floor(array)).all()):
        raise InputError(where, "must hold only whole numbers", "record.array")
    return array


def _array(value: Any, where: str) -> None:
    _numbers(value, where)


def _whole_array(value: Any, where: str) -> None:
    _numbers(value, where, whole=True)


def _statuses(value: Any, where: str) -> None:
    if not isinstance(value, list):
        raise InputError(where, f"must be a list of statuses, not {describe(value)}", "type.list",
                         {"value": describe(value)})
    for i, word in enumerate(value):
        _status(word, f"{where}[{i}]")


def _final(value: Any, where: str) -> None:
    _checked_object(value, where, FINAL_CHECKS)


#: A swarm's "final" object: its keys and how each is checked.
FINAL_CHECKS: dict[str, Callable[[Any, str], None]] = {
    "position": _array, "loss": _array, "status": _statuses, "steps": _whole_array,
    "diverged_at": _array, "minimum": _whole_array,
}
#: A recorded run's keys and how each is checked. Problem kinds that record more (a network's
#: evaluations) add their keys here; the arrays among them must be as long as "step".
RUN_RECORD_CHECKS: dict[str, Callable[[Any, str], None]] = {
    "label": _text, "status": _status, "reason": _optional_text, "steps": _whole, "diverged_at": _optional_whole,
    "final": _final, "step": _whole_array, "path": _array, "loss": _array, "grad_norm": _array, "lr": _array,
    "epoch": _whole_array, "batch_loss": _array,
}
#: The recorded arrays with one entry per recorded point.
POINT_ARRAYS = {"step", "path", "loss", "grad_norm", "lr", "epoch", "batch_loss"}
META_CHECKS: dict[str, Callable[[Any, str], None]] = {
    "gdsim": _text, "numpy": _text, "python": _text, "created": _text, "ticks": lambda v, w: TICKS.check(v, w),
}


def _checked_object(value: Any, where: str, checks: Mapping[str, Callable[[Any, str], None]]) -> Mapping[str, Any]:
    value = require_object(value, where)
    check_keys(value, checks, where)
    for key, item in value.items():
        checks[key](item, f"{where}.{key}")
    return value


def _check_run_record(value: Any, where: str) -> None:
    record = _checked_object(value, where, RUN_RECORD_CHECKS)
    require_keys(record, ("label",), "every recorded run has its label")
    lengths = {key: len(record[key]) for key in POINT_ARRAYS if key in record}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{key} {n}" for key, n in sorted(lengths.items()))
        raise InputError(where, f"its recorded arrays must have one entry per point, but have {shown}",
                         "record.lengths", {"lengths": lengths})


def parse_recording(data: Any, limits: Limits = LIMITS) -> dict[str, Any]:
    """Validate a recording object (any version); return it migrated, with "scenario" parsed and
    "events" as Event objects under the keys "scenario_spec" and "event_list".

    Everything replay would refuse is refused here, under the key path of its cause: each event is
    checked against the runs as they stand when it is applied (``events[3].run``: there is no run 7
    then; ``events[2].args.hyper.lr``), and the replay's work is held to ``limits``.

    Raises
    ------
    InputError
        Naming the key path of the first thing wrong.
    """
    data = upgrade(data, RECORDING_FORMAT)
    check_keys(data, RECORDING_KEYS)
    try:
        scenario, problem = parse_scenario(data.get("scenario"), limits)
    except InputError as error:
        raise error.within("scenario") from None
    events = data.get("events", [])
    if not isinstance(events, list):
        raise InputError("events", f"must be a list, not {describe(events)}", "type.list",
                         {"value": describe(events)})
    check_count(limits, "events", len(events), "events")
    runs = data.get("runs")
    if not isinstance(runs, list):
        raise InputError("runs", f"must be a list of recorded runs, not {describe(runs)}", "type.list",
                         {"value": describe(runs)})
    for i, run in enumerate(runs):
        _check_run_record(run, f"runs[{i}]")
    meta = _checked_object(data.get("meta", {}), "meta", META_CHECKS)
    parsed = [event_from_dict(event, f"events[{i}]") for i, event in enumerate(events)]
    for i in range(1, len(parsed)):
        if parsed[i].step < parsed[i - 1].step:
            raise InputError(f"events[{i}].step", f"is {parsed[i].step}, before the previous event's "
                                                  f"{parsed[i - 1].step}: events must be in the order of their steps",
                             "events.order", {"step": parsed[i].step, "previous": parsed[i - 1].step})
    ticks = meta.get("ticks")
    if ticks is not None and parsed and parsed[-1].step > ticks:
        raise InputError(f"events[{len(parsed) - 1}].step", f"is {parsed[-1].step}, after the recording's end "
                                                           f"(meta.ticks {ticks})", "events.after_end",
                         {"step": parsed[-1].step, "ticks": ticks})
    check_timeline(scenario, problem, parsed, ticks, limits)
    return {**data, "scenario_spec": scenario, "event_list": parsed}


def check_timeline(scenario: Scenario, problem: Problem, events: Sequence[Event], ticks: int | None,
                   limits: Limits = LIMITS) -> None:
    """Follow the runs through ``events`` as replay would and refuse what replay would refuse.

    Each event must name a run that exists at that point (runs are numbered in the order they were
    added; a removed run's number is not reused) and leave it with settings the problem accepts. The
    most balls rolling at once, times the ticks, is held to the work limit.
    """
    specs = dict(enumerate(scenario.runs))
    next_id = len(specs)
    steps = max(scenario.steps, ticks or 0)
    costs = {run: step_cost(spec, problem) for run, spec in specs.items()}
    counts = {run: balls(spec.start) for run, spec in specs.items()}
    total_work, total_balls = sum(costs.values()), sum(counts.values())
    most_work, most_balls = total_work, total_balls
    for index, event in enumerate(events):
        command, where = event.command, f"events[{index}]"
        run = getattr(command, "run", None)
        if run is not None and run not in specs:
            raise InputError(f"{where}.run", f"there is no run {run} at step {event.step} (runs then: "
                                             f"{_numbers_text(specs)})", "events.no_run",
                             {"run": run, "runs": list(specs)[:20]})
        changed = _after(command, specs.get(run))
        if isinstance(command, AddRun):
            run, next_id = next_id, next_id + 1
        if isinstance(command, RemoveRun):
            total_work, total_balls = total_work - costs.pop(run), total_balls - counts.pop(run)
            del specs[run]
        elif changed is not None:
            try:
                check_run(changed, problem)
            except InputError as error:
                if isinstance(command, SetHyper):  # its args hold the hyperparameter itself
                    error = InputError(error.path.removeprefix("hyper."), error.message, error.code, error.params)
                raise error.within(f"{where}.args") from None
            total_work -= costs.get(run, 0)
            total_balls -= counts.get(run, 0)
            specs[run], costs[run], counts[run] = changed, step_cost(changed, problem), balls(changed.start)
            total_work, total_balls = total_work + costs[run], total_balls + counts[run]
            most_work, most_balls = max(most_work, total_work), max(most_balls, total_balls)
    check_count(limits, "balls", most_balls, "events", "fewer or smaller swarms")
    check_count(limits, "work", steps * most_work, "events", "fewer steps, balls or samples")


def _numbers_text(runs: Mapping[int, Any]) -> str:
    numbers = list(runs)
    shown = ", ".join(map(str, numbers[:20]))
    return (shown + ", …" if len(numbers) > 20 else shown) or "none"


def _after(command: Any, spec: RunSpec | None) -> RunSpec | None:
    """The settings of the run ``command`` changes, once changed (None if it changes none)."""
    if isinstance(command, AddRun):
        return command.spec
    if spec is None:
        return None
    if isinstance(command, SetHyper):
        return spec.with_changes(hyper={**spec.hyper, command.name: command.value})
    if isinstance(command, SetOptimizer):
        return spec.with_changes(optimizer=command.name, hyper=dict(command.hyper))
    if isinstance(command, SetRunOption):
        return spec.with_changes(**{command.name: command.value})
    if isinstance(command, MoveStart):
        return spec.with_changes(start=command.start)
    return None


def load_recording(path: str | Path, limits: Limits = LIMITS) -> dict[str, Any]:
    """Read and validate a recording file (see :func:`parse_recording`)."""
    return parse_recording(read_json(path, limits.file_bytes), limits)
