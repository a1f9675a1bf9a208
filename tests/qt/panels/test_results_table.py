"""The results table: status, steps, final loss, distance to a minimum, and when it was reached."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdsim.engine.spec import OKABE_ITO, RunSpec
from gdsim.qt.panels import ResultsTable
from gdsim.qt.panels.formatting import DASH
from tests.qt.panels.conftest import make_frame


@pytest.fixture
def table(qtbot):
    widget = ResultsTable()
    qtbot.addWidget(widget)
    return widget


def test_rows_for_reached_and_never_reached(table, rosenbrock):
    frames = [
        make_frame([[1.0, 1.0]], step=120, status=[1], final_loss=[1e-9], distance=[2e-5], reached_at=[87],
                   reason="gradient norm below 0.0001"),
        make_frame([[-1.2, 1.4]], run_id=1, step=500, status=[3], final_loss=[4.84], distance=[2.2],
                   reached_at=[-1]),
    ]
    specs = [RunSpec(label="Adam"), RunSpec(label="SGD", color=OKABE_ITO[1])]
    table.show_runs(frames, specs, rosenbrock)
    assert [table.text(0, c) for c in range(6)] == ["Adam", "converged", "120", "1e−9", "2e−5", "87"]
    assert [table.text(1, c) for c in range(6)] == ["SGD", "max steps", "500", "4.84", "2.2", DASH]
    assert table.table.item(0, 1).toolTip() == "gradient norm below 0.0001"


def test_a_running_run_shows_its_current_loss(table, rosenbrock):
    frame = make_frame([[0.0, 0.0]], step=3, loss=[[1.5], [1.25]], distance=[1.41], reached_at=[-1])
    table.show_runs([frame], [RunSpec()], rosenbrock)
    assert table.text(0, 3) == "1.25"
    assert table.table.item(0, 3).font().italic()
    later = make_frame([[0.0, 0.0]], step=4, loss=None, distance=[1.41], reached_at=[-1], restart=False)
    table.show_runs([later], [RunSpec()], rosenbrock)
    assert table.text(0, 3) == "1.25"


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
