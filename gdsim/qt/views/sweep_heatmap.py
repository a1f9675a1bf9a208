"""The Sweep window's heatmap: optimizers as rows, learning rates as columns, a cell's colour the median
over seeds of an outcome (a log scale for losses, dark = best), with its key.

Each optimizer's best rate is starred, cells where a seed diverged are hatched (one path), cells that
ran without a finite median are grey, and each median is written in its cell when every value fits.
The heatmap draws what it is given (:meth:`SweepHeatmap.draw`) and reports clicks and hovers as cells
(:attr:`SweepHeatmap.clicked`, :attr:`SweepHeatmap.hovered`); it computes no outcome itself.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QLinearGradient, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsPathItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gdsim.qt.panels.formatting import format_number

COLORMAP = pg.colormap.get("viridis")
HATCH = QBrush(QColor("#d55e00"), Qt.BrushStyle.BDiagPattern)
#: The colour of a cell that ran but has no finite median (most of its seeds diverged or never got there).
NO_MEDIAN = (200, 200, 200, 255)
#: Cells' values are written in them up to this many cells (and only when they all fit).
MAX_VALUES = 400
#: Where in a cell the star and the value sit (from its top, as a share of its height).
STAR_AT, VALUE_AT = 0.32, 0.68


def _gradient_pixmap(width: int, height: int) -> QPixmap:
    """The colour map as a small bar, for the key (dark = low = best)."""
    pixmap = QPixmap(width, height)
    painter = QPainter(pixmap)
    gradient = QLinearGradient(0, 0, width, 0)
    for position, colour in zip(*COLORMAP.getStops(mode="qcolor"), strict=True):
        gradient.setColorAt(float(position), colour)
    painter.fillRect(0, 0, width, height, QBrush(gradient))
    painter.end()
    return pixmap


def cell_colours(medians: np.ndarray, logarithmic: bool) -> tuple[np.ndarray, float | None, float | None]:
    """RGBA colours of the cells (transparent where nothing ran, grey where the median is not
    finite) and the values the colour map's ends stand for (None when no median is finite)."""
    finite = np.where(np.isfinite(medians), medians, np.nan)
    shown = finite
    if logarithmic:
        with np.errstate(divide="ignore", invalid="ignore"):
            shown = np.log10(np.where(finite > 0, finite, np.nan))
    colours = np.zeros((*shown.shape, 4), dtype=np.ubyte)
    known = np.isfinite(shown)
    low = high = None
    if known.any():
        low, high = float(shown[known].min()), float(shown[known].max())
        fraction = (shown - low) / (high - low) if high > low else np.zeros_like(shown)
        colours[known] = COLORMAP.map(fraction[known], mode="byte")
    colours[~known & ~np.isnan(medians)] = NO_MEDIAN
    if logarithmic and low is not None:
        low, high = 10.0**low, 10.0**high
    return colours, low, high


