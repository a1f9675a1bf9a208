"""The Sweep window: run in a worker with progress, the heatmap is the headless sweep's medians, the
best rate starred, diverged cells hatched, a click opens that cell's run in the main window."""

from __future__ import annotations

import json

import numpy as np

from gdsim.qt.views.sweep_view import SweepWindow, show_sweep
from gdsim.session.sweep import load_sweep
from gdsim.session.sweep_exec import executor
from gdsim.session.sweep_results import median_grid

WAIT = 20_000
SWEEP = {"format": "gdsim.sweep", "version": 1, "title": {"en": "Bowl"},
         "problem": {"kind": "landscape", "name": "bowl"}, "steps": 200, "seeds": [0, 1], "start": {"random": 1},
         "optimizers": [{"optimizer": "sgd"}, {"optimizer": "adam"}], "lr": [0.05, 0.3, 0.9, 1.2, 2.0],
         "threshold": 1e-8}


def test_the_heatmap_shows_the_headless_medians_and_a_click_opens_the_run(make_window, qtbot, tmp_path):
    path = tmp_path / "bowl.sweep.json"
    path.write_text(json.dumps(SWEEP))
    window = make_window()
    view = show_sweep(window, path)
    qtbot.waitUntil(lambda: view.sweep is not None, timeout=WAIT)
    with qtbot.waitSignal(view.finished, timeout=WAIT):
        view.run_button.click()
    assert view.progress.value() == view.progress.maximum() == 20
    sweep, problem = load_sweep(path)
    expected, diverged = median_grid(sweep, [r for rows in executor(sweep, problem) for r in rows])
    shown, hatched = view.grid()
    assert np.array_equal(shown, expected) and np.array_equal(hatched, diverged)
    # SGD on x² + y² diverges exactly for lr > 1: those cells, and only those, are hatched
    assert list(hatched[0]) == [lr > 1 for lr in sweep.lrs]
    assert len(view._hatches) == int(diverged.sum())
    assert view.best_columns == {row: int(np.nanargmin(np.where(np.isfinite(expected[row]), expected[row], np.nan)))
                                 for row in range(2)}
    assert view.table.rowCount() == 2 and view.table.item(0, 0).text() == "SGD"
    view.save_csv(tmp_path / "table.csv")
    view.save_image(tmp_path / "heatmap.png")
    view.save_image(tmp_path / "heatmap.svg")
    assert (tmp_path / "table.summary.csv").exists() and (tmp_path / "heatmap.png").stat().st_size > 1000
    assert "<svg" in (tmp_path / "heatmap.svg").read_text()
    loads = window.loads
    view.open_cell(1, 2)  # Adam at lr 0.9, seed 0
    qtbot.waitUntil(lambda: window.loads > loads, timeout=WAIT)
    (run,) = window.session.runs.values()
    assert run.optimizer == "adam" and run.hyper["lr"] == 0.9
    view.close()


def test_a_running_sweep_can_be_cancelled(qtbot, tmp_path):
    path = tmp_path / "long.sweep.json"
    path.write_text(json.dumps({**SWEEP, "steps": 20_000, "lr": {"from": 1e-4, "to": 0.5, "count": 40},
                                "seeds": list(range(4)), "optimizers": [{"optimizer": "sgd"}] + [
                                    {"optimizer": "adam", "label": f"Adam {i}"} for i in range(8)]}))
    view = SweepWindow(path)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.sweep is not None, timeout=WAIT)
    view.start()
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=WAIT)
    with qtbot.waitSignal(view.finished, timeout=WAIT):
        view.run_button.click()  # Cancel
    assert 0 < len(view.results) < len(view.sweep.cells)
    assert view.run_button.text() == "Run"
