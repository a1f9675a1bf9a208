"""Per-run results: status, steps taken, final loss, distance to the nearest known minimum, and when
it first came within the tolerance of one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from gdsim.core.problem import Problem
from gdsim.engine.snapshot import RunFrame
from gdsim.engine.spec import RunSpec
from gdsim.engine.status import Status, status_counts
from gdsim.qt.messages import fill, reason_text, status_text
from gdsim.qt.panels.formatting import DASH, format_number

#: Qt's translation function; lupdate finds the texts of its calls.
translate = QCoreApplication.translate

#: The most of the table's width the Run column takes (the numbers always show whole).
RUN_SHARE = 0.27
#: Significant digits of the numbers in the table (the readout shows more).
DIGITS = 4
#: The columns presentation mode leaves out, so the table fits a narrow column beside the views
#: (the distance to the nearest known minimum and the step it was reached, shown again after).
PRESENTATION_HIDDEN = (4, 5)
#: Headers of two words take two lines, so the columns are as narrow as their numbers.
COLUMNS = (QT_TRANSLATE_NOOP("ResultsTable", "Run"), QT_TRANSLATE_NOOP("ResultsTable", "Status"),
           QT_TRANSLATE_NOOP("ResultsTable", "Steps"), QT_TRANSLATE_NOOP("ResultsTable", "Final\nloss"),
           QT_TRANSLATE_NOOP("ResultsTable", "Distance"), QT_TRANSLATE_NOOP("ResultsTable", "Reached\nat"))
TIPS = (
    QT_TRANSLATE_NOOP("ResultsTable", "The run's name and colour."),
    QT_TRANSLATE_NOOP("ResultsTable", "running (paused while the session is paused), converged (a stop rule), "
                                      "diverged, max steps (all steps taken) or stopped."),
    QT_TRANSLATE_NOOP("ResultsTable", "Steps taken."),
    QT_TRANSLATE_NOOP("ResultsTable", "The loss where the run ended (the current loss, in italics, while it runs)."),
    QT_TRANSLATE_NOOP("ResultsTable", "Distance from the ball to the nearest known minimum."),
    QT_TRANSLATE_NOOP("ResultsTable", "The step at which the ball first came within the tolerance of a known "
                                      "minimum (— if never)."),
)


def _status(frame: RunFrame, playing: bool) -> str:
    def word(status: Status) -> str:
        if status == Status.RUNNING and not playing:
            return translate("ResultsTable", "paused")
        return status_text(status)

    if not frame.is_swarm:
        return word(Status(int(frame.status[0])))
    return ", ".join(f"{count} {word(status)}" for status, count in status_counts(frame.status))


def _summary(values: np.ndarray | None, whole: bool = False) -> str:
    """One ball: its value; several: the best (and how many have one, for reached-at)."""
    if values is None or not len(values):
        return DASH
    if len(values) == 1:  # one ball (every frame, for every run: no array work)
        value = values[0]
        if whole:
            return str(int(value)) if value >= 0 else DASH
        return format_number(float(value), DIGITS)
    if whole:
        reached = values[values >= 0]
        if not len(reached):
            return DASH
        if len(values) == 1:
            return str(int(reached[0]))
        return fill(translate("ResultsTable", "%1/%2, first %3"), len(reached), len(values), int(reached.min()))
    finite = values[np.isfinite(values)]
    if not len(finite):
        return format_number(float(values[0]), DIGITS)
    best = format_number(float(finite.min()), DIGITS)
    return best if len(values) == 1 else fill(translate("ResultsTable", "best %1"), best)


class ResultsTable(QWidget):
    """A table with one row per run.

    Signals
    -------
    selected(int)
        The id of the run whose row was clicked.
    """

    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("results")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._widest: dict[int, int] = {}
        #: The texts set longer than their cells' were, by column: measured once the rows are set.
        self._grown: dict[int, list[str]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._row_ids: list[int | None] = []
        self._shown: tuple | None = None
        #: What each row shows, as plain data: (label, colour, final, status tip, cell texts).
        self._rows: list[tuple | None] = []
        self.table.cellClicked.connect(self._clicked)
        self.retranslate()

    def set_presentation(self, on: bool) -> None:
        """In presentation mode only the run, its status, steps and final loss (a narrow table)."""
        for column in PRESENTATION_HIDDEN:
            self.table.setColumnHidden(column, on)

    def retranslate(self) -> None:
        """Headers, their tooltips and the rows shown in the current language."""
        for column, (title, tip) in enumerate(zip(COLUMNS, TIPS, strict=True)):
            header = self.table.horizontalHeaderItem(column)
            header.setText(translate("ResultsTable", title))
            header.setToolTip(translate("ResultsTable", tip))
        if self._shown is not None:
            self.show_runs(*self._shown)
        self._widest.clear()
        self._fit_columns()

    def text(self, row: int, column: int) -> str:
        """The text in a cell."""
        item = self.table.item(row, column)
        return item.text() if item else ""

    def show_runs(self, frames: Sequence[RunFrame | None], specs: Sequence[RunSpec], problem: Problem | None,
                  playing: bool = True) -> None:
        """One row per run: ``frames[i]`` (None before its first frame) with settings ``specs[i]``;
        runs that can still move read "paused" unless ``playing``.

        Cells are reused and only changed texts are set, so a refresh while running stays cheap.
        """
        self._shown = (frames, specs, problem, playing)
        if self.table.rowCount() != len(specs):
            self.table.setRowCount(len(specs))
            self._widest.clear()
            self._rows = []
        self._row_ids = [None if frame is None else frame.run_id for frame in frames]
        for row, (frame, spec) in enumerate(zip(frames, specs, strict=True)):
            self._show_row(row, frame, spec, problem, playing)
        for column, texts in self._grown.items():
            if column in self._widest:  # fitted before: only the texts that grew need measuring
                self._widen(column, texts)
            else:
                self._fit_columns([column])
        self._grown = {}

    def _fit_columns(self, columns=None) -> None:
        """Widen each column to its widest text (header or cell), measured with the table's font;
        columns only grow while the rows stay, so a running table does not jitter. Measuring
        texts is cheap, unlike asking the view for its size hints, which also depend on whether
        the table is shown yet."""
        for column in range(self.table.columnCount()) if columns is None else sorted(columns):
            self._widen(column, [self.text(row, column) for row in range(self.table.rowCount())])

    def _widen(self, column: int, texts: list[str]) -> None:
        """Widen ``column`` to fit ``texts`` and its header, if they need more than it has."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        padding = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 8
        icon = self.table.iconSize().width() + 6 if self.table.iconSize().isValid() else metrics.height() + 6
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        if column == 0 and texts:
            widest += icon
        title = self.table.horizontalHeaderItem(column).text()
        title_width = max(header.fontMetrics().horizontalAdvance(line) for line in title.splitlines())
        widest = max(widest, title_width + 4) + padding
        if column == 0:  # long run names give way (elided, whole in the tooltip)
            widest = min(widest, max(title_width * 3, int(RUN_SHARE * self.table.viewport().width())))
        if widest > self._widest.get(column, -1):
            self._widest[column] = widest
            header.resizeSection(column, widest)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new font (presentation mode) makes every text wider: fit every column again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._widest.clear()
            self._fit_columns()

    def _show_row(self, row: int, frame: RunFrame | None, spec: RunSpec, problem: Problem | None,
                  playing: bool) -> None:
        if frame is None:
            cells = [translate("ResultsTable", "not started"), "0", DASH, DASH, DASH]
            final, tip = True, ""
        else:
            final = not frame.running
            no_minima = problem is not None and not problem.minima
            cells = [_status(frame, playing), str(frame.step), _summary(frame.loss),
                     DASH if no_minima else _summary(frame.distance),
                     DASH if no_minima else _summary(frame.reached_at, whole=True)]
            tip = reason_text(frame.reason)
        shown = (spec.label, spec.color, final, tip, cells)
        before = self._rows[row] if row < len(self._rows) else None
        if shown == before:  # a row is compared as plain data first: asking the items costs more
            return
        name = self._cell(row, 0, spec.label)
        if before is None or before[:2] != shown[:2]:
            name.setToolTip(spec.label)
            name.setData(Qt.ItemDataRole.DecorationRole, QColor(spec.color))
        for column, text in enumerate(cells, start=1):
            if before is not None and before[4][column - 1] == text and (column != 3 or before[2] == final) \
                    and (column != 1 or before[3] == tip):
                continue
            item = self._cell(row, column, text)
            if column == 3 and item.font().italic() == final:
                font = item.font()
                font.setItalic(not final)
                item.setFont(font)
            if column == 1 and item.toolTip() != tip:
                item.setToolTip(tip)
        while len(self._rows) <= row:
            self._rows.append(None)
        self._rows[row] = shown

    def _cell(self, row: int, column: int, text: str) -> QTableWidgetItem:
        """The item at (row, column), created on first use, showing ``text``."""
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem(text)
            if column >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
            self._grown.setdefault(column, []).append(text)
        elif item.text() != text:
            if len(text) > len(item.text()):
                self._grown.setdefault(column, []).append(text)
            item.setText(text)
        return item

    def _clicked(self, row: int, column: int) -> None:
        if 0 <= row < len(self._row_ids) and self._row_ids[row] is not None:
            self.selected.emit(self._row_ids[row])
