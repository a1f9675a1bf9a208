"""The 3D view: its geometry against closed forms, what it draws (under a real OpenGL context), the
2D / 3D / split layouts while running, clicks on the surface, and a desktop without OpenGL."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage

from gdsim.core.grid import LandscapeGrid, landscape_grid
from gdsim.engine.commands import MoveStart
from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario
from gdsim.qt.gl import gl_support
from gdsim.qt.run_traces import RunTraces
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.layouts import layout_asked
from gdsim.qt.views.surface_3d import BALL_RADIUS, LIFT, SurfaceView
from gdsim.qt.views.surface_geometry import HeightField, SurfaceSpace, dashes
from tests.qt.conftest import racing_scenario
from tests.qt.helpers import points_in, view_point

ROOT = Path(__file__).resolve().parents[3]
WAIT = 15_000
#: Himmelblau's four minima (Himmelblau 1972; J = 0 at each), the first one exact.
HIMMELBLAU_MINIMA = ((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126))


@pytest.fixture
def gl_context(qapp):
    """Skip, saying why, where no OpenGL context can be made (the offscreen platform, no GPU)."""
    support = gl_support()
    if not support.available:
        pytest.skip(support.reason)


# --- geometry (no GL) ---------------------------------------------------------------------------

def paraboloid(a: float = 0.5, n: int = 401) -> tuple[SurfaceSpace, HeightField]:
    """J = a (x² + y²) on [−2, 2]², drawn with linear heights."""
    axis = np.linspace(-2, 2, n)
    xx, yy = np.meshgrid(axis, axis)
    grid = LandscapeGrid((axis, axis), a * (xx**2 + yy**2))
    space = SurfaceSpace.of(grid, np.array([[-2.0, 2.0], [-2.0, 2.0]]), log=False, exaggeration=1.0, equal_axes=True)
    return space, HeightField.of(grid, space, most=n)


def test_heights_run_from_the_floor_to_the_top_and_log_heights_follow_log_j():
    space, _field = paraboloid()
    low, high = 0.0, 4.0
    assert space.heights(np.array([low, high])) == pytest.approx([0.0, space.height])
    assert space.heights(np.array([2 * high, low - 1])) == pytest.approx([space.height, 0.0])  # clipped
    log = SurfaceSpace.of(LandscapeGrid((np.arange(2.0), np.arange(2.0)), np.array([[1.0, 10.0], [100.0, 1e4]])),
                          np.array([[0.0, 1.0], [0.0, 1.0]]), log=True, exaggeration=2.0, equal_axes=True)
    z = log.heights(np.array([1.0 + 9.999e-1, 1.0 + 99.99e-1, 1.0 + 999.9e-1]))
    # J − min J of 1, 10, 100 times the floor (1e-4 of the range, ~1) are equally spaced in log(1 + ·)
    floor = 1e-4 * (1e4 - 1.0)
    expected = np.log1p(np.array([0.9999, 9.999, 99.99]) / floor) / np.log1p((1e4 - 1) / floor) * log.height
    assert z == pytest.approx(expected)
    assert log.height == pytest.approx(2 * space.height)


def test_points_that_cannot_be_drawn_are_nan_and_nothing_else_is():
    space, _field = paraboloid()
    xy = np.array([[0.5, 0.5], [531441.0, 531441.0], [np.nan, 0.0], [1.0, -1.0]])
    loss = np.array([0.25, 5.6e11, 1.0, np.inf])
    points = space.points(xy, loss)
    assert np.isfinite(points[0]).all() and points[0] == pytest.approx([0.25, 0.25, 0.25 / 4 * space.height])
    assert np.isnan(points[1:]).all(axis=1).all()  # diverged far away, not a number, an infinite loss


def test_a_ray_meets_the_surface_where_the_closed_form_says():
    space, field = paraboloid(a=0.5)
    scale = space.height / 4.0  # scene height per unit of J
    # straight down onto (0.6, −0.3) in the scene: z = a (x² + y²) · scale with x = 2u, y = 2v
    hit = field.hit(np.array([0.6, -0.3, 5.0]), np.array([0.0, 0.0, -1.0]))
    assert hit == pytest.approx([0.6, -0.3, 0.5 * 4 * (0.36 + 0.09) * scale], abs=1e-4)
    # an oblique ray from above: solve c·|o + t d|² (horizontal part) = o_z + t d_z; the origin is above the
    # surface (the constant term is negative), so one root is behind it and the other is the hit
    origin, direction = np.array([-0.9, 0.2, 1.0]), np.array([1.0, -0.1, -0.45])
    c = 0.5 * 4 * scale
    qa = c * (direction[0] ** 2 + direction[1] ** 2)
    qb = 2 * c * (origin[0] * direction[0] + origin[1] * direction[1]) - direction[2]
    qc = c * (origin[0] ** 2 + origin[1] ** 2) - origin[2]
    t = (-qb + np.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)
    assert field.hit(origin, direction) == pytest.approx(origin + t * direction, abs=1e-3)
    assert field.hit(np.array([0.0, 0.0, 5.0]), np.array([0.0, 0.0, 1.0])) is None  # looking away


def test_the_coarse_surface_never_rises_above_the_fine_one_and_a_preview_is_dashed_along_its_path():
    axis = np.linspace(-2, 2, 401)
    xx, yy = np.meshgrid(axis, axis)
    values = np.sin(3 * xx) * np.cos(2 * yy) + xx**2 + 0.3 * yy**3  # hills, valleys and a slope
    values[:25, :40] = np.nan  # a corner where the landscape is undefined
    grid = LandscapeGrid((axis, axis), values)
    space = SurfaceSpace.of(grid, np.array([[-2.0, 2.0], [-2.0, 2.0]]), log=False, exaggeration=1.0, equal_axes=True)
    fine = HeightField.of(grid, space)
    coarse = fine.lowered(most=51)
    assert coarse.z.shape == (51, 51) and fine.z.shape == (201, 201)
    uv = np.random.default_rng(3).uniform(-1, 1, (50_000, 2))
    both = np.isfinite(fine.at(uv)) & np.isfinite(coarse.at(uv))
    assert both.mean() > 0.9
    assert (coarse.at(uv)[both] <= fine.at(uv)[both] + 1e-12).all()  # below everywhere, so nothing on it hides
    assert np.isnan(coarse.z[0, 0]) and np.isfinite(coarse.z[-1, -1])
    # a path 1 long with a bend and a break: dashes 0.1 long every 0.2, along the path, none across the break
    path = np.array([[0.0, 0.0], [0.6, 0.0], [0.6, 0.4], [np.nan, np.nan], [1.0, 1.0], [1.0, 1.25]])
    pieces = dashes(path, 0.1)
    lengths = np.hypot(*(pieces[:, 1] - pieces[:, 0]).T)
    assert len(pieces) == 5 + 2  # at 0, 0.2, 0.4, 0.6, 0.8 on the first stretch; 0, 0.2 on the second
    assert lengths[:5] == pytest.approx([0.1, 0.1, 0.1, 0.1, 0.1]) and lengths[-1] == pytest.approx(0.05)
    assert pieces[3, 0] == pytest.approx([0.6, 0.0]) and pieces[3, 1] == pytest.approx([0.6, 0.1])  # round the bend
    assert pieces[5, 0] == pytest.approx([1.0, 1.0])


def test_a_trail_kept_in_pieces_is_the_path_drawn_whole():
    """A trail grows by appending (and is cut back at restarts); what it draws is the path through its
    points, broken where one is not finite, whatever the order of the pieces."""
    from gdsim.qt.views.surface_canvas import _Strip

    rng = np.random.default_rng(7)
    for _trial in range(300):
        strip, path = _Strip(), np.empty((0, 3))
        for _frame in range(12):
            keep = int(rng.integers(0, len(path) + 1)) if rng.random() < 0.2 else max(len(path) - 1, 0)
            tail = rng.normal(size=(int(rng.integers(0, 5)), 3))
            tail[rng.random(len(tail)) < 0.15] = np.nan
            strip.set(keep, tail.astype(np.float32))
            path = np.concatenate([path[:keep], tail])
            finite = np.isfinite(path).all(axis=1)
            stretches, first = [], None  # the stretches of finite points, at least two long
            for i, ok in enumerate([*finite, False]):
                if ok and first is None:
                    first = i
                elif not ok and first is not None:
                    stretches += [(first, i - first)] if i - first > 1 else []
                    first = None
            assert strip.stretches == stretches and strip.count == len(path)
            drawn = strip.points[: strip.count]
            assert np.isfinite(drawn).all()  # no NaN in what reaches the GL buffer
            np.testing.assert_array_equal(drawn[finite], path[finite].astype(np.float32))


def test_a_scenarios_view_list_picks_the_layout():
    assert layout_asked(("2d", "3d")) == "split"
    assert layout_asked(("3d", "data")) == "3d"
    assert layout_asked(("2d",)) == "2d"
    assert layout_asked(("data",)) is None and layout_asked(None) is None


# --- what the view draws (OpenGL) ---------------------------------------------------------------

def drawn_view(qtbot, scenario: Scenario, steps: int, shown: bool = True) -> tuple[SurfaceView, Engine]:
    """A 3D view of ``scenario`` after ``steps`` steps of its engine, drawn; shown, or hidden (as the
    video renderer uses it: no window, a given size)."""
    engine = Engine(scenario)
    view = SurfaceView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    if shown:
        view.show()
        qtbot.waitExposed(view)
    else:
        view.set_controls_visible(False)
        assert view.ensure_canvas()
    view.set_problem(make_picture(engine.problem, landscape_grid(engine.problem)))
    traces = RunTraces()
    traces.take(engine.snapshot())
    engine.advance(steps, 30.0)
    traces.take(engine.snapshot())
    specs = {run_id: run.spec for run_id, run in engine.runs.items()}
    assert view.draw(traces, specs, None)
    return view, engine


def is_near(pixel: QColor, color: str) -> bool:
    """Whether ``pixel`` has ``color``'s hue (a lit sphere is darker or lighter than its colour)."""
    target = QColor(color)
    return abs(pixel.hueF() - target.hueF()) < 0.05 and pixel.saturationF() > 0.5


