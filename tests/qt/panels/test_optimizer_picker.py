"""The optimizer picker in the window: grouped, searchable with the keyboard, each class's layout and
needs as optimizer_layouts' table says, its docstring's first paragraph as help; picking a torch class
runs the selected run with it exactly as a bare torch loop does."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.commands import SetOptimizer
from gdsim.qt.panels.optimizer_picker import LAYOUT_COLUMN, NAME_COLUMN, NAME_ROLE, NEEDS_COLUMN
from gdsim.qt.testing import shown_number

torch = pytest.importorskip("torch")
pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed")

#: The words the picker is to show for each layout of optimizer_layouts' table.
LAYOUT_WORDS = {"swarm": "one tensor", "tensor": "one tensor per ball", "ball": "one optimizer per ball"}


def open_picker(driver, qtbot):
    """Open the selected run's picker as a person does (a click on the box) and wait for the classes."""
    combo = driver.window.runs_panel.editor.optimizer.combo
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.popup is not None and combo.popup.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: combo.loader.groups is not None, timeout=60_000)
    return combo, combo.popup


def rows(popup) -> dict[str, tuple[str, str, str]]:
    """Every optimizer row shown: name -> (title, layout, needs) as the tree shows them."""
    shown = {}
    model = popup.proxy
    for group in range(model.rowCount()):
        parent = model.index(group, NAME_COLUMN)
        for row in range(model.rowCount(parent)):
            index = model.index(row, NAME_COLUMN, parent)
            if index.data(NAME_ROLE) is not None:
                shown[index.data(NAME_ROLE)] = tuple(model.index(row, column, parent).data()
                                                     for column in (NAME_COLUMN, LAYOUT_COLUMN, NEEDS_COLUMN))
    return shown


def search(qtbot, popup, text: str) -> None:
    popup.search.clear()
    qtbot.keyClicks(popup.search, text)


def test_the_picker_lists_every_class_with_its_layout_and_needs_as_the_table_says(gdsim_window, qtbot):
    from gdsim.nets.optimizer_layouts import LAYOUT, MAX_BALLS, NEEDS_CLOSURE
    from gdsim.nets.optimizer_needs import needs_of
    from gdsim.nets.torch_optimizers import UNSUPPORTED

    combo, popup = open_picker(gdsim_window, qtbot)
    shown = rows(popup)
    classes = {f"{module.__name__}.{name}" for module in (torch.optim, __import__("pytorch_optimizer"))
               for name, value in vars(module).items()
               if inspect.isclass(value) and issubclass(value, torch.optim.Optimizer)
               and value is not torch.optim.Optimizer and not name.startswith("_")}
    assert set(shown) == set(OPTIMIZERS) | classes
    for name in OPTIMIZERS:
        assert shown[name][1:] == ("one array", "")
    for name in classes:
        _title, layout, needs = shown[name]
        if name in UNSUPPORTED:
            assert (layout, needs) == ("", "cannot run"), name
            continue
        expected = ["closure"] if name in NEEDS_CLOSURE else []
        if needs_of(name).hessian:
            expected.append("Hessian")
        if LAYOUT[name] != "swarm":
            expected.append(f"at most {MAX_BALLS[LAYOUT[name]]:,} balls")
        assert (layout, needs) == (LAYOUT_WORDS[LAYOUT[name]], ", ".join(expected)), name
    # every class that can run is offered in the box as well, under the name a scenario writes
    runnable = [name for name in classes if name not in UNSUPPORTED]
    assert all(combo.findData(name) >= 0 for name in runnable)
    assert len(runnable) >= 120


def test_typing_filters_and_the_keyboard_picks(gdsim_window, qtbot):
    window = gdsim_window.window
    combo, popup = open_picker(gdsim_window, qtbot)
    search(qtbot, popup, "adam")
    names = list(rows(popup))
    assert names and all("adam" in name.lower() or "adam" in OPTIMIZERS.get(name, type).__name__.lower()
                         for name in names)
    assert {"adam", "adamw", "torch.optim.Adam", "pytorch_optimizer.AdamP"} <= set(names)
    search(qtbot, popup, "closure")
    from gdsim.nets.optimizer_layouts import NEEDS_CLOSURE

    runnable = {name for name, (_title, _layout, needs) in rows(popup).items() if needs != "cannot run"}
    assert runnable == set(NEEDS_CLOSURE)
    search(qtbot, popup, "tensor per ball lamb")
    assert list(rows(popup)) == ["pytorch_optimizer.Lamb"]
    search(qtbot, popup, "no such optimizer")
    assert rows(popup) == {} and popup.help_title.text() == "No optimizer matches"
    search(qtbot, popup, "sam")
    assert popup.current_name() == "pytorch_optimizer.SAM"  # the name typed, not the first that holds it
    qtbot.keyClick(popup.search, Qt.Key.Key_Down)
    assert popup.current_name() == "pytorch_optimizer.WSAM"
    qtbot.keyClick(popup.search, Qt.Key.Key_Up)
    run = window.session.selected
    with qtbot.waitSignal(window.session.command, timeout=5000) as sent:
        qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert sent.args == [SetOptimizer(run, "pytorch_optimizer.SAM", {})]
    assert not popup.isVisible()
    editor = window.runs_panel.editor.optimizer
    from pytorch_optimizer import SAM

    parameters = inspect.signature(SAM.__init__).parameters
    # listed from the committed table; its editors follow once the worker has loaded torch
    qtbot.waitUntil(lambda: editor.optimizer is not None, timeout=60_000)
    assert set(editor.editors) >= {"lr", "base", "rho", "adaptive"}
    assert all(name in parameters or name in ("lr", "base") for name in editor.editors)
    qtbot.waitUntil(lambda: window.session.caught_up, timeout=10_000)
    assert window.session.runs[run].optimizer == "pytorch_optimizer.SAM"


