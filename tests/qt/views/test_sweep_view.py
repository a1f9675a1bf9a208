"""The Sweep window, driven as a person would: File > Sweep… (its file dialog answered), the sweep run
in a worker with progress, the heatmap and the comparison table equal to what `gdsim sweep` writes for
the same file (the headless oracle) and to the closed form (SGD on x² + y² diverges exactly for lr > 1),
a click opening that cell's run in the main window, Cancel keeping the partial results (exportable,
resumable) in a window that keeps answering, closing the window stopping its work, a broken file
giving one message, and the sweep lessons in the Lessons menu."""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from gdsim.cli import main
from gdsim.qt import sweep_menu
from gdsim.qt.panels.formatting import format_number
from gdsim.qt.session_model import OpenFile
from gdsim.qt.sweep_menu import sweep_windows
from gdsim.resources import SWEEPS_DIR

WAIT = 30_000
SWEEP = {"format": "gdsim.sweep", "version": 1, "title": {"en": "Bowl", "zh": "碗"},
         "problem": {"kind": "landscape", "name": "bowl"}, "steps": 200, "seeds": [0, 1], "start": {"random": 1},
         "optimizers": [{"optimizer": "sgd"}, {"optimizer": "adam"}], "lr": [0.05, 0.3, 0.9, 1.0, 1.2, 2.0],
         "threshold": 1e-8}
#: A sweep long enough to cancel: a data problem's cells run one by one.
LONG = {"format": "gdsim.sweep", "version": 1,
        "problem": {"kind": "regression", "data": {"generate": "linear", "slope": 2, "intercept": 0, "n": 100,
                                                   "noise": 1.0, "x": "linspace", "x_range": [1, 5], "seed": 0},
                    "bias": False, "loss": "mse"},
        "steps": 300, "seeds": list(range(4)),
        "optimizers": [{"optimizer": "sgd", "label": f"SGD {size}", "batch_size": size} for size in (1, 5, 10)],
        "lr": {"from": 1e-4, "to": 0.05, "count": 12}, "threshold": 0.93}
