"""Axes that show plain numbers, and what an axis shows (for tests and the test driver).

pyqtgraph scales an axis's numbers by an SI prefix and says so in its label ("loss J (x1e-09)");
gdsim's ticks carry the magnitude themselves. ``AxisItem.enableAutoSIPrefix(False)`` cannot be
used to turn that off: it computes a prefix for the range of the moment and then keeps it, since
later range changes only update the prefix while it is enabled (a log loss axis spanning 1e12 was
labelled 10^12 too low from then on). ``PlainAxis`` never applies a prefix.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QWidget


class PlainAxis(pg.AxisItem):
    """An AxisItem whose numbers are never scaled by an SI prefix."""

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.autoSIPrefix = False
        self.updateAutoSIPrefix()

    def updateAutoSIPrefix(self) -> None:  # noqa: N802 - pyqtgraph override
        if self.autoSIPrefix:
            super().updateAutoSIPrefix()
        elif self.autoSIPrefixScale != 1.0 or self.labelUnitPrefix:
            self.autoSIPrefixScale = 1.0
            self.labelUnitPrefix = ""
            self._updateLabel()


def plain_axes(**axes: pg.AxisItem) -> dict[str, pg.AxisItem]:
    """``axisItems`` for a PlotItem: its shown axes (left and bottom), a PlainAxis where ``axes`` has none."""
    return {side: axes.get(side) or PlainAxis(side) for side in ("left", "bottom")}


def tick_labels(axis: pg.AxisItem) -> list[str]:
    """The non-empty tick labels ``axis`` draws for its current range and size, low to high."""
    low, high = sorted(axis.range)
    length = axis.size().height() if axis.orientation in ("left", "right") else axis.size().width()
    labelled: dict[float, str] = {}
    for spacing, values in axis.tickValues(low, high, max(length, 1.0)):
        shown = [v for v in values if low <= v <= high and round(v, 9) not in labelled]
        strings = axis.tickStrings(shown, axis.autoSIPrefixScale * axis.scale, spacing)
        labelled.update((round(v, 9), s) for v, s in zip(shown, strings, strict=True) if s)
    return [labelled[v] for v in sorted(labelled)]


#: The smallest point size :func:`fit_axis_label` shrinks a label to.
SMALLEST_LABEL_POINTS = 8.0


def tick_label_rects(axis: pg.AxisItem, widget: QWidget) -> list[tuple[str, QRectF]]:
    """Each tick label ``axis`` draws now and its rectangle in pixels of ``widget`` (the view showing it)."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        specs = axis.generateDrawSpecs(painter)
        metrics = QFontMetricsF(painter.font())
    finally:
        painter.end()
    if specs is None:
        return []
    view = widget if isinstance(widget, pg.GraphicsView) else widget.findChild(pg.GraphicsView)
    rects = []
    for laid_out, _flags, text in specs[2]:
        # pyqtgraph lays a label out in a box 0.8 of its text's height and centres the text on it:
        # the text itself reaches further
        rect = QRectF(laid_out)
        rect.setHeight(max(laid_out.height(), metrics.height()))
        rect.moveCenter(laid_out.center())
        scene = axis.mapRectToScene(rect)
        polygon = view.mapFromScene(scene)
        corner = view.viewport().mapTo(widget, polygon.boundingRect().topLeft()) if view is not widget \
            else polygon.boundingRect().topLeft()
        rects.append((text, QRectF(corner.toPointF(), polygon.boundingRect().size().toSizeF())))
    return rects


def axis_label_rect(axis: pg.AxisItem, widget: QWidget) -> QRectF:
    """The rectangle of ``axis``'s title (its text, without the blank margin around it) in pixels
    of ``widget`` (the view showing it)."""
    view = widget if isinstance(widget, pg.GraphicsView) else widget.findChild(pg.GraphicsView)
    margin = axis.label.document().documentMargin()  # blank room around the text, inside its bounds
    text = axis.label.boundingRect().adjusted(margin, margin, -margin, -margin)
    polygon = view.mapFromScene(axis.label.mapRectToScene(text)).boundingRect()
    corner = view.viewport().mapTo(widget, polygon.topLeft()) if view is not widget else polygon.topLeft()
    return QRectF(corner.toPointF(), polygon.size().toSizeF())


def fit_axis_label(axis: pg.AxisItem, texts: Sequence[str], points: float) -> None:
    """Title ``axis`` with the first of ``texts`` (the full title, then shorter ones) that fits its
    length at a font of at most ``points`` and at least SMALLEST_LABEL_POINTS, as large as fits (the
    last of them, at the smallest font, when none does).

    A rotated title longer than its axis runs past both ends of the plot and is clipped by the view
    (a short loss plot in presentation mode showed "loss J (lo").
    """
    length = axis.size().height() if axis.orientation in ("left", "right") else axis.size().width()
    font = QFont(axis.label.font())
    for text in texts:
        if axis.labelText != text:
            axis.labelText = text
            axis._updateLabel()
        size = points
        while True:
            font.setPointSizeF(size)
            axis.label.setFont(font)
            fits = axis.label.boundingRect().width() <= length
            if fits or size <= SMALLEST_LABEL_POINTS:
                break
            size = max(SMALLEST_LABEL_POINTS, size * 0.9)
        if fits:
            break
    axis.resizeEvent()


def end_label_room(plot: pg.PlotItem) -> None:
    """Room above ``plot`` for the half of its top tick label that overhangs the y axis, and below
    it for its x axis's title.

    A vertical axis's tick labels are centred on their ticks, so a tick at the very top of a plot
    with nothing above it (the loss plot has no title) had its label's top half cut off ("10²"
    read as "10⁻").
    """
    font = plot.getAxis("left").style["tickFont"] or QFont()
    half = int(np.ceil(QFontMetricsF(font).height() / 2)) + 1
    # pyqtgraph sizes a bottom axis for 0.8 of its title's height and moves the title 5 px down:
    # a large title (presentation mode) reached past the view's bottom edge
    title = plot.getAxis("bottom").label.boundingRect().height()
    below = max(1, int(np.ceil(0.2 * title)) - 3)
    left, top, right, _bottom = plot.layout.getContentsMargins()
    plot.layout.setContentsMargins(left, top if plot.titleLabel.isVisible() else half, right, below)
