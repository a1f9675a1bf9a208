"""The loss plot's curves, drawn as they grow (reduced to bins' extremes, stroked in cached chunks),
look like the whole curve drawn at once by pyqtgraph at full resolution."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gdsim.core.landscapes import make_landscape
from gdsim.qt.app import configure
from gdsim.qt.views.loss_plot import LossPlot
from gdsim.qt.views.peaks import PeakCurve, bin_size, peaks
from tests.qt.views.fakes import FakeRuns, FakeTrace, run_frame, specs_for


@pytest.fixture(autouse=True)
def looks(qapp):
    configure(qapp)


def noisy_loss(n: int, seed: int = 0) -> np.ndarray:
    """A loss falling over four decades with multiplicative noise and a few spikes."""
    rng = np.random.default_rng(seed)
    loss = 10 * np.exp(-np.linspace(0, 9, n)) * np.exp(rng.normal(0, 0.3, n))
    loss[rng.integers(0, n, 12)] *= 50
    return loss


# --- the reduction -----------------------------------------------------------------------------

@pytest.mark.parametrize("size", [1, 4, 16])
def test_peaks_keep_each_bins_extremes_in_order_and_break_at_gaps(size):
    y = noisy_loss(1000)
    y[100:103] = np.nan  # a gap inside the curve
    y[990:] = np.inf  # a run diverging at the end
    x = np.arange(len(y)) * 3.0
    xs, ys = peaks(x, y, size)
    assert np.all(np.diff(xs) >= 0)
    for start in range(0, len(y), size):
        bin_x, bin_y = x[start: start + size], y[start: start + size]
        inside = (xs >= bin_x[0]) & (xs <= bin_x[-1])
        finite = bin_y[np.isfinite(bin_y)]
        drawn = ys[inside]
        if finite.size:
            assert np.nanmin(drawn) == finite.min() and np.nanmax(drawn) == finite.max()
        if not np.isfinite(bin_y).all():
            assert not np.isfinite(drawn).all()  # the line breaks in this bin
        else:
            assert np.isfinite(drawn).all() and len(drawn) <= 2


def test_a_growing_curve_reduced_by_appending_equals_the_curve_reduced_at_once():
    y = noisy_loss(5003, seed=1)
    x = np.arange(len(y), dtype=float)
    curve = PeakCurve(8)
    for end in np.unique(np.r_[np.random.default_rng(2).integers(1, len(y), 60), len(y)]):
        xs, ys = curve.update(x[:end], y[:end])
    full = len(y) // 8 * 8
    expected = peaks(x[:full], y[:full], 8)
    np.testing.assert_array_equal(xs[: curve.final], expected[0])
    np.testing.assert_array_equal(ys[: curve.final], expected[1])
    np.testing.assert_array_equal(ys[curve.final:], y[full:])  # the partial bin's points as they are
    assert bin_size(20_000, 700) == 8 and bin_size(2_000, 700) == 1


# --- drawn as it grows, against the whole curve drawn by pyqtgraph ------------------------------

def curve_pixels(image: QImage, background: QImage) -> np.ndarray:
    """Per pixel: does it differ from ``background`` (something is drawn there)?"""
    def array(img: QImage) -> np.ndarray:
        img = img.convertToFormat(QImage.Format.Format_RGB32)
        return np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)[..., :3]
    return np.abs(array(image).astype(int) - array(background).astype(int)).sum(axis=2) > 90


def test_a_curve_drawn_as_it_grows_looks_like_the_whole_curve_drawn_at_once(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(700, 260)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_problem(make_landscape("rosenbrock"))  # minimum value 0: J itself on a log axis
    loss = noisy_loss(30_005)
    loss[20_000:] = loss[20_000]  # settled: a flat line (its stretches have no height)
    trace = FakeTrace(run_frame(0, [[0.0, 0.0]], [loss[-1]]), steps=np.arange(len(loss)), loss=loss)
    runs = FakeRuns(trace)
    specs = specs_for(runs)
    trace.length = 0
    for version, length in enumerate(range(97, len(loss) + 1, 97), start=2):
        if version == 40:  # a reset: the history starts again
            trace.restarts += 1
            length = 50
        trace.length, trace.version = length, version
        plot.draw(runs, specs)
        QApplication.processEvents()
    trace.length, trace.version = len(loss), trace.version + 1
    plot.draw(runs, specs)
    assert plot.curve(0, 0).drawn[2] > 1  # reduced: many points to a pixel
    assert len(plot.curve(0, 0).getData()[0]) < len(loss) / 5

    box = plot.plots[0].vb
    widget = plot.tabs.currentWidget()
    lines = plot.lines[0]
    reference = pg.PlotCurveItem(np.arange(len(loss), dtype=float), np.log10(loss), pen=plot.style.pen(
        specs[0].color, 1.0))
    plot.plots[0].addItem(reference, ignoreBounds=True)
    shots = {}
    for name, ours, theirs in (("background", False, False), ("ours", True, False), ("reference", False, True)):
        lines.setVisible(ours)
        reference.setVisible(theirs)
        QApplication.processEvents()
        shots[name] = widget.grab().toImage()
    area = box.mapRectToScene(box.boundingRect()).toRect().adjusted(2, 2, -2, -2)
    ours = curve_pixels(shots["ours"], shots["background"])[area.top(): area.bottom(), area.left(): area.right()]
    theirs = curve_pixels(shots["reference"], shots["background"])[area.top(): area.bottom(),
                                                                    area.left(): area.right()]
    columns = theirs.any(axis=0)
    assert columns.sum() > 0.6 * theirs.shape[1]  # the curve crosses most of the plot
    np.testing.assert_array_equal(ours.any(axis=0), columns)
    # each pixel column's curve spans the rows the whole curve's does, to three pixels; where the
    # curve jumps (a spike), a line between bins may cross the next columns higher or lower,
    # within the rows the whole curve spans around it
    for drawn, other in ((ours, theirs), (theirs, ours)):
        for edge in (top_rows, bottom_rows):
            mine, near = edge(drawn), edge(other)
            around = np.array([np.roll(near, shift) for shift in (-2, -1, 0, 1, 2)])
            low, high = around.min(axis=0) - 3, around.max(axis=0) + 3
            inside = (low <= mine) & (mine <= high)
            assert inside[columns][2:-2].all()
            assert (np.abs(mine - near)[columns] <= 3).mean() > 0.97
    assert (ours != theirs).mean() < 0.01


def top_rows(drawn: np.ndarray) -> np.ndarray:
    return np.where(drawn, np.arange(drawn.shape[0])[:, None], drawn.shape[0]).min(axis=0)


def bottom_rows(drawn: np.ndarray) -> np.ndarray:
    return np.where(drawn, np.arange(drawn.shape[0])[:, None], -1).max(axis=0)


def test_a_loss_falling_through_many_decades_stays_on_the_axis_which_moves_now_and_then(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(700, 260)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_problem(make_landscape("rosenbrock"))
    loss = np.geomspace(10.0, 1e-30, 600)
    trace = FakeTrace(run_frame(0, [[0.0, 0.0]], [loss[-1]]), steps=np.arange(len(loss)), loss=loss)
    runs = FakeRuns(trace)
    specs = specs_for(runs)
    ranges = []
    for version, length in enumerate(range(5, len(loss) + 1, 5), start=2):
        trace.length, trace.version = length, version
        plot.draw(runs, specs)
        (x0, x1), (y0, y1) = plot.plots[0].vb.viewRange()
        shown = np.log10(loss[:length])
        assert y0 <= shown.min() and shown.max() <= y1 and x1 >= length - 1
        ranges.append((y0, y1))
    moves = sum(a != b for a, b in zip(ranges, ranges[1:], strict=False))
    assert moves <= 20  # 31 decades crossed; wide ranges move an eighth of their span further
    assert ranges[-1][1] - ranges[-1][0] <= 1.5 * 32 + 2  # and never far wider than the values


def test_a_hidden_or_removed_run_leaves_the_plot_and_a_shown_one_comes_back_whole(qtbot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(700, 260)
    plot.show()
    qtbot.waitExposed(plot)
    losses = [noisy_loss(3000, seed) for seed in (3, 4)]
    traces = [FakeTrace(run_frame(i, [[0.0, 0.0]], [loss[-1]]), steps=np.arange(len(loss)), loss=loss)
              for i, loss in enumerate(losses)]
    runs = FakeRuns(*traces)
    specs = specs_for(runs)
    plot.draw(runs, specs)
    lines = plot.lines[0]
    assert lines.point_count(0) and lines.point_count(1)
    drawn = plot.curve(0, 1).getData()
    plot.draw(runs, {**specs, 1: specs[1].with_changes(visible=False)})
    assert lines.point_count(0) and not lines.point_count(1) and not plot.curve(0, 1).isVisible()
    plot.draw(runs, specs)
    np.testing.assert_array_equal(plot.curve(0, 1).getData()[1], drawn[1])
    assert lines.point_count(1) == len(drawn[0])
    del runs.traces[0]
    plot.draw(runs, specs)
    assert plot.curve(0, 0) is None and not lines.point_count(0) and lines.point_count(1)
