"""The scenario format (gdsim.scenario, version 2): parse and validate, fill defaults, write.

Version 2 adds "pace" (steps per second for the window), "view" (the views shown) and networks
(``{"kind": "network"}``, their runs' "eval_every" and "init_seed"); version-1 files migrate
unchanged (see :mod:`gdsim.session.versions`).

Structure is checked here (keys, types); every run is then checked against the built problem by
the engine's own ``check_run`` (a hyperparameter's range, a start's dimension, a batch larger than
the data), so files and live commands obey the same rules without building an Engine. Every message
names the key path.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, check_text, describe, require_keys, require_object
from gdsim.core.problem import Problem
from gdsim.engine.optimizer_choice import optimizer_declaration
from gdsim.engine.problems import build_problem
from gdsim.engine.run_checks import check_run, check_stop
from gdsim.engine.spec import OKABE_ITO, RUN_FIELDS, RunSpec, Scenario
from gdsim.session.jsonio import dumps, read_json, write_atomic
from gdsim.session.limits import LIMITS, Limits, check_budget, check_count, check_problem_size
from gdsim.session.versions import CURRENT_VERSION, SCENARIO_FORMAT, upgrade

TOP_KEYS = ("format", "version", "title", "description", "captions", "pace", "view", "problem", "steps", "seed",
            "runs")
MAX_STEPS = 100_000_000
STEPS = Param("steps", "whole", 500, "Optimizer updates per run.", label="Steps", low=0, high=MAX_STEPS)
SEED = Param("seed", "whole", 0, "Seeds every random draw: each run has its own streams for starts, batches "
             "and gradient noise.", label="Seed", low=0, high=2**63 - 1)
CAPTION_KEYS = ("from_step", "to_step", "text")
PACE = Param("pace", "number", None, "Steps per second when the window plays the scenario (null: the window's "
             "own speed). Lessons set a pace a person can follow.", label="Pace", low=0, low_open=True,
             high=10_000, optional=True)
#: The views a scenario may ask for, and what each needs of the problem.
VIEW_NEEDS = {"1d": "a problem of one parameter", "2d": "a problem of two parameters",
              "3d": "a problem of two parameters", "data": "a data problem", "network": "a network problem"}


def _object(value: Any, where: str) -> Mapping[str, Any]:
    return require_object(value, where)


def _run_labels(runs: list[Any]) -> tuple[list[Any], dict[str, dict[str, str]] | None]:
    """The runs with each label written in several languages (``{"en": ..., "zh": ...}``) replaced by
    its English text (else its first), and those texts keyed by that label."""
    plain, labels = [], {}
    for index, run in enumerate(runs):
        if isinstance(run, Mapping) and isinstance(run.get("label"), Mapping):
            where = f"runs[{index}].label"
            texts = _texts(run["label"], where)
            if not texts:
                raise InputError(where, "must give the run's label, such as {\"en\": \"GD\"}", "key.missing",
                                 {"key": "en"})
            label = texts.get("en") or next(iter(texts.values()))
            labels[label] = texts
            run = {**run, "label": label}
        plain.append(run)
    return plain, labels or None


def _texts(value: Any, where: str) -> dict[str, str] | None:
    if value is None:
        return None
    for lang, text in _object(value, where).items():
        check_text(lang, where)
        check_text(text, f"{where}.{lang}")
    return dict(value)


def _captions(value: Any, limits: Limits) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("captions", "must be a list of {from_step, to_step, text}", "type.list",
                         {"value": describe(value)})
    check_count(limits, "captions", len(value), "captions")
    out = []
    for i, caption in enumerate(value):
        where = f"captions[{i}]"
        check_keys(_object(caption, where), CAPTION_KEYS, where)
        first = replace(STEPS, name="from_step").check(caption.get("from_step"), f"{where}.from_step")
        last = replace(STEPS, name="to_step", low=first).check(caption.get("to_step"), f"{where}.to_step")
        text = _texts(caption.get("text"), f"{where}.text")
        if not text:
            raise InputError(f"{where}.text", "must give the caption's text, such as {\"en\": \"...\"}",
                             "key.missing", {"key": "text"})
        out.append({"from_step": first, "to_step": last, "text": text})
    return tuple(out)


def _views(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise InputError("view", f"must be a list of views such as [\"2d\", \"data\"], not {describe(value)}",
                         "type.list", {"value": describe(value)})
    choice = Param("view", "choice", "2d", "A view.", choices=tuple(VIEW_NEEDS))
    views = tuple(choice.check(name, f"view[{i}]") for i, name in enumerate(value))
    if len(set(views)) != len(views):
        raise InputError("view", "names a view twice", "view.twice")
    return views


def _check_views(views: tuple[str, ...] | None, problem: Problem) -> None:
    network = problem.stepper == "torch"
    fits = {"1d": problem.dim == 1 and not network, "2d": problem.dim == 2 and not network,
            "3d": problem.dim == 2 and not network, "data": problem.n_samples is not None and not network,
            "network": network}
    for i, name in enumerate(views or ()):
        if not fits[name]:
            raise InputError(f"view[{i}]", f"the {name} view needs {VIEW_NEEDS[name]}", "view.unfit",
                             {"view": name, "needs": VIEW_NEEDS[name]})


def parse_run(data: Any, index: int, where: str | None = None) -> RunSpec:
    """A RunSpec from run object number ``index`` (structure only); defaults for every missing key.

    Errors name ``runs[index]`` as the run's path unless ``where`` gives another.
    """
    where = f"runs[{index}]" if where is None else where
    check_keys(_object(data, where), RUN_FIELDS, where)
    fields = dict(data)
    stop = fields.pop("stop", None)
    stop = check_stop({} if stop is None else stop, f"{where}.stop")
    hyper = _object(fields.get("hyper", {}), f"{where}.hyper")
    optimizer = fields.get("optimizer", "sgd")
    if "label" not in fields:
        try:
            fields["label"] = optimizer_declaration(optimizer).title
        except InputError as error:
            raise error.within(f"{where}.optimizer") from None
    fields.setdefault("color", OKABE_ITO[index % len(OKABE_ITO)])
    start = fields.get("start")
    if isinstance(start, list):
        fields["start"] = tuple(start)
    fields["hyper"] = dict(hyper)
    return RunSpec(**fields, stop=stop)


def parse_scenario(data: Any, limits: Limits = LIMITS) -> tuple[Scenario, Problem]:
    """Validate a scenario object (any version) and return it with its built problem.

    Parameters
    ----------
    data
        The scenario object as read from a file.
    limits
        What the file may ask for (:mod:`gdsim.session.limits`): runs, captions, balls, features and
        work, each checked before the work it bounds.

    Raises
    ------
    InputError
        Naming the key path of the first thing wrong.
    """
    data = upgrade(data, SCENARIO_FORMAT)
    check_keys(data, TOP_KEYS)
    require_keys(data, ("problem",), "every scenario names its problem")
    runs = data.get("runs", [])
    if not isinstance(runs, list):
        raise InputError("runs", f"must be a list of runs, not {describe(runs)}", "type.list",
                         {"value": describe(runs)})
    check_count(limits, "runs", len(runs), "runs")
    runs, labels = _run_labels(runs)
    scenario = Scenario(
        problem=dict(_object(data["problem"], "problem")),
        runs=tuple(parse_run(run, i) for i, run in enumerate(runs)),
        labels=labels,
        steps=STEPS.check(data.get("steps", STEPS.default)),
        seed=SEED.check(data.get("seed", SEED.default)),
        title=_texts(data.get("title"), "title"),
        description=_texts(data.get("description"), "description"),
        captions=_captions(data.get("captions"), limits),
        pace=PACE.check(data.get("pace")),
        view=_views(data.get("view")),
    )
    check_problem_size(scenario.problem, limits)
    problem = _built(scenario.problem)
    _check_views(scenario.view, problem)
    for index, run in enumerate(scenario.runs):
        try:
            check_run(run, problem)
        except InputError as error:
            raise error.within(f"runs[{index}]") from None
    check_budget(scenario.steps, scenario.runs, problem, limits)
    return scenario, problem


#: Problem kinds whose building is plain arithmetic on the file's numbers: an overflow there (data
#: generated over x_range [-1e308, 1e308]) means the numbers are too large, and is refused.
ARITHMETIC_KINDS = ("regression", "classification")


def _built(spec: Mapping[str, Any]) -> Problem:
    """The problem ``spec`` describes; numbers too large to fit it (whose exact minimum overflows)
    are refused like any other bad value."""
    arithmetic = spec.get("kind") in ARITHMETIC_KINDS if isinstance(spec, Mapping) else False
    try:
        with np.errstate(over="raise", invalid="raise") if arithmetic else contextlib.nullcontext():
            return build_problem(spec)
    except InputError as error:
        raise error.within("problem") from None
    except (ArithmeticError, np.linalg.LinAlgError) as error:
        raise InputError("problem", f"cannot be built: its numbers are too large to compute with ({error})",
                         "problem.overflow", {"reason": str(error)}) from None


def load_scenario(path: str | Path, limits: Limits = LIMITS) -> tuple[Scenario, Problem]:
    """Read, validate and migrate a scenario file."""
    return parse_scenario(read_json(path, limits.file_bytes), limits)


def run_to_dict(spec: RunSpec) -> dict[str, Any]:
    """A run object with every key present."""
    out = asdict(spec)
    try:
        out["hyper"] = optimizer_declaration(spec.optimizer).validate(spec.hyper)
    except InputError:
        out["hyper"] = dict(spec.hyper)
    out["start"] = dict(spec.start) if isinstance(spec.start, Mapping) else (
        list(spec.start) if spec.start is not None else None)
    return out


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a file object of the current version, with every default filled in."""
    out: dict[str, Any] = {"format": SCENARIO_FORMAT, "version": CURRENT_VERSION[SCENARIO_FORMAT]}
    if scenario.title:
        out["title"] = dict(scenario.title)
    if scenario.description:
        out["description"] = dict(scenario.description)
    if scenario.captions:
        out["captions"] = [dict(c) for c in scenario.captions]
    if scenario.pace is not None:
        out["pace"] = scenario.pace
    if scenario.view is not None:
        out["view"] = list(scenario.view)
    out.update(problem=dict(scenario.problem), steps=scenario.steps, seed=scenario.seed,
               runs=[run_to_dict(run) for run in scenario.runs])
    for run in out["runs"]:  # a lesson's labels in every language, as they were read
        if scenario.labels and run["label"] in scenario.labels:
            run["label"] = dict(scenario.labels[run["label"]])
    return out


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write ``scenario`` atomically."""
    write_atomic(path, dumps(scenario_to_dict(scenario)) + "\n")
