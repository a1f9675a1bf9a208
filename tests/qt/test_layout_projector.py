"""The window at a projector: nothing clipped, nothing crowded out, at 1280x720 and 1400x900.

Checked on the drawn items' geometry (what pyqtgraph paints, mapped to the pixels of the widget that
shows it), not on screenshots: every tick label and axis title of the loss plot inside its view, the
1D view's slope note inside the view, the landscape's axes not stretched by a narrow view, and the
main views keeping a fair share of the window in presentation mode.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from gdsim.qt.scenario_files import LESSONS_DIR
from gdsim.qt.views.axes import axis_label_rect, tick_label_rects

LESSON_01 = next(LESSONS_DIR.glob("01_*.json"))
LESSON_09 = next(LESSONS_DIR.glob("09_*.json"))
LESSON_14 = next(LESSONS_DIR.glob("14_*.json"))
SIZES = [(1280, 720), (1400, 900)]
#: In presentation mode at 1280x720 the main view's data area is at least this share of the window.
MAIN_PLOT_SHARE = 0.08
#: A caption covers at most this share of the main view's data area.
CAPTION_SHARE = 1 / 3


def fit_window(driver, size: tuple[int, int]) -> None:
    window = driver.window
    screen = window.screen().availableGeometry()
    if size[0] > screen.width() or size[1] > screen.height():
        pytest.skip(f"the screen ({screen.width()}x{screen.height()}) is smaller than {size}")
    window.resize(*size)
    driver.settle(5)


def inside(rect: QRectF, box: QRectF, slack: float = 0.5) -> bool:
    return box.adjusted(-slack, -slack, slack, slack).contains(rect)


def assert_loss_plot_whole(window) -> None:
    """Every tick label and the title of the loss plot's y and x axes lie inside the view showing them."""
    loss = window.loss_plot
    tab = loss.tabs.currentIndex()
    plot = loss.plots[tab]
    view = loss.tabs.widget(tab)
    box = QRectF(view.viewport().rect())
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        labels = tick_label_rects(axis, view)
        assert labels, f"the {side} axis draws no numbers"
        for text, rect in labels:
            assert inside(rect, box), f"{side} tick {text!r} at {rect} outside the loss plot {box}"
        shown = [(text, rect) for text, rect in labels if text]
        for (text, rect), (other, other_rect) in zip(shown, shown[1:], strict=False):
            overlap = rect.intersected(other_rect)
            assert overlap.width() < 1 or overlap.height() < 1, f"{side} ticks {text!r} and {other!r} overlap"
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        title = axis_label_rect(axis, view)
        assert inside(title, box), f"{side} axis title {axis.labelText!r} at {title} outside {box}"


@pytest.mark.parametrize("size", SIZES, ids=["1280x720", "1400x900"])
def test_a_1d_lesson_shows_every_label_whole_in_both_modes(gdsim_window, size):
    driver = gdsim_window
    fit_window(driver, size)
    driver.open(LESSON_01)
    driver.step(9)
    window = driver.window
    view = window.views["1d"]
    for presentation in (True, False):
        driver.set_presentation(presentation)
        driver.settle(10)
        assert_loss_plot_whole(window)
        note = view.slope_text
        assert "next step goes" in note.toPlainText()
        rect = view.view_box.mapRectFromScene(note.mapRectToScene(note.boundingRect()))
        area = view.view_box.rect()
        assert inside(rect, area, slack=1.0), f"the slope note {rect} leaves the view {area}"


def test_presentation_at_1280x720_leaves_the_main_view_room(gdsim_window):
    """Lesson 09 (the landscape beside the data): the landscape's plot keeps its share of the window,
    the caption covers at most a third of it, and the loss plot's labels are whole."""
    driver = gdsim_window
    fit_window(driver, (1280, 720))
    driver.open(LESSON_09)
    driver.set_presentation(True)
    driver.settle(10)
    window = driver.window
    view = window.views["2d"]
    area = view.plot_rect(window)
    share = area.width() * area.height() / (window.width() * window.height())
    assert share >= MAIN_PLOT_SHARE, f"the landscape's plot is {share:.0%} of the window"
    assert area.height() >= 0.4 * window.height(), area
    captions = window.captions
    assert captions.isVisible() and captions.text
    host = captions.parentWidget()
    box, data = captions.geometry(), view.plot_rect(host)
    covered = box.intersected(data)
    assert covered.width() * covered.height() <= CAPTION_SHARE * data.width() * data.height(), (box, data)
    assert data.contains(box), (box, data)
    assert host.rect().contains(box), (box, host.rect())
    assert_loss_plot_whole(window)


def test_a_narrow_landscape_fills_its_view_rather_than_keeping_equal_axes(qtbot):
    """The 2D half of a split at 1280x720 is narrow: its y range stays near the domain's rather than
    the equal scales showing the landscape as a strip; a view of about the domain's shape keeps them."""
    from PySide6.QtWidgets import QApplication

    from gdsim.core.landscapes import make_landscape
    from gdsim.qt.views.landscape_2d import LandscapeView
    from tests.qt.views.fakes import picture_of

    problem = make_landscape("many_valleys")
    view = LandscapeView()
    qtbot.addWidget(view)
    view.resize(300, 560)
    view.show()
    qtbot.waitExposed(view)
    view.set_problem(picture_of("many_valleys"))
    box = view.view_box
    (dx0, dx1), (dy0, dy1) = problem.domain
    for size, equal in (((300, 560), False), ((640, 560), True), ((300, 560), False)):
        view.resize(*size)
        for _ in range(5):
            QApplication.processEvents()
        (x0, x1), (y0, y1) = box.viewRange()
        assert x0 <= dx0 and dx1 <= x1 and y0 <= dy0 and dy1 <= y1, size
        assert (box.state["aspectLocked"] is not False) == equal, size
        if not equal:
            assert (y1 - y0) <= 1.1 * (dy1 - dy0), ((y0, y1), (dy0, dy1))


def test_a_caption_goes_to_a_corner_when_top_and_bottom_both_cover_a_ball(qtbot):
    """Balls under the middle of the top and of the bottom of the view: the caption covers none."""
    import numpy as np
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    from gdsim.qt.captions import CaptionOverlay

    host = QWidget()
    qtbot.addWidget(host)
    host.resize(800, 500)
    host.show()
    qtbot.waitExposed(host)
    overlay = CaptionOverlay(host)
    text = "Four starts, four different minima; among the random restarts the deepest wins."
    overlay.set_captions([{"from_step": 0, "to_step": 10, "text": {"en": text}}], "en")
    area = QRect(60, 20, 700, 420)
    balls = np.array([[400.0, 60.0], [420.0, 400.0]])  # under the top box and the bottom one
    overlay.show_at(3, balls, area)
    box = overlay.geometry()
    assert overlay.isVisible() and overlay.place not in ("top", "bottom"), overlay.place
    assert area.contains(box), (box, area)
    for x, y in balls:  # every ball well clear of the box (a ball's radius and a gap)
        dx = max(box.left() - x, 0, x - box.right())
        dy = max(box.top() - y, 0, y - box.bottom())
        assert np.hypot(dx, dy) > 16, ((x, y), box)
