"""The data of a linear or logistic regression, as TensorFlow Playground offers its data sets: the
articles' data sets (as the lessons use them), generated data (size, noise, seed, ...), or a CSV file
of one's own; and the problem's options (bias, loss, standardization, L2) as toggles and fields.

Every editor comes from a declaration (the Params of gdsim.core.datasets and data_problems). Each
change asks for the whole problem object at once (``problem_requested``); the engine builds it and
refuses it with a message if it cannot. A CSV file is read in a worker, never on the GUI thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from gdsim.core.data_problems import PROBLEM_PARAMS
from gdsim.core.datasets import GENERATED_PARAMS
from gdsim.core.params import Param
from gdsim.qt.declarations import param_help
from gdsim.qt.i18n import pick_text
from gdsim.qt.panels.checked_field import CheckedField, ErrorLabel
from gdsim.qt.panels.option_form import formatter, parser
from gdsim.qt.panels.param_label import param_label, relabel
from gdsim.qt.workers import run_in_worker
from gdsim.resources import SCENARIOS_DIR
from gdsim.session.csv_data import read_csv_data

#: Problem kind -> the generator of its data.
GENERATOR = {"regression": "linear", "classification": "logistic"}
#: The data-set choices besides the lessons' own.
GENERATED, CSV_FILE = "generated", "csv"
#: The generated-data settings given editors (numbers; the spacing and range keep their defaults).
GENERATED_FIELDS = ("n", "noise", "seed", "slope", "intercept")
#: The losses written out beside their names (torch's names kept): rᵢ = w·xᵢ + b − yᵢ.
LOSS_FORMULAS = {"mse": "1/m Σ rᵢ²", "half_mse": "1/(2m) Σ rᵢ²"}


@dataclass(frozen=True)
class LessonData:
    """A data set as a lesson uses it: the lesson's titles and its whole problem object."""

    number: str
    title: Mapping[str, str]
    problem: Mapping[str, Any]


