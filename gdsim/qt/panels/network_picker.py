"""Pick a network problem: data set, model and loss, with editors generated from the declarations in
:mod:`gdsim.nets.spec` (labels, tooltips, choices, placeholders), a file chooser for csv and mnist.

The spec is checked with :func:`gdsim.nets.spec.parse_network` (no torch, no file read) before it
is sent; building the network (torch, the data) happens in the engine's worker. Start-up imports
nothing of gdsim.nets: the editors are built when the picker is first shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from gdsim.core.errors import InputError
from gdsim.core.params import Param
from gdsim.qt.declarations import choice_text, choice_word, param_help, param_placeholder, param_title
from gdsim.qt.messages import located_text
from gdsim.qt.panels.option_form import formatter, parser

#: The catalog row (and problem kind) of a network.
NETWORK = "network"
#: What a new pick of "Network" starts with: an MLP on the 2D moons, quick to train and to draw.
DEFAULT_SPEC = {"kind": NETWORK, "data": {"name": "moons", "n": 400, "noise": 0.1},
                "model": {"name": "mlp", "hidden": [16, 16], "activation": "tanh"}, "loss": None}


class _ParamEditor:
    """One editor for a declared setting: a choice box, or a line whose empty text is the default
    (None for an optional setting)."""

    def __init__(self, param: Param, parent: QWidget) -> None:
        self.param = param
        if param.kind == "choice":
            self.widget: QComboBox | QLineEdit = QComboBox(parent)
            if param.optional:
                self.widget.addItem("", None)
            for choice in param.choices:
                self.widget.addItem(choice, choice)
        else:
            self.widget = QLineEdit(parent)
        self.widget.setObjectName(f"net_{param.name}")
        self.retranslate()

    def retranslate(self) -> None:
        """The tooltip, the choices' words and the placeholder in the current language (a choice's own
        name kept beside its translation: it is what a file says)."""
        param = self.param
        self.widget.setToolTip(param_help(param))
        if isinstance(self.widget, QComboBox):
            for index in range(self.widget.count()):
                choice = self.widget.itemData(index)
                if choice is None:
                    self.widget.setItemText(index, param_placeholder(param) or "auto")
                else:
                    word = choice_text(choice)
                    self.widget.setItemText(index, choice if word == choice_word(choice) else f"{word} ({choice})")
        else:
            self.widget.setPlaceholderText(param_placeholder(param) if param.optional else formatter(param.default))

    def value(self) -> Any:
        """The value entered (the text parsed; ValueError names what is wrong)."""
        if isinstance(self.widget, QComboBox):
            return self.widget.currentData()
        text = self.widget.text()
        if not text.strip():
            return None if self.param.optional else self.param.default
        return parser(self.param)(text)

    def set_value(self, value: Any) -> None:
        if isinstance(self.widget, QComboBox):
            self.widget.setCurrentIndex(max(0, self.widget.findData(value)))
        else:
            self.widget.setText("" if value is None or (value == self.param.default and not self.param.optional)
                                else formatter(value))


def _hidden_text(hidden: Any) -> str:
    return ", ".join(str(width) for width in hidden)


class NetworkPicker(QWidget):
    """Data, model and loss of a network, and the button that opens it.

    Signals
    -------
    problem_requested(object)
        A checked network problem spec, ``{"kind": "network", "data": ..., "model": ..., "loss": ...}``.
    """

    problem_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._built = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._build()
        super().showEvent(event)

    def _build(self) -> None:
        """The editors, from the declarations (imported now, not at start-up)."""
        if self._built:
            return
        self._built = True
        from gdsim.nets.spec import DATA_PARAMS, DEFAULT_HIDDEN, HIDDEN_WIDTH, LOSS, MODEL_PARAMS

        self._default_hidden = DEFAULT_HIDDEN
        form = QFormLayout(self)
        self._labels: list[tuple[QLabel, Param | None]] = []
        form.setContentsMargins(0, 0, 0, 0)
        self.data_editors = {p.name: _ParamEditor(p, self) for p in DATA_PARAMS}
        self.model_editors = {p.name: _ParamEditor(p, self) for p in MODEL_PARAMS}
        self.loss_editor = _ParamEditor(LOSS, self)
        self.hidden = QLineEdit(self)
        self.hidden.setObjectName("net_hidden")
        self.hidden.setPlaceholderText(_hidden_text(DEFAULT_HIDDEN))
        self.browse = QPushButton("…", self)
        self.browse.setObjectName("net_browse")
        self.browse.clicked.connect(self.choose_path)
        for name, editor in self.data_editors.items():
            if name == "path":
                row = QHBoxLayout()
                row.addWidget(editor.widget, 1)
                row.addWidget(self.browse)
                form.addRow(self._label(editor.param), row)
            else:
                form.addRow(self._label(editor.param), editor.widget)
        for name, editor in self.model_editors.items():
            form.addRow(self._label(editor.param), editor.widget)
            if name == "name":
                form.addRow(self._label(None), self.hidden)
        form.addRow(self._label(LOSS), self.loss_editor.widget)
        self._hidden_help = HIDDEN_WIDTH
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("net_open")
        self.open_button.clicked.connect(self.request)
        form.addRow(self.open_button)
        self.error = QLabel(self)
        self.error.setObjectName("net_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        form.addRow(self.error)
        self.retranslate()
        self.model_editors["name"].widget.currentIndexChanged.connect(self._show_mlp_fields)
        self.data_editors["name"].widget.currentIndexChanged.connect(self._show_path)
        self.show_spec(DEFAULT_SPEC)

    def _label(self, param: Param | None) -> QLabel:
        """The label of ``param``'s row (None: the hidden layers'), named in :meth:`retranslate`."""
        label = QLabel(self)
        self._labels.append((label, param))
        return label

    def retranslate(self) -> None:
        """Labels, tooltips and choices in the current language (once the editors are built)."""
        if not self._built:
            return
        for editor in [*self.data_editors.values(), *self.model_editors.values(), self.loss_editor]:
            editor.retranslate()
        for label, param in self._labels:
            label.setText(param_title(param) if param is not None else self.tr("Hidden layers"))
        self.hidden.setToolTip(self.tr("The MLP's hidden layers, widths separated by commas (e.g. 64, 32).") + " "
                               + param_help(self._hidden_help))
        self.browse.setToolTip(self.tr("Choose the csv file, or mnist's folder or mnist.npz"))
        self.open_button.setText(self.tr("Open network"))
        self.open_button.setToolTip(self.tr("Build the network (torch loads in the background the first time)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_mlp_fields(self) -> None:
        mlp = self.model_editors["name"].value() == "mlp"
        for widget in (self.hidden, self.model_editors["activation"].widget):
            widget.setEnabled(mlp)

    def _show_path(self) -> None:
        self.browse.setEnabled(self.data_editors["name"].value() in ("csv", "mnist"))

    def show_spec(self, spec: Mapping[str, Any]) -> None:
        """Fill the editors from a network problem spec (missing keys: their defaults)."""
        self._build()
        data, model = spec.get("data") or {}, spec.get("model") or {}
        for name, editor in self.data_editors.items():
            editor.set_value(data.get(name, editor.param.default))
        for name, editor in self.model_editors.items():
            editor.set_value(model.get(name, editor.param.default))
        self.hidden.setText(_hidden_text(model.get("hidden", self._default_hidden)))
        self.loss_editor.set_value(spec.get("loss"))
        self.error.clear()
        self._show_mlp_fields()
        self._show_path()

    def spec(self) -> dict[str, Any]:
        """The network problem the editors describe, checked; InputError naming the setting otherwise."""
        from gdsim.nets.spec import parse_network

        self._build()
        data = {}
        for name, editor in self.data_editors.items():
            try:
                data[name] = editor.value()
            except ValueError as error:
                raise InputError(f"data.{name}", str(error), "text") from None  # said in the language already
        model: dict[str, Any] = {"name": self.model_editors["name"].value()}
        if model["name"] == "mlp":
            text = self.hidden.text().strip() or _hidden_text(self._default_hidden)
            try:
                model["hidden"] = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
            except ValueError:
                raise InputError("model.hidden", f"“{text}” is not a list of whole numbers such as 64, 32",
                                 "model.hidden_text", {"value": text}) from None
            model["activation"] = self.model_editors["activation"].value()
        spec = {"kind": NETWORK, "data": data, "model": model, "loss": self.loss_editor.value()}
        parse_network(spec)
        return spec

    def request(self) -> None:
        """Check the editors and ask for the network (or say what is wrong beneath them)."""
        try:
            spec = self.spec()
        except InputError as error:
            self.error.setText(located_text(error))
            return
        self.error.clear()
        self.problem_requested.emit(spec)

    def choose_path(self) -> None:
        """A file chooser for csv (a file) or mnist (mnist.npz; cancel it to choose the IDX folder)."""
        editor = self.data_editors["path"]
        if self.data_editors["name"].value() == "csv":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Data file"), "",
                                                  self.tr("CSV files (*.csv *.txt);;All files (*)"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("mnist.npz (cancel to choose the folder of IDX files)"),
                                                  "", self.tr("Keras mnist (*.npz)"))
            if not path:
                path = QFileDialog.getExistingDirectory(self, self.tr("Folder with the four MNIST IDX files"))
        if path:
            editor.set_value(path)
