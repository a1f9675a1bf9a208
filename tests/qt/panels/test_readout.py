"""The readout: the selected run's numbers now, and the engine's next update written out.

Oracles: closed forms of SGD on x² (x_{k+1} = (1 − 2·lr)·x_k, with momentum b_k = μ·b_{k−1} + g_k)
and the step the engine then takes.
"""

from __future__ import annotations

import numpy as np
import pytest

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.spec import RunSpec
from gdsim.qt.panels import Readout
from gdsim.qt.panels.formatting import parse_number
from tests.qt.helpers import on_screen
from tests.qt.panels.conftest import engine_frame, make_frame


@pytest.fixture
def readout(qtbot):
    widget = Readout()
    qtbot.addWidget(widget)
    return widget


def test_nothing_selected(readout):
    readout.show_run(None, None, None)
    assert readout.text() == "No run selected."


def test_plain_sgd_on_the_u_curve_matches_the_closed_form(readout):
    # x_3 = 10·0.8³ = 5.12, J = 26.2144, g = 10.24, next x = 5.12 − 0.1·10.24 = 4.096
    frame, problem = engine_frame(RunSpec(label="Plain", optimizer="sgd", hyper={"lr": 0.1}, start=(10.0,)), 3,
                                  "x_squared")
    readout.show_run(frame, RunSpec(label="Plain", optimizer="sgd", hyper={"lr": 0.1}), problem)
    lines = readout.text().splitlines()
    assert lines[0] == "Plain · SGD · step 3 · running"
    for line in ("θ = x = 5.12", "J(θ) = 26.2144", "g = ∇J(θ) = 10.24", "lr = 0.1", "θ ← θ − lr·d",
                 "  = 5.12 − 0.1·10.24", "  = 4.096"):
        assert line in lines


def test_momentum_shows_the_buffer_and_the_step_it_makes(readout):
    # b_0 = g_0 = 20, x_1 = 8; g_1 = 16, b_1 = 0.9·20 + 16 = 34, x_2 = 8 − 0.1·34 = 4.6
    spec = RunSpec(optimizer="sgd", hyper={"lr": 0.1, "momentum": 0.9}, start=(10.0,))
    frame, problem = engine_frame(spec, 1, "x_squared")
    readout.show_run(frame, spec, problem)
    lines = readout.text().splitlines()
    assert "momentum_buffer = 20" in lines
    assert "  = 8 − 0.1·34" in lines and "  = 4.6" in lines


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_the_step_written_out_is_the_step_the_engine_takes(readout, name):
    from gdsim.engine.engine import Engine
    from gdsim.engine.spec import Scenario

    spec = RunSpec(optimizer=name, hyper={"lr": 1e-3} if name != "adadelta" else {}, start=(-1.2, 1.0))
    engine = Engine(Scenario({"kind": "landscape", "name": "rosenbrock"}, (spec,), steps=100))
    engine.advance(5)
    readout.show_run(engine.snapshot().runs[0], spec, engine.problem)
    engine.advance(1)
    text = readout.text()
    assert OPTIMIZERS[name].title in text.splitlines()[0]
    shown = text.splitlines()[-1].strip(" =()").split(", ")
    np.testing.assert_allclose([parse_number(v) for v in shown], engine.runs[0].theta[0], rtol=1e-4)


def test_the_loss_shown_is_at_the_current_step_even_when_points_are_recorded_sparsely(readout):
    spec = RunSpec(optimizer="sgd", hyper={"lr": 0.1}, start=(10.0,), record_every=10)
    frame, problem = engine_frame(spec, 12, "x_squared")
    readout.show_run(frame, spec, problem)
    x12 = 10.0 * 0.8**12
    lines = readout.text().splitlines()
    assert lines[0].endswith("step 12 · running")
    assert f"J(θ) = {x12**2:.6g}" in lines


def test_a_diverged_run_says_why_and_shows_its_last_good_point(readout):
    spec = RunSpec(optimizer="sgd", hyper={"lr": 1.5}, start=(10.0,))
    frame, problem = engine_frame(spec, 40, "x_squared")
    readout.show_run(frame, spec, problem)
    lines = readout.text().splitlines()
    assert "diverged" in lines[0]
    assert any(line.startswith("stopped: ") for line in lines)
    x, j = (parse_number(line.split("= ")[-1]) for line in lines if line.startswith(("θ = x", "J(θ)")))
    assert np.isfinite(x) and j == pytest.approx(x * x, rel=1e-5)
    assert "θ ← θ − lr·d" not in lines


def test_a_swarm_shows_counts(readout, rosenbrock):
    frame = make_frame(np.zeros((4, 2)), step=9, status=[0, 1, 1, 2], loss=[3.0, 0.5, 0.25, np.inf])
    readout.show_run(frame, RunSpec(start={"random": 4}), rosenbrock)
    assert "1 running, 2 converged, 1 diverged" in readout.text()
    assert "best J = 0.25" in readout.text()


