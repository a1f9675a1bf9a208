"""What to render, checked before anything is written: every bad input is an InputError naming the option.

``plan_render`` reads the file, builds what the views need of the problem, chooses the views, and
checks the output path, the size, the frame rate, the pace and the step, so a render that starts
can only fail for reasons outside the input (a full disk, an interruption).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from gdsim.core.errors import InputError
from gdsim.core.grid import landscape_grid
from gdsim.qt.gl import gl_support
from gdsim.qt.render.headless import needs_gl
from gdsim.qt.render.source import Source, load_source
from gdsim.qt.render.timeline import default_pace
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.protocol import VIEWS, Picture, views_for

#: Output kinds by how the output's name ends.
KINDS = {".mp4": "mp4", ".gif": "gif", ".png": "png"}
#: Default size and frame rate per kind (a GIF is small: 640 px wide at 15 frames per second).
DEFAULT_SIZE = {"gif": (640, 360)}
DEFAULT_FPS = {"gif": 15.0}
VIDEO_SIZE, VIDEO_FPS = (1280, 720), 30.0
#: Bounds of the size (pixels), the frame rate and the pace.
SMALLEST, LARGEST = (160, 90), (7680, 4320)
MAX_FPS = 120.0
MAX_PACE = 1e7
#: libx264 with yuv420p wants sizes in whole macroblocks.
MACROBLOCK = 16
#: Frames in a folder are named like this (numbered from 0).
FRAME_NAME = "frame_{:05d}.png"
FRAME_PATTERN = "frame_[0-9][0-9][0-9][0-9][0-9].png"
#: Views known by name though not part of this build (they name what is missing).


@dataclass(frozen=True)
class RenderJob:
    """A checked render: what to draw, how, and where to write it."""

    source: Source
    picture: Picture
    out: Path
    kind: str
    views: tuple[str, ...]
    size: tuple[int, int]
    fps: float
    steps_per_second: float
    end_tick: int
    language: str = "en"
    captions: bool = True
    title: bool = False
    step: int | None = None
    loss_plot: bool = True
    #: Things the person should know (a size rounded for the encoder, a view left out).
    notes: tuple[str, ...] = ()


def output_kind(out: str) -> str:
    """"mp4", "gif", "png" or "frames" (a name ending in a path separator) for the output ``out``."""
    if out.endswith(("/", os.sep)):
        return "frames"
    kind = KINDS.get(Path(out).suffix.lower())
    if kind is None:
        raise InputError("--output", f"must end in .mp4, .gif, .png or / (a folder of PNG frames), not {out!r}",
                         "render.output_kind", {"output": out})
    return kind


def parse_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` as (1280, 720), within the allowed bounds."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(part.strip().isdigit() for part in parts):
        raise InputError("--size", f"must be WIDTHxHEIGHT in pixels, such as 1280x720, not {text!r}",
                         "render.size", {"size": text})
    width, height = (int(part) for part in parts)
    if not (SMALLEST[0] <= width <= LARGEST[0] and SMALLEST[1] <= height <= LARGEST[1]):
        raise InputError("--size", f"{width}x{height} is outside {SMALLEST[0]}x{SMALLEST[1]} .. "
                         f"{LARGEST[0]}x{LARGEST[1]}", "render.size_range",
                         {"size": f"{width}x{height}", "smallest": f"{SMALLEST[0]}x{SMALLEST[1]}",
                          "largest": f"{LARGEST[0]}x{LARGEST[1]}"})
    return width, height


def _check_number(value: float, option: str, high: float) -> float:
    if not (math.isfinite(value) and 0 < value <= high):
        raise InputError(option, f"must be a number above 0 and at most {high:g}, not {value!r}",
                         "number.range", {"value": value, "high": high})
    return float(value)


def check_output(out: str, kind: str, file: Path) -> Path:
    """The output path, if it can be written: its folder exists and is writable, it is not the
    input, and it is not something else (a folder where a file goes, a folder of other files)."""
    path = Path(out).expanduser()
    if path.exists() and file.exists() and path.resolve() == file.resolve():
        raise InputError("--output", f"refusing to overwrite the input {file}", "render.output_is_input",
                         {"path": str(path)})
    parent = path.parent
    if not parent.is_dir():
        raise InputError("--output", f"there is no folder {parent} to write {path.name} in", "render.no_folder",
                         {"path": str(parent), "name": path.name})
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError("--output", f"cannot write in {parent} (no permission)", "render.unwritable",
                         {"path": str(parent)})
    if kind == "frames":
        if path.exists() and not path.is_dir():
            raise InputError("--output", f"{path} exists and is not a folder", "render.not_folder",
                             {"path": str(path)})
        if path.is_dir() and any(not child.match(FRAME_PATTERN) for child in path.iterdir()):
            raise InputError("--output", f"{path} holds files other than numbered frames; choose an empty or "
                             "new folder", "render.folder_not_empty", {"path": str(path)})
    elif path.exists() and not path.is_file():
        raise InputError("--output", f"{path} exists and is not a regular file", "render.not_file",
                         {"path": str(path)})
    return path


def choose_views(names: str | None, picture: Picture, scenario_views: tuple[str, ...] | None,
                 notes: list[str]) -> tuple[str, ...]:
    """The views to draw, main first: those named (``"2d,data"``), else the scenario's, else the
    window's choice (the first main view that fits the problem and every view beside it that fits)."""
    fitting = [cls.key for cls in views_for(picture)]
    if names is not None:
        keys = tuple(name.strip().lower() for name in names.split(",") if name.strip())
        if not keys:
            raise InputError("--view", "names no view", "render.view", {"view": names})
        for key in keys:
            _check_view(key, fitting)
        return keys
    if scenario_views:
        usable = []
        for key in scenario_views:
            try:
                _check_view(key, fitting)
                usable.append(key)
            except InputError as error:
                notes.append(f"the scenario's {key} view is left out: {error.message}")
        if usable:
            return tuple(usable)
    main = [key for key in fitting if VIEWS[key].placement == "main"][:1]
    return tuple(main + [key for key in fitting if VIEWS[key].placement != "main"])


