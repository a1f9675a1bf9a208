"""The window's files as data: reading a scenario or a recording into a ready engine, writing either
kind, the lessons, and the default session. Reading and writing are slow (a typed formula imports
sympy; a recording is replayed): call them in a function worker, never on the GUI thread."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gdsim.core.errors import InputError
from gdsim.engine.engine import Engine
from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario
from gdsim.session.jsonio import dumps, read_json, write_atomic
from gdsim.session.recording import parse_recording
from gdsim.session.replaying import ReplaySource, open_replay
from gdsim.session.scenario import parse_scenario, scenario_to_dict
from gdsim.session.versions import RECORDING_FORMAT

#: Lesson scenarios shipped with gdsim.
LESSONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "scenarios"
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
    """Write a scenario, or a recording (a dict as ``make_recording`` returns it), atomically.

    The target must be a regular file or not exist yet: a folder, a named pipe or a device is
    refused before anything is written. A link is followed (the file it points to is replaced) and
    an existing file keeps its permissions.

    Raises
    ------
    InputError
        The target is not a regular file.
    OSError
        The file could not be written (the folder is missing or read-only, the disk is full).
    """
    target = Path(path).resolve()
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError("", f"{target} is {_what(mode)}, not a regular file; nothing was written",
                         "file.not_regular", {"path": str(target), "what": _what(mode)})
    data = scenario_to_dict(content) if isinstance(content, Scenario) else content
    write_atomic(target, dumps(data) + "\n")
    if mode is not None:
        os.chmod(target, stat.S_IMODE(mode))  # the temporary file was private; keep the file's mode
    return target


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "something else"


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
