"""The 1D view: the loss curve, each run's ball and trail, and for the selected run the tangent at
the ball with its slope and the next step as an arrow (as the engine computed it)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRect, Signal
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import Problem
from gdsim.engine.spec import RunSpec
from gdsim.qt.declarations import problem_title
from gdsim.qt.growth import grown_capacity
from gdsim.qt.messages import fill
from gdsim.qt.views.arrows import SegmentsItem, arrow_segments
from gdsim.qt.views.axes import plain_axes
from gdsim.qt.views.ball import Ball
from gdsim.qt.views.legend_row import BALL, STAR, LegendRow
from gdsim.qt.views.note_item import NoteItem
from gdsim.qt.views.protocol import Picture, register_view
from gdsim.qt.views.screen_points import item_rects, scatter_points, widget_points, widget_rect
from gdsim.qt.views.start_view_box import StartViewBox
from gdsim.qt.views.style import PRESENTATION_SCALE, Style, fit_texts, refresh_cache, set_view_title
from gdsim.qt.views.trails import Thinning, TrailsItem, move_points

#: Trails of at most this many points mark every step with a dot.
DOTTED_STEPS = 200
#: No segments to draw.
NO_POINTS = np.empty((0, 2))
#: Half the tangent's width, as a fraction of the domain.
TANGENT_FRACTION = 0.12
#: The step arrow is at least this fraction of the view's width long, so its direction shows.
SHORTEST_ARROW = 0.04
#: The y range shown stays within ±this: pyqtgraph's padding of a range near the float limit overflows.
DRAWN_LIMIT = 1e300
#: The slope's note keeps this many pixels from the view's edges.
TEXT_INSET_PX = 4.0


def curve_lookup(grid: LandscapeGrid, xs: np.ndarray) -> np.ndarray:
    """The grid's values at the cells nearest ``xs`` (NaN outside the grid)."""
    axis = grid.axes[0]
    index = np.clip(np.searchsorted(axis, xs), 0, len(axis) - 1)
    before = np.clip(index - 1, 0, len(axis) - 1)
    nearer = np.where(np.abs(axis[before] - xs) < np.abs(axis[index] - xs), before, index)
    out = grid.values[nearer].astype(float)
    out[(xs < axis[0]) | (xs > axis[-1])] = np.nan
    return out


class _TrailPoints:
    """A run's recorded (x, J) points that are finite, gathered as the trace grows: each frame reads
    only the rows new since the last one, and its last row again (the engine may rewrite it)."""

    def __init__(self) -> None:
        self.points = np.empty((0, 2))
        self._key: int | None = None
        self._read = 0  # rows of the trace read
        self._kept = 0  # points kept from them
        self._kept_before_last = 0  # points kept from all but the last row read

    def update(self, trace, turn: bool = False) -> tuple[np.ndarray, bool]:
        """The finite points of ``trace``'s rows so far, in order (a view into a growing buffer), and
        whether the buffer grew (``turn``: it may grow early, see :mod:`gdsim.qt.growth`)."""
        n = trace.length
        if self._key != trace.restarts or n < self._read:
            self._key, self._read, self._kept, self._kept_before_last = trace.restarts, 0, 0, 0
        start = max(self._read - 1, 0)
        kept = self._kept_before_last if self._read else 0
        new = np.column_stack([trace.path[start:n, 0], trace.loss[start:n]])
        finite = np.isfinite(new).all(axis=1)
        capacity = grown_capacity(kept + len(new), len(self.points), turn)
        if capacity is not None:
            grown = np.empty((capacity, 2))
            grown[:kept] = self.points[:kept]
            self.points = grown
        added = new[finite]
        self.points[kept: kept + len(added)] = added
        self._kept_before_last = kept + int(finite[:-1].sum())
        self._kept, self._read = kept + len(added), n
        return self.points[: self._kept], capacity is not None


