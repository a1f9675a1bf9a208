"""The one error type a person sees: what is wrong, and where.

Besides the English sentence an error carries a ``code`` and its ``params`` (plain values), so the
window can say the same thing in another language without parsing English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The longest key path and sentence an error shows; longer ones are cut with an ellipsis.
MAX_PATH = 200
MAX_MESSAGE = 1000


def printable(text: str, limit: int | None = None) -> str:
    """``text`` on one line: characters that are not printable (control characters, U+2028 and U+2029,
    lone surrogates, invisible format characters) escaped as ``\\n``, ``\\u2028``; cut at ``limit``
    characters with an ellipsis."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    if limit is not None and len(text) > limit:
        text = text[:limit - 1] + "…"
    return text


class InputError(ValueError):
    """Bad input a person can fix: a key path (or column) and a sentence saying what is wrong.

    The path and the sentence are kept on one line and short (see :func:`printable`): an error never
    echoes a control character or a hundred kilobytes of input.

    Parameters
    ----------
    path
        Where the problem is, as a dotted key path (``runs[0].hyper.lr``) or ``""`` when the whole
        input is wrong.
    message
        What is wrong and what is allowed, written for a person (English).
    code
        A stable identifier of the kind of problem (``"number.too_small"``, ...); ``"text"`` when
        the sentence is the only form.
    params
        The values the sentence is built from (``{"low": 0, "value": -1}``), for translation.
    """

    def __init__(self, path: str, message: str, code: str = "text",
                 params: Mapping[str, Any] | None = None) -> None:
        self.path = printable(str(path), MAX_PATH)
        self.message = printable(str(message), MAX_MESSAGE)
        self.code = code
        self.params = dict(params or {})
        super().__init__(f"{self.path}: {self.message}" if self.path else self.message)

    def within(self, prefix: str) -> InputError:
        """The same error, seen from an enclosing key (``prefix``)."""
        if not prefix:
            return self
        if not self.path:
            path = prefix
        else:
            joiner = "" if self.path.startswith("[") else "."
            path = f"{prefix}{joiner}{self.path}"
        return InputError(path, self.message, self.code, self.params)

    def __reduce__(self):
        return (InputError, (self.path, self.message, self.code, self.params))
