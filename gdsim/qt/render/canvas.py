"""The hidden widget a video is drawn in: the chosen views side by side, the loss plot below, the captions.

It is the export's size and never on screen (``WA_DontShowOnScreen``): the window's own view
classes draw into it from a live run model the renderer fills, and each frame is painted into one
reused QImage (pyqtgraph's ImageExporter gets a never-shown widget's size wrong).

The event loop is not run between frames (it would paint every view a second time, to a screen
nobody sees): pyqtgraph's ranges are prepared as a paint would, layout requests are delivered, and
a frame whose painting moved the layout (an axis widening for longer labels) is painted again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem, QHBoxLayout, QVBoxLayout, QWidget

from gdsim.engine.spec import RunSpec
from gdsim.qt.captions import CaptionOverlay
from gdsim.qt.run_traces import RunTraces
from gdsim.qt.session_model import ViewOptions
from gdsim.qt.views.loss_plot import LossPlot
from gdsim.qt.views.protocol import VIEWS, Picture

#: Height of the views above the loss plot, relative to it (as in the window).
VIEWS_STRETCH, LOSS_STRETCH = 3, 1
#: Width of the main view beside the others (as in the window).
MAIN_STRETCH, BESIDE_STRETCH = 3, 2


class RenderCanvas(QWidget):
    """The views named by ``keys`` (main first) showing ``picture``, the loss plot below them
    (unless ``loss_plot`` is false), and the caption layer over the first view."""

    def __init__(self, picture: Picture, keys: Sequence[str], size: tuple[int, int], loss_plot: bool = True,
                 options: ViewOptions | None = None) -> None:
        super().__init__()
        options = options or ViewOptions()
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.setObjectName("render_canvas")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), Qt.GlobalColor.white)
        self.setPalette(palette)
        self.views: list[QWidget] = []
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for index, key in enumerate(keys):
            view = VIEWS[key](self)
            view.set_problem(picture)
            view.set_arrows(options.gradient_arrows, options.velocity_arrows)
            self.views.append(view)
            row.addWidget(view, MAIN_STRETCH if index == 0 else BESIDE_STRETCH)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(row, VIEWS_STRETCH)
        self.loss_plot: LossPlot | None = None
        if loss_plot:
            self.loss_plot = LossPlot(self)
            self.loss_plot.set_problem(picture.problem)
            self.loss_plot.set_log(options.log_y)
            self.loss_plot.set_x_axis(options.x_axis)
            # controls mean nothing in a video: the loss tab alone, its axis saying "log"
            self.loss_plot.tabs.tabBar().hide()
            self.loss_plot.log_y.hide()
            self.loss_plot.x_axis.hide()
            column.addWidget(self.loss_plot, LOSS_STRETCH)
        self.captions = CaptionOverlay(self.views[0])
        self.setFixedSize(QSize(*size))
        self.show()  # laid out and "visible", though never on a screen
        QApplication.processEvents()
        self.image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
        self._graphics = [view for view in self.findChildren(pg.GraphicsView) if view.isVisible()]
        self._laid_out = [item for view in self._graphics for item in view.scene().items()
                          if isinstance(item, pg.AxisItem | pg.ViewBox | pg.LabelItem)]
        for item in self._laid_out:  # axes and labels change rarely: painted from a cached pixmap meanwhile
            if isinstance(item, pg.AxisItem | pg.LabelItem):
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_captions(self, captions: Sequence[Mapping[str, Any]], language: str) -> None:
        """The captions drawn over the main view (none: an empty sequence)."""
        self.captions.set_captions(captions, language)

    def draw(self, runs: RunTraces, specs: Mapping[int, RunSpec], selected: int | None) -> QImage:
        """Draw the runs as they stand and return the frame (the same QImage every time: copy it to keep it)."""
        for view in self.views:
            view.draw(runs, specs, selected)
        if self.loss_plot is not None:
            self.loss_plot.draw(runs, specs)
        layout = self._settle()
        self.captions.follow(self.views[0], runs)
        self.render(self.image)
        if self._settle() != layout:  # painting moved the layout: paint the settled frame
            self.captions.follow(self.views[0], runs)
            self.render(self.image)
        return self.image

    def _settle(self) -> tuple:
        """Ranges updated as a paint would, pending layouts done; returns where everything now is."""
        for view in self._graphics:
            view.scene().prepareForPaint()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        return tuple(item.sceneBoundingRect().getRect() for item in self._laid_out)
