"""The lesson panel's text: formulas typed as plain text written readably, every lesson rendered in
both languages, and the scenario's choice of views."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QTextDocument

from gdsim.core.data_problems import build_regression_problem
from gdsim.core.grid import landscape_grid
from gdsim.qt.panels.lesson_text import formula_html, rich_text
from gdsim.qt.scenario_files import LESSONS_DIR
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.protocol import views_for
from tests.qt.views.fakes import picture_of


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


@pytest.mark.parametrize(("typed", "written"), [
    ("J(w) = w^2", "J(w) = w<sup>2</sup>"),
    ("x^(t+1) <= x^t", "x<sup>t+1</sup> ≤ x<sup>t</sup>"),
    ("g/(sqrt(s) + 1e-8)", "g/(√(s) + 10<sup>−8</sup>)"),
    ("2.5e3 steps, x^-2", "2.5·10<sup>3</sup> steps, x<sup>−2</sup>"),
    ("x_1 + w_j", "x<sub>1</sub> + w<sub>j</sub>"),
    ("lr * g and 2*x", "lr·g and 2·x"),
    ("a < b & c -> d", "a &lt; b &amp; c → d"),
    ("w² − lr·2w, 10⁻⁴", "w² − lr·2w, 10⁻⁴"),  # already written: unchanged
])
def test_formulas_typed_as_text_are_written_readably(typed, written):
    assert formula_html(typed) == written


def test_markup_in_a_lesson_is_shown_not_obeyed(qapp):
    assert plain(rich_text("<b>bold</b>", "<script>x</script>\n\nsecond")) == "<b>bold</b>\n<script>x</script>\nsecond"


@pytest.mark.parametrize("path", sorted(LESSONS_DIR.glob("*.json")), ids=lambda p: p.name[:2])
def test_every_lesson_renders_in_both_languages(qapp, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    for language in ("en", "zh"):
        shown = plain(rich_text(data["title"][language], data["description"][language]))
        assert shown.startswith(data["title"][language])
        assert "^" not in shown and "sqrt(" not in shown and "<=" not in shown
        assert len(shown) > len(data["description"][language]) * 0.9  # nothing lost


def test_a_scenario_s_view_list_narrows_the_views_and_keeps_one_main_view():
    one_feature = build_regression_problem({"data": {"x": [1, 2, 3, 4], "y": [3, 5, 7, 9]}, "bias": True})
    picture = make_picture(one_feature, landscape_grid(one_feature))
    keys = lambda requested: {cls.key for cls in views_for(picture, requested)}  # noqa: E731
    assert keys(None) == {"2d", "3d", "data"}
    assert keys(["2d"]) == {"2d"}
    assert keys(["data"]) == {"2d", "data"}  # a main view is always shown
    assert keys(["3d", "data"]) == {"3d", "data"}
    assert keys(["cube", "data"]) == {"2d", "data"}  # a view not registered here is ignored
    assert [cls.key for cls in views_for(picture_of("x_squared"), ["2d"])] == ["1d"]  # one that does not apply too
