"""What the window opens: scenario files, recordings (their scenario), lessons, the default session."""

from __future__ import annotations

import json
from pathlib import Path

from gdsim.core.errors import InputError
from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario
from gdsim.session.jsonio import read_json
from gdsim.session.recording import parse_recording
from gdsim.session.scenario import parse_scenario
from gdsim.session.versions import RECORDING_FORMAT

#: Lesson scenarios shipped with gdsim.
LESSONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "scenarios"


def default_scenario() -> Scenario:
    """What a new session shows: three classic optimizers racing down Rosenbrock's valley."""
    return Scenario(
        problem={"kind": "landscape", "name": "rosenbrock", "options": {}},
        runs=(
            RunSpec(label="SGD", color=OKABE_ITO[0], optimizer="sgd", hyper={"lr": 0.001}),
            RunSpec(label="Momentum", color=OKABE_ITO[1], optimizer="sgd", hyper={"lr": 0.001, "momentum": 0.9}),
            RunSpec(label="Adam", color=OKABE_ITO[2], optimizer="adam", hyper={"lr": 0.05}),
        ),
        steps=3000,
    )


def read_scenario_file(path: Path) -> Scenario:
    """The scenario in a scenario file, or the scenario a recording started from.

    Raises
    ------
    InputError
        Naming the file and what is wrong in it.
    """
    try:
        data = read_json(path)
        if isinstance(data, dict) and data.get("format") == RECORDING_FORMAT:
            return parse_recording(data)["scenario_spec"]
        return parse_scenario(data)[0]
    except InputError as error:
        raise InputError("", f"{path.name}: {error}") from None


def lesson_files(folder: Path = LESSONS_DIR) -> list[tuple[str, Path]]:
    """(title, path) of every lesson scenario, in file-name order; the file name when untitled."""
    lessons = []
    for path in sorted(folder.glob("*.json")):
        try:
            title = (json.loads(path.read_text(encoding="utf-8")).get("title") or {}).get("en")
        except (OSError, ValueError, AttributeError):
            continue
        lessons.append((title or path.stem.replace("_", " "), path))
    return lessons
