"""The runs: a list (add, duplicate, remove, rename, show/hide, select) above the selected run's editor.

Both read the session model and write to it; neither keeps a copy of a run's settings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
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
from gdsim.engine.spec import OKABE_ITO, RunSpec
from gdsim.qt.declarations import optimizer_title
from gdsim.qt.messages import fill
from gdsim.qt.panels.formatting import format_number, format_vector
from gdsim.qt.panels.run_editor import RunEditor
from gdsim.qt.session_model import SessionModel

RUN_ID_ROLE = Qt.ItemDataRole.UserRole
#: Qt's translation function; lupdate finds the texts of its calls.
translate = QCoreApplication.translate


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
    """One line about a run for its tooltip: optimizer, learning rate, start (in the current language)."""
    cls = OPTIMIZERS.get(spec.optimizer)
    title = optimizer_title(cls) if cls else spec.optimizer
    lr = spec.hyper.get("lr", cls.defaults().get("lr") if cls else None)
    if spec.start is None:
        start = translate("RunsPanel", "default start")
    elif spec.is_swarm:
        start = fill(translate("RunsPanel", "swarm %1"), spec.start)
    else:
        start = fill(translate("RunsPanel", "start %1"), format_vector(spec.start))
    return f"{title}, lr = {format_number(lr)}, {start}"


def swatch(colour: str, size: int) -> QIcon:
    """A square icon filled with ``colour``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


class RunsPanel(QWidget):
    """The runs list and the editor of the selected run, bound to ``session``."""

    def __init__(self, session: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.problem: Problem | None = None
        self._shown: list[tuple] = []
        self.list = QListWidget(self)
        self.list.setObjectName("runs")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self._fit_list()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_run")
        self.duplicate_button = QPushButton(self)
        self.duplicate_button.setObjectName("duplicate_run")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_run")
        self.retranslate()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(button)
        self.editor = RunEditor(session, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
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
        session.runs_changed.connect(self._refresh)
        session.run_changed.connect(self._refresh)
        session.selected_changed.connect(self._refresh)
        self._refresh()

    # --- from the session -----------------------------------------------------------------

    def set_problem(self, problem: Problem | None) -> None:
        """The problem the runs run on (its dimension, whether it has data) for the editor."""
        self.problem = problem
        self._refresh()

    def _refresh(self, *_args) -> None:
        """Show the session's runs and selection (items rebuilt only when what they show changed)."""
        self._fill_list()
        selected = self.session.selected
        self.list.blockSignals(True)
        self.list.setCurrentRow(list(self.session.runs).index(selected) if selected in self.session.runs else -1)
        self.list.blockSignals(False)
        self.editor.set_run(selected, self.session.run(selected), self.problem)
        self._update_buttons()

    def _fill_list(self) -> None:
        """Rebuild the items only when something they show changed (keeps an inline rename alive)."""
        shown = [(run_id, self.session.shown_label(spec), spec.color, spec.visible, run_summary(spec))
                 for run_id, spec in self.session.runs.items()]
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
            item.setToolTip(summary if visible else fill(self.tr("%1 (hidden)"), summary))
            if not visible:
                item.setForeground(dimmed)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._fit_list()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Delete (or Backspace) in the runs list removes the selected run."""
        if (watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and self.list.state() != QAbstractItemView.State.EditingState
                and (event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace)):
            self.remove_run()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Refit the list when the application font changes (presentation mode)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_list()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        """Buttons, tooltips and the runs' summaries in the current language."""
        self.list.setToolTip(self.tr("Tick to show a run; double-click (or F2) to rename it; Delete removes it."))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a run with the default settings and the next colour."))
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.duplicate_button.setToolTip(self.tr("Add a copy of the selected run."))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected run."))
        self._shown = []
        if hasattr(self, "editor"):
            self._fill_list()

    def _fit_list(self) -> None:
        """As tall as its runs: at least 3 rows, at most 6 (then it scrolls)."""
        rows = min(max(self.list.count(), 3), 6)
        row_height = self.list.sizeHintForRow(0) if self.list.count() else self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 4)

    def select(self, run_id: int) -> None:
        """Select run ``run_id``."""
        self.session.select(run_id)

    def selected_run(self) -> int | None:
        """The id of the selected run, if any."""
        return self.session.selected

    # --- from the person --------------------------------------------------------------------

    def add_run(self) -> None:
        """Add a run with default settings, the next free colour and label."""
        specs = list(self.session.runs.values())
        self.session.add_run(RunSpec(label=next_label([s.label for s in specs], self.tr("Run")),
                                     color=next_colour([s.color for s in specs])))

    def duplicate_run(self) -> None:
        """Add a copy of the selected run with its own colour."""
        spec = self.session.run(self.session.selected)
        if spec is None:
            return
        specs = list(self.session.runs.values())
        labels = [s.label for s in specs]
        label = fill(self.tr("%1 copy"), spec.label)
        if label in labels:
            label = next_label(labels, label)
        self.session.add_run(spec.with_changes(label=label, color=next_colour([s.color for s in specs])))

    def remove_run(self) -> None:
        """Remove the selected run."""
        if self.session.selected is not None:
            self.session.remove_run(self.session.selected)

    def _current_changed(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.session.select(item.data(RUN_ID_ROLE))

    def _item_changed(self, item: QListWidgetItem) -> None:
        run_id = item.data(RUN_ID_ROLE)
        spec = self.session.run(run_id)
        if spec is None:
            return
        visible = item.checkState() == Qt.CheckState.Checked
        label = item.text().strip()
        if visible != spec.visible:
            self.session.set_option(run_id, "visible", visible)
        if label and label not in (spec.label, self.session.shown_label(spec)):
            self.session.set_option(run_id, "label", label)
        elif not label:
            self.list.blockSignals(True)
            item.setText(self.session.shown_label(spec))
            self.list.blockSignals(False)

    def _update_buttons(self) -> None:
        has = self.session.selected is not None
        self.duplicate_button.setEnabled(has)
        self.remove_button.setEnabled(has)
