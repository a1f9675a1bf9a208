"""Format versions: recognise a file's format, refuse unknown or newer versions, migrate older ones."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.params import Param, describe

SCENARIO_FORMAT = "gdsim.scenario"
RECORDING_FORMAT = "gdsim.recording"
SWEEP_FORMAT = "gdsim.sweep"
CURRENT_VERSION = {SCENARIO_FORMAT: 2, RECORDING_FORMAT: 2, SWEEP_FORMAT: 1}


def _scenario_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional keys ("pace", "view"; the "network" problem kind with its runs'
    "eval_every" and "init_seed"); a version-1 scenario is a valid version 2."""
    return dict(data)


def _recording_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds optional keys (the window's "pace" track; a network run's "eval" and
    "final"); a version-1 recording is a valid version 2."""
    return dict(data)


#: (format, version) -> function turning a file of that version into the next version.
MIGRATIONS: dict[tuple[str, int], Callable[[dict[str, Any]], dict[str, Any]]] = {
    (SCENARIO_FORMAT, 1): _scenario_1_to_2,
    (RECORDING_FORMAT, 1): _recording_1_to_2,
}


def upgrade(data: Any, expected: str) -> dict[str, Any]:
    """Check the "format" and "version" keys and migrate ``data`` to the current version."""
    if not isinstance(data, Mapping):
        raise InputError("", f"a {expected} file is a JSON object, not {describe(data)}", "type.object",
                         {"value": describe(data)})
    found = data.get("format")
    if found != expected:
        what = f"a {describe(found)} file" if isinstance(found, str) else "a file without a \"format\" key"
        raise InputError("format", f"expected a {expected!r} file, found {what}", "format.other",
                         {"expected": expected, "found": describe(found) if isinstance(found, str) else None})
    current = CURRENT_VERSION[expected]
    version = Param("version", "whole", current, "The file's format version.", low=1).check(data.get("version"))
    if version > current:
        raise InputError("version", f"this file is version {version}, newer than this gdsim reads "
                                    f"(up to {current}); update gdsim to open it", "version.newer",
                         {"version": version, "current": current})
    data = dict(data)
    while version < current:
        data = MIGRATIONS[(expected, version)](data)
        version += 1
        data["version"] = version
    return data
