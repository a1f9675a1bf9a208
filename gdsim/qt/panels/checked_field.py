"""A line edit that checks what is typed as it is typed and reports the reason under itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from gdsim.core.errors import InputError
from gdsim.qt.messages import error_text

__all__ = ["CheckedField", "ErrorLabel", "error_text"]

#: Colour of the inline messages (readable on light and dark backgrounds).
ERROR_COLOUR = "#D55E00"


class ErrorLabel(QLabel):
    """A small wrapped message in the error colour, hidden while empty; an error shown is said again
    in the new language when the language changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        palette = self.palette()  # a palette, not a style sheet, so the font follows the application's
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_COLOUR))
        self.setPalette(palette)
        self._error: Exception | None = None
        self.hide()

    def show_message(self, message: str | Exception | None) -> None:
        """Show ``message``, a sentence or an error (:func:`~gdsim.qt.messages.error_text`); None or
        empty hides the label."""
        self._error = message if isinstance(message, Exception) else None
        if self._error is not None:
            message = error_text(self._error)
        self.setText(f"⚠ {message}" if message else "")
        self.setVisible(bool(message))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and self._error is not None:
            self.show_message(self._error)
        super().changeEvent(event)


class CheckedField(QWidget):
    """A line edit whose text is parsed and checked on every keystroke.

    Parameters
    ----------
    parse
        Text to value; raises ValueError or InputError with a sentence for a person.
    check
        Raises InputError when a parsed value cannot be used (the same check the engine runs).
    format_value
        Value to text.
    placeholder
        Shown while empty (e.g. "off" for optional settings).
    error
        Where to show messages, when the caller lays one out itself (by default a label under the field).

    Signals
    -------
    committed(object)
        A valid value, when editing finishes (Enter or leaving the field) and the value changed.
    """

    committed = Signal(object)

    def __init__(self, parse: Callable[[str], Any], check: Callable[[Any], None] | None = None,
                 format_value: Callable[[Any], str] = str, placeholder: str = "",
                 parent: QWidget | None = None, error: ErrorLabel | None = None) -> None:
        super().__init__(parent)
        self._parse = parse
        self._check = check or (lambda value: None)
        self._format = format_value
        self._value: Any = None
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        self.error = error or ErrorLabel(self)
        if error is None:
            layout.addWidget(self.error)
        self.edit.textEdited.connect(self._validate)
        self.edit.editingFinished.connect(self._finish)

    def value(self) -> Any:
        """The last value set or committed."""
        return self._value

    def set_value(self, value: Any, force: bool = False) -> None:
        """Show ``value``; a field being edited keeps the person's text unless ``force``."""
        self._value = value
        if not force and self.edit.hasFocus() and self.edit.isModified():
            return
        self.edit.setText(self._format(value))
        self.edit.setModified(False)
        self.error.show_message(None)

    def _checked(self) -> tuple[bool, Any]:
        try:
            value = self._parse(self.edit.text())
            self._check(value)
        except (ValueError, InputError) as error:
            self.error.show_message(error)
            return False, None
        self.error.show_message(None)
        return True, value

    def _validate(self, text: str) -> None:
        self._checked()

    def _finish(self) -> None:
        if not self.edit.isModified():
            return  # nothing typed since the value was shown: keep it exactly as it is
        ok, value = self._checked()
        if not ok:
            return
        self.edit.setModified(False)
        if value != self._value:
            self._value = value
            self.committed.emit(value)
