"""The runs: a list (add, duplicate, remove, rename, show/hide, select) above the selected run's editor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.problem import Problem
from gdsim.engine.commands import AddRun, RemoveRun, SetRunOption
from gdsim.engine.spec import OKABE_ITO, RunSpec
from gdsim.qt.panels.formatting import format_number, format_vector
from gdsim.qt.panels.run_editor import RunEditor

RUN_ID_ROLE = Qt.ItemDataRole.UserRole


def next_colour(used: Sequence[str]) -> str:
    """The first Okabe-Ito colour not in ``used``, in palette order (cycling once all are taken)."""
    taken = {c.upper() for c in used}
    return next((c for c in OKABE_ITO if c.upper() not in taken), OKABE_ITO[len(used) % len(OKABE_ITO)])


def next_label(used: Sequence[str], stem: str = "Run") -> str:
    """``"Run k"`` with the smallest k not already used."""
    k = 1
    while f"{stem} {k}" in used:
        k += 1
    return f"{stem} {k}"


def run_summary(spec: RunSpec) -> str:
    """One line about a run for its tooltip: optimizer, learning rate, start."""
    cls = OPTIMIZERS.get(spec.optimizer)
    title = cls.title if cls else spec.optimizer
    lr = spec.hyper.get("lr", cls.defaults().get("lr") if cls else None)
    start = ("default start" if spec.start is None else
             f"swarm {spec.start}" if spec.is_swarm else f"start {format_vector(spec.start)}")
    return f"{title}, lr = {format_number(lr)}, {start}"


def swatch(colour: str, size: int) -> QIcon:
    """A square icon filled with ``colour``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


class RunsPanel(QWidget):
    """The runs list and the editor of the selected run.

    Signals
    -------
    command(object)
        Engine commands: AddRun, RemoveRun, SetHyper, SetOptimizer, SetRunOption, MoveStart.
    selected(int)
        The id of the run now selected.
    """

    command = Signal(object)
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_ids: list[int] = []
        self.specs: list[RunSpec] = []
        self.problem: Problem | None = None
        self._selected: int | None = None
        self._expect_new = False
        self._shown: list[tuple] = []
        self.list = QListWidget(self)
        self.list.setObjectName("runs")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setToolTip("Tick to show a run; double-click (or F2) to rename it; Delete removes it.")
        self._fit_list()
        self.add_button = QPushButton("Add", self)
        self.add_button.setToolTip("Add a run with the default settings and the next colour.")
        self.duplicate_button = QPushButton("Duplicate", self)
        self.duplicate_button.setToolTip("Add a copy of the selected run.")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Remove the selected run.")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(button)
        self.editor = RunEditor(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.add_button.clicked.connect(self.add_run)
        self.duplicate_button.clicked.connect(self.duplicate_run)
        self.remove_button.clicked.connect(self.remove_run)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemChanged.connect(self._item_changed)
        self.list.installEventFilter(self)
        self.editor.command.connect(self.command)
        self._update_buttons()

    # --- from the engine --------------------------------------------------------------------

    def set_runs(self, run_ids: list[int], specs: list[RunSpec], problem: Problem) -> None:
        """Show the engine's runs; keeps the selection (a new run added here gets selected).

        Parameters
        ----------
        run_ids, specs
            The runs in order, with their current settings.
        problem
            The problem they run on (its dimension and whether it has data).
        """
        new_ids = [i for i in run_ids if i not in self.run_ids]
        old_ids = self.run_ids
        self.run_ids, self.specs, self.problem = list(run_ids), list(specs), problem
        self._fill_list()
        if self._expect_new and new_ids:
            self._expect_new = False
            self.select(new_ids[-1])
        elif self._selected in run_ids:
            self.select(self._selected)
        elif run_ids:
            gone = old_ids.index(self._selected) if self._selected in old_ids else 0
            self.select(run_ids[min(gone, len(run_ids) - 1)])
        else:
            self._selected = None
            self.editor.set_run(None, None, None)
        self._update_buttons()

    def _fill_list(self) -> None:
        """Rebuild the items only when something they show changed (keeps an inline rename alive)."""
        shown = [(run_id, spec.label, spec.color, spec.visible, run_summary(spec))
                 for run_id, spec in zip(self.run_ids, self.specs, strict=True)]
        if shown == self._shown:
            return
        self._shown = shown
        self.list.blockSignals(True)
        self.list.clear()
        size = self.list.fontMetrics().height()
        dimmed = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for run_id, label, colour, visible, summary in shown:
            item = QListWidgetItem(swatch(colour, size), label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
            item.setData(RUN_ID_ROLE, run_id)
            item.setToolTip(summary if visible else f"{summary} (hidden)")
            if not visible:
                item.setForeground(dimmed)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._fit_list()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete (or Backspace) in the runs list removes the selected run."""
        if (watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and self.list.state() != QAbstractItemView.State.EditingState
                and (event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace)):
            self.remove_run()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        """Refit the list when the application font changes (presentation mode)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_list()

    def _fit_list(self) -> None:
        """As tall as its runs: at least 3 rows, at most 6 (then it scrolls)."""
        rows = min(max(self.list.count(), 3), 6)
        row_height = self.list.sizeHintForRow(0) if self.list.count() else self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 4)

    def select(self, run_id: int) -> None:
        """Select run ``run_id`` and show it in the editor (emits ``selected`` when it changes)."""
        if run_id not in self.run_ids:
            return
        index = self.run_ids.index(run_id)
        self.list.blockSignals(True)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self.editor.set_run(run_id, self.specs[index], self.problem)
        if run_id != self._selected:
            self._selected = run_id
            self.selected.emit(run_id)
        self._update_buttons()

    def selected_run(self) -> int | None:
        """The id of the selected run, if any."""
        return self._selected

    # --- from the person --------------------------------------------------------------------

    def add_run(self) -> None:
        """Add a run with default settings, the next free colour and label."""
        spec = RunSpec(label=next_label([s.label for s in self.specs]),
                       color=next_colour([s.color for s in self.specs]))
        self._expect_new = True
        self.command.emit(AddRun(spec))

    def duplicate_run(self) -> None:
        """Add a copy of the selected run with its own colour."""
        spec = self._selected_spec()
        if spec is None:
            return
        labels = [s.label for s in self.specs]
        label = f"{spec.label} copy"
        if label in labels:
            label = next_label(labels, label)
        self._expect_new = True
        self.command.emit(AddRun(spec.with_changes(label=label, color=next_colour([s.color for s in self.specs]))))

    def remove_run(self) -> None:
        """Remove the selected run."""
        if self._selected is not None:
            self.command.emit(RemoveRun(self._selected))

    def _selected_spec(self) -> RunSpec | None:
        if self._selected not in self.run_ids:
            return None
        return self.specs[self.run_ids.index(self._selected)]

    def _current_changed(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.select(item.data(RUN_ID_ROLE))

    def _item_changed(self, item: QListWidgetItem) -> None:
        run_id = item.data(RUN_ID_ROLE)
        if run_id not in self.run_ids:
            return
        spec = self.specs[self.run_ids.index(run_id)]
        visible = item.checkState() == Qt.CheckState.Checked
        label = item.text().strip()
        if visible != spec.visible:
            self.command.emit(SetRunOption(run_id, "visible", visible))
        if label and label != spec.label:
            self.command.emit(SetRunOption(run_id, "label", label))
        elif not label:
            self.list.blockSignals(True)
            item.setText(spec.label)
            self.list.blockSignals(False)

    def _update_buttons(self) -> None:
        has = self._selected is not None
        self.duplicate_button.setEnabled(has)
        self.remove_button.setEnabled(has)
