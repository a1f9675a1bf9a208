"""Editors for one hyperparameter, generated from its declaration (a Param): a slider with a typed
field, a check box, a pair of fields, a typed field (whole numbers, text, numbers without a slider or
optional ones, as torch classes' signatures declare them) or a choice; each checks values with the
optimizer's own validation before emitting."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget
from superqt import QDoubleSlider

from gdsim.core.optimizers import Optimizer
from gdsim.core.params import Param
from gdsim.qt.declarations import (
    choice_text,
    optimizer_rule,
    optimizer_title,
    param_help,
    param_placeholder,
    range_text,
)
from gdsim.qt.messages import fill
from gdsim.qt.panels.checked_field import CheckedField, ErrorLabel
from gdsim.qt.panels.formatting import format_number, parse_number
from gdsim.qt.panels.option_form import formatter, parser

#: Steps across a linear slider, and per decade on a log slider.
LINEAR_STEPS = 1000
LOG_STEPS_PER_DECADE = 100
#: Milliseconds between the values a dragged slider sends.
SLIDER_THROTTLE_MS = 40


def field_text(value: float) -> str:
    """A value as shown in a field: enough digits that sending it back changes nothing that matters."""
    return format_number(value, 8)


def hyper_tooltip(hyper: Param, optimizer: type[Optimizer]) -> str:
    """Rich-text tooltip: what the hyperparameter does, its default and range, and the optimizer's
    rule, in the current language (the range keeps the notation of the files: ``[0, 1)``, ``≥ 0``)."""
    default = hyper.default
    if default is None:
        shown = param_placeholder(hyper) or "null"
    elif hyper.kind == "pair":
        shown = ", ".join(format_number(v) for v in default)
    elif hyper.kind in ("bool", "text", "choice"):
        shown = str(default).lower() if hyper.kind == "bool" else str(default)
    else:
        shown = format_number(default)
    valid = f"; {range_text(hyper)}" if hyper.kind != "bool" else ""
    heading = fill(QCoreApplication.translate("HyperEditor", "(default %1)"), html.escape(shown + valid))
    return (f"<p><b>{html.escape(hyper.name)}</b> {heading}<br>"
            f"{html.escape(param_help(hyper))}</p>"
            f"<p>{html.escape(optimizer_title(optimizer))}: <tt>{html.escape(optimizer_rule(optimizer))}</tt></p>")


class HyperEditor(QWidget):
    """Base of the editors. ``changed(name, value)`` carries a value the optimizer accepts.

    Parameters
    ----------
    hyper
        The hyperparameter edited.
    optimizer
        Its optimizer class (validation and the tooltip's update rule).
    current
        Returns the run's current hyperparameters, so values are checked together (nesterov needs
        momentum, ...).
    """

    changed = Signal(str, object)

    def __init__(self, hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hyper = hyper
        self.optimizer = optimizer
        self._current = current
        self.setToolTip(hyper_tooltip(hyper, optimizer))
        self.setObjectName(f"hyper_{hyper.name}")

    def retranslate(self) -> None:
        """The tooltip in the current language."""
        tip = hyper_tooltip(self.hyper, self.optimizer)
        for widget in (self, *self.findChildren(QCheckBox)):
            widget.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def check(self, value: Any) -> None:
        """Raise InputError if the optimizer refuses ``value`` together with the other settings."""
        self.optimizer.validate({**self._current(), self.hyper.name: value})

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting."""
        raise NotImplementedError