def lesson_data_sets(kind: str, folder: Path = SCENARIOS_DIR) -> list[LessonData]:
    """The data sets of the lessons whose problem is of ``kind``, in file order, each once."""
    found, seen = [], set()
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            problem = data["problem"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        key = json.dumps(problem.get("data"), sort_keys=True)
        if problem.get("kind") != kind or key in seen:
            continue
        seen.add(key)
        found.append(LessonData(path.stem[:2], dict(data.get("title") or {}), dict(problem)))
    return found


def generated_defaults(kind: str) -> dict[str, Any]:
    """A generated data object of ``kind``'s generator with every declared default."""
    params = GENERATED_PARAMS[GENERATOR[kind]]
    return {"generate": GENERATOR[kind], **{p.name: list(p.default) if isinstance(p.default, tuple) else p.default
                                            for p in params}}


class DataPicker(QWidget):
    """Data set, generated-data settings and problem options of a data problem.

    Signals
    -------
    problem_requested(object)
        A whole data-problem object, e.g. ``{"kind": "regression", "data": {...}, "l2": 0.1}``.
    """

    problem_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None, language: str = "en") -> None:
        super().__init__(parent)
        self.language = language
        self.kind = "regression"
        self.spec: dict[str, Any] = {}
        self._lesson_sets: list[LessonData] = []
        self._reading: object | None = None
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.data_label = QLabel(self)
        self.data_set = QComboBox(self)
        self.data_set.setObjectName("data_set")
        self.data_set.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.data_set.setMinimumContentsLength(14)
        self.data_set.activated.connect(self._data_set_picked)
        self.form.addRow(self.data_label, self.data_set)
        self.csv_button = QPushButton(self)
        self.csv_button.setObjectName("csv_button")
        self.csv_button.clicked.connect(self.choose_csv)
        self.form.addRow(self.csv_button)
        self.message = ErrorLabel(self)
        self.message.setObjectName("data_message")
        self.form.addRow(self.message)
        self.generated_fields: dict[str, tuple[QLabel, CheckedField]] = {}
        self.option_editors: dict[str, tuple[QLabel, QWidget]] = {}
        #: Each declared setting shown, with its label and editor (retranslated together).
        self._labelled: list[tuple[Param, QLabel, QWidget]] = []
        self.retranslate()

    # --- building -------------------------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        """Offer the data sets and options of ``kind`` ("regression" or "classification") and ask for
        its first data set (the first lesson's)."""
        self._build(kind)
        first = self._lesson_sets[0].problem if self._lesson_sets else {"kind": kind, "data": generated_defaults(kind)}
        self._request(dict(first))

    def _build(self, kind: str) -> None:
        self.kind = kind
        self._lesson_sets = lesson_data_sets(kind)
        self._fill_data_sets()
        for _label, editor in (*self.generated_fields.values(), *self.option_editors.values()):
            self.form.removeRow(editor)
        self.generated_fields, self.option_editors = {}, {}
        self._labelled = []
        params = {p.name: p for p in GENERATED_PARAMS[GENERATOR[kind]]}
        for name in GENERATED_FIELDS:
            if name in params:
                self._add_generated_field(params[name])
        for param in PROBLEM_PARAMS[kind]:
            self._add_option(param)

    def _fill_data_sets(self) -> None:
        self.data_set.clear()
        for lesson in self._lesson_sets:
            title = pick_text(lesson.title, self.language) or lesson.number
            self.data_set.addItem(self.tr("Lesson %1: %2").replace("%1", lesson.number).replace("%2", title),
                                  lesson.number)
        self.data_set.addItem(self.tr("Generated data"), GENERATED)
        self.data_set.addItem(self.tr("A CSV file of your own…"), CSV_FILE)

    def _add_generated_field(self, param: Param) -> None:
        field = CheckedField(parser(param), lambda value, p=param: p.check(value), formatter, parent=self)
        field.setObjectName(f"generated_{param.name}")
        field.setToolTip(param_help(param))
        field.committed.connect(lambda value, name=param.name: self._generated_changed(name, value))
        label = QLabel(param_label(param), self)
        label.setToolTip(param_help(param))
        self.form.addRow(label, field)
        self.generated_fields[param.name] = (label, field)
        self._labelled.append((param, label, field))

    def _add_option(self, param: Param) -> None:
        name = param.name
        label = QLabel(param_label(param), self)
        label.setToolTip(param_help(param))
        if param.kind == "bool":
            editor = QCheckBox(self)
            editor.toggled.connect(lambda on: self._option_changed(name, on))
        elif param.kind == "choice":
            editor = QComboBox(self)
            for choice in param.choices:
                formula = LOSS_FORMULAS.get(choice) if name == "loss" else None
                editor.addItem(f"{choice} · {formula}" if formula else choice, choice)
            editor.activated.connect(lambda index, box=editor: self._option_changed(name, box.itemData(index)))
        else:
            editor = CheckedField(parser(param), param.check, formatter, parent=self)
            editor.committed.connect(lambda value: self._option_changed(name, value))
        editor.setObjectName(f"option_{name}")
        editor.setToolTip(param_help(param))
        self.form.addRow(label, editor)
        self.option_editors[name] = (label, editor)
        self._labelled.append((param, label, editor))

    # --- showing ------------------------------------------------------------------------------

    def show_spec(self, spec: Mapping[str, Any]) -> None:
        """Show the data problem running (``spec`` as the engine built it); emits nothing."""
        spec = dict(spec)
        if spec.get("kind") != self.kind or not self.generated_fields:
            self._build(spec["kind"])
        self.spec = spec
        data = spec.get("data") or {}
        choice = self._data_choice(data)
        self.data_set.setCurrentIndex(self.data_set.findData(choice))
        generated = data.get("generate") is not None
        values = {**generated_defaults(self.kind), **data} if generated else generated_defaults(self.kind)
        for name, (label, field) in self.generated_fields.items():
            field.set_value(values.get(name))
            label.setVisible(generated)
            field.setVisible(generated)
        params = {p.name: p for p in PROBLEM_PARAMS[self.kind]}
        for name, (_label, editor) in self.option_editors.items():
            value = spec.get(name, params[name].default)
            editor.blockSignals(True)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor.set_value(value)
            editor.blockSignals(False)

    def _data_choice(self, data: Mapping[str, Any]) -> str:
        for lesson in self._lesson_sets:  # equality stops at the first difference: cheap for a big CSV
            if lesson.problem.get("data") == data:
                return lesson.number
        return GENERATED if "generate" in data else CSV_FILE

    # --- from the person ----------------------------------------------------------------------

    def _data_set_picked(self, index: int) -> None:
        choice = self.data_set.itemData(index)
        self.message.show_message(None)
        if choice == GENERATED:
            self._request({**self._options(), "data": generated_defaults(self.kind)})
        elif choice == CSV_FILE:
            self.choose_csv()
        else:
            lesson = next(lesson for lesson in self._lesson_sets if lesson.number == choice)
            self._request(dict(lesson.problem))

    def _generated_changed(self, name: str, value: Any) -> None:
        data = self.spec.get("data") or {}
        data = {**(data if "generate" in data else generated_defaults(self.kind)), name: value}
        self._request({**self._options(), "data": data})

    def _option_changed(self, name: str, value: Any) -> None:
        self._request({**self.spec, "kind": self.kind, name: value})

    def _options(self) -> dict[str, Any]:
        """The current problem object without its data."""
        return {key: value for key, value in self.spec.items() if key != "data"} | {"kind": self.kind}

    def choose_csv(self) -> None:
        """Ask for a CSV file and read it (in a worker)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a data set"), "",
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.read_csv(Path(path))
        else:
            self.show_spec(self.spec)  # the choice shows the data in use again

    def read_csv(self, path: Path) -> None:
        """Read ``path`` in a worker; its samples become the data, or a message says what is wrong
        (row and column)."""
        request = self._reading = object()
        labels = self.kind == "classification"

        def read(data: dict[str, Any]) -> None:
            if self._reading is request:
                self._reading = None
                self.message.show_message(None)
                self._request({**self._options(), "data": data})

        def failed(error: BaseException) -> None:
            if self._reading is request:
                self._reading = None
                self.message.show_message(error)
                self.show_spec(self.spec)

        run_in_worker(read_csv_data, path, labels, returned=read, errored=failed)

    def _request(self, spec: dict[str, Any]) -> None:
        self.show_spec(spec)
        self.problem_requested.emit(spec)

    # --- language -----------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Name the lessons' data sets in ``language``."""
        self.language = language
        self.retranslate()

    def retranslate(self) -> None:
        """Show every text in the current language."""
        self.data_label.setText(self.tr("Data"))
        self.data_set.setToolTip(self.tr("The samples: a lesson's, generated ones, or a CSV file of your own "
                                         "(x columns, then y)"))
        self.csv_button.setText(self.tr("Open a CSV file…"))
        self.csv_button.setToolTip(self.tr("Comma-separated: x columns, then the y column; a first row of "
                                           "column names is allowed"))
        for param, label, editor in self._labelled:
            relabel(label, param)
            for widget in (label, editor):
                widget.setToolTip(param_help(param))
        if self.generated_fields or self.data_set.count():
            self._fill_data_sets()
            if self.spec:
                self.data_set.setCurrentIndex(self.data_set.findData(self._data_choice(self.spec.get("data") or {})))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
