"""The 3D view's speed: frames per second drawing 8 balls with trails, and a 10,000-ball swarm, at
1280x720, on whatever OpenGL the display offers (Mesa's llvmpipe under Xvfb: software, on the CPU).

Run it under Xvfb with the xcb platform (what CI and a remote desktop use):

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/bench_3d.py

Targets (issue 14): 8 balls with trails >= 30 frames/s in the window; a 10,000-ball swarm >= 15.

Each frame takes one batch from an engine in this thread (not timed), merges it into the live run
model, and times the view's ``draw`` and a synchronous repaint of its canvas (the scene drawn by
OpenGL into a framebuffer, read back, painted). The bare loop, taking turns with it round by round, is
the same repaint with nothing moved but the scene marked changed: what OpenGL costs for the runs'
items and the read-back alone. "Orbiting" turns the camera every frame, so the landscape (drawn once
per camera otherwise, coarse while the camera moves) is drawn every frame too. Beside the frames per
second, each loop's CPU time per frame (``time.process_time``: every thread of this process, so
llvmpipe's rasterising threads too) is less sensitive to what else the machine runs. The window line
is the main window itself in the 3D layout, its frame clock's painted frames per second while 8 runs
race flat out, then in the split and 2D layouts (the 2D window is the bare side there: what a window
gets from the machine now).
Options: --seconds N per measurement (default 6), --rounds N (default 5), --no-window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from bench_gui import racing_scenario, wait
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from gdsim.core.grid import landscape_grid
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.qt.gl import gl_support
from gdsim.qt.run_traces import RunTraces

#: The canvas size measured.
WIDTH, HEIGHT = 1280, 720


def swarm_scenario() -> Scenario:
    run = RunSpec(label="swarm", optimizer="sgd", hyper={"lr": 0.002}, start={"random": 10_000})
    return Scenario(problem={"kind": "landscape", "name": "himmelblau"}, runs=(run,), steps=100_000_000)


class Stage:
    """A shown 3D view whose canvas is WIDTH x HEIGHT, fed by an engine in this thread."""

    def __init__(self, app: QApplication, scenario: Scenario) -> None:
        from gdsim.qt.views.landscape_drawing import make_picture
        from gdsim.qt.views.surface_3d import SurfaceView

        self.app = app
        self.engine = Engine(scenario)
        self.view = SurfaceView()
        self.view.set_controls_visible(False)
        self.view.show()
        wait(app, 0.3)
        self.view.set_problem(make_picture(self.engine.problem, landscape_grid(self.engine.problem)))
        chrome = self.view.height() - self.view.canvas.height()
        self.view.resize(WIDTH, HEIGHT + chrome)
        wait(app, 0.3)
        self.specs = {run_id: run.spec for run_id, run in self.engine.runs.items()}
        self.traces = RunTraces()
        self.traces.take(self.engine.snapshot())
        self.selected = next(iter(self.specs))

    @property
    def size(self) -> tuple[int, int]:
        return self.view.canvas.width(), self.view.canvas.height()

    def step(self) -> None:
        """One engine batch into the live run model (not part of a frame's time)."""
        self.engine.advance(200, 0.004)
        self.traces.take(self.engine.snapshot())

    def frame(self, orbit: bool = False) -> None:
        if orbit:
            self.view.canvas.orbit(1.0, 0.0)
        self.view.draw(self.traces, self.specs, self.selected)
        self.view.canvas.repaint()

    def bare(self) -> None:
        self.view.canvas.update()
        self.view.canvas.repaint()

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()
        wait(self.app, 0.1)


def frames_per_second(stage: Stage, seconds: float, rounds: int, orbit: bool = False) -> dict[str, float | str]:
    """Frames per second of the view and of the bare loop and their CPU milliseconds per frame (medians
    over rounds), and the view's time over the bare loop's (median [spread])."""
    view_fps, bare_fps, view_cpu, bare_cpu, ratios = [], [], [], [], []
    per_side = seconds / rounds / 2
    for index in range(rounds):
        times, cpu = {}, {}
        for side in (("view", "bare") if index % 2 == 0 else ("bare", "view")):
            spent, used, frames = 0.0, 0.0, 0
            while spent < per_side:
                stage.step()
                started, cpu_started = time.perf_counter(), time.process_time()
                stage.frame(orbit) if side == "view" else stage.bare()
                spent += time.perf_counter() - started
                used += time.process_time() - cpu_started
                frames += 1
            times[side], cpu[side] = spent / frames, 1000 * used / frames
        view_fps.append(1 / times["view"])
        bare_fps.append(1 / times["bare"])
        view_cpu.append(cpu["view"])
        bare_cpu.append(cpu["bare"])
        ratios.append(times["view"] / times["bare"])
    return {"fps": statistics.median(view_fps), "bare": statistics.median(bare_fps),
            "cpu": statistics.median(view_cpu), "bare_cpu": statistics.median(bare_cpu),
            "ratio": f"{statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]"}


def window_frames_per_second(app: QApplication, seconds: float, layout: str) -> tuple[float, float]:
    """The main window in ``layout``, 8 runs racing flat out: frames painted per second and steps per second."""
    from gdsim.qt.main_window import MainWindow

    window = MainWindow(racing_scenario(), QSettings())
    window.resize(1900, 1040)
    window.show()
    wait(app, 10, lambda: window.snapshot is not None)
    window.layouts.actions[layout].trigger()
    wait(app, 1.0)
    window.toggle_play()
    wait(app, 1.0)
    painted, tick, started = window.clock.painted, window.snapshot.tick, time.perf_counter()
    wait(app, seconds)
    elapsed = time.perf_counter() - started
    result = ((window.clock.painted - painted) / elapsed, (window.snapshot.tick - tick) / elapsed)
    window.setWindowModified(False)
    window.shut_down()
    window.close()
    window.deleteLater()
    wait(app, 0.2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-window", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    support = gl_support()
    if not support.available:
        sys.exit(f"bench_3d: {support.reason}")
    from OpenGL import GL

    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    for name, scenario in (("8 balls with trails", racing_scenario()), ("10,000-ball swarm", swarm_scenario())):
        stage = Stage(app, scenario)
        if name.startswith("8"):
            for _ in range(300):  # trails of a few thousand points
                stage.step()
            stage.view.canvas.makeCurrent()
            renderer = GL.glGetString(GL.GL_RENDERER).decode()
            print(f"OpenGL: {renderer}; canvas {stage.size[0]}x{stage.size[1]}")
        for orbit in (False, True):
            m = frames_per_second(stage, args.seconds, args.rounds, orbit)
            label = f"{name}{', orbiting' if orbit else ''}"
            print(f"{label:30s} {m['fps']:6.1f} frames/s ({m['cpu']:5.1f} ms CPU)   bare repaint {m['bare']:6.1f} "
                  f"frames/s ({m['bare_cpu']:5.1f} ms CPU)   view/bare {m['ratio']}")
        stage.close()
    if not args.no_window:  # the same window in 2D, in this process: what the machine gives a window now
        for layout in ("3d", "split", "2d"):
            fps, steps = window_frames_per_second(app, args.seconds * 2, layout)
            label = f"window, {layout} layout, 8 runs racing"
            print(f"{label:34s} {fps:6.1f} frames/s   {steps:8,.0f} steps/s")
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
