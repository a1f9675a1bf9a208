"""The views alone, on runs built by hand: the protocol and registry, what each view draws from a
frame, the loss plot's log axis, the layout at the window sizes people use, and the swarm's basins."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QApplication

import gdsim.qt.views  # noqa: F401 - registers the views
from gdsim.core.data_problems import build_regression_problem
from gdsim.core.grid import contour_levels, contour_segments, landscape_grid
from gdsim.core.landscapes import make_landscape
from gdsim.engine.snapshot import NextUpdate
from gdsim.engine.spec import OKABE_ITO
from gdsim.engine.status import Status
from gdsim.qt.app import configure
from gdsim.qt.views.curve_1d import CurveView
from gdsim.qt.views.landscape_2d import LandscapeView
from gdsim.qt.views.landscape_drawing import landscape_drawing, make_picture
from gdsim.qt.views.loss_plot import LossPlot
from gdsim.qt.views.no_landscape import NoLandscapeView
from gdsim.qt.views.protocol import VIEWS, View, views_for
from gdsim.qt.views.style import BASIN_COLORS
from tests.qt.helpers import on_screen
from tests.qt.views.fakes import FakeRuns, FakeTrace, picture_of, run_frame, specs_for

#: The main view's share of the window's width when the data view is beside it, and the window sizes.
BESIDE = 0.55
WINDOWS = ((1280, 720), (1400, 900))


@pytest.fixture(autouse=True)
def looks(qapp):
    configure(qapp)


def shown(qtbot, widget, width: int, height: int):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    for _ in range(3):
        QApplication.processEvents()
    return widget


def regression_picture():
    problem = build_regression_problem({"data": {"x": [1, 2, 3, 4, 5], "y": [3, 5, 7, 9, 11]}, "bias": True})
    return make_picture(problem, landscape_grid(problem))


# --- the protocol and the registry -------------------------------------------------------------

def test_every_view_registers_and_implements_the_protocol(qtbot):
    assert {"2d", "1d", "data", "none"} <= set(VIEWS)
    for key, cls in VIEWS.items():
        view = cls()
        qtbot.addWidget(view)
        assert isinstance(view, View) and view.objectName() == f"view_{key}"
        assert cls.placement in ("main", "beside")
        assert (hasattr(cls, "start_clicked") and hasattr(cls, "hovered")) == cls.places_starts


def test_each_problem_gets_one_main_view_and_data_problems_a_data_view_beside():
    four = build_regression_problem({"data": {"x": [[1, 2, 0], [2, 1, 1], [3, 3, 2], [0, 1, 1]], "y": [3, 4, 7, 1]},
                                     "bias": True})
    one_feature = build_regression_problem({"data": {"x": [1, 2, 3], "y": [2, 4, 6]}, "bias": False})
    cases = {("2d", "3d"): picture_of("rosenbrock"), ("1d",): picture_of("x_squared"),
             ("none",): make_picture(four, landscape_grid(four))}
    for keys, picture in cases.items():  # a 2D landscape: the 2D and 3D views (the layout picks)
        assert tuple(cls.key for cls in views_for(picture)) == keys
    assert {cls.key for cls in views_for(make_picture(one_feature, landscape_grid(one_feature)))} == {"1d", "data"}
    assert {cls.key for cls in views_for(regression_picture())} == {"2d", "3d", "data"}


def test_landscape_drawing_is_prepared_for_2d_only():
    assert landscape_drawing(landscape_grid(make_landscape("x_squared"))) is None
    drawing = landscape_drawing(landscape_grid(make_landscape("rosenbrock")))
    assert drawing.heights.shape == (300, 300) and drawing.contours.shape[1:] == (2, 2)


def test_contours_lie_on_their_levels():
    grid = landscape_grid(make_landscape("himmelblau"))
    levels = contour_levels(grid)
    assert np.all(np.diff(np.log(levels - grid.finite_range[0])) > 0)  # log-spaced, rising
    problem = make_landscape("himmelblau")
    for level in levels[::4]:
        segments = contour_segments(grid, level)
        assert len(segments) > 20
        values = problem.value(segments.reshape(-1, 2))
        assert np.median(np.abs(values - level) / level) < 0.02


def test_a_problem_with_no_landscape_says_so(qtbot):
    four = build_regression_problem({"data": {"x": [[1, 2, 0], [2, 1, 1], [3, 3, 2], [0, 1, 1]], "y": [3, 4, 7, 1]},
                                     "bias": True})
    view = NoLandscapeView()
    qtbot.addWidget(view)
    view.set_problem(make_picture(four, None))
    assert "4 parameters" in view.note.text() and view.watched is view.note


# --- the 1D view draws the frame (defect 3) ----------------------------------------------------

def test_the_1d_ball_and_tangent_are_at_the_current_loss_and_the_arrow_reaches_the_next_point(qtbot):
    view = shown(qtbot, CurveView(), 800, 500)
    view.set_problem(picture_of("x_squared"))
    # record_every > 1: the last recorded point is x = 1.07 (J 1.153); the ball is now at x = 0.352
    x, loss, slope = 0.352, 0.352**2, 2 * 0.352
    update = NextUpdate(gradient=np.array([slope]), direction=np.array([slope]), position=np.array([x - 0.1 * slope]),
                        lr=0.1)
    frame = run_frame(0, [[x]], [loss], step=12, gradient=[[slope]], next_update=update)
    runs = FakeRuns(FakeTrace(frame, steps=[0, 10], path=[[3.0], [1.0738]], loss=[9.0, 1.153]))
    assert view.draw(runs, specs_for(runs), 0)
    ((ball_x, ball_y),) = view._items[0].drawn_balls()
    assert ball_x == x and ball_y == pytest.approx(loss)
    xs, ys = view.tangent.getData()
    assert np.interp(x, xs, ys) == pytest.approx(loss)
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope)
    arrow_x, arrow_y = view.step_arrow.getData()
    assert arrow_x[0] == pytest.approx(x) and arrow_x[1] < x  # too short to see: drawn a little longer
    assert arrow_y[0] == pytest.approx(loss) and arrow_y[1] == pytest.approx(loss)
    assert "goes left, to x = 0.2816" in view.slope_text.toPlainText()
    # a step long enough to see ends at the point the update reaches
    update = NextUpdate(gradient=np.array([6.0]), direction=np.array([6.0]), position=np.array([0.6]), lr=0.4)
    frame = run_frame(0, [[3.0]], [9.0], step=13, gradient=[[6.0]], next_update=update)
    runs = FakeRuns(FakeTrace(frame, steps=[0, 10], path=[[3.0], [1.0738]], loss=[9.0, 1.153]))
    runs.version = 2
    view.draw(runs, specs_for(runs), 0)
    arrow_x, _ = view.step_arrow.getData()
    assert arrow_x[0] == pytest.approx(3.0) and arrow_x[1] == pytest.approx(0.6)


def test_the_step_arrow_follows_the_update_not_the_slope(qtbot):
    """With momentum a ball can move uphill: the arrow and the words say where the update goes."""
    view = shown(qtbot, CurveView(), 800, 500)
    view.set_problem(picture_of("x_squared"))
    update = NextUpdate(gradient=np.array([1.0]), direction=np.array([-2.0]), position=np.array([0.7]), lr=0.1)
    frame = run_frame(0, [[0.5]], [0.25], gradient=[[1.0]], next_update=update)
    runs = FakeRuns(FakeTrace(frame))
    view.draw(runs, specs_for(runs), 0)
    arrow_x, _ = view.step_arrow.getData()
    assert arrow_x[1] > arrow_x[0] and "right" in view.slope_text.toPlainText()


def test_the_slope_note_wraps_inside_a_narrow_view_and_is_painted_there(qtbot):
    """The note is laid out by the painter (no text document): in a view narrower than its one line
    it wraps, stays inside the view, and its words are on the screen inside its box."""
    view = shown(qtbot, CurveView(), 260, 420)
    view.set_problem(picture_of("x_squared"))
    update = NextUpdate(gradient=np.array([1.6]), direction=np.array([1.6]), position=np.array([0.64]), lr=0.1)
    frame = run_frame(0, [[0.8]], [0.64], gradient=[[1.6]], next_update=update)
    runs = FakeRuns(FakeTrace(frame))
    view.draw(runs, specs_for(runs), 0)
    note = view.slope_text

    def box() -> QRectF:
        return view.view_box.mapRectFromScene(note.mapRectToScene(note.boundingRect()))

    # the view box takes its size and range (and the note its place and scale) when it is painted
    qtbot.waitUntil(lambda: view.view_box.rect().adjusted(-1, -1, 1, 1).contains(box()), timeout=3000)
    metrics = QFontMetrics(view.style.font(10))
    assert metrics.horizontalAdvance(note.toPlainText()) > view.view_box.width()  # one line would not fit
    assert note.size().height() >= 2 * metrics.lineSpacing()  # so it wraps
    on_view = view.plot_widget.mapFromScene(note.mapRectToScene(note.boundingRect())).boundingRect()
    image = on_screen(view.plot_widget.viewport())
    dark = sum(QColor(image.pixel(x, y)).lightness() < 100 for x in range(on_view.left() + 2, on_view.right() - 1)
               for y in range(on_view.top() + 2, on_view.bottom() - 1))
    assert dark > 50, "the note's words are not on the screen"


def test_the_2d_gradient_arrows_point_downhill_from_each_ball_and_are_painted(qtbot):
    """Each ball's arrow starts at the ball and points along −∇J (Rosenbrock's gradient in closed
    form, the oracle); the arrows are painted where they are, and gone when switched off."""
    view = shown(qtbot, LandscapeView(), 800, 560)
    view.set_problem(picture_of("rosenbrock"))
    view.set_arrows(True, False)

    def gradient(x: float, y: float) -> list[float]:  # J = (1 − x)² + 100 (y − x²)²
        return [-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)]

    balls = [(-1.0, 1.5), (0.5, -0.5)]
    frames = [run_frame(i, [ball], [0.0], gradient=[gradient(*ball)]) for i, ball in enumerate(balls)]
    runs = FakeRuns(*(FakeTrace(frame) for frame in frames))
    assert view.draw(runs, specs_for(runs), 0)
    segments = view.gradient_arrows.points().reshape(-1, 6, 2)
    assert len(segments) == 2
    for arrow, ball in zip(segments, balls, strict=True):
        tail, tip = arrow[0], arrow[1]
        assert tail == pytest.approx(ball)
        downhill = -np.array(gradient(*ball)) / np.linalg.norm(gradient(*ball))
        assert (tip - tail) / np.linalg.norm(tip - tail) == pytest.approx(downhill)
        assert (arrow[2] == tip).all() and (arrow[4] == tip).all()  # both barbs leave the tip
    QApplication.processEvents()
    image = view.watched.grab().toImage()

    def darkest_near(x: float, y: float) -> int:
        point = view.plot_widget.mapFromScene(view.view_box.mapViewToScene(QPointF(x, y)))
        return min(QColor(image.pixel(point.x() + dx, point.y() + dy)).lightness()
                   for dx in range(-2, 3) for dy in range(-2, 3))

    for arrow in segments:
        middle = (arrow[0] + arrow[1]) / 2
        assert darkest_near(*middle) < 60  # the shaft's dark ink, over the heatmap
    view.set_arrows(False, False)
    view.draw(runs, specs_for(runs), 0)
    assert not len(view.gradient_arrows.points())


# --- the loss plot's log axis (defects 5 and 6) ------------------------------------------------

def loss_runs(*losses, steps=None) -> FakeRuns:
    traces = []
    for run_id, loss in enumerate(losses):
        loss = np.asarray(loss, dtype=float)
        frame = run_frame(run_id, [[0.0, 0.0]], [loss[-1]], step=len(loss))
        traces.append(FakeTrace(frame, steps=np.arange(len(loss)), loss=loss, grad_norm=np.abs(loss)))
    return FakeRuns(*traces)


def test_log_loss_labels_are_the_same_after_presentation_mode(qtbot):
    plot = shown(qtbot, LossPlot(), 700, 260)
    runs = loss_runs(np.geomspace(1e12, 1e-3, 50))
    plot.draw(runs, specs_for(runs))
    QApplication.processEvents()
    before = plot.axis_shown()
    assert "1e+12" in " ".join(before["ticks"]) or "10¹²" in " ".join(before["ticks"])
    plot.set_presentation(True)
    plot.set_presentation(False)
    QApplication.processEvents()
    assert plot.axis_shown() == before
    axis = plot.plots[0].getAxis("left")
    assert axis.autoSIPrefixScale == 1.0 and "x1e" not in axis.labelString()


@pytest.mark.parametrize("losses", [
    [3.0, 1.0, 0.1, 0.0],                     # a loss of exactly 0
    [2.0, 0.5, -0.5, -1.0],                   # negative losses (no known minimum)
    [1.0, 40.0, 1.5e8, np.inf, np.nan],       # a diverging run
])
def test_the_loss_axis_stays_log_with_finite_ticks(qtbot, losses):
    plot = shown(qtbot, LossPlot(), 700, 260)
    plot.set_problem(build_regression_problem({"data": {"x": [[1, 2, 0], [2, 1, 1], [3, 3, 2], [0, 1, 1]],
                                                         "y": [3, 4, 7, 1]}, "bias": False}))
    plot.problem.critical_points = ()  # no known minimum: the plot must cope on its own
    runs = loss_runs(losses, [5.0, 4.0, 3.0, 2.0])
    plot.draw(runs, specs_for(runs))
    QApplication.processEvents()
    shown_axis = plot.axis_shown()
    assert shown_axis["log"] and plot.plots[0].getAxis("left").logMode
    assert shown_axis["ticks"] and not any("nan" in t or "inf" in t for t in shown_axis["ticks"])
    _, ys = plot.curve(0, 0).getData()  # displayed (log10) values: finite, or gaps for non-finite losses
    finite = np.isfinite(np.asarray(losses))
    assert np.isfinite(ys[finite]).all() and not np.isfinite(ys[~finite]).any()
    (low, high) = plot.plots[0].vb.viewRange()[1]
    assert high - low <= 14  # 1.5e8 does not flatten the other curve: a few decades, on a log axis
    if min(losses) <= 0:
        assert "J_low" in shown_axis["label"]


def test_the_loss_axis_subtracts_a_known_minimum_and_clear_restores_it(qtbot):
    problem = build_regression_problem({"data": {"x": [1, 2, 3, 4], "y": [1, 3, 2, 5]}, "bias": True})
    j_min = min(m.value for m in problem.minima)
    assert j_min > 0.1
    plot = shown(qtbot, LossPlot(), 700, 260)
    plot.set_problem(problem)
    losses = j_min + np.array([2.0, 0.2, 0.02, 0.0])
    runs = loss_runs(losses)
    plot.draw(runs, specs_for(runs))
    _, ys = plot.curve(0, 0).getData()
    np.testing.assert_allclose(10 ** ys[:3], [2.0, 0.2, 0.02], rtol=1e-9)
    assert np.isfinite(ys[3])  # exactly J_min: drawn at the curve's lowest positive value
    assert plot.axis_shown()["label"] == "J − J_min (log)"
    plot.log_y.setChecked(False)
    assert plot.axis_shown() == {"log": False, "label": "loss J", "ticks": plot.axis_shown()["ticks"]}
    plot.log_y.setChecked(True)
    plot.set_problem(make_landscape("rosenbrock"))  # a new problem: minimum value 0, so J itself
    assert plot.axis_shown()["log"] and plot.axis_shown()["label"] == "loss J (log)"


def test_the_gradient_norm_and_learning_rate_tabs_draw(qtbot):
    plot = shown(qtbot, LossPlot(), 700, 260)
    runs = loss_runs([4.0, 1.0, 0.0])
    assert plot.draw(runs, specs_for(runs))
    for tab in (1, 2):
        plot.tabs.setCurrentIndex(tab)  # another tab shows the runs last drawn at once
        assert len(plot.curve(tab, 0).getData()[0]) == 3
    assert plot.axis_shown()["log"] is False and plot.plots[1].getAxis("left").logMode


# --- layout (defect 10) -------------------------------------------------------------------------

def domain_rect(view) -> QRectF:
    (x0, x1), (y0, y1) = view.problem.domain
    return QRectF(view.view_box.mapViewToScene(QPointF(x0, y1)), view.view_box.mapViewToScene(QPointF(x1, y0)))


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("presentation", [False, True])
@pytest.mark.parametrize("name", ["rosenbrock", "regression"])
def test_the_2d_view_fits_its_domain_title_and_legend_beside_a_data_view(qtbot, window, presentation, name):
    width, height = int(window[0] * BESIDE), int(window[1] * 0.62)
    view = shown(qtbot, LandscapeView(), width, height)
    picture = regression_picture() if name == "regression" else picture_of(name)
    view.set_problem(picture)
    minimum = picture.problem.minima[0].location
    runs = FakeRuns(FakeTrace(run_frame(0, [minimum], [0.0])))
    view.draw(runs, specs_for(runs), 0)
    view.set_presentation(presentation)
    for _ in range(3):
        QApplication.processEvents()
    screen = QRectF(view.plot_widget.viewport().rect())
    assert view.plot.sceneBoundingRect().width() <= screen.width() + 0.5
    domain = domain_rect(view)
    assert screen.contains(domain)
    for item in (view.plot.titleLabel, view.legend, view.colorbar):
        assert screen.contains(item.sceneBoundingRect()), item
    assert not view.legend.sceneBoundingRect().intersects(domain)
    assert screen.contains(view._runs[0].ball.scenePos())
    assert [entry[2] for entry in view.legend.entries] == ["Run 0", "known minimum"]


def test_balls_are_drawn_over_the_minimum(qtbot):
    view = shown(qtbot, LandscapeView(), 700, 500)
    picture = picture_of("rosenbrock")
    view.set_problem(picture)
    runs = FakeRuns(FakeTrace(run_frame(0, [[1.0, 1.0]], [0.0])))
    view.draw(runs, specs_for(runs), 0)
    assert view._runs[0].ball.zValue() > view.minima.zValue()
    assert CurveView().minima.zValue() < 20


def test_the_2d_axes_show_one_set_of_labels_after_presentation_mode(qtbot):
    """The axes paint from a cache: after F5 they must show only the large labels."""
    toggled = shown(qtbot, LandscapeView(), 700, 500)
    fresh = shown(qtbot, LandscapeView(), 700, 500)
    for view in (toggled, fresh):
        view.set_problem(picture_of("rosenbrock"))
    fresh.set_presentation(True)
    toggled.grab()  # painted once with small labels, cached
    toggled.set_presentation(True)
    for _ in range(3):
        QApplication.processEvents()
    for name in ("left", "bottom"):
        images = [view.plot_widget.grab(view.plot.getAxis(name).sceneBoundingRect().toRect()).toImage()
                  for view in (toggled, fresh)]
        assert images[0] == images[1], name


def test_a_data_problems_heatmap_fills_the_view(qtbot):
    for width, height in ((700, 420), (500, 600)):
        view = shown(qtbot, LandscapeView(), width, height)
        view.set_problem(regression_picture())
        QApplication.processEvents()
        (x0, x1), (y0, y1) = view.view_box.viewRange()
        image = view.image.mapRectToView(view.image.boundingRect())
        tolerance = 1e-9 * max(x1 - x0, y1 - y0)
        assert image.left() <= x0 + tolerance and image.right() >= x1 - tolerance
        assert image.top() <= y0 + tolerance and image.bottom() >= y1 - tolerance


# --- swarms, hover and export (defect 12) ------------------------------------------------------

def test_a_finished_swarm_is_coloured_by_basin_in_colours_no_run_has_with_a_legend(qtbot):
    for basin in BASIN_COLORS:
        for run in OKABE_ITO:
            a, b = QColor(basin), QColor(run)
            assert np.linalg.norm(np.subtract(a.getRgb()[:3], b.getRgb()[:3])) > 40, (basin, run)
    view = shown(qtbot, LandscapeView(), 800, 560)
    picture = picture_of("himmelblau")
    view.set_problem(picture)
    starts = np.random.default_rng(0).uniform(-5, 5, (400, 2))
    basins = np.arange(400) % 4
    basins[:5] = -1
    frame = run_frame(0, starts, np.ones(400), basins=basins, status=Status.CONVERGED)
    runs = FakeRuns(FakeTrace(frame, starts=starts))
    view.draw(runs, specs_for(runs), 0)
    colours = {brush.color().name() for brush in view._runs[0].swarm.data["brush"]}
    assert colours <= {c.lower() for c in BASIN_COLORS} | {"#9a9a9a"} and len(colours) == 5
    names = [entry[2] for entry in view.legend.entries]
    for basin in range(4):
        where = ", ".join(f"{v:.3g}" for v in picture.problem.minima[basin].location)
        assert f"basin of ({where})" in names
    assert "reached no known minimum" in names


@pytest.mark.parametrize("cls, name", [(LandscapeView, "rosenbrock"), (CurveView, "x_squared")])
def test_the_hover_readout_clears_when_the_pointer_leaves(qtbot, cls, name):
    view = shown(qtbot, cls(), 700, 500)
    view.set_problem(picture_of(name))
    texts: list[str] = []
    view.hovered.connect(texts.append)
    point = (1.0, 1.0) if cls is LandscapeView else (1.0, 0.0)
    view._on_mouse_moved(view.view_box.mapViewToScene(QPointF(*point)))
    assert texts and "J ≈ " in texts[-1]
    if cls is LandscapeView:
        value = float(texts[-1].split("J ≈ ")[1])
        assert value < 0.01  # Rosenbrock's minimum is at (1, 1)
    QApplication.sendEvent(view.watched, QEvent(QEvent.Type.Leave))
    assert texts[-1] == ""
    if cls is LandscapeView:
        assert view.readout.textItem.toPlainText() == ""


def test_the_export_dialog_offers_no_matplotlib_window(qtbot):
    from pyqtgraph.GraphicsScene.exportDialog import ExportDialog

    view = shown(qtbot, LandscapeView(), 600, 400)
    dialog = ExportDialog(view.plot.scene())
    qtbot.addWidget(dialog)
    dialog.ui.formatList.blockSignals(True)  # list the formats only (showing an exporter starts its timers)
    dialog.updateFormatList()
    offered = [dialog.ui.formatList.item(i).text() for i in range(dialog.ui.formatList.count())]
    assert offered and not any("matplotlib" in text.lower() for text in offered)
    assert all(exporter.__name__ != "MatplotlibExporter" for exporter in pg.exporters.listExporters())


# --- trails --------------------------------------------------------------------------------------

def _pixels(image) -> np.ndarray:
    image = image.convertToFormat(image.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)[..., :3].astype(int)


def test_trails_grown_frame_by_frame_look_like_the_whole_path_stroked_at_once(qtbot):
    """The layer is stroked a few points at a time and only the moving end is redrawn: the picture
    must be the one a plain pyqtgraph curve of the whole path gives (the oracle), seams aside; a
    new key starts over; thinning keeps the last point."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gdsim.qt.views.trails import TrailsItem, thinned

    path = np.cumsum(np.random.default_rng(0).normal(size=(10_000, 2)), axis=0)
    points, stride = thinned(path, most=4000)
    assert stride == 4 and len(points) == 2501 and (points[-1] == path[-1]).all()
    assert thinned(path[:3000], most=4000)[1] == 1

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)

    def paint() -> None:  # the scene's changes delivered, then the view painted at once
        QApplication.processEvents()
        widget.viewport().repaint()

    trails = TrailsItem(margin=0.5)
    widget.getPlotItem().addItem(trails)
    walk = path[:900]
    widget.getPlotItem().vb.setRange(xRange=(walk[:, 0].min(), walk[:, 0].max()),
                                     yRange=(walk[:, 1].min(), walk[:, 1].max()))
    paint()
    qtbot.wait(50)  # laid out: the layer's scale is settled from here on
    pen = pg.mkPen("#d55e00", width=2.2)
    old = 0.5 * walk[:300] + 0.5 * walk.mean(axis=0)  # inside the view: drawn, then replaced under a new key
    trails.set_trail(0, old, pen, ("old",))
    paint()
    for n in range(2, len(walk) + 1, 7):
        trails.set_trail(0, walk[:n], pen, ("walk",))
        paint()
    trails.set_trail(0, walk, pen, ("walk",))
    paint()
    assert trails.point_count(0) == len(walk)
    layered = _pixels(widget.grab().toImage())

    trails.hide()
    widget.getPlotItem().addItem(pg.PlotCurveItem(walk[:, 0], walk[:, 1], pen=pen))
    paint()
    oracle = _pixels(widget.grab().toImage())
    inked = (oracle < 200).any(axis=2)
    differing = (np.abs(layered - oracle).max(axis=2) > 60)
    assert inked.sum() > 10_000
    assert differing.sum() < 0.01 * inked.sum(), differing.sum()  # antialiased seams only


