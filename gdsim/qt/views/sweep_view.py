"""The Sweep window: a learning-rate x optimizer sweep run in a worker and drawn as a heatmap.

Rows are the optimizers, columns the learning rates; a cell's colour is the median over seeds of the
chosen outcome (losses on a log scale), the best rate of each row is starred, and cells where a seed
diverged are hatched. Clicking a cell opens its run (the first seed's scenario) in the main window.
The summary table under it is the articles' comparison table, measured. The sweep runs in a worker,
group by group, with a progress bar and Cancel; the window computes nothing itself (the medians and
the summary come from :mod:`gdsim.session.sweep_results`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import create_worker

from gdsim.core.errors import InputError
from gdsim.core.problem import Problem
from gdsim.engine.spec import Scenario
from gdsim.qt.messages import error_text, fill, located_text
from gdsim.qt.render.image_export import save_widget_image
from gdsim.qt.workers import PlainGeneratorWorker, describe_bug, run_in_worker
from gdsim.session.sweep import OUTCOMES, Sweep, cell_scenario, load_sweep
from gdsim.session.sweep_exec import executor
from gdsim.session.sweep_results import median_grid, summarize, write_results
from gdsim.session.sweep_run import CellResult

COLORMAP = pg.colormap.get("viridis")
HATCH = QBrush(QColor("#d55e00"), Qt.BrushStyle.BDiagPattern)
SUMMARY_HEADERS = (QT_TRANSLATE_NOOP("SweepWindow", "optimizer"), QT_TRANSLATE_NOOP("SweepWindow", "best lr"),
                   QT_TRANSLATE_NOOP("SweepWindow", "median"), QT_TRANSLATE_NOOP("SweepWindow", "converging lrs"))


def _groups(sweep: Sweep, problem: Problem):
    """The worker's generator: each finished group's results, as they come."""
    yield from executor(sweep, problem)


class SweepWindow(QWidget):
    """A sweep file, run and shown. ``open_scenario(scenario)`` opens a clicked cell's run."""

    finished = Signal()  # the sweep ran to its end or was cancelled
    loaded = Signal()  # the file was read

    def __init__(self, path: Path, open_scenario: Callable[[Scenario], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sweep_window")
        self.setWindowTitle(self.tr("Sweep: %1").replace("%1", Path(path).name))
        self.resize(1000, 720)
        self.path = Path(path)
        self.open_scenario = open_scenario
        self.sweep: Sweep | None = None
        self.problem: Problem | None = None
        self.results: list[CellResult] = []
        self.worker = None
        self._build()
        run_in_worker(load_sweep, self.path, returned=self._on_loaded, errored=self._on_failed)

    # --- widgets ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self.tr("Reading the sweep…"))
        self.heading.setWordWrap(True)
        self.outcome = QComboBox()
        self.outcome.setObjectName("sweep_outcome")
        self.outcome.addItems(OUTCOMES)
        self.outcome.currentTextChanged.connect(lambda _text: self._redraw())
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setObjectName("sweep_run")
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(self.toggle)
        self.progress = QProgressBar()
        self.progress.setObjectName("sweep_progress")
        self.export_csv = QPushButton(self.tr("Export table…"))
        self.export_csv.clicked.connect(self.ask_csv)
        self.export_image = QPushButton(self.tr("Export heatmap…"))
        self.export_image.clicked.connect(self.ask_image)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Outcome:")), self.outcome, self.run_button, self.progress, self.export_csv,
                       self.export_image):
            bar.addWidget(widget)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("sweep_heatmap")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.invertY(True)
        self.plot.getPlotItem().setLabel("bottom", self.tr("learning rate"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.mouseClickEvent = self._on_image_clicked
        self.plot.addItem(self.image)
        self.best = pg.ScatterPlotItem(symbol="star", size=18, brush=pg.mkBrush("#ffffff"), pen=pg.mkPen("#000000"))
        self.plot.addItem(self.best)
        self._hatches: list[QGraphicsRectItem] = []
        self.canvas = QWidget()  # what an export draws (a plain widget renders its children, the plot included)
        holder = QVBoxLayout(self.canvas)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(self.plot)
        #: row -> the column starred as that optimizer's best rate.
        self.best_columns: dict[int, int] = {}
        self.key = QLabel("")
        self.key.setWordWrap(True)
        self.table = QTableWidget(0, len(SUMMARY_HEADERS))
        self.table.setObjectName("sweep_summary")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("SweepWindow", h) for h in SUMMARY_HEADERS])
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 3)
        layout.addWidget(self.key)
        layout.addWidget(self.table, 1)

    # --- reading and running ----------------------------------------------------------------

    def _on_loaded(self, loaded: tuple[Sweep, Problem]) -> None:
        self.sweep, self.problem = loaded
        sweep = self.sweep
        title = (sweep.title or {}).get("en", self.path.name)
        self.heading.setText(f"<b>{title}</b><br>" + fill(self.tr("%1 optimizers × %2 learning rates × %3 seeds, %4 "
                                                                  "steps each; click a cell to open its run"),
                                                          len(sweep.entries), len(sweep.lrs), len(sweep.seeds),
                                                          sweep.steps))
        self.outcome.setCurrentText(sweep.outcome)
        self.progress.setRange(0, len(sweep.cells))
        self.progress.setValue(0)
        self.run_button.setEnabled(True)
        self._set_axes()
        self.loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        text = located_text(error) if isinstance(error, InputError) else describe_bug(error)
        self.heading.setText(fill(self.tr("Could not read %1: %2"), self.path.name, text))

    @property
    def running(self) -> bool:
        return self.worker is not None

    def toggle(self) -> None:
        """Run the sweep, or cancel the one running."""
        if self.running:
            self.cancel()
        else:
            self.start()

    def start(self) -> None:
        if self.sweep is None or self.running:
            return
        self.results = []
        self.progress.setValue(0)
        self.run_button.setText(self.tr("Cancel"))
        self.worker = create_worker(_groups, self.sweep, self.problem, _start_thread=True,
                                    _worker_class=PlainGeneratorWorker,
                                    _connect={"yielded": self._on_rows, "finished": self._on_finished,
                                              "errored": self._on_failed})

    def cancel(self) -> None:
        """Stop after the group running now (its rows are kept)."""
        if self.worker is not None:
            self.worker.quit()

    def _on_rows(self, rows: list[CellResult]) -> None:
        self.results.extend(rows)
        self.progress.setValue(len(self.results))
        self._redraw()

    def _on_finished(self) -> None:
        self.worker = None
        self.run_button.setText(self.tr("Run"))
        self._redraw()
        self.finished.emit()

    # --- drawing ----------------------------------------------------------------------------

    def _set_axes(self) -> None:
        sweep = self.sweep
        item = self.plot.getPlotItem()
        every = max(1, math.ceil(len(sweep.lrs) / 8))
        item.getAxis("bottom").setTicks([[(i + 0.5, f"{lr:.3g}") for i, lr in enumerate(sweep.lrs)][::every]])
        item.getAxis("left").setTicks([[(i + 0.5, entry.label) for i, entry in enumerate(sweep.entries)]])
        self.plot.setXRange(0, len(sweep.lrs), padding=0)
        self.plot.setYRange(0, len(sweep.entries), padding=0)

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The medians and the diverged cells drawn (see ``median_grid``)."""
        return median_grid(self.sweep, self.results, self.outcome.currentText())

    def _redraw(self) -> None:
        if self.sweep is None:
            return
        medians, diverged = self.grid()
        finite = np.where(np.isfinite(medians), medians, np.nan)
        shown = finite
        if self.outcome.currentText() != "steps_to_threshold":
            with np.errstate(divide="ignore", invalid="ignore"):
                shown = np.log10(np.where(finite > 0, finite, np.nan))
        colours = np.zeros((*shown.shape, 4), dtype=np.ubyte)
        known = np.isfinite(shown)
        if known.any():
            low, high = float(shown[known].min()), float(shown[known].max())
            fraction = (shown - low) / (high - low) if high > low else np.zeros_like(shown)
            colours[known] = COLORMAP.map(fraction[known], mode="byte")
        colours[~known & ~np.isnan(medians)] = (200, 200, 200, 255)  # ran, but no finite median
        self.image.setImage(colours, autoLevels=False)
        scale = self.tr("steps") if self.outcome.currentText() == "steps_to_threshold" else self.tr("log₁₀ scale")
        self.key.setText(fill(self.tr("Colour: median over seeds of %1 (%2), dark purple = lowest = best; ★ best rate "
                                      "per optimizer; hatched: a seed diverged; grey: no finite median"),
                              self.outcome.currentText(), scale))
        self.image.setRect(QRectF(0, 0, len(self.sweep.lrs), len(self.sweep.entries)))
        self._draw_hatches(diverged)
        self._draw_best(medians)
        self._fill_table()

    def _draw_hatches(self, diverged: np.ndarray) -> None:
        for item in self._hatches:
            self.plot.removeItem(item)
        self._hatches = []
        for row, column in zip(*np.nonzero(diverged), strict=True):
            rect = QGraphicsRectItem(float(column), float(row), 1.0, 1.0)
            rect.setBrush(HATCH)
            rect.setPen(QPen(Qt.PenStyle.NoPen))
            self.plot.addItem(rect)
            self._hatches.append(rect)

    def _draw_best(self, medians: np.ndarray) -> None:
        points = []
        for row in range(medians.shape[0]):
            values = medians[row]
            if np.isfinite(values).any():
                points.append((int(np.nanargmin(np.where(np.isfinite(values), values, np.nan))) + 0.5, row + 0.5))
        self.best.setData(pos=points)
        self.best_columns = {int(y - 0.5): int(x - 0.5) for x, y in points}

    def _fill_table(self) -> None:
        lines = summarize(self.sweep, self.results) if self.results else []
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            best = "—" if line.best_lr is None else f"{line.best_lr:.4g}"
            median = "—" if line.best_median is None else f"{line.best_median:.4g}"
            span = (fill(self.tr("%1 … %2 (%3 of %4)"), f"{line.converging_lr_from:.4g}",
                         f"{line.converging_lr_to:.4g}", line.converging_lrs, line.lrs) if line.converging_lrs
                    else fill(self.tr("none of %1"), line.lrs))
            for column, text in enumerate((line.optimizer, best, median, span)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    # --- clicks and exports -----------------------------------------------------------------

    def _on_image_clicked(self, event) -> None:
        point = self.image.mapToParent(event.pos())
        self.open_cell(int(math.floor(point.y())), int(math.floor(point.x())))
        event.accept()

    def open_cell(self, row: int, column: int) -> None:
        """Open the run of optimizer ``row`` at rate ``column`` (its first seed) in the main window."""
        sweep = self.sweep
        if sweep is None or self.open_scenario is None:
            return
        if 0 <= row < len(sweep.entries) and 0 <= column < len(sweep.lrs):
            self.open_scenario(cell_scenario(sweep, row, sweep.lrs[column], sweep.seeds[0]))

    def ask_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the sweep's table"),
                                              str(self.path.with_suffix(".csv")),
                                              "CSV (*.csv)")
        if name:
            self.save_csv(Path(name))

    def save_csv(self, path: Path) -> None:
        """Write the rows so far and the summary beside them (``results.summary.csv``)."""
        try:
            write_results(self.sweep, self.results, path)
        except InputError as error:
            QMessageBox.warning(self, self.tr("Export"), error_text(error))

    def ask_image(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the heatmap"),
                                                   str(self.path.with_suffix(".png")),
                                                   self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if name:
            path = Path(name)
            self.save_image(path if path.suffix else path.with_suffix(".svg" if "svg" in chosen else ".png"))

    def save_image(self, path: Path) -> None:
        """The heatmap as PNG or SVG (by the suffix), written beside the target and renamed."""
        try:
            save_widget_image(self.canvas, path)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export"), error_text(error))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.cancel()
        super().closeEvent(event)


def show_sweep(window, path: Path) -> SweepWindow:
    """Open the Sweep window for ``path`` beside the main ``window``: a clicked cell replaces the
    session with that cell's run (after the window's usual question if the session has changes)."""

    def open_scenario(scenario: Scenario) -> None:
        if window.confirm_discard():
            window.bridge.load(scenario)

    sweep_window = SweepWindow(path, open_scenario, window)
    sweep_window.show()
    return sweep_window
