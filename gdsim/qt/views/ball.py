"""One ball: a disc of fixed screen size, moved with ``setPos`` (much cheaper to move and paint than a
one-point scatter, whose every paint maps and masks its points in Python)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem


class Ball(QGraphicsEllipseItem):
    """A disc ``diameter`` pixels wide at a data point, whatever the view's scale."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(z)
        self.look: tuple | None = None

    def set_look(self, color: str, diameter: float, outline: float) -> None:
        """Fill ``color``, ``diameter`` pixels wide, with a black outline ``outline`` pixels wide."""
        look = (color, diameter, outline)
        if look == self.look:
            return
        self.look = look
        self.setRect(-diameter / 2, -diameter / 2, diameter, diameter)
        self.setBrush(pg.mkBrush(color))
        self.setPen(pg.mkPen("k", width=outline))
