"""Views are built when a problem first needs them, in the looks the window has then."""

from __future__ import annotations

from gdsim.qt.views.curve_1d import CurveView
from gdsim.qt.views.landscape_2d import LandscapeView
from gdsim.qt.views.style import PRESENTATION_SCALE
from tests.qt.conftest import racing_scenario


def test_a_view_is_built_when_a_problem_first_needs_it_in_the_current_looks(make_window, qtbot):
    window = make_window(racing_scenario())
    assert [type(view) for view in window.views.built()] == [LandscapeView]  # no 1D nor data view yet
    assert window.views.get_built("1d") is None and set(window.views) >= {"1d", "2d", "data"}
    window.session.set_options(presentation=True, gradient_arrows=False)
    window.problem_panel.problem_requested.emit({"kind": "landscape", "name": "x_squared"})
    qtbot.waitUntil(lambda: window.problem.name == "x_squared", timeout=10_000)
    curve = window.views.get_built("1d")
    assert isinstance(curve, CurveView) and window.main_views.currentWidget() is curve
    assert curve.style.scale == PRESENTATION_SCALE and curve.show_gradient is False
    assert window.views["1d"] is curve  # built once
    window.session.set_options(presentation=False)
    assert curve.style.scale == window.views["2d"].style.scale == 1.0
