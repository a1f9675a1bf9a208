"""Acting on the window as a person would: clicks and drags at data coordinates of a view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt


def view_point(view, x: float, y: float) -> QPoint:
    """The viewport pixel showing data point (x, y) in a LandscapeView or CurveView."""
    scene = view.view_box.mapViewToScene(QPointF(x, y))
    return view.plot_widget.mapFromScene(scene)


def click_at(qtbot, view, x: float, y: float, shift: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(view.watched, Qt.MouseButton.LeftButton, modifier, view_point(view, x, y))


def points_in(item) -> int:
    """How many points a PlotDataItem or PlotCurveItem holds (before clipping and downsampling)."""
    data = getattr(item, "xData", None)
    if data is None:
        data = item.getData()[0]
    return 0 if data is None else len(data)


def trail_points(view, run_id: int) -> int:
    """How many points run ``run_id``'s trail in a LandscapeView passes through."""
    return view.trails.point_count(run_id)


def on_screen(widget):
    """What the display shows of ``widget`` now, as a QImage (``widget.grab()`` paints the whole
    widget afresh, so it cannot tell whether the parts repainted frame by frame were the right
    ones); skips where the platform keeps no screen to read (offscreen)."""
    import pytest
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    corner = widget.mapToGlobal(QPoint(0, 0))
    image = widget.screen().grabWindow(0, corner.x(), corner.y(), widget.width(), widget.height()).toImage()
    if image.isNull() or QApplication.platformName() != "xcb":
        pytest.skip("the screen's pixels are read under X (xvfb-run) only")
    return image
