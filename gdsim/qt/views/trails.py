"""Every run's trail in one layer: what is final is stroked once into an image, only the newest is redrawn.

Qt strokes an antialiased line wider than one pixel many times slower than a thin one, and a trail
grows by a few points per frame. So the trails share one transparent image the size of the view
(the layer): the points of a trail that will not change are stroked into it once, a few dozen at a
time, and a paint is one blit of the layer plus each trail's newest points, the moving end among
them (one stroke per trail and frame instead of two). The layer is stroked again from scratch only
when the view's scale or size changes or a trail starts over; a long trail thinned further (every
2k-th point instead of every k-th) is the same line and keeps what the layer holds of it (stroking
8 thinned trails again took 42 ms, a stall at each doubling). Painting anywhere but a view's
viewport (an SVG or image export) strokes every trail as vectors. The loss plot draws its growing
curves the same way (with gaps where a value is not finite).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsObject

#: Trails longer than this are drawn through every k-th point (the view has fewer pixels).
TRAIL_POINTS = 4000
#: A trail's final points are stroked into the layer once this many wait (until then, every paint
#: draws them with the moving end).
STROKE_AT = 32


def thinned(path: np.ndarray, most: int = TRAIL_POINTS) -> tuple[np.ndarray, int]:
    """``path`` (K, 2) through at most about ``most`` points (every k-th, and the last), and k.

    The stride k doubles as the path outgrows ``most``, so between doublings the thinned path only
    grows at its end (its last point aside), and a trail can be drawn by appending.
    """
    stride = 1
    while len(path) > most * stride:
        stride *= 2
    if stride == 1:
        return path, 1
    return np.concatenate([path[::stride], path[-1:]]), stride


class Thinning:
    """:func:`thinned` of a path that grows, brought up to date from the rows new since the last call
    (thinning a long trail anew took 25-35 µs a run and frame).

    The array returned is a view into a buffer the next call rewrites.
    """

    def __init__(self, most: int = TRAIL_POINTS) -> None:
        self.most = most
        self._key: object = None
        self._buffer = np.empty((0, 2))
        self._stride = 1
        self._rows = 0  # rows of the path read
        self._count = 0  # rows 0, stride, 2·stride, ... of the path in the buffer

    def update(self, path: np.ndarray, key: object) -> tuple[np.ndarray, int]:
        """``thinned(path)``, for a path whose rows stay as they were while ``key`` does (but the
        last row read, which may have changed)."""
        n = len(path)
        if key != self._key or n < self._rows:
            self._key, self._stride, self._count = key, 1, 0
        self._rows, old = n, self._stride
        stride = old
        while n > self.most * stride:
            stride *= 2
        if stride == 1:
            return path, 1
        if stride != old:  # thinned further: the rows kept so far that are on the new stride
            kept = (self._count - 1) // (stride // old) + 1 if self._count else 0
            self._buffer[:kept] = self._buffer[: self._count : stride // old].copy()
            self._count, self._stride = kept, stride
        sampled = -(-n // stride)  # rows 0, stride, ... below n
        if len(self._buffer) < sampled + 1:
            grown = np.empty((2 * self.most + 2, path.shape[1]))
            grown[: self._count] = self._buffer[: self._count]
            self._buffer = grown
        first = max(0, self._count - 1)  # the last row kept may have been the last row read
        self._buffer[first:sampled] = path[first * stride : n : stride]
        self._buffer[sampled] = path[n - 1]
        self._count = sampled
        return self._buffer[: sampled + 1], stride


def move_points(scatter: pg.ScatterPlotItem, positions: np.ndarray) -> None:
    """Move a scatter's points (same number, same looks) without rebuilding it.

    ``setData`` rebuilds every point's style key in a Python loop (tens of milliseconds for 10,000
    balls); while a swarm runs only positions change, so they are written into the item's point
    table and its cached bounds dropped, as ``setData`` itself does after adding points.
    """
    scatter.data["x"] = positions[:, 0]
    scatter.data["y"] = positions[:, 1]
    scatter.prepareGeometryChange()
    scatter.informViewBoundsChanged()
    scatter.bounds = [None, None]
    scatter.invalidate()


class _Trail:
    """One run's points, pen and key; the first ``final`` points will not change until a new key
    (or a new stride: the points are the line through every ``stride``-th of its own points)."""

    def __init__(self, points: np.ndarray, pen: QPen, key: tuple, final: int, stride: int) -> None:
        self.points = points
        self.pen = pen
        self.key = key
        self.final = final
        self.stride = stride
        #: How many of the final points are in the layer.
        self.stroked = 0
        #: Where the points not in the layer were when given (x0, y0, x1, y1): what paints draw
        #: beyond the layer, kept as numbers, for the caller may reuse the points' buffer.
        self.moving: tuple[float, float, float, float] | None = None

    def resample(self, stride: int) -> bool:
        """The line is now given through every ``stride``-th point, a multiple of the stride so far:
        count what the layer holds in the new points (the next strokes start at or before the
        layer's end, so the line stays joined). False if it cannot (the stride did not grow)."""
        if stride % self.stride:
            return False
        factor = stride // self.stride
        self.stroked = (self.stroked - 1) // factor + 1 if self.stroked else 0
        self.stride = stride
        return True


def _path(points: np.ndarray, gaps: bool) -> QPainterPath:
    connect = "finite" if gaps else "all"
    return pg.arrayToQPath(np.ascontiguousarray(points[:, 0]), np.ascontiguousarray(points[:, 1]),
                           connect=connect, finiteCheck=gaps)


def _extent(points: np.ndarray, gaps: bool) -> tuple[float, float, float, float] | None:
    """The points' (x0, y0, x1, y1) (their finite ones, if there may be others), None if there are none.
    Kept as numbers: a QRectF of a flat line (no height) is "invalid" and would not unite."""
    finite = points[np.isfinite(points).all(axis=1)] if gaps and len(points) else points
    if not len(finite):
        return None
    (x0, y0), (x1, y1) = finite.min(axis=0), finite.max(axis=0)
    return float(x0), float(y0), float(x1), float(y1)


def _united(a: tuple[float, float, float, float] | None,
            b: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    if a is None or b is None:
        return a if b is None else b
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _inside(extent: tuple[float, float, float, float], room: tuple[float, float, float, float] | None) -> bool:
    return room is not None and room[0] <= extent[0] and room[1] <= extent[1] and extent[2] <= room[2] \
        and extent[3] <= room[3]


def _with_room(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``extent`` grown by half its width and height on every side."""
    x0, y0, x1, y1 = extent
    dx, dy = (x1 - x0) / 2, (y1 - y0) / 2
    room = (x0 - dx, y0 - dy, x1 + dx, y1 + dy)
    return room if all(math.isfinite(v) for v in room) else extent  # near the largest floats: no room


def _widened(extent: tuple[float, float, float, float], mx: float, my: float) -> QRectF:
    x0, y0, x1, y1 = extent
    return QRectF(x0 - mx, y0 - my, x1 - x0 + 2 * mx, y1 - y0 + 2 * my)


class TrailsItem(QGraphicsObject):
    """The trails of every run, drawn through one layer image.

    Parameters
    ----------
    margin
        Room left around the trails for the pen, in data units: one for both axes, or (x, y).
    gaps
        Points may be non-finite: the line breaks there (else every point must be finite).
    """

    def __init__(self, margin: float | tuple[float, float] = 0.0, gaps: bool = False) -> None:
        super().__init__()
        self.margin = margin
        self.gaps = gaps
        self._trails: dict[int, _Trail] = {}
        #: (x0, y0, x1, y1) of every point drawn since the last clear, None before any.
        self._bounds: tuple[float, float, float, float] | None = None
        #: What the item says it covers: the bounds with room to grow. A change of the item's
        #: geometry repaints all it covered (a quarter of the view, every frame, while a trail
        #: reached new ground), so it grows by half its size at a time, a few times in all.
        self._room: tuple[float, float, float, float] | None = None
        self._layer: QImage | None = None
        #: What the layer was stroked for: the item-to-view transform, the view's size and pixel ratio.
        self._layer_key: tuple | None = None
        #: The layer must be cleared and every trail stroked again (one started over or went away).
        self._restroke = False

    def set_margin(self, margin: float | tuple[float, float]) -> None:
        """Change the room left for the pen around the trails (the view's scale changed)."""
        self.prepareGeometryChange()
        self.margin = margin

    def _margins(self) -> tuple[float, float]:
        return self.margin if isinstance(self.margin, tuple) else (self.margin, self.margin)

    def set_trail(self, run_id: int, points: np.ndarray, pen: QPen, key: tuple, final: int | None = None,
                  stride: int = 1) -> None:
        """Draw run ``run_id``'s trail through ``points`` (K, 2) (finite unless ``gaps``).

        ``key`` identifies the sequence: while it stays the same, the first ``final`` points (all
        but the last if None) must be those given before, if they were final then too: only what
        follows them is stroked. A new key (or pen) draws the whole trail again. ``stride`` says the
        points are the line through every stride-th point of the sequence (see :func:`thinned`): a
        larger multiple under the same key is the same line thinned further, and what the layer
        holds of it stays.
        """
        n = len(points)
        final = max(0, n - 1 if final is None else min(final, n))
        trail = self._trails.get(run_id)
        same = trail is not None and trail.key == key and trail.pen == pen
        if same and stride != trail.stride:
            same = trail.resample(stride)
        if not same or final < trail.stroked:
            # replaced (rare): the whole item is repainted, for what was drawn of the old trail may
            # lie anywhere
            whole = trail is not None
            if trail is not None and trail.stroked:
                self._restroke = True
            trail = self._trails[run_id] = _Trail(points, pen, key, final, stride)
            trail.moving = extent = _extent(points, self.gaps)
        else:
            # the new final points and the moving end, and where the moving end was (it may have moved)
            whole = False
            moving = _extent(points[max(trail.stroked - 1, 0):], self.gaps)
            extent, trail.moving = _united(moving, trail.moving), moving
            trail.points, trail.final = points, final
        self._grow(extent, whole)

    def _grow(self, extent: tuple[float, float, float, float] | None, whole: bool = False) -> None:
        """Widen the bounds for points within ``extent`` and repaint there (``whole``: everywhere)."""
        if extent is None:
            return
        bounds = self._bounds
        grown = _united(bounds, extent)
        if grown != bounds:
            self._bounds = grown
            if not _inside(grown, self._room):
                self.prepareGeometryChange()
                self._room = _with_room(grown)
        if self._restroke or whole:
            self.update()
        else:
            self.update(_widened(extent, *self._margins()))

    def remove(self, run_id: int) -> None:
        trail = self._trails.pop(run_id, None)
        if trail is not None:
            self._restroke = True
            self.update()

    def clear(self) -> None:
        self._trails.clear()
        self._restroke = True
        self.prepareGeometryChange()
        self._bounds = self._room = None
        self.update()

    def point_count(self, run_id: int) -> int:
        """How many points run ``run_id``'s trail passes through (for tests)."""
        trail = self._trails.get(run_id)
        return len(trail.points) if trail else 0

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        if self._room is None:
            return QRectF()
        return _widened(self._room, *self._margins())


    def paint(self, painter: QPainter, option, widget=None) -> None:
        """The layer (brought up to date) and each trail's moving end; vectors when not in a view."""
        if not self._trails:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if widget is None:  # an export (image or SVG): every trail as vectors
            for trail in self._trails.values():
                if len(trail.points) >= 2:
                    painter.setPen(trail.pen)
                    painter.drawPath(_path(trail.points, self.gaps))
            return
        self._update_layer(painter.worldTransform(), widget)
        painter.save()
        painter.setWorldTransform(QTransform())
        area = painter.clipBoundingRect() if painter.hasClipping() else QRectF()
        if area.isEmpty():
            painter.drawImage(QPointF(0, 0), self._layer)
        else:  # only the part being repainted: the rest of the view is not blended again
            ratio = self._layer.devicePixelRatio()
            painter.drawImage(area, self._layer, QRectF(area.x() * ratio, area.y() * ratio,
                                                        area.width() * ratio, area.height() * ratio))
        painter.restore()
        for trail in self._trails.values():
            moving = trail.points[max(trail.stroked - 1, 0):]
            if len(moving) >= 2:
                painter.setPen(trail.pen)
                painter.drawPath(_path(moving, self.gaps))

    def _update_layer(self, transform: QTransform, widget) -> None:
        """Stroke into the layer the final points not in it yet (all of them after a change of
        scale, size or a trail starting over)."""
        ratio = widget.devicePixelRatioF()
        key = (transform.m11(), transform.m12(), transform.m21(), transform.m22(), transform.dx(), transform.dy(),
               widget.width(), widget.height(), ratio)
        if key != self._layer_key or self._layer is None:
            self._layer_key = key
            self._layer = QImage(max(1, round(widget.width() * ratio)), max(1, round(widget.height() * ratio)),
                                 QImage.Format.Format_ARGB32_Premultiplied)
            self._layer.setDevicePixelRatio(ratio)
            self._restroke = True
        if self._restroke:
            self._layer.fill(Qt.GlobalColor.transparent)
            for trail in self._trails.values():
                trail.stroked = 0
            self._restroke = False
        todo = [trail for trail in self._trails.values() if trail.final - trail.stroked >= STROKE_AT]
        if not todo:
            return
        layer = QPainter(self._layer)
        layer.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        layer.setTransform(transform)
        for trail in todo:
            # from the last point already in the layer, so the line joins up
            layer.setPen(trail.pen)
            layer.drawPath(_path(trail.points[max(trail.stroked - 1, 0): trail.final], self.gaps))
            trail.stroked = trail.final
        layer.end()
