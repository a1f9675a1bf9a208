"""Shared looks of the views: pens, sizes and the presentation-mode scale."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

#: Colours for basins of attraction (a swarm coloured by the minimum each ball reached); grey: none.
BASIN_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
NO_BASIN = "#9a9a9a"


#: Formulas longer than this are left out of a view's title (the problem panel shows them).
TITLE_FORMULA_CHARS = 48


def view_title(title: str, formula: str) -> str:
    """A view's title: the problem's name and, when short enough to fit, its formula."""
    return f"{title}:  J = {formula}" if len(formula) <= TITLE_FORMULA_CHARS else title


class Style:
    """Line widths and marker sizes; ``scale`` > 1 in presentation mode."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale

    @property
    def title_size(self) -> str:
        return f"{11 * self.scale:.0f}pt"

    def width(self, base: float) -> float:
        return base * self.scale

    def pen(self, color: str, base: float = 2.0, dashed: bool = False, alpha: int = 255) -> pg.QtGui.QPen:
        qcolor = QColor(color)
        qcolor.setAlpha(alpha)
        pen = pg.mkPen(qcolor, width=self.width(base))
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def font(self, points: float = 10.0) -> QFont:
        font = QFont()
        font.setPointSizeF(points * self.scale)
        return font

    def style_axes(self, plot: pg.PlotItem) -> None:
        """Tick and label fonts of every axis of ``plot``."""
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getAxis(name)
            axis.enableAutoSIPrefix(False)  # "loss J (x1e+09)" confuses; ticks carry the magnitude
            axis.setTickFont(self.font(9.0))
            axis.label.setFont(self.font(11.0))
