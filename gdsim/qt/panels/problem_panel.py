"""The problem: a catalog of landscapes grouped by dimension (and a typed formula of one's own), the
chosen one's options, its formula and known minima."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QTreeView, QVBoxLayout, QWidget

from gdsim.core.landscapes import LANDSCAPES, make_landscape
from gdsim.core.problem import Problem
from gdsim.qt.declarations import option_text, problem_title
from gdsim.qt.messages import fill
from gdsim.qt.panels.checked_field import CheckedField
from gdsim.qt.panels.data_picker import DataPicker
from gdsim.qt.panels.formatting import format_number, format_vector, parse_number
from gdsim.qt.panels.formula_box import FormulaBox
from gdsim.qt.panels.monospace import monospace_font
from gdsim.qt.panels.network_picker import NETWORK, NetworkPicker

NAME_ROLE = Qt.ItemDataRole.UserRole
#: The context of this panel's translated texts.
TEXTS = "ProblemPanel"
GROUP_TITLES = {1: QT_TRANSLATE_NOOP("ProblemPanel", "1D curves"), 2: QT_TRANSLATE_NOOP("ProblemPanel", "2D surfaces")}
#: The catalog row that opens the formula box.
CUSTOM = "custom formula"
#: The catalog rows of the data problems (their kinds), with their titles and what they fit.
DATA_KINDS = {"regression": (QT_TRANSLATE_NOOP("ProblemPanel", "Linear regression"), "y ≈ w·x + b"),
              "classification": (QT_TRANSLATE_NOOP("ProblemPanel", "Logistic regression"), "P(y = 1) = σ(w·x + b)")}


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


def _header(model: QStandardItemModel, title: str) -> None:
    header = QStandardItem(title)
    font = QFont(header.font())
    font.setBold(True)
    header.setFont(font)
    header.setFlags(Qt.ItemFlag.NoItemFlags)
    model.appendRow([header, QStandardItem()])


def _row(model: QStandardItemModel, name: str, title: str, second: str, tip: str) -> None:
    item = QStandardItem(title)
    item.setData(name, NAME_ROLE)
    item.setToolTip(tip)
    second_item = QStandardItem(second)
    second_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    model.appendRow([item, second_item])


def catalog_model(parent: QWidget) -> QStandardItemModel:
    """Rows of (title, formula) for every registered landscape under a header per dimension, then
    the data problems, then one's own formula; in the current language."""
    model = QStandardItemModel(0, 2, parent)
    for dim in sorted({entry.dim for entry in LANDSCAPES.values()}):
        _header(model, _translated(GROUP_TITLES[dim]) if dim in GROUP_TITLES else f"{dim}D")
        for name, entry in LANDSCAPES.items():
            if entry.dim == dim:
                formula = make_landscape(name).formula
                title = problem_title(entry.title)
                _row(model, name, title, formula, f"{title}: {formula}")
    _header(model, _translated(QT_TRANSLATE_NOOP("ProblemPanel", "Data")))
    for kind, (title, fits) in DATA_KINDS.items():
        tip = _translated(QT_TRANSLATE_NOOP("ProblemPanel", "%1: %2, on a data set of the lessons, generated data "
                                                            "or a CSV file of your own"))
        _row(model, kind, _translated(title), fits, tip.replace("%1", _translated(title)).replace("%2", fits))
    _row(model, NETWORK, _translated(QT_TRANSLATE_NOOP("ProblemPanel", "Network")), "torch",
         _translated(QT_TRANSLATE_NOOP("ProblemPanel", "A real network trained with torch: data set, model, loss")))
    _header(model, _translated(QT_TRANSLATE_NOOP("ProblemPanel", "Your own")))
    _row(model, CUSTOM, _translated(QT_TRANSLATE_NOOP("ProblemPanel", "Custom formula…")), "J(x, y) = …",
         _translated(QT_TRANSLATE_NOOP("ProblemPanel", "Type J(x) or J(x, y) yourself.")))
    return model


def describe_minima(problem: Problem) -> str:
    """The known minima, one per line, e.g. ``(1, 1)  J = 0``; "none known" otherwise."""
    if not problem.minima:
        return _translated(QT_TRANSLATE_NOOP("ProblemPanel", "none known"))
    estimated = _translated(QT_TRANSLATE_NOOP("ProblemPanel", " (estimated)"))
    return "\n".join(f"{format_vector(point.location, 4)}  J = {format_number(point.value, 4)}"
                     + (estimated if point.estimated else "") for point in problem.minima)


