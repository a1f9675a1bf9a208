"""The 3D view: the landscape as a lit surface, each run's ball rolling on it at its true J.

The surface is coloured by height as the 2D heatmap is (same colours), hill-shaded, with the 2D
view's contour lines on it and a pin on every known minimum. Each run's ball is a sphere resting on
the surface at the J its frame carries (the engine's value, not a grid lookup), its trail a line
just above the surface, with the negative-gradient and velocity arrows; a swarm is points. Heights
are linear or logarithmic in J − min J, times a vertical exaggeration. Drag to orbit, Ctrl-drag or
middle-drag to pan, wheel to zoom (the landscape is drawn coarse while the camera moves); a click
places a start, as in 2D (ray-cast onto the surface), and a drag that begins on the selected run's
ball or start moves its start over the surface, the path it would take shown dashed on the surface
as in 2D, placed on release as in 2D.

The GL widget, and pyqtgraph.opengl with it, is made when the view is first shown (or asked for
with :meth:`SurfaceView.ensure_canvas`, as the video renderer does for a hidden view), and only
where :func:`gdsim.qt.gl.gl_support` says OpenGL works: without it, a GL widget crashes the process.
A hidden view draws frames too, for video::

    if gl_support().available:
        view = SurfaceView()
        view.resize(width, height)           # the whole view: title and legend included
        view.set_controls_visible(False)
        view.ensure_canvas()
        view.set_problem(picture)
        view.draw(runs, specs, selected)     # each frame
        image = view.render_image()          # the surface (the canvas), a QImage
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import Problem
from gdsim.engine.spec import RunSpec
from gdsim.qt.declarations import problem_title
from gdsim.qt.gl import gl_support
from gdsim.qt.messages import fill
from gdsim.qt.views.arrows import arrow_segments
from gdsim.qt.views.landscape_2d import (
    ARROW_FRACTION,
    COLORMAP,
    SLOPE_FRACTION,
    basin_name,
    grid_lookup,
    is_data_problem,
)
from gdsim.qt.views.legend_row import BALL, RING
from gdsim.qt.views.protocol import Picture, register_view
from gdsim.qt.views.style import BASIN_COLORS, NO_BASIN, PRESENTATION_SCALE, Style, view_title
from gdsim.qt.views.surface_geometry import HeightField, SurfaceSpace, dashes, prefers_log
from gdsim.qt.views.trails import thinned

#: A ball's radius in scene units (the box is 2 wide), and the selected ball's.
BALL_RADIUS, SELECTED_RADIUS = 0.055, 0.07
#: Trails and contours float this far above the surface (scene units), so it never hides them.
LIFT = 0.008
#: A minimum's pin is this tall (scene units).
PIN_HEIGHT = 0.28
#: Swarm balls are points this many pixels wide.
SWARM_POINT = 5.0
#: The vertical exaggeration's range.
EXAGGERATION = (0.1, 10.0)
#: Arrow colours (as the 2D view's; velocity is not dashed here, so a brighter violet).
ARROW_COLORS = {"gradient": "#111111", "velocity": "#7b3fb0"}
#: The legend's mark for a known minimum (a pin, drawn in black).
PIN = "┃"
#: A press this near (pixels) the selected run's ball or start picks the start up (else it orbits).
GRAB_PIXELS = 14.0
#: The dashes of a dragged start's path, and the gaps between them (scene units).
PREVIEW_DASH = 0.03


class _RunItems:
    """How one run is drawn: its ball (in the view's one mesh of balls), its trail (one of the view's
    strips) or its swarm's points (an item of its own, made when first needed)."""

    def __init__(self) -> None:
        self.swarm = None
        self.drawn: tuple | None = None
        #: Where the ball's centre is drawn (scene units), None when it is not; its radius and colour.
        self.center: np.ndarray | None = None
        self.radius = BALL_RADIUS
        self.color = "#000000"
        #: Where its trail begins on the surface (scene units): its start, None when not drawn.
        self.start: np.ndarray | None = None
        self.basins: tuple[int, ...] = ()
        #: How many points the trail has, and what they were mapped for (restarts, stride, scene version).
        self.trail_count = 0
        self.trail_key: tuple | None = None


