"""The Sweep window's table: the articles' comparison tables (batch GD / SGD / mini-batch in 001, six
methods in 002), measured by a sweep.

The articles judge methods as "stable" or "noisy", "fast" or "slow", "needs careful tuning",
"heavy computation"; each column measures one of those words, per optimizer at its own best rate:
the final loss (median, and lowest – highest over the seeds), the steps to the threshold, the rates
that converge, the share of runs that diverged, the time per run, a network's validation accuracy.
The numbers are a summary's lines (:func:`gdsim.session.sweep_results.summarize`), the columns of
``results.summary.csv``; each cell keeps the values it shows (its UserRole data), as the CSV has them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from gdsim.qt.messages import fill
from gdsim.qt.panels.formatting import DASH, format_number
from gdsim.session.sweep import Sweep
from gdsim.session.sweep_results import OptimizerSummary

#: The context of this module's translated texts.
TEXTS = "SweepTable"
#: Significant digits of the table's numbers.
DIGITS = 4
#: The table shows this many optimizers without scrolling, taking at most this share of its window's height.
TABLE_ROWS = 8
TABLE_SHARE = 0.33
#: What a sweep can rank its rates by, as a person reads it.
OUTCOME_NAMES = {"final_loss": QT_TRANSLATE_NOOP("SweepTable", "final loss"),
                 "best_loss": QT_TRANSLATE_NOOP("SweepTable", "best loss"),
                 "steps_to_threshold": QT_TRANSLATE_NOOP("SweepTable", "steps to the threshold")}


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


def outcome_name(outcome: str) -> str:
    """The outcome ``final_loss``, ``best_loss`` or ``steps_to_threshold`` in the current language."""
    return _translated(OUTCOME_NAMES[outcome])


@dataclass(frozen=True)
class Column:
    """A column of the comparison table: its key, header and tooltip (English sources)."""

    key: str
    header: str
    tip: str


#: The comparison table's columns, in the articles' spirit.
COLUMNS = (
    Column("optimizer", QT_TRANSLATE_NOOP("SweepTable", "Optimizer"),
           QT_TRANSLATE_NOOP("SweepTable", "The optimizer, as the sweep file labels it")),
    Column("best_lr", QT_TRANSLATE_NOOP("SweepTable", "Best rate"),
           QT_TRANSLATE_NOOP("SweepTable", "The learning rate with the best median over the seeds (★ in the "
                                           "heatmap): every optimizer is compared at its own best rate")),
    Column("best_median", QT_TRANSLATE_NOOP("SweepTable", "Median\n%1"),
           QT_TRANSLATE_NOOP("SweepTable", "The median over the seeds of the outcome the rates are ranked by, at "
                                           "the best rate")),
    Column("final_loss", QT_TRANSLATE_NOOP("SweepTable", "Final loss\n(median)"),
           QT_TRANSLATE_NOOP("SweepTable", "The loss after the last step at the best rate, the median over the "
                                           "seeds")),
    Column("spread", QT_TRANSLATE_NOOP("SweepTable", "Final loss over the seeds\n(lowest – highest)"),
           QT_TRANSLATE_NOOP("SweepTable", "The articles' “stable” or “noisy”, measured: how far apart the seeds "
                                           "end at the best rate (∞: a seed diverged)")),
    Column("steps_to_threshold", QT_TRANSLATE_NOOP("SweepTable", "Steps to\n%1"),
           QT_TRANSLATE_NOOP("SweepTable", "The articles' “converges fast” or “slowly”, measured: the median "
                                           "number of steps until the loss first reached the threshold, at the "
                                           "best rate")),
    Column("converging", QT_TRANSLATE_NOOP("SweepTable", "Rates that\nconverge"),
           QT_TRANSLATE_NOOP("SweepTable", "The articles' “needs careful tuning”, measured: the learning rates at "
                                           "which every seed stays finite and reaches the threshold (the wider, "
                                           "the easier to tune)")),
    Column("diverged_share", QT_TRANSLATE_NOOP("SweepTable", "Diverged"),
           QT_TRANSLATE_NOOP("SweepTable", "The share of all this optimizer's runs (every rate and seed) that "
                                           "diverged")),
    Column("seconds", QT_TRANSLATE_NOOP("SweepTable", "Time\nper run"),
           QT_TRANSLATE_NOOP("SweepTable", "The articles' “heavy computation”, measured: the median time of one "
                                           "run on this computer")),
    Column("val_accuracy", QT_TRANSLATE_NOOP("SweepTable", "Validation\naccuracy"),
           QT_TRANSLATE_NOOP("SweepTable", "A network's accuracy on held-out data at the end, the median over the "
                                           "seeds at the best rate")),
)


def percent(value: float | None) -> str:
    """A share as a percentage ("33.3 %"); a dash for None."""
    return DASH if value is None else f"{format_number(100 * value, 3)} %"


def duration(value: float | None) -> str:
    """Seconds as "4.8 ms" or "1.2 s"; a dash for None."""
    if value is None:
        return DASH
    return f"{format_number(value * 1000, 3)} ms" if value < 1 else f"{format_number(value, 3)} s"


class SweepTable(QTableWidget):
    """The comparison table of a sweep: one row per optimizer entry, the columns that apply to it (a
    threshold's steps, a network's accuracy; the median outcome only when ranked by the best loss,
    which no other column shows)."""

    def __init__(self, sweep: Sweep, network: bool, parent: QWidget | None = None) -> None:
        dropped = set()
        if sweep.threshold is None:
            dropped.add("steps_to_threshold")
        if not network:
            dropped.add("val_accuracy")
        self.columns = [column for column in COLUMNS if column.key not in dropped]
        super().__init__(len(sweep.entries), len(self.columns), parent)
        self.sweep = sweep
        self.outcome = sweep.outcome
        self.setObjectName("sweep_summary")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.lines: list[OptimizerSummary] = []

    def keys(self) -> list[str]:
        """The columns' keys, in order."""
        return [column.key for column in self.columns]

    def retranslate(self) -> None:
        """Headers, tooltips and cells in the current language."""
        for number, column in enumerate(self.columns):
            item = QTableWidgetItem(self._header(column))
            item.setToolTip(_translated(column.tip))
            self.setHorizontalHeaderItem(number, item)
        self._fill()
        self.resizeColumnsToContents()

    def _header(self, column: Column) -> str:
        text = _translated(column.header)
        if column.key == "best_median":
            return fill(text, outcome_name(self.outcome))
        if column.key == "steps_to_threshold":
            return fill(text, fill(self.tr("loss ≤ %1"), format_number(self.sweep.threshold, 3)))
        return text

    def set_font_for_projector(self, font: QFont) -> None:
        """The cells' and headers' font (the window's presentation mode)."""
        self.setFont(font)
        self.horizontalHeader().setFont(font)
        self.resizeColumnsToContents()

    def show_summary(self, lines: list[OptimizerSummary], outcome: str) -> None:
        """Show ``lines`` (a summary ranked by ``outcome``; empty before any result)."""
        if outcome != self.outcome:
            self.outcome = outcome
            for number, column in enumerate(self.columns):
                if column.key == "best_median":
                    self.horizontalHeaderItem(number).setText(self._header(column))
        for number, column in enumerate(self.columns):  # the median outcome, unless another column shows it
            if column.key == "best_median":
                self.setColumnHidden(number, outcome != "best_loss")
        self.lines = lines
        self._fill()

    def _fill(self) -> None:
        """The cells set to the lines (only those that changed), then the columns fitted."""
        changed = False
        for row, entry in enumerate(self.sweep.entries):
            line = self.lines[row] if row < len(self.lines) else None
            for number, column in enumerate(self.columns):
                text, values = self._cell(column.key, line, entry.label)
                item = self.item(row, number)
                if item is None:
                    item = QTableWidgetItem()
                    if number:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(row, number, item)
                if item.text() != text or item.data(Qt.ItemDataRole.UserRole) != values:
                    item.setText(text)
                    item.setData(Qt.ItemDataRole.UserRole, values)
                    changed = True
        if changed:
            self.resizeColumnsToContents()

    def _cell(self, key: str, line: OptimizerSummary | None, label: str) -> tuple[str, tuple]:
        """A cell's text and the summary's values it shows (as the summary CSV has them)."""
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
        if key in ("diverged_share", "val_accuracy"):
            return percent(value), (value,)
        if key == "seconds":
            return duration(value), (value,)
        if key == "steps_to_threshold" or (key == "best_median" and line.outcome == "steps_to_threshold"):
            return (DASH if value is None else format_number(value, 6)), (value,)
        return format_number(value, DIGITS), (value,)

    def fit_height(self, window_height: int) -> None:
        """As tall as the rows, up to :data:`TABLE_ROWS` rows and :data:`TABLE_SHARE` of
        ``window_height`` (more rows scroll: the heatmap keeps the room), two rows at least."""
        rows = min(self.rowCount(), TABLE_ROWS)
        frame = self.horizontalHeader().height() + 2 * self.frameWidth()
        if self.horizontalScrollBar().isVisible():
            frame += self.horizontalScrollBar().height()
        height = frame + sum(self.rowHeight(row) for row in range(rows))
        least = frame + self.rowHeight(0) * min(2, self.rowCount())
        self.setFixedHeight(max(least, min(height, int(window_height * TABLE_SHARE))))
