"""A sweep's results as files: one CSV row per cell, and a summary per optimizer.

Numbers are written exactly (``repr`` of the float: the shortest text that reads back to the same
number); an outcome that does not apply is empty (``steps_to_threshold`` of a cell that never reached
the threshold, ``distance`` on a problem without a known minimum, ``val_accuracy`` off networks).

The summary ranks each optimizer's learning rates by the sweep's outcome (smaller is better; a
diverged or failed cell counts as infinitely bad, a cell that never reached the threshold as
infinitely many steps) using the median over seeds, and gives the best rate, its median, and the
range of rates that converge (every seed: not diverged, not failed, and, with a threshold, reached it).
Then the articles' comparison columns, measured: at the best rate, the final loss (median, lowest
and highest over the seeds: how stable the method is), the steps to the threshold and the
validation accuracy (medians); over all of the optimizer's cells, the share that diverged and the
median seconds a cell took.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gdsim.session.jsonio import write_atomic
from gdsim.session.sweep import Sweep
from gdsim.session.sweep_run import COLUMNS, CellResult

SUMMARY_COLUMNS = ("optimizer", "outcome", "best_lr", "best_median", "converging_lr_from", "converging_lr_to",
                   "converging_lrs", "lrs", "final_loss", "final_loss_min", "final_loss_max", "steps_to_threshold",
                   "val_accuracy", "diverged_share", "seconds", "cells")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def row_values(result: CellResult) -> list[str]:
    """A cell's CSV row, in :data:`COLUMNS` order."""
    return [_text(getattr(result, column)) for column in COLUMNS]