@pytest.mark.gl
@pytest.mark.parametrize("shown", [True, False], ids=["shown", "hidden"])
def test_balls_at_known_minima_are_drawn_where_their_projections_say(gl_context, qtbot, shown):
    red, blue = "#e02020", "#2040e0"
    runs = tuple(RunSpec(label=name, color=color, optimizer="sgd", hyper={"lr": 1e-4}, start=where)
                 for name, color, where in (("red", red, HIMMELBLAU_MINIMA[0]), ("blue", blue, HIMMELBLAU_MINIMA[2])))
    view, engine = drawn_view(qtbot, Scenario(problem={"kind": "landscape", "name": "himmelblau"}, runs=runs,
                                              steps=100), steps=10, shown=shown)
    image = view.render_image()
    assert view.isVisible() == shown
    assert not image.isNull() and image.width() == view.canvas.width() == 900 and image.height() > 600
    pixels = np.array([[image.pixel(x, y) for x in range(0, image.width(), 7)] for y in range(0, image.height(), 7)])
    assert len(np.unique(pixels)) > 200  # a lit surface, not a blank
    for run_id, (color, minimum) in zip(engine.runs, ((red, HIMMELBLAU_MINIMA[0]), (blue, HIMMELBLAU_MINIMA[2])),
                                        strict=True):
        assert engine.runs[run_id].spec.color == color
        center = view.space.points(np.array([minimum]), np.array([0.0]), lift=BALL_RADIUS)[0]
        assert view._runs[run_id].center == pytest.approx(center, abs=1e-3)  # the ball is at its J, on the surface
        x, y = view.canvas.project(center)[0]
        assert is_near(image.pixelColor(round(x), round(y)), color), (x, y)
        other = view.canvas.project(view.space.points(np.array([[0.0, 0.0]]), np.array([170.0]))[0])[0]
        assert not is_near(image.pixelColor(round(other[0]), round(other[1])), color)


