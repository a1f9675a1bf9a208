"""``gdsim render`` in a terminal: the offscreen platform when there is no display, a progress bar on
stderr, and Ctrl-C (or SIGTERM) stopping cleanly with nothing written."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

#: The progress bar's format; the window's export dialog reads "N/M frames" from it.
BAR_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} frames [{elapsed}<{remaining}, {rate_fmt}]"
#: The exit status after an interruption (as a shell reports SIGINT).
EXIT_INTERRUPTED = 130


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt


def render_command(file: Path, out: str, offscreen: bool = False, quiet: bool = False, **options: Any) -> int:
    """Render ``file`` to ``out`` (options as :func:`gdsim.qt.render.job.plan_render` takes them) with a
    progress bar; returns the exit status. Bad input raises InputError before anything is written."""
    from gdsim.qt.render.headless import choose_platform

    choose_platform(offscreen)
    from PySide6.QtWidgets import QApplication
    from tqdm import tqdm

    from gdsim.qt.app import configure
    from gdsim.qt.render.job import plan_render
    from gdsim.qt.render.renderer import frame_total, render

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    job = plan_render(file, out, **options)
    for note in job.notes:
        print(f"gdsim: note: {note}", file=sys.stderr)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    bar = tqdm(total=frame_total(job), desc=f"rendering {job.out.name or job.out}", unit="frame",
               bar_format=BAR_FORMAT, file=sys.stderr, disable=quiet)
    try:
        result = render(job, lambda done, _total: bar.update(done - bar.n))
    except KeyboardInterrupt:
        bar.close()
        print(f"gdsim: interrupted; nothing written to {job.out}", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        bar.close()
        signal.signal(signal.SIGTERM, previous)
    width, height = result.size
    print(f"wrote {result.out} ({result.frames} frame{'s' if result.frames != 1 else ''}, {width}x{height})")
    return 0
