"""The command line: ``gdsim`` (the window), ``gdsim FILE``, ``gdsim run``, ``gdsim render``, ``gdsim validate``, ...

Bad input never shows a traceback: a one-line message on stderr and exit status 2, with nothing
written. ``run`` checks its output target before it simulates. Ctrl+C ends with exit status 130 and
one line. Output that the terminal's encoding cannot show (``LC_ALL=C``) is escaped, never a crash.

A subcommand is a parser added in :func:`_parser` and a function taking the parsed arguments in
:data:`HANDLERS`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import gdsim
from gdsim.core.errors import InputError

if TYPE_CHECKING:
    from gdsim.core.problem import Problem
    from gdsim.engine.spec import Scenario
    from gdsim.session.limits import Limits

COMMANDS = ("run", "render", "validate", "landscapes", "sweep")
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
NO_LIMITS_HELP = ("lift the limits on file size, runs, balls, features, captions, events, work and recording "
                  "size (see the README); the file may then take hours or all memory")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdsim", description="A desktop gradient-descent simulator. "
        "With no command (or just a FILE) it opens the window.")
    parser.add_argument("--version", action="version", version=f"gdsim {gdsim.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser("run", help="run a scenario, or replay a recording, and write the recording")
    run.add_argument("scenario", type=Path, metavar="FILE",
                     help="scenario file (.json), or a recording whose events are replayed to its final tick")
    run.add_argument("-o", "--output", type=Path, required=True,
                     help="recording file to write (a regular file or a new one; a link to a file writes that file)")
    run.add_argument("--no-limits", action="store_true", help=NO_LIMITS_HELP)
    _add_render_parser(commands)
    _add_sweep_parser(commands)
    validate = commands.add_parser("validate", help="check a scenario or recording file")
    validate.add_argument("file", type=Path)
    validate.add_argument("--no-limits", action="store_true", help=NO_LIMITS_HELP)
    landscapes = commands.add_parser("landscapes", help="list the landscape catalog")
    landscapes.add_argument("--json", action="store_true", help="print the catalog as JSON")
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gdsim", description="Open the gdsim window.")
    parser.add_argument("--version", action="version", version=f"gdsim {gdsim.__version__}")
    parser.add_argument("file", nargs="?", type=Path, help="a scenario or recording to open")
    parser.add_argument("--lang", choices=("zh", "en"), help="the interface language (default: the one chosen "
                        "last in View > Language, else the system's)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``gdsim`` and ``python main.py``; returns the exit status."""
    _escape_unprintable_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help"):
        args = _window_parser().parse_args(argv)
        return _open_window(args.file, args.lang)
    args = _parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except InputError as error:
        print(f"gdsim: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("gdsim: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED


def _escape_unprintable_output() -> None:
    """Let stdout and stderr escape what their encoding cannot show (``LC_ALL=C``) instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _limits(args: argparse.Namespace) -> Limits:
    """The limits a command applies: none with ``--no-limits``."""
    from gdsim.session.limits import LIMITS, NO_LIMITS

    return NO_LIMITS if getattr(args, "no_limits", False) else LIMITS


def _open_window(file: Path | None, language: str | None = None) -> int:
    from gdsim.qt.app import run_app

    return run_app(file, language)


def _run(args: argparse.Namespace) -> int:
    from gdsim.engine.commands import AddRun
    from gdsim.session.jsonio import read_json, writable_target
    from gdsim.session.limits import check_recorded
    from gdsim.session.recording import parse_recording, save_recording
    from gdsim.session.scenario import parse_scenario
    from gdsim.session.simulate import replay, simulate
    from gdsim.session.versions import RECORDING_FORMAT

    limits = _limits(args)
    target = writable_target(args.output, probe=True)
    if target.resolve() == args.scenario.resolve():
        raise InputError("", f"refusing to overwrite {args.scenario} with its recording")
    try:
        data = read_json(args.scenario, limits.file_bytes)
        if isinstance(data, dict) and data.get("format") == RECORDING_FORMAT:
            parsed = parse_recording(data, limits)
            scenario = parsed["scenario_spec"]
            added = [event.command.spec for event in parsed["event_list"] if isinstance(event.command, AddRun)]
            check_recorded(scenario.steps, (*scenario.runs, *added), _problem_of(scenario), limits)
            recording = replay(parsed)
        else:
            scenario, problem = parse_scenario(data, limits)
            check_recorded(scenario.steps, scenario.runs, problem, limits)
            recording = simulate(scenario)
    except InputError as error:
        raise InputError("", f"{args.scenario}: {error}") from None
    save_recording(recording, args.output)
    for run in recording["runs"]:
        print(f"{run['label']}: {run['status']} after {run['steps']} steps"
              + (f" ({run['reason']})" if run["reason"] else ""))
    print(f"wrote {args.output}")
    return 0


def _problem_of(scenario: Scenario) -> Problem:
    """The problem a parsed scenario runs on (built again: parsing a recording keeps only its scenario)."""
    from gdsim.engine.problems import build_problem

    return build_problem(scenario.problem)


def _validate(args: argparse.Namespace) -> int:
    from gdsim.session.jsonio import read_json
    from gdsim.session.recording import parse_recording
    from gdsim.session.scenario import parse_scenario
    from gdsim.session.versions import RECORDING_FORMAT

    limits = _limits(args)
    try:
        data = read_json(args.file, limits.file_bytes)
        if isinstance(data, dict) and data.get("format") == RECORDING_FORMAT:
            recording = parse_recording(data, limits)
            print(f"{args.file}: a valid recording of {len(recording['runs'])} run(s), "
                  f"{len(recording['event_list'])} event(s)")
        else:
            scenario, problem = parse_scenario(data, limits)
            print(f"{args.file}: a valid scenario: {len(scenario.runs)} run(s) on {problem.title}, "
                  f"{scenario.steps} steps")
    except InputError as error:
        raise InputError("", f"{args.file}: {error}") from None
    return 0


def _landscapes(args: argparse.Namespace) -> int:
    from gdsim.session.catalog import landscape_catalog

    catalog = landscape_catalog()
    if args.json:
        print(json.dumps(catalog, indent=1, ensure_ascii=False))
        return 0
    for entry in catalog:
        minima = "; ".join("(" + ", ".join(f"{v:.6g}" for v in m["location"]) + f") = {m['value']:.6g}"
                           for m in entry["critical_points"] if m["kind"] == "minimum")
        print(f"{entry['name']:<18} {entry['dim']}D  {entry['formula']}\n{'':<22}minima: {minima}")
    return 0


def _add_render_parser(commands) -> None:
    render = commands.add_parser(
        "render", help="draw a scenario (run to its end) or a recording (replayed) as MP4, GIF, PNG or PNG frames",
        description="Draw a scenario or a recording without a window (offscreen when there is no display).")
    render.add_argument("file", type=Path, metavar="FILE", help="a scenario (.json) or a recording (.gdsim.json)")
    render.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="OUT.mp4, OUT.gif, OUT.png (one still) or a folder OUT/ (numbered PNG frames)")
    render.add_argument("--view", metavar="VIEWS", help="views side by side, main first: 1d, 2d, data, 3d "
                        "(e.g. 2d,data; default: the scenario's, else those that fit the problem)")
    render.add_argument("--size", metavar="WxH", help="frame size in pixels (default 1280x720; a GIF 640x360)")
    render.add_argument("--fps", type=float, help="frames per second (default 30; a GIF 15)")
    render.add_argument("--steps-per-second", type=float, metavar="PACE",
                        help="simulated steps per second of video (default: the scenario's pace, else the run "
                        "in about 10 s, slow enough to read each caption)")
    render.add_argument("--step", type=int, help="for a .png still: the step shown (default: the last)")
    render.add_argument("--lang", choices=("en", "zh"), default="en", help="language of captions and title")
    render.add_argument("--no-captions", action="store_true", help="leave the scenario's captions out")
    render.add_argument("--no-loss-plot", action="store_true", help="leave out the loss plot below the views")
    render.add_argument("--title", action="store_true", help="open with a title card (the scenario's title)")
    render.add_argument("--offscreen", action="store_true", help="draw offscreen even when there is a display")
    render.add_argument("--quiet", action="store_true", help="no progress bar")


def _render(args: argparse.Namespace) -> int:
    from gdsim.qt.render.terminal import render_command

    return render_command(args.file, args.output, offscreen=args.offscreen, quiet=args.quiet, views=args.view,
                          size=args.size, fps=args.fps, steps_per_second=args.steps_per_second, language=args.lang,
                          captions=not args.no_captions, title=args.title, step=args.step,
                          loss_plot=not args.no_loss_plot)


def _add_sweep_parser(commands) -> None:
    sweep = commands.add_parser(
        "sweep", help="run a learning-rate x optimizer sweep and write one CSV row per cell, plus a summary",
        description="Run every optimizer of a sweep file at every learning rate from every seed. Rows are "
        "appended to OUT as cells finish; at the end OUT is rewritten atomically in cell order, and the summary "
        "per optimizer is printed and written beside it (OUT.summary.csv). Ctrl+C keeps the rows finished so far.")
    sweep.add_argument("sweep", type=Path, metavar="SWEEP", help="sweep file (.json, format gdsim.sweep)")
    sweep.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="results CSV to write")
    where = sweep.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="run cells on N local processes")
    where.add_argument("--scheduler", metavar="ADDRESS", help="run cells on the Dask distributed cluster at "
                       "ADDRESS (tcp://host:8786; needs the extra gdsim[distributed])")
    sweep.add_argument("--one-at-a-time", action="store_true", help="run each cell on its own instead of one "
                       "swarm per optimizer (same rows, slower; for checking)")
    sweep.add_argument("--quiet", action="store_true", help="no progress bar")
    sweep.add_argument("--no-limits", action="store_true", help=NO_LIMITS_HELP)


def _sweep(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from gdsim.session.jsonio import writable_target
    from gdsim.session.sweep import load_sweep
    from gdsim.session.sweep_exec import executor
    from gdsim.session.sweep_results import csv_text, summary_path, summary_table, write_results

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers", f"must be at least 1, not {args.workers}")
    target = writable_target(args.output, probe=True)
    writable_target(summary_path(args.output), probe=True)
    if target.resolve() == args.sweep.resolve():
        raise InputError("", f"refusing to overwrite {args.sweep} with its results")
    try:
        sweep, problem = load_sweep(args.sweep, _limits(args))
    except InputError as error:
        raise InputError("", f"{args.sweep}: {error}") from None
    groups = executor(sweep, problem, args.workers, args.scheduler, not args.one_at_a_time)  # a cluster is reached now
    results = []
    interrupted = False
    with open(target, "w", encoding="utf-8", newline="") as partial, tqdm(
            total=len(sweep.cells), unit="cell", file=sys.stderr, disable=args.quiet) as progress:
        partial.write(csv_text([]))
        try:
            for rows in groups:
                results.extend(rows)
                partial.write(csv_text(rows, header=False))
                partial.flush()
                progress.update(len(rows))
        except KeyboardInterrupt:
            interrupted = True
    lines = write_results(sweep, results, target)
    print(summary_table(lines))
    failed = sum(result.failed for result in results)
    print(f"wrote {args.output} ({len(results)} of {len(sweep.cells)} cells" + (f", {failed} failed" if failed else "")
          + f") and {summary_path(args.output)}")
    if interrupted:
        print("gdsim: interrupted; the cells finished so far were written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


#: command -> the function running it with the parsed arguments.
HANDLERS = {"run": _run, "render": _render, "validate": _validate, "landscapes": _landscapes, "sweep": _sweep}
