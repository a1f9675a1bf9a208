"""A run's optimizer: the searchable picker of every optimizer (gdsim's own, torch.optim's and
pytorch_optimizer's classes) and editors generated from its declared hyperparameters (Params; a
class's come from its constructor's signature)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.optimizer_catalog import CatalogEntry
from gdsim.qt.declarations import optimizer_rule, optimizer_title
from gdsim.qt.messages import error_text, fill
from gdsim.qt.panels.hyper_editor import HyperEditor, hyper_tooltip, make_hyper_editor
from gdsim.qt.panels.monospace import monospace_font
from gdsim.qt.panels.optimizer_picker import OptimizerPicker, layout_sentence
from gdsim.qt.panels.param_label import relabel


class OptimizerEditor(QWidget):
    """Pick the optimizer and edit its hyperparameters; rebuilt only when the optimizer changes.

    A torch class picked or named before torch is loaded (the list comes from a committed table, see
    :mod:`gdsim.engine.optimizer_catalog_table`) shows its name and a loading note; its editors are
    built from its signature when the worker has imported torch and declared the classes.

    Signals
    -------
    optimizer_changed(str)
        The name of the optimizer picked (its hyperparameters start at their defaults).
    hyper_changed(str, object)
        A hyperparameter name and a value the optimizer accepts.
    """

    optimizer_changed = Signal(str)
    hyper_changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = OptimizerPicker(self)
        self.combo.setObjectName("optimizer")
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setTextFormat(Qt.TextFormat.PlainText)
        self.rule.setObjectName("rule")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.combo)
        self.form.addRow(self.rule)
        self.editors: dict[str, HyperEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self._name = ""
        self._declaration: Any = None
        self._hyper: dict[str, Any] = {}
        self.combo.activated.connect(self._picked)
        self.combo.loader.loaded.connect(self._listed)

    @property
    def optimizer(self) -> Any:
        """The declaration of the optimizer shown (gdsim's class or a torch class's; None while loading)."""
        return self._declaration

    def set_optimizer(self, name: str, hyper: Mapping[str, Any]) -> None:
        """Show optimizer ``name`` with ``hyper`` (missing values at their defaults) without emitting."""
        entry = self.combo.loader.entry(name)
        if entry is None or entry.declaration is None:  # a class before the list is loaded
            self._show_loading(name, hyper)
            return
        if name != self._name or self._declaration is None:
            self._build(name, entry.declaration)
        self._hyper = dict(entry.declaration.validate(hyper))
        for key, editor in self.editors.items():
            editor.set_value(self._hyper[key])

    def _clear_rows(self) -> None:
        while self.form.rowCount() > 2:
            self.form.removeRow(2)
        self.editors, self.labels = {}, {}

    def _show_loading(self, name: str, hyper: Mapping[str, Any]) -> None:
        """A class named before the list is loaded: its name, and its editors once torch is loaded."""
        self._clear_rows()
        self._name, self._declaration, self._hyper = name, None, dict(hyper)
        self.combo.show_name(name)
        self.combo.loader.request()
        self.retranslate()
        if self.combo.loader.declared:  # the worker is done and could not declare it: say why
            self._listed()

    def _listed(self) -> None:
        """The worker is done (torch loaded, the classes declared): build the editors of the class shown
        while it was loading, or say why it cannot be edited."""
        if self._declaration is None and self._name:
            entry = self.combo.loader.entry(self._name)
            if entry is None or entry.declaration is None:
                self.rule.setText(fill(self.tr("%1 cannot be edited here: %2"), self._name, self._why_not(entry)))
                return
            self.set_optimizer(self._name, self._hyper)

    def _why_not(self, entry: CatalogEntry | None) -> str:
        """Why a class has no declaration once the worker is done: unsupported, its module could not be
        loaded, or it is not listed."""
        if entry is None:
            return self.tr("it is not listed")
        failure = self.combo.loader.failures.get(entry.group)
        return entry.unsupported or (error_text(failure) if failure is not None else self.tr("it is not listed"))

    def _build(self, name: str, declaration: Any) -> None:
        self._clear_rows()
        self._name, self._declaration = name, declaration
        self.combo.show_name(name)
        self.rule.setFont(monospace_font() if name in OPTIMIZERS else self.font())
        for hyper in declaration.hypers:
            editor = make_hyper_editor(hyper, declaration, lambda: self._hyper, self)
            editor.changed.connect(self._hyper_edited)
            label = QLabel(self)
            self.form.addRow(label, editor)
            self.editors[hyper.name] = editor
            self.labels[hyper.name] = label
        self.retranslate()

    def retranslate(self) -> None:
        """The optimizers' titles, the update rule (a class's help) and the labels in the current language
        (the hyperparameter editors retranslate their own tooltips)."""
        self.combo.retranslate()
        if not self._name:
            return
        cls = self._declaration
        if cls is None:
            self.rule.setText(fill(self.tr("Loading torch… the settings of %1 follow."), self._name))
            self.rule.setToolTip("")
            return
        if self._name in OPTIMIZERS:
            self.rule.setText("\n".join(part.strip() for part in optimizer_rule(cls).split(";")))
            self.rule.setToolTip(fill(self.tr("%1's update rule; hover a hyperparameter to see what it does."),
                                      optimizer_title(cls)))
        else:
            entry = self.combo.loader.entry(self._name)
            self.rule.setText(cls.rule)
            self.rule.setToolTip(layout_sentence(entry) if entry is not None else "")
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
