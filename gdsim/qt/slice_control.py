"""The loss-landscape slice of a network run, on request: choose the directions and the resolution,
follow the worker's progress (Cancel stops it), then see the slice in the window's main 2D and 3D
views, every run's ball rolling on it along its projected path (the window's ``show_slice``); this
dialog lists the sliced run's path with its true loss beside the plane's.

The slice is computed row by row in the engine's worker (ComputeSlice; progress in each snapshot's
``slice_progress``, the result as a landscape in ``landscape_slice``); its drawing (log heights,
contours) is prepared in a function worker. This module computes nothing itself.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdsim.core.problem import Problem
from gdsim.engine.commands import CancelSlice, ComputeSlice
from gdsim.engine.network_run import SLICE_METHOD, SLICE_SIZE
from gdsim.engine.snapshot import Snapshot
from gdsim.qt.declarations import param_help, problem_title
from gdsim.qt.i18n import mark_source
from gdsim.qt.messages import error_text, fill
from gdsim.qt.panels.formatting import format_number
from gdsim.qt.views.landscape_drawing import make_picture
from gdsim.qt.views.protocol import Picture
from gdsim.qt.workers import run_in_worker

METHOD_TITLES = {"random": QT_TRANSLATE_NOOP("SliceDialog", "Filter-normalised random directions"),
                 "pca": QT_TRANSLATE_NOOP("SliceDialog", "Principal directions of the path")}
#: Points of the path listed with their true and plane losses (the first, the last and some between).
PATH_ROWS = 6


def path_text(computed) -> str:
    """The projected path's true training loss beside the plane's loss at the projected points."""
    steps, true, plane = computed.path_steps, computed.path_loss, computed.plane_loss
    if not len(steps):
        return ""
    rows = np.unique(np.linspace(0, len(steps) - 1, min(PATH_ROWS, len(steps))).round().astype(int))
    lines = [QCoreApplication.translate("SliceDialog", "update   true J     plane J")]
    lines += [f"{int(steps[i]):>6}   {format_number(float(true[i]), 5):<9}  {format_number(float(plane[i]), 5)}"
              for i in rows]
    return "\n".join(lines)


class SliceDialog(QDialog):
    """The controls, the progress, and the sliced run's path (the slice itself is drawn by the main views).

    Parameters
    ----------
    window
        The main window: its ``send``, ``session`` (the selected run) and ``bridge`` (snapshots).
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("slice_dialog")
        self.method = QComboBox(self)
        self.method.setObjectName("slice_method")
        for name in SLICE_METHOD.choices:
            self.method.addItem("", name)
        self.size = QSpinBox(self)
        self.size.setObjectName("slice_size")
        self.size.setRange(int(SLICE_SIZE.low), int(SLICE_SIZE.high))
        self.size.setValue(SLICE_SIZE.default)
        self.compute_button = QPushButton(self)
        self.compute_button.setObjectName("slice_compute")
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("slice_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("slice_progress")
        self.progress.setValue(0)
        self.info = QLabel(self)
        self.info.setObjectName("slice_info")
        self.info.setWordWrap(True)
        self.path_table = QLabel(self)
        self.path_table.setObjectName("slice_path")
        self.path_table.setStyleSheet("font-family: monospace")
        self.method_label, self.size_label = QLabel(self), QLabel(self)
        form = QFormLayout()
        form.addRow(self.method_label, self.method)
        form.addRow(self.size_label, self.size)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.info)
        side.addWidget(self.path_table)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        panel = QWidget(self)
        panel.setLayout(side)
        panel.setMinimumWidth(360)
        layout.addWidget(panel, 1)
        #: The slice drawn (a SliceLandscape), or None.
        self.landscape: Problem | None = None
        self._run: int | None = None
        self._worker = None
        window.bridge.snapshot_received.connect(self.on_snapshot)
        self.retranslate()

    def retranslate(self) -> None:
        """The controls in the current language (a slice drawn keeps its words until the next)."""
        self.setWindowTitle(self.tr("Loss landscape slice"))
        for index in range(self.method.count()):
            self.method.setItemText(index, QCoreApplication.translate("SliceDialog",
                                                                      METHOD_TITLES[self.method.itemData(index)]))
        self.method.setToolTip(param_help(SLICE_METHOD))
        self.size.setToolTip(param_help(SLICE_SIZE))
        self.compute_button.setText(self.tr("Compute"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress.setFormat(self.tr("row %v of %m"))
        self.method_label.setText(self.tr("Directions"))
        self.size_label.setText(self.tr("Points per side"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def busy(self) -> bool:
        """Whether a slice is being computed."""
        return self._run is not None

    def compute(self) -> None:
        """Ask the engine for a slice of the selected run around its current weights."""
        run = self.window_.session.selected
        if run is None:
            self.info.setText(self.tr("Select a run first."))
            return
        self._run = run
        self.progress.setRange(0, self.size.value())
        self.progress.setValue(0)
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.info.setText(self.tr("Computing in the background…"))
        self.window_.send(ComputeSlice(run, self.method.currentData(), self.size.value()))

    def cancel(self) -> None:
        """Stop the slice being computed."""
        if self.busy:
            self.window_.send(CancelSlice())
        self._idle(self.tr("Cancelled."))

    def _idle(self, text: str) -> None:
        self._run = None
        self.progress.setValue(0)
        self.compute_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.info.setText(text)

    def on_snapshot(self, snapshot: Snapshot, _picture: Picture | None) -> None:
        """Follow the progress; prepare the finished slice's drawing in a worker."""
        if snapshot.loaded is not None:
            if self.busy:
                self._idle("")
            return
        if not self.busy:
            return
        if snapshot.errors:
            self._idle(error_text(snapshot.errors[0]))
            return
        if snapshot.slice_progress is not None:
            done, rows = snapshot.slice_progress
            self.progress.setRange(0, rows)
            self.progress.setValue(done)
        if snapshot.landscape_slice is not None:
            _run, landscape = snapshot.landscape_slice
            self._worker = run_in_worker(make_picture, landscape, landscape.slice.grid,
                                         returned=self._show, errored=lambda e: self._idle(error_text(e)))

    def _show(self, picture: Picture) -> None:
        """Hand the slice to the window's main views; list the sliced run's path beside the plane's loss."""
        if not self.busy:  # cancelled, or a new problem, while the drawing was prepared
            return
        self._idle("")
        self.progress.setValue(self.progress.maximum())
        self.landscape = landscape = picture.problem
        self.window_.show_slice(picture)
        self.info.setText(fill(self.tr("%1. The main view draws it: each ball is a run's weights projected on the "
                                  "plane, its line the path since the start (straight between evaluations "
                                  "before the slice)."), problem_title(landscape.title)))
        self.path_table.setText(path_text(landscape.slice))


class SliceControl:
    """The Run menu's "Loss landscape slice…" action and its dialog (made when first asked for)."""

    def __init__(self, window, menu) -> None:
        self.window = window
        self.dialog: SliceDialog | None = None
        text = QT_TRANSLATE_NOOP("MainWindow", "Loss landscape &slice…")
        tip = QT_TRANSLATE_NOOP("MainWindow", "A 2D slice of a network's loss around the selected run's weights")
        self.action = QAction(QCoreApplication.translate("MainWindow", text), window)
        self.action.setToolTip(QCoreApplication.translate("MainWindow", tip))
        mark_source(self.action, text, tip)  # the window's retranslate() says them again
        self.action.setObjectName("loss_slice")
        self.action.triggered.connect(self.open)
        menu.addAction(self.action)

    def open(self) -> SliceDialog:
        """Show the dialog (it stays open beside the window)."""
        if self.dialog is None:
            self.dialog = SliceDialog(self.window)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def enable_for(self, problem: Problem | None) -> None:
        """Only a network's loss can be sliced."""
        self.action.setEnabled(getattr(problem, "stepper", "numpy") == "torch")
