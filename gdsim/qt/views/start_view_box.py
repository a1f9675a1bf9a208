"""A ViewBox for placing starts: left click places, left drag previews, right drag and wheel pan/zoom."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal


class StartViewBox(pg.ViewBox):
    """Left button: click places a start, drag moves it (with a live preview); right button pans.

    Signals carry the point in data coordinates and whether Shift was held.
    """

    clicked = Signal(object, bool)
    drag_moved = Signal(object)
    drag_finished = Signal(object, bool)

    def __init__(self, **kwargs) -> None:
        super().__init__(enableMenu=False, **kwargs)

    @staticmethod
    def _shift(ev) -> bool:
        return bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)

    def _point(self, pos: QPointF) -> tuple[float, float]:
        p = self.mapToView(pos)
        return float(p.x()), float(p.y())

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 - Qt override
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.clicked.emit(self._point(ev.pos()), self._shift(ev))
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802 - Qt override
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            if ev.isFinish():
                self.drag_finished.emit(self._point(ev.pos()), self._shift(ev))
            else:
                self.drag_moved.emit(self._point(ev.pos()))
        elif ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            here = self.mapToView(ev.pos())
            before = self.mapToView(ev.lastPos())
            self.translateBy(x=before.x() - here.x(), y=before.y() - here.y())
        else:
            super().mouseDragEvent(ev, axis)
