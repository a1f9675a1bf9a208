"""A person's own data set from a CSV file: x columns, then the y column last.

The file is comma-separated text (UTF-8); an optional first row of column names (any cell that is
not a number makes it a header); then one sample per row, every row as wide as the first, each cell
a finite number. For a classification problem y must be 0 or 1. The result is the inline data object
of a data problem, ``{"x": [[...], ...], "y": [...]}`` (``x`` a flat list for one feature), so a
scenario saved afterwards carries the samples and opens anywhere.

Every refusal is an InputError naming the row and column as a spreadsheet shows them (rows and
columns counted from 1, the header included).
"""

from __future__ import annotations

import csv
import io
import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from gdsim.core.datasets import MAX_SAMPLES
from gdsim.core.errors import InputError

#: Largest CSV file read (bytes): far beyond MAX_SAMPLES rows of a few features, refused before reading.
MAX_CSV_BYTES = 64 * 1024 * 1024


def _number(cell: str) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        return None
    return value


def _fast_table(text: str, labels: bool) -> np.ndarray | None:
    """The samples as a float table, read by NumPy's parser, when nothing is wrong in ``text``; None
    otherwise (the row-by-row scan then names what is wrong)."""
    skip = 0
    for line in io.StringIO(text):
        skip += 1
        if line.strip():
            header = any(_number(cell) is None for cell in next(csv.reader([line])))
            skip -= 0 if header else 1
            break
    else:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "input contained no data": the scan says what is missing
            table = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=skip, ndmin=2, comments=None, dtype=float)
    except (ValueError, UserWarning):
        return None
    if not 0 < len(table) <= MAX_SAMPLES or table.shape[1] < 2 or not np.isfinite(table).all():
        return None
    if labels and not np.isin(table[:, -1], (0.0, 1.0)).all():
        return None
    return table


def parse_csv_data(text: str, labels: bool = False, name: str = "the file") -> dict[str, Any]:
    """The inline data object of CSV ``text``.

    Parameters
    ----------
    text
        The file's text.
    labels
        y must be a class label, 0 or 1 (logistic regression).
    name
        How messages name the file.

    Raises
    ------
    InputError
        Naming the row and column of the first thing wrong.
    """
    table = _fast_table(text, labels)
    if table is not None:
        return {"x": table[:, 0].tolist() if table.shape[1] == 2 else table[:, :-1].tolist(),
                "y": table[:, -1].tolist()}
    # something is wrong (or written as NumPy does not read it): find it row by row, naming row and column
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError("", f"{name} has no rows: give x columns and a y column, one sample per row",
                         "csv.empty", {"file": name})
    first = 1
    if any(_number(cell) is None for cell in rows[0]):  # column names
        rows, first = rows[1:], 2
    if not rows:
        raise InputError("", f"{name} has column names but no samples", "csv.empty", {"file": name})
    width = len(rows[0])
    if width < 2:
        raise InputError("", f"{name} needs at least two columns (x columns, then y), "
                         f"row {first} has {width}", "csv.narrow", {"file": name, "row": first, "columns": width})
    if len(rows) > MAX_SAMPLES:
        raise InputError("", f"{name} has {len(rows)} samples, more than the {MAX_SAMPLES} allowed", "csv.too_long",
                         {"file": name, "rows": len(rows), "limit": MAX_SAMPLES})
    x, y = [], []
    for index, row in enumerate(rows):
        line = first + index
        if len(row) != width:
            raise InputError("", f"row {line} of {name} has {len(row)} columns, the first has {width}",
                             "csv.ragged", {"file": name, "row": line, "columns": len(row), "expected": width})
        values = []
        for column, cell in enumerate(row, start=1):
            value = _number(cell)
            if value is None or not math.isfinite(value):
                raise InputError("", f"row {line}, column {column} of {name}: “{cell.strip()}” is not a finite number",
                                 "csv.not_number", {"file": name, "row": line, "column": column, "cell": cell.strip()})
            values.append(value)
        if labels and values[-1] not in (0.0, 1.0):
            raise InputError("", f"row {line}, column {width} of {name}: y must be a class label, 0 or 1, not "
                             f"{row[-1].strip()}", "csv.not_label", {"file": name, "row": line, "column": width,
                                                                     "cell": row[-1].strip()})
        x.append(values[:-1] if width > 2 else values[0])
        y.append(values[-1])
    return {"x": x, "y": y}


def read_csv_data(path: str | Path, labels: bool = False) -> dict[str, Any]:
    """Read a CSV file of samples (see the module docstring); slow for big files, so call it in a worker.

    Raises
    ------
    InputError
        A missing, unreadable, too large or malformed file, naming the row and column.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise InputError("", f"{path.name} is larger than {MAX_CSV_BYTES // 2**20} MiB", "file.too_large",
                             {"path": str(path), "mib": MAX_CSV_BYTES // 2**20})
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("", f"no such file: {path}", "file.missing", {"path": str(path)}) from None
    except UnicodeDecodeError as error:
        raise InputError("", f"{path.name} is not UTF-8 text (byte {error.start})", "file.not_text",
                         {"path": str(path)}) from None
    except OSError as error:
        raise InputError("", f"cannot read {path}: {error.strerror}", "file.unreadable",
                         {"path": str(path), "reason": error.strerror}) from None
    return parse_csv_data(text, labels, path.name)
