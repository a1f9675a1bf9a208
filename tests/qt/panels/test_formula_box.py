"""The custom formula box: live checks with the column, a debounced request, recent formulas kept."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from gdsim.qt.panels import ProblemPanel
from gdsim.qt.panels.formula_box import RECENT_KEY, FormulaBox
from gdsim.qt.panels.problem_panel import CUSTOM
from tests.qt.panels.test_hyper_editors import type_into


def custom_panel(qtbot) -> ProblemPanel:
    panel = ProblemPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.pick(CUSTOM)
    assert panel.formula_box.isVisible()
    return panel


def test_a_valid_formula_is_requested_once_typing_pauses(qtbot):
    panel = custom_panel(qtbot)
    edit = panel.formula_box.box.lineEdit()
    edit.setFocus()
    with qtbot.waitSignal(panel.problem_requested, timeout=2000) as blocker:
        qtbot.keyClicks(edit, "x^2 + 3*y^2")
    assert blocker.args == [{"kind": "expression", "expr": "x^2 + 3*y^2", "domain": [[-3.0, 3.0], [-3.0, 3.0]]}]
    assert panel.formula_box.reading.text() == "J = x² + 3y²"


def test_a_mistake_is_shown_with_its_column_and_not_requested(qtbot):
    panel = custom_panel(qtbot)
    edit = panel.formula_box.box.lineEdit()
    edit.setFocus()
    with qtbot.assertNotEmitted(panel.problem_requested, wait=800):
        qtbot.keyClicks(edit, "x^2 + 2y")
    assert panel.formula_box.error.isVisible()
    assert "column 8" in panel.formula_box.error.text()


def test_a_one_variable_formula_has_one_range(qtbot):
    panel = custom_panel(qtbot)
    box = panel.formula_box
    box.box.lineEdit().setFocus()
    with qtbot.waitSignal(panel.problem_requested, timeout=2000):
        qtbot.keyClicks(box.box.lineEdit(), "x^4 - x^2")
    assert list(box.domain) == ["x"]
    with qtbot.waitSignal(panel.problem_requested, timeout=2000) as blocker:
        type_into(qtbot, box.domain["x"][1].edit, "5")
    assert blocker.args[0]["domain"] == [[-3.0, 5.0]]
    with qtbot.assertNotEmitted(panel.problem_requested, wait=100):
        type_into(qtbot, box.domain["x"][0].edit, "6")
    assert "from < to" in box.domain["x"][0].error.text()


def test_formulas_used_are_remembered_in_the_temporary_settings(qtbot, settings_folder):
    panel = custom_panel(qtbot)
    edit = panel.formula_box.box.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, "sin(x)*cos(y)")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert QSettings().value(RECENT_KEY) == ["sin(x)*cos(y)"]
    assert str(settings_folder) in QSettings().fileName()
    again = FormulaBox()
    qtbot.addWidget(again)
    assert [again.box.itemText(i) for i in range(again.box.count())] == ["sin(x)*cos(y)"]


def test_set_problem_shows_a_typed_formula(qtbot, rosenbrock):
    panel = ProblemPanel()
    qtbot.addWidget(panel)
    spec = {"kind": "expression", "expr": "x^2 + y^2", "domain": [[-2, 2], [-1, 1]]}
    with qtbot.assertNotEmitted(panel.problem_requested, wait=50):
        panel.set_problem(rosenbrock, spec)
    assert panel.current_name() == CUSTOM
    assert panel.formula_box.text() == "x^2 + y^2"
    assert panel.formula_box.domain["y"][0].edit.text() == "−1"