def test_a_trail_thinned_further_as_it_grows_is_not_stroked_again(qtbot, monkeypatch):
    """Past every doubling of the thinning stride the trail is the same line through fewer points:
    the layer keeps what it holds (stroking every trail again stalled the window 42 ms each time),
    and the picture is still the one a plain curve of the whole path gives (the oracle)."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gdsim.qt.views.trails import TrailsItem, thinned

    t = np.linspace(0.0, 12 * np.pi, 6000)  # a ball spiralling into a minimum, as momentum does
    path = np.column_stack([np.cos(t), np.sin(t)]) * np.exp(-t / 15)[:, None]
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)

    def paint() -> None:
        QApplication.processEvents()
        widget.viewport().repaint()

    trails = TrailsItem(margin=0.5)
    widget.getPlotItem().addItem(trails)
    widget.getPlotItem().vb.setRange(xRange=(path[:, 0].min(), path[:, 0].max()),
                                     yRange=(path[:, 1].min(), path[:, 1].max()))
    paint()
    qtbot.wait(50)
    restrokes = []
    update_layer = TrailsItem._update_layer

    def counting(self, transform, view):
        restrokes.append(self._restroke)
        update_layer(self, transform, view)

    monkeypatch.setattr(TrailsItem, "_update_layer", counting)
    pen = pg.mkPen("#0072b2", width=2.2)
    strides = set()
    for n in range(2, len(path) + 1, 41):
        points, stride = thinned(path[:n], most=500)
        strides.add(stride)
        trails.set_trail(0, points, pen, ("walk",), stride=stride)
        paint()
    assert strides == {1, 2, 4, 8, 16} and restrokes and not any(restrokes[1:])
    layered = _pixels(widget.grab().toImage())

    trails.hide()
    widget.getPlotItem().addItem(pg.PlotCurveItem(path[:n, 0], path[:n, 1], pen=pen))
    paint()
    oracle = _pixels(widget.grab().toImage())
    inked = (oracle < 200).any(axis=2)
    differing = (np.abs(layered - oracle).max(axis=2) > 60)
    assert inked.sum() > 10_000
    assert differing.sum() < 0.02 * inked.sum(), differing.sum()


def test_a_trail_thinned_frame_by_frame_in_one_reused_buffer_looks_like_the_whole_path(qtbot):
    """The views thin a growing trail by reading only its new rows, into a buffer rewritten at every
    frame (its last point replaced): at each frame the points must be what thinning the whole path
    at once gives (the oracle), and what the screen shows after the frames' partial repaints must be
    a plain curve of the whole path (where the dropped points were is the zigzag test's)."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gdsim.qt.views.trails import Thinning, TrailsItem, thinned

    t = np.linspace(0.0, 12 * np.pi, 5000)  # a ball spiralling into a minimum
    path = np.column_stack([np.cos(t), np.sin(t)]) * np.exp(-t / 15)[:, None]
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)

    def paint() -> None:  # only the parts Qt was asked to repaint (what a running window does)
        QApplication.processEvents()
        QApplication.processEvents()

    trails = TrailsItem(margin=0.01 * float(np.hypot(*np.ptp(path, axis=0))))  # as the 2D view's
    widget.getPlotItem().addItem(trails)
    widget.getPlotItem().vb.setRange(xRange=(path[:, 0].min(), path[:, 0].max()),
                                     yRange=(path[:, 1].min(), path[:, 1].max()))
    paint()
    qtbot.wait(50)
    pen = pg.mkPen("#009e73", width=2.2)
    thinning = Thinning(most=400)
    strides = set()
    for n in [*range(2, len(path), 23), len(path)]:
        points, stride = thinning.update(path[:n], "walk")
        expected, expected_stride = thinned(path[:n], most=400)
        assert stride == expected_stride and np.array_equal(points, expected)
        strides.add(stride)
        trails.set_trail(0, points, pen, ("walk",), stride=stride)
        paint()
    assert strides == {1, 2, 4, 8, 16}
    layered = _pixels(on_screen(widget.viewport()))

    trails.hide()
    widget.getPlotItem().addItem(pg.PlotCurveItem(path[:, 0], path[:, 1], pen=pen))
    widget.viewport().repaint()
    oracle = _pixels(on_screen(widget.viewport()))
    inked = (oracle < 200).any(axis=2)
    differing = (np.abs(layered - oracle).max(axis=2) > 60)
    assert inked.sum() > 10_000
    assert differing.sum() < 0.02 * inked.sum(), differing.sum()


