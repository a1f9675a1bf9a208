"""Every data problem reachable from the Problem picker: the lessons' data sets, generated data, a CSV
file of one's own (refused naming row and column), the options as toggles; and in the window, the
problem built and the data view beside the landscape."""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtCore import Qt

from gdsim.core.datasets import generated
from gdsim.core.schedules import SCHEDULE_PARAMS
from gdsim.qt.panels import ProblemPanel
from gdsim.qt.panels.data_picker import CSV_FILE, GENERATED
from gdsim.qt.panels.param_label import param_label
from gdsim.qt.scenario_files import LESSONS_DIR
from tests.qt.conftest import racing_scenario
from tests.qt.panels.test_hyper_editors import type_into


def lesson_problems(kind: str) -> list[dict]:
    problems = []
    for path in sorted(LESSONS_DIR.glob("*.json")):
        problem = json.loads(path.read_text(encoding="utf-8"))["problem"]
        if problem["kind"] == kind and problem["data"] not in [p["data"] for p in problems]:
            problems.append(problem)
    return problems


def make_panel(qtbot) -> ProblemPanel:
    panel = ProblemPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 600)
    panel.show()
    return panel


def test_the_data_rows_offer_every_lesson_s_data_set_then_generated_data_and_a_csv_file(qtbot):
    panel = make_panel(qtbot)
    picker = panel.data_picker
    for kind in ("regression", "classification"):
        expected = lesson_problems(kind)
        with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
            panel.pick(kind)
        assert picker.isVisible() and blocker.args[0] == expected[0]
        choices = [picker.data_set.itemData(i) for i in range(picker.data_set.count())]
        assert len(choices) == len(expected) + 2 and choices[-2:] == [GENERATED, CSV_FILE]
        with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
            picker.data_set.activated.emit(len(expected) - 1)
        assert blocker.args[0] == expected[-1]


def test_generated_data_with_size_noise_and_seed_and_the_options_as_toggles(qtbot):
    panel = make_panel(qtbot)
    picker = panel.data_picker
    panel.pick("regression")
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        picker.data_set.activated.emit(picker.data_set.findData(GENERATED))
    assert blocker.args[0]["data"]["generate"] == "linear"
    for name, text in (("n", "30"), ("noise", "0.5"), ("seed", "7")):
        with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
            type_into(qtbot, picker.generated_fields[name][1].edit, text)
    data = blocker.args[0]["data"]
    assert (data["n"], data["noise"], data["seed"]) == (30, 0.5, 7)
    x, y = generated(data, "linear")
    reference = np.random.default_rng(7)  # the documented draws: n standard normals after linspace x
    np.testing.assert_allclose(y, 2 * np.linspace(1, 5, 30) + 1 + 0.5 * reference.standard_normal(30))
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        picker.option_editors["standardize"][1].click()
    assert blocker.args[0]["standardize"] is True and blocker.args[0]["data"] == data
    with qtbot.waitSignal(panel.problem_requested, timeout=1000) as blocker:
        type_into(qtbot, picker.option_editors["l2"][1].edit, "0.25")
    assert blocker.args[0]["l2"] == 0.25 and blocker.args[0]["standardize"] is True
    loss = picker.option_editors["loss"][1]
    assert [loss.itemData(i) for i in range(loss.count())] == ["mse", "half_mse"]
    assert loss.itemText(1).startswith("half_mse · ")


def test_a_csv_file_becomes_the_data_or_is_refused_naming_row_and_column(qtbot, tmp_path):
    panel = make_panel(qtbot)
    picker = panel.data_picker
    panel.pick("classification")
    bad = tmp_path / "bad.csv"
    bad.write_text("hours,passed\n1,0\n2,1\n3,maybe\n")
    picker.read_csv(bad)
    qtbot.waitUntil(lambda: picker.message.isVisible(), timeout=5000)
    assert "row 4, column 2 of bad.csv" in picker.message.text()
    good = tmp_path / "good.csv"
    good.write_text("hours,passed\n1,0\n2,0\n3,1\n4,0\n5,1\n")
    with qtbot.waitSignal(panel.problem_requested, timeout=5000) as blocker:
        picker.read_csv(good)
    table = np.loadtxt(good, delimiter=",", skiprows=1)
    assert blocker.args[0]["data"] == {"x": list(table[:, 0]), "y": list(table[:, 1])}
    assert blocker.args[0]["kind"] == "classification" and not picker.message.isVisible()
    assert picker.data_set.currentData() == CSV_FILE


def test_raw_torch_names_keep_their_names_with_a_readable_label():
    cosine = {p.name: p for p in SCHEDULE_PARAMS["cosine_annealing_lr"][1]}
    assert param_label(cosine["T_max"]) == "T_max · period"
    assert param_label(cosine["eta_min"]).startswith("eta_min · ")


def test_in_the_window_a_picked_data_problem_runs_with_its_data_view_beside(make_window, qtbot):
    window = make_window(racing_scenario())
    picker = window.problem_panel.data_picker
    loads = window.loads
    window.problem_panel.pick("classification")
    qtbot.waitUntil(lambda: window.loads > loads, timeout=15_000)
    assert window.views["data"].isVisible() and window.main_views.currentWidget() is window.views["2d"]
    loads = window.loads
    picker.data_set.activated.emit(picker.data_set.findData(GENERATED))
    qtbot.waitUntil(lambda: window.loads > loads, timeout=15_000)
    loads = window.loads
    type_into(qtbot, picker.generated_fields["n"][1].edit, "40")
    qtbot.waitUntil(lambda: window.loads > loads, timeout=15_000)
    assert window.problem.n_samples == 40 and window.session.base.problem["data"]["n"] == 40
    assert picker.generated_fields["n"][1].isVisible()
    assert window.problem_panel.catalog.currentData(Qt.ItemDataRole.UserRole) == "classification"