@register_view
class SurfaceView(QWidget):
    """The landscape in 3D with every run's ball, trail and arrows; same signals as the 2D view
    (a click places a start; a drag from the selected run's ball or start moves it, else it orbits).

    Signals
    -------
    start_clicked(point, shift)
        Left click on the surface at ``point`` (data coordinates); ``shift`` asks for a new ball.
    start_dragged(point)
        The selected run's start is being dragged over the surface (preview the path from ``point``).
    drag_finished(point, shift)
        The drag ended at ``point`` (the last point on the surface it passed).
    hovered(str)
        Coordinates and loss under the pointer, as text; "" when it is off the surface.
    """

    key = "3d"
    title = "Surface (3D)"
    placement = "main"
    places_starts = True
    needs_gl = True  # the video renderer checks gdsim.qt.gl before building it

    start_clicked = Signal(object, bool)
    start_dragged = Signal(object)
    drag_finished = Signal(object, bool)
    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"view_{self.key}")
        self.style = Style()
        self.canvas = None
        self.landscape = None
        self.balls = None
        self.trails = None
        self.preview = None
        self.arrows: dict = {}
        self.picture: Picture | None = None
        self.problem: Problem | None = None
        self.grid: LandscapeGrid | None = None
        self.space: SurfaceSpace | None = None
        self.field: HeightField | None = None
        self.show_gradient = True
        self.show_velocity = True
        self.arrow_length = 0.1
        self.slope_scale = 1.0
        self._runs: dict[int, _RunItems] = {}
        self._shared_key: tuple = (-1,)
        self._legend_key: tuple = ()
        self._legend_specs: Mapping[int, RunSpec] = {}
        self._space_version = 0
        self._followed: tuple | None = None
        self._selected: int | None = None
        self._preview: tuple[np.ndarray, str] | None = None
        self._drag_point: tuple[float, float] | None = None
        self._making = False
        self._build_controls()

    def _build_controls(self) -> None:
        self.title_label = QLabel("", self)
        self.title_label.setObjectName("surface_title")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        self.height_mode = QComboBox(self)
        self.height_mode.setObjectName("surface_height_mode")
        self.height_mode.addItem("", False)
        self.height_mode.addItem("", True)
        self.exaggeration = QDoubleSpinBox(self)
        self.exaggeration.setObjectName("surface_exaggeration")
        self.exaggeration.setRange(*EXAGGERATION)
        self.exaggeration.setSingleStep(0.25)
        self.exaggeration.setValue(1.0)
        self.exaggeration.setPrefix("×")
        self.follow = QCheckBox(self)
        self.follow.setObjectName("surface_follow")
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("surface_reset_camera")
        self._translate_controls()
        # the row keeps its own width and is cut at the view's edge rather than widen the view (split
        # beside a data view is narrow) or squeeze its controls illegible
        self.controls = QWidget(self)
        self.controls.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        row = QWidget(self.controls)
        controls = QHBoxLayout(row)
        controls.setSizeConstraint(QHBoxLayout.SizeConstraint.SetFixedSize)
        controls.setContentsMargins(4, 2, 4, 2)
        for widget in (self.height_mode, self.exaggeration, self.reset_button, self.follow):
            widget.setParent(row)
            controls.addWidget(widget)
        self.controls.setFixedHeight(row.sizeHint().height())
        self._row = row
        self.legend = QLabel("", self)
        self.legend.setObjectName("surface_legend")
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setWordWrap(True)
        self.stage = QWidget(self)
        self.stage.setObjectName("surface_stage")
        self.placeholder = QLabel("", self.stage)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        stage = QVBoxLayout(self.stage)
        stage.setContentsMargins(0, 0, 0, 0)
        stage.addWidget(self.placeholder)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.column.addWidget(self.title_label)
        self.column.addWidget(self.controls)
        self.column.addWidget(self.stage, 1)
        self.column.addWidget(self.legend)
        self.height_mode.currentIndexChanged.connect(lambda _i: self._rebuild_landscape())
        self.exaggeration.valueChanged.connect(lambda _v: self._rebuild_landscape())
        self.follow.toggled.connect(self._on_follow)
        self.reset_button.clicked.connect(self.reset_camera)
        self._apply_style()

    def _translate_controls(self) -> None:
        """The controls' texts and tooltips in the current language."""
        self.height_mode.setItemText(0, self.tr("linear J"))
        self.height_mode.setItemText(1, self.tr("log J"))
        self.height_mode.setToolTip(self.tr("Height: log10(J − min J) shows a valley spanning many orders of "
                                            "magnitude (Rosenbrock); linear shows J itself"))
        self.exaggeration.setToolTip(self.tr("Height ×: the vertical exaggeration, to stretch or flatten the "
                                             "surface"))
        self.follow.setText(self.tr("follow"))
        self.follow.setToolTip(self.tr("Keep the camera on the selected run's ball"))
        self.reset_button.setText(self.tr("Reset view"))
        self.reset_button.setToolTip(self.tr("Back to the starting camera (drag: turn · Ctrl or middle drag: pan · "
                                             "wheel: zoom)") + "\n"
                                     + self.tr("Drag the selected ball, or where its trail begins, to move its start"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The controls, the title and the legend in the new language."""
        if event.type() == QEvent.Type.LanguageChange:
            self._translate_controls()
            if hasattr(self, "_row"):
                self._row.adjustSize()
                self.controls.setFixedHeight(self._row.sizeHint().height())
            if self.picture is not None:
                self.title_label.setText(view_title(problem_title(self.problem.title), self.problem.formula))
                self._legend_key = ()
                self._update_legend(self._legend_specs)
        super().changeEvent(event)

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        """A landscape of two parameters with its drawing prepared (as the 2D view)."""
        return picture.grid is not None and len(picture.grid.axes) == 2 and picture.drawing is not None

    @property
    def watched(self) -> QWidget:
        """The GL widget once made (the frame clock watches its paints), else its placeholder."""
        return self.canvas if self.canvas is not None else self.placeholder

    # --- the GL widget, made on first show --------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.ensure_canvas()

    def ensure_canvas(self) -> bool:
        """Make the GL widget and the landscape's items if OpenGL works; whether the canvas exists."""
        if self.canvas is not None or self._making:
            return self.canvas is not None
        support = gl_support()
        if not support.available:
            self.placeholder.setText(support.reason)
            return False
        from gdsim.qt.views import surface_canvas  # pyqtgraph.opengl: only now, and only with OpenGL

        self._making = True  # a GL widget made in a shown parent sends that parent a show event
        try:
            self.canvas = surface_canvas.Canvas(self.stage)
        except RuntimeError as error:  # the display refused a context after all: say so, never crash
            self.placeholder.setText(fill(self.tr("The 3D view could not start OpenGL: %1."), error))
            return False
        finally:
            self._making = False
        self.canvas.setObjectName("surface_canvas")
        self.canvas.clicked.connect(self._on_clicked)
        self.canvas.hovered.connect(self._on_hovered)
        self.canvas.grabs = self._grabs
        self.canvas.dragged.connect(self._on_dragged)
        self.canvas.drag_finished.connect(self._on_drag_finished)
        self.stage.layout().removeWidget(self.placeholder)
        self.placeholder.hide()
        self.stage.layout().addWidget(self.canvas)
        self.canvas.show()  # made in a parent already shown: a child is shown only when told
        self.landscape = surface_canvas.Landscape(self.canvas)
        self.balls = surface_canvas.Balls(self.canvas)
        self.trails = surface_canvas.Strips(self.canvas, surface_canvas.DEPTH_LINES)
        self.preview = surface_canvas.Lines(self.canvas, (0.0, 0.0, 0.0, 1.0), 2.0, surface_canvas.DEPTH_OVERLAY)
        self.arrows = {kind: surface_canvas.Lines(self.canvas, surface_canvas.rgba(color), 3.0,
                                                  surface_canvas.DEPTH_OVERLAY)
                       for kind, color in ARROW_COLORS.items()}
        if self.picture is not None:
            self._rebuild_landscape()
        return True

    def set_controls_visible(self, on: bool) -> None:
        """Show or hide the row of controls (a video shows the surface, its title and legend only)."""
        self.controls.setVisible(on)

    def render_image(self) -> QImage:
        """The GL widget's current picture (an empty image without OpenGL)."""
        if not self.ensure_canvas():
            return QImage()
        self.column.activate()  # lay out now: a hidden view (the video renderer's) is never shown
        self.stage.layout().activate()
        return self.canvas.grabFramebuffer()

    # --- the landscape ----------------------------------------------------------------------

    def set_problem(self, picture: Picture) -> None:
        """Show a new landscape and forget every run's items."""
        self.picture = picture
        self.problem, self.grid = picture.problem, picture.grid
        domain = picture.problem.domain
        diagonal = float(np.hypot(*(domain[:, 1] - domain[:, 0])))
        low, high = picture.grid.finite_range
        self.arrow_length = ARROW_FRACTION * diagonal
        self.slope_scale = SLOPE_FRACTION * max(high - low, 1e-12) / diagonal
        self.title_label.setText(view_title(problem_title(picture.problem.title), picture.problem.formula))
        self.height_mode.blockSignals(True)
        self.height_mode.setCurrentIndex(self.height_mode.findData(prefers_log(picture.grid)))
        self.height_mode.blockSignals(False)
        for run_id in list(self._runs):
            self._forget(run_id)
        if self.balls is not None:
            self.balls.set([])
        self._preview = None
        self._legend_key = ()
        self._rebuild_landscape()
        if self.canvas is not None:
            self.reset_camera()

    def _rebuild_landscape(self) -> None:
        """Map the landscape into the scene again (new problem, height mode or exaggeration)."""
        if self.picture is None:
            return
        picture = self.picture
        self.space = SurfaceSpace.of(picture.grid, picture.problem.domain, log=bool(self.height_mode.currentData()),
                                     exaggeration=self.exaggeration.value(),
                                     equal_axes=not is_data_problem(picture.problem))
        self.field = HeightField.of(picture.grid, self.space)
        self._space_version += 1
        self._shared_key = (-1,)
        if self.canvas is None:
            return
        from gdsim.qt.views.surface_canvas import surface_mesh

        heights = picture.drawing.heights
        finite = heights[np.isfinite(heights)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        fields = (self.field, self.field.lowered())  # the coarse one for a moving camera
        meshes = tuple(surface_mesh(field, (heights[np.ix_(field.rows, field.cols)] - low) / max(high - low, 1e-300),
                                    COLORMAP) for field in fields)
        uv = self.space.plane(picture.drawing.contours.reshape(-1, 2))
        on_surface = tuple(np.column_stack([uv, field.at(uv) + LIFT]).reshape(-1, 2, 3) for field in fields)
        minima = self.problem.minima
        pins = self.space.points(np.array([m.location for m in minima]).reshape(-1, 2),
                                 np.array([m.value for m in minima]))
        names = self.problem.param_names
        height_name = "log J" if self.space.log else "J"
        self.landscape.set(meshes, on_surface, pins, PIN_HEIGHT, self.space.height, (names[0], names[1], height_name),
                           self.style.scale)
        self._draw_preview()

    def reset_camera(self) -> None:
        """Back to the starting view, looking at the middle of the surface."""
        if self.canvas is None:
            return
        self._followed = None
        height = self.space.height if self.space is not None else 0.6
        self.canvas.reset_camera((0.0, 0.0, 0.35 * height))

    # --- runs -------------------------------------------------------------------------------

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Redraw the runs that changed since the last call; True if anything did."""
        if self.canvas is None or self.space is None:
            return False
        self._selected = selected
        changed = False
        for run_id in [r for r in self._runs if r not in runs.traces]:
            self._forget(run_id)
            changed = True
        moved = []
        for trace in runs:
            spec = specs.get(trace.run_id)
            if spec is None or trace.frame is None:
                continue
            items = self._runs.setdefault(trace.run_id, _RunItems())
            key = (trace.version, spec, self.style.scale, selected == trace.run_id, self._space_version)
            if items.drawn != key:
                items.drawn = key
                changed = True
                if self._draw_run(items, trace, spec):
                    moved.append((items, trace, spec, selected == trace.run_id))
        if moved:
            self._draw_balls(moved)
        if changed:
            self.balls.set([(items.center, items.radius, items.color) for items in self._runs.values()
                            if items.center is not None])
        key = (runs.version if changed else self._shared_key[0], selected, self.show_gradient, self.show_velocity,
               self.style.scale, self._space_version)
        if changed or key != self._shared_key:
            self._shared_key = key
            self._draw_arrows_of(runs, specs)
            self._update_legend(specs)
            changed = True
        changed = self._follow_ball(selected) or changed
        return changed

    def _forget(self, run_id: int) -> None:
        """Stop drawing run ``run_id``."""
        items = self._runs.pop(run_id)
        if items.swarm is not None:
            items.swarm.remove(self.canvas)
        self.trails.discard(run_id)

    def _draw_run(self, items: _RunItems, trace, spec: RunSpec) -> bool:
        """Draw a swarm, or hide a hidden run; True for a shown single ball (drawn by :meth:`_draw_balls`)."""
        from gdsim.qt.views import surface_canvas as scene

        items.basins = ()
        items.center = None
        swarm = trace.is_swarm
        if items.swarm is None and spec.visible and swarm:
            items.swarm = scene.Points(self.canvas)
        if items.swarm is not None and not (spec.visible and swarm):
            items.swarm.item.setVisible(False)
        if swarm or not spec.visible or trace.length < 2:
            self.trails.discard(trace.run_id)
            items.trail_key, items.trail_count, items.start = None, 0, None
        if swarm and spec.visible:
            self._draw_swarm(items, trace, spec)
        return spec.visible and not swarm

    def _draw_balls(self, moved: list[tuple[_RunItems, object, RunSpec, bool]]) -> None:
        """The balls and trails of single-ball runs (items, trace, spec, selected), mapped into the
        scene together: a few NumPy calls for all of them rather than a few for each."""
        from gdsim.qt.views.surface_canvas import rgba

        scale = self.style.scale
        radii = np.array([(SELECTED_RADIUS if selected else BALL_RADIUS) * scale for *_run, selected in moved])
        centers = self.space.points(np.concatenate([trace.frame.positions[:1] for _items, trace, *_ in moved]),
                                    np.concatenate([trace.frame.loss[:1] for _items, trace, *_ in moved]), lift=radii)
        grown = []
        for (items, trace, spec, selected), center, radius in zip(moved, centers, radii, strict=True):
            items.radius, items.color = float(radius), spec.color
            items.center = center if np.isfinite(center).all() else None  # a diverged ball leaves the view
            if trace.length < 2:
                items.start = items.center
                continue
            path, stride = thinned(trace.path[: trace.length])
            loss = trace.loss[: trace.length]
            if stride > 1:
                loss = np.concatenate([loss[::stride], loss[-1:]])
            # a trail only grows between restarts: its points but the last are kept, the rest mapped anew
            key = (trace.restarts, stride, self._space_version)
            keep = items.trail_count - 1 if items.trail_key == key and 0 < items.trail_count <= len(path) else 0
            items.trail_key, items.trail_count = key, len(path)
            grown.append((items, trace.run_id, keep, path[keep:], loss[keep:], (3.5 if selected else 2.5) * scale))
        if not grown:
            return
        fresh = self.space.points(np.concatenate([xy for _i, _r, _k, xy, *_ in grown]),
                                  np.concatenate([loss for *_run, loss, _width in grown]))
        with np.errstate(invalid="ignore"):  # never under the drawn surface (it is a thinned grid)
            fresh[:, 2] = np.fmax(fresh[:, 2], self.field.at(fresh[:, :2])) + LIFT
        tails = np.split(fresh, np.cumsum([len(xy) for _i, _r, _k, xy, *_ in grown])[:-1])
        for (items, run_id, keep, _xy, _loss, width), tail in zip(grown, tails, strict=True):
            if keep == 0:  # a new trail: it begins at the start
                items.start = tail[0] if np.isfinite(tail[0]).all() else None
            self.trails.set(run_id, keep, tail, rgba(items.color), width)

    def _draw_swarm(self, items: _RunItems, trace, spec: RunSpec) -> None:
        """The balls where they are; once the run ends, where they started, coloured by the minimum
        each reached (as in 2D: the basins of attraction)."""
        from gdsim.qt.views.surface_canvas import rgba

        frame = trace.frame
        size = SWARM_POINT * self.style.scale
        if frame.basins is not None:
            where = trace.starts if trace.starts is not None else frame.positions
            uv = self.space.plane(where)
            points = np.column_stack([uv, self.field.at(uv) + LIFT])
            points[~self.space.inside(where)] = np.nan
            palette = np.array([rgba(c) for c in BASIN_COLORS] + [rgba(NO_BASIN)])
            basins = frame.basins.astype(int)
            colors = palette[np.where(basins >= 0, basins % len(BASIN_COLORS), len(BASIN_COLORS))]
            items.swarm.set(points, colors, size)
            items.basins = tuple(sorted({int(b) for b in np.unique(basins)}))
            return
        items.swarm.set(self.space.points(frame.positions, frame.loss, lift=LIFT), rgba(spec.color), size)

    def _draw_arrows_of(self, runs, specs: Mapping[int, RunSpec]) -> None:
        """The arrows of every shown single-ball run, along the surface at the balls' height."""
        shown = [t.frame for t in runs if not t.is_swarm and t.frame is not None and t.run_id in specs
                 and specs[t.run_id].visible and self._runs.get(t.run_id) and self._runs[t.run_id].center is not None]
        for kind, on in (("gradient", self.show_gradient), ("velocity", self.show_velocity)):
            frames = [f for f in shown if getattr(f, kind) is not None]
            if not on or not frames:
                self.arrows[kind].set(np.empty((0, 2, 3)))
                continue
            tails = np.concatenate([f.positions for f in frames])
            vectors = -np.concatenate([getattr(f, kind) for f in frames])
            flat = arrow_segments(tails, vectors, self.arrow_length, self.slope_scale)
            uv = self.space.plane(flat)
            points = np.column_stack([uv, self.field.at(uv) + BALL_RADIUS * self.style.scale])
            self.arrows[kind].set(points.reshape(-1, 2, 3), width=3.0 * self.style.scale)

    def _follow_ball(self, selected: int | None) -> bool:
        """Keep the camera on the selected ball while following; True if the camera moved."""
        if not self.follow.isChecked():
            return False
        items = self._runs.get(selected)
        center = items.center if items is not None else None
        if center is None:
            return False
        key = tuple(np.round(center, 6))
        if key == self._followed:
            return False
        self._followed = key
        self.canvas.look_at(center)
        return True

    def _on_follow(self, on: bool) -> None:
        self._followed = None
        if not on:
            self.reset_camera()

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """Draw (or with None clear) the path a dragged start would take: dashed, along the surface."""
        self._preview = None if path is None or len(path) == 0 else (np.asarray(path, dtype=float), color)
        self._draw_preview()

    def _draw_preview(self) -> None:
        if self.preview is None or self.space is None:
            return
        if self._preview is None:
            self.preview.set(np.empty((0, 2, 3)))
            return
        from gdsim.qt.views.surface_canvas import rgba

        path, color = self._preview
        uv = self.space.plane(path)
        uv[~self.space.inside(path)] = np.nan  # a path leaving the landscape breaks there
        ends = dashes(uv, PREVIEW_DASH).reshape(-1, 2)
        with np.errstate(invalid="ignore"):
            points = np.column_stack([ends, self.field.at(ends) + 2 * LIFT])
        self.preview.set(points.reshape(-1, 2, 3), color=rgba(color), width=2.0 * self.style.scale)

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """Show or hide the negative-gradient and velocity arrows."""
        self.show_gradient, self.show_velocity = gradient, velocity

    def set_presentation(self, on: bool) -> None:
        """Larger balls, thicker lines and larger texts for a projector."""
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        self._apply_style()
        self._rebuild_landscape()

    def _apply_style(self) -> None:
        title = QFont()
        title.setPointSizeF(11.0 * (1 + (self.style.scale - 1) / 2))  # titles grow half as much (as in 2D)
        self.title_label.setFont(title)
        self.legend.setFont(self.style.font(9.0))
        self._legend_key = ()

    def _update_legend(self, specs: Mapping[int, RunSpec]) -> None:
        """One entry per shown run, per basin of a finished swarm, and for the known minima's pins."""
        entries = []
        self._legend_specs = specs
        for run_id, spec in specs.items():
            items = self._runs.get(run_id)
            if items is None or not spec.visible:
                continue
            mark = RING if items.basins else BALL
            entries.append((mark, spec.color, fill(QCoreApplication.translate(
                "LandscapeView", "%1: starts, by the minimum reached"), spec.label) if items.basins else spec.label))
        for basin in sorted({b for items in self._runs.values() for b in items.basins}):
            color = BASIN_COLORS[basin % len(BASIN_COLORS)] if basin >= 0 else NO_BASIN
            entries.append((BALL, color, basin_name(self.problem, basin)))
        if self.problem is not None and self.problem.minima:
            entries.append((PIN, "#000000", QCoreApplication.translate("LandscapeView", "known minimum")))
        key = tuple(entries)
        if key == self._legend_key:
            return
        self._legend_key = key
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(
            f"<span style='color:{color}; font-weight:bold'>{mark}</span>&nbsp;"
            + html.escape(name).replace(" ", "&nbsp;") for mark, color, name in entries))

    # --- pointer ----------------------------------------------------------------------------

    def data_point_at(self, pixel: QPointF) -> tuple[float, float] | None:
        """The landscape's (x, y) under widget pixel ``pixel`` of the GL widget; None off the surface."""
        if self.canvas is None or self.field is None:
            return None
        hit = self.field.hit(*self.canvas.ray(pixel))
        if hit is None:
            return None
        x, y = self.space.data(hit[:2])[0]
        return float(x), float(y)

    def _on_clicked(self, pixel: QPointF, shift: bool) -> None:
        point = self.data_point_at(pixel)
        if point is not None:
            self.start_clicked.emit(point, shift)

    def _grabs(self, pixel: QPointF) -> bool:
        """Whether a press at ``pixel`` picks up the selected run's start: on its ball or its start."""
        items = self._runs.get(self._selected)
        if items is None or self.problem is None:
            return False
        places = [(place, reach) for place, reach in ((items.center, items.radius), (items.start, 0.0))
                  if place is not None]
        if not places:
            return False
        points = np.array([place for place, _reach in places])
        pixels = self.canvas.project(points)
        # anywhere on the ball as drawn (large when zoomed in), or this near its centre or the start
        reach = np.maximum(GRAB_PIXELS, np.array([r for _place, r in places]) / self.canvas.pixelSize(points))
        with np.errstate(invalid="ignore"):
            return bool((np.hypot(pixels[:, 0] - pixel.x(), pixels[:, 1] - pixel.y()) <= reach).any())

    def _on_dragged(self, pixel: QPointF) -> None:
        point = self.data_point_at(pixel)
        if point is not None:  # off the surface, the start stays at the last point on it
            self._drag_point = point
            self.start_dragged.emit(point)

    def _on_drag_finished(self, pixel: QPointF, shift: bool) -> None:
        point = self.data_point_at(pixel) or self._drag_point
        self._drag_point = None
        if point is not None:
            self.drag_finished.emit(point, shift)

    def _on_hovered(self, pixel: QPointF | None) -> None:
        point = None if pixel is None else self.data_point_at(pixel)
        if point is None or self.problem is None:
            self.hovered.emit("")
            return
        names = self.problem.param_names
        value = grid_lookup(self.grid, *point)
        loss = QCoreApplication.translate("LandscapeView", "outside the grid") if value is None else f"J ≈ {value:.5g}"
        self.hovered.emit(f"{names[0]} = {point[0]:.4g}, {names[1]} = {point[1]:.4g}   {loss}")

