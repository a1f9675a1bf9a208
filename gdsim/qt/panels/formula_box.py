"""A typed formula as the problem: checked as it is typed (the reason and column under the box), sent
once it is valid and the typing pauses, with the recently used formulas remembered in QSettings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QSettings, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gdsim.core.formula import validate_formula
from gdsim.qt.messages import fill
from gdsim.qt.panels.checked_field import CheckedField, ErrorLabel
from gdsim.qt.panels.formatting import format_number, parse_number
from gdsim.qt.panels.monospace import monospace_font

RECENT_KEY = "problem/recent_formulas"
MAX_RECENT = 10
DEFAULT_DOMAIN = (-3.0, 3.0)
#: Milliseconds of quiet after the last keystroke before a valid formula is sent.
DEBOUNCE_MS = 400


def recent_formulas() -> list[str]:
    """The formulas used most recently first (QSettings)."""
    value = QSettings().value(RECENT_KEY, [])
    return [value] if isinstance(value, str) else [str(v) for v in value or []]


def remember_formula(text: str) -> list[str]:
    """Put ``text`` first in the recent formulas (at most MAX_RECENT kept) and return them."""
    recent = [text, *(t for t in recent_formulas() if t != text)][:MAX_RECENT]
    QSettings().setValue(RECENT_KEY, recent)
    return recent


class FormulaBox(QWidget):
    """An editable box (its list holds the recent formulas) and the domain of each variable.

    Signals
    -------
    formula_requested(object)
        ``{"kind": "expression", "expr": text, "domain": [[lo, hi], ...]}`` for a valid formula.
    """

    formula_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QComboBox(self)
        self.box.setObjectName("formula_box")
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setFont(monospace_font())
        self.box.lineEdit().setPlaceholderText("x^2 + 3*sin(y)")
        self.error = ErrorLabel(self)
        self.error.setObjectName("formula_error")
        self.reading = QLabel(self)
        self.reading.setObjectName("formula_reading")
        self.reading.setWordWrap(True)
        self.domain: dict[str, tuple[CheckedField, CheckedField]] = {}
        self._domain_labels: dict[str, tuple[QLabel, QLabel]] = {}
        self.domain_form = QFormLayout()
        self.domain_form.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.error)
        layout.addWidget(self.reading)
        layout.addLayout(self.domain_form)
        self._bounds: dict[str, tuple[float, float]] = {}
        self._variables: tuple[str, ...] = ()
        self._sent: dict[str, Any] | None = None
        self.box.addItems(recent_formulas())
        self.box.setCurrentIndex(-1)
        # Debounce: each keystroke restarts a single-shot timer; the text is checked and sent when it fires.
        self._check_later = QTimer(self)
        self._check_later.setSingleShot(True)
        self._check_later.setInterval(DEBOUNCE_MS)
        self._check_later.timeout.connect(self.check_now)
        self.box.lineEdit().textEdited.connect(lambda text: self._check_later.start())
        self.box.lineEdit().returnPressed.connect(self._finished)
        self.box.activated.connect(lambda index: self._finished())
        self.retranslate()

    def retranslate(self) -> None:
        """The tooltip and the domain's labels in the current language (a refused formula's message
        follows by itself)."""
        self.box.setToolTip(self.tr("J(x, y) in plain text: numbers, x, y, pi, e, + - * / ^, brackets and sin, "
                                    "cos, tan, exp, log, sqrt, abs, ... The list holds the formulas used recently."))
        for name, (label, to) in self._domain_labels.items():
            label.setText(fill(self.tr("%1 from"), name))
            to.setText(self.tr("to"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def text(self) -> str:
        return self.box.currentText()

    def set_formula(self, text: str, domain: Sequence[Sequence[float]] | None) -> None:
        """Show ``text`` and its ``domain`` (from the engine) without emitting."""
        if not (self.box.lineEdit().hasFocus() and self.box.lineEdit().isModified()):
            self.box.setEditText(text)
        for name, bounds in zip(("x", "y"), domain or (), strict=False):
            self._bounds[name] = (float(bounds[0]), float(bounds[1]))
        result = validate_formula(text)
        self._show_reading(result)
        for name, fields in self.domain.items():
            for field, value in zip(fields, self._bounds[name], strict=True):
                field.set_value(value)
        if not isinstance(result, Exception):
            self._sent = self._spec(result.variables)

    def check_now(self) -> None:
        """Check the text now; send it when valid and not already sent."""
        result = validate_formula(self.text())
        self._show_reading(result)
        if not isinstance(result, Exception):
            self._send(self._spec(result.variables))

    def _show_reading(self, result: Any) -> None:
        if isinstance(result, Exception):
            self.error.show_message(result)
            self.reading.setText("")
            return
        self.error.show_message(None)
        self.reading.setText(f"J = {result.display}")
        self._build_domain(result.variables)

    def _build_domain(self, variables: tuple[str, ...]) -> None:
        if variables == self._variables:
            return
        self._variables = variables
        while self.domain_form.rowCount():
            self.domain_form.removeRow(0)
        self.domain, self._domain_labels = {}, {}
        for name in variables:
            low, high = self._bounds.setdefault(name, DEFAULT_DOMAIN)
            row = QWidget(self)
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            fields = []
            for side, value in (("low", low), ("high", high)):
                field = CheckedField(parse_number, lambda v, n=name, s=side: self._check_bound(n, s, v),
                                     format_number, parent=row)
                field.setObjectName(f"domain_{name}_{side}")
                field.set_value(value)
                field.committed.connect(lambda v, n=name, s=side: self._bound_committed(n, s, v))
                fields.append(field)
            layout.addWidget(fields[0], 1)
            to = QLabel(self.tr("to"), row)
            layout.addWidget(to)
            layout.addWidget(fields[1], 1)
            self.domain[name] = (fields[0], fields[1])
            label = QLabel(fill(self.tr("%1 from"), name), self)
            self._domain_labels[name] = (label, to)
            self.domain_form.addRow(label, row)

    def _bounds_with(self, name: str, side: str, value: float) -> tuple[float, float]:
        low, high = self._bounds[name]
        return (value, high) if side == "low" else (low, value)

    def _check_bound(self, name: str, side: str, value: float) -> None:
        low, high = self._bounds_with(name, side, value)
        if not low < high:
            raise ValueError(fill(self.tr("the %1 range needs from < to (here %2 to %3)"), name, format_number(low),
                                  format_number(high)))

    def _bound_committed(self, name: str, side: str, value: float) -> None:
        self._bounds[name] = self._bounds_with(name, side, value)
        self.check_now()

    def _spec(self, variables: tuple[str, ...]) -> dict[str, Any]:
        return {"kind": "expression", "expr": self.text().strip(),
                "domain": [list(self._bounds.get(name, DEFAULT_DOMAIN)) for name in variables]}

    def _send(self, spec: Mapping[str, Any]) -> None:
        if spec != self._sent:
            self._sent = dict(spec)
            self.formula_requested.emit(dict(spec))

    def _finished(self) -> None:
        self._check_later.stop()
        self.check_now()
        text = self.text().strip()
        if text and not isinstance(validate_formula(text), Exception):
            recent = remember_formula(text)
            self.box.blockSignals(True)
            self.box.clear()
            self.box.addItems(recent)
            self.box.setCurrentIndex(0)
            self.box.blockSignals(False)
