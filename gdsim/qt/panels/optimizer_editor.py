"""A run's optimizer: a combo of every registered optimizer and editors generated from its declared
hyperparameters (Params)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from gdsim.core.optimizers import OPTIMIZERS, Optimizer
from gdsim.qt.declarations import optimizer_rule, optimizer_title
from gdsim.qt.messages import fill
from gdsim.qt.panels.hyper_editor import HyperEditor, hyper_tooltip, make_hyper_editor
from gdsim.qt.panels.monospace import monospace_font
from gdsim.qt.panels.param_label import relabel


class OptimizerEditor(QWidget):
    """Pick the optimizer and edit its hyperparameters; rebuilt only when the optimizer changes.

    Signals
    -------
    optimizer_changed(str)
        The registry name of the optimizer picked (its hyperparameters start at their defaults).
    hyper_changed(str, object)
        A hyperparameter name and a value the optimizer accepts.
    """

    optimizer_changed = Signal(str)
    hyper_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName("optimizer")
        for name, cls in OPTIMIZERS.items():
            self.combo.addItem(optimizer_title(cls), name)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setTextFormat(Qt.TextFormat.PlainText)
        self.rule.setFont(monospace_font())
        self.rule.setObjectName("rule")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.combo)
        self.form.addRow(self.rule)
        self.editors: dict[str, HyperEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self._name = ""
        self._hyper: dict[str, Any] = {}
        self.combo.activated.connect(self._picked)

    @property
    def optimizer(self) -> type[Optimizer]:
        return OPTIMIZERS[self._name]

    def set_optimizer(self, name: str, hyper: Mapping[str, Any]) -> None:
        """Show optimizer ``name`` with ``hyper`` (missing values at their defaults) without emitting."""
        if name not in OPTIMIZERS:  # a torch.optim / pytorch_optimizer class named in the scenario file
            self._show_class(name, hyper)
            return
        if name != self._name:
            self._build(name)
        self._hyper = dict(OPTIMIZERS[name].validate(hyper))
        for key, editor in self.editors.items():
            editor.set_value(self._hyper[key])

    def _show_class(self, name: str, hyper: Mapping[str, Any]) -> None:
        """A class named in the file: its name in the list and its settings as text (edited in the file)."""
        while self.form.rowCount() > 2:
            self.form.removeRow(2)
        self._name, self._hyper, self.editors, self.labels = name, dict(hyper), {}, {}
        if self.combo.findData(name) < 0:
            self.combo.addItem(name, name)
        self.combo.setCurrentIndex(self.combo.findData(name))
        settings = ", ".join(f"{key} = {value}" for key, value in hyper.items()) or "its defaults"
        self.rule.setText(f"{name}: {settings} (set in the scenario file)")

    def _build(self, name: str) -> None:
        while self.form.rowCount() > 2:
            self.form.removeRow(2)
        self._name = name
        cls = OPTIMIZERS[name]
        self.combo.setCurrentIndex(self.combo.findData(name))
        self.editors, self.labels = {}, {}
        for hyper in cls.hypers:
            editor = make_hyper_editor(hyper, cls, lambda: self._hyper, self)
            editor.changed.connect(self._hyper_edited)
            label = QLabel(self)
            self.form.addRow(label, editor)
            self.editors[hyper.name] = editor
            self.labels[hyper.name] = label
        self.retranslate()

    def retranslate(self) -> None:
        """The optimizers' titles, the update rule and the labels in the current language (the
        hyperparameter editors retranslate their own tooltips)."""
        for index, cls in enumerate(OPTIMIZERS.values()):
            self.combo.setItemText(index, optimizer_title(cls))
        if not self._name:
            return
        cls = self.optimizer
        self.rule.setText("\n".join(part.strip() for part in optimizer_rule(cls).split(";")))
        self.rule.setToolTip(fill(self.tr("%1's update rule; hover a hyperparameter to see what it does."),
                                  optimizer_title(cls)))
        for hyper in cls.hypers:
            relabel(self.labels[hyper.name], hyper)
            self.labels[hyper.name].setToolTip(hyper_tooltip(hyper, cls))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _picked(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name == self._name:
            return
        self.set_optimizer(name, {})
        self.optimizer_changed.emit(name)

    def _hyper_edited(self, name: str, value: Any) -> None:
        self._hyper[name] = value
        self.hyper_changed.emit(name, value)
