"""A lesson's text as simple rich text: formulas written as plain text made readable.

Lessons are written in plain text (JSON strings) in which formulas appear as people type them:
``x^2``, ``sqrt(s)``, ``x_1``, ``1e-8``, ``<=``. :func:`rich_text` escapes the text for Qt's rich
text and writes those as a reader expects: x², √(s), x₁ (as a subscript), 1·10⁻⁸, ≤. Text already
written with Unicode (w², ∂J/∂w, 10⁻⁴) passes unchanged. Numbers keep '.' as the decimal
separator in every language.
"""

from __future__ import annotations

import html
import re

#: Plain-text operators and their symbols.
SYMBOLS = (("<=", "≤"), (">=", "≥"), ("!=", "≠"), ("->", "→"), ("+-", "±"))
#: ``a^b``: a power written with a caret; the exponent is a signed number, a name, or in parentheses.
_POWER = re.compile(r"\^(\((?:[^()]|\([^()]*\))*\)|[-−]?[\w.]+)")
#: ``x_1``, ``w_j``: a subscript of one index after a name.
_SUBSCRIPT = re.compile(r"(?<=[A-Za-zα-ωΑ-Ω])_([0-9a-z]{1,2})\b")
#: ``sqrt(``: the square root.
_SQRT = re.compile(r"\bsqrt\(")
#: ``1e-8``: a number in e-notation.
_E_NOTATION = re.compile(r"\b(\d+(?:\.\d+)?)[eE]([-+]?\d+)\b")
#: ``2*x``, ``lr * g``: a product written with an asterisk.
_TIMES = re.compile(r"(?<=[\w)²³])\s*\*\s*(?=[\w(])")


def _power(match: re.Match) -> str:
    exponent = match.group(1)
    if exponent.startswith("(") and exponent.endswith(")"):
        exponent = exponent[1:-1]
    return f"<sup>{exponent.replace('-', '−')}</sup>"


def _e_notation(match: re.Match) -> str:
    mantissa, power = match.group(1), int(match.group(2))
    prefix = "" if mantissa == "1" else f"{mantissa}·"
    return f"{prefix}10<sup>{str(power).replace('-', '−')}</sup>"


def formula_html(text: str) -> str:
    """One line of plain text as rich text, with its formulas written readably.

    Parameters
    ----------
    text
        Plain text (no markup: ``<`` and ``&`` are shown as themselves).

    Returns
    -------
    str
        HTML for a QLabel or QTextBrowser: ``x^2`` as x<sup>2</sup>, ``sqrt(`` as √(, ``x_1`` as
        x<sub>1</sub>, ``1e-8`` as 10<sup>−8</sup>, ``<=`` as ≤, ``2*x`` as 2·x.
    """
    for plain, symbol in SYMBOLS:
        text = text.replace(plain, symbol)
    text = html.escape(text, quote=False)
    text = _SQRT.sub("√(", text)
    text = _E_NOTATION.sub(_e_notation, text)
    text = _POWER.sub(_power, text)
    text = _SUBSCRIPT.sub(r"<sub>\1</sub>", text)
    return _TIMES.sub("·", text)


def rich_text(title: str | None, description: str | None) -> str:
    """A lesson's title as a heading and its description as paragraphs (a blank line separates
    two), each written with :func:`formula_html`."""
    parts = []
    if title:
        parts.append(f"<h2>{formula_html(title)}</h2>")
    for paragraph in re.split(r"\n\s*\n", description or ""):
        if paragraph.strip():
            parts.append(f"<p>{formula_html(paragraph.strip()).replace(chr(10), '<br>')}</p>")
    return "\n".join(parts)
