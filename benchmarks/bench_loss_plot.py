"""The loss plot's cost per update against plain pyqtgraph curves, in the same process.

Eight runs race on Rosenbrock (the engine's real histories, computed first, 17 steps a frame); every
6th frame both plots take the new points: gdsim's LossPlot (curves reduced to their bins' extremes
and stroked in cached chunks as they grow), and a plain pyqtgraph plot of the same size and ranges
whose PlotDataItems get the whole history each time (``setData``, auto peak downsampling, clip to
view: what the loss plot did before). The CPU time of the GUI thread for the update and the paint
that follows is timed for each, taking turns; a ratio below 1 means gdsim's is cheaper.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/bench_loss_plot.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from gdsim.engine.engine import Engine
from gdsim.engine.spec import OKABE_ITO, RunSpec
from gdsim.qt.run_traces import RunTraces

sys.path.insert(0, os.path.dirname(__file__))
from bench_gui import racing_scenario  # noqa: E402

#: The plot's size in the window at 1400 x 900 (below the views, between the side panels).
SIZE = (700, 260)


class PaintTimer:
    """CPU time of the GUI thread spent in pyqtgraph views' paint events, per view."""

    def __init__(self) -> None:
        self.spent: dict[int, float] = {}
        original = pg.GraphicsView.paintEvent
        timer = self

        def paint_event(view, event):
            started = time.thread_time()
            try:
                return original(view, event)
            finally:
                timer.spent[id(view)] = timer.spent.get(id(view), 0.0) + time.thread_time() - started

        pg.GraphicsView.paintEvent = paint_event


class PlainPlot:
    """The loss tab drawn the plain way: a PlotDataItem per run, given the whole history each time."""

    def __init__(self) -> None:
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setLogMode(False, True)
        self.items: dict[int, pg.PlotDataItem] = {}

    def draw(self, runs, specs, ranges) -> None:
        for trace in runs:
            item = self.items.get(trace.run_id)
            if item is None:
                item = self.items[trace.run_id] = pg.PlotDataItem(pen=pg.mkPen(specs[trace.run_id].color, width=1))
                item.setDownsampling(auto=True, method="peak")
                item.setClipToView(True)
                self.plot.addItem(item)
            n = trace.length
            item.setData(trace.steps[:n], np.clip(trace.loss[:n], 1e-300, None), connect="finite")
        (x0, x1), (y0, y1) = ranges
        self.plot.setXRange(x0, x1, padding=0)
        self.plot.setYRange(y0, y1, padding=0)


def histories(frames: int, per_frame: int):
    engine = Engine(racing_scenario())
    snapshots = [engine.snapshot()]
    for _ in range(frames):
        engine.advance(per_frame)
        snapshots.append(engine.snapshot())
    return snapshots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=1200, help="frames of 17 steps (default 1200: 20 s at 60/s)")
    parser.add_argument("--every", type=int, default=6, help="update the plots every this many frames")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    from gdsim.qt.app import configure
    from gdsim.qt.views.loss_plot import LossPlot

    configure(app)
    timer = PaintTimer()
    print(f"load average {os.getloadavg()[0]:.1f}; computing {args.frames * 17:,} steps of 8 runs ...")
    snapshots = histories(args.frames, 17)
    ours, plain = LossPlot(), PlainPlot()
    for widget in (ours, plain.widget):
        widget.resize(*SIZE)
        widget.show()
    app.processEvents()
    live = RunTraces()
    specs: dict[int, RunSpec] = {}
    costs: dict[str, list[float]] = {"gdsim": [], "plain": []}
    views = {"gdsim": ours.tabs.currentWidget(), "plain": plain.widget}
    for index, snapshot in enumerate(snapshots):
        live.take(snapshot)
        for trace in live:
            specs.setdefault(trace.run_id, RunSpec(label=str(trace.run_id), color=OKABE_ITO[trace.run_id % 8]))
        if index % args.every != 1:
            continue
        order = ("gdsim", "plain") if index % (2 * args.every) == 1 else ("plain", "gdsim")
        for name in order:
            timer.spent.clear()
            started = time.thread_time()
            if name == "gdsim":
                ours.draw(live, specs)
            else:
                plain.draw(live, specs, ours.plots[0].vb.viewRange())
            drawn = time.thread_time() - started
            app.processEvents()
            costs[name].append((drawn + timer.spent.get(id(views[name]), 0.0)) * 1e3)
    gdsim, bare = np.array(costs["gdsim"]), np.array(costs["plain"])
    ratio = gdsim / bare
    for name, values in (("gdsim", gdsim), ("plain pyqtgraph", bare)):
        print(f"{name}: update + paint {values.mean():.2f} ms CPU on average, p95 {np.percentile(values, 95):.2f}, "
              f"max {values.max():.2f} ({len(values)} updates)")
    print(f"gdsim / plain: {np.median(ratio):.2f} (median of paired updates) "
          f"[{np.percentile(ratio, 10):.2f}-{np.percentile(ratio, 90):.2f}]; "
          f"total {gdsim.sum() / bare.sum():.2f}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
