"""The runs list: add, duplicate, remove, rename, recolour, show/hide and selection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from gdsim.engine.commands import AddRun, RemoveRun, SetHyper, SetRunOption
from gdsim.engine.spec import OKABE_ITO, RunSpec
from tests.qt.panels.conftest import RUN_IDS, SPECS, acknowledge


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_the_list_shows_every_run_and_selects_the_first(runs_panel):
    assert [runs_panel.list.item(i).text() for i in range(runs_panel.list.count())] == ["Slow", "Fast"]
    assert runs_panel.selected_run() == 0
    assert runs_panel.editor.name.text() == "Slow"


def test_add_uses_the_next_okabe_ito_colour_and_selects_the_new_run(qtbot, runs_panel, rosenbrock):
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        click(qtbot, runs_panel.add_button)
    assert blocker.args == [AddRun(RunSpec(label="Run 1", color=OKABE_ITO[2]))]
    with qtbot.waitSignal(runs_panel.session.selected_changed, timeout=1000) as selected:
        acknowledge(runs_panel, [*RUN_IDS, 7], [*SPECS, blocker.args[0].spec], rosenbrock)
    assert selected.args == [7]
    assert runs_panel.editor.name.text() == "Run 1"


def test_duplicate_copies_the_selected_run_with_its_own_colour(qtbot, runs_panel):
    runs_panel.select(3)
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        click(qtbot, runs_panel.duplicate_button)
    assert blocker.args == [AddRun(SPECS[1].with_changes(label="Fast copy", color=OKABE_ITO[2]))]


def test_remove_emits_and_the_selection_moves_to_a_neighbour(qtbot, runs_panel, rosenbrock):
    runs_panel.select(3)
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        click(qtbot, runs_panel.remove_button)
    assert blocker.args == [RemoveRun(3)]
    with qtbot.waitSignal(runs_panel.session.selected_changed, timeout=1000) as selected:
        acknowledge(runs_panel, [0], [SPECS[0]], rosenbrock)
    assert selected.args == [0]
    acknowledge(runs_panel, [], [], rosenbrock)
    assert not runs_panel.remove_button.isEnabled()
    assert not runs_panel.editor.isEnabled()


def test_rename_in_the_editor(qtbot, runs_panel):
    runs_panel.editor.name.setFocus()
    runs_panel.editor.name.selectAll()
    qtbot.keyClicks(runs_panel.editor.name, "Plain SGD")
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        qtbot.keyClick(runs_panel.editor.name, Qt.Key.Key_Return)
    assert blocker.args == [SetRunOption(0, "label", "Plain SGD")]


def test_rename_in_the_list(qtbot, runs_panel):
    item = runs_panel.list.item(1)
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        item.setText("Adam 0.05")
    assert blocker.args == [SetRunOption(3, "label", "Adam 0.05")]


def test_recolour_through_the_colour_dialog(qtbot, runs_panel, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *args, **kwargs: QColor("#56b4e9")))
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        click(qtbot, runs_panel.editor.colour)
    assert blocker.args == [SetRunOption(0, "color", "#56B4E9")]


def test_cancelling_the_colour_dialog_changes_nothing(qtbot, runs_panel, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *args, **kwargs: QColor()))
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        click(qtbot, runs_panel.editor.colour)


def test_hide_with_the_check_box(qtbot, runs_panel):
    item = runs_panel.list.item(1)
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        item.setCheckState(Qt.CheckState.Unchecked)
    assert blocker.args == [SetRunOption(3, "visible", False)]


def test_clicking_a_run_selects_it(qtbot, runs_panel):
    rect = runs_panel.list.visualItemRect(runs_panel.list.item(1))
    with qtbot.waitSignal(runs_panel.session.selected_changed, timeout=1000) as blocker:
        qtbot.mouseClick(runs_panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [3]
    assert runs_panel.editor.optimizer.combo.currentText() == "Adam"


def test_selection_and_typing_survive_engine_updates(qtbot, runs_panel, rosenbrock):
    runs_panel.select(3)
    field = runs_panel.editor.optimizer.editors["lr"].field.edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "0.0")
    acknowledge(runs_panel, list(RUN_IDS), list(SPECS), rosenbrock)
    assert runs_panel.selected_run() == 3
    assert field.text() == "0.0"
    qtbot.keyClicks(field, "2")
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == [SetHyper(3, "lr", 0.02)]


def test_values_changed_elsewhere_are_shown(runs_panel, rosenbrock):
    specs = [SPECS[0].with_changes(hyper={"lr": 0.3}, label="Renamed"), SPECS[1]]
    acknowledge(runs_panel, list(RUN_IDS), specs, rosenbrock)
    assert runs_panel.editor.optimizer.editors["lr"].field.edit.text() == "0.3"
    assert runs_panel.list.item(0).text() == "Renamed"


def test_enter_in_an_untouched_field_sends_nothing(qtbot, runs_panel, rosenbrock):
    acknowledge(runs_panel, list(RUN_IDS), [SPECS[0].with_changes(hyper={"lr": 1 / 3}), SPECS[1]], rosenbrock)
    field = runs_panel.editor.optimizer.editors["lr"].field.edit
    field.setFocus()
    with qtbot.assertNotEmitted(runs_panel.session.command, wait=100):
        qtbot.keyClick(field, Qt.Key.Key_Return)


def test_items_say_what_they_run_and_hidden_runs_are_dimmed(runs_panel, rosenbrock):
    assert runs_panel.list.item(1).toolTip() == "Adam, lr = 0.05, default start"
    specs = [SPECS[0].with_changes(visible=False, start=(1.0, -0.5)), SPECS[1]]
    acknowledge(runs_panel, list(RUN_IDS), specs, rosenbrock)
    item = runs_panel.list.item(0)
    assert item.toolTip() == "SGD, lr = 0.001, start (1, −0.5) (hidden)"
    assert item.checkState() == Qt.CheckState.Unchecked
    assert item.foreground().color() != runs_panel.list.item(1).foreground().color()


def test_the_editor_hides_when_there_is_no_run(runs_panel, rosenbrock):
    acknowledge(runs_panel, [], [], rosenbrock)
    assert runs_panel.editor.isHidden()
    acknowledge(runs_panel, list(RUN_IDS), list(SPECS), rosenbrock)
    assert not runs_panel.editor.isHidden()
