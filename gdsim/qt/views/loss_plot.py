"""Loss against step for every run, with tabs for the gradient norm and the learning rate."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QTabWidget, QVBoxLayout, QWidget

from gdsim.engine.spec import RunSpec
from gdsim.qt.run_traces import RunTraces
from gdsim.qt.views.log_axis import LogFriendlyAxis
from gdsim.qt.views.style import Style

#: tab title, trace column, y-axis label
TABS = (("Loss", "loss", "loss J"), ("Gradient norm", "grad_norm", "‖∇J‖"), ("Learning rate", "lrs", "learning rate"))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5 or 7.5 times a power of ten that is at least ``value`` (> 0)."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in (1, 1.5, 2, 3, 5, 7.5, 10) if m * power >= value))


class LossPlot(QWidget):
    """Tabs of per-run curves against the step; only the visible tab is redrawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style = Style()
        self.tabs = QTabWidget(self)
        self.log_y = QCheckBox("log y", self)
        self.log_y.setChecked(True)
        self.log_y.setToolTip("Logarithmic y axis: equal ratios look equal (losses shrink by factors).")
        self.tabs.setCornerWidget(self.log_y)
        self.plots: list[pg.PlotItem] = []
        for title, _column, label in TABS:
            widget = pg.PlotWidget(axisItems={"left": LogFriendlyAxis("left")})
            plot = widget.getPlotItem()
            plot.setLabel("bottom", "step")
            plot.setLabel("left", label)
            plot.showGrid(False, True, alpha=0.25)
            self.plots.append(plot)
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._curves: dict[tuple[int, int], pg.PlotDataItem] = {}
        self._drawn: dict[int, tuple] = {}
        self._ranges: dict[int, tuple] = {}
        #: Tabs showing a value <= 0 (a loss can be negative): drawn linear, since a log axis cannot show it.
        self._not_positive: set[int] = set()
        self.log_y.toggled.connect(self._set_log)
        self._set_log(True)
        self.set_presentation(False)

    def _set_log(self, on: bool) -> None:
        for tab, plot in enumerate(self.plots[:2]):
            plot.setLogMode(False, on and tab not in self._not_positive)
        self._drawn.clear()
        self._ranges.clear()

    def curve(self, tab: int, run_id: int) -> pg.PlotDataItem | None:
        """The curve of run ``run_id`` on tab ``tab`` (for tests)."""
        return self._curves.get((tab, run_id))

    def clear(self) -> None:
        for (tab, _), item in self._curves.items():
            self.plots[tab].removeItem(item)
        self._curves.clear()
        self._drawn.clear()
        self._ranges.clear()
        self._not_positive.clear()
        self._set_log(self.log_y.isChecked())

    def draw(self, traces: RunTraces, specs: Mapping[int, RunSpec]) -> bool:
        """Redraw the visible tab's curves that changed; True if anything did."""
        tab = self.tabs.currentIndex()
        column = TABS[tab][1]
        plot = self.plots[tab]
        changed = False
        for (t, run_id) in [k for k in self._curves if k[1] not in traces.traces]:
            plot_of = self.plots[t]
            plot_of.removeItem(self._curves.pop((t, run_id)))
            changed = True
        for trace in traces:
            spec = specs.get(trace.run_id)
            if spec is None or trace.is_swarm:
                continue
            key = (tab, trace.run_id)
            drawn = (trace.version, spec.color, spec.visible, self.style.scale)
            if self._drawn.get(key) == drawn:
                continue
            self._drawn[key] = drawn
            item = self._curves.get(key)
            if item is None:
                item = self._curves[key] = pg.PlotDataItem()
                item.setDownsampling(auto=True, method="peak")
                item.setClipToView(True)
                plot.addItem(item)
            # Qt strokes one-pixel antialiased lines many times faster than wider ones; the loss
            # plot has many long curves, so it uses them (presentation mode widens them).
            item.setPen(self.style.pen(spec.color, 1.0))
            item.setVisible(spec.visible)
            n = trace.length
            values = getattr(trace, column)[:n]
            if tab < 2 and tab not in self._not_positive and (values <= 0).any():
                self._not_positive.add(tab)
                self._set_log(self.log_y.isChecked())
            item.setData(trace.steps[:n], values, connect="finite")
            changed = True
        if changed:
            self._fit(tab)
        return changed

    def _fit(self, tab: int) -> None:
        """Set the tab's ranges in coarse jumps (nice step counts, whole decades), so the axes are
        redrawn only now and then rather than on every frame as auto-range would."""
        plot = self.plots[tab]
        curves = [item for (t, _), item in self._curves.items() if t == tab and item.isVisible()
                  and item.xData is not None and len(item.xData)]
        if not curves:
            return
        last = max(float(item.xData[-1]) for item in curves)
        ys = np.concatenate([item.yData[np.isfinite(item.yData)] for item in curves])
        if not ys.size:
            return
        log = tab < 2 and self.log_y.isChecked() and tab not in self._not_positive
        if log:
            low, high = np.floor(np.log10(ys.min())), np.ceil(np.log10(ys.max()))
            y_range = (low, max(high, low + 1))
        else:
            low, high = float(ys.min()), float(ys.max())
            span = max(high - low, abs(high) * 1e-6, 1e-12)
            y_range = (low - 0.05 * span, high + 0.05 * span)
            current = self._ranges.get(tab)
            if current and current[1][0] <= y_range[0] and y_range[1] <= current[1][1] \
                    and current[1][1] - current[1][0] <= 2.5 * (y_range[1] - y_range[0]):
                y_range = current[1]
        ranges = (nice_ceiling(max(last, 10.0) * 1.02), y_range)
        if ranges != self._ranges.get(tab):
            self._ranges[tab] = ranges
            plot.disableAutoRange()
            plot.setXRange(0, ranges[0], padding=0)
            plot.setYRange(*ranges[1], padding=0)

    def set_presentation(self, on: bool) -> None:
        self.style.scale = 1.7 if on else 1.0
        for plot in self.plots:
            self.style.style_axes(plot)
        self._drawn.clear()
