"""The scenario format (gdsim.scenario, version 1): parse and validate, fill defaults, write.

Structure is checked here (keys, types); what a value means for the problem (a hyperparameter's
range, a start's dimension, a batch larger than the data) is checked by building the engine, so
files and live commands obey the same rules. Every message names the key path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.optimizers import optimizer_class
from gdsim.core.problem import Problem
from gdsim.engine.engine import Engine
from gdsim.engine.spec import OKABE_ITO, RUN_FIELDS, RunSpec, Scenario, StopSpec
from gdsim.session.jsonio import dumps, read_json, write_atomic
from gdsim.session.versions import SCENARIO_FORMAT, upgrade

TOP_KEYS = ("format", "version", "title", "description", "captions", "problem", "steps", "seed", "runs")
STOP_KEYS = ("loss_below", "grad_norm_below", "step_below")
MAX_STEPS = 100_000_000


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError(where, f"must be an object, not {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _only(data: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in allowed:
            path = f"{where}.{key}" if where else key
            raise InputError(path, f"unknown key; allowed: {', '.join(allowed)}")


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(where, f"must be a whole number from {low} to {high}, not {value!r}")
    return value


def _texts(value: Any, where: str) -> dict[str, str] | None:
    if value is None:
        return None
    for lang, text in _object(value, where).items():
        if not isinstance(text, str):
            raise InputError(f"{where}.{lang}", "must be text")
    return dict(value)


def _captions(value: Any) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("captions", "must be a list of {from_step, to_step, text}")
    out = []
    for i, caption in enumerate(value):
        where = f"captions[{i}]"
        _only(_object(caption, where), ("from_step", "to_step", "text"), where)
        first = _whole(caption.get("from_step"), f"{where}.from_step", 0, MAX_STEPS)
        last = _whole(caption.get("to_step"), f"{where}.to_step", first, MAX_STEPS)
        text = _texts(caption.get("text"), f"{where}.text")
        if not text:
            raise InputError(f"{where}.text", "must give the caption's text, such as {\"en\": \"...\"}")
        out.append({"from_step": first, "to_step": last, "text": text})
    return tuple(out)


def parse_run(data: Any, index: int) -> RunSpec:
    """A RunSpec from a run object (structure only); defaults for every missing key."""
    where = f"runs[{index}]"
    _only(_object(data, where), RUN_FIELDS, where)
    fields = dict(data)
    stop = _object(fields.pop("stop", None) or {}, f"{where}.stop")
    _only(stop, STOP_KEYS, f"{where}.stop")
    hyper = _object(fields.get("hyper", {}), f"{where}.hyper")
    optimizer = fields.get("optimizer", "sgd")
    if "label" not in fields:
        try:
            fields["label"] = optimizer_class(optimizer).title
        except InputError as error:
            raise error.within(f"{where}.optimizer") from None
    fields.setdefault("color", OKABE_ITO[index % len(OKABE_ITO)])
    start = fields.get("start")
    if isinstance(start, list):
        fields["start"] = tuple(start)
    fields["hyper"] = dict(hyper)
    return RunSpec(**fields, stop=StopSpec(**stop))


def parse_scenario(data: Any) -> tuple[Scenario, Problem]:
    """Validate a scenario object (any version) and return it with its built problem.

    Raises
    ------
    InputError
        Naming the key path of the first thing wrong.
    """
    data = upgrade(data, SCENARIO_FORMAT)
    _only(data, TOP_KEYS, "")
    if "problem" not in data:
        raise InputError("problem", "missing: every scenario names its problem")
    runs = data.get("runs", [])
    if not isinstance(runs, list):
        raise InputError("runs", "must be a list of runs")
    scenario = Scenario(
        problem=dict(_object(data["problem"], "problem")),
        runs=tuple(parse_run(run, i) for i, run in enumerate(runs)),
        steps=_whole(data.get("steps", 500), "steps", 0, MAX_STEPS),
        seed=_whole(data.get("seed", 0), "seed", 0, 2**63 - 1),
        title=_texts(data.get("title"), "title"),
        description=_texts(data.get("description"), "description"),
        captions=_captions(data.get("captions")),
    )
    return scenario, Engine(scenario).problem


def load_scenario(path: str | Path) -> tuple[Scenario, Problem]:
    """Read, validate and migrate a scenario file."""
    return parse_scenario(read_json(path))


def run_to_dict(spec: RunSpec) -> dict[str, Any]:
    """A run object with every key present."""
    out = asdict(spec)
    try:
        out["hyper"] = optimizer_class(spec.optimizer).validate(spec.hyper)
    except InputError:
        out["hyper"] = dict(spec.hyper)
    out["start"] = dict(spec.start) if isinstance(spec.start, Mapping) else (
        list(spec.start) if spec.start is not None else None)
    return out


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a version-1 file object, with every default filled in."""
    out: dict[str, Any] = {"format": SCENARIO_FORMAT, "version": 1}
    if scenario.title:
        out["title"] = dict(scenario.title)
    if scenario.description:
        out["description"] = dict(scenario.description)
    if scenario.captions:
        out["captions"] = [dict(c) for c in scenario.captions]
    out.update(problem=dict(scenario.problem), steps=scenario.steps, seed=scenario.seed,
               runs=[run_to_dict(run) for run in scenario.runs])
    return out


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write ``scenario`` atomically."""
    write_atomic(path, dumps(scenario_to_dict(scenario)) + "\n")