class ProblemPanel(QWidget):
    """Pick the problem; shows the current one.

    Signals
    -------
    problem_requested(object)
        A problem spec, e.g. ``{"kind": "landscape", "name": "rosenbrock", "options": {}}``.
    """

    problem_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec: dict[str, Any] = {}
        self.catalog = QComboBox(self)
        self.catalog.setObjectName("catalog")
        self.catalog.setModel(catalog_model(self))
        view = QTreeView(self.catalog)
        view.setHeaderHidden(True)
        view.setRootIsDecorated(False)
        view.setItemsExpandable(False)
        view.setAllColumnsShowFocus(True)
        self.catalog.setView(view)
        self.catalog.setModelColumn(0)
        view.resizeColumnToContents(0)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        wide = view.columnWidth(0) + view.sizeHintForColumn(1) + 24
        view.setMinimumWidth(min(wide, view.columnWidth(0) + self.fontMetrics().horizontalAdvance("x") * 48))
        self.formula = QLabel(self)
        self.formula.setObjectName("formula")
        self.formula.setFont(monospace_font())
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.minima = QLabel(self)
        self.minima.setObjectName("minima")
        self.minima.setFont(monospace_font())
        self.minima.setWordWrap(True)
        self.minima.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.option_fields: dict[str, CheckedField] = {}
        self.formula_box = FormulaBox(self)
        self.formula_box.hide()
        self.formula_box.formula_requested.connect(self._request)
        self.data_picker = DataPicker(self)
        self.data_picker.setObjectName("data_picker")
        self.data_picker.hide()
        self.data_picker.problem_requested.connect(self._request)
        self.form = QFormLayout()
        self.catalog_label = QLabel(self)
        self.form.addRow(self.catalog_label, self.catalog)
        self.form.addRow(self.formula_box)
        self.form.addRow(self.data_picker)
        self.network_picker = NetworkPicker(self)
        self.network_picker.setObjectName("network_picker")
        self.network_picker.hide()
        self.network_picker.problem_requested.connect(self._request)
        self.form.addRow(self.network_picker)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addLayout(self.form)
        layout.addWidget(self.formula)
        layout.addWidget(self.minima)
        layout.addStretch(1)
        self.catalog.activated.connect(self._picked)
        self._problem: Problem | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Show every text in the current language (the catalog is rebuilt, its choice kept)."""
        self.catalog_label.setText(self.tr("Problem"))
        self.catalog.setToolTip(self.tr("The loss surface the balls roll on, or a data problem"))
        row = self.catalog.currentIndex()
        self.catalog.setModel(catalog_model(self))
        self.catalog.setModelColumn(0)
        self.catalog.setCurrentIndex(row)
        for key, field in self.option_fields.items():
            self.form.labelForField(field).setText(option_text(key))
            self.form.labelForField(field).setToolTip(self._option_tip(self._spec.get("name")))
        if self._problem is not None:
            if self.catalog.currentIndex() < 0:
                self.catalog.setPlaceholderText(problem_title(self._problem.title))
            self._show_formula(self._problem)

    def set_language(self, language: str) -> None:
        """Name the lessons' data sets in ``language`` (the interface follows Qt's translators)."""
        self.data_picker.set_language(language)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _option_tip(self, name: str | None) -> str:
        title = problem_title(LANDSCAPES[name].title) if name in LANDSCAPES else ""
        return self.tr("An option of %1; the surface is rebuilt when it changes.").replace("%1", title)

    def current_name(self) -> str | None:
        """The registry name of the landscape shown in the picker."""
        return self.catalog.currentData(NAME_ROLE)

    def pick(self, name: str) -> None:
        """Choose landscape ``name`` as a person would (emits ``problem_requested``)."""
        row = self._row_of(name)
        self.catalog.setCurrentIndex(row)
        self._picked(row)

    def _row_of(self, name: str) -> int:
        return self.catalog.findData(name, NAME_ROLE)

    def _picked(self, row: int) -> None:
        name = self.catalog.itemData(row, NAME_ROLE)
        if name is None:
            return
        self.formula_box.setVisible(name == CUSTOM)
        self.data_picker.setVisible(name in DATA_KINDS)
        self.network_picker.setVisible(name == NETWORK)
        if name == NETWORK:
            self._build_options(None, {})
            return
        if name in DATA_KINDS:
            self._build_options(None, {})
            self.data_picker.set_kind(name)
            return
        if name == CUSTOM:
            self._build_options(None, {})
            self.formula.setText("")
            self.minima.setText("")
            self.formula_box.box.setFocus()
            self.formula_box.check_now()
            return
        spec = {"kind": "landscape", "name": name, "options": dict(LANDSCAPES[name].options)}
        self._build_options(name, spec["options"])
        self._request(spec)

    def _request(self, spec: dict[str, Any]) -> None:
        self._spec = spec
        self.problem_requested.emit(spec)

    # --- options ----------------------------------------------------------------------------

    def _build_options(self, name: str | None, values: Mapping[str, Any]) -> None:
        for field in self.option_fields.values():
            self.form.removeRow(field)
        self.option_fields = {}
        for row, key in enumerate(LANDSCAPES[name].options if name else (), start=1):
            field = CheckedField(parse_number, lambda v, key=key: self._check_option(key, v),
                                 lambda v: format_number(v, 8), parent=self)
            field.setObjectName(f"option_{key}")
            field.set_value(float(values.get(key, LANDSCAPES[name].options[key])))
            field.committed.connect(lambda value, key=key: self._option_committed(key, value))
            label = QLabel(option_text(key), self)
            self.form.insertRow(row, label, field)
            self.option_fields[key] = field
        for field in self.option_fields.values():
            self.form.labelForField(field).setToolTip(self._option_tip(name))

    def _options_with(self, key: str, value: float) -> dict[str, Any]:
        return {**self._spec.get("options", {}), key: value}

    def _check_option(self, key: str, value: float) -> None:
        make_landscape(self._spec["name"], self._options_with(key, value))

    def _option_committed(self, key: str, value: float) -> None:
        self._request({**self._spec, "options": self._options_with(key, value)})

    # --- from the engine --------------------------------------------------------------------

    def set_problem(self, problem: Problem, spec: Mapping[str, Any]) -> None:
        """Show the current problem (built from ``spec``): picker, options, formula, minima."""
        spec = dict(spec)
        self.network_picker.setVisible(spec.get("kind") == NETWORK)
        if spec.get("kind") == "landscape" and spec.get("name") in LANDSCAPES:
            name = spec["name"]
            options = {**LANDSCAPES[name].options, **spec.get("options", {})}
            spec["options"] = options
            if name != self._spec.get("name") or set(self.option_fields) != set(options):
                self._build_options(name, options)
            for key, field in self.option_fields.items():
                field.set_value(float(options[key]))
            self.catalog.setCurrentIndex(self._row_of(name))
            self.formula_box.hide()
            self.data_picker.hide()
        elif spec.get("kind") == "expression":
            self._build_options(None, {})
            self.catalog.setCurrentIndex(self._row_of(CUSTOM))
            self.formula_box.set_formula(str(spec.get("expr", "")), spec.get("domain"))
            self.formula_box.show()
            self.data_picker.hide()
        elif spec.get("kind") in DATA_KINDS:
            self._build_options(None, {})
            self.formula_box.hide()
            self.catalog.setCurrentIndex(self._row_of(spec["kind"]))
            self.data_picker.show_spec(spec)
            self.data_picker.show()
        elif spec.get("kind") == NETWORK:
            self._build_options(None, {})
            self.formula_box.hide()
            self.data_picker.hide()
            self.catalog.setCurrentIndex(self._row_of(NETWORK))
            self.network_picker.show_spec(spec)
        else:  # a problem the catalog does not list (data, a network): named in the picker's place
            self._build_options(None, {})
            self.formula_box.hide()
            self.data_picker.hide()
            self.catalog.setPlaceholderText(problem_title(problem.title))
            self.catalog.setCurrentIndex(-1)
        self._spec = spec
        self._problem = problem
        self._show_formula(problem)

    def _show_formula(self, problem: Problem) -> None:
        if getattr(problem, "stepper", "numpy") == "torch":  # a network: its model and loss, no minima known
            self.formula.setText(fill(self.tr("%1\n%2 weights · J = %3"), problem_title(problem.title),
                                      f"{problem.dim:,}", problem_title(problem.formula)))
            self.minima.setText("")
            return
        written = problem.formula if problem.formula.startswith("J(") else \
            f"J({', '.join(problem.param_names)}) = {problem.formula}"
        self.formula.setText(written)
        self.formula.setToolTip(self.tr("%1; parameters %2").replace("%1", problem_title(problem.title))
                                .replace("%2", ", ".join(problem.param_names)))
        self.minima.setText(self.tr("Known minima:") + "\n" + describe_minima(problem))
