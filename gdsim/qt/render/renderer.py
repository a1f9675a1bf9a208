"""The render loop: play the source, draw each frame's tick into the hidden canvas, hand it to the sink.

A tick shown by several frames in a row (a pace slower than the frame rate) is drawn once and its
image written again. ``progress(done, total)`` is called after every frame; whatever it raises
(KeyboardInterrupt from Ctrl-C, a cancel) stops the render and leaves nothing at the output.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from gdsim.qt.captions import caption_in
from gdsim.qt.render.canvas import RenderCanvas
from gdsim.qt.render.job import RenderJob
from gdsim.qt.render.sinks import open_sink
from gdsim.qt.render.timeline import frame_ticks
from gdsim.qt.render.title_card import TITLE_SECONDS, paint_title_card
from gdsim.qt.run_traces import RunTraces

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderResult:
    """What was written: the output, its kind, how many frames, of what size."""

    out: Path
    kind: str
    frames: int
    size: tuple[int, int]


def shown_ticks(job: RenderJob) -> np.ndarray:
    """The engine tick of every simulation frame (one for a still: ``--step`` or the last)."""
    if job.kind == "png":
        return np.array([job.end_tick if job.step is None else job.step])
    return frame_ticks(job.end_tick, job.steps_per_second, job.fps)


def title_frames(job: RenderJob) -> int:
    """How many frames the title card lasts (0 without one)."""
    return round(TITLE_SECONDS * job.fps) if job.title else 0


def frame_total(job: RenderJob) -> int:
    """The number of frames the job writes."""
    return title_frames(job) + len(shown_ticks(job))


def _title_card(job: RenderJob) -> QImage:
    scenario, problem = job.source.scenario, job.source.problem
    title = caption_in(scenario.title, job.language) if scenario.title else problem.title
    subtitle = problem.title if scenario.title else ""
    return paint_title_card(QImage(*job.size, QImage.Format.Format_RGB32), title, subtitle)


def render(job: RenderJob, progress: Progress | None = None) -> RenderResult:
    """Render ``job`` (a QApplication must exist; call in the GUI thread) and return what was written."""
    ticks = shown_ticks(job)
    total = frame_total(job)
    report = progress or (lambda _done, _total: None)
    canvas = RenderCanvas(job.picture, job.views, job.size, job.loss_plot)
    canvas.set_captions(job.source.scenario.captions if job.captions else (), job.language)
    sink = open_sink(job.kind, job.out, job.size, job.fps)
    try:
        done = 0
        if job.title:
            card = _title_card(job)
            for _ in range(title_frames(job)):
                sink.write(card)
                done += 1
                report(done, total)
        player = job.source.player()
        live = RunTraces()
        specs: dict = {}
        drawn_tick, image = None, None
        for tick in ticks.tolist():
            if tick != drawn_tick:
                player.advance_to(tick)
                snapshot = player.snapshot()
                live.take(snapshot)
                if snapshot.specs is not None:
                    specs = dict(snapshot.specs)
                image = canvas.draw(live, specs, next(iter(specs), None))
                drawn_tick = tick
            sink.write(image)
            done += 1
            report(done, total)
        sink.finish()
    except BaseException:
        sink.abort()
        raise
    finally:
        canvas.close()
        canvas.deleteLater()
    return RenderResult(job.out, job.kind, total, job.size)