@pytest.mark.gl
def test_a_diverged_ball_leaves_the_view_and_a_swarm_is_points(gl_context, qtbot):
    runs = (RunSpec(label="wild", optimizer="sgd", hyper={"lr": 5.0}, start=(1.0, 1.0)),
            RunSpec(label="swarm", optimizer="sgd", hyper={"lr": 0.01}, start={"random": 500}))
    view, engine = drawn_view(qtbot, Scenario(problem={"kind": "landscape", "name": "bowl"}, runs=runs, steps=40),
                              steps=40)
    wild, swarm = list(engine.runs)
    assert engine.snapshot().run(wild).status[0] != 0  # it diverged
    assert view._runs[wild].center is None and not view.balls.item.visible()  # the only ball: none drawn
    trail = view.trails.points(wild)
    assert np.isnan(trail[-1]).all() and np.isfinite(trail[0]).all()  # the trail stops where the ball left
    assert np.isfinite(view.trails._strips[wild].points).all()  # no NaN reaches a GL buffer
    assert np.isfinite(view._runs[swarm].swarm.item.pos).all()
    positions = engine.snapshot().run(swarm).positions
    assert len(view._runs[swarm].swarm.item.pos) == int(view.space.inside(positions).sum()) > 400
    view.render_image()


@pytest.mark.gl
def test_a_click_on_the_surface_places_the_start_there(gl_context, make_window, qtbot):
    window = make_window(replace(racing_scenario(problem="himmelblau"), view=("3d",)))
    view = window.views["3d"]
    qtbot.waitUntil(lambda: view.canvas is not None and view.isVisible() and view.canvas.height() > 0, timeout=WAIT)
    qtbot.wait(200)  # the view was built as it was shown: let the layout settle before aiming at a pixel
    assert window.main_views.shown() == [view]
    target = (1.0, -1.5)
    loss = float(window.problem.value(np.array([target]))[0])
    pixel = view.canvas.project(view.space.points(np.array([target]), np.array([loss])))[0]
    run = window.session.selected
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPointF(*pixel).toPoint())
    qtbot.waitUntil(lambda: window.session.runs[run].start is not None, timeout=WAIT)
    assert window.session.runs[run].start == pytest.approx(target, abs=0.06)
    # the scenario's layout is where it opens; a problem picked later keeps the layout the person chose
    window.layouts.actions["split"].trigger()
    window.problem_panel.pick("rosenbrock")
    qtbot.waitUntil(lambda: window.problem.name == "rosenbrock", timeout=WAIT)
    assert window.layouts.layout == "split"
    assert [v.objectName() for v in window.main_views.shown()] == ["view_2d", "view_3d"]


