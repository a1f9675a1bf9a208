"""The problem panel: the catalog grouped by dimension, options, and the current problem shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gdsim.core.landscapes import LANDSCAPES, make_landscape
from gdsim.qt.panels import ProblemPanel
from gdsim.qt.panels.problem_panel import CUSTOM, DATA_KINDS, NAME_ROLE
from tests.qt.panels.test_hyper_editors import type_into


def make_panel(qtbot) -> ProblemPanel:
    panel = ProblemPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 400)
    panel.show()
    return panel


def test_the_catalog_lists_every_landscape_under_its_dimension(qtbot):
    panel = make_panel(qtbot)
    model = panel.catalog.model()
    rows = [(model.index(r, 0).data(), model.index(r, 0).data(NAME_ROLE), model.index(r, 1).data())
            for r in range(model.rowCount())]
    names = [name for _, name, _ in rows if name and name not in (CUSTOM, "network") and name not in DATA_KINDS]
    assert sorted(names) == sorted(LANDSCAPES)
    headers = [title for title, name, _ in rows if name is None]
    assert headers == ["1D curves", "2D surfaces", "Data", "Your own"]
    one_d = rows.index(next(r for r in rows if r[0] == "1D curves"))
    two_d = rows.index(next(r for r in rows if r[0] == "2D surfaces"))
    for index, (title, name, formula) in enumerate(rows):
        if name and name not in (CUSTOM, "network") and name not in DATA_KINDS:
            assert title == LANDSCAPES[name].title
            assert formula == make_landscape(name).formula
            assert (index > two_d) == (LANDSCAPES[name].dim == 2) and index > one_d
    assert not model.flags(model.index(one_d, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_picking_a_landscape_emits_its_spec(qtbot):
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        panel.pick("himmelblau")
    assert blocker.args == [{"kind": "landscape", "name": "himmelblau", "options": {}}]


def test_picking_from_the_popup_with_the_keyboard(qtbot):
    panel = make_panel(qtbot)
    panel.set_problem(make_landscape("bowl"), {"kind": "landscape", "name": "bowl"})
    panel.catalog.setFocus()
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        qtbot.keyClick(panel.catalog, Qt.Key.Key_Down)
    following = panel.catalog.itemData(panel.catalog.findData("bowl", NAME_ROLE) + 1, NAME_ROLE)
    assert blocker.args[0]["name"] == following


def test_a_landscape_option_is_editable_and_checked(qtbot):
    name = next(n for n, e in LANDSCAPES.items() if e.options)
    key, default = next(iter(LANDSCAPES[name].options.items()))
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        panel.pick(name)
    assert blocker.args == [{"kind": "landscape", "name": name, "options": dict(LANDSCAPES[name].options)}]
    field = panel.option_fields[key]
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        type_into(qtbot, field.edit, "25")
    assert blocker.args[0]["options"][key] == 25.0
    with qtbot.assertNotEmitted(panel.problem_requested, wait=100):
        type_into(qtbot, field.edit, "nan")
    assert field.error.isVisible()


def test_set_problem_shows_formula_and_minima_without_emitting(qtbot):
    panel = make_panel(qtbot)
    problem = make_landscape("himmelblau")
    with qtbot.assertNotEmitted(panel.problem_requested, wait=50):
        panel.set_problem(problem, {"kind": "landscape", "name": "himmelblau", "options": {}})
    assert panel.current_name() == "himmelblau"
    assert panel.formula.text() == f"J(x, y) = {problem.formula}"
    lines = panel.minima.text().splitlines()
    assert lines[0] == "Known minima:"
    assert len(lines) == 1 + len(problem.minima)
    assert lines[1:3] == ["(3, 2)  J = 0", "(−2.805, 3.131)  J = 0"]


def test_a_problem_outside_the_catalog_is_named_not_mislabelled(qtbot, data_problem):
    panel = make_panel(qtbot)
    panel.set_problem(data_problem, {"kind": "unlisted", "model": "mlp"})  # a kind the catalog does not list
    assert panel.catalog.currentIndex() == -1
    assert panel.catalog.placeholderText() == "Line fit"
    assert panel.formula.text() == "J(w, b) = mean (w·x + b − y)²"
    assert not panel.option_fields
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        panel.pick("bowl")
    assert blocker.args[0]["name"] == "bowl"
