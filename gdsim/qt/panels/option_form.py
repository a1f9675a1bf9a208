"""A form of run options generated from their declarations (Params): checked fields and choice boxes
that emit ``option_changed(name, value)`` for values the engine's own checks accept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from gdsim.core.params import Param
from gdsim.engine.run_options import run_option_change, run_option_value
from gdsim.engine.spec import RunSpec
from gdsim.qt.declarations import choice_text, param_help, param_placeholder
from gdsim.qt.messages import fill
from gdsim.qt.panels.checked_field import CheckedField
from gdsim.qt.panels.formatting import format_number, parse_number
from gdsim.qt.panels.param_label import relabel


def parse_whole(text: str) -> int:
    """A whole number typed in ``text``; ValueError with a sentence otherwise."""
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(fill(QCoreApplication.translate("messages", "“%1” is not a whole number"),
                              text.strip())) from None


def parser(param: Param) -> Callable[[str], Any]:
    """Typed text to a value of ``param``'s kind; empty text is None for an optional setting."""
    parse = {"number": parse_number, "whole": parse_whole}.get(param.kind, str.strip)
    if param.optional:
        return lambda text: None if not text.strip() else parse(text)
    return parse


def formatter(value: Any) -> str:
    """A value as shown in a field: empty for None, numbers with enough digits to send back unchanged."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value, 8)
    return str(value)


class OptionForm(QWidget):
    """Editors for the declared options ``params``; ``check(field, value)`` raises InputError for values
    the engine refuses. Labels, tooltips, placeholders and choices come from the declarations.

    Signals
    -------
    option_changed(str, object)
        A RunSpec field name and its new, checked value.
    """

    option_changed = Signal(str, object)

    def __init__(self, params: Sequence[Param], check: Callable[[str, Any], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._spec = RunSpec()
        self.editors: dict[str, CheckedField | QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.params = tuple(params)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for param in params:
            editor = self._make_editor(param)
            editor.setObjectName(param.name)
            label = QLabel(self)
            form.addRow(label, editor)
            self.editors[param.name] = editor
            self.labels[param.name] = label
        self.retranslate()

    def retranslate(self) -> None:
        """Labels, tooltips, placeholders and choices in the current language."""
        for param in self.params:
            editor, label = self.editors[param.name], self.labels[param.name]
            relabel(label, param)
            for widget in (editor, label):
                widget.setToolTip(param_help(param))
            if isinstance(editor, QComboBox):
                for index, choice in enumerate(param.choices):
                    editor.setItemText(index, choice_text(choice))
            else:
                editor.edit.setPlaceholderText(param_placeholder(param))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _make_editor(self, param: Param) -> CheckedField | QComboBox:
        name = param.name
        if param.kind == "choice":
            combo = QComboBox(self)
            for choice in param.choices:
                combo.addItem(choice_text(choice), choice)
            combo.activated.connect(lambda index, combo=combo: self._emit(name, combo.itemData(index)))
            return combo
        field = CheckedField(parser(param), lambda value: self._check_value(name, value), format_value=formatter,
                             parent=self)
        field.committed.connect(lambda value: self._emit(name, value))
        return field

    def _check_value(self, name: str, value: Any) -> None:
        self._check(*run_option_change(self._spec, name, value))

    def set_spec(self, spec: RunSpec) -> None:
        """Show the settings of ``spec`` (fields being typed in keep their text)."""
        self._spec = spec
        for name, editor in self.editors.items():
            value = run_option_value(spec, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor.set_value(value)

    def _emit(self, name: str, value: Any) -> None:
        field, full = run_option_change(self._spec, name, value)
        if full == getattr(self._spec, field):
            return
        self._spec = self._spec.with_changes(**{field: full})
        self.option_changed.emit(field, full)
