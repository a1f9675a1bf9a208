"""The recording format (gdsim.recording, version 2): what a session did, point by point.

A recording holds the scenario it started from (every default filled in), each run's recorded
points and outcome, and the timeline of commands applied (stamped with engine ticks), which is
enough to replay it exactly.
"""

from __future__ import annotations

import datetime
import platform
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.params import check_keys, describe
from gdsim.core.version import __version__
from gdsim.engine.engine import Engine
from gdsim.engine.network_run import NetworkRun
from gdsim.engine.run import Run
from gdsim.engine.status import Status, overall_status
from gdsim.session.events import event_from_dict, event_to_dict
from gdsim.session.jsonio import dumps, read_json, write_atomic
from gdsim.session.limits import LIMITS, Limits, check_count
from gdsim.session.pace import parse_pace
from gdsim.session.recording_checks import check_meta, check_run_record, check_timeline
from gdsim.session.scenario import parse_scenario, scenario_to_dict
from gdsim.session.versions import CURRENT_VERSION, RECORDING_FORMAT, upgrade

#: "pace" (optional): when the recorded session reached which tick, and its play/pause/step/speed presses.
RECORDING_KEYS = ("format", "version", "scenario", "runs", "events", "meta", "pace")


def _run_status(run: Run) -> str:
    """One word for a run: a single ball's status; for a swarm, why the swarm as a whole ended."""
    return overall_status(run.status).word


def _diverged_at(values: np.ndarray) -> list[int | None]:
    return [int(v) if v >= 0 else None for v in values]


def network_run_record(run: NetworkRun) -> dict[str, Any]:
    """A network run's entry: outcome, every update's batch loss and rate, the evaluations, the last one."""
    return {
        "label": run.spec.label, "status": _run_status(run), "reason": run.reason, "steps": run.step,
        "diverged_at": _diverged_at(run.diverged_at)[0],
        "loss": np.frombuffer(run.losses, dtype=float), "lr": np.frombuffer(run.rates, dtype=float),
        "eval": {key: list(values) for key, values in run.evals.items()},
        "final": run.final(),
    }


def run_record(run: Run | NetworkRun, engine: Engine) -> dict[str, Any]:
    """One run's entry: outcome, and its recorded points (per ball for a swarm when recorded)."""
    if isinstance(run, NetworkRun):
        return network_run_record(run)
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
        "version": CURRENT_VERSION[RECORDING_FORMAT],
        "scenario": scenario_to_dict(engine.scenario),
        "runs": [run_record(run, engine) for run in engine.runs.values()],
        "events": [event_to_dict(e) for e in engine.events],
        "meta": {
            "gdsim": __version__, "numpy": np.__version__, "python": platform.python_version(),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "ticks": engine.tick,
        },
    }


def save_recording(recording: Mapping[str, Any], path: str | Path) -> None:
    """Write a recording atomically as strict JSON."""
    write_atomic(path, dumps(recording) + "\n")


def parse_recording(data: Any, limits: Limits = LIMITS) -> dict[str, Any]:
    """Validate a recording object (any version); return it migrated, with "scenario" parsed and
    "events" as Event objects under the keys "scenario_spec" and "event_list".

    Everything replay would refuse is refused here, under the key path of its cause: each event is
    checked against the runs as they stand when it is applied (``events[3].run``: there is no run 7
    then; ``events[2].args.lr``), and the replay's work is held to ``limits`` (see
    :mod:`gdsim.session.recording_checks`).

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
        check_run_record(run, f"runs[{i}]")
    meta = check_meta(data.get("meta", {}))
    if data.get("pace") is not None:
        parse_pace(data["pace"])
    parsed = [event_from_dict(event, f"events[{i}]") for i, event in enumerate(events)]
    check_timeline(scenario, problem, parsed, meta.get("ticks"), limits)
    return {**data, "scenario_spec": scenario, "event_list": parsed}


def load_recording(path: str | Path, limits: Limits = LIMITS) -> dict[str, Any]:
    """Read and validate a recording file (see :func:`parse_recording`)."""
    return parse_recording(read_json(path, limits.file_bytes), limits)
