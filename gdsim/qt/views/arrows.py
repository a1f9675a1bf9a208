"""Arrows drawn as line segments (shaft and two barbs), many at once in one item."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

#: Barb length as a fraction of the arrow, and its angle to the shaft (radians).
HEAD = 0.3
HEAD_ANGLE = 0.45
#: Each barb's direction from the arrow's unit direction d (a row): d @ _BARBS[:, 2k:2k+2] is d
#: turned by ±HEAD_ANGLE and reversed (both barbs in one product).
_BARBS = -np.hstack([np.array([[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]]) for a in (HEAD_ANGLE, -HEAD_ANGLE)])


def arrow_segments(tails: np.ndarray, vectors: np.ndarray, length: float, half: float | None = None) -> np.ndarray:
    """Points (6M, 2) of M arrows along ``vectors``, for a curve item with connect='pairs'.

    Every arrow is ``length`` long, or, with ``half`` given, ``length * |v| / (|v| + half)``: long
    for a steep slope, half as long at ``|v| = half``, vanishing where the vector does (at a minimum).
    Zero or non-finite vectors give no arrow.
    """
    norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
    ok = np.isfinite(norms) & (norms > 0) & np.isfinite(tails).all(axis=1)
    if not ok.all():
        if not ok.any():
            return np.empty((0, 2))
        tails, vectors, norms = tails[ok], vectors[ok], norms[ok]
    direction = vectors / norms[:, None]
    if half is not None:
        length = length * (norms / (norms + half))[:, None]
    tip = tails + length * direction
    barbs = (direction @ _BARBS).reshape(-1, 2, 2) * (HEAD * np.reshape(length, (-1, 1, 1)))
    out = np.empty((len(tails), 6, 2))  # per arrow: tail, tip; tip, barb; tip, barb
    out[:, 0] = tails
    out[:, 1] = out[:, 2] = out[:, 4] = tip
    np.add(tip[:, None], barbs, out=out[:, 3::2])
    return out.reshape(-1, 2)


#: Up to this many points, a path is built point by point (pyqtgraph's conversion through a
#: buffer costs more for a tangent's 2 points or an arrow's 6).
FEW_POINTS = 16


def _pairs_path(points: np.ndarray) -> QPainterPath:
    """A path of the segments between points 0-1, 2-3, ... of ``points`` (K, 2)."""
    if len(points) > FEW_POINTS:
        return pg.arrayToQPath(np.ascontiguousarray(points[:, 0]), np.ascontiguousarray(points[:, 1]),
                               connect="pairs")
    path = QPainterPath()
    coordinates = points.tolist()
    for (x0, y0), (x1, y1) in zip(coordinates[0::2], coordinates[1::2], strict=False):
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
    return path


class SegmentsItem(QGraphicsPathItem):
    """Line segments (arrows from :func:`arrow_segments`, a tangent), as one path Qt strokes itself.

    A pyqtgraph curve item runs Python to paint and to say what it covers (a dozen times a frame,
    50 µs each); here the paint is Qt's own, and what the item covers is kept: the segments' extent
    and ``margin`` around it for the pen (data units: one for both axes, or (x, y)).
    """

    def __init__(self) -> None:
        super().__init__()
        self.margin: float | tuple[float, float] = 0.0
        self._rect = QRectF()
        self._points = np.empty((0, 2))

    def set_segments(self, points: np.ndarray) -> None:
        """Draw the segments between points 0-1, 2-3, ... of ``points`` (K, 2), all finite."""
        if not len(points) and not len(self._points):
            return
        self._points = points
        self.prepareGeometryChange()
        if len(points):
            path = _pairs_path(points)
            mx, my = self.margin if isinstance(self.margin, tuple) else (self.margin, self.margin)
            self._rect = path.boundingRect().adjusted(-mx, -my, mx, my)
        else:
            path, self._rect = QPainterPath(), QRectF()
        self.setPath(path)

    def points(self) -> np.ndarray:
        """The segments' points drawn (K, 2)."""
        return self._points

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - as pyqtgraph's curves
        """The points' x and y."""
        return self._points[:, 0], self._points[:, 1]

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect
