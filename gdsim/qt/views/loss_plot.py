"""Loss against step (or gradient evaluations) for every run, with tabs for the gradient norm and
the learning rate.

The x axis counts steps, or gradient evaluations so that optimizers evaluating several gradients a
step (SAM two, LBFGS many) race fairly; the counts are the engine's, carried by the frames
(:mod:`gdsim.engine.evaluation_axis`).

With "log y" ticked the loss and gradient-norm axes stay logarithmic whatever the values: the loss
tab plots J − J_min when the problem's minimum value is known (else J itself while every J seen is
positive, else J − J_low, J_low a little below the lowest J seen); a value that is still not
positive is drawn at the curve's smallest positive value, and non-finite values (a diverged run)
are gaps. The axis label says which is plotted.

Curves are drawn as they grow, not afresh: each is reduced to the extremes of bins narrower than a
pixel (gdsim.qt.views.peaks) and stroked in chunks, the finished ones painted from a cache
(gdsim.qt.views.trails); the ranges come from each curve's running extremes and move in jumps.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from gdsim.core.problem import Problem
from gdsim.engine.spec import RunSpec
from gdsim.qt.views.axes import end_label_room, fit_axis_label, plain_axes, tick_labels
from gdsim.qt.views.log_axis import LogFriendlyAxis
from gdsim.qt.views.peaks import PeakCurve, bin_size
from gdsim.qt.views.style import PRESENTATION_SCALE, Style
from gdsim.qt.views.trails import TrailsItem

#: tab title, trace column, y-axis label (English: shown translated in the context "LossPlot")
TABS = ((QT_TRANSLATE_NOOP("LossPlot", "Loss"), "loss", QT_TRANSLATE_NOOP("LossPlot", "loss J")),
        (QT_TRANSLATE_NOOP("LossPlot", "Gradient norm"), "grad_norm", "‖∇J‖"),
        (QT_TRANSLATE_NOOP("LossPlot", "Learning rate"), "lrs", QT_TRANSLATE_NOOP("LossPlot", "learning rate")))
#: What the x axis may count: the trace column of each.
X_COLUMNS = {"steps": "steps", "evaluations": "evaluations"}
#: Tabs drawn on a log axis while "log y" is ticked (the loss and the gradient norm).
LOG_TABS = (0, 1)
#: Without a known minimum, J_low is about this fraction of |lowest J seen| below it (1e-12 below 0).
LOW_MARGIN = 1e-3
#: Segments per cached stretch of a loss curve.
LOSS_CHUNK = 256
#: Room around a stretch of curve for its pen, in pixels (at presentation scale 1).
PEN_MARGIN_PX = 2.0
#: The plot's least height in presentation mode (pixels): room for its large tick labels and title.
PRESENTATION_HEIGHT = 180
#: A log decade shows its 2 and 5 only when it is at least this many label heights tall (5 and 10 are
#: 0.3 of a decade apart).
DECADE_LABEL_ROOM = 4.0


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5 or 7.5 times a power of ten that is at least ``value`` (> 0)."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in (1, 1.5, 2, 3, 5, 7.5, 10) if m * power >= value))


def log_range(low: float, high: float, current: tuple[float, float] | None) -> tuple[float, float]:
    """The decades (log10) a log axis shows for values from ``low`` to ``high`` (> 0).

    Whole decades around the values; the ``current`` range is kept while it holds them and is not
    much wider. When a value leaves a range of eight decades or more, it moves an eighth of its span
    further on that side, so a loss falling through many decades moves the axis (and repaints the
    plot) now and then, not at every new decade; a range of a few decades stays tight.
    """
    low, high = float(np.floor(np.log10(low))), float(np.ceil(np.log10(max(high, low))))
    high = max(high, low + 1)
    if current is None:
        return low, high
    (now_low, now_high), span = current, high - low
    if now_low <= low and high <= now_high:
        return current if now_high - now_low <= 1.5 * span + 2 else (low, high)
    spare = float(np.floor(span / 8))
    return (low - spare if low < now_low else low), (high + spare if high > now_high else high)


class LossAxis(LogFriendlyAxis):
    """The loss plot's y axis: in log mode, the 2 and 5 of each decade are labelled only where a
    decade is tall enough for three labels or fewer than two decades are shown (a short plot in
    presentation mode ran "5·10¹", "2·10¹", "10¹", "5" and "2" into each other)."""

    def logTickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - pyqtgraph override
        strings = super().logTickStrings(values, scale, spacing)
        low, high = sorted(self.range)
        font = self.style["tickFont"] or QFont()
        per_decade = self.size().height() / max(high - low, 1e-9)
        # whole decades strictly inside the range (pyqtgraph may leave those at its ends unlabelled)
        decades = np.ceil(high - 1e-6) - np.floor(low + 1e-6) - 1
        if decades < 2 or per_decade >= DECADE_LABEL_ROOM * QFontMetricsF(font).height():
            return strings
        exponents = np.asarray(values, dtype=float)
        whole = np.isclose(exponents, np.round(exponents), atol=1e-9)
        return [text if keep else "" for text, keep in zip(strings, whole, strict=True)]


class LossCurve:
    """One run's curve on one tab: its points, the extremes seen so far and what is drawn.

    ``xData`` and ``yData`` are the run's steps and values (as recorded; before any log);
    ``getData()`` gives the points drawn, in the axis's coordinates (log10 on a log axis).
    """

    def __init__(self) -> None:
        self.xData = np.empty(0)
        self.yData = np.empty(0)
        self.visible = True
        #: What the points depend on: (restarts, log, offset); a change starts the scan afresh.
        self.key: tuple | None = None
        #: Points scanned for extremes, and the extremes of the values less the offset.
        self.scanned = 0
        self.low = self.high = np.nan
        self.low_positive = np.nan
        self.non_positive = False
        self.version = -1
        self.peaks: PeakCurve | None = None
        #: What is drawn: (points key, version, bin size, clip floor, colour, scale).
        self.drawn: tuple | None = None
        self._shown = (np.empty(0), np.empty(0))

    def take(self, key: tuple, steps: np.ndarray, values: np.ndarray, offset: float) -> None:
        """The curve is now ``steps``, ``values`` (extending the last ones unless ``key`` changed)."""
        if key != self.key:
            self.key = key
            self.scanned = 0
            self.low = self.high = self.low_positive = np.nan
            self.non_positive = False
            self.peaks = None
        self.xData, self.yData = steps, values
        # a run's last row may be rewritten (its rate after a live change): scan it again
        start = max(0, min(self.scanned, len(values)) - 1)
        new = values[start:] - offset
        new = new[np.isfinite(new)]
        if new.size:
            self.low = np.fmin(self.low, new.min())
            self.high = np.fmax(self.high, new.max())
            positive = new[new > 0]
            if positive.size:
                self.low_positive = np.fmin(self.low_positive, positive.min())
            self.non_positive |= bool(positive.size < new.size)
        self.scanned = len(values)

    def show(self, xs: np.ndarray, ys: np.ndarray) -> None:
        self._shown = (xs, ys)

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - pyqtgraph's name, for tests
        """The points drawn (x, y in the axis's coordinates)."""
        return self._shown

    def isVisible(self) -> bool:  # noqa: N802 - pyqtgraph's name, for tests
        return self.visible


class LossPlot(QWidget):
    """Tabs of per-run curves against the step or the gradient evaluations; only the visible tab is
    redrawn.

    Signals
    -------
    x_axis_changed(str)
        The person chose what the x axis counts (a key of :data:`X_COLUMNS`).
    """

    x_axis_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loss_plot")
        self.style = Style()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("loss_tabs")
        self.log_y = QCheckBox(self)
        self.log_y.setObjectName("log_y")
        self.log_y.setChecked(True)
        self.x_axis = QComboBox(self)
        self.x_axis.setObjectName("x_axis")
        for key in X_COLUMNS:
            self.x_axis.addItem("", key)
        corner = QWidget(self)
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 0)
        corner_row.addWidget(self.x_axis)
        corner_row.addWidget(self.log_y)
        self.tabs.setCornerWidget(corner)
        self.plots: list[pg.PlotItem] = []
        #: Each tab's y-axis title in full (a short plot shows it smaller, or shortened).
        self._titles = [label for _title, _column, label in TABS]
        self.grids: list[pg.PlotCurveItem] = []
        self.lines: list[TrailsItem] = []
        for tab, (title, _column, label) in enumerate(TABS):
            widget = pg.PlotWidget(axisItems=plain_axes(left=LossAxis("left")))
            plot = widget.getPlotItem()
            plot.setLabel("left", label)
            # the y axis only ever widens for its labels: narrower labels (another decade) would
            # otherwise lay the plot out again, and paint it twice, each time the range moves
            plot.getAxis("left").setStyle(autoReduceTextSpace=False)
            # pyqtgraph's grid is drawn by the axis across the whole plot and re-played on every
            # repaint (7 ms of an 11 ms paint with 8 long curves): one item of lines, set when the
            # ranges jump, draws the same grid
            grid = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(0, 0, 0, 40))
            grid.setZValue(-10)
            plot.addItem(grid, ignoreBounds=True)
            # one-pixel lines stroke fast, and a range jump caches every full chunk again: long chunks
            lines = TrailsItem(gaps=True)
            plot.addItem(lines, ignoreBounds=True)
            plot.vb.sigResized.connect(lambda _box, tab=tab: self._resized(tab))
            self.grids.append(grid)
            self.lines.append(lines)
            self.plots.append(plot)
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.problem: Problem | None = None
        self._curves: dict[tuple[int, int], LossCurve] = {}
        self._pens: dict[tuple[str, float], pg.QtGui.QPen] = {}
        self._ranges: dict[int, tuple] = {}
        #: The runs and settings last drawn (a resize or another tab draws them again).
        self._last: tuple | None = None
        #: J subtracted on the log loss axis, and why ("min": known, "low": below the lowest seen).
        self._offset = (0.0, "")
        #: Per run: (restarts, points scanned, lowest J) of its finite recorded losses.
        self._seen: dict[int, tuple[int, int, float]] = {}
        self.log_y.toggled.connect(self._set_log)
        self.x_axis.activated.connect(lambda index: self._set_x_axis(self.x_axis.itemData(index), emit=True))
        self._retranslate_x_axis()
        self.tabs.currentChanged.connect(lambda _tab: self._draw_again())
        self._set_log(True)
        self.retranslate()
        self.set_presentation(False)

    def retranslate(self) -> None:
        """The tabs, the "log y" box and the axis titles in the current language."""
        self.log_y.setText(self.tr("log y"))
        self.log_y.setToolTip(self.tr("Logarithmic y axis: equal ratios look equal (losses shrink by factors)."))
        for tab, (title, _column, _label) in enumerate(TABS):
            self.tabs.setTabText(tab, QCoreApplication.translate("LossPlot", title))
        self._retranslate_x_axis()
        self._label_axes()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def log(self) -> bool:
        """Whether the loss and gradient-norm axes are logarithmic ("log y" ticked)."""
        return self.log_y.isChecked()

    @property
    def x_column(self) -> str:
        """What the x axis counts now (a key of :data:`X_COLUMNS`)."""
        return self.x_axis.currentData()

    def set_x_axis(self, key: str) -> None:
        """Count steps or gradient evaluations along x (the box showing which, its signals blocked)."""
        if key != self.x_column:
            self._set_x_axis(key, emit=False)

    def _set_x_axis(self, key: str, emit: bool) -> None:
        self.x_axis.blockSignals(True)
        self.x_axis.setCurrentIndex(self.x_axis.findData(key))
        self.x_axis.blockSignals(False)
        for plot in self.plots:
            plot.setLabel("bottom", self._x_title())
        self._ranges.clear()
        self._draw_again()
        if emit:
            self.x_axis_changed.emit(key)

    def _x_title(self) -> str:
        return self.tr("gradient evaluations") if self.x_column == "evaluations" else self.tr("step")

    def _retranslate_x_axis(self) -> None:
        """The x-axis box and title in the current language."""
        self.x_axis.setItemText(0, self.tr("x: steps"))
        self.x_axis.setItemText(1, self.tr("x: gradient evaluations"))
        self.x_axis.setToolTip(self.tr("What the x axis counts: updates (steps), or gradient evaluations, "
                                       "so that optimizers evaluating more than one gradient a step (SAM "
                                       "takes two, LBFGS several) race fairly."))
        for plot in self.plots:
            plot.setLabel("bottom", self._x_title())

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
        self._ranges.clear()
        self._label_axes()
        self._draw_again()

    def curve(self, tab: int, run_id: int) -> LossCurve | None:
        """The curve of run ``run_id`` on tab ``tab`` (for tests)."""
        return self._curves.get((tab, run_id))

    def axis_shown(self) -> dict:
        """What the visible tab's y axis shows: ``{"log", "label", "ticks"}`` (ticks as drawn)."""
        tab = self.tabs.currentIndex()
        axis = self.plots[tab].getAxis("left")
        return {"log": self.log and tab in LOG_TABS, "label": axis.labelText, "ticks": tick_labels(axis)}

    def clear(self) -> None:
        """Forget every curve and what was seen: the axes are as for a new problem."""
        for lines in self.lines:
            lines.clear()
        self._curves.clear()
        self._seen.clear()
        self._last = None
        self._offset = self._known_offset() or (0.0, "")
        self._set_log(self.log)

    def draw(self, runs, specs: Mapping[int, RunSpec]) -> bool:
        """Draw what is new in the visible tab's curves; True if anything changed."""
        self._last = (runs, specs)
        tab = self.tabs.currentIndex()
        column = TABS[tab][1]
        lines = self.lines[tab]
        changed = False
        for key in [k for k in self._curves if k[1] not in runs.traces]:
            del self._curves[key]
            self.lines[key[0]].remove(key[1])
            changed = True
        log = self.log and tab in LOG_TABS
        if tab == 0 and log:
            self._follow_offset(runs)
        offset = self._offset[0] if tab == 0 and log else 0.0
        shown = []
        for trace in runs:
            spec = specs.get(trace.run_id)
            if spec is None or trace.is_swarm:
                continue
            curve = self._curves.get((tab, trace.run_id))
            if curve is None:
                curve = self._curves[(tab, trace.run_id)] = LossCurve()
            key = (trace.restarts, log, offset, self.x_column)
            if curve.version != trace.version or curve.key != key:
                n = trace.length
                xs = getattr(trace, X_COLUMNS[self.x_column])[:n]
                curve.take(key, xs, getattr(trace, column)[:n], offset)
                curve.version = trace.version
                changed = True
            if curve.visible != spec.visible:
                curve.visible = spec.visible
                changed = True
            if curve.visible:
                shown.append((trace.run_id, curve, spec))
            elif curve.drawn is not None:
                lines.remove(trace.run_id)
                curve.drawn = None
        ranges = self._fit(tab, [curve for _, curve, _ in shown])
        pixels = self._pixels(tab)
        for run_id, curve, spec in shown:
            changed |= self._stroke(tab, run_id, curve, spec, log, ranges, pixels)
        return changed

    def _stroke(self, tab: int, run_id: int, curve: LossCurve, spec: RunSpec, log: bool, ranges,
                pixels: tuple[int, int]) -> bool:
        """Draw ``curve``'s new points (all of them if its scale, pen or points changed)."""
        x, y = curve.xData, curve.yData
        n = len(x)
        span = (x[-1] - x[0]) / ranges[0] * pixels[0] if n > 1 and ranges else 0.0
        size = bin_size(n, span)
        floor = curve.low_positive if log and curve.non_positive else None
        drawn = (curve.key, curve.version, size, floor, spec.color, self.style.scale)
        if drawn == curve.drawn:
            return False
        if curve.peaks is None or curve.peaks.size != size:
            curve.peaks = PeakCurve(size)
        xs, ys = curve.peaks.update(x, y)
        if log:  # the plot's log mode shows log10 coordinates; a value <= 0 at the lowest positive one
            with np.errstate(invalid="ignore", divide="ignore"):
                ys = np.log10(np.maximum(ys - curve.key[2], curve.low_positive))
        curve.show(xs, ys)
        # Qt strokes one-pixel antialiased lines many times faster than wider ones; the loss
        # plot has many long curves, so it uses them (presentation mode widens them).
        pen = self._pens.get((spec.color, self.style.scale))
        if pen is None:
            pen = self._pens[(spec.color, self.style.scale)] = self.style.pen(spec.color, 1.0)
        self.lines[tab].set_trail(run_id, np.column_stack([xs, ys]), pen, drawn[:1] + drawn[2:],
                                  final=curve.peaks.final)
        curve.drawn = drawn
        return True

    def _pixels(self, tab: int) -> tuple[int, int]:
        box = self.plots[tab].vb
        return max(int(box.width()), 1), max(int(box.height()), 1)

    def _resized(self, tab: int) -> None:
        self._fit_label(tab)
        self._draw_grid(tab)
        self._set_margin(tab)
        self._draw_again()

    def _draw_again(self) -> None:
        """Draw the last runs again (another tab, a new size, log or linear)."""
        if self._last is not None:
            self.draw(*self._last)

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
            title = QT_TRANSLATE_NOOP("LossPlot", "loss J")
            loss.vb.setToolTip("")
        elif kind == "min" and offset != 0:
            title = QT_TRANSLATE_NOOP("LossPlot", "J − J_min (log)")
            loss.vb.setToolTip(self.tr("The loss above the problem's known minimum J_min = %1.")
                               .replace("%1", f"{offset:.6g}"))
        elif kind == "low":
            title = QT_TRANSLATE_NOOP("LossPlot", "J − J_low (log)")
            loss.vb.setToolTip(self.tr("The loss above J_low = %1, a little below the lowest loss seen (the minimum "
                                       "is not known and a loss can be 0 or negative).").replace("%1", f"{offset:.6g}"))
        else:
            title = QT_TRANSLATE_NOOP("LossPlot", "loss J (log)")
            loss.vb.setToolTip("")
        self._titles[0] = title
        self._titles[1] = QT_TRANSLATE_NOOP("LossPlot", "‖∇J‖ (log)") if self.log else "‖∇J‖"
        for tab in range(len(self.plots)):
            self._fit_label(tab)

    def _fit_label(self, tab: int) -> None:
        """The y axis's title as large as the style asks, smaller or without its "(log)" where the
        plot is too short for it (the "log y" box says so)."""
        title = self._titles[tab]
        shown = (QCoreApplication.translate("LossPlot", title),
                 QCoreApplication.translate("LossPlot", title.removesuffix(" (log)")))
        fit_axis_label(self.plots[tab].getAxis("left"), shown,
                       self.style.font(11.0).pointSizeF())

    # --- ranges ------------------------------------------------------------------------------

    def _fit(self, tab: int, curves: list[LossCurve]) -> tuple | None:
        """Set the tab's ranges in coarse jumps (nice step counts, whole decades), so the axes are
        redrawn only now and then rather than on every frame as auto-range would; the ranges.

        They come from each curve's running extremes (of its values less the offset), not from
        a scan of every point."""
        plot = self.plots[tab]
        curves = [c for c in curves if len(c.xData)]
        log = self.log and tab in LOG_TABS
        lows = [c.low_positive if log else c.low for c in curves]
        highs = [c.high for c in curves]
        lows, highs = [v for v in lows if np.isfinite(v)], [v for v in highs if np.isfinite(v)]
        if not curves or not lows or not highs:
            return self._ranges.get(tab)
        last = max(float(c.xData[-1]) for c in curves)
        low, high = min(lows), max(highs)
        if log:
            y_range = log_range(low, high, self._ranges[tab][1] if tab in self._ranges else None)
        else:
            span = max(high - low, abs(high) * 1e-6, 1e-12)
            y_range = (low - 0.05 * span, high + 0.05 * span)
            current = self._ranges.get(tab)
            if current and current[1][0] <= y_range[0] and y_range[1] <= current[1][1] \
                    and current[1][1] - current[1][0] <= 2.5 * (y_range[1] - y_range[0]):
                y_range = current[1]
        ranges = (nice_ceiling(max(last, 10.0) * 1.02), (float(y_range[0]), float(y_range[1])))
        if ranges != self._ranges.get(tab):
            self._ranges[tab] = ranges
            plot.disableAutoRange()
            plot.setXRange(0, ranges[0], padding=0)
            plot.setYRange(*ranges[1], padding=0)
            # now, not in the next paint (pyqtgraph's default): items moved during a paint ask
            # for a second one
            plot.vb.updateMatrix()
            self._draw_grid(tab)
            self._set_margin(tab)
        return ranges

    def _set_margin(self, tab: int) -> None:
        """Room around each stretch of curve for its pen, in data units at the current ranges."""
        (x0, x1), (y0, y1) = self.plots[tab].vb.viewRange()
        width, height = self._pixels(tab)
        pixels = PEN_MARGIN_PX * self.style.scale
        self.lines[tab].set_margin(((x1 - x0) / width * pixels, (y1 - y0) / height * pixels))

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
        self.setMinimumHeight(PRESENTATION_HEIGHT if on else 0)
        for plot in self.plots:
            self.style.style_axes(plot)
            end_label_room(plot)
        for tab in range(len(self.plots)):
            self._fit_label(tab)
            self._set_margin(tab)
        self._draw_again()