@pytest.mark.gl
def test_switching_2d_3d_and_split_while_running(gl_context, make_window, qtbot):
    window = make_window(racing_scenario())
    assert window.layouts.layout == "2d" and window.views.get_built("3d") is None  # not built (no GL) until shown
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.snapshot.playing and window.snapshot.tick > 10, timeout=WAIT)
    views = window.views
    for key, shown in (("3d", ["3d"]), ("split", ["2d", "3d"]), ("2d", ["2d"]), ("split", ["2d", "3d"])):
        window.layouts.actions[key].trigger()
        assert [v.objectName() for v in window.main_views.shown()] == [f"view_{k}" for k in shown]
        assert all(views[k].isVisible() for k in shown)
        tick, painted = window.snapshot.tick, window.clock.painted
        qtbot.waitUntil(lambda t=tick, p=painted: window.snapshot.tick > t + 20 and window.clock.painted > p + 3,
                        timeout=WAIT)
        if "3d" in shown:
            surface = views["3d"]
            run = window.session.selected
            qtbot.waitUntil(lambda s=surface, r=run: r in s._runs and s._runs[r].center is not None, timeout=WAIT)
            frame = window.live.frame(run)  # the ball sits at the J the engine computed, at most a frame behind
            x, y = surface.space.data(surface._runs[run].center[None, :2])[0]
            assert np.hypot(x - frame.positions[0, 0], y - frame.positions[0, 1]) < 0.5
            assert surface.balls.item.visible()
    assert window.snapshot.playing
    assert views["3d"].watched is views["3d"].canvas
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.snapshot.playing, timeout=WAIT)