#: Long enough still to be running when its first cells are in, even where the worker gets the
#: interpreter while the window waits (LONG took about a second here, and once finished before a
#: test could take hold of its worker); closed long before its end.
LONGER = {**LONG, "steps": 3000}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def without(rows: list[dict[str, str]], *columns: str) -> list[dict[str, str]]:
    return [{key: value for key, value in row.items() if key not in columns} for row in rows]


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def write(tmp_path: Path, data: dict, name: str = "bowl.sweep.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def open_by_menu(window, qtbot, monkeypatch, path: Path):
    """File > Sweep…, the dialog answering ``path``; the Sweep window that opens."""
    monkeypatch.setattr(sweep_menu.QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.findChild(QAction, "sweep").trigger()
    qtbot.waitUntil(lambda: len(sweep_windows(window)) == 1, timeout=WAIT)
    return sweep_windows(window)[0]


def cell_point(view, row: int, column: int):
    """Where the heatmap's cell is on screen (in its lower part: the star sits in the upper part)."""
    box = view.heatmap.plot.getPlotItem().getViewBox()
    return view.heatmap.plot.mapFromScene(box.mapViewToScene(QPointF(column + 0.5, row + 0.85)))


def test_file_sweep_shows_what_the_command_line_measures(make_window, qtbot, monkeypatch, tmp_path):
    path = write(tmp_path, SWEEP)
    oracle = tmp_path / "cli.csv"
    assert main(["sweep", str(path), "-o", str(oracle), "--quiet"]) == 0
    window = make_window()
    view = open_by_menu(window, qtbot, monkeypatch, path)
    qtbot.waitUntil(lambda: view.complete and not view.running, timeout=WAIT)
    assert view.progress.value() == view.progress.maximum() == 24

    # the heatmap: per optimizer and rate, the median over seeds of the CLI's final loss (a diverged
    # seed counting as infinitely bad), hatched where a seed diverged
    rows = read_csv(oracle)
    labels = [entry.label for entry in view.sweep.entries]
    shown, hatched = view.grid()
    for i, label in enumerate(labels):
        for j, lr in enumerate(SWEEP["lr"]):
            cell = [row for row in rows if row["optimizer"] == label and float(row["lr"]) == lr]
            assert len(cell) == 2
            scores = [math.inf if row["diverged"] == "true" else float(row["final_loss"]) for row in cell]
            assert shown[i, j] == np.median(scores)
            assert hatched[i, j] == any(row["diverged"] == "true" for row in cell)
    # the closed form: SGD on x² + y² is x ← (1 − 2 lr) x, diverging exactly for lr > 1
    assert list(hatched[0]) == [lr > 1 for lr in SWEEP["lr"]]
    assert len(view.heatmap.hatch.path().toSubpathPolygons()) == int(hatched.sum())  # one hatched square per cell

    # Export CSV writes what the command line wrote (but the timings)
    assert view.save_csv(tmp_path / "window.csv")
    assert without(read_csv(tmp_path / "window.csv"), "seconds") == without(rows, "seconds")
    summary = read_csv(tmp_path / "window.summary.csv")
    assert without(summary, "seconds") == without(read_csv(tmp_path / "cli.summary.csv"), "seconds")

    # the comparison table: that summary, number for number, each shown as formatted
    keys = [column.key for column in view.table.columns]
    assert keys[:2] == ["optimizer", "best_lr"] and "val_accuracy" not in keys  # not a network
    for i, line in enumerate(summary):
        shown_row = {key: view.table.item(i, k) for k, key in enumerate(keys)}
        assert shown_row["optimizer"].text() == line["optimizer"]
        for key in ("best_lr", "final_loss", "steps_to_threshold", "diverged_share", "seconds"):
            assert shown_row[key].data(Qt.ItemDataRole.UserRole) == (number(line[key]),), key
        assert shown_row["spread"].data(Qt.ItemDataRole.UserRole) == (number(line["final_loss_min"]),
                                                                        number(line["final_loss_max"]))
        assert shown_row["converging"].data(Qt.ItemDataRole.UserRole) == (
            number(line["converging_lr_from"]), number(line["converging_lr_to"]), int(line["converging_lrs"]),
            int(line["lrs"]))
        assert shown_row["best_lr"].text() == format_number(float(line["best_lr"]), 4)
        # the star sits on the best rate
        assert view.best_columns[i] == SWEEP["lr"].index(float(line["best_lr"]))
    # SGD: the rates that converge end at 1 (lr 1 bounces between ±x for ever: never diverges, never
    # reaches the threshold; so the range ends below it), and a third of its runs diverged
    sgd = summary[0]
    assert float(sgd["converging_lr_to"]) < 1 and float(sgd["diverged_share"]) == 2 / 6
    assert view.table.item(0, keys.index("diverged_share")).text() == "33.3 %"

    assert view.save_image(tmp_path / "heatmap.png") and view.save_image(tmp_path / "heatmap.svg")
    assert (tmp_path / "heatmap.png").stat().st_size > 1000 and "<svg" in (tmp_path / "heatmap.svg").read_text()

    # hovering over a cell says what it measured; a click opens its run (the first seed) in the main window
    qtbot.mouseMove(view.heatmap.plot.viewport(), cell_point(view, 0, 4))
    qtbot.waitUntil(lambda: view.heatmap.plot.toolTip().startswith("SGD at learning rate 1.2"), timeout=WAIT)
    assert "a seed diverged" in view.heatmap.plot.toolTip()
    loads = window.loads
    window.session.set_file(OpenFile(tmp_path / "mine.json", "scenario", None))  # a file open in the window
    qtbot.mouseClick(view.heatmap.plot.viewport(), Qt.MouseButton.LeftButton, pos=cell_point(view, 1, 2))  # Adam 0.9
    qtbot.waitUntil(lambda: window.loads > loads, timeout=WAIT)
    (run,) = window.session.runs.values()
    assert run.optimizer == "adam" and run.hyper["lr"] == 0.9
    assert window.session.file.path is None  # the cell's run is untitled: Save never overwrites mine.json
    # the main window's presentation mode enlarges the sweep window's text
    size = view.table.font().pointSizeF()
    window.presentation_action.trigger()
    assert view.table.font().pointSizeF() == pytest.approx(1.5 * size)
    window.presentation_action.trigger()
    view.close()


def test_cancel_keeps_partial_results_and_resume_finishes_them(make_window, qtbot, monkeypatch, tmp_path):
    import threading

    from gdsim.qt.views import sweep_view

    # The worker waits, once most cells are in, until the test has clicked Cancel: the whole sweep
    # takes a second, and on a busy machine it once ended before the click was handled.
    measure, cancelled, most = sweep_view.measure, threading.Event(), 120

    def held(*args):
        for tally in measure(*args):
            yield tally
            if len(tally.results) >= most and not cancelled.is_set():
                cancelled.wait(WAIT / 1000)

    monkeypatch.setattr(sweep_view, "measure", held)
    path = write(tmp_path, LONG, "long.sweep.json")
    window = make_window()
    view = open_by_menu(window, qtbot, monkeypatch, path)
    total = len(view.sweep.cells)
    qtbot.waitUntil(lambda: view.progress.value() >= most, timeout=WAIT)
    # the window answers while the worker runs: the outcome chosen redraws the heatmap at once
    view.outcome.setCurrentIndex(view.outcome.findData("steps_to_threshold"))
    assert "steps to the threshold" in view.heatmap.key.text()
    with qtbot.waitSignal(view.finished, timeout=WAIT):
        view.run_button.click()  # Cancel
        cancelled.set()
    assert view.running is False
    done = len(view.results)
    assert 0 < done < total
    assert view.progress.value() == done and view.run_button.text() == "Resume"
    view.outcome.setCurrentIndex(view.outcome.findData("final_loss"))
    shares = [column.key for column in view.table.columns].index("diverged_share")
    assert view.table.item(0, 1).text() != "—" and view.table.item(0, shares).text() == "0 %"  # the runs so far
    assert view.save_csv(tmp_path / "partial.csv") and len(read_csv(tmp_path / "partial.csv")) == done
    # Resume runs the rest, while the GUI thread's timers keep firing (at least a fifth as often as
    # asked, however busy the worker: it hands over the interpreter between its Python steps)
    ticks = []
    timer = QTimer()
    timer.setObjectName("responsiveness")
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    began = time.perf_counter()
    with qtbot.waitSignal(view.finished, timeout=120_000):
        view.run_button.click()  # Resume
    ended = time.perf_counter()
    timer.stop()
    # the worker's start (a module or two imported) may hold the interpreter a moment on a loaded
    # machine: the first tick within half a second, then at least a fifth of the ticks asked for
    assert ticks and ticks[0] - began < 0.5, (began, ticks[:3])
    assert len(ticks) >= (ended - ticks[0]) / 0.020 / 5, (len(ticks), ended - ticks[0])
    assert view.complete and not view.run_button.isVisible() and view.state_label.text().startswith("finished in")
    oracle = tmp_path / "cli.csv"
    assert main(["sweep", str(path), "-o", str(oracle), "--quiet"]) == 0
    assert view.save_csv(tmp_path / "window.csv")
    assert without(read_csv(tmp_path / "window.csv"), "seconds") == without(read_csv(oracle), "seconds")
    view.close()


def test_closing_the_sweep_window_stops_its_work(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window()
    view = open_by_menu(window, qtbot, monkeypatch, write(tmp_path, LONGER, "longer.sweep.json"))
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=WAIT)
    worker, stop, total = view.worker, view._stop, len(view.sweep.cells)
    assert worker is not None  # still running
    tallies, finished = [], []
    worker.yielded.connect(tallies.append)
    worker.finished.connect(lambda: finished.append(True))
    view.close()
    assert stop.is_set()
    qtbot.waitUntil(lambda: window.findChildren(QWidget, "sweep_window") == [], timeout=WAIT)  # deleted on close
    qtbot.waitUntil(lambda: bool(finished), timeout=WAIT)  # the worker stopped after the cells under way
    assert len(tallies[-1].results) < total


@pytest.mark.parametrize(("text", "expected"), [
    ('{"format": "gdsim.sweep", "version": 1, "problem": {"kind": "landscape", "name": "bowl"}, '
     '"optimizers": [{"optimizer": "sgd"}, {"optimizer": "sgd", "hyper": {"momentum": -1}}], "lr": [0.1]}',
     "optimizers[1].hyper.momentum: must be at least 0, not -1"),
    ('{"format": "gdsim.sweep", "version": 1,\n "lr": [0.1,]}', "not valid JSON at line 2, column 13"),
])
def test_a_broken_sweep_file_gives_one_message_and_no_window(make_window, qtbot, monkeypatch, tmp_path, text,
                                                             expected):
    path = tmp_path / "broken.json"
    path.write_text(text)
    window = make_window()
    monkeypatch.setattr(sweep_menu.QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.findChild(QAction, "sweep").trigger()
    qtbot.waitUntil(lambda: any("broken.json" in m for m in window.messages.messages()), timeout=WAIT)
    (message,) = [m for m in window.messages.messages() if "broken.json" in m]
    assert expected in message and "Traceback" not in message
    assert window.messages.details()[-1] == ""  # bad input, not a bug: no traceback behind Details
    assert sweep_windows(window) == []


def test_the_sweep_lessons_are_in_the_lessons_menu(make_window, qtbot):
    window = make_window()
    window.lessons_menu.aboutToShow.emit()
    submenu = window.lessons_menu.findChild(QMenu, "sweep_lessons")
    assert submenu.menuAction() in window.lessons_menu.actions()
    actions = submenu.actions()
    assert [action.toolTip() for action in actions] == sorted(path.name for path in SWEEPS_DIR.glob("*.json"))
    assert actions[1].text().startswith("GD, momentum, RMSProp and Adam on the U-curve")
    actions[1].trigger()
    qtbot.waitUntil(lambda: len(sweep_windows(window)) == 1, timeout=WAIT)
    view = sweep_windows(window)[0]
    assert view.path.name == "02_update_rules_u_curve.json"
    assert "U-curve" in view.heading.text() and "Article 002" in view.description.text()
    qtbot.waitUntil(lambda: view.complete and not view.running, timeout=60_000)
    actions[1].trigger()  # open again: the same window comes to the front
    qtbot.wait(200)
    assert sweep_windows(window) == [view]
    window.set_language("zh")
    qtbot.waitUntil(lambda: "U 形曲线" in view.heading.text(), timeout=WAIT)
    window.set_language("en")
    view.close()


def test_a_bug_while_running_is_one_sentence_with_details_and_keeps_the_runs(make_window, qtbot, monkeypatch,
                                                                              tmp_path):
    from gdsim.qt.views import sweep_view
    from gdsim.session.sweep_exec import run_in_process

    def failing(sweep, problem, done=()):
        groups = run_in_process(sweep, problem, done=done)
        yield next(groups)
        raise RuntimeError("a bug in the executor")

    monkeypatch.setattr(sweep_view, "run_in_process", failing)
    window = make_window()
    view = open_by_menu(window, qtbot, monkeypatch, write(tmp_path, SWEEP))
    qtbot.waitUntil(lambda: not view.running, timeout=WAIT)
    (box,) = [box for box in view.findChildren(QMessageBox, "sweep_message") if box.isVisible()]
    assert box.text().startswith("The sweep stopped because of a bug in gdsim")
    assert "a bug in the executor" in box.detailedText() and "Traceback" in box.detailedText()
    box.close()
    assert len(view.results) == 12 and view.run_button.text() == "Resume"  # SGD's row (the first group) is kept
    view.close()
