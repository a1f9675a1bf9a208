"""The Sweep window: a learning-rate x optimizer sweep run in a worker, drawn as a heatmap and a table.

Rows of the heatmap are the optimizers, columns the learning rates; a cell's colour is the median
over seeds of the chosen outcome (losses on a log scale), the best rate of each row is starred, and
cells where a seed diverged are hatched. Clicking a cell opens its run (the first seed's scenario) in
the main window. Under it, the articles' comparison table, measured: per optimizer its best rate and,
there, the final loss (median and its spread over the seeds), the steps to the threshold, the rates
that converge, the share of runs that diverged, the time per run, a network's validation accuracy.

The sweep runs in a worker with a progress bar and Cancel (the cells finished stay, can be exported,
and Resume runs the rest). The worker also computes what is shown (:class:`Tally`: the medians and the
summary, from :mod:`gdsim.session.sweep_results`); the GUI thread only draws.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import create_worker

from gdsim.core.problem import Problem
from gdsim.engine.spec import Scenario
from gdsim.qt.i18n import pick_text
from gdsim.qt.messages import fill
from gdsim.qt.panels.formatting import DASH, format_number
from gdsim.qt.render.image_export import save_widget_image
from gdsim.qt.session_files import could_not
from gdsim.qt.workers import PlainGeneratorWorker, describe_bug
from gdsim.resources import SWEEPS_DIR
from gdsim.session.sweep import OUTCOMES, Sweep, cell_scenario
from gdsim.session.sweep_exec import run_in_process
from gdsim.session.sweep_results import OptimizerSummary, median_grid, summarize, summary_path, write_results
from gdsim.session.sweep_run import CellResult

COLORMAP = pg.colormap.get("viridis")
HATCH = QBrush(QColor("#d55e00"), Qt.BrushStyle.BDiagPattern)
#: The colour of a cell that ran but has no finite median (most of its seeds diverged or never got there).
NO_MEDIAN = (200, 200, 200, 255)
#: The worker hands over a tally at most this often (seconds), and once at the end.
TALLY_SECONDS = 0.25
#: Significant digits of the table's numbers.
DIGITS = 4
#: Cells' values are written in them up to this many cells (and only when they fit).
MAX_VALUES = 400
#: The table shows this many optimizers without scrolling, taking at most this share of the window's height.
TABLE_ROWS = 8
TABLE_SHARE = 0.33
#: The context of this module's translated texts (the window's ``self.tr`` uses it too).
TEXTS = "SweepWindow"


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


@dataclass(frozen=True)
class Tally:
    """What the window shows of a sweep so far: the results, and for each outcome the medians and
    diverged cells (:func:`median_grid`) and the summary (:func:`summarize`, ranked by that outcome)."""

    results: tuple[CellResult, ...]
    grids: Mapping[str, tuple[np.ndarray, np.ndarray]]
    summaries: Mapping[str, list[OptimizerSummary]]


def outcomes_of(sweep: Sweep) -> tuple[str, ...]:
    """The outcomes a sweep can be ranked by (steps to the threshold only when it has one)."""
    return tuple(o for o in OUTCOMES if o != "steps_to_threshold" or sweep.threshold is not None)


def tally_of(sweep: Sweep, results: list[CellResult]) -> Tally:
    """The medians and summaries of ``results`` for every outcome (run in the worker)."""
    outcomes = outcomes_of(sweep)
    return Tally(tuple(results), {o: median_grid(sweep, results, o) for o in outcomes},
                 {o: summarize(replace(sweep, outcome=o), results) for o in outcomes})


def measure(sweep: Sweep, problem: Problem, done: tuple[CellResult, ...], stop: threading.Event
            ) -> Iterator[Tally]:
    """The worker's generator: run the cells not in ``done``, one group after the other, and yield
    a tally at most every :data:`TALLY_SECONDS` and at the end (also when ``stop`` is set, which is
    heard after the group running then)."""
    results = list(done)
    last = -math.inf
    for rows in run_in_process(sweep, problem, done=[result.index for result in done]):
        results.extend(rows)
        if stop.is_set():
            break
        if time.perf_counter() - last >= TALLY_SECONDS:
            yield tally_of(sweep, results)
            last = time.perf_counter()
    yield tally_of(sweep, results)


@dataclass(frozen=True)
class Column:
    """A column of the comparison table: its key, header and tooltip (English sources)."""

    key: str
    header: str
    tip: str


#: The comparison table's columns, in the articles' spirit (headers and tooltips: English sources).
COLUMNS = (
    Column("optimizer", QT_TRANSLATE_NOOP("SweepWindow", "Optimizer"),
           QT_TRANSLATE_NOOP("SweepWindow", "The optimizer, as the sweep file labels it")),
    Column("best_lr", QT_TRANSLATE_NOOP("SweepWindow", "Best rate"),
           QT_TRANSLATE_NOOP("SweepWindow", "The learning rate with the best median over the seeds (★ in the "
                                            "heatmap): every optimizer is compared at its own best rate")),
    Column("best_median", QT_TRANSLATE_NOOP("SweepWindow", "Median\n%1"),
           QT_TRANSLATE_NOOP("SweepWindow", "The median over the seeds of the outcome the rates are ranked by, at "
                                            "the best rate")),
    Column("final_loss", QT_TRANSLATE_NOOP("SweepWindow", "Final loss\n(median)"),
           QT_TRANSLATE_NOOP("SweepWindow", "The loss after the last step at the best rate, the median over the "
                                            "seeds")),
    Column("spread", QT_TRANSLATE_NOOP("SweepWindow", "Final loss over the seeds\n(lowest – highest)"),
           QT_TRANSLATE_NOOP("SweepWindow", "The articles' “stable” or “noisy”, measured: how far apart the seeds "
                                            "end at the best rate (∞: a seed diverged)")),
    Column("steps_to_threshold", QT_TRANSLATE_NOOP("SweepWindow", "Steps to\n%1"),
           QT_TRANSLATE_NOOP("SweepWindow", "The articles' “converges fast” or “slowly”, measured: the median "
                                            "number of steps until the loss first reached the threshold, at the "
                                            "best rate")),
    Column("converging", QT_TRANSLATE_NOOP("SweepWindow", "Rates that\nconverge"),
           QT_TRANSLATE_NOOP("SweepWindow", "The articles' “needs careful tuning”, measured: the learning rates at "
                                            "which every seed stays finite and reaches the threshold (the wider, "
                                            "the easier to tune)")),
    Column("diverged_share", QT_TRANSLATE_NOOP("SweepWindow", "Diverged"),
           QT_TRANSLATE_NOOP("SweepWindow", "The share of all this optimizer's runs (every rate and seed) that "
                                            "diverged")),
    Column("seconds", QT_TRANSLATE_NOOP("SweepWindow", "Time\nper run"),
           QT_TRANSLATE_NOOP("SweepWindow", "The articles' “heavy computation”, measured: the median time of one "
                                            "run on this computer")),
    Column("val_accuracy", QT_TRANSLATE_NOOP("SweepWindow", "Validation\naccuracy"),
           QT_TRANSLATE_NOOP("SweepWindow", "A network's accuracy on held-out data at the end, the median over the "
                                            "seeds at the best rate")),
)


def _percent(value: float | None) -> str:
    return DASH if value is None else f"{format_number(100 * value, 3)} %"


def _seconds(value: float | None) -> str:
    if value is None:
        return DASH
    return f"{format_number(value * 1000, 3)} ms" if value < 1 else f"{format_number(value, 3)} s"


class SweepWindow(QWidget):
    """A parsed sweep, run and shown. ``open_scenario(scenario)`` opens a clicked cell's run.

    Parameters
    ----------
    sweep, problem
        The sweep as :func:`gdsim.session.sweep.load_sweep` returns it (read and checked already).
    path
        The file it came from (the window's title, the exports' default names).
    open_scenario
        Called with a clicked cell's scenario (None: clicks open nothing).
    language
        Returns the language of the sweep's own texts (its title and description) to show.
    """

    finished = Signal()  # the sweep ran to its end or was cancelled, and the window shows every result
    tallied = Signal()  # a tally was drawn

    def __init__(self, sweep: Sweep, problem: Problem, path: Path,
                 open_scenario: Callable[[Scenario], None] | None = None,
                 language: Callable[[], str] = lambda: "en", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sweep_window")
        self.sweep, self.problem, self.path = sweep, problem, Path(path)
        self.open_scenario = open_scenario
        self.language = language
        self.results: list[CellResult] = []
        self.tally: Tally | None = None
        self.worker = None
        #: Set to stop the worker after the group of cells it is running (Cancel, closing, quitting).
        self._stop = stop = threading.Event()
        self.destroyed.connect(lambda *_: stop.set())  # a window deleted with its parent stops its work too
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._began = 0.0
        self._seconds = 0.0
        self._state = "ready"  # ready, running, cancelling, cancelled, finished
        self._presentation = False
        #: row -> the column starred as that optimizer's best rate.
        self.best_columns: dict[int, int] = {}
        self._build()
        self.retranslate()
        self._set_axes()
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(1200, int(screen.width() * 0.92)), min(800, int(screen.height() * 0.9)))

    # --- widgets ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("sweep_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.outcome_label = QLabel()
        self.outcome = QComboBox()
        self.outcome.setObjectName("sweep_outcome")
        for outcome in outcomes_of(self.sweep):
            self.outcome.addItem("", outcome)
        self.outcome.setCurrentIndex(self.outcome.findData(self.sweep.outcome))
        self.outcome.currentIndexChanged.connect(lambda _index: self._redraw())
        self.run_button = QPushButton()
        self.run_button.setObjectName("sweep_run")
        self.run_button.clicked.connect(self.toggle)
        self.progress = QProgressBar()
        self.progress.setObjectName("sweep_progress")
        self.progress.setRange(0, len(self.sweep.cells))
        self.progress.setValue(0)
        self.progress.setMinimumWidth(160)
        self.state_label = QLabel()
        self.state_label.setObjectName("sweep_state")
        self.export_csv = QPushButton()
        self.export_csv.setObjectName("sweep_export_csv")
        self.export_csv.clicked.connect(self.ask_csv)
        self.export_image = QPushButton()
        self.export_image.setObjectName("sweep_export_image")
        self.export_image.clicked.connect(self.ask_image)
        bar = QHBoxLayout()
        for widget in (self.outcome_label, self.outcome, self.run_button):
            bar.addWidget(widget)
        bar.addWidget(self.progress, 1)
        for widget in (self.state_label, self.export_csv, self.export_image):
            bar.addWidget(widget)

        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("sweep_heatmap")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.invertY(True)
        # a rate's label may reach past the plot's ends (the first and last are centred on their cells)
        self.plot.getPlotItem().getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.mouseClickEvent = self._on_image_clicked
        self.image.hoverEvent = self._on_image_hovered
        self.plot.addItem(self.image)
        self.best = pg.ScatterPlotItem(symbol="star", size=20, brush=pg.mkBrush("#ffffff"),
                                       pen=pg.mkPen("#000000", width=1.5))
        self.best.setZValue(10)
        self.plot.addItem(self.best)
        self.hatch = QGraphicsPathItem()
        self.hatch.setBrush(HATCH)
        self.hatch.setPen(QPen(Qt.PenStyle.NoPen))
        self.plot.addItem(self.hatch)
        #: The cells' value labels, row by row (none for a sweep of more than MAX_VALUES cells).
        self._values: list[pg.TextItem] = []
        self._shown_values: list[tuple[str, str]] = []
        rows, columns = len(self.sweep.entries), len(self.sweep.lrs)
        if rows * columns <= MAX_VALUES:
            for row in range(rows):
                for column in range(columns):
                    item = pg.TextItem("", anchor=(0.5, 0.5))
                    item.setPos(column + 0.5, row + 0.68)
                    item.setZValue(5)
                    self.plot.addItem(item)
                    self._values.append(item)
                    self._shown_values.append(("", ""))
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
        self.canvas = QWidget()  # what the heatmap's export draws: the plot and its key
        self.canvas.setObjectName("sweep_canvas")
        self.canvas.setAutoFillBackground(True)
        palette = self.canvas.palette()
        palette.setColor(self.canvas.backgroundRole(), QColor("white"))
        self.canvas.setPalette(palette)
        holder = QVBoxLayout(self.canvas)
        holder.setContentsMargins(0, 0, 0, 4)
        holder.addWidget(self.plot, 1)
        holder.addLayout(key_row)

        self.description = QLabel()
        self.description.setObjectName("sweep_description")
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setContentsMargins(8, 4, 8, 4)
        self.about = QScrollArea()
        self.about.setWidgetResizable(True)
        self.about.setWidget(self.description)
        self.about.setMinimumWidth(200)
        self.about.setMaximumWidth(420)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        top.addWidget(self.canvas)
        top.addWidget(self.about)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        top.setSizes([800, 260])

        self.columns = self._columns()
        self.table = QTableWidget(len(self.sweep.entries), len(self.columns))
        self.table.setObjectName("sweep_summary")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table_note = QLabel()
        self.table_note.setObjectName("sweep_table_note")
        self.table_note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(top, 1)
        layout.addWidget(self.table)
        layout.addWidget(self.table_note)

    def _columns(self) -> list[Column]:
        """The comparison table's columns: those that apply to this sweep (a threshold's steps, a
        network's accuracy, the median outcome when it is not one of the others)."""
        sweep = self.sweep
        dropped = set()
        if sweep.threshold is None:
            dropped.add("steps_to_threshold")
        if self.problem.stepper != "torch":
            dropped.add("val_accuracy")
        return [column for column in COLUMNS if column.key not in dropped]

    # --- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the current language (also on a LanguageChange)."""
        sweep = self.sweep
        self.setWindowTitle(fill(self.tr("Sweep: %1"), self.path.name))
        language = self.language()
        title = pick_text(sweep.title, language) or self.path.stem.replace("_", " ")
        facts = fill(self.tr("%1 optimizers × %2 learning rates × %3 seeds = %4 runs of %5 steps each. "
                             "Click a cell to open its run in the main window."),
                     len(sweep.entries), len(sweep.lrs), len(sweep.seeds), len(sweep.cells), f"{sweep.steps:,}")
        self.heading.setText(f"<b style='font-size:large'>{_escaped(title)}</b><br>{_escaped(facts)}")
        description = pick_text(sweep.description, language)
        self.description.setText(description or "")
        self.about.setVisible(bool(description))
        self.outcome_label.setText(self.tr("Colour by:"))
        for index in range(self.outcome.count()):
            self.outcome.setItemText(index, self._outcome_name(self.outcome.itemData(index)))
        self.export_csv.setText(self.tr("Export CSV…"))
        self.export_csv.setToolTip(self.tr("Write one row per run and, beside it (NAME.summary.csv), the "
                                           "comparison table, as `gdsim sweep` does"))
        self.export_image.setText(self.tr("Export heatmap…"))
        self.export_image.setToolTip(self.tr("Save the heatmap and its key as PNG or SVG"))
        self.plot.getPlotItem().setLabel("bottom", self.tr("learning rate"))
        self.table_note.setText(self.tr("Each optimizer at its own best rate (ranked by the outcome chosen "
                                        "above); hover over a column's title for what it measures."))
        for number, column in enumerate(self.columns):
            item = QTableWidgetItem(self._header(column))
            item.setToolTip(_translated(column.tip))
            self.table.setHorizontalHeaderItem(number, item)
        self._show_state()
        self._redraw()
        self.table.resizeColumnsToContents()

    def _header(self, column: Column) -> str:
        text = _translated(column.header)
        if column.key == "best_median":
            return fill(text, self._outcome_name(self.chosen_outcome))
        if column.key == "steps_to_threshold":
            return fill(text, fill(self.tr("loss ≤ %1"), format_number(self.sweep.threshold, 3)))
        return text

    def _outcome_name(self, outcome: str) -> str:
        names = {"final_loss": self.tr("final loss"), "best_loss": self.tr("best loss"),
                 "steps_to_threshold": self.tr("steps to the threshold")}
        return names[outcome]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def follow_options(self, options) -> None:
        """Follow the main window's view options (its presentation mode)."""
        if options.presentation != self._presentation:
            self.set_presentation(options.presentation)

    def set_presentation(self, on: bool) -> None:
        """Larger text for a projector (the main window's presentation mode), or back."""
        self._presentation = on
        font = QFont(QGuiApplication.font())
        if on:
            font.setPointSizeF(font.pointSizeF() * 1.5)
        self.setFont(font)
        for name in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(name)
            axis.setStyle(tickFont=font)
            axis.label.setFont(font)
        self.table.horizontalHeader().setFont(font)
        for item in self._values:
            item.setFont(font)
        self.best.setSize(28 if on else 20)
        self._redraw()
        self.table.resizeColumnsToContents()
        self._fit_to_size()

    # --- running ----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.worker is not None

    @property
    def complete(self) -> bool:
        return len(self.results) == len(self.sweep.cells)

    def toggle(self) -> None:
        """Run the sweep (or the rest of it), or cancel the one running."""
        if self.running:
            self.cancel()
        else:
            self.start()

    def start(self) -> None:
        """Run the cells not finished yet (all of them the first time) in a worker."""
        if self.running or self.complete:
            return
        self._stop.clear()
        self._began = time.perf_counter()
        self._state = "running"
        self.worker = create_worker(measure, self.sweep, self.problem, tuple(self.results), self._stop,
                                    _start_thread=True, _worker_class=PlainGeneratorWorker,
                                    _connect={"yielded": self._on_tally, "finished": self._on_finished,
                                              "errored": self._on_error})
        self._show_state()

    def cancel(self) -> None:
        """Stop after the group of cells running now; its rows and those before are kept."""
        if self.worker is not None:
            self._stop.set()
            self._state = "cancelling"
            self._show_state()

    def _on_tally(self, shown: Tally) -> None:
        self.tally = shown
        self.results = list(shown.results)
        self.progress.setValue(len(self.results))
        self._redraw()
        self.tallied.emit()

    def _on_error(self, error: BaseException) -> None:
        self._warn(self.tr("The sweep stopped because of a bug in gdsim; the runs finished so far are kept."),
                   describe_bug(error))

    def _on_finished(self) -> None:
        self._seconds += time.perf_counter() - self._began
        self.worker = None
        self._state = "finished" if self.complete else "cancelled"
        self._show_state()
        self.finished.emit()

    def _show_state(self) -> None:
        done, total = len(self.results), len(self.sweep.cells)
        state = self._state
        self.run_button.setText({"ready": self.tr("Run"), "running": self.tr("Cancel"),
                                 "cancelling": self.tr("Cancel"), "cancelled": self.tr("Resume"),
                                 "finished": ""}[state])
        self.run_button.setEnabled(state != "cancelling")
        self.run_button.setVisible(state != "finished")  # the state label says it finished
        self.progress.setFormat(fill(self.tr("%1 of %2 runs"), f"{done:,}", f"{total:,}"))
        texts = {"ready": "", "running": self.tr("running…"), "cancelling": self.tr("stopping after the runs under "
                                                                                  "way…"),
                 "cancelled": self.tr("cancelled: the runs finished are shown"),
                 "finished": fill(self.tr("finished in %1"), _seconds(self._seconds))}
        self.state_label.setText(texts[state])

    # --- drawing ----------------------------------------------------------------------------

    @property
    def chosen_outcome(self) -> str:
        return self.outcome.currentData() or self.sweep.outcome

    def _set_axes(self) -> None:
        sweep = self.sweep
        item = self.plot.getPlotItem()
        bottom = item.getAxis("bottom")
        labels = [format_number(lr, 3) for lr in sweep.lrs]
        metrics = QFontMetrics(self.font())  # the axes' tick font (set_presentation)
        label_px = max(metrics.horizontalAdvance(label) for label in labels) + metrics.averageCharWidth() * 2
        width = max(self.plot.getPlotItem().getViewBox().width(), 100)
        every = max(1, math.ceil(len(sweep.lrs) / max(1, int(width // label_px))))
        bottom.setTicks([[(i + 0.5, label) for i, label in enumerate(labels)][::every]])
        item.getAxis("left").setTicks([[(i + 0.5, entry.label) for i, entry in enumerate(sweep.entries)]])
        self.plot.setXRange(0, len(sweep.lrs), padding=0)
        self.plot.setYRange(0, len(sweep.entries), padding=0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_to_size)  # as many rate labels and cell values as fit

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The medians and the diverged cells drawn (see ``median_grid``), for the outcome chosen."""
        if self.tally is None:
            shape = (len(self.sweep.entries), len(self.sweep.lrs))
            return np.full(shape, np.nan), np.zeros(shape, dtype=bool)
        return self.tally.grids[self.chosen_outcome]

    def summary(self) -> list[OptimizerSummary]:
        """The table's lines: the summary ranked by the outcome chosen (empty before any result)."""
        return [] if self.tally is None else self.tally.summaries[self.chosen_outcome]

    def _redraw(self) -> None:
        medians, diverged = self.grid()
        outcome = self.chosen_outcome
        logarithmic = outcome != "steps_to_threshold"
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
        self.image.setImage(colours, autoLevels=False)
        self.image.setRect(QRectF(0, 0, len(self.sweep.lrs), len(self.sweep.entries)))
        ends = [None if value is None else (10.0 ** value if logarithmic else value) for value in (low, high)]
        self.scale_low.setText(format_number(ends[0], 3) if ends[0] is not None else "")
        self.scale_high.setText(format_number(ends[1], 3) if ends[1] is not None else "")
        self.scale_bar.setVisible(low is not None)
        scale = self.tr("log scale") if logarithmic else self.tr("linear scale")
        self.key.setText(fill(self.tr("median %1 over the seeds (%2; dark = best) · ★ best rate · hatched: a seed "
                                      "diverged · grey: no finite median"), self._outcome_name(outcome), scale))
        self._draw_values(medians, colours)
        self._draw_hatches(diverged)
        self._draw_best()
        for number, column in enumerate(self.columns):  # the median outcome's column, unless another shows it
            if column.key == "best_median":
                self.table.setColumnHidden(number, outcome != "best_loss")
        self._fill_table()

    def _fit_to_size(self) -> None:
        self._set_axes()
        self._show_values()
        self._fit_table()

    def _draw_values(self, medians: np.ndarray, colours: np.ndarray) -> None:
        """Each cell's median written in it (white on dark colours), when the cells are wide enough."""
        if not self._values:
            return
        digits = 3 if self.chosen_outcome == "steps_to_threshold" else 2
        for (row, column), value in np.ndenumerate(medians):
            index = row * medians.shape[1] + column
            shown = ("", "#000000")  # not run yet, or no finite median: grey says so
            if np.isfinite(value):
                red, green, blue, _ = (int(c) for c in colours[row, column])
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 140
                shown = (format_number(value, digits), "#ffffff" if dark else "#000000")
            if self._shown_values[index] != shown:  # setting a text item's text lays it out again
                self._shown_values[index] = shown
                self._values[index].setText(shown[0], color=shown[1])
        self._show_values()

    def _show_values(self) -> None:
        """Values only where every one fits its cell."""
        if not self._values:
            return
        cell = self.plot.getPlotItem().getViewBox().width() / max(1, len(self.sweep.lrs))
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(item.textItem.toPlainText()) for item in self._values)
        fits = widest + 6 <= cell
        for item in self._values:
            item.setVisible(fits)

    def _fit_table(self) -> None:
        """The table as tall as its rows, up to :data:`TABLE_ROWS` rows and :data:`TABLE_SHARE` of the
        window's height (more rows scroll: the heatmap keeps the room)."""
        table = self.table
        rows = min(table.rowCount(), TABLE_ROWS)
        frame = table.horizontalHeader().height() + 2 * table.frameWidth()
        if table.horizontalScrollBar().isVisible():
            frame += table.horizontalScrollBar().height()
        height = frame + sum(table.rowHeight(row) for row in range(rows))
        least = frame + table.rowHeight(0) * min(2, table.rowCount())  # two rows at least
        table.setFixedHeight(max(least, min(height, int(self.height() * TABLE_SHARE))))

    def _draw_hatches(self, diverged: np.ndarray) -> None:
        """One hatched path over the cells where a seed diverged."""
        path = QPainterPath()
        for row, column in zip(*np.nonzero(diverged), strict=True):
            path.addRect(QRectF(float(column), float(row), 1.0, 1.0))
        self.hatch.setPath(path)

    def _draw_best(self) -> None:
        """A star on each optimizer's best rate (the summary's)."""
        column = {lr: i for i, lr in enumerate(self.sweep.lrs)}
        self.best_columns = {row: column[line.best_lr] for row, line in enumerate(self.summary())
                             if line.best_lr is not None}
        self.best.setData(pos=[(x + 0.5, y + 0.32) for y, x in self.best_columns.items()])

    def _fill_table(self) -> None:
        """The table's cells set to the summary's lines (only those that changed), then its columns fitted."""
        lines = self.summary()
        changed = False
        for row, entry in enumerate(self.sweep.entries):
            line = lines[row] if row < len(lines) else None
            for number, column in enumerate(self.columns):
                text, values = self._cell(column.key, line, entry.label)
                item = self.table.item(row, number)
                if item is None:
                    item = QTableWidgetItem()
                    if number:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, number, item)
                if item.text() != text or item.data(Qt.ItemDataRole.UserRole) != values:
                    item.setText(text)
                    item.setData(Qt.ItemDataRole.UserRole, values)
                    changed = True
        if changed:
            self.table.resizeColumnsToContents()
        self._fit_table()

    def _cell(self, key: str, line: OptimizerSummary | None, label: str) -> tuple[str, tuple]:
        """A table cell's text and the summary's values it shows (as the summary CSV has them)."""
        if key == "optimizer":
            return label, (label,)
        if line is None:
            return DASH, ()
        if key == "spread":
            values = (line.final_loss_min, line.final_loss_max)
            if None in values:
                return DASH, values
            return f"{format_number(values[0], DIGITS)} – {format_number(values[1], DIGITS)}", values
        if key == "converging":
            values = (line.converging_lr_from, line.converging_lr_to, line.converging_lrs, line.lrs)
            if not line.converging_lrs:
                return fill(self.tr("none of %1"), line.lrs), values
            span = format_number(line.converging_lr_from, 3)
            if line.converging_lr_to != line.converging_lr_from:
                span += f" – {format_number(line.converging_lr_to, 3)}"
            return fill(self.tr("%1 (%2 of %3)"), span, line.converging_lrs, line.lrs), values
        value = getattr(line, key)
        if key == "diverged_share":
            return _percent(value), (value,)
        if key == "val_accuracy":
            return _percent(value), (value,)
        if key == "seconds":
            return _seconds(value), (value,)
        if key == "steps_to_threshold" or (key == "best_median" and line.outcome == "steps_to_threshold"):
            return (DASH if value is None else format_number(value, 6)), (value,)
        return format_number(value, DIGITS), (value,)

    # --- clicks and hovering ----------------------------------------------------------------

    def _cell_at(self, event) -> tuple[int, int]:
        point = self.image.mapToParent(event.pos())
        return int(math.floor(point.y())), int(math.floor(point.x()))

    def _on_image_clicked(self, event) -> None:
        self.open_cell(*self._cell_at(event))
        event.accept()

    def _on_image_hovered(self, event) -> None:
        if event.isExit():
            self.plot.setToolTip("")
            return
        row, column = self._cell_at(event)
        self.plot.setToolTip(self.cell_text(row, column))

    def cell_text(self, row: int, column: int) -> str:
        """What the cell at optimizer ``row``, rate ``column`` measured, in a sentence (its tooltip)."""
        sweep = self.sweep
        if not (0 <= row < len(sweep.entries) and 0 <= column < len(sweep.lrs)):
            return ""
        medians, diverged = self.grid()
        head = fill(self.tr("%1 at learning rate %2"), sweep.entries[row].label, format_number(sweep.lrs[column], 4))
        value = medians[row, column]
        if np.isnan(value):
            body = self.tr("not run yet")
        else:
            template = (self.tr("median %1: %2; a seed diverged") if diverged[row, column]
                        else self.tr("median %1: %2"))
            body = fill(template, self._outcome_name(self.chosen_outcome), format_number(value, 4))
        click = fill(self.tr("Click to open this run (seed %1) in the main window."), sweep.seeds[0])
        return f"{head}\n{body}\n{click}" if self.open_scenario else f"{head}\n{body}"

    def open_cell(self, row: int, column: int) -> None:
        """Open the run of optimizer ``row`` at rate ``column`` (its first seed) in the main window."""
        sweep = self.sweep
        if self.open_scenario is None:
            return
        if 0 <= row < len(sweep.entries) and 0 <= column < len(sweep.lrs):
            self.open_scenario(cell_scenario(sweep, row, sweep.lrs[column], sweep.seeds[0]))

    # --- exports ----------------------------------------------------------------------------

    def ask_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the sweep's results"),
                                              str(self._export_name(".csv")),
                                              self.tr("CSV table (*.csv)"))
        if name:
            path = Path(name)
            self.save_csv(path if path.suffix else path.with_suffix(".csv"))

    def _export_name(self, suffix: str) -> Path:
        """The exports' default name: beside the sweep file, or in the home folder for a bundled lesson
        (the package's folder is no place to write)."""
        folder = Path.home() if self.path.parent == SWEEPS_DIR else self.path.parent
        return folder / (self.path.stem + suffix)

    def save_csv(self, path: Path) -> bool:
        """Write the rows finished so far to ``path`` and the comparison table (ranked by the outcome
        chosen) beside it, as ``gdsim sweep`` writes them; a message if they cannot be written."""
        try:
            write_results(replace(self.sweep, outcome=self.chosen_outcome), self.results, path)
        except (OSError, ValueError) as error:  # an InputError is a ValueError
            self._warn(*could_not("save", path, error))
            return False
        self.state_label.setText(fill(self.tr("wrote %1 and %2"), path.name, summary_path(path).name))
        return True

    def ask_image(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, self.tr("Export the heatmap"),
                                                   str(self._export_name(".png")),
                                                   self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if name:
            path = Path(name)
            self.save_image(path if path.suffix else path.with_suffix(".svg" if "svg" in chosen else ".png"))

    def save_image(self, path: Path) -> bool:
        """The heatmap and its key as PNG or SVG (by the suffix), written beside the target and renamed."""
        try:
            save_widget_image(self.canvas, path)
        except OSError as error:
            self._warn(*could_not("save", path, error))
            return False
        self.state_label.setText(fill(self.tr("wrote %1"), path.name))
        return True

    def _warn(self, text: str, details: str | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sweep_message")
        if details:
            box.setDetailedText(details)
        box.open()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.cancel()
        super().closeEvent(event)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
