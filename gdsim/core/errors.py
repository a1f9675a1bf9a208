"""The one error type a person sees: what is wrong, and where.

Besides the English sentence an error carries a ``code`` and its ``params`` (plain values), so the
window can say the same thing in another language without parsing English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class InputError(ValueError):
    """Bad input a person can fix: a key path (or column) and a sentence saying what is wrong.

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
        self.path = path
        self.message = message
        self.code = code
        self.params = dict(params or {})
        super().__init__(f"{path}: {message}" if path else message)

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
