"""Every run's trail, stroked once: finished stretches are cached pixmaps, only the newest is redrawn.

Qt strokes an antialiased line wider than one pixel many times slower than a thin one, and a trail
grows by a few points per frame. So each trail is cut into chunks of ``chunk`` segments: a full
chunk never changes and is painted from a device-coordinate cache (re-stroked only when the view is
zoomed or panned), and only the last, growing chunk is stroked every frame. The loss plot draws its
growing curves the same way (with gaps where a value is not finite).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject

#: Segments per chunk: the growing chunk is stroked on every frame, each full one is a cached pixmap.
CHUNK = 64
#: Trails longer than this are drawn through every k-th point (the view has fewer pixels).
TRAIL_POINTS = 4000


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


class _Chunk(QGraphicsItem):
    """One stretch of a trail: a path, its pen, and a bounding rectangle with room for the pen."""

    def __init__(self, parent: QGraphicsItem, pen: QPen, margin: tuple[float, float], gaps: bool) -> None:
        super().__init__(parent)
        self._pen = pen
        self._margin = margin
        self._connect = "finite" if gaps else "all"
        self._path = QPainterPath()
        self._rect = QRectF()

    def set_points(self, points: np.ndarray) -> None:
        self._path = pg.arrayToQPath(np.ascontiguousarray(points[:, 0]), np.ascontiguousarray(points[:, 1]),
                                     connect=self._connect, finiteCheck=self._connect == "finite")
        self.set_margin(self._margin)

    def set_margin(self, margin: tuple[float, float]) -> None:
        self.prepareGeometryChange()
        self._margin = mx, my = margin
        self._rect = self._path.controlPointRect().adjusted(-mx, -my, mx, my)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.drawPath(self._path)


class _Trail:
    """One run's chunks; points only ever get appended until ``reset``."""

    def __init__(self) -> None:
        self.chunks: list[_Chunk] = []
        self.key: tuple | None = None
        self.points = 0
        self.complete = 0

    def reset(self, scene_remove) -> None:
        for chunk in self.chunks:
            scene_remove(chunk)
        self.chunks = []
        self.points = 0
        self.complete = 0


class TrailsItem(QGraphicsObject):
    """The trails of every run, as child chunks.

    Parameters
    ----------
    margin
        Room left around each chunk for the pen, in data units: one for both axes, or (x, y). It
        applies to the chunks made after it is set.
    gaps
        Points may be non-finite: the line breaks there (else every point must be finite).
    chunk
        Segments per chunk: fewer make the stretch stroked on every frame shorter, more make fewer
        pixmaps to cache again when the view's scale changes.
    """

    def __init__(self, margin: float | tuple[float, float] = 0.0, gaps: bool = False, chunk: int = CHUNK) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.margin = margin
        self.gaps = gaps
        self.chunk = chunk
        self._trails: dict[int, _Trail] = {}

    def set_margin(self, margin: float | tuple[float, float]) -> None:
        """Change the room left for the pen around every chunk, made or to come (the view's scale
        changed; nothing is stroked again but what Qt repaints at the new scale anyway)."""
        self.margin = margin
        both = self._margins()
        for trail in self._trails.values():
            for chunk in trail.chunks:
                chunk.set_margin(both)

    def _margins(self) -> tuple[float, float]:
        return self.margin if isinstance(self.margin, tuple) else (self.margin, self.margin)

    def set_trail(self, run_id: int, points: np.ndarray, pen: QPen, key: tuple, final: int | None = None) -> None:
        """Draw run ``run_id``'s trail through ``points`` (K, 2) (finite unless ``gaps``).

        ``key`` identifies the sequence: while it stays the same, the first ``final`` points (all
        but the last if None) must be those given before, if they were final then too: only what
        follows them is stroked again. A new key redraws the whole trail.
        """
        trail = self._trails.setdefault(run_id, _Trail())
        n = len(points)
        final = n - 1 if final is None else min(final, n - 1)
        size = self.chunk
        if trail.key != key or n < trail.complete * size + 1:
            trail.reset(self._remove)
            trail.key = key
        # chunk i covers points [i*size, (i+1)*size] and is complete once those are final
        needed = (n - 2) // size + 1 if n >= 2 else 0
        for chunk in trail.chunks[needed:]:
            self._remove(chunk)
        del trail.chunks[needed:]
        for index in range(trail.complete, needed):
            if index == len(trail.chunks):
                trail.chunks.append(_Chunk(self, pen, self._margins(), self.gaps))
            chunk = trail.chunks[index]
            end = (index + 1) * size + 1
            chunk.set_points(points[index * size: min(end, n)])
            if end <= final:  # its points will not change (nor will the trailing one move)
                chunk.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                trail.complete = index + 1
        trail.points = n

    def _remove(self, chunk: _Chunk) -> None:
        chunk.setParentItem(None)
        if chunk.scene() is not None:
            chunk.scene().removeItem(chunk)

    def remove(self, run_id: int) -> None:
        trail = self._trails.pop(run_id, None)
        if trail is not None:
            trail.reset(self._remove)

    def clear(self) -> None:
        for run_id in list(self._trails):
            self.remove(run_id)

    def point_count(self, run_id: int) -> int:
        """How many points run ``run_id``'s trail passes through (for tests)."""
        trail = self._trails.get(run_id)
        return trail.points if trail else 0

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        """Nothing: the chunks paint themselves."""
