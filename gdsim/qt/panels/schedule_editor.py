"""The learning-rate schedule of a run: a name from SCHEDULES and editors generated from that schedule's
declared options."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from gdsim.core.schedules import SCHEDULE_PARAMS, SCHEDULES
from gdsim.qt.declarations import param_help, param_placeholder
from gdsim.qt.panels.checked_field import CheckedField, ErrorLabel
from gdsim.qt.panels.option_form import formatter, parser
from gdsim.qt.panels.param_label import param_label, relabel

ScheduleSpec = Mapping[str, Any] | None
#: The schedules' names on screen (torch.optim.lr_scheduler's names, as words); others show their name.
SCHEDULE_TITLES = {
    "constant": QT_TRANSLATE_NOOP("ScheduleEditor", "constant"),
    "step_lr": QT_TRANSLATE_NOOP("ScheduleEditor", "step lr"),
    "exponential_lr": QT_TRANSLATE_NOOP("ScheduleEditor", "exponential lr"),
    "cosine_annealing_lr": QT_TRANSLATE_NOOP("ScheduleEditor", "cosine annealing lr"),
    "inverse_time": QT_TRANSLATE_NOOP("ScheduleEditor", "inverse time"),
}


def compact(schedule: Mapping[str, Any]) -> dict[str, Any] | None:
    """``schedule`` with options at their defaults left out; None for a plain constant rate."""
    _, defaults = SCHEDULES[schedule["name"]]
    changed = {k: v for k, v in schedule.items() if k != "name" and v != defaults.get(k)}
    if schedule["name"] == "constant" and not changed:
        return None
    return {"name": schedule["name"], **changed}


class ScheduleEditor(QWidget):
    """A combo of every registered schedule and a form of the chosen schedule's options.

    ``check(schedule)`` raises InputError for a schedule the engine refuses.

    Signals
    -------
    schedule_changed(object)
        The new schedule: None for a plain constant rate, else ``{"name": ..., <options not at
        their defaults>}``.
    """

    schedule_changed = Signal(object)

    def __init__(self, check: Callable[[ScheduleSpec], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._schedule: dict[str, Any] = {"name": "constant"}
        self.setObjectName("schedule")
        self.combo = QComboBox(self)
        self.combo.setObjectName("schedule_name")
        for name in SCHEDULES:
            self.combo.addItem(name.replace("_", " "), name)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.form.addRow(self.title, self.combo)
        self.error = ErrorLabel(self)
        self.form.addRow(self.error)
        self.editors: dict[str, CheckedField] = {}
        self.labels: dict[str, QLabel] = {}
        self.combo.activated.connect(self._picked)
        self.retranslate()

    def retranslate(self) -> None:
        """Names, labels and tooltips in the current language."""
        self.title.setText(self.tr("Schedule"))
        self.combo.setToolTip(self.tr("Learning-rate schedule (torch.optim.lr_scheduler semantics): it scales "
                                      "the base lr step by step; changing lr live rescales the whole schedule."))
        for index, name in enumerate(SCHEDULES):
            title = SCHEDULE_TITLES.get(name)
            shown = QCoreApplication.translate("ScheduleEditor", title) if title else name.replace("_", " ")
            self.combo.setItemText(index, shown)
        for param in SCHEDULE_PARAMS[self._schedule["name"]][1]:
            if param.name in self.editors:
                label = self.labels[param.name]
                relabel(label, param)
                for widget in (label, self.editors[param.name]):
                    widget.setToolTip(param_help(param))
                self.editors[param.name].edit.setPlaceholderText(param_placeholder(param))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _filled(schedule: ScheduleSpec) -> dict[str, Any]:
        spec = dict(schedule or {"name": "constant"})
        _, defaults = SCHEDULES.get(spec["name"], (None, {}))
        return {"name": spec["name"], **defaults, **{k: v for k, v in spec.items() if k != "name"}}

    def set_schedule(self, schedule: ScheduleSpec) -> None:
        """Show ``schedule`` (None: constant) without emitting."""
        filled = self._filled(schedule)
        if filled["name"] != self._schedule["name"] or not self.editors and len(filled) > 1:
            self._build(filled["name"])
        self._schedule = filled
        self.combo.setCurrentIndex(max(0, self.combo.findData(filled["name"])))
        for key, editor in self.editors.items():
            editor.set_value(filled[key])

    def _build(self, name: str) -> None:
        for _ in range(self.form.rowCount() - 2):
            self.form.removeRow(2)
        self.editors, self.labels = {}, {}
        for param in SCHEDULE_PARAMS[name][1]:
            key = param.name
            editor = CheckedField(parser(param), lambda v, key=key: self._check(self._with(key, v)),
                                  formatter, placeholder=param_placeholder(param), parent=self)
            editor.committed.connect(lambda value, key=key: self._emit_option(key, value))
            editor.setObjectName(f"schedule_{key}")
            editor.setToolTip(param_help(param))
            label = QLabel(param_label(param), self)
            label.setToolTip(param_help(param))
            self.editors[key] = editor
            self.labels[key] = label
            self.form.addRow(label, editor)

    def _with(self, key: str, value: Any) -> dict[str, Any]:
        return {**self._schedule, key: value}

    def _picked(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name == self._schedule["name"]:
            return
        candidate = self._filled({"name": name})
        self._build(name)
        self.set_schedule(candidate)
        self._emit(candidate)

    def _emit_option(self, key: str, value: Any) -> None:
        self._emit(self._with(key, value))

    def _emit(self, candidate: dict[str, Any]) -> None:
        schedule = compact(candidate)
        try:
            self._check(schedule)
        except ValueError as error:
            self.error.show_message(error)
            return
        self.error.show_message(None)
        self._schedule = candidate
        self.schedule_changed.emit(schedule)
