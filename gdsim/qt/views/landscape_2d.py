"""The 2D view: the landscape as a heatmap with contours, and every run's ball and trail."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Signal
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import Problem
from gdsim.engine.spec import RunSpec
from gdsim.qt.declarations import problem_title
from gdsim.qt.messages import fill
from gdsim.qt.views.arrows import SegmentsItem, arrow_segments
from gdsim.qt.views.axes import plain_axes
from gdsim.qt.views.ball import Ball
from gdsim.qt.views.legend_row import BALL, RING, STAR, LegendRow
from gdsim.qt.views.protocol import Picture, register_view
from gdsim.qt.views.screen_points import item_rects, scatter_points, widget_points, widget_rect
from gdsim.qt.views.slice_note import slice_note
from gdsim.qt.views.start_view_box import StartViewBox
from gdsim.qt.views.style import (
    BASIN_COLORS,
    NO_BASIN,
    PRESENTATION_SCALE,
    Style,
    fit_texts,
    refresh_cache,
    set_view_title,
)
from gdsim.qt.views.trails import Thinning, TrailsItem, move_points

#: A quiet cool-grey map (white valleys, slate walls): every Okabe-Ito run colour stands out on it.
COLORMAP = pg.ColorMap([0.0, 0.3, 0.65, 1.0], ["#ffffff", "#e3e9f0", "#b4bfcc", "#7d8998"], name="gdsim-slate")
#: Arrows are at most this fraction of the domain's diagonal long ...
ARROW_FRACTION = 0.09
#: ... and half that for a slope of this fraction of the landscape's rise over its diagonal.
SLOPE_FRACTION = 0.002
#: Room around a landscape's domain, as a fraction of its size (a ball on the edge stays whole).
DOMAIN_PADDING = 0.02
#: A landscape keeps equal scales on its axes while its view's shape is within this factor of its
#: domain's; a narrower or flatter view (the 2D half of a split) shows the domain stretched to fill
#: it, not a range many times the domain's with the landscape a strip in the middle.
EQUAL_AXES_STRETCH = 1.6
#: Stacking order: trails under the swarm, the minima's outline stars over the swarm, balls on top.
Z_TRAILS, Z_SWARM, Z_MINIMA, Z_BALL = 10, 19, 20, 22


def grid_lookup(grid: LandscapeGrid, x: float, y: float) -> float | None:
    """The grid's value at the cell nearest (x, y); None outside the grid or where undefined."""
    xs, ys = grid.axes
    if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
        return None
    i = int(np.abs(ys - y).argmin())
    j = int(np.abs(xs - x).argmin())
    value = grid.values[i, j]
    return float(value) if np.isfinite(value) else None


def is_data_problem(problem: Problem) -> bool:
    """Whether ``problem``'s parameters are a model's (w, b): axes of different meaning and scale."""
    return getattr(problem, "data_x", None) is not None


def basin_name(problem: Problem, basin: int) -> str:
    """The legend's name of basin ``basin`` (an index into ``problem.minima``, or -1)."""
    if basin < 0 or basin >= len(problem.minima):
        return QCoreApplication.translate("LandscapeView", "reached no known minimum")
    where = ", ".join(f"{v:.3g}" for v in problem.minima[basin].location)
    return fill(QCoreApplication.translate("LandscapeView", "basin of (%1)"), where)