def test_log_axis_labels_only_one_two_and_five_times_a_power_of_ten(qapp):
    from gdsim.qt.views.log_axis import LogFriendlyAxis

    axis = LogFriendlyAxis("left")
    values = np.log10([0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 7.0, 10.0, 50.0]).tolist()
    labels = axis.logTickStrings(values, 1.0, 1.0)
    assert [bool(text) for text in labels] == [True, False, True, True, True, False, False, True, True]


def test_the_1d_trail_gathered_frame_by_frame_equals_the_whole_trace_filtered_at_once():
    """The 1D view reads only new rows (and the last one again): at every frame its points must be
    the finite (x, J) rows of the whole trace, as filtering everything at once gives (the oracle),
    through non-finite rows, a rewritten last row, and a restart."""
    from types import SimpleNamespace

    from gdsim.qt.views.curve_1d import _TrailPoints

    rng = np.random.default_rng(3)
    path, loss = rng.normal(size=(3000, 1)), rng.normal(size=3000)
    loss[rng.random(3000) < 0.05] = np.inf
    path[rng.random(3000) < 0.05, 0] = np.nan
    trace = SimpleNamespace(length=0, restarts=0, path=path.copy(), loss=loss.copy())
    gathered = _TrailPoints()
    for length in [*range(0, 3000, 37), 3000]:
        trace.length = length
        if length and rng.random() < 0.3:  # the engine rewrites the last row
            trace.loss[length - 1] = rng.choice([np.inf, rng.normal()])
        if rng.random() < 0.05:  # a restart: earlier rows replaced
            trace.restarts += 1
            trace.path[:length] = rng.normal(size=(length, 1))
        whole = np.column_stack([trace.path[:length, 0], trace.loss[:length]])
        expected = whole[np.isfinite(whole).all(axis=1)]
        points, _grew = gathered.update(trace, turn=rng.random() < 0.5)  # growing early or when it must
        np.testing.assert_array_equal(points, expected)