def csv_text(results: Iterable[CellResult], header: bool = True) -> str:
    """The CSV of ``results`` in cell order (with its header line unless ``header`` is false)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    writer.writerows(row_values(result) for result in sorted(results, key=lambda r: r.index))
    return out.getvalue()


def summary_path(path: str | Path) -> Path:
    """Where the summary of ``results.csv`` goes: ``results.summary.csv`` beside it."""
    path = Path(path)
    return path.with_name(path.name.removesuffix(".csv") + ".summary.csv")


def _score(result: CellResult, outcome: str) -> float:
    if result.failed or result.diverged:
        return math.inf
    value = getattr(result, outcome)
    return math.inf if value is None or not math.isfinite(value) else float(value)


def _converged(result: CellResult, threshold: float | None) -> bool:
    return not (result.failed or result.diverged) and (threshold is None or result.steps_to_threshold is not None)


def _median(values: list[float]) -> float | None:
    """The median of ``values`` if it is finite, else None (also for no values)."""
    if not values:
        return None
    with np.errstate(invalid="ignore"):
        median = float(np.median(values))
    return median if math.isfinite(median) else None


@dataclass(frozen=True)
class OptimizerSummary:
    """One optimizer's line of the summary (``best_lr`` is None when no rate has a finite median).

    The columns after ``lrs`` are measured at the best rate, over its seeds (None without a best
    rate): ``final_loss`` the median final loss (None if not finite), ``final_loss_min`` and
    ``final_loss_max`` the lowest and highest (inf for a seed that diverged or failed),
    ``steps_to_threshold`` the median steps to the threshold (None without a threshold or when the
    median never reached it), ``val_accuracy`` the median validation accuracy (networks); then over
    every cell of the optimizer that ran: ``diverged_share`` the share that diverged or failed,
    ``seconds`` the median seconds a cell took, ``cells`` how many ran.
    """

    optimizer: str
    outcome: str
    best_lr: float | None
    best_median: float | None
    converging_lr_from: float | None
    converging_lr_to: float | None
    converging_lrs: int
    lrs: int
    final_loss: float | None = None
    final_loss_min: float | None = None
    final_loss_max: float | None = None
    steps_to_threshold: float | None = None
    val_accuracy: float | None = None
    diverged_share: float | None = None
    seconds: float | None = None
    cells: int = 0


def summarize(sweep: Sweep, results: Iterable[CellResult]) -> list[OptimizerSummary]:
    """The summary per optimizer entry, over the cells in ``results`` (a partial sweep: those run)."""
    by_cell: dict[tuple[int, float], list[CellResult]] = {}
    for result in results:
        cell = sweep.cells[result.index]
        by_cell.setdefault((cell.entry, cell.lr), []).append(result)
    lines = []
    for number, entry in enumerate(sweep.entries):
        medians, converging = {}, []
        for lr in sweep.lrs:
            cells = by_cell.get((number, lr))
            if not cells:
                continue
            with np.errstate(invalid="ignore"):
                medians[lr] = float(np.median([_score(result, sweep.outcome) for result in cells]))
            if len(cells) == len(sweep.seeds) and all(_converged(result, sweep.threshold) for result in cells):
                converging.append(lr)
        finite = {lr: median for lr, median in medians.items() if math.isfinite(median)}
        best = min(finite, key=lambda lr: (finite[lr], lr)) if finite else None
        ran = [result for lr in sweep.lrs for result in by_cell.get((number, lr), [])]
        lines.append(OptimizerSummary(entry.label, sweep.outcome, best, finite.get(best),
                                      min(converging, default=None), max(converging, default=None),
                                      len(converging), len(medians),
                                      **_at_best(by_cell.get((number, best), []), sweep.threshold),
                                      diverged_share=(sum(r.diverged or r.failed for r in ran) / len(ran)
                                                      if ran else None),
                                      seconds=_median([r.seconds for r in ran if not r.failed]), cells=len(ran)))
    return lines


def _at_best(cells: list[CellResult], threshold: float | None) -> dict[str, float | None]:
    """The comparison columns measured at the best rate, over its seeds (``cells``; none: all None)."""
    if not cells:
        return {}
    finals = [_score(result, "final_loss") for result in cells]
    accuracies = [r.val_accuracy for r in cells if not r.failed and r.val_accuracy is not None]
    return {"final_loss": _median(finals), "final_loss_min": min(finals), "final_loss_max": max(finals),
            "steps_to_threshold": (None if threshold is None
                                   else _median([_score(result, "steps_to_threshold") for result in cells])),
            "val_accuracy": _median(accuracies)}


def median_grid(sweep: Sweep, results: Iterable[CellResult], outcome: str | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
    """The outcome's median over seeds per optimizer (rows) and rate (columns), and where a seed diverged.

    Returns
    -------
    medians
        (entries, rates); NaN where no cell has finished, inf where the median is a diverged, failed
        or never-reached cell (see the module docstring).
    diverged
        (entries, rates) booleans: at least one seed diverged (or failed) there.
    """
    outcome = outcome or sweep.outcome
    column = {lr: i for i, lr in enumerate(sweep.lrs)}
    scores: dict[tuple[int, int], list[float]] = {}
    diverged = np.zeros((len(sweep.entries), len(sweep.lrs)), dtype=bool)
    for result in results:
        cell = sweep.cells[result.index]
        where = (cell.entry, column[cell.lr])
        scores.setdefault(where, []).append(_score(result, outcome))
        diverged[where] |= result.diverged or result.failed
    medians = np.full(diverged.shape, np.nan)
    for where, values in scores.items():
        medians[where] = np.median(values)
    return medians, diverged


def summary_csv_text(lines: Iterable[OptimizerSummary]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    writer.writerows([_text(getattr(line, column)) for column in SUMMARY_COLUMNS] for line in lines)
    return out.getvalue()


def summary_table(lines: Iterable[OptimizerSummary]) -> str:
    """The summary as aligned text for a terminal."""
    rows = [("optimizer", "best lr", "median " + "", "converging lrs")]
    outcome = ""
    for line in lines:
        outcome = line.outcome
        best = "-" if line.best_lr is None else f"{line.best_lr:.4g}"
        median = "-" if line.best_median is None else f"{line.best_median:.4g}"
        span = (f"{line.converging_lr_from:.4g} .. {line.converging_lr_to:.4g} ({line.converging_lrs} of "
                f"{line.lrs})" if line.converging_lrs else f"none of {line.lrs}")
        rows.append((line.optimizer, best, median, span))
    rows[0] = ("optimizer", "best lr", f"median {outcome}", "converging lrs")
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


def write_results(sweep: Sweep, results: list[CellResult], path: str | Path) -> list[OptimizerSummary]:
    """Write the CSV and its summary beside it, each atomically; return the summary."""
    lines = summarize(sweep, results)
    write_atomic(path, csv_text(results))
    write_atomic(summary_path(path), summary_csv_text(lines))
    return lines