def _check_view(key: str, fitting: list[str]) -> None:
    if key not in VIEWS:
        known = ", ".join(k for k in VIEWS if k != "none")
        raise InputError("--view", f"there is no view {key!r}; choose from {known}", "render.view_unknown",
                         {"view": key, "known": known})
    if key not in fitting:
        raise InputError("--view", f"the {key} view does not fit this problem; it fits "
                         f"{', '.join(fitting)}", "render.view_unfit", {"view": key, "fits": ", ".join(fitting)})
    support = gl_support()
    if needs_gl(VIEWS[key]) and not support.available:
        raise InputError("--view", f"{support.reason} Run with a display, or choose 2d.", "render.no_gl",
                         {"view": key, "reason": support.reason})


def plan_render(file: Path, out: str, *, views: str | None = None, size: str | None = None,
                fps: float | None = None, steps_per_second: float | None = None, language: str = "en",
                captions: bool = True, title: bool = False, step: int | None = None,
                loss_plot: bool = True) -> RenderJob:
    """Check everything about a render and return the job (nothing is written).

    Parameters
    ----------
    file
        A scenario (run to its end) or a recording (replayed).
    out
        ``*.mp4``, ``*.gif``, ``*.png`` (one still) or a folder ending in ``/`` (numbered PNG frames).
    views
        Comma-separated view keys (``"2d"``, ``"2d,data"``); None: as the scenario or the window would.
    size, fps
        ``"WIDTHxHEIGHT"`` and frames per second (defaults: 1280x720 at 30; a GIF 640x360 at 15).
    steps_per_second
        The simulation's pace in the video (default: the scenario's pace, else :func:`default_pace`).
    language, captions, title, step, loss_plot
        Caption language; whether to draw captions; a title card first; the step of a still
        (default: the last); the loss plot below the views.

    Raises
    ------
    InputError
        Naming the option (or the file and key path) that is wrong.
    """
    kind = output_kind(out)
    path = check_output(out, kind, file)
    width, height = parse_size(size) if size is not None else DEFAULT_SIZE.get(kind, VIDEO_SIZE)
    frame_rate = _check_number(fps, "--fps", MAX_FPS) if fps is not None else DEFAULT_FPS.get(kind, VIDEO_FPS)
    if steps_per_second is not None:
        _check_number(steps_per_second, "--steps-per-second", MAX_PACE)
    if kind == "png" and title:
        raise InputError("--title", "a title card opens a video or a folder of frames, not a still",
                         "render.title_still")
    if step is not None and kind != "png":
        raise InputError("--step", "chooses the step of a still (an output ending in .png)", "render.step_video")
    notes: list[str] = []
    if kind == "mp4" and (width % MACROBLOCK or height % MACROBLOCK):
        rounded = tuple(math.floor(side / MACROBLOCK + 0.5) * MACROBLOCK for side in (width, height))
        notes.append(f"{width}x{height} rounded to {rounded[0]}x{rounded[1]} (the video encoder works in "
                     f"blocks of {MACROBLOCK} pixels)")
        width, height = rounded
    source = load_source(file)
    picture = make_picture(source.problem, landscape_grid(source.problem))
    chosen = choose_views(views, picture, source.scenario.view, notes)
    end_tick = source.end_tick()
    if step is not None and not 0 <= step <= end_tick:
        raise InputError("--step", f"must be between 0 and the last step, {end_tick}, not {step}",
                         "render.step_range", {"step": step, "end": end_tick})
    pace = steps_per_second or source.scenario.pace or default_pace(end_tick, source.scenario.captions)
    return RenderJob(source, picture, path, kind, chosen, (width, height), frame_rate, float(pace), end_tick,
                     language, captions, title, step, loss_plot, tuple(notes))