class NumberEditor(HyperEditor):
    """A slider over ``hyper.slider`` (logarithmic when ``hyper.log``) and a field taking any valid value."""

    def __init__(self, hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(hyper, optimizer, current, parent)
        self.slider = QDoubleSlider(Qt.Orientation.Horizontal, self)
        low, high = hyper.slider
        if hyper.log:
            low, high = math.log10(low), math.log10(high)
            self.slider.setSingleStep(1.0 / LOG_STEPS_PER_DECADE)
        else:
            self.slider.setSingleStep((high - low) / LINEAR_STEPS)
        self.slider.setRange(low, high)
        error = ErrorLabel(self)
        self.field = CheckedField(parse_number, self.check, field_text, parent=self, error=error)
        self.field.setObjectName("value")
        self.slider.setObjectName("slider")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 3)
        row.addWidget(self.field, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(error)
        self.field.committed.connect(self._typed)
        self.slider.valueChanged.connect(self._slid)
        # Throttle: while dragging, send at most one value per interval, the latest, at its end (a
        # single-shot timer that stops once it has fired, so nothing keeps ticking when idle).
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(SLIDER_THROTTLE_MS)
        self._throttle.timeout.connect(self._emit_slider_value)
        self._slider_value: float | None = None

    def set_value(self, value: Any) -> None:
        if self.slider.isSliderDown():
            return  # the person is dragging: the engine is echoing values the slider sent
        self.field.set_value(float(value))
        self._place_slider(float(value))

    def _place_slider(self, value: float) -> None:
        position = math.log10(value) if self.hyper.log and value > 0 else value
        if self.hyper.log and value <= 0:
            position = self.slider.minimum()
        self.slider.blockSignals(True)
        self.slider.setValue(min(max(position, self.slider.minimum()), self.slider.maximum()))
        self.slider.blockSignals(False)

    def _typed(self, value: float) -> None:
        self._place_slider(value)
        self.changed.emit(self.hyper.name, value)

    def _slid(self, position: float) -> None:
        value = 10.0**position if self.hyper.log else position
        value = float(f"{value:.3g}") if self.hyper.log else round(value, 6)
        try:
            self.check(value)
        except ValueError as error:
            self.field.error.show_message(error)
            return
        self.field.set_value(value, force=True)
        self._slider_value = value
        if not self._throttle.isActive():
            self._throttle.start()

    def _emit_slider_value(self) -> None:
        if self._slider_value is not None:
            self.changed.emit(self.hyper.name, self._slider_value)


class BoolEditor(HyperEditor):
    """A check box; a refused switch (nesterov without momentum) springs back with the reason shown."""

    def __init__(self, hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(hyper, optimizer, current, parent)
        self.box = QCheckBox(self)
        self.box.setToolTip(self.toolTip())
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        self.box.toggled.connect(self._toggled)

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)
        self.error.show_message(None)

    def _toggled(self, checked: bool) -> None:
        try:
            self.check(checked)
        except ValueError as error:
            self.error.show_message(error)
            self.set_value(not checked)
            self.error.show_message(error)
            return
        self.error.show_message(None)
        self.changed.emit(self.hyper.name, checked)


class PairEditor(HyperEditor):
    """Two fields, one per entry of a pair such as Adam's betas."""

    def __init__(self, hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(hyper, optimizer, current, parent)
        self.fields = [CheckedField(parse_number, self._checker(i), field_text, parent=self)
                       for i in range(len(hyper.default))]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for i, field in enumerate(self.fields):
            row.addWidget(field, 1, Qt.AlignmentFlag.AlignTop)
            field.committed.connect(lambda value, i=i: self._typed(i, value))

    def _pair_with(self, index: int, value: float) -> tuple[float, ...]:
        pair = list(self._current().get(self.hyper.name, self.hyper.default))
        pair[index] = value
        return tuple(pair)

    def _checker(self, index: int) -> Callable[[float], None]:
        return lambda value: self.check(self._pair_with(index, value))

    def set_value(self, value: Any) -> None:
        for field, entry in zip(self.fields, value, strict=True):
            field.set_value(float(entry))

    def _typed(self, index: int, value: float) -> None:
        self.changed.emit(self.hyper.name, self._pair_with(index, value))


class FieldEditor(HyperEditor):
    """A typed field: a whole number, text, or a number without a slider (empty: the default, for an
    optional one)."""

    def __init__(self, hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(hyper, optimizer, current, parent)
        self.field = CheckedField(parser(hyper), self.check, formatter, param_placeholder(hyper), parent=self)
        self.field.setObjectName("value")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        self.field.committed.connect(lambda value: self.changed.emit(self.hyper.name, value))

    def set_value(self, value: Any) -> None:
        self.field.set_value(value)


class ChoiceEditor(HyperEditor):
    """A box of the declared choices (the optimizer a wrapper such as SAM wraps)."""

    def __init__(self, hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(hyper, optimizer, current, parent)
        self.box = QComboBox(self)
        for choice in hyper.choices:
            self.box.addItem(choice_text(choice), choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        self.box.activated.connect(lambda index: self.changed.emit(self.hyper.name, self.box.itemData(index)))

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(0, self.box.findData(value)))
        self.box.blockSignals(False)


def make_hyper_editor(hyper: Param, optimizer: type[Optimizer], current: Callable[[], Mapping[str, Any]],
                      parent: QWidget | None = None) -> HyperEditor:
    """The editor for ``hyper``'s kind of value: switch, pair, choice, a number with its slider, or a
    typed field."""
    if hyper.kind == "number" and hyper.slider is not None and not hyper.optional:
        editor = NumberEditor
    else:
        editor = {"bool": BoolEditor, "pair": PairEditor, "choice": ChoiceEditor}.get(hyper.kind, FieldEditor)
    return editor(hyper, optimizer, current, parent)
