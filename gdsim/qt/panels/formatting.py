"""Number formatting for people: Unicode minus signs, a few significant digits, vectors in parentheses."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from gdsim.qt.messages import fill

#: Shown where there is no value (never reached, not known).
DASH = "—"


def format_number(value: float | None, digits: int = 5) -> str:
    """``value`` with ``digits`` significant digits and a true minus sign; a dash for None.

    Parameters
    ----------
    value
        The number (non-finite values read "∞", "−∞" and "NaN").
    digits
        Significant digits.
    """
    if value is None:
        return DASH
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def format_vector(values: Iterable[float], digits: int = 5) -> str:
    """``(a, b, …)`` with each entry formatted by :func:`format_number`."""
    return "(" + ", ".join(format_number(v, digits) for v in values) + ")"


def parse_number(text: str) -> float:
    """The number typed in ``text`` (Unicode minus and a decimal comma accepted).

    Raises
    ------
    ValueError
        With a sentence for a person when ``text`` is not a number.
    """
    cleaned = text.strip().replace("−", "-").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(fill(QCoreApplication.translate("messages", "“%1” is not a number"), text.strip())) from None
