"""The Sweep window: a learning-rate x optimizer sweep run in a worker, drawn as a heatmap and a table.

The heatmap (:mod:`.sweep_heatmap`) has the optimizers as rows and the learning rates as columns, a
cell's colour the median over seeds of the outcome chosen; clicking a cell opens its run (the first
seed's scenario) in the main window. Under it the articles' comparison table, measured
(:mod:`.sweep_table`). Beside it the sweep's description (what it measures), in the window's language.

The sweep runs in a worker with a progress bar and Cancel (the cells finished stay, can be exported,
and Resume runs the rest). The worker also computes what is shown (:class:`Tally`: the medians and the
summaries, from :mod:`gdsim.session.sweep_results`); the GUI thread only draws.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import create_worker

from gdsim.core.problem import Problem
from gdsim.engine.spec import Scenario
from gdsim.qt.i18n import pick_text
from gdsim.qt.messages import fill
from gdsim.qt.panels.formatting import format_number
from gdsim.qt.render.image_export import save_widget_image
from gdsim.qt.session_files import could_not
from gdsim.qt.views.sweep_heatmap import SweepHeatmap
from gdsim.qt.views.sweep_table import SweepTable, duration, outcome_name
from gdsim.qt.workers import PlainGeneratorWorker, describe_bug
from gdsim.resources import SWEEPS_DIR
from gdsim.session.sweep import OUTCOMES, Sweep, cell_scenario
from gdsim.session.sweep_exec import run_in_process
from gdsim.session.sweep_results import OptimizerSummary, median_grid, summarize, summary_path, write_results
from gdsim.session.sweep_run import CellResult

#: The worker hands over a tally at most this often (seconds), and once at the end.
TALLY_SECONDS = 0.25


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
        self._build()
        self.retranslate()
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

        self.heatmap = SweepHeatmap([entry.label for entry in self.sweep.entries], list(self.sweep.lrs))
        self.heatmap.clicked.connect(self.open_cell)
        self.heatmap.hovered.connect(lambda row, column: self.heatmap.set_tip(self.cell_text(row, column)))
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
        top.addWidget(self.heatmap)
        top.addWidget(self.about)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        top.setSizes([800, 260])
        self.table = SweepTable(self.sweep, self.problem.stepper == "torch")
        self.table_note = QLabel()
        self.table_note.setObjectName("sweep_table_note")
        self.table_note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addWidget(top, 1)
        layout.addWidget(self.table)
        layout.addWidget(self.table_note)

    # --- language and presentation ------------------------------------------------------------

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
            self.outcome.setItemText(index, outcome_name(self.outcome.itemData(index)))
        self.export_csv.setText(self.tr("Export CSV…"))
        self.export_csv.setToolTip(self.tr("Write one row per run and, beside it (NAME.summary.csv), the "
                                           "comparison table, as `gdsim sweep` does"))
        self.export_image.setText(self.tr("Export heatmap…"))
        self.export_image.setToolTip(self.tr("Save the heatmap and its key as PNG or SVG"))
        self.heatmap.set_label(self.tr("learning rate"))
        self.table_note.setText(self.tr("Each optimizer at its own best rate (ranked by the outcome chosen "
                                        "above); hover over a column's title for what it measures."))
        self.table.retranslate()
        self._show_state()
        self._redraw()

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
        self.heatmap.set_font_for_projector(font, on)
        self.table.set_font_for_projector(font)
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
                 "finished": fill(self.tr("finished in %1"), duration(self._seconds))}
        self.state_label.setText(texts[state])

    # --- drawing ----------------------------------------------------------------------------

    @property
    def chosen_outcome(self) -> str:
        return self.outcome.currentData() or self.sweep.outcome

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
        steps = outcome == "steps_to_threshold"
        scale = self.tr("linear scale") if steps else self.tr("log scale")
        key = fill(self.tr("median %1 over the seeds (%2; dark = best) · ★ best rate · hatched: a seed diverged · "
                           "grey: no finite median"), outcome_name(outcome), scale)
        column = {lr: i for i, lr in enumerate(self.sweep.lrs)}
        lines = self.summary()
        best = {row: column[line.best_lr] for row, line in enumerate(lines) if line.best_lr is not None}
        self.heatmap.draw(medians, diverged, best, not steps, key, 3 if steps else 2)
        self.table.show_summary(lines, outcome)
        self.table.fit_height(self.height())

    @property
    def best_columns(self) -> dict[int, int]:
        """Row -> the column starred as that optimizer's best rate."""
        return self.heatmap.best_columns

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_to_size)  # as many rate labels and cell values as fit

    def _fit_to_size(self) -> None:
        self.heatmap.fit()
        self.table.fit_height(self.height())

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
            body = fill(template, outcome_name(self.chosen_outcome), format_number(value, 4))
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
            save_widget_image(self.heatmap, path)
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