def test_the_help_is_the_docstrings_first_paragraph(gdsim_window, qtbot):
    _combo, popup = open_picker(gdsim_window, qtbot)
    for name, cls in (("torch.optim.Adam", torch.optim.Adam), ("torch.optim.LBFGS", torch.optim.LBFGS),
                      ("pytorch_optimizer.Lion", __import__("pytorch_optimizer").Lion)):
        popup.select(name)
        paragraph = " ".join(re.split(r"\n\s*\n", inspect.cleandoc(cls.__doc__), maxsplit=1)[0].split())
        assert popup.help_title.text() == name
        assert popup.help.text() == paragraph
    from gdsim.nets.torch_optimizers import UNSUPPORTED

    popup.select("pytorch_optimizer.DistributedMuon")  # one gdsim cannot run: it says why, as the table does
    assert popup.help_layout.text() == f"gdsim cannot run it: it {UNSUPPORTED['pytorch_optimizer.DistributedMuon']}."


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def test_picking_torch_adam_runs_as_a_bare_torch_loop(gdsim_window, qtbot):
    window = gdsim_window.window
    run = window.session.selected
    start = window.live.frame(run).positions[0].copy()
    _combo, popup = open_picker(gdsim_window, qtbot)
    search(qtbot, popup, "torch.optim.adam")
    assert popup.current_name() == "torch.optim.Adam"
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.caught_up, timeout=10_000)
    gdsim_window.set_hyper(0, "lr", 0.05)
    steps = 60
    gdsim_window.step(steps, timeout=30)
    # the oracle: torch.optim.Adam stepping the same start on Rosenbrock, gradients by autograd
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    adam = torch.optim.Adam([point], lr=0.05)
    for _ in range(steps):
        adam.zero_grad()
        rosenbrock(point).backward()
        adam.step()
    expected = point.detach().numpy()
    frame = window.live.frame(run)
    assert frame.step == steps
    np.testing.assert_allclose(frame.positions[0], expected, rtol=1e-12, atol=1e-14)
    loss = float(rosenbrock(point.detach()))
    shown = gdsim_window.shown()
    assert shown["readout"]["step"] == steps
    assert shown["readout"]["loss"] == pytest.approx(loss, rel=1e-4)
    row = next(r for r in shown["results"] if r["label"] == window.session.runs[run].label)
    assert row["steps"] == steps and row["final_loss"] == pytest.approx(loss, rel=1e-4)
    theta = re.search(r"^θ = .*= \(([^,]*), ([^)]*)\)$", window.readout.text(), re.MULTILINE)
    shown_theta = [shown_number(value) for value in theta.groups()]
    np.testing.assert_allclose(shown_theta, expected, rtol=1e-4)


def test_a_network_run_offers_the_same_choice(gdsim_window, qtbot, tmp_path):
    """On a network, the run editor's picker is the same; a class picked there trains the network as the
    engine does headless with that class named in the scenario."""
    import json

    from gdsim.session.simulate import simulate

    data = {"format": "gdsim.scenario", "version": 2, "seed": 3, "steps": 30,
            "problem": {"kind": "network", "data": {"name": "digits", "n": 300}, "model": {"name": "mlp",
                                                                                        "hidden": [8]}},
            "runs": [{"label": "net", "optimizer": "adam", "hyper": {"lr": 0.01}, "batch_size": 32}]}
    path = tmp_path / "digits.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    window = gdsim_window.window
    gdsim_window.open(path, timeout=60)
    _combo, popup = open_picker(gdsim_window, qtbot)
    search(qtbot, popup, "lion")
    assert popup.current_name() == "pytorch_optimizer.Lion"
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.caught_up, timeout=10_000)
    gdsim_window.set_hyper(0, "lr", 0.001)
    gdsim_window.play()
    gdsim_window._wait(lambda: window.snapshot.finished, 60, "the training to finish")
    gdsim_window.settle()
    data["runs"][0].update(optimizer="pytorch_optimizer.Lion", hyper={"lr": 0.001})
    expected = simulate(data)["runs"][0]
    trace = window.live.get(next(iter(window.session.runs)))
    np.testing.assert_array_equal(trace.loss[: trace.length], expected["loss"])


def test_another_version_than_the_tables_lists_live_in_the_worker(qtbot, monkeypatch):
    import gdsim.qt.panels.optimizer_picker as picker
    from gdsim.engine.optimizer_catalog import torch_catalog

    monkeypatch.setattr(picker, "committed_catalog", lambda: None)  # the installed versions are not the table's
    loader = picker.CatalogLoader()
    assert loader.groups is None and loader.entry("torch.optim.Adam") is None
    with qtbot.waitSignal(loader.loaded, timeout=60_000):
        loader.request()
    live = torch_catalog()
    assert {module: [entry.name for entry in entries] for module, entries in loader.groups.items()} == {
        module: [entry.name for entry in entries] for module, entries in live.items()}
    assert loader.declared and loader.entry("pytorch_optimizer.Lion").declaration is not None
