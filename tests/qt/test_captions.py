"""The caption layer: the right text between its steps, in the language shown, never over a ball."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from gdsim.qt.captions import caption_text
from gdsim.qt.render.canvas import RenderCanvas
from gdsim.qt.render.job import plan_render
from gdsim.qt.run_traces import RunTraces

LESSONS = Path(__file__).resolve().parents[2] / "gdsim" / "resources" / "scenarios"
CAPTIONS = [{"from_step": 0, "to_step": 4, "text": {"en": "Downhill first", "zh": "先下坡"}},
            {"from_step": 5, "to_step": 9, "text": {"en": "Then along the valley"}}]


def test_caption_text_follows_the_steps_and_falls_back_to_english():
    assert caption_text(CAPTIONS, 0, "en") == "Downhill first"
    assert caption_text(CAPTIONS, 4, "zh") == "先下坡"
    assert caption_text(CAPTIONS, 5, "zh") == "Then along the valley"  # no Chinese text: English
    assert caption_text(CAPTIONS, 10, "en") == ""


def _ball_pixel(view, host, x: float, y: float) -> tuple[float, float]:
    """Where data point (x, y) is drawn, in host pixels, through pyqtgraph's own point mapping."""
    scene = view.view_box.mapViewToScene(QPointF(x, y))
    local = view.plot_widget.mapFromScene(scene)
    point = view.plot_widget.viewport().mapTo(host, local)
    return point.x(), point.y()


def _scenario(tmp_path, start):
    path = tmp_path / f"ball_{start[1]}.json"
    path.write_text(json.dumps({
        "format": "gdsim.scenario", "version": 1, "problem": {"kind": "landscape", "name": "bowl"},
        "steps": 5, "runs": [{"optimizer": "sgd", "hyper": {"lr": 1e-6}, "start": start}],
        "captions": [{"from_step": 0, "to_step": 5, "text": {"en": "A caption wide enough to cross the middle "
                                                                    "of the view, where the ball is"}}]}))
    return path


def _draw(tmp_path, start):
    job = plan_render(_scenario(tmp_path, start), str(tmp_path / "x.png"))
    canvas = RenderCanvas(job.picture, job.views, (960, 540))
    canvas.set_captions(job.source.scenario.captions, "en")
    player = job.source.player()
    player.advance_to(1)
    live = RunTraces()
    snapshot = player.snapshot()
    live.take(snapshot)
    canvas.draw(live, dict(snapshot.specs), 0)
    return canvas


def test_the_caption_moves_away_from_a_ball_where_it_would_be(qapp, tmp_path):
    low, high = 0.0, 0.0
    for start in ([0.0, -1.9], [0.0, 1.9]):  # near the bottom, then near the top of the bowl's domain
        canvas = _draw(tmp_path, start)
        try:
            view = canvas.views[0]
            overlay = canvas.captions
            ball = _ball_pixel(view, view, *canvas.views[0]._runs[0].ball.pos().toTuple())
            area = view.plot_rect(view)
            assert overlay.isVisible() and overlay.text.startswith("A caption")
            box = overlay.geometry()
            assert area.contains(box)  # inside the data area
            # the caption is far from the ball: on the other half of the view, not covering it
            gap = max(box.top() - ball[1], ball[1] - box.bottom(), 0)
            assert gap > 16
            if start[1] < 0:
                assert overlay.place == "top" and ball[1] > area.center().y()
                low = ball[1]
            else:
                assert overlay.place == "bottom" and ball[1] < area.center().y()
                high = ball[1]
        finally:
            canvas.close()
            canvas.deleteLater()
    assert low > high  # the two balls were drawn where their starts are


def test_the_window_shows_a_lessons_caption_between_its_steps_in_its_language(gdsim_window, tmp_path):
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps({
        "format": "gdsim.scenario", "version": 1, "problem": {"kind": "landscape", "name": "bowl"},
        "steps": 40, "runs": [{"optimizer": "sgd", "hyper": {"lr": 0.01}, "start": [1.5, 1.0]}],
        "captions": CAPTIONS}))
    gdsim_window.open(path)
    window = gdsim_window.window
    captions = window.captions
    gdsim_window.step(1)
    gdsim_window.settle()
    assert captions.isVisible() and captions.text == "Downhill first"
    box = captions.geometry()
    assert window.main_views.rect().contains(box) and box.height() > 20
    window.session.set_options(language="zh")
    gdsim_window.settle()
    assert captions.text == "先下坡"
    gdsim_window.step(5)
    gdsim_window.settle()
    assert captions.text == "Then along the valley"
    gdsim_window.step(10)
    gdsim_window.settle()
    assert captions.isHidden() and captions.text == ""
    balls = window.main_views.currentWidget().ball_points(window.main_views)
    assert len(balls) == 1 and np.isfinite(balls).all()


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900)], ids=["1280x720", "1400x900"])
@pytest.mark.parametrize("presentation", [False, True], ids=["normal", "presentation"])
def test_a_lessons_caption_leaves_the_1d_views_slope_note_readable(gdsim_window, size, presentation):
    """Lesson 02 at step 12: the caption sat over the slope note, both at the top of the curve."""
    from tests.qt.test_layout_projector import fit_window

    window = gdsim_window.window
    fit_window(gdsim_window, size)
    gdsim_window.open(LESSONS / "02_learning_rate_too_small_to_too_large.json")
    gdsim_window.set_presentation(presentation)
    gdsim_window.step(12)
    gdsim_window.settle(10)
    captions, view = window.captions, window.views["1d"]
    (note,) = view.note_rects(captions.parentWidget())
    assert captions.isVisible() and captions.text and view.slope_text.isVisible()
    assert not captions.geometry().intersects(note), (captions.place, captions.geometry(), note)
    view.slope_text.setText("")  # as when no single ball is selected: an empty note is not there
    assert view.note_rects(captions.parentWidget()) == []
