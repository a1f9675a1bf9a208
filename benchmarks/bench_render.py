"""``gdsim render`` speed: frames per second drawn and encoded, against a bare ffmpeg loop.

Lesson 11 (five runs on a 2D landscape) and lesson 14 (six optimizers on a regression's (w, b)
landscape, with the data view beside it), every frame a new step, rendered
1. to MP4 at 1280x720 (libx264, crf 23, veryfast), and
2. to GIF at 640x360 (ffmpeg's palettegen / paletteuse; lesson 14),
against the bare loop: the same number of frames (one pre-drawn image, no Qt) piped to the same
ffmpeg settings with imageio_ffmpeg, which is the encoder's own ceiling. Also the drawing alone (the
views drawn and captured, nothing encoded). Sides take turns; ratios are the rounds' paired medians
(wall time: ffmpeg encodes in its own process, so the CPU time of this one misses it).
Runs offscreen. Usage: python benchmarks/bench_render.py [--quick]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from timing import load_average, paired_ratio, taking_turns  # noqa: E402

from gdsim.qt.app import configure  # noqa: E402
from gdsim.qt.render.canvas import RenderCanvas  # noqa: E402
from gdsim.qt.render.job import plan_render  # noqa: E402
from gdsim.qt.render.renderer import render  # noqa: E402
from gdsim.qt.render.sinks import GIF_FILTER, MP4_PARAMS  # noqa: E402
from gdsim.qt.run_traces import RunTraces  # noqa: E402

LESSONS = Path(__file__).resolve().parents[1] / "resources" / "scenarios"
LANDSCAPE = LESSONS / "11_local_minima_random_restarts.json"
WITH_DATA = LESSONS / "14_six_methods_one_problem.json"


def lesson_file(folder: Path, steps: int, lesson: Path = WITH_DATA) -> Path:
    data = json.loads(lesson.read_text(encoding="utf-8"))
    data["steps"] = steps
    data.pop("pace", None)
    path = folder / lesson.name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def bare_encode(out: Path, size: tuple[int, int], frames: int, fps: float, gif: bool) -> None:
    """The same frames' worth of bytes through the same ffmpeg settings, with no Qt at all."""
    import imageio_ffmpeg

    frame = np.random.default_rng(0).integers(0, 255, (size[1], size[0], 4), dtype=np.uint8)
    frame[:] = frame[0:1, 0:1]  # a flat picture: the encoder's cheapest case
    options = ({"codec": "gif", "pix_fmt_out": "pal8", "macro_block_size": 1,
                "output_params": ["-vf", GIF_FILTER, "-loop", "0"]} if gif else
               {"codec": "libx264", "pix_fmt_out": "yuv420p", "output_params": list(MP4_PARAMS)})
    writer = imageio_ffmpeg.write_frames(str(out), size, pix_fmt_in="bgra", fps=fps, quality=None,
                                         ffmpeg_log_level="error", **options)
    writer.send(None)
    for _ in range(frames):
        writer.send(frame)
    writer.close()


def draw_only(job) -> None:
    """The views drawn and captured for every frame, nothing encoded."""
    canvas = RenderCanvas(job.picture, job.views, job.size, job.loss_plot)
    canvas.set_captions(job.source.scenario.captions, "en")
    player, live, specs = job.source.player(), RunTraces(), {}
    for tick in range(job.end_tick + 1):
        player.advance_to(tick)
        snapshot = player.snapshot()
        live.take(snapshot)
        specs = dict(snapshot.specs) if snapshot.specs is not None else specs
        canvas.draw(live, specs, 0)
    canvas.close()
    canvas.deleteLater()


def measure(folder: Path, lesson: Path, kind: str, size: str, fps: float, frames: int, rounds: int) -> None:
    source = lesson_file(folder, frames - 1, lesson)
    out = folder / f"bench.{kind}"
    job = plan_render(source, str(out), size=size, fps=fps, steps_per_second=fps)
    assert job.end_tick == frames - 1, job.end_tick
    works = {
        "render": lambda: render(job),
        "draw only": lambda: draw_only(job),
        "bare ffmpeg": lambda: bare_encode(folder / f"bare.{kind}", job.size, frames, fps, kind == "gif"),
    }
    samples = taking_turns(works, rounds)
    print(f"\nlesson {lesson.name[:2]} ({'+'.join(job.views)}): {kind.upper()} {job.size[0]}x{job.size[1]} "
          f"at {fps:g} fps, {frames} frames, {rounds} rounds; "
          f"{load_average()}")
    for name, sample in samples.items():
        walls = sample.wall
        print(f"  {name:<12} {frames / statistics.median(walls):6.1f} frames/s "
              f"[{frames / max(walls):.1f}-{frames / min(walls):.1f}]  (median wall {statistics.median(walls):.2f} s)")
    print(f"  render / bare ffmpeg: {paired_ratio(samples['render'], samples['bare ffmpeg']).text()}")
    print(f"  render / draw only:   {paired_ratio(samples['render'], samples['draw only']).text()}")
    print(f"  file: {out.stat().st_size / 1024:.0f} KiB")


def main() -> None:
    quick = "--quick" in sys.argv
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    rounds = 3 if quick else 5
    with tempfile.TemporaryDirectory() as folder:
        measure(Path(folder), LANDSCAPE, "mp4", "1280x720", 30.0, 90 if quick else 150, rounds)
        measure(Path(folder), WITH_DATA, "mp4", "1280x720", 30.0, 90 if quick else 150, rounds)
        measure(Path(folder), WITH_DATA, "gif", "640x360", 15.0, 45 if quick else 75, rounds)


if __name__ == "__main__":
    main()