@pytest.mark.gl
def test_trails_drawn_frame_by_frame_look_as_drawn_at_once(gl_context, qtbot):
    """Trails grow by uploading only their new points: after many frames the picture is the one a view
    drawing the same runs once, from nothing, shows (and a run restarted mid-way starts its trail anew)."""
    engine = Engine(racing_scenario(problem="himmelblau"))
    picture = make_picture(engine.problem, landscape_grid(engine.problem))
    specs = {run_id: run.spec for run_id, run in engine.runs.items()}
    views = []
    for _ in range(2):
        view = SurfaceView()
        qtbot.addWidget(view)
        view.resize(700, 500)
        view.set_controls_visible(False)
        assert view.ensure_canvas()
        view.set_problem(picture)
        views.append(view)
    growing, fresh = views
    traces = RunTraces()
    for frame in range(40):
        if frame == 25:  # a start moved: that run starts again from there
            engine.apply(MoveStart(next(iter(specs)), (1.0, -1.0)))
        engine.advance(7, 30.0)
        traces.take(engine.snapshot())
        growing.draw(traces, specs, None)
        growing.render_image()  # each frame drawn (and its new points uploaded)
    fresh.draw(traces, specs, None)
    assert all(growing.trails.points(r).shape == fresh.trails.points(r).shape != (0, 3) for r in specs)
    assert np.array_equal(pixels_of(growing.render_image()), pixels_of(fresh.render_image()))


