"""What a recording must be to be replayed: each recorded run's keys and arrays, its "meta", and its
events followed through the runs as replay would apply them (a run that exists, settings the problem
accepts, work within the limits).

The checks are tables (key -> checking function), so a problem kind that records more (a network's
evaluations) adds its keys to :data:`RUN_RECORD_CHECKS` (and to :data:`POINT_ARRAYS` for arrays with
one entry per recorded point).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, check_text, describe, require_keys, require_object
from gdsim.core.problem import Problem
from gdsim.engine.commands import AddRun, MoveStart, RemoveRun, Reset, SetHyper, SetOptimizer, SetRunOption
from gdsim.engine.run_checks import check_run
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.engine.status import Status
from gdsim.session.limits import EVENT_RUN_COST, LIMITS, Limits, balls, check_count, step_cost

#: What a recorded array may hold: numbers, and null for a number that was not finite.
NUMBER_TYPES = {int, float, type(None)}
STATUS_WORDS = tuple(status.word for status in Status)
TICKS = Param("ticks", "whole", 0, "The engine tick the recording ends at.", low=0)
STATUS = Param("status", "choice", "running", "A run's status.", choices=STATUS_WORDS)
STEPS = Param("steps", "whole", 0, "A count of steps.", low=0)
STEP = Param("diverged_at", "whole", None, "A step, or null.", low=0, optional=True)


def _optional_text(value: Any, where: str) -> None:
    if value is not None:
        check_text(value, where)


def _numbers(value: Any, where: str, whole: bool = False) -> np.ndarray:
    """A recorded array (nested lists of numbers, null for a missing one), as floats."""
    if not isinstance(value, list):
        raise InputError(where, f"must be a list of numbers, not {describe(value)}", "type.list",
                         {"value": describe(value)})
    try:
        entries = np.asarray(value, dtype=object)
        if not set(map(type, entries.flat)) <= NUMBER_TYPES:
            raise ValueError("not a number")
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
        STATUS.check(word, f"{where}[{i}]")


def _final(value: Any, where: str) -> None:
    _checked_object(value, where, FINAL_CHECKS)


def _optional_number(value: Any, where: str) -> None:
    if value is not None:
        _numbers([value], where)


def _evaluations(value: Any, where: str) -> None:
    """A network's evaluations: equally long arrays, one entry per evaluation."""
    record = _checked_object(value, where, EVAL_CHECKS)
    lengths = {len(array) for array in record.values()}
    if len(lengths) > 1:
        raise InputError(where, "its arrays must have one entry per evaluation", "record.array")


#: A swarm's "final" object (position ... minimum), or a network's (train_loss, val_loss,
#: val_accuracy): its keys and how each is checked.
FINAL_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "position": _array, "loss": _array, "status": _statuses, "steps": _whole_array,
    "diverged_at": _array, "minimum": _whole_array,
    "train_loss": _optional_number, "val_loss": _optional_number, "val_accuracy": _optional_number,
}
#: A network's "eval" object: the step of each evaluation and what it measured.
EVAL_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "step": _whole_array, "train_loss": _array, "val_loss": _array, "val_accuracy": _array,
}
#: A recorded run's keys and how each is checked. Problem kinds that record more (a network's
#: evaluations) add their keys here; the arrays among them must be as long as "step".
RUN_RECORD_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "label": check_text, "status": STATUS.check, "reason": _optional_text, "steps": STEPS.check,
    "diverged_at": STEP.check,
    "final": _final, "step": _whole_array, "path": _array, "loss": _array, "grad_norm": _array, "lr": _array,
    "epoch": _whole_array, "batch_loss": _array, "eval": _evaluations,
}
#: The recorded arrays with one entry per recorded point.
POINT_ARRAYS = {"step", "path", "loss", "grad_norm", "lr", "epoch", "batch_loss"}
META_CHECKS: dict[str, Callable[[Any, str], Any]] = {
    "gdsim": check_text, "numpy": check_text, "python": check_text, "created": check_text, "ticks": TICKS.check,
}


def _checked_object(value: Any, where: str, checks: Mapping[str, Callable[[Any, str], Any]]) -> Mapping[str, Any]:
    value = require_object(value, where)
    check_keys(value, checks, where)
    for key, item in value.items():
        checks[key](item, f"{where}.{key}")
    return value


def check_meta(value: Any) -> Mapping[str, Any]:
    """A recording's "meta" object, checked (see :data:`META_CHECKS`)."""
    return _checked_object(value, "meta", META_CHECKS)


def check_run_record(value: Any, where: str) -> None:
    """One recorded run, checked key by key (see :data:`RUN_RECORD_CHECKS`); its point arrays must be
    equally long."""
    record = _checked_object(value, where, RUN_RECORD_CHECKS)
    require_keys(record, ("label",), "every recorded run has its label")
    lengths = {key: len(record[key]) for key in POINT_ARRAYS if key in record}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{key} {n}" for key, n in sorted(lengths.items()))
        raise InputError(where, f"its recorded arrays must have one entry per point, but have {shown}",
                         "record.lengths", {"lengths": lengths})


def check_timeline(scenario: Scenario, problem: Problem, events: Sequence[Event], ticks: int | None,
                   limits: Limits = LIMITS) -> None:
    """Follow the runs through ``events`` as replay would and refuse what replay would refuse.

    Each event must name a run that exists at that point (runs are numbered in the order they were
    added; a removed run's number is not reused) and leave it with settings the problem accepts. The
    most work a step takes at once, times the ticks, plus the events' own work (see
    :mod:`gdsim.session.limits`), is held to the work limit. Events come in the order
    of their steps, none after ``ticks`` (the recording's end).
    """
    for i in range(1, len(events)):
        if events[i].step < events[i - 1].step:
            raise InputError(f"events[{i}].step", f"is {events[i].step}, before the previous event's "
                                                  f"{events[i - 1].step}: events must be in the order of their steps",
                             "events.order", {"step": events[i].step, "previous": events[i - 1].step})
    if ticks is not None and events and events[-1].step > ticks:
        raise InputError(f"events[{len(events) - 1}].step", f"is {events[-1].step}, after the recording's end "
                                                           f"(meta.ticks {ticks})", "events.after_end",
                         {"step": events[-1].step, "ticks": ticks})
    specs = dict(enumerate(scenario.runs))
    next_id = len(specs)
    steps = max(scenario.steps, ticks or 0)
    costs = {run: step_cost(spec, problem) for run, spec in specs.items()}
    counts = {run: balls(spec.start) for run, spec in specs.items()}
    total_work, total_balls = sum(costs.values()), sum(counts.values())
    most_work, most_balls = total_work, total_balls
    events_work = 0
    for index, event in enumerate(events):
        command, where = event.command, f"events[{index}]"
        run = getattr(command, "run", None)
        if run is not None and run not in specs:
            raise InputError(f"{where}.run", f"there is no run {run} at step {event.step} (runs then: "
                                             f"{_numbers_text(specs)})", "events.no_run",
                             {"run": run, "runs": list(specs)[:20]})
        changed = _after(command, specs.get(run))
        events_work += EVENT_RUN_COST * (len(specs) if isinstance(command, Reset) else 1)
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
    check_count(limits, "work", steps * most_work + events_work, "events", "fewer steps, balls, samples or events")


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
