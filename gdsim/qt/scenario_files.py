"""The window's files as data: reading a scenario or a recording into a ready engine, writing either
kind, the lessons, and the default session. Reading and writing are slow (a typed formula imports
sympy; a recording is replayed): call them in a function worker, never on the GUI thread."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gdsim.engine.engine import Engine
from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario
from gdsim.qt.i18n import pick_text
from gdsim.resources import SCENARIOS_DIR
from gdsim.session.jsonio import dumps, read_json, write_atomic
from gdsim.session.recording import parse_recording
from gdsim.session.replaying import ReplaySource, open_replay
from gdsim.session.scenario import parse_scenario, scenario_to_dict
from gdsim.session.versions import RECORDING_FORMAT

#: Lesson scenarios shipped with gdsim.
LESSONS_DIR = SCENARIOS_DIR
#: The kinds of file a session can be saved as.
SCENARIO, RECORDING = "scenario", "recording"


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


@dataclass(frozen=True)
class OpenedFile:
    """A file read and checked: its path, its kind ("scenario" or "recording") and an engine ready
    to drive (a recording's engine has replayed its events to its last tick, and ``replay`` holds
    what seeking in it needs)."""

    path: Path
    kind: str
    engine: Engine
    replay: ReplaySource | None = None


def open_session_file(path: Path) -> OpenedFile:
    """Read ``path`` (a scenario or a recording) and build its engine. Slow: call it in a worker.

    Raises
    ------
    InputError
        What is wrong in the file (not valid JSON, an unknown key, a run that cannot start, an
        event that names no run, ...), with its key path.
    """
    path = Path(path)
    data = read_json(path)
    if isinstance(data, Mapping) and data.get("format") == RECORDING_FORMAT:
        source = open_replay(parse_recording(data))
        return OpenedFile(path, RECORDING, source.checkpoints.engine_at(source.end), source)
    scenario, problem = parse_scenario(data)
    return OpenedFile(path, SCENARIO, Engine(scenario, problem))


def write_session_file(path: Path, content: Scenario | Mapping[str, Any]) -> Path:
    """Write a scenario, or a recording (a dict as ``make_recording`` returns it), atomically with
    :func:`gdsim.session.jsonio.write_atomic`, the command line's writer: the target must be a regular
    file or not exist yet (a folder, a named pipe or a device is refused before anything is written),
    a link to a regular file writes that file, and an existing file keeps its mode.

    Returns the file written.

    Raises
    ------
    InputError
        The target was refused or the write failed (a missing or read-only folder, a full disk);
        the sentence names the file and says nothing was written.
    """
    data = scenario_to_dict(content) if isinstance(content, Scenario) else content
    return write_atomic(path, dumps(data) + "\n")


@dataclass(frozen=True)
class Lesson:
    """A lesson file and its texts, each ``{language: text}`` (empty when it has none)."""

    path: Path
    title: Mapping[str, str]
    description: Mapping[str, str]


def lessons(folder: Path = LESSONS_DIR) -> list[Lesson]:
    """Every lesson scenario in ``folder`` with its title and description, in file-name order (files
    that are not JSON objects with texts are skipped: opening one says what is wrong)."""
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            title, description = dict(data.get("title") or {}), dict(data.get("description") or {})
        except (OSError, ValueError, AttributeError, TypeError):
            continue
        found.append(Lesson(path, title, description))
    return found


def lesson_files(folder: Path = LESSONS_DIR, language: str = "en") -> list[tuple[str, Path]]:
    """(title in ``language``, path) of every lesson scenario, in file-name order; the file name when
    untitled."""
    return [(pick_text(lesson.title, language) or lesson.path.stem.replace("_", " "), lesson.path)
            for lesson in lessons(folder)]
