"""Where a run starts: one point (a field per parameter) or a swarm on a grid or at random."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QWidget

from gdsim.core.problem import Problem
from gdsim.engine.run_checks import MAX_SWARM
from gdsim.qt.panels.checked_field import CheckedField, ErrorLabel
from gdsim.qt.panels.formatting import format_number, parse_number

Start = tuple[float, ...] | Mapping[str, Any]
MODES = (("point", QT_TRANSLATE_NOOP("StartEditor", "Point")),
         ("grid", QT_TRANSLATE_NOOP("StartEditor", "Swarm on a grid")),
         ("random", QT_TRANSLATE_NOOP("StartEditor", "Swarm at random")))
#: The label of the row of fields, by mode.
ROW_TITLES = {"point": QT_TRANSLATE_NOOP("StartEditor", "Point"), "grid": QT_TRANSLATE_NOOP("StartEditor", "Per axis"),
              "random": QT_TRANSLATE_NOOP("StartEditor", "Balls")}
#: Swarm sizes offered when a person switches to a swarm.
GRID_COUNT = {1: 50, 2: 30}
RANDOM_COUNT = 500


class StartEditor(QWidget):
    """The start of a run. ``check(start)`` raises InputError for a start the engine refuses.

    Signals
    -------
    start_changed(object)
        A point (tuple) or ``{"grid": [...]}`` / ``{"random": N}``.
    """

    start_changed = Signal(object)

    def __init__(self, check: Callable[[Start], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._start: Start = ()
        self._names: tuple[str, ...] = ()
        self._default_point: tuple[float, ...] = ()
        self.setObjectName("start")
        self.mode = QComboBox(self)
        self.mode.setObjectName("start_mode")
        for key, text in MODES:
            self.mode.addItem(QCoreApplication.translate("StartEditor", text), key)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.form.addRow(self.title, self.mode)
        self.point: list[CheckedField] = []
        self.counts: list[QSpinBox] = []
        self.row_title: QLabel | None = None
        self._built_mode = ""
        self.error = ErrorLabel(self)
        self.form.addRow(self.error)
        self.mode.activated.connect(self._mode_picked)
        self.retranslate()

    def retranslate(self) -> None:
        """The labels and modes in the current language."""
        self.title.setText(self.tr("Start"))
        for index, (_key, text) in enumerate(MODES):
            self.mode.setItemText(index, QCoreApplication.translate("StartEditor", text))
        if self.row_title is not None:
            self.row_title.setText(QCoreApplication.translate("StartEditor", ROW_TITLES[self._built_mode]))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_start(self, start: Start | None, problem: Problem) -> None:
        """Show ``start`` (None: the problem's default start) for ``problem``'s parameters."""
        self.setVisible(problem.start is not None)
        if problem.start is None:  # a network starts from its initial weights: nothing to place
            return
        start = tuple(float(v) for v in problem.start) if start is None else start
        mode = next(iter(start)) if isinstance(start, Mapping) else "point"
        if (mode, problem.param_names) != (self._mode(), self._names) or not (self.point or self.counts):
            self._build(mode, problem.param_names)
        self._start = start
        self.mode.setCurrentIndex(self.mode.findData(mode))
        self._default_point = tuple(float(v) for v in problem.start)
        self._show(start)

    def _mode(self) -> str:
        return self.mode.currentData() if self.point or self.counts else ""

    def _build(self, mode: str, names: tuple[str, ...]) -> None:
        for _ in range(self.form.rowCount() - 2):
            self.form.removeRow(2)
        self._names = names
        self._built_mode = mode
        self.row_title = QLabel(QCoreApplication.translate("StartEditor", ROW_TITLES[mode]), self)
        self.point, self.counts = [], []
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if mode == "point":
            for i, name in enumerate(names):
                field = CheckedField(parse_number, lambda v, i=i: self._check(self._point_with(i, v)),
                                     format_number, parent=row, error=self.error)
                field.setObjectName(f"start_{name}")
                field.committed.connect(lambda value, i=i: self._emit(self._point_with(i, value)))
                layout.addWidget(QLabel(f"{name} =", row))
                layout.addWidget(field, 1)
                self.point.append(field)
            self.form.addRow(self.row_title, row)
            return
        for i in range(len(names) if mode == "grid" else 1):
            box = QSpinBox(row)
            box.setRange(1, MAX_SWARM)
            box.setKeyboardTracking(False)
            box.setObjectName(f"start_count_{i}")
            box.valueChanged.connect(self._counts_changed)
            if mode == "grid":
                layout.addWidget(QLabel(f"{names[i]}:", row))
            layout.addWidget(box, 1)
            self.counts.append(box)
        self.form.addRow(self.row_title, row)

    def _point_with(self, index: int, value: float) -> tuple[float, ...]:
        point = list(self._start) if not isinstance(self._start, Mapping) else list(self._default_point)
        point[index] = value
        return tuple(point)

    def _counts_changed(self) -> None:
        values = [box.value() for box in self.counts]
        self._emit({"grid": values} if self.mode.currentData() == "grid" else {"random": values[0]})

    def _mode_picked(self, index: int) -> None:
        mode = self.mode.itemData(index)
        if mode == "point":
            start: Start = self._default_point
        elif mode == "grid":
            start = {"grid": [GRID_COUNT.get(len(self._names), 10)] * len(self._names)}
        else:
            start = {"random": RANDOM_COUNT}
        self._build(mode, self._names)
        self._emit(start)

    def _emit(self, start: Start) -> None:
        try:
            self._check(start)
        except ValueError as error:
            self.error.show_message(error)
            return
        self._start = start
        self._show(start)
        self.start_changed.emit(start)

    def _show(self, start: Start) -> None:
        self.error.show_message(None)
        if isinstance(start, Mapping):
            values = start["grid"] if "grid" in start else [start["random"]]
            for box, value in zip(self.counts, values, strict=True):
                box.blockSignals(True)
                box.setValue(int(value))
                box.blockSignals(False)
        else:
            for field, value in zip(self.point, start, strict=True):
                field.set_value(float(value))