class _RunItems:
    """The items drawing one run on the curve: dots at its first steps, and its ball (or balls);
    its trail is in the view's TrailsItem."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.dots = pg.ScatterPlotItem(pxMode=True)
        self.dots.setZValue(11)
        self.dots.hide()  # shown while it has points: an empty scatter costs a paint all the same
        self.balls = pg.ScatterPlotItem(pxMode=True)  # a swarm's balls
        self.balls.setZValue(20)
        self.balls.hide()
        self.ball = Ball(20)  # one ball
        self.ball.hide()
        for item in (self.dots, self.balls, self.ball):
            plot.addItem(item, ignoreBounds=True)
        self.drawn: tuple | None = None
        self.pen: tuple | None = None
        self.look: tuple | None = None
        self.trail = _TrailPoints()
        self.thinning = Thinning()

    def remove(self, plot: pg.PlotItem) -> None:
        for item in (self.dots, self.balls, self.ball):
            plot.removeItem(item)

    def drawn_balls(self) -> np.ndarray:
        """Where the run's shown balls are drawn (K, 2), in data coordinates."""
        if self.ball.isVisible():
            return np.array([[self.ball.pos().x(), self.ball.pos().y()]])
        return scatter_points(self.balls) if self.balls.isVisible() else np.empty((0, 2))