class SweepHeatmap(QWidget):
    """The heatmap and its key, on white (what Export heatmap… saves). ``rows`` are the optimizers'
    labels, ``rates`` the learning rates."""

    clicked = Signal(int, int)  # row, column
    hovered = Signal(int, int)  # row, column; (-1, -1) when the pointer leaves the cells

    def __init__(self, rows: list[str], rates: list[float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweep_canvas")
        self.rows, self.rates = rows, rates
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(palette)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("sweep_heatmap")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.invertY(True)
        # a rate's label may reach past the plot's ends (the first and last are centred on their cells)
        self.plot.getPlotItem().getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.mouseClickEvent = self._on_clicked
        self.image.hoverEvent = self._on_hovered
        self.plot.addItem(self.image)
        self.best = pg.ScatterPlotItem(symbol="star", size=20, brush=pg.mkBrush("#ffffff"),
                                       pen=pg.mkPen("#000000", width=1.5))
        self.best.setZValue(10)
        self.plot.addItem(self.best)
        self.hatch = QGraphicsPathItem()
        self.hatch.setBrush(HATCH)
        self.hatch.setPen(QPen(Qt.PenStyle.NoPen))
        self.plot.addItem(self.hatch)
        #: The cells' value labels, row by row (none for more than MAX_VALUES cells), and what each shows.
        self._values: list[pg.TextItem] = []
        self._shown: list[tuple[str, str]] = []
        if len(rows) * len(rates) <= MAX_VALUES:
            for row in range(len(rows)):
                for column in range(len(rates)):
                    item = pg.TextItem("", anchor=(0.5, 0.5))
                    item.setPos(column + 0.5, row + VALUE_AT)
                    item.setZValue(5)
                    self.plot.addItem(item)
                    self._values.append(item)
                    self._shown.append(("", ""))
        self.scale_low, self.scale_high = QLabel(), QLabel()
        self.scale_bar = QLabel()
        self.scale_bar.setPixmap(_gradient_pixmap(140, 14))
        self.key = QLabel()
        self.key.setObjectName("sweep_key")
        self.key.setWordWrap(True)
        key_row = QHBoxLayout()
        key_row.setContentsMargins(6, 0, 6, 0)
        for widget in (self.scale_low, self.scale_bar, self.scale_high):
            key_row.addWidget(widget)
        key_row.addSpacing(12)
        key_row.addWidget(self.key, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 4)
        column.addWidget(self.plot, 1)
        column.addLayout(key_row)
        #: row -> the column starred as that optimizer's best rate.
        self.best_columns: dict[int, int] = {}

    def set_label(self, text: str) -> None:
        """The rates' axis title."""
        self.plot.getPlotItem().setLabel("bottom", text)

    def draw(self, medians: np.ndarray, diverged: np.ndarray, best_columns: dict[int, int], logarithmic: bool,
             key: str, digits: int) -> None:
        """Show ``medians`` (rows × rates; NaN: not run yet), hatch ``diverged``, star ``best_columns``
        (row -> column); ``key`` explains the colours; values are written with ``digits`` digits."""
        colours, low, high = cell_colours(medians, logarithmic)
        self.image.setImage(colours, autoLevels=False)
        self.image.setRect(QRectF(0, 0, len(self.rates), len(self.rows)))
        self.scale_low.setText("" if low is None else format_number(low, 3))
        self.scale_high.setText("" if high is None else format_number(high, 3))
        self.scale_bar.setVisible(low is not None)
        self.key.setText(key)
        self._draw_values(medians, colours, digits)
        path = QPainterPath()
        for row, column in zip(*np.nonzero(diverged), strict=True):
            path.addRect(QRectF(float(column), float(row), 1.0, 1.0))
        self.hatch.setPath(path)
        self.best_columns = dict(best_columns)
        self.best.setData(pos=[(x + 0.5, y + STAR_AT) for y, x in self.best_columns.items()])

    def _draw_values(self, medians: np.ndarray, colours: np.ndarray, digits: int) -> None:
        """Each cell's median written in it, white on dark colours."""
        if not self._values:
            return
        for (row, column), value in np.ndenumerate(medians):
            index = row * medians.shape[1] + column
            shown = ("", "#000000")  # not run yet, or no finite median: grey says so
            if np.isfinite(value):
                red, green, blue, _ = (int(c) for c in colours[row, column])
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 140
                shown = (format_number(value, digits), "#ffffff" if dark else "#000000")
            if self._shown[index] != shown:  # setting a text item's text lays it out again
                self._shown[index] = shown
                self._values[index].setText(shown[0], color=shown[1])
        self.fit()

    def fit(self) -> None:
        """As many rate labels as fit the width; the values only when every one fits its cell."""
        labels = [format_number(lr, 3) for lr in self.rates]
        metrics = QFontMetrics(self.font())
        label_px = max(metrics.horizontalAdvance(label) for label in labels) + metrics.averageCharWidth() * 2
        width = max(self.plot.getPlotItem().getViewBox().width(), 100)
        every = max(1, math.ceil(len(self.rates) / max(1, int(width // label_px))))
        item = self.plot.getPlotItem()
        item.getAxis("bottom").setTicks([[(i + 0.5, label) for i, label in enumerate(labels)][::every]])
        item.getAxis("left").setTicks([[(i + 0.5, label) for i, label in enumerate(self.rows)]])
        self.plot.setXRange(0, len(self.rates), padding=0)
        self.plot.setYRange(0, len(self.rows), padding=0)
        if self._values:
            widest = max(metrics.horizontalAdvance(text) for text, _ in self._shown)
            fits = widest + 6 <= width / max(1, len(self.rates))
            for value in self._values:
                value.setVisible(fits)

    def set_font_for_projector(self, font: QFont, large: bool) -> None:
        """Axis, key and value text in ``font``; a larger star when ``large``."""
        self.setFont(font)
        for name in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(name)
            axis.setStyle(tickFont=font)
            axis.label.setFont(font)
        for value in self._values:
            value.setFont(font)
        self.best.setSize(28 if large else 20)
        self.fit()

    def _cell_at(self, event) -> tuple[int, int]:
        point = self.image.mapToParent(event.pos())
        return int(math.floor(point.y())), int(math.floor(point.x()))

    def _on_clicked(self, event) -> None:
        row, column = self._cell_at(event)
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rates):
            self.clicked.emit(row, column)
        event.accept()

    def _on_hovered(self, event) -> None:
        self.hovered.emit(*((-1, -1) if event.isExit() else self._cell_at(event)))

    def set_tip(self, text: str) -> None:
        """The tooltip over the cells."""
        self.plot.setToolTip(text)
