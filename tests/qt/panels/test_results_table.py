"""The results table: status, steps, final loss, distance to a minimum, and when it was reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdsim.engine.spec import OKABE_ITO, RunSpec
from gdsim.qt.panels import ResultsTable
from gdsim.qt.panels.formatting import DASH, format_number
from tests.qt.panels.conftest import engine_frame, make_frame


@pytest.fixture
def table(qtbot):
    widget = ResultsTable()
    qtbot.addWidget(widget)
    return widget


def test_rows_for_reached_and_never_reached(table, rosenbrock):
    frames = [
        make_frame([[1.0, 1.0]], step=120, status=[1], loss=[1e-9], distance=[2e-5], reached_at=[87],
                   reason="gradient norm below 0.0001"),
        make_frame([[-1.2, 1.4]], run_id=1, step=500, status=[3], loss=[4.84], distance=[2.2],
                   reached_at=[-1]),
    ]
    specs = [RunSpec(label="Adam"), RunSpec(label="SGD", color=OKABE_ITO[1])]
    table.show_runs(frames, specs, rosenbrock)
    assert [table.text(0, c) for c in range(6)] == ["Adam", "converged", "120", "1e−9", "2e−5", "87"]
    assert [table.text(1, c) for c in range(6)] == ["SGD", "max steps", "500", "4.84", "2.2", DASH]
    assert table.table.item(0, 1).toolTip() == "gradient norm below 0.0001"


def test_a_running_run_shows_the_loss_at_its_current_step_and_paused_when_paused(table):
    frame, problem = engine_frame(RunSpec(optimizer="sgd", hyper={"lr": 0.1}, start=(10.0,), record_every=10),
                                  12, "x_squared")
    table.show_runs([frame], [RunSpec()], problem, playing=True)
    assert table.text(0, 1) == "running" and table.text(0, 2) == "12"
    assert table.text(0, 3) == format_number((10.0 * 0.8**12) ** 2, 4)
    assert table.table.item(0, 3).font().italic()
    table.show_runs([frame], [RunSpec()], problem, playing=False)
    assert table.text(0, 1) == "paused"


def test_a_run_without_a_frame_yet(table, rosenbrock):
    table.show_runs([None], [RunSpec(label="New")], rosenbrock)
    assert [table.text(0, c) for c in range(6)] == ["New", "not started", "0", DASH, DASH, DASH]


def test_clicking_a_row_selects_its_run(qtbot, table, rosenbrock):
    frames = [make_frame([[0.0, 0.0]], run_id=4), make_frame([[1.0, 1.0]], run_id=9)]
    table.show_runs(frames, [RunSpec(label="A"), RunSpec(label="B")], rosenbrock)
    table.show()
    rect = table.table.visualItemRect(table.table.item(1, 2))
    with qtbot.waitSignal(table.selected, timeout=1000) as blocker:
        qtbot.mouseClick(table.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [9]