class _RunItems:
    """The items drawing one run: its ball (or its swarm of balls); its trail is in the TrailsItem."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.swarm = pg.ScatterPlotItem(pxMode=True)
        self.swarm.setZValue(Z_SWARM)
        self.ball = Ball(Z_BALL)
        plot.addItem(self.swarm)
        plot.addItem(self.ball, ignoreBounds=True)
        self.drawn: tuple | None = None
        self.pen: tuple | None = None
        #: The basins a finished swarm's starts are coloured by (for the legend).
        self.basins: tuple[int, ...] = ()
        self.thinning = Thinning()

    def remove(self, plot: pg.PlotItem) -> None:
        for item in (self.swarm, self.ball):
            plot.removeItem(item)


@register_view
class LandscapeView(QWidget):
    """Heatmap, colour bar, log-spaced contours, known minima, balls, trails and arrows.

    Signals
    -------
    start_clicked(point, shift)
        Left click at ``point`` (data coordinates); ``shift`` asks for a new ball.
    start_dragged(point)
        The left button is being dragged (preview the path from ``point``).
    drag_finished(point, shift)
        The drag ended at ``point``.
    hovered(str)
        Coordinates and loss under the pointer, as text; "" when the pointer leaves.
    """

    key = "2d"
    title = "Landscape (2D)"
    placement = "main"
    places_starts = True

    start_clicked = Signal(object, bool)
    start_dragged = Signal(object)
    drag_finished = Signal(object, bool)
    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"view_{self.key}")
        self.style = Style()
        self.view_box = StartViewBox()
        self.plot_widget = pg.PlotWidget(viewBox=self.view_box, axisItems=plain_axes())
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(False, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=COLORMAP, interactive=False, width=16,
                                        colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        self.colorbar.axis.enableAutoSIPrefix(False)  # at a range of 0..1: no prefix, and it stays so
        self.colorbar.axis.setLogMode(False, True)
        self.colorbar.axis.setLabel(self.tr("J − min J (log scale)"))
        # as wide as its tick labels and title need (pyqtgraph fixes 45 px: presentation's larger ticks
        # ran under the title)
        self.colorbar.axis.setWidth(None)
        self.contours = pg.PlotCurveItem(connect="pairs")
        self.contours.setZValue(-5)
        self.plot.addItem(self.contours)
        # an outline star under the balls: a ball that reached a minimum is seen on it, not hidden
        self.minima = pg.ScatterPlotItem(symbol="star", size=18, brush=None)
        self.minima.setZValue(Z_MINIMA)
        self.plot.addItem(self.minima)
        self.trails = TrailsItem()
        self.trails.setZValue(Z_TRAILS)
        self.plot.addItem(self.trails, ignoreBounds=True)
        self.preview = pg.PlotCurveItem()
        self.preview.setZValue(18)
        self.plot.addItem(self.preview)
        self.gradient_arrows = SegmentsItem()
        self.velocity_arrows = SegmentsItem()
        for item in (self.gradient_arrows, self.velocity_arrows):
            item.setZValue(21)
            self.plot.addItem(item, ignoreBounds=True)
        # The landscape and the axes change rarely: paint them from cached pixmaps between changes.
        self._cached = [self.image, self.contours, self.plot.getAxis("left"), self.plot.getAxis("bottom"),
                        self.colorbar, self.minima]
        for item in self._cached:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.legend = LegendRow(self.plot)
        self.readout = pg.TextItem(color="k", fill=pg.mkBrush(255, 255, 255, 210), anchor=(0, 1))
        self.readout.setZValue(30)
        self.readout.hide()  # its white box shows even with no text (a stray square in every corner)
        self.plot.addItem(self.readout, ignoreBounds=True)
        #: Over a network's loss slice: each run's true loss beside the plane's, and what the plane is.
        self.note = pg.TextItem(color="k", fill=pg.mkBrush(255, 255, 255, 185), anchor=(0, 0))
        self.note.setZValue(30)
        self.note.hide()
        self.plot.addItem(self.note, ignoreBounds=True)

        self.problem: Problem | None = None
        self.grid: LandscapeGrid | None = None
        self.arrow_length = 0.1
        self.slope_scale = 1.0
        self.show_gradient = True
        self.show_velocity = True
        self._runs: dict[int, _RunItems] = {}
        self._legend_key: tuple = ()
        self._legend_specs: Mapping[int, RunSpec] = {}
        self._shared_key: tuple = (-1,)
        self.view_box.clicked.connect(self.start_clicked)
        self.view_box.drag_moved.connect(self.start_dragged)
        self.view_box.drag_finished.connect(self.drag_finished)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.viewport().installEventFilter(self)
        self.view_box.sigRangeChanged.connect(self._place_readout)
        self._text_width = 0.0
        self.view_box.sigResized.connect(lambda _box: self._fit_texts(force=False))
        self.view_box.sigResized.connect(lambda _box: self._fit_aspect())
        self._apply_style()

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        """A landscape of two parameters, with its heatmap and contours prepared."""
        return picture.grid is not None and len(picture.grid.axes) == 2 and picture.drawing is not None

    @property
    def watched(self) -> QWidget:
        """The widget that paints (watched by the frame clock)."""
        return self.plot_widget.viewport()

    # --- the landscape ----------------------------------------------------------------------

    def set_problem(self, picture: Picture) -> None:
        """Show a new landscape (once per landscape) and forget every run's items."""
        problem, grid, drawing = picture.problem, picture.grid, picture.drawing
        self.problem, self.grid = problem, grid
        xs, ys = grid.axes
        heights = drawing.heights
        finite = heights[np.isfinite(heights)]
        self.image.setImage(heights, autoLevels=False)
        self.image.setRect(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0])
        if finite.size:
            self.colorbar.setLevels((float(finite.min()), float(finite.max())))
        self.contours.setData(drawing.contours[:, :, 0].ravel(), drawing.contours[:, :, 1].ravel())
        minima = problem.minima
        self.minima.setData(pos=np.array([m.location for m in minima]).reshape(-1, 2),
                            data=[f"minimum J = {m.value:.4g}" for m in minima])
        self.plot.setLabel("bottom", problem.param_names[0])
        self.plot.setLabel("left", problem.param_names[1])
        domain = problem.domain
        diagonal = float(np.hypot(*(domain[:, 1] - domain[:, 0])))
        self.arrow_length = ARROW_FRACTION * diagonal
        self.trails.margin = self.gradient_arrows.margin = self.velocity_arrows.margin = 0.01 * diagonal
        low, high = grid.finite_range
        self.slope_scale = SLOPE_FRACTION * max(high - low, 1e-12) / diagonal
        # A landscape's x and y are alike: equal scales keep its shapes (and the gradient is
        # perpendicular to the contours). A model's (w, b) are not: its picture fills the view.
        self._show_domain(not is_data_problem(problem) and self._equal_axes_fit())
        for items in self._runs.values():
            items.remove(self.plot)
        self._runs.clear()
        self.trails.clear()
        self._shared_key = (-1,)
        self.set_preview(None)
        self.note.setVisible(getattr(problem, "slice", None) is not None)
        self.note.setText("")
        self._apply_style()
        self._legend_key = ()
        self._update_legend({})

    def _equal_axes_fit(self) -> bool:
        """Whether the view's shape is close enough to the domain's for equal scales on both axes."""
        (x0, x1), (y0, y1) = self.problem.domain
        width, height = self.view_box.width(), self.view_box.height()
        if width < 1 or height < 1 or x1 <= x0 or y1 <= y0:
            return True
        stretch = (width / height) / ((x1 - x0) / (y1 - y0))
        return 1 / EQUAL_AXES_STRETCH <= stretch <= EQUAL_AXES_STRETCH

    def _show_domain(self, equal: bool) -> None:
        """Show the whole domain, with equal scales on both axes or filling the view."""
        domain = self.problem.domain
        self.plot.setAspectLocked(equal)
        data = is_data_problem(self.problem)
        self.view_box.setRange(xRange=domain[0], yRange=domain[1], padding=0.0 if data else DOMAIN_PADDING)

    def _fit_aspect(self) -> None:
        """A resized landscape view keeps equal scales while its shape allows (see EQUAL_AXES_STRETCH);
        the range is reset to the domain only when that choice changes."""
        if self.problem is None or is_data_problem(self.problem):
            return
        equal = self._equal_axes_fit()
        if equal != (self.view_box.state["aspectLocked"] is not False):
            self._show_domain(equal)

    # --- runs -------------------------------------------------------------------------------

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Redraw the runs that changed since the last call; True if anything did."""
        changed = False
        for run_id in [r for r in self._runs if r not in runs.traces]:
            self._runs.pop(run_id).remove(self.plot)
            self.trails.remove(run_id)
            changed = True
        for trace in runs:
            spec = specs.get(trace.run_id)
            if spec is None or trace.frame is None or trace.frame.positions.shape[1] != 2:
                continue  # (a network run not yet projected on its slice has no position)
            items = self._runs.get(trace.run_id)
            if items is None:
                items = self._runs[trace.run_id] = _RunItems(self.plot)
            key = (trace.version, spec, self.style.scale, selected == trace.run_id)
            if items.drawn != key:
                items.drawn = key
                self._draw_run(items, trace, spec, selected == trace.run_id)
                changed = True
        key = (runs.version if changed else self._shared_key[0], selected, self.show_gradient,
               self.show_velocity, self.style.scale)
        if changed or key != self._shared_key:
            self._shared_key = key
            self._draw_arrows_of(runs, specs)
            self._update_legend(specs)
            if self.note.isVisible():
                self.note.setText(slice_note(self.problem.slice, runs, specs))
                self._place_readout()
            changed = True
        return changed

    def _draw_run(self, items: _RunItems, trace, spec: RunSpec, selected: bool) -> None:
        items.swarm.setVisible(spec.visible and trace.is_swarm)
        items.ball.setVisible(spec.visible and not trace.is_swarm)
        items.basins = ()
        if not spec.visible or trace.is_swarm or not trace.length:
            self.trails.remove(trace.run_id)
        if not spec.visible:
            return
        if trace.is_swarm:
            self._draw_swarm(items, trace, spec)
            return
        x, y = trace.frame.positions[0]
        if np.isfinite(x) and np.isfinite(y):
            items.ball.setPos(x, y)
        items.ball.set_look(spec.color, self.style.width(16 if selected else 12),
                            self.style.width(2.6 if selected else 1.2))
        if not trace.length:
            return
        if items.pen is None or items.pen[0] != (spec.color, self.style.scale):
            items.pen = ((spec.color, self.style.scale), self.style.pen(spec.color, 2.2))
        # Positions are finite (diverging steps are refused). A trail is a path in the plane: x is
        # not sorted, so pyqtgraph's clip-to-view and downsampling (which assume sorted, evenly
        # spaced x) do not apply; long trails are thinned by index instead.
        points, stride = items.thinning.update(trace.path[: trace.length], trace.restarts)
        self.trails.set_trail(trace.run_id, points, items.pen[1], (trace.restarts, items.pen[0]), stride=stride)

    def _draw_arrows_of(self, runs, specs: Mapping[int, RunSpec]) -> None:
        """The arrows of every shown single-ball run (one item per kind)."""
        shown = [t for t in runs if not t.is_swarm and t.frame is not None and t.run_id in specs
                 and specs[t.run_id].visible]
        self._draw_arrows(self.gradient_arrows, shown, "gradient", self.show_gradient)
        self._draw_arrows(self.velocity_arrows, shown, "velocity", self.show_velocity)

    def _draw_arrows(self, item: SegmentsItem, shown: list, kind: str, on: bool) -> None:
        with_vectors = [t.frame for t in shown if getattr(t.frame, kind) is not None]
        if not on or not with_vectors:
            item.set_segments(np.empty((0, 2)))
            return
        tails = np.concatenate([f.positions for f in with_vectors])
        vectors = -np.concatenate([getattr(f, kind) for f in with_vectors])
        item.set_segments(arrow_segments(tails, vectors, self.arrow_length, self.slope_scale))

    def _draw_swarm(self, items: _RunItems, trace, spec: RunSpec) -> None:
        """The balls where they are; once the run ends, where they started, coloured by the minimum
        each reached: a picture of the basins of attraction (named in the legend)."""
        frame = trace.frame
        size = self.style.width(5)
        if frame.basins is not None:
            palette = [pg.mkBrush(color) for color in BASIN_COLORS]
            none = pg.mkBrush(NO_BASIN)
            chosen = [palette[b % len(palette)] if b >= 0 else none for b in frame.basins.tolist()]
            where = trace.starts if trace.starts is not None else frame.positions
            items.swarm.setData(pos=where, size=size, pen=None, brush=chosen)
            items.pen = None
            items.basins = tuple(sorted({int(b) for b in np.unique(frame.basins)}))
            return
        look = ("swarm", spec.color, size, len(frame.positions))
        if items.pen == look:
            move_points(items.swarm, frame.positions)
        else:
            items.pen = look
            items.swarm.setData(pos=frame.positions, size=size, pen=None, brush=pg.mkBrush(spec.color))

    def plot_rect(self, widget: QWidget) -> QRect:
        """The data area in pixels of ``widget`` (this view or an ancestor), where a caption goes."""
        return widget_rect(self.plot_widget, self.view_box, widget)

    def ball_points(self, widget: QWidget) -> np.ndarray:
        """Where the shown balls are drawn (K, 2), in pixels of ``widget`` (this view or an
        ancestor): what is drawn over the view (a caption) keeps clear of them."""
        balls = [(items.ball.pos().x(), items.ball.pos().y()) for items in self._runs.values()
                 if items.ball.isVisible()]
        swarms = [scatter_points(items.swarm) for items in self._runs.values()]
        points = np.concatenate([np.array(balls, dtype=float).reshape(-1, 2), *swarms])
        return widget_points(self.plot_widget, self.view_box, widget, points)

    def note_rects(self, widget: QWidget) -> list[QRect]:
        """Where the slice note is (when shown), in pixels of ``widget``: a caption keeps clear of it."""
        return item_rects(self.plot_widget, widget, [self.note])

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """Draw (or clear) the dashed path a dragged start would take."""
        if path is None or len(path) == 0:
            self.preview.setData([], [])
            return
        self.preview.setPen(self.style.pen(color, 2.0, dashed=True))
        self.preview.setData(path[:, 0], path[:, 1])

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """Show or hide the negative-gradient and velocity arrows."""
        self.show_gradient, self.show_velocity = gradient, velocity

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector."""
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        self._apply_style()
        self._legend_key = (self.legend.entries, self.style.scale)
        self.legend.set_entries(self.legend.entries, self.style.legend_size)

    def _apply_style(self) -> None:
        self.style.style_axes(self.plot)
        if self.problem is not None:
            set_view_title(self.plot, problem_title(self.problem.title), self.problem.formula, self.style.title_size)
        self.gradient_arrows.setPen(self.style.pen("#111111", 2.0))
        self.velocity_arrows.setPen(self.style.pen("#5a2d82", 2.0, dashed=True))
        self.contours.setPen(self.style.pen("#3a3a3a", 1.0, alpha=150))
        self.readout.setFont(self.style.font(10))
        self.note.setFont(self.style.font(10))
        self.minima.setSize(self.style.width(18))
        self.minima.setPen(self.style.pen("#000000", 1.6))
        self.colorbar.axis.setTickFont(self.style.font(9.0))
        self.colorbar.axis.label.setFont(self.style.font(10.0))
        for item in self._cached:
            refresh_cache(item)
        self._fit_texts()

    def _update_legend(self, specs: Mapping[int, RunSpec]) -> None:
        """One entry per shown run, per basin of a finished swarm, and for the known minima."""
        self._legend_specs = specs
        entries = []
        for run_id, spec in specs.items():
            items = self._runs.get(run_id)
            if items is not None and spec.visible and items.basins:
                entries.append((RING, spec.color, fill(self.tr("%1: starts, by the minimum reached"), spec.label)))
            elif items is not None and spec.visible:
                entries.append((BALL, spec.color, spec.label))
        basins = sorted({b for items in self._runs.values() for b in items.basins})
        for basin in basins:
            color = BASIN_COLORS[basin % len(BASIN_COLORS)] if basin >= 0 else NO_BASIN
            entries.append((BALL, color, basin_name(self.problem, basin)))
        if self.problem is not None and self.problem.minima:
            entries.append((STAR, "#000000", self.tr("known minimum")))
        key = (tuple(entries), self.style.scale)
        if key == self._legend_key:
            return
        self._legend_key = key
        self.legend.set_entries(entries, self.style.legend_size)

    # --- fitting the texts ------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_texts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The title and the colour bar name the problem and the heights in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            self.colorbar.axis.setLabel(self.tr("J − min J (log scale)"))
        if event.type() == QEvent.Type.LanguageChange and self.problem is not None:
            set_view_title(self.plot, problem_title(self.problem.title), self.problem.formula, self.style.title_size)
            self._update_legend(self._legend_specs)
            self._fit_texts()
        super().changeEvent(event)

    def _fit_texts(self, force: bool = True) -> None:
        """Wrap the title and the legend so the plot never outgrows the widget (a long title had
        pushed the colour bar, the legend and the minimum off-screen)."""
        self._text_width = fit_texts(self.plot_widget, self.legend, self._text_width, force)

    # --- pointer ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Leave:
            self._clear_hover()
        return super().eventFilter(watched, event)

    def _clear_hover(self) -> None:
        if self.readout.textItem.toPlainText():
            self.readout.setText("")
            self.readout.hide()
            self.hovered.emit("")

    def _on_mouse_moved(self, scene_pos) -> None:
        if self.grid is None or self.problem is None or not self.view_box.sceneBoundingRect().contains(scene_pos):
            self._clear_hover()
            return
        p = self.view_box.mapSceneToView(scene_pos)
        names = self.problem.param_names
        value = grid_lookup(self.grid, p.x(), p.y())
        loss = self.tr("outside the grid") if value is None else f"J ≈ {value:.5g}"
        text = f"{names[0]} = {p.x():.4g}, {names[1]} = {p.y():.4g}   {loss}"
        self.readout.setText(text)
        self.readout.show()
        self._place_readout()
        self.hovered.emit(text)

    def _place_readout(self, *args) -> None:
        (x0, _x1), (y0, y1) = self.view_box.viewRange()
        self.readout.setPos(x0, y0)
        self.note.setPos(x0, y1)
        if self.note.isVisible():  # wrapped to the plot's width (pixels: the text ignores the view's scale)
            self.note.setTextWidth(max(160.0, self.view_box.width() - 12))
