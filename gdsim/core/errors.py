"""The one error type a person sees: what is wrong, and where."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input a person can fix: a key path (or column) and a sentence saying what is wrong.

    Parameters
    ----------
    path
        Where the problem is, as a dotted key path (``runs[0].hyper.lr``) or ``""`` when the whole
        input is wrong.
    message
        What is wrong and what is allowed, written for a person.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)

    def within(self, prefix: str) -> InputError:
        """The same error, seen from an enclosing key (``prefix``)."""
        if not prefix:
            return self
        if not self.path:
            return InputError(prefix, self.message)
        joiner = "" if self.path.startswith("[") else "."
        return InputError(f"{prefix}{joiner}{self.path}", self.message)
