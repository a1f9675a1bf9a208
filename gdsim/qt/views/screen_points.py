"""Where a plot's data and data area land on its widget, in pixels: for what is drawn over a view
(the caption layer sits in the data area, clear of the balls)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget


def widget_points(plot_widget: pg.PlotWidget, view_box: pg.ViewBox, widget: QWidget,
                  points: np.ndarray) -> np.ndarray:
    """Data points (K, 2) of ``view_box`` as pixels (K, 2) of ``widget`` (an ancestor of ``plot_widget``).

    One affine map for all points (the view box's data-to-scene transform, then the plot
    widget's scene-to-viewport transform, then the viewport's offset in ``widget``), so a swarm of
    thousands costs one NumPy product. Non-finite points are dropped.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    points = points[np.isfinite(points).all(axis=1)]
    t = view_box.childTransform() * view_box.sceneTransform() * plot_widget.viewportTransform()
    offset = plot_widget.viewport().mapTo(widget, QPoint(0, 0))
    x = t.m11() * points[:, 0] + t.m21() * points[:, 1] + t.dx() + offset.x()
    y = t.m12() * points[:, 0] + t.m22() * points[:, 1] + t.dy() + offset.y()
    return np.column_stack([x, y])


def widget_rect(plot_widget: pg.PlotWidget, view_box: pg.ViewBox, widget: QWidget) -> QRect:
    """The area ``view_box`` draws its data in, in pixels of ``widget`` (an ancestor of ``plot_widget``)."""
    area = plot_widget.mapFromScene(view_box.sceneBoundingRect()).boundingRect()
    return area.translated(plot_widget.viewport().mapTo(widget, QPoint(0, 0)))


def item_rects(plot_widget: pg.PlotWidget, widget: QWidget, items) -> list[QRect]:
    """Where the shown text ``items`` (TextItems or NoteItems of ``plot_widget``'s scene: a view's notes)
    are written, in pixels of ``widget`` (an ancestor of ``plot_widget``); an empty one is not there."""
    offset = plot_widget.viewport().mapTo(widget, QPoint(0, 0))
    return [plot_widget.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(offset)
            for item in items if item.isVisible() and item.toPlainText()]


def scatter_points(scatter: pg.ScatterPlotItem) -> np.ndarray:
    """A shown scatter's points (K, 2) in data coordinates (none when it is hidden)."""
    if not scatter.isVisible():
        return np.empty((0, 2))
    x, y = scatter.getData()
    return np.column_stack([x, y]) if x is not None else np.empty((0, 2))
