"""Shared looks of the views: pens, sizes, fonts and the presentation-mode scale."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextOption
from PySide6.QtWidgets import QGraphicsItem

#: Colours for basins of attraction (a finished swarm's starts coloured by the minimum each ball
#: reached): Paul Tol's "muted" scheme, none of them a run colour (Okabe-Ito), so a basin is never
#: taken for a run. Grey: the ball reached no known minimum.
BASIN_COLORS = ("#332288", "#117733", "#44AA99", "#88CCEE", "#DDCC77", "#CC6677", "#AA4499", "#882255")
NO_BASIN = "#9a9a9a"
#: Presentation mode multiplies sizes by this.
PRESENTATION_SCALE = 1.7

#: Pixels kept free beside a plot's title and legend.
TEXT_MARGIN = 8

#: Formulas longer than this are left out of a view's title (the problem panel shows them).
TITLE_FORMULA_CHARS = 48


def view_title(title: str, formula: str) -> str:
    """A view's title: the problem's name and, when short enough to fit, its formula."""
    return f"{title}:  J = {formula}" if len(formula) <= TITLE_FORMULA_CHARS else title


def set_view_title(plot: pg.PlotItem, title: str, formula: str, size: str) -> None:
    """Title ``plot`` with the problem's name and formula; :func:`fit_title` drops the formula
    when the two do not fit on one line (the problem panel shows it)."""
    text = view_title(title, formula)
    plot.setTitle(text, color="k", size=size)
    plot.titleLabel.short_text, plot.titleLabel.full_text = title, text


def wrap_label(label: pg.LabelItem, width: float) -> None:
    """Let ``label``'s text wrap (centred) at ``width`` pixels when it is wider.

    A LabelItem's minimum width is its text's width, so a long title or legend would make the
    whole plot wider than its widget and push the plot's right part off-screen.
    """
    text = label.item
    text.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
    text.setTextWidth(-1)
    if text.boundingRect().width() > width:
        text.setTextWidth(max(width, 60.0))
    label.updateMin()
    label.resizeEvent(None)


def fit_title(plot: pg.PlotItem, width: float) -> None:
    """Wrap ``plot``'s title at ``width`` pixels and give its row the height of the wrapped text."""
    label = plot.titleLabel
    if not label.isVisible():
        return
    short = getattr(label, "short_text", None)
    if short is not None:  # the name and formula on one line if they fit, else the name alone
        full = getattr(label, "full_text", label.text)  # the title as set_view_title gave it
        label.item.setTextWidth(-1)
        label.setText(full)
        if label.item.boundingRect().width() > width:
            label.setText(short)
    wrap_label(label, width)
    height = float(np.ceil(label.itemRect().height()))
    label.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(0, height)


def fit_texts(plot_widget: pg.PlotWidget, legend: pg.LabelItem | None, last: float, force: bool = True) -> float:
    """Wrap a plot's title (and ``legend``) to the width its plot area has in the widget; the width.

    The other columns' widths (axis, colour bar) are read from the laid-out plot, so a view calls
    this on resize and again whenever its plot area is resized (``force`` False: only if the width
    moved from ``last``), until the widths settle; a plot laid out wider than its widget while the
    texts were too wide is then fitted back into it.
    """
    plot = plot_widget.getPlotItem()
    others = plot.geometry().width() - plot.vb.width()
    width = plot_widget.viewport().width() - others - TEXT_MARGIN
    if not force and abs(width - last) < 1:
        return last
    fit_title(plot, width)
    if legend is not None:
        legend.fit(width)
    if plot.geometry() != plot_widget.range:
        plot.setGeometry(plot_widget.range)
    return width


def refresh_cache(item: QGraphicsItem) -> None:
    """Drop the pixmap a DeviceCoordinateCache'd item paints from, so its next paint is fresh.

    Qt keeps painting the old pixmap of a cached item whose looks changed without a geometry
    change (an axis given larger tick fonts showed its old labels under the new ones).
    """
    mode = item.cacheMode()
    item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    item.setCacheMode(mode)
    item.update()


class Style:
    """Line widths and marker sizes; ``scale`` > 1 in presentation mode."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale

    @property
    def title_size(self) -> str:
        """Titles grow half as much as the rest: they are long (a formula), and wrapping them to
        three lines would take the plot's room on a projector."""
        return f"{11 * (1 + (self.scale - 1) / 2):.0f}pt"

    @property
    def legend_size(self) -> str:
        """Legends, like titles, grow half as much: they list every run and must leave the plot room."""
        return f"{9 * (1 + (self.scale - 1) / 2):.0f}pt"

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
        """Tick and label fonts of every axis of ``plot``, painted afresh.

        SI prefixes are off in the axes themselves (gdsim.qt.views.axes.PlainAxis): pyqtgraph's
        ``enableAutoSIPrefix(False)`` computes a prefix for the current range and then keeps it.
        """
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getAxis(name)
            axis.setTickFont(self.font(9.0))
            axis.label.setFont(self.font(11.0))
            axis.picture = None
            refresh_cache(axis)