@register_view
class CurveView(QWidget):
    """A 1D problem's curve with the runs on it; same signals as the 2D view."""

    key = "1d"
    title = "Curve (1D)"
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
        self.plot.showGrid(True, True, alpha=0.25)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self.curve = pg.PlotDataItem()
        self.minima = pg.ScatterPlotItem(symbol="star", size=18, brush="w")
        self.tangent = SegmentsItem()
        self.step_arrow = SegmentsItem()
        self.slope_text = NoteItem(fill=pg.mkBrush(255, 255, 255, 200), anchor=(0.0, 1.0))
        self.preview = pg.ScatterPlotItem(size=7, symbol="o")
        self.legend = LegendRow(self.plot)
        # the minima's stars lie under the balls: a ball that reached one is seen on it
        for item, z in ((self.curve, 0), (self.minima, 15), (self.tangent, 16), (self.step_arrow, 17),
                        (self.preview, 18), (self.slope_text, 30)):
            item.setZValue(z)
            self.plot.addItem(item, ignoreBounds=item is not self.curve)
        self.problem: Problem | None = None
        self.grid: LandscapeGrid | None = None
        self.show_gradient = True
        self.show_velocity = True
        self._items: dict[int, _RunItems] = {}
        self.trails = TrailsItem()
        self.trails.setZValue(10)
        self.plot.addItem(self.trails, ignoreBounds=True)
        # The curve and the axes (with their grid) change rarely: paint them from cached pixmaps
        # between changes, not stroked again under every moving ball.
        for item in (self.curve.curve, self.minima, self.plot.getAxis("left"), self.plot.getAxis("bottom")):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._drawn: tuple | None = None
        self._text_width = 0.0
        #: What the legend and the slope note show now (drawn again in another language).
        self._shown_specs: Mapping[int, RunSpec] = {}
        self._tangent_trace = None
        self.view_box.clicked.connect(lambda p, shift: self.start_clicked.emit((p[0],), shift))
        self.view_box.drag_moved.connect(lambda p: self.start_dragged.emit((p[0],)))
        self.view_box.drag_finished.connect(lambda p, shift: self.drag_finished.emit((p[0],), shift))
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.viewport().installEventFilter(self)
        self.view_box.sigResized.connect(lambda _box: self._fit_texts(force=False))
        #: Where the slope's note was last put (the ball's point), placed again when the view changes.
        self._slope_at: tuple[float, float] | None = None
        self.view_box.sigResized.connect(self._replace_slope_text)
        self.view_box.sigRangeChanged.connect(self._replace_slope_text)
        self._apply_style()

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        """A problem of one parameter, sampled on a grid."""
        return picture.grid is not None and len(picture.grid.axes) == 1

    @property
    def watched(self) -> QWidget:
        """The widget that paints (watched by the frame clock)."""
        return self.plot_widget.viewport()

    def set_problem(self, picture: Picture) -> None:
        """Show a new curve and forget every run's items."""
        problem, grid = picture.problem, picture.grid
        self.problem, self.grid = problem, grid
        self.curve.setData(grid.axes[0], grid.values)
        minima = problem.minima
        self.minima.setData(pos=np.array([(m.location[0], m.value) for m in minima]).reshape(-1, 2))
        self.plot.setLabel("bottom", problem.param_names[0])
        self.plot.setLabel("left", f"J({problem.param_names[0]})")
        low, high = np.clip(grid.finite_range, -DRAWN_LIMIT, DRAWN_LIMIT)  # a span pyqtgraph can pad
        self.plot.setRange(xRange=problem.domain[0], yRange=(low, high), padding=0.05)
        for items in self._items.values():
            items.remove(self.plot)
        self._items.clear()
        self.trails.clear()
        self.trails.margin = 0.01 * float(np.ptp(problem.domain[0]))
        self.tangent.margin = self.step_arrow.margin = (0.02 * float(np.ptp(problem.domain[0])),
                                                         0.02 * (float(high - low) or 1.0))  # (a flat curve)
        self._drawn = None
        self._shown_specs, self._tangent_trace = {}, None
        self.set_preview(None)
        self._apply_style()
        self.legend.set_entries(self._legend_entries({}), self.style.legend_size)

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Redraw the runs that changed since the last call; True if anything did."""
        if self.grid is None:
            return False
        changed = False
        for run_id in [r for r in self._items if r not in runs.traces]:
            self._items.pop(run_id).remove(self.plot)
            self.trails.remove(run_id)
            changed = True
        shown = {}
        turn = True  # one trail's points may grow early a frame (they fill in lockstep)
        for trace in runs:
            spec = specs.get(trace.run_id)
            if spec is None or trace.frame is None:
                continue
            shown[trace.run_id] = spec
            items = self._items.get(trace.run_id)
            if items is None:
                items = self._items[trace.run_id] = _RunItems(self.plot)
            key = (trace.version, spec, self.style.scale, selected == trace.run_id)
            if items.drawn != key:
                items.drawn = key
                if self._draw_run(items, trace, spec, selected == trace.run_id, turn):
                    turn = False
                changed = True
        shared = (runs.version, tuple(shown.items()), selected, self.show_gradient, self.style.scale)
        if not changed and shared == self._drawn:
            return False
        self._drawn = shared
        self._shown_specs = shown
        entries = self._legend_entries(shown)
        if entries != self.legend.entries:
            self.legend.set_entries(entries, self.style.legend_size)
        chosen = runs.get(selected) if selected is not None else None
        self._draw_tangent(chosen if chosen is not None and specs.get(selected) is not None else None)
        return True

    def _legend_entries(self, specs: Mapping[int, RunSpec]) -> tuple[tuple[str, str, str], ...]:
        entries = [(BALL, spec.color, spec.label) for spec in specs.values() if spec.visible]
        if self.problem is not None and self.problem.minima:
            entries.append((STAR, "#000000", self.tr("known minimum")))
        return tuple(entries)

    def _draw_run(self, items: _RunItems, trace, spec: RunSpec, selected: bool, turn: bool = False) -> bool:
        """The run's trail along the curve (dotted while short), and each ball where it is now, at the
        loss the engine computed there (not the last recorded point). ``turn``: the trail's points may
        grow early; whether they grew."""
        grew = False
        n = trace.length
        if not spec.visible or not n:
            self.trails.remove(trace.run_id)
            self._set_dots(items, None, spec)
        if not spec.visible:
            items.ball.hide()
            items.balls.hide()
            return False
        if n:
            pen_key = (spec.color, self.style.scale)
            if items.pen is None or items.pen[0] != pen_key:
                items.pen = (pen_key, self.style.pen(spec.color, 1.5, alpha=160))
            points, grew = items.trail.update(trace, turn)
            thin, stride = items.thinning.update(points, trace.restarts)
            self.trails.set_trail(trace.run_id, thin, items.pen[1], (trace.restarts, pen_key), stride=stride)
            self._set_dots(items, points if n <= DOTTED_STEPS else None, spec)
        frame = trace.frame
        positions = np.column_stack([frame.positions[:, 0], frame.loss])
        positions = positions[np.isfinite(positions).all(axis=1)]  # a ball whose loss overflowed is not drawn
        diameter, outline = self.style.width(16 if selected else 12), self.style.width(2.4 if selected else 1.2)
        if not trace.is_swarm:
            items.balls.hide()
            items.ball.setVisible(len(positions) == 1)
            if len(positions) == 1:
                items.ball.setPos(*positions[0])
                items.ball.set_look(spec.color, diameter, outline)
            return grew
        items.ball.hide()
        items.balls.show()
        look = (spec.color, self.style.scale, selected, len(positions))
        if items.look == look:
            move_points(items.balls, positions)
        else:
            items.look = look
            items.balls.setData(pos=positions, size=diameter, brush=pg.mkBrush(spec.color),
                                pen=pg.mkPen("k", width=outline))
        return grew

    def _set_dots(self, items: _RunItems, points: np.ndarray | None, spec: RunSpec) -> None:
        """Dots at a short run's points (None: no dots), hidden when there are none."""
        if points is None or not len(points):
            if items.dots.isVisible():
                items.dots.setData([], [])
                items.dots.hide()
            return
        items.dots.setData(x=points[:, 0], y=points[:, 1], size=self.style.width(5), brush=pg.mkBrush(spec.color),
                           pen=None)
        items.dots.show()

    def _draw_tangent(self, trace) -> None:
        self._tangent_trace = trace
        frame = trace.frame if trace is not None else None
        if (frame is None or not self.show_gradient or frame.gradient is None or trace.is_swarm
                or not np.isfinite(frame.gradient[0, 0]) or not np.isfinite(frame.loss[0])):
            self.tangent.set_segments(NO_POINTS)
            self.step_arrow.set_segments(NO_POINTS)
            self.slope_text.setText("")
            return
        x0 = float(frame.positions[0, 0])
        y0 = float(frame.loss[0])
        slope = float(frame.gradient[0, 0])
        half = TANGENT_FRACTION * float(np.ptp(self.problem.domain[0]))
        xs = np.array([x0 - half, x0 + half])
        self.tangent.set_segments(np.column_stack([xs, y0 + slope * (xs - x0)]))
        text = self.tr("slope %1").replace("%1", f"{slope:.4g}")
        update = frame.next_update
        step = float(update.position[0]) - x0 if update is not None else 0.0
        (vx0, vx1), (vy0, vy1) = self.view_box.viewRange()
        if update is not None and step and np.isfinite(step):
            scale = (vy1 - vy0) / (vx1 - vx0)
            length = max(abs(step), SHORTEST_ARROW * (vx1 - vx0))
            # barbs drawn in view-proportional units, so the head looks the same at any zoom
            points = arrow_segments(np.array([[x0, y0 / scale]]), np.array([[step, 0.0]]), length)
            points[:, 1] *= scale
            self.step_arrow.set_segments(points)
            sentence = (self.tr("slope %1: the next step goes left, to %2 = %3") if step < 0
                        else self.tr("slope %1: the next step goes right, to %2 = %3"))
            text = fill(sentence, f"{slope:.4g}", self.problem.param_names[0], f"{float(update.position[0]):.4g}")
        else:
            self.step_arrow.set_segments(NO_POINTS)
        self.slope_text.setText(text)
        self._place_slope_text(x0, y0)

    def _replace_slope_text(self, *_args) -> None:
        if self._slope_at is not None and self.slope_text.toPlainText():
            self._place_slope_text(*self._slope_at)

    def _place_slope_text(self, x0: float, y0: float) -> None:
        """Put the slope's note above the ball at (``x0``, ``y0``), running towards the middle, and
        wholly inside the view: moved in from an edge, wrapped when wider than the view."""
        self._slope_at = (x0, y0)
        text = self.slope_text
        (vx0, vx1), (vy0, vy1) = self.view_box.viewRange()
        width_px, height_px = self.view_box.width(), self.view_box.height()
        if vx1 <= vx0 or vy1 <= vy0 or width_px < 1 or height_px < 1:
            text.setPos(x0, y0)
            return
        text.fit_width(max(width_px - 2 * TEXT_INSET_PX, 40.0))
        size = text.size()
        per_x, per_y = (vx1 - vx0) / width_px, (vy1 - vy0) / height_px
        w, h = size.width() * per_x, size.height() * per_y
        inset_x, inset_y = TEXT_INSET_PX * per_x, TEXT_INSET_PX * per_y
        left = x0 if (x0 - vx0) / (vx1 - vx0) < 0.5 else x0 - w
        left = min(max(left, vx0 + inset_x), vx1 - inset_x - w)
        bottom = y0 + self.style.width(9.0) * per_y  # just above the ball
        bottom = min(max(bottom, vy0 + inset_y), vy1 - inset_y - h)
        text.setPos(left, bottom)

    def plot_rect(self, widget: QWidget) -> QRect:
        """The data area in pixels of ``widget`` (this view or an ancestor), where a caption goes."""
        return widget_rect(self.plot_widget, self.view_box, widget)

    def ball_points(self, widget: QWidget) -> np.ndarray:
        """Where the shown balls are drawn (K, 2), in pixels of ``widget`` (this view or an
        ancestor): what is drawn over the view (a caption) keeps clear of them."""
        points = np.concatenate([np.empty((0, 2)), *(items.drawn_balls() for items in self._items.values())])
        return widget_points(self.plot_widget, self.view_box, widget, points)

    def note_rects(self, widget: QWidget) -> list[QRect]:
        """Where the slope note is, in pixels of ``widget``: a caption keeps clear of it too."""
        return item_rects(self.plot_widget, widget, [self.slope_text])

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """Show (or clear) the points a dragged start would visit, on the curve."""
        if path is None or len(path) == 0 or self.grid is None:
            self.preview.setData([], [])
            self.preview.hide()
            return
        xs = path[:, 0]
        self.preview.show()
        self.preview.setData(x=xs, y=curve_lookup(self.grid, xs), brush=None,
                             pen=self.style.pen(color, 1.5, dashed=True))

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """Show or hide the tangent and the step arrow."""
        self.show_gradient, self.show_velocity = gradient, velocity

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector."""
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        self._apply_style()
        self.legend.set_entries(self.legend.entries, self.style.legend_size)

    def _apply_style(self) -> None:
        self.style.style_axes(self.plot)
        if self.problem is not None:
            set_view_title(self.plot, problem_title(self.problem.title), self.problem.formula, self.style.title_size)
        self.curve.setPen(self.style.pen("#333333", 2.5))
        self.tangent.setPen(self.style.pen("#111111", 1.6, dashed=True))
        self.step_arrow.setPen(self.style.pen("#111111", 2.4))
        self.slope_text.setFont(self.style.font(10))
        self.minima.setSize(self.style.width(18))
        self.minima.setPen(self.style.pen("#000000", 1.2))
        for item in (self.curve.curve, self.minima):  # cached pixmaps: painted afresh in the new style
            refresh_cache(item)
        self._fit_texts()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_texts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The title, the legend and the slope note in the new language."""
        if event.type() == QEvent.Type.LanguageChange and self.problem is not None:
            self._apply_style()
            self.legend.set_entries(self._legend_entries(self._shown_specs), self.style.legend_size)
            self._draw_tangent(self._tangent_trace)
        super().changeEvent(event)

    def _fit_texts(self, force: bool = True) -> None:
        """Wrap the title and the legend so the plot never outgrows the widget (a long title had
        pushed the colour bar, the legend and the minimum off-screen)."""
        self._text_width = fit_texts(self.plot_widget, self.legend, self._text_width, force)

    # --- pointer ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Leave:
            self.hovered.emit("")
        return super().eventFilter(watched, event)

    def _on_mouse_moved(self, scene_pos) -> None:
        if self.grid is None or not self.view_box.sceneBoundingRect().contains(scene_pos):
            self.hovered.emit("")
            return
        x = self.view_box.mapSceneToView(scene_pos).x()
        value = curve_lookup(self.grid, np.array([x]))[0]
        name = self.problem.param_names[0]
        loss = self.tr("outside the grid") if np.isnan(value) else f"J ≈ {value:.5g}"
        self.hovered.emit(f"{name} = {x:.4g}   {loss}")
