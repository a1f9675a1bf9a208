"""A network through the window: picked in the Problem panel (torch loaded in the worker, with a
notice), its confusion matrix and mistakes, its readout, and its loss-landscape slice on request."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.qt.views.landscape_2d import grid_lookup
from gdsim.session.simulate import simulate

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[2]


def _digits_scenario(tmp_path, steps=60, eval_every=20):
    data = {"format": "gdsim.scenario", "version": 2, "seed": 3, "steps": steps,
            "problem": {"kind": "network", "data": {"name": "digits", "n": 600},
                        "model": {"name": "mlp", "hidden": [16]}},
            "runs": [{"label": "Adam", "optimizer": "adam", "hyper": {"lr": 0.01}, "batch_size": 32,
                      "eval_every": eval_every}]}
    path = tmp_path / "digits.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return data, path


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def test_picking_a_network_in_the_problem_panel(gdsim_window, qtbot):
    window = gdsim_window.window
    panel = window.problem_panel
    panel.pick("network")
    picker = panel.network_picker
    assert picker.isVisible()
    _choose(picker.data_editors["name"].widget, "digits")
    picker.data_editors["n"].widget.setText("300")
    picker.data_editors["noise"].widget.setText("lots")
    qtbot.mouseClick(picker.open_button, Qt.MouseButton.LeftButton)
    assert "data.noise" in picker.error.text()  # the setting named, nothing sent
    picker.data_editors["noise"].widget.setText("")
    picker.hidden.setText("32, 16")
    _choose(picker.model_editors["activation"].widget, "tanh")
    loads = window.loads
    qtbot.mouseClick(picker.open_button, Qt.MouseButton.LeftButton)
    assert any("Loading torch" in text for text in window.messages.messages())
    gdsim_window._wait(lambda: window.loads > loads, 60, "the network to load")
    gdsim_window.settle()
    assert not any("Loading torch" in text for text in window.messages.messages())
    assert window.main_views.currentWidget() is window.views["network"]
    # digits: 64 pixels in, 10 classes out; an MLP 64-32-16-10 has 64·32+32 + 32·16+16 + 16·10+10 weights
    weights = 64 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10
    assert window.problem.dim == weights
    assert f"{weights:,} weights" in panel.formula.text() and "MLP 64-32-16-10" in panel.formula.text()
    assert panel.network_picker.isVisible() and panel.current_name() == "network"
    assert f"{weights:,} weights" in window.readout.text()
    assert window.slice_control.action.isEnabled()


def test_torch_is_imported_by_the_worker_not_by_the_gui_thread(tmp_path):
    script = textwrap.dedent("""
        import sys, threading, time
        from PySide6.QtCore import QCoreApplication, QSettings
        from PySide6.QtWidgets import QApplication
        importers = []
        class Watch:
            def find_spec(self, name, path=None, target=None):
                if name == "torch":
                    importers.append(threading.current_thread() is threading.main_thread())
                return None
        sys.meta_path.insert(0, Watch())
        app = QApplication([])
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
        from gdsim.qt.main_window import MainWindow
        window = MainWindow()
        window.show()
        def wait(condition, seconds):
            deadline = time.monotonic() + seconds
            while not condition() and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
        wait(lambda: window.loads > 0, 30)
        print("torch at start-up:", "torch" in sys.modules)
        window.problem_panel.pick("network")
        window.problem_panel.network_picker.request()
        print("notice:", any("Loading torch" in m for m in window.messages.messages()))
        wait(lambda: window.loads > 1, 120)
        print("loaded:", window.problem.title)
        print("importers:", importers)
        window.shut_down()
    """)
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                            cwd=ROOT, timeout=300, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    out = result.stdout
    assert "torch at start-up: False" in out, out + result.stderr
    assert "notice: True" in out
    assert "loaded: MLP 2-16-16-2 on moons" in out
    assert "importers: [False]" in out  # imported once, by a thread that is not the GUI's


def test_digits_confusion_and_mistakes_agree_with_the_engine(gdsim_window, tmp_path):
    data, path = _digits_scenario(tmp_path)
    expected = simulate(data)["runs"][0]
    window = gdsim_window.window
    gdsim_window.open(path, timeout=60)
    view = window.views["network"]
    assert view.images_column.isVisible() and not view.boundary_widget.isVisible()
    gdsim_window.play()
    gdsim_window._wait(lambda: window.snapshot.finished, 60, "training to finish")
    gdsim_window.settle()
    network = window.live.frame(0).network
    confusion = network.confusion
    val_size = len(window.problem.data.y_val)
    assert confusion.shape == (10, 10) and confusion.sum() == val_size
    assert np.trace(confusion) / val_size == pytest.approx(expected["final"]["val_accuracy"], abs=1e-6)
    # the view shows these counts, and the mistakes it shows are the ones the engine named
    assert np.array_equal(view.confusion_image.image, confusion.astype(float))
    shown = sorted(item.toPlainText() for item in view._confusion_texts)
    assert shown == sorted(str(int(c)) for c in confusion.ravel() if c)
    wrong = len(network.misclassified)
    assert wrong == min(24, val_size - np.trace(confusion)) and len(view._error_texts) == wrong
    labels = window.problem.data.y_val[network.misclassified]
    assert all(labels[k] != network.predicted[k] for k in range(wrong))
    assert [t.toPlainText() for t in view._error_texts] == [
        f"{a}→{b}" for a, b in zip(labels, network.predicted, strict=True)]
    readout = window.readout.text()
    assert f"validation accuracy = {100 * expected['final']['val_accuracy']:.2f}%" in readout
    assert "at update 60:" in readout


def test_the_loss_slice_is_drawn_in_the_main_views_with_the_runs_rolling_on_it(gdsim_window, tmp_path):
    data, path = _digits_scenario(tmp_path, steps=80, eval_every=10)
    data["runs"].append({"label": "SGD", "optimizer": "sgd", "hyper": {"lr": 0.05}, "batch_size": 32,
                         "eval_every": 10})
    path.write_text(json.dumps(data), encoding="utf-8")
    expected = simulate(data)["runs"]
    window = gdsim_window.window
    gdsim_window.open(path, timeout=60)
    assert window.main_views.shown() == [window.views["network"]]  # no slice yet: the network's own view
    gdsim_window.play()
    gdsim_window._wait(lambda: window.snapshot.finished, 60, "training to finish")
    window.slice_control.action.trigger()
    dialog = window.slice_control.dialog
    assert dialog.isVisible()
    dialog.size.setValue(11)
    dialog.compute_button.click()
    gdsim_window._wait(lambda: dialog.landscape is not None, 60, "the slice")
    gdsim_window.settle(6)
    # the main area shows the slice in the 2D view (the Network layout brings the network's view back)
    view = window.views["2d"]
    assert window.main_views.shown() == [view] and view.problem is dialog.landscape
    assert window.layouts.actions["network"].isVisible()
    # the middle of the slice is the final weights: its value is the model's full training loss
    origin = grid_lookup(view.grid, 0.0, 0.0)
    assert origin == pytest.approx(expected[0]["final"]["train_loss"], rel=1e-5)
    assert dialog.progress.maximum() == 11
    # the sliced run's ball: its final weights projected on a plane centred on them, the origin
    ball = view._runs[0].ball
    assert (ball.pos().x(), ball.pos().y()) == (0.0, 0.0) and ball.isVisible()
    assert view.trails.point_count(0) == 80  # every update's projection (straight between evaluations)
    # the other run rolls on the same plane, where the engine projected it; both say their true and plane J
    other = window.live.frame(1)
    assert other.positions.shape == (1, 2)
    assert (view._runs[1].ball.pos().x(), view._runs[1].ball.pos().y()) == tuple(other.positions[0])
    note = view.note.textItem.toPlainText()
    assert view.note.isVisible() and note.count(": true J") == 2 and "filter-normalised random" in note
    assert f"SGD: true J {expected[1]['final']['train_loss']:.3g}" in note
    # principal directions: the note says their share of the path's variance; the path's true loss beside the plane's
    _choose(dialog.method, "pca")
    first = dialog.landscape
    dialog.compute_button.click()
    gdsim_window._wait(lambda: dialog.landscape is not first and view.problem is dialog.landscape, 60,
                       "the PCA slice")
    gdsim_window.settle(6)
    computed = dialog.landscape.slice
    assert "of its variance" in view.note.textItem.toPlainText()
    assert np.allclose(computed.path[-1], 0.0, atol=1e-6)  # centred on the final weights
    assert computed.path_loss[-1] == pytest.approx(expected[0]["final"]["train_loss"], rel=1e-6)
    assert "true J" in dialog.path_table.text() and str(int(computed.path_steps[-1])) in dialog.path_table.text()
    # the runs go on rolling: after a reset and three steps each ball is where the engine projected it
    gdsim_window.reset()
    gdsim_window.step(3)
    gdsim_window.settle(6)
    for run_id in (0, 1):
        frame = window.live.frame(run_id)
        assert frame.step == 3 and view.trails.point_count(run_id) == 3
        ball = view._runs[run_id].ball
        assert (ball.pos().x(), ball.pos().y()) == tuple(frame.positions[0])
    # the Network layout shows the network's own view again; a click on the slice places no start
    window.layouts.actions["network"].trigger()
    assert window.main_views.shown() == [window.views["network"]]
    window.layouts.actions["2d"].trigger()
    window._place_start((1.0, 1.0), False)
    assert window.session.runs[0].start is None
    # a big slice cancelled after its first rows: nothing arrives, and the window goes on working
    drawn = dialog.landscape
    _choose(dialog.method, "random")
    dialog.size.setValue(201)
    dialog.compute_button.click()
    gdsim_window._wait(lambda: dialog.progress.value() >= 1, 60, "the first row")
    assert not dialog.compute_button.isEnabled()
    dialog.cancel_button.click()
    assert dialog.compute_button.isEnabled() and not dialog.busy
    gdsim_window.step(2)
    assert window.live.frame(0).step == 5
    gdsim_window.settle(10)
    assert dialog.landscape is drawn and view.problem is drawn
    dialog.close()
