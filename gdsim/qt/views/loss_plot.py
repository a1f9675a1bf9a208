"""Loss against step for every run, with tabs for the gradient norm and the learning rate.

With "log y" ticked the loss and gradient-norm axes stay logarithmic whatever the values: the loss
tab plots J − J_min when the problem's minimum value is known (else J itself while every J seen is
positive, else J − J_low, J_low a little below the lowest J seen); a value that is still not
positive is drawn at the curve's smallest positive value, and non-finite values (a diverged run)
are gaps. The axis label says which is plotted.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QTabWidget, QVBoxLayout, QWidget

from gdsim.core.problem import Problem
from gdsim.engine.spec import RunSpec
from gdsim.qt.views.axes import plain_axes, tick_labels
from gdsim.qt.views.log_axis import LogFriendlyAxis
from gdsim.qt.views.style import PRESENTATION_SCALE, Style

#: tab title, trace column, y-axis label
TABS = (("Loss", "loss", "loss J"), ("Gradient norm", "grad_norm", "‖∇J‖"), ("Learning rate", "lrs", "learning rate"))
#: Tabs drawn on a log axis while "log y" is ticked (the loss and the gradient norm).
LOG_TABS = (0, 1)
#: Without a known minimum, J_low is about this fraction of |lowest J seen| below it (1e-12 below 0).
LOW_MARGIN = 1e-3


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5 or 7.5 times a power of ten that is at least ``value`` (> 0)."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in (1, 1.5, 2, 3, 5, 7.5, 10) if m * power >= value))


def clip_positive(values: np.ndarray) -> np.ndarray:
    """``values`` with each value <= 0 raised to the smallest positive one (NaN if none); NaN and
    infinities are kept (gaps)."""
    out = np.array(values, dtype=float)
    with np.errstate(invalid="ignore"):
        bad = out <= 0
        if bad.any():
            positive = out[out > 0]
            out[bad] = positive.min() if positive.size else np.nan
    return out


class LossPlot(QWidget):
    """Tabs of per-run curves against the step; only the visible tab is redrawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loss_plot")
        self.style = Style()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("loss_tabs")
        self.log_y = QCheckBox("log y", self)
        self.log_y.setObjectName("log_y")
        self.log_y.setChecked(True)
        self.log_y.setToolTip("Logarithmic y axis: equal ratios look equal (losses shrink by factors).")
        self.tabs.setCornerWidget(self.log_y)
        self.plots: list[pg.PlotItem] = []
        self.grids: list[pg.PlotCurveItem] = []
        for tab, (title, _column, label) in enumerate(TABS):
            widget = pg.PlotWidget(axisItems=plain_axes(left=LogFriendlyAxis("left")))
            plot = widget.getPlotItem()
            plot.setLabel("bottom", "step")
            plot.setLabel("left", label)
            # pyqtgraph's grid is drawn by the axis across the whole plot and re-played on every
            # repaint (7 ms of an 11 ms paint with 8 long curves): one item of lines, set when the
            # ranges jump, draws the same grid
            grid = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(0, 0, 0, 40))
            grid.setZValue(-10)
            plot.addItem(grid, ignoreBounds=True)
            plot.vb.sigResized.connect(lambda _box, tab=tab: self._draw_grid(tab))
            self.grids.append(grid)
            self.plots.append(plot)
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.problem: Problem | None = None
        self._curves: dict[tuple[int, int], pg.PlotDataItem] = {}
        self._drawn: dict[tuple[int, int], tuple] = {}
        self._ranges: dict[int, tuple] = {}
        #: J subtracted on the log loss axis, and why ("min": known, "low": below the lowest seen).
        self._offset = (0.0, "")
        #: Per run: (restarts, points scanned, lowest J) of its finite recorded losses.
        self._seen: dict[int, tuple[int, int, float]] = {}
        self.log_y.toggled.connect(self._set_log)
        self._set_log(True)
        self.set_presentation(False)

    @property
    def log(self) -> bool:
        """Whether the loss and gradient-norm axes are logarithmic ("log y" ticked)."""
        return self.log_y.isChecked()

    def set_problem(self, problem: Problem) -> None:
        """A new problem: its known minimum value (if any) is what the log loss axis subtracts."""
        self.problem = problem
        self.clear()

    def set_log(self, on: bool) -> None:
        """Log or linear y axes, and the box showing which (its signals blocked while set)."""
        if self.log_y.isChecked() != on:
            self.log_y.blockSignals(True)
            self.log_y.setChecked(on)
            self.log_y.blockSignals(False)
            self._set_log(on)

    def _set_log(self, on: bool) -> None:
        for tab in LOG_TABS:
            self.plots[tab].setLogMode(False, on)
        self._drawn.clear()
        self._ranges.clear()
        self._label_axes()

    def curve(self, tab: int, run_id: int) -> pg.PlotDataItem | None:
        """The curve of run ``run_id`` on tab ``tab`` (for tests)."""
        return self._curves.get((tab, run_id))

    def axis_shown(self) -> dict:
        """What the visible tab's y axis shows: ``{"log", "label", "ticks"}`` (ticks as drawn)."""
        tab = self.tabs.currentIndex()
        axis = self.plots[tab].getAxis("left")
        return {"log": self.log and tab in LOG_TABS, "label": axis.labelText, "ticks": tick_labels(axis)}

    def clear(self) -> None:
        """Forget every curve and what was seen: the axes are as for a new problem."""
        for (tab, _), item in self._curves.items():
            self.plots[tab].removeItem(item)
        self._curves.clear()
        self._seen.clear()
        self._offset = self._known_offset() or (0.0, "")
        self._set_log(self.log)

    def draw(self, runs, specs: Mapping[int, RunSpec]) -> bool:
        """Redraw the visible tab's curves that changed; True if anything did."""
        tab = self.tabs.currentIndex()
        column = TABS[tab][1]
        plot = self.plots[tab]
        changed = False
        for (t, run_id) in [k for k in self._curves if k[1] not in runs.traces]:
            self.plots[t].removeItem(self._curves.pop((t, run_id)))
            changed = True
        log = self.log and tab in LOG_TABS
        if tab == 0 and log:
            self._follow_offset(runs)
        for trace in runs:
            spec = specs.get(trace.run_id)
            if spec is None or trace.is_swarm:
                continue
            key = (tab, trace.run_id)
            drawn = (trace.version, spec.color, spec.visible, self.style.scale, log, self._offset)
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
            if log:
                values = clip_positive(values - self._offset[0] if tab == 0 else values)
            item.setData(trace.steps[:n], values, connect="finite")
            changed = True
        if changed:
            self._fit(tab)
        return changed

    # --- what the log loss axis subtracts ----------------------------------------------------

    def _known_offset(self) -> tuple[float, str] | None:
        values = [m.value for m in self.problem.minima] if self.problem is not None else []
        values = [v for v in values if np.isfinite(v)]
        return (float(min(values)), "min") if values else None

    def _follow_offset(self, runs) -> None:
        """Keep the subtracted J below every loss seen (without a known minimum), moving it in
        jumps; every curve is redrawn when it moves."""
        if self._known_offset() is not None:
            return
        low = self._lowest(runs)
        offset, kind = self._offset
        if low > 0 and not kind:
            return
        if kind == "low" and offset < low:
            return
        # relative to the lowest loss, not to the range: a diverging run must not flatten the rest
        self._offset = (low - nice_ceiling(LOW_MARGIN * max(abs(low), 1e-9)), "low")
        self._label_axes()

    def _lowest(self, runs) -> float:
        """The lowest finite recorded loss of every single-ball run (inf if none), scanning only
        points not seen before (a restarted run is scanned afresh)."""
        seen = {}
        for trace in runs:
            if trace.is_swarm:
                continue
            restarts, scanned, low = self._seen.get(trace.run_id, (trace.restarts, 0, np.inf))
            if restarts != trace.restarts or scanned > trace.length:
                restarts, scanned, low = trace.restarts, 0, np.inf
            new = trace.loss[scanned: trace.length]
            new = new[np.isfinite(new)]
            if new.size:
                low = min(low, float(new.min()))
            seen[trace.run_id] = (restarts, trace.length, low)
        self._seen = seen
        return min((low for _, _, low in seen.values()), default=np.inf)

    def _label_axes(self) -> None:
        offset, kind = self._offset
        loss = self.plots[0]
        if not self.log:
            loss.setLabel("left", "loss J")
            loss.vb.setToolTip("")
        elif kind == "min" and offset != 0:
            loss.setLabel("left", "J − J_min (log)")
            loss.vb.setToolTip(f"The loss above the problem's known minimum J_min = {offset:.6g}.")
        elif kind == "low":
            loss.setLabel("left", "J − J_low (log)")
            loss.vb.setToolTip(f"The loss above J_low = {offset:.6g}, a little below the lowest loss seen "
                               "(the minimum is not known and a loss can be 0 or negative).")
        else:
            loss.setLabel("left", "loss J (log)")
            loss.vb.setToolTip("")
        self.plots[1].setLabel("left", "‖∇J‖ (log)" if self.log else "‖∇J‖")

    # --- ranges ------------------------------------------------------------------------------

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
        if self.log and tab in LOG_TABS:
            ys = ys[ys > 0]
        if not ys.size:
            return
        if self.log and tab in LOG_TABS:
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
            self._draw_grid(tab)

    def _draw_grid(self, tab: int) -> None:
        """Horizontal lines at the y axis's major ticks, across the x range (view coordinates)."""
        plot = self.plots[tab]
        (x0, x1), (y0, y1) = plot.vb.viewRange()
        axis = plot.getAxis("left")
        levels = axis.tickValues(y0, y1, max(axis.size().height(), 1.0))
        ys = np.array([v for v in (levels[0][1] if levels else []) if y0 <= v <= y1])
        xs = np.tile([x0, x1], len(ys))
        self.grids[tab].setData(xs, np.repeat(ys, 2))

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector."""
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        for plot in self.plots:
            self.style.style_axes(plot)
        self._drawn.clear()
