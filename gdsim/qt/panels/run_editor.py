"""The editor of one run: name and colour, optimizer, schedule, start, gradient, batches, stop rules.

It shows the selected run's settings from the session model and writes every edit to it (the model
sends the engine command). Every edit is checked with the engine's own checks first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from superqt import QCollapsible

from gdsim.core.problem import Problem
from gdsim.engine.run_checks import check_run, check_start
from gdsim.engine.run_options import (
    BATCH_SIZE,
    CLIP_NORM,
    GRAD_NOISE,
    GRAD_NORM_BELOW,
    LOSS_BELOW,
    RECORD_EVERY,
    SAMPLING,
    STEP_BELOW,
    UPDATE,
)
from gdsim.engine.spec import RunSpec
from gdsim.qt.panels.optimizer_editor import OptimizerEditor
from gdsim.qt.panels.option_form import OptionForm
from gdsim.qt.panels.param_label import BREAK
from gdsim.qt.panels.schedule_editor import ScheduleEditor
from gdsim.qt.panels.start_editor import StartEditor
from gdsim.qt.session_model import SessionModel

GRADIENT_ROWS = (CLIP_NORM, GRAD_NOISE, UPDATE)
DATA_ROWS = (BATCH_SIZE, SAMPLING)
STOP_ROWS = (LOSS_BELOW, GRAD_NORM_BELOW, STEP_BELOW, RECORD_EVERY)
#: The sections' titles.
SECTION_TITLES = {"schedule": QT_TRANSLATE_NOOP("RunEditor", "Learning-rate schedule"),
                  "start": QT_TRANSLATE_NOOP("RunEditor", "Start"),
                  "gradient": QT_TRANSLATE_NOOP("RunEditor", "Gradient"),
                  "data": QT_TRANSLATE_NOOP("RunEditor", "Mini-batches"),
                  "stop": QT_TRANSLATE_NOOP("RunEditor", "Stop and record")}


class RunEditor(QWidget):
    """Edits the run shown by :meth:`set_run`, writing each edit to ``session``."""

    def __init__(self, session: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.run_id: int | None = None
        self.spec = RunSpec()
        self.problem: Problem | None = None
        self.name = QLineEdit(self)
        self.name.setObjectName("label")
        self.colour = QPushButton(self)
        self.colour.setObjectName("color")
        self.colour.setFixedWidth(self.colour.sizeHint().height() * 2)
        self.optimizer = OptimizerEditor(self)
        self.schedule = ScheduleEditor(lambda schedule: self._check("schedule", schedule), self)
        self.start = StartEditor(self._check_start, self)
        self.gradient = OptionForm(GRADIENT_ROWS, self._check, self)
        self.data = OptionForm(DATA_ROWS, self._check, self)
        self.stop = OptionForm(STOP_ROWS, self._check, self)
        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.colour)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.optimizer)
        self.sections: dict[str, QCollapsible] = {}
        for key, widget in (("schedule", self.schedule), ("start", self.start), ("gradient", self.gradient),
                            ("data", self.data), ("stop", self.stop)):
            section = QCollapsible("", self, expandedIcon="▾", collapsedIcon="▸")
            section.setObjectName(f"section_{key}")
            section.toggleButton().setObjectName(f"section_{key}_toggle")
            section.setDuration(0)
            section.layout().setContentsMargins(0, 0, 0, 0)
            section.layout().setSpacing(2)
            section.addWidget(widget)
            layout.addWidget(section)
            self.sections[key] = section
        # The optimizer stays open and outside a QCollapsible, which caps its contents at their size hint
        # and so clips the wrapped update rule; its margins match the sections' contents.
        margins = self.sections["schedule"].layout().contentsMargins()
        self.optimizer.layout().setContentsMargins(margins.left() + 5, margins.top(), margins.right(), 0)
        header.setContentsMargins(margins.left() + 5, 0, margins.right(), 0)
        layout.addStretch(1)
        self.name.editingFinished.connect(self._renamed)
        self.colour.clicked.connect(self.choose_colour)
        self.optimizer.optimizer_changed.connect(self._optimizer_picked)
        self.optimizer.hyper_changed.connect(self._hyper_edited)
        self.schedule.schedule_changed.connect(lambda value: self._set_option("schedule", value))
        self.start.start_changed.connect(self._start_moved)
        for form in (self.gradient, self.data, self.stop):
            form.option_changed.connect(self._set_option)
        self.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles and tooltips in the current language (the editors inside retranslate themselves)."""
        self.name.setToolTip(self.tr("The run's name, shown in the legend and the results."))
        self.colour.setToolTip(self.tr("The run's colour: click to choose another."))
        for key, section in self.sections.items():
            section.setText(QCoreApplication.translate("RunEditor", SECTION_TITLES[key]))
        self._show_data_tip()
        if getattr(self, "spec", None) is not None and not self.name.isModified():
            self.name.setText(self.session.shown_label(self.spec))  # a lesson's run label in the language

    def _show_data_tip(self) -> None:
        has_data = self.problem is not None and self.problem.n_samples is not None
        self.data.setToolTip("" if has_data else
                             self.tr("Only data problems (regression, classification) have batches."))

    # --- showing ----------------------------------------------------------------------------

    def set_run(self, run_id: int | None, spec: RunSpec | None, problem: Problem | None) -> None:
        """Show run ``run_id`` (None: nothing to edit). Unchanged values leave the editors alone."""
        if (run_id, spec, problem) == (self.run_id, self.spec, self.problem):
            return
        self.run_id, self.problem = run_id, problem
        showing = run_id is not None and spec is not None and problem is not None
        self.setEnabled(showing)
        self.setVisible(showing)
        if not showing:
            return
        self.spec = spec
        if not (self.name.hasFocus() and self.name.isModified()):
            self.name.setText(self.session.shown_label(spec))
        self._show_colour(spec.color)
        self.optimizer.set_optimizer(spec.optimizer, spec.hyper)
        self.schedule.set_schedule(spec.schedule)
        self.start.set_start(spec.start, problem)
        for form in (self.gradient, self.data, self.stop):
            form.set_spec(spec)
        self.data.setEnabled(problem.n_samples is not None)
        self._show_data_tip()
        self.refit_sections()

    def refit_sections(self) -> None:
        """Let open sections take the height their (possibly rebuilt) contents now need."""
        self._align_labels()
        for section in self.sections.values():
            if section.isExpanded():
                section.expand(animate=False)

    def _align_labels(self) -> None:
        """Give every form's label column one width, so fields line up across sections; longer
        labels (torch names such as decoupled_weight_decay) wrap after their underscores."""
        cap = self.fontMetrics().horizontalAdvance("weight_decay_") + 4
        for form in self.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel) and label.minimumWidth() != cap:
                    if BREAK not in label.text():
                        label.setText(label.text().replace("_", "_" + BREAK))
                    label.setWordWrap(True)
                    label.setFixedWidth(cap)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the application font (presentation mode): label column, colour button, sections."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refit_sections()
        if event.type() == QEvent.Type.FontChange:
            self.colour.setFixedWidth(self.colour.sizeHint().height() * 2)
            for section in self.sections.values():  # its style sheet pins the font it was polished with
                section.toggleButton().setFont(self.font())
            self.refit_sections()

    def _show_colour(self, colour: str) -> None:
        self.colour.setStyleSheet(f"QPushButton {{ background-color: {colour}; border: 1px solid palette(mid); "
                                  "border-radius: 3px; min-height: 1.2em; }")

    # --- checks -----------------------------------------------------------------------------

    def _check(self, name: str, value: Any) -> None:
        if self.problem is not None:
            check_run(self.spec.with_changes(**{name: value}), self.problem)

    def _check_start(self, start: Any) -> None:
        if self.problem is not None:
            check_start(start, self.problem)

    # --- edits ------------------------------------------------------------------------------

    def _set_option(self, name: str, value: Any) -> None:
        if self.run_id is not None:
            self.session.set_option(self.run_id, name, value)

    def _renamed(self) -> None:
        text = self.name.text().strip()
        if text and text not in (self.spec.label, self.session.shown_label(self.spec)):
            self._set_option("label", text)
        self.name.setModified(False)

    def choose_colour(self) -> None:
        """Ask for a new colour (QColorDialog) and set it."""
        colour = QColorDialog.getColor(QColor(self.spec.color), self, self.tr("Colour of the run"))
        if colour.isValid():
            name = colour.name().upper()
            if name != self.spec.color.upper():
                self._set_option("color", name)

    def _optimizer_picked(self, name: str) -> None:
        if self.run_id is not None:
            self.session.set_optimizer(self.run_id, name, {})

    def _hyper_edited(self, name: str, value: Any) -> None:
        if self.run_id is not None:
            self.session.set_hyper(self.run_id, name, value)

    def _start_moved(self, start: Any) -> None:
        if self.run_id is not None:
            self.session.move_start(self.run_id, start)
