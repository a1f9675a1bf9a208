"""A form of run settings declared as rows (name, label, kind): checked fields and choice boxes that
emit ``option_changed(name, value)`` for values the engine's own checks accept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from gdsim.engine.spec import RunSpec
from gdsim.qt.panels.checked_field import CheckedField
from gdsim.qt.panels.formatting import format_number, parse_number


@dataclass(frozen=True)
class Row:
    """One setting: the RunSpec field (``stop.<key>`` for a stop rule), its label, kind and tooltip.

    ``kind`` is ``"number"``, ``"optional_number"``, ``"optional_whole"`` or a tuple of choices.
    """

    name: str
    label: str
    kind: str | tuple[str, ...]
    tip: str
    placeholder: str = ""


def parse_whole(text: str) -> int:
    """A whole number typed in ``text``; ValueError with a sentence otherwise."""
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a whole number") from None


def _optional(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda text: None if not text.strip() else parse(text)


def spec_value(spec: RunSpec, name: str) -> Any:
    """The value of setting ``name`` (``stop.loss_below`` reads into the stop rules)."""
    if name.startswith("stop."):
        return getattr(spec.stop, name.removeprefix("stop."))
    return getattr(spec, name)


def option_command_value(spec: RunSpec, name: str, value: Any) -> tuple[str, Any]:
    """The (RunSpec field, value) that sets ``name`` to ``value``: stop rules travel as a whole StopSpec."""
    if name.startswith("stop."):
        return "stop", replace(spec.stop, **{name.removeprefix("stop."): value})
    return name, value


class OptionForm(QWidget):
    """Editors for ``rows``; ``check(field, value)`` raises InputError for values the engine refuses.

    Signals
    -------
    option_changed(str, object)
        A RunSpec field name and its new, checked value.
    """

    option_changed = Signal(str, object)

    def __init__(self, rows: Sequence[Row], check: Callable[[str, Any], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._spec = RunSpec()
        self.editors: dict[str, CheckedField | QComboBox] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for row in rows:
            editor = self._make_editor(row)
            editor.setToolTip(row.tip)
            editor.setObjectName(row.name)
            label = QLabel(row.label, self)
            label.setToolTip(row.tip)
            form.addRow(label, editor)
            self.editors[row.name] = editor
            self.labels[row.name] = label

    def _make_editor(self, row: Row) -> CheckedField | QComboBox:
        if isinstance(row.kind, tuple):
            combo = QComboBox(self)
            for choice in row.kind:
                combo.addItem(choice.replace("_", " "), choice)
            combo.activated.connect(lambda index, row=row, combo=combo: self._emit(row.name, combo.itemData(index)))
            return combo
        parse = {"number": parse_number, "optional_number": _optional(parse_number),
                 "optional_whole": _optional(parse_whole)}[row.kind]
        field = CheckedField(parse, lambda value, name=row.name: self._check_value(name, value),
                             format_value=lambda v: "" if v is None else format_number(v, 8),
                             placeholder=row.placeholder, parent=self)
        field.committed.connect(lambda value, name=row.name: self._emit(name, value))
        return field

    def _check_value(self, name: str, value: Any) -> None:
        self._check(*option_command_value(self._spec, name, value))

    def set_spec(self, spec: RunSpec) -> None:
        """Show the settings of ``spec`` (fields being typed in keep their text)."""
        self._spec = spec
        for name, editor in self.editors.items():
            value = spec_value(spec, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor.set_value(value)

    def _emit(self, name: str, value: Any) -> None:
        field, full = option_command_value(self._spec, name, value)
        if full == getattr(self._spec, field):
            return
        self._spec = self._spec.with_changes(**{field: full})
        self.option_changed.emit(field, full)