def pixels_of(image) -> np.ndarray:
    """An image's pixels as 0xRRGGBB words (rows, columns)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    words = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(image.height(), image.bytesPerLine() // 4)
    return words[:, : image.width()] & 0xFFFFFF


@pytest.mark.gl
def test_the_landscape_is_coarse_while_the_camera_turns_and_whole_once_it_settles(gl_context, qtbot):
    view, _engine = drawn_view(qtbot, racing_scenario(problem="himmelblau"), steps=50)
    canvas = view.canvas
    shown = pixels_of(canvas.grab().toImage())  # what the widget shows (its paint), camera still
    assert not canvas.moving and np.array_equal(shown, pixels_of(canvas.grabFramebuffer()))
    corner = QPointF(20, canvas.height() - 20)  # away from every ball: a drag there turns the camera
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=corner.toPoint())
    for dx in (10, 20, 30, 40):
        qtbot.mouseMove(canvas, (corner + QPointF(dx, 0)).toPoint())
    assert canvas.moving  # the drag turned the camera
    turning = pixels_of(canvas.grab().toImage())
    whole = pixels_of(canvas.grabFramebuffer())  # the same camera in full detail (as a video's frame)
    assert not np.array_equal(turning, shown)  # it turned
    changed = (turning != whole).mean()
    assert 0.005 < changed < 0.5, changed  # the coarse surface, not another picture
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=(corner + QPointF(40, 0)).toPoint())
    qtbot.waitUntil(lambda: not canvas.moving, timeout=WAIT)  # settled (SETTLE_MS after the last move)
    qtbot.waitUntil(lambda: np.array_equal(pixels_of(canvas.grab().toImage()), whole), timeout=WAIT)


@pytest.mark.gl
def test_dragging_a_start_over_the_surface_previews_its_path_and_places_it_as_in_2d(gl_context, make_window, qtbot):
    window = make_window(replace(racing_scenario(problem="himmelblau"), view=("2d", "3d")))
    surface, flat = window.views["3d"], window.views["2d"]
    run = window.session.selected
    qtbot.waitUntil(lambda: surface.canvas is not None and surface.canvas.height() > 0
                    and run in surface._runs and surface._runs[run].start is not None, timeout=WAIT)
    qtbot.wait(200)  # the view was built as it was shown: let the layout settle before aiming at a pixel
    assert window.layouts.layout == "split" and window.snapshot.tick == 0
    canvas = surface.canvas

    def pixel(point):
        loss = float(window.problem.value(np.array([point]))[0])
        return QPointF(*canvas.project(surface.space.points(np.array([point]), np.array([loss])))[0]).toPoint()

    ball = QPointF(*canvas.project(surface._runs[run].center)[0]).toPoint()
    dragged = ((0.0, -0.5), (0.5, -1.0), (1.0, -1.5))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=ball)
    for point in dragged:
        qtbot.mouseMove(canvas, pixel(point))
        qtbot.wait(30)
    assert not canvas.moving  # the drag moved the start, not the camera
    qtbot.waitUntil(lambda: surface.preview.item.visible() and len(surface.preview.item.pos) >= 2, timeout=WAIT)
    dashes = surface.preview.item.pos.reshape(-1, 2, 3)
    assert np.allclose(dashes[:, :, 2], surface.field.at(dashes[:, :, :2].reshape(-1, 2)).reshape(-1, 2) + 2 * LIFT,
                       atol=1e-6)  # on the surface
    first = surface.space.data(dashes[0, :1, :2])[0]
    assert min(np.hypot(*(first - point)) for point in dragged) < 0.1  # from a point of the drag
    xs, ys = flat.preview.getData()
    assert (xs[0], ys[0]) == pytest.approx(tuple(first), abs=1e-5)  # the 2D view shows the same path
    assert window.session.runs[run].start is None  # only a preview: nothing moved yet
    release = pixel(dragged[-1])
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=release)
    assert not surface.preview.item.visible() and points_in(flat.preview) == 0
    qtbot.waitUntil(lambda: window.session.runs[run].start is not None, timeout=WAIT)
    start = window.session.runs[run].start
    assert start == pytest.approx(surface.data_point_at(QPointF(release)))  # where the pointer was let go
    assert start == pytest.approx(dragged[-1], abs=0.06)

    def trajectory_from(start, steps=40):
        """The run's first ``steps`` positions in the window, and a bare engine's from ``start``."""
        qtbot.waitUntil(lambda: window.live.get(run).length == 1 and window.live.get(run).path[0] == pytest.approx(
            start, abs=0), timeout=WAIT)
        window.toggle_play()
        qtbot.waitUntil(lambda: window.live.get(run).length > steps, timeout=WAIT)
        window.toggle_play()
        shown = window.live.get(run).path[:steps].copy()
        engine = Engine(window.session.scenario())
        traces = RunTraces()
        traces.take(engine.snapshot())
        engine.advance(steps, 30.0)
        traces.take(engine.snapshot())
        index = list(window.session.runs).index(run)
        return shown, traces.get(list(engine.runs)[index]).path[:steps]

    shown, bare = trajectory_from(start)
    np.testing.assert_array_equal(shown, bare)  # the engine's own path from the start placed in 3D
    # the same place in 2D: the 2D view's own drag, released at that point
    qtbot.mousePress(flat.watched, Qt.MouseButton.LeftButton, pos=view_point(flat, 2.0, 2.0))
    qtbot.mouseMove(flat.watched, view_point(flat, *start))
    qtbot.mouseRelease(flat.watched, Qt.MouseButton.LeftButton, pos=view_point(flat, *start))
    qtbot.waitUntil(lambda: window.session.runs[run].start != start, timeout=WAIT)
    placed = window.session.runs[run].start
    assert placed == pytest.approx(start, abs=0.03)
    shown_2d, bare_2d = trajectory_from(placed)
    np.testing.assert_array_equal(shown_2d, bare_2d)
    assert shown_2d == pytest.approx(shown, abs=0.1)  # nearly the same start: nearly the same path


# --- no OpenGL ----------------------------------------------------------------------------------

def test_a_context_refused_after_the_check_leaves_a_note_not_a_crash(qtbot, monkeypatch):
    from gdsim.qt import gl
    from gdsim.qt.views import surface_3d, surface_canvas

    def refuse(*_args):
        raise RuntimeError("no OpenGL context could be made")

    monkeypatch.setattr(surface_3d, "gl_support", lambda: gl.GLSupport(True))
    monkeypatch.setattr(surface_canvas, "Canvas", refuse)
    view = SurfaceView()
    qtbot.addWidget(view)
    assert not view.ensure_canvas() and view.canvas is None
    assert view.render_image().isNull()
    assert "could not start OpenGL: no OpenGL context" in view.placeholder.text()
    assert view.watched is view.placeholder


NO_GL_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    from gdsim.qt.app import configure
    configure(app)
    from gdsim.engine.spec import RunSpec, Scenario
    from gdsim.qt.main_window import MainWindow
    scenario = Scenario(problem={"kind": "landscape", "name": "himmelblau"}, runs=(RunSpec(),), steps=50,
                        view=("2d", "3d"))
    window = MainWindow(scenario, QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window.show()
    def report():
        action = window.layouts.actions["3d"]
        print(json.dumps({"loads": window.loads, "enabled": action.isEnabled(), "tip": action.toolTip(),
                          "split": window.layouts.actions["split"].isEnabled(),
                          "shown": [v.objectName() for v in window.main_views.shown()],
                          "opengl": "pyqtgraph.opengl" in sys.modules,
                          "messages": window.messages.messages()}))
        window.shut_down()
        app.quit()
    def wait():
        if window.loads:
            window.toggle_play()
            QTimer.singleShot(500, report)
        else:
            QTimer.singleShot(50, wait)
    QTimer.singleShot(50, wait)
    app.exec()
""")