def test_a_label_equal_to_the_optimizer_is_not_repeated(readout, rosenbrock):
    frame = make_frame([[0.0, 0.0]], [[0.0, 0.0]], step=1, loss=[1.0])
    readout.show_run(frame, RunSpec(label="SGD"), rosenbrock)
    assert readout.text().splitlines()[0] == "SGD · step 1 · running"


def test_the_lines_are_painted_copied_and_relaid_out_only_when_they_need_room(readout, qtbot):
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication

    class LayoutRequests(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.LayoutRequest:
                self.count += 1
            return False

    lines = readout.label
    readout.resize(400, 300)
    readout.show()
    qtbot.waitExposed(readout)
    requests = LayoutRequests()
    lines.parentWidget().installEventFilter(requests)  # the scroll area's viewport holds the lines
    text = "Adam · step 1000 · running\nJ(θ) = 1.5\nlr = 0.01"
    lines.setText(text)
    QApplication.processEvents()
    hint, before = lines.sizeHint(), requests.count
    metrics = lines.fontMetrics()
    assert hint.width() >= max(metrics.horizontalAdvance(line) for line in text.splitlines())
    assert hint.height() >= 3 * metrics.lineSpacing()
    for step in (1001, 999, 100):  # numbers ticking over, a digit less: the dock keeps its layout
        lines.setText(text.replace("1000", str(step)).replace("1.5", "1.2"))
        QApplication.processEvents()
    assert requests.count == before and lines.sizeHint() == hint
    lines.setText(text + "\nstopped: the loss is not a number")  # a line more: room is asked for
    QApplication.processEvents()
    assert lines.sizeHint().height() > hint.height() and requests.count > before
    image = lines.grab().toImage()
    ink_rows = {y for y in range(image.height()) for x in range(0, image.width(), 2)
                if image.pixelColor(x, y).lightness() < 128}
    assert len(ink_rows) > 4 * metrics.ascent() // 2  # four lines of dark text on the panel
    readout.activateWindow()
    qtbot.waitActive(readout)
    lines.setFocus()
    qtbot.waitUntil(lines.hasFocus)
    QApplication.clipboard().clear()
    qtbot.keyClick(lines, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == lines.text() == readout.text()
    assert [action.text().replace("&", "") for action in lines.actions()] == ["Copy"]  # Qt's word, in Qt's catalogue


def test_lines_changed_one_frame_after_another_look_like_the_last_text_painted_at_once(readout, qtbot):
    """Only the lines whose text changed are repainted: after many frames of changing numbers (and
    lines that come and go), the picture must be the one a fresh panel paints of the last text (the
    oracle), and a frame repaints less than the whole panel."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class Paints(QObject):
        heights: list[int] = []
        on = False

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if self.on and event.type() == QEvent.Type.Paint:
                self.heights.append(sum(rect.height() for rect in event.region()))
            return False

    readout.resize(420, 360)
    readout.show()
    qtbot.waitExposed(readout)
    lines = readout.label
    paints = Paints()
    lines.installEventFilter(paints)

    rng = np.random.default_rng(4)
    template = ["Adam · step {k} · running", "θ = (x, y) = ({x:.6g}, {y:.6g})", "J(θ) = {j:.6g}", "lr = 0.01", "",
                "next step:", "  = ({x:.6g}, {y:.6g})"]
    text = ""
    for k in range(60):
        if k < 45:  # numbers of every size: the panel asks for room now and then (a whole repaint)
            x, y, j = rng.normal(size=3) * 10.0 ** rng.integers(-3, 4, size=3)
        else:  # then only digits ticking over: the changed rows alone are repainted
            x, y, j = 1.0 + rng.random(3) / 2
        shown = [line.format(k=k + 1000, x=x, y=y, j=j) for line in template]
        if k % 7 == 3 and k < 45:
            shown.append("stopped: the loss is not a number")  # a line more, then gone again
        text = "\n".join(shown)
        paints.on = k >= 50
        lines.setText(text)
        QApplication.processEvents()
    frames = on_screen(lines)

    fresh = Readout()
    qtbot.addWidget(fresh)
    fresh.resize(420, 360)
    fresh.show()
    qtbot.waitExposed(fresh)
    fresh.label.setText(text)
    fresh.label.resize(lines.size())
    oracle = fresh.label.grab().toImage().convertToFormat(frames.format())
    assert frames.size() == oracle.size() and frames == oracle
    step = lines.fontMetrics().lineSpacing()
    assert paints.heights and min(paints.heights) <= 4 * (step + 2)  # the 4 rows of numbers, not the whole panel
