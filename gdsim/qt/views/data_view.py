"""The samples of a data problem, each run's current model drawn over them, and the batch in use.

Regression shows the fitted line y = w·x + b; classification shows the predicted probability (the
sigmoid) over the 0/1 labels and a dashed line at each run's decision point. The selected run's
current batch is ringed in its colour, so a person sees which samples the last gradient came from. Everything
drawn comes from the engine's frames: this view evaluates nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gdsim.engine.spec import RunSpec
from gdsim.qt.views.axes import plain_axes
from gdsim.qt.views.protocol import Picture, register_view
from gdsim.qt.views.style import PRESENTATION_SCALE, Style

SAMPLE_COLOR = "#5f5f5f"


@register_view
class DataView(QWidget):
    """A plot of (x, y) samples with every visible run's model curve; only for one-feature data."""

    key = "data"
    title = "Data and the models"
    placement = "beside"
    places_starts = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"view_{self.key}")
        self.style = Style()
        self.widget = pg.PlotWidget(axisItems=plain_axes())
        self.plot = self.widget.getPlotItem()
        self.plot.showGrid(True, True, alpha=0.25)
        self.plot.setTitle(self.tr("Data and the models"))
        self.samples = pg.ScatterPlotItem(size=7, pen=None, brush=pg.mkBrush(SAMPLE_COLOR + "aa"))
        self.batch = pg.ScatterPlotItem(size=13, brush=None)
        self.plot.addItem(self.samples)
        self.plot.addItem(self.batch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._curves: dict[int, pg.PlotDataItem] = {}
        self._decisions: dict[int, pg.InfiniteLine] = {}
        self._drawn: dict[int, tuple] = {}
        self._batch_drawn: tuple | None = None
        self._classifier = False
        self.set_presentation(False)

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        """Whether the problem has one-feature data this view can draw."""
        data_x = getattr(picture.problem, "data_x", None)
        return data_x is not None and np.ndim(data_x) == 2 and data_x.shape[1] == 1

    @property
    def watched(self) -> QWidget:
        """The widget that paints."""
        return self.widget.viewport()

    def set_problem(self, picture: Picture) -> None:
        """Show the samples of the problem (nothing if it has no one-feature data)."""
        self.clear()
        problem = picture.problem
        if not self.applies_to(picture):
            self._x = self._y = np.empty(0)
            self.samples.setData([], [])
            return
        self._x = np.asarray(problem.data_x[:, 0], dtype=float)
        self._y = np.asarray(problem.data_y, dtype=float)
        self.samples.setData(self._x, self._y)
        classifier = hasattr(problem, "decision_point")
        self._classifier = classifier
        self.plot.setLabel("bottom", "x")
        self._label_y()
        self._frame_samples(classifier)

    def _frame_samples(self, classifier: bool) -> None:
        """Fix the range on the samples (and 0..1 for a classifier's probability), with a margin.

        The models move every frame; a range that followed them would rebuild both axes on every
        frame and jump about while a person watches. A model that leaves the samples' frame is
        clipped, as the data are what it is judged against.
        """
        finite_x, finite_y = self._x[np.isfinite(self._x)], self._y[np.isfinite(self._y)]
        if not len(finite_x) or not len(finite_y):
            self.plot.enableAutoRange()
            return
        low_y, high_y = float(finite_y.min()), float(finite_y.max())
        if classifier:
            low_y, high_y = min(low_y, 0.0), max(high_y, 1.0)
        self.plot.disableAutoRange()
        self.plot.setRange(xRange=(float(finite_x.min()), float(finite_x.max())), yRange=(low_y, high_y),
                           padding=0.08)

    def _label_y(self) -> None:
        self.plot.setLabel("left", self.tr("y (class) and P(y = 1)") if self._classifier else "y")

    def clear(self) -> None:
        """Forget every run's curves."""
        for item in [*self._curves.values(), *self._decisions.values()]:
            self.plot.removeItem(item)
        self._curves.clear()
        self._decisions.clear()
        self._drawn.clear()
        self._batch_drawn = None
        self.batch.setData([], [])

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Redraw the model curves that changed and the selected run's batch; True if anything did."""
        if not len(self._x):
            return False
        changed = self._forget_removed(runs)
        for trace in runs:
            spec, frame = specs.get(trace.run_id), trace.frame
            if spec is None or frame is None or frame.model is None:
                continue
            drawn = (trace.version, spec.color, spec.visible, self.style.scale)
            if self._drawn.get(trace.run_id) == drawn:
                continue
            self._drawn[trace.run_id] = drawn
            self._draw_model(trace.run_id, frame.model, spec)
            changed = True
        return self._draw_batch(runs, specs, selected) or changed

    def _forget_removed(self, runs) -> bool:
        gone = [run_id for run_id in self._curves if run_id not in runs.traces]
        for run_id in gone:
            self.plot.removeItem(self._curves.pop(run_id))
            if run_id in self._decisions:
                self.plot.removeItem(self._decisions.pop(run_id))
            self._drawn.pop(run_id, None)
        return bool(gone)

    def _draw_model(self, run_id: int, model, spec: RunSpec) -> None:
        curve = self._curves.get(run_id)
        if curve is None:
            curve = self._curves[run_id] = pg.PlotCurveItem()
            self.plot.addItem(curve)
        curve.setPen(self.style.pen(spec.color, 2.5))
        curve.setData(model.x, model.y)
        curve.setVisible(spec.visible)
        decision = model.decision_x
        line = self._decisions.get(run_id)
        if decision is None or not np.isfinite(decision):
            if line is not None:
                line.setVisible(False)
            return
        if line is None:
            line = self._decisions[run_id] = pg.InfiniteLine(angle=90, movable=False)
            self.plot.addItem(line)
        line.setPen(self.style.pen(spec.color, 1.5, dashed=True))
        line.setValue(decision)
        line.setVisible(spec.visible)

    def _draw_batch(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        trace = runs.get(selected) if selected is not None else None
        spec = specs.get(selected) if selected is not None else None
        batch = None if trace is None or trace.frame is None or spec is None else trace.frame.batch
        key = None if batch is None else (selected, trace.version, spec.color, self.style.scale)
        if key == self._batch_drawn:
            return False
        self._batch_drawn = key
        if batch is None:
            self.batch.setData([], [])
        else:
            self.batch.setData(self._x[batch], self._y[batch], pen=self.style.pen(spec.color, 2.0))
        return True

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """No preview: starts are placed on the landscape, not on the data."""

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """No arrows on the data."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.plot.setTitle(self.tr("Data and the models"))
            self._label_y()
        super().changeEvent(event)

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector."""
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        self.style.style_axes(self.plot)
        self.samples.setSize(7 * self.style.scale)
        self.batch.setSize(13 * self.style.scale)
        self._drawn.clear()
        self._batch_drawn = None