def test_a_flat_trail_grown_piece_by_piece_is_bounded_over_all_its_points(qapp):
    """A horizontal line (a constant loss) has no height: its bounds must still cover every point
    drawn, or Qt skips painting the older part when it is exposed again."""
    from PySide6.QtGui import QPen

    from gdsim.qt.views.trails import TrailsItem

    trails = TrailsItem(margin=0.5, gaps=True)
    line = np.column_stack([np.arange(100.0), np.full(100, 3.0)])
    for n in range(2, 101, 10):
        trails.set_trail(0, line[:n], QPen(), ("flat",))
        trail = trails._trails[0]
        trail.stroked = trail.final  # as a paint would: the next call brings only the new points
    rect = trails.boundingRect()
    assert rect.left() <= -0.5 and rect.right() >= line[n - 1, 0] + 0.5
    assert rect.top() <= 2.5 and rect.bottom() >= 3.5


def test_a_short_trail_started_over_in_the_same_buffer_leaves_no_ghost(qapp, monkeypatch):
    """A run restarted after a few steps: its trail's points are a view of the history, which the
    new path overwrites in place, and none of them was in the layer yet. The part of the view
    asked to repaint must cover where the old trail was (Qt repaints only what it is asked to)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPen

    from gdsim.qt.views.trails import TrailsItem

    trails = TrailsItem(margin=0.05)
    asked = []
    monkeypatch.setattr(trails, "update", lambda *rect: asked.append(rect))
    buffer = np.column_stack([np.linspace(1, 9, 10), np.full(10, 8.0)])  # along y = 8
    trails.set_trail(0, buffer, QPen(), (0,))
    asked.clear()
    buffer[:] = np.column_stack([np.linspace(1, 9, 10), np.full(10, 2.0)])  # restarted: along y = 2
    trails.set_trail(0, buffer, QPen(), (1,))
    old = [QPointF(x, 8.0) for x in (1.0, 5.0, 9.0)]
    assert any(not rect or all(rect[0].contains(point) for point in old) for rect in asked), asked


def test_a_trail_thinned_further_repaints_the_points_it_drops(qapp, monkeypatch):
    """Points not yet in the layer are painted with the moving end; thinned further, some are no
    longer in the trail (a zigzag's tips): where they were must be asked to repaint."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPen

    from gdsim.qt.views.trails import TrailsItem, thinned

    trails = TrailsItem(margin=0.01)
    asked = []
    monkeypatch.setattr(trails, "update", lambda *rect: asked.append(rect))
    tips = np.where(np.arange(21) < 15, 5.0, 0.5)  # high tips early on, low ones at the end
    zigzag = np.column_stack([np.arange(21.0), np.where(np.arange(21) % 2, tips, 0.0)])
    points, stride = thinned(zigzag, most=21)
    assert stride == 1
    trails.set_trail(0, points, QPen(), ("zigzag",), stride=stride)
    longer = np.vstack([zigzag, [[21.0, 0.0], [22.0, 0.0]]])
    points, stride = thinned(longer, most=21)
    assert stride == 2 and not (points[:, 1] > 0).any()  # the tips are gone
    asked.clear()
    trails.set_trail(0, points, QPen(), ("zigzag",), stride=stride)
    for x, y in zigzag:
        assert any(not rect or rect[0].contains(QPointF(x, y)) for rect in asked), (x, y, asked)


def test_a_trail_reaching_new_ground_changes_the_items_geometry_only_now_and_then(qapp, monkeypatch):
    """Each change of the trails' geometry repaints everything they covered (a quarter of the view
    at every frame, measured, while a ball moved into new ground): the covered area grows ahead of
    the trails, a few times over a long walk, and always covers every point."""
    from PySide6.QtGui import QPen

    from gdsim.qt.views.trails import TrailsItem

    changes = []
    trails = TrailsItem(margin=0.1)
    monkeypatch.setattr(trails, "prepareGeometryChange", lambda: changes.append(1))
    walk = np.column_stack([np.linspace(0.0, 1000.0, 5000), np.sqrt(np.linspace(0.0, 50.0, 5000))])
    for n in range(2, len(walk) + 1, 5):
        trails.set_trail(0, walk[:n], QPen(), ("walk",))
        trails._trails[0].stroked = trails._trails[0].final
        rect = trails.boundingRect()
        assert rect.left() <= 0 and rect.right() >= walk[n - 1, 0] and rect.bottom() >= walk[n - 1, 1]
    assert len(changes) <= 30, len(changes)  # growing by half at a time: about log1.5(1000 / 0.2) times


def test_the_title_names_the_new_problem_when_its_formula_is_too_long_to_show(qtbot):
    """Rosenbrock's title carries its formula; many valleys' formula is too long, so its title is its
    name alone: the view then showed Rosenbrock's title over the many valleys (the title kept from
    before was taken for the new one's full text)."""
    view = shown(qtbot, LandscapeView(), 900, 600)
    view.set_problem(picture_of("rosenbrock"))
    QApplication.processEvents()
    assert view.plot.titleLabel.text.startswith("Rosenbrock")
    view.set_problem(picture_of("many_valleys"))
    view.resize(901, 600)  # a resize fits the title again
    for _ in range(3):
        QApplication.processEvents()
    assert view.plot.titleLabel.text.startswith("Many valleys"), view.plot.titleLabel.text
