"""The main view of a network: validation loss and accuracy at each evaluation, and for a 2D data set
the selected run's decision as a heatmap under the training and validation points.

Every training update's batch loss is in the loss plot below, like any run's loss. What is drawn here
comes from the engine's frames (the evaluations and class probabilities it computed in the worker):
this view evaluates nothing and never touches torch.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRectF
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from gdsim.engine.spec import RunSpec
from gdsim.qt.views.axes import plain_axes
from gdsim.qt.views.protocol import Picture, register_view
from gdsim.qt.views.style import PRESENTATION_SCALE, Style

#: Colours of the classes (Okabe-Ito's orange, sky blue, green, ...), distinct from nothing drawn over them.
CLASS_COLORS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#000000",
                "#999999", "#882255")
#: How much of a class colour the heatmap shows at probability 1 (the rest is white), so points stay visible.
HEAT_STRENGTH = 0.55


def mosaic(images: np.ndarray, columns: int) -> np.ndarray:
    """Square images (K, h, w) laid out in rows of ``columns``, one blank pixel between them: (H, W),
    row-major, the first image at the top left (blank is NaN)."""
    count, height, width = images.shape
    rows = max(1, -(-count // columns))
    out = np.full((rows * (height + 1) - 1, columns * (width + 1) - 1), np.nan)
    for k, image in enumerate(images):
        r, c = divmod(k, columns)
        out[r * (height + 1) : r * (height + 1) + height, c * (width + 1) : c * (width + 1) + width] = image
    return out


#: Misclassified examples per row of their grid.
MOSAIC_COLUMNS = 6


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)


def decision_image(probabilities: np.ndarray) -> np.ndarray:
    """(cells_y, cells_x, C) class probabilities as an RGB image: each class colour weighted by its
    probability, faded towards white (uint8, (cells_y, cells_x, 3))."""
    classes = probabilities.shape[2]
    palette = np.array([_rgb(CLASS_COLORS[k % len(CLASS_COLORS)]) for k in range(classes)])
    mixed = probabilities @ palette
    return (255 - HEAT_STRENGTH * (255 - mixed)).clip(0, 255).astype(np.uint8)


@register_view
class NetworkView(QWidget):
    """Validation curves of every run and the decision of the selected run (2D data sets)."""

    key = "network"
    title = "Network"
    placement = "main"
    places_starts = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"view_{self.key}")
        self.style = Style()
        self.boundary_widget = pg.PlotWidget(axisItems=plain_axes())
        self.boundary_plot = self.boundary_widget.getPlotItem()
        self.boundary_plot.setAspectLocked(True)
        self.heat = pg.ImageItem(axisOrder="row-major")
        self.boundary_plot.addItem(self.heat)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#ffffff", width=0.8))
        self.val_points = pg.ScatterPlotItem(size=9, symbol="t", pen=pg.mkPen("#000000", width=1.2))
        self.boundary_plot.addItem(self.train_points)
        self.boundary_plot.addItem(self.val_points)
        self.loss_widget = pg.PlotWidget(axisItems=plain_axes())
        self.accuracy_widget = pg.PlotWidget(axisItems=plain_axes())
        self.loss_plot = self.loss_widget.getPlotItem()
        self.accuracy_plot = self.accuracy_widget.getPlotItem()
        self._titles = {self.loss_plot: QT_TRANSLATE_NOOP("NetworkView", "Validation loss"),
                        self.accuracy_plot: QT_TRANSLATE_NOOP("NetworkView", "Validation accuracy"),
                        self.boundary_plot: ""}
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(True, True, alpha=0.25)
        self.accuracy_plot.setYRange(0, 1)
        self.confusion_widget = pg.PlotWidget(axisItems=plain_axes())
        self.confusion_plot = self.confusion_widget.getPlotItem()
        self.confusion_plot.invertY(True)
        self.confusion_plot.setAspectLocked(True)
        self.confusion_image = pg.ImageItem(axisOrder="row-major")
        self.confusion_image.setColorMap(pg.colormap.get("viridis"))
        self.confusion_plot.addItem(self.confusion_image)
        self._confusion_texts: list[pg.TextItem] = []
        self.errors_widget = pg.PlotWidget(axisItems=plain_axes())
        self.errors_plot = self.errors_widget.getPlotItem()
        self.errors_plot.invertY(True)
        self.errors_plot.setAspectLocked(True)
        self.errors_plot.hideAxis("left")
        self.errors_plot.hideAxis("bottom")
        self.errors_image = pg.ImageItem(axisOrder="row-major")
        self.errors_plot.addItem(self.errors_image)
        self._error_texts: list[pg.TextItem] = []
        self._titles[self.confusion_plot] = QT_TRANSLATE_NOOP("NetworkView", "Confusion (validation)")
        self._titles[self.errors_plot] = QT_TRANSLATE_NOOP("NetworkView", "Misclassified: true → predicted")
        self.images_column = QWidget(self)
        images = QVBoxLayout(self.images_column)
        images.setContentsMargins(0, 0, 0, 0)
        images.addWidget(self.confusion_widget)
        images.addWidget(self.errors_widget)
        self.images_column.hide()
        self._errors_drawn: tuple | None = None
        self._image_shape: tuple[int, int] | None = None
        self._x_val: np.ndarray | None = None
        self._y_val: np.ndarray | None = None
        curves = QVBoxLayout()
        curves.addWidget(self.loss_widget)
        curves.addWidget(self.accuracy_widget)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.boundary_widget, 1)
        layout.addWidget(self.images_column, 1)
        layout.addLayout(curves, 1)
        self._lines: dict[int, tuple[pg.PlotDataItem, pg.PlotDataItem, pg.PlotDataItem]] = {}
        self._drawn: dict[int, tuple] = {}
        self._boundary_drawn: tuple | None = None
        self.retranslate()
        self.set_presentation(False)

    def retranslate(self) -> None:
        """Titles, axis labels and tooltips in the current language."""
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.setLabel("bottom", self.tr("update"))
        self.confusion_plot.setLabel("left", self.tr("true class"))
        self.confusion_plot.setLabel("bottom", self.tr("predicted class"))
        self.loss_widget.setToolTip(self.tr("At each evaluation: the validation loss (solid, dots) and the full "
                                            "training loss (dashed) of every run"))
        self.confusion_widget.setToolTip(self.tr("Validation samples of each true class (rows) by the class the "
                                                 "selected run predicts (columns), at its newest evaluation"))
        self.errors_widget.setToolTip(self.tr("Validation samples the selected run gets wrong: true → predicted class"))
        self._show_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        """Networks (problems trained by torch)."""
        return getattr(picture.problem, "stepper", "numpy") == "torch"

    @property
    def watched(self) -> QWidget:
        """The widget that paints (the validation loss plot, shown for every network)."""
        return self.loss_widget.viewport()

    def set_problem(self, picture: Picture) -> None:
        """Show the data's points (2D data sets) and forget every run drawn before."""
        self.clear()
        problem = picture.problem
        data = problem.data
        two_d = problem.boundary_axes() is not None
        self.boundary_widget.setVisible(two_d)
        self._titles[self.boundary_plot] = QT_TRANSLATE_NOOP("NetworkView", "Decision (selected run)") if two_d else ""
        self._show_titles()
        if two_d:
            self.train_points.setData(data.x_train[:, 0], data.x_train[:, 1], brush=self._brushes(data.y_train))
            self.val_points.setData(data.x_val[:, 0], data.x_val[:, 1], brush=self._brushes(data.y_val))
            self.boundary_plot.enableAutoRange()
        self.accuracy_widget.setVisible(problem.classification)
        self._image_shape = data.image_shape if problem.classification else None
        self._x_val, self._y_val = data.x_val, data.y_val
        self.images_column.setVisible(self._image_shape is not None)

    @staticmethod
    def _brushes(labels: np.ndarray) -> list:
        return [pg.mkBrush(CLASS_COLORS[int(k) % len(CLASS_COLORS)]) for k in labels]

    def clear(self) -> None:
        """Forget every run's curves and the decision drawn."""
        for items in self._lines.values():
            self.loss_plot.removeItem(items[0])
            self.loss_plot.removeItem(items[1])
            self.accuracy_plot.removeItem(items[2])
        self._lines.clear()
        self._drawn.clear()
        self._boundary_drawn = None
        self._errors_drawn = None
        self.confusion_image.clear()
        self.errors_image.clear()
        for item in self._confusion_texts:
            self.confusion_plot.removeItem(item)
        for item in self._error_texts:
            self.errors_plot.removeItem(item)
        self._confusion_texts, self._error_texts = [], []
        self.heat.clear()
        self.train_points.setData([], [])
        self.val_points.setData([], [])

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Redraw the evaluations that changed and the selected run's decision; True if anything did."""
        changed = self._forget_removed(runs)
        for trace in runs:
            spec = specs.get(trace.run_id)
            if spec is None:
                continue
            drawn = (trace.eval_length, trace.restarts, spec.color, spec.visible, self.style.scale)
            if self._drawn.get(trace.run_id) == drawn:
                continue
            self._drawn[trace.run_id] = drawn
            self._draw_evals(trace, spec)
            changed = True
        changed = self._draw_errors(runs, selected) or changed
        return self._draw_boundary(runs, selected) or changed

    def _draw_errors(self, runs, selected: int | None) -> bool:
        """The selected run's confusion matrix and misclassified images (image data), at its newest evaluation."""
        if self._image_shape is None:
            return False
        trace = runs.get(selected) if selected is not None else next(iter(runs), None)
        frame = None if trace is None else runs.frame(trace.run_id)
        network = None if frame is None else frame.network
        if network is None or network.confusion is None:
            return False
        key = (trace.run_id, id(network.confusion), self.style.scale)
        if key == self._errors_drawn:
            return False
        self._errors_drawn = key
        self.show_errors(network.confusion, network.misclassified, network.predicted)
        return True

    def show_errors(self, confusion: np.ndarray, misclassified: np.ndarray, predicted: np.ndarray) -> None:
        """Draw a confusion matrix (counts, row: true class) and the misclassified validation images."""
        classes = len(confusion)
        self.confusion_image.setImage(confusion.astype(float), autoLevels=False,
                                      levels=(0, max(1.0, float(confusion.max()))))
        self.confusion_image.setRect(QRectF(-0.5, -0.5, classes, classes))
        for item in self._confusion_texts:
            self.confusion_plot.removeItem(item)
        self._confusion_texts = []
        top = float(confusion.max()) or 1.0
        for (i, j), count in np.ndenumerate(confusion):
            if count:
                text = pg.TextItem(str(int(count)), color="k" if count > 0.6 * top else "w", anchor=(0.5, 0.5))
                text.setPos(j, i)
                self.confusion_plot.addItem(text)
                self._confusion_texts.append(text)
        for item in self._error_texts:
            self.errors_plot.removeItem(item)
        self._error_texts = []
        if not len(misclassified):
            self.errors_image.clear()
            return
        height, width = self._image_shape
        images = self._x_val[misclassified].reshape(-1, height, width)
        self.errors_image.setImage(mosaic(images, MOSAIC_COLUMNS), autoLevels=True)
        for k, (index, guess) in enumerate(zip(misclassified, predicted, strict=True)):
            r, c = divmod(k, MOSAIC_COLUMNS)
            text = pg.TextItem(f"{int(self._y_val[index])}→{int(guess)}", color="#D55E00", anchor=(0, 0))
            text.setPos(c * (width + 1), r * (height + 1))
            self.errors_plot.addItem(text)
            self._error_texts.append(text)

    def _forget_removed(self, runs) -> bool:
        gone = [run_id for run_id in self._lines if run_id not in runs.traces]
        for run_id in gone:
            val, train, accuracy = self._lines.pop(run_id)
            self.loss_plot.removeItem(val)
            self.loss_plot.removeItem(train)
            self.accuracy_plot.removeItem(accuracy)
            self._drawn.pop(run_id, None)
        return bool(gone)

    def _draw_evals(self, trace, spec: RunSpec) -> None:
        items = self._lines.get(trace.run_id)
        if items is None:
            items = (pg.PlotDataItem(), pg.PlotDataItem(), pg.PlotDataItem())
            self.loss_plot.addItem(items[0])
            self.loss_plot.addItem(items[1])
            self.accuracy_plot.addItem(items[2])
            self._lines[trace.run_id] = items
        n = trace.eval_length
        evals = trace.evals
        steps = evals["steps"][:n]
        size = 5 * self.style.scale
        val, train, accuracy = items
        val.setData(steps, evals["val_loss"][:n], pen=self.style.pen(spec.color, 2.5), symbol="o", symbolSize=size,
                    symbolBrush=spec.color, symbolPen=None, connect="finite")
        train.setData(steps, evals["train_loss"][:n], pen=self.style.pen(spec.color, 1.5, dashed=True),
                      connect="finite")
        accuracy.setData(steps, evals["val_accuracy"][:n], pen=self.style.pen(spec.color, 2.5), symbol="o",
                         symbolSize=size, symbolBrush=spec.color, symbolPen=None, connect="finite")
        for item in items:
            item.setVisible(spec.visible)

    def _draw_boundary(self, runs, selected: int | None) -> bool:
        trace = runs.get(selected) if selected is not None else next(iter(runs), None)
        boundary = None if trace is None else trace.boundary
        key = None if boundary is None else (trace.run_id, id(boundary[1]))
        if key == self._boundary_drawn:
            return False
        self._boundary_drawn = key
        if boundary is None:
            self.heat.clear()
            return True
        (x, y), probabilities = boundary
        self.heat.setImage(decision_image(probabilities), autoLevels=False, levels=(0, 255))
        dx, dy = x[1] - x[0], y[1] - y[0]
        self.heat.setRect(QRectF(x[0] - dx / 2, y[0] - dy / 2, dx * len(x), dy * len(y)))
        return True

    def _show_titles(self) -> None:
        for plot, title in self._titles.items():
            plot.setTitle(QCoreApplication.translate("NetworkView", title) if title else "", size=self.style.title_size)

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """No start to drag: a network starts from its initial weights."""

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """No arrows in weight space."""

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector."""
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        for plot in (self.boundary_plot, self.loss_plot, self.accuracy_plot, self.confusion_plot, self.errors_plot):
            self.style.style_axes(plot)
        self._show_titles()
        self.train_points.setSize(7 * self.style.scale)
        self.val_points.setSize(9 * self.style.scale)
        self._drawn.clear()