def test_without_opengl_the_3d_choice_is_disabled_with_the_reason_and_nothing_crashes(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", NO_GL_SCRIPT, str(tmp_path / "settings.ini")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loads"] == 1
    assert not report["enabled"] and not report["split"] and "OpenGL" in report["tip"]
    assert report["shown"] == ["view_2d"]  # the scenario asked for 2D and 3D: it opens in 2D
    assert any("3D view" in text and "OpenGL" in text for text in report["messages"])
    assert not report["opengl"]


def test_the_opengl_check_waits_for_the_first_frame(make_window, qtbot, monkeypatch):
    """Making a context loads the display's driver (54 ms or more): the window shows its first frame
    first, then finds out, and a display without OpenGL then has its 3D choices disabled."""
    from gdsim.qt import gl
    from gdsim.qt.main_window import MainWindow

    checked_at: list[int] = []
    made: list[MainWindow] = []
    build = MainWindow.__init__

    def building(self, *args, **kwargs):
        made.append(self)
        build(self, *args, **kwargs)

    def check():  # frames the window had painted by then (-1: it was still being built)
        clock = getattr(made[-1], "clock", None)
        checked_at.append(clock.painted if clock is not None else -1)
        return gl.GLSupport(False, "No OpenGL on this made-up display.")

    monkeypatch.setattr(MainWindow, "__init__", building)
    monkeypatch.setattr(gl, "_checked", [])
    monkeypatch.setattr(gl, "_refused_without_context", lambda: None)  # as on a desktop: only a context can tell
    monkeypatch.setattr(gl, "_check", check)
    window = make_window(racing_scenario())
    action = window.layouts.actions["3d"]
    qtbot.waitUntil(lambda: bool(checked_at), timeout=WAIT)
    assert checked_at[0] >= 1  # after the first frame was painted
    assert not action.isEnabled() and action.toolTip() == "No OpenGL on this made-up display."
    assert not window.layouts.actions["split"].isEnabled() and window.layouts.actions["2d"].isEnabled()
    window.layouts.check_gl()
    assert len(checked_at) == 1  # once


def test_a_3d_layout_chosen_before_the_opengl_check_says_no_keeps_the_2d_view(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from gdsim.qt import gl
    from gdsim.qt.views import layouts

    monkeypatch.setattr(gl, "_checked", [])
    monkeypatch.setattr(layouts, "known_gl_support", lambda: None)
    monkeypatch.setattr(layouts, "gl_support", lambda: gl.GLSupport(False, "No OpenGL here."))
    parent = QWidget()
    qtbot.addWidget(parent)
    choice = layouts.ViewLayouts(parent)
    changes: list[str] = []
    choice.changed.connect(changes.append)
    assert choice.actions["3d"].isEnabled()  # not known yet
    choice.actions["3d"].trigger()
    assert choice.layout == "2d" and choice.actions["2d"].isChecked() and not choice.actions["3d"].isChecked()
    assert not choice.actions["3d"].isEnabled() and choice.actions["3d"].toolTip() == "No OpenGL here."
    assert changes == []
    assert choice.set_layout("split") == "No OpenGL here."
