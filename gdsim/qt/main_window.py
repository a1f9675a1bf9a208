"""The main window: panels, the view, the loss plot, menus and transport, wired to the engine bridge.

Snapshots update the models (run traces, panels' inputs) as they arrive; the frame clock draws.
The window computes nothing: every number it shows comes from a snapshot or the landscape grid.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gdsim.engine.commands import AddRun, MoveStart, Pause, Play, Preview, Reset, SetSpeed, Step
from gdsim.engine.snapshot import Snapshot
from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario
from gdsim.qt.engine_bridge import EngineBridge, LandscapeDrawing
from gdsim.qt.frame_clock import FrameClock
from gdsim.qt.message_bar import MessageBar
from gdsim.qt.panels import ProblemPanel, Readout, ResultsTable, RunsPanel
from gdsim.qt.run_traces import RunTraces
from gdsim.qt.scenario_files import default_scenario, lesson_files
from gdsim.qt.session_files import SessionFiles
from gdsim.qt.speed_slider import SpeedSlider
from gdsim.qt.views.curve_1d import CurveView
from gdsim.qt.views.data_view import DataView
from gdsim.qt.views.landscape_2d import LandscapeView
from gdsim.qt.views.loss_plot import LossPlot

#: Previews of a dragged start are asked for at most this often (milliseconds).
PREVIEW_MS = 40
#: While running, the loss plot, the readout and the results table are redrawn on every this many
#: frames that bring a new snapshot (the main view on every one); all at once when the runs pause
#: or finish.
LOSS_EVERY = 4
READOUT_EVERY = 3
RESULTS_EVERY = 20
DIVERGED = 2


class MainWindow(SessionFiles, QMainWindow):
    """The gdsim window.

    Parameters
    ----------
    scenario
        The session to start with (the default session when None).
    path
        The file ``scenario`` came from, if any.
    settings
        Where geometry and recent files are kept.
    """

    def __init__(self, scenario: Scenario | None = None, path: Path | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.setWindowTitle("gdsim[*]")
        self.setAcceptDrops(True)
        scenario = scenario or default_scenario()
        self.path: Path | None = path
        self._saved: Scenario | None = scenario
        self._pending_saved: tuple[Scenario, Path | None] | None = (scenario, path)
        self.snapshot: Snapshot | None = None
        self.specs: dict[int, RunSpec] = {}
        self.problem = None
        self.selected: int | None = None
        self.traces = RunTraces()
        self._runs_key: tuple | None = None
        self._reported: set[tuple[int, int]] = set()
        self._drawn_snapshot: Snapshot | None = None
        self._frames = 0
        self._dragging = False
        self._drag_point: tuple[float, ...] | None = None
        self._rate_from: tuple[float, int, str] | None = None

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.bridge = EngineBridge(scenario, self)
        self.bridge.snapshot_received.connect(self._on_snapshot)
        self.bridge.failed.connect(lambda text: self.messages.show_message(text, "error"))
        self.clock = FrameClock(self._draw, self.landscape.viewport, parent=self)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self._preview_timer.timeout.connect(self._send_preview)
        self._restore_settings()
        self.bridge.start()
        self.clock.start()

    # --- layout -------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.messages = MessageBar(self)
        self.landscape = LandscapeView(self)
        self.curve = CurveView(self)
        self.no_view = QLabel("This problem has more than two parameters: there is no landscape to draw.\n"
                              "Its loss and the runs' progress are in the plot below.", self)
        self.no_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.views = QStackedWidget(self)
        for widget in (self.landscape, self.curve, self.no_view):
            self.views.addWidget(widget)
        for view in (self.landscape, self.curve):
            view.start_clicked.connect(self._place_start)
            view.start_dragged.connect(self._on_start_dragged)
            view.drag_finished.connect(self._on_drag_finished)
            view.hovered.connect(self._on_hovered)
        self.loss_plot = LossPlot(self)
        self.data_view = DataView(self)
        self.data_view.hide()
        beside = QSplitter(Qt.Orientation.Horizontal, self)
        beside.addWidget(self.views)
        beside.addWidget(self.data_view)
        beside.setStretchFactor(0, 3)
        beside.setStretchFactor(1, 2)
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.messages)
        column.addWidget(beside, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.loss_plot)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 230])
        self.setCentralWidget(self.splitter)

        self.problem_panel = ProblemPanel(self)
        self.runs_panel = RunsPanel(self)
        self.readout = Readout(self)
        self.results = ResultsTable(self)
        self.problem_panel.problem_requested.connect(self._on_problem_requested)
        self.runs_panel.command.connect(self.send)
        self.runs_panel.selected.connect(self._on_selected)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(4, 4, 4, 4)
        left_column.addWidget(self.problem_panel)
        left_column.addWidget(self.runs_panel, 1)
        docks = [self._dock("Problem and runs", left, Qt.DockWidgetArea.LeftDockWidgetArea, "problem_dock"),
                 self._dock("Selected run", self.readout, Qt.DockWidgetArea.RightDockWidgetArea, "readout_dock"),
                 self._dock("Results", self.results, Qt.DockWidgetArea.RightDockWidgetArea, "results_dock")]
        self.resizeDocks(docks, [310, 390, 390], Qt.Orientation.Horizontal)

        self.step_label = QLabel("", self)
        self.hover_label = QLabel("", self)
        self.statusBar().addWidget(self.step_label)
        self.statusBar().addPermanentWidget(self.hover_label)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcuts: tuple[str | QKeySequence, ...] = (), tip: str = "",
                checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(tip or text)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.play_action = self._action("Play", self.toggle_play, ("Space",), "Play or pause (Space)")
        self.step_action = self._action("Step", self.step_once, ("S", "Right"), "Take one step (S or →)")
        self.reset_action = self._action("Reset", self.reset_runs, ("R",), "Put every ball back at its start (R)")
        self.speed = SpeedSlider(self)
        self.speed.speed_changed.connect(lambda speed: self.send(SetSpeed(speed)))
        bar = self.addToolBar("Transport")
        bar.setObjectName("transport")
        bar.setMovable(False)
        for action in (self.play_action, self.step_action, self.reset_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.speed)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&New", self.new_session, (QKeySequence.StandardKey.New,)))
        file_menu.addAction(self._action("&Open…", self.open_dialog, (QKeySequence.StandardKey.Open,)))
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Save", self.save, (QKeySequence.StandardKey.Save,)))
        file_menu.addAction(self._action("Save &as…", self.save_as, (QKeySequence.StandardKey.SaveAs,)))
        file_menu.addAction(self._action("Save recording…", self.save_recording_dialog, (),
                                         "Save everything the runs did so far, to replay it exactly"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, (QKeySequence.StandardKey.Quit,)))
        self.lessons_menu = self.menuBar().addMenu("&Lessons")
        self.lessons_menu.aboutToShow.connect(self._fill_lessons)
        self._fill_lessons()
        run_menu = self.menuBar().addMenu("&Run")
        for action in (self.play_action, self.step_action, self.reset_action):
            run_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&View")
        self.presentation_action = self._action("&Presentation mode", self.set_presentation, ("F5",),
                                                "Large fonts and thick lines, for a projector", checkable=True)
        self.gradient_action = self._action("Negative-&gradient arrows", self._arrows_toggled, ("G",),
                                            "Show −∇J at each ball (the direction of steepest descent)",
                                            checkable=True)
        self.velocity_action = self._action("&Velocity arrows", self._arrows_toggled, ("V",),
                                            "Show the velocity of momentum-type optimizers", checkable=True)
        self.gradient_action.setChecked(True)
        self.velocity_action.setChecked(True)
        for action in (self.presentation_action, self.gradient_action, self.velocity_action):
            view_menu.addAction(action)

    def _fill_lessons(self) -> None:
        self.lessons_menu.clear()
        lessons = lesson_files()
        for title, path in lessons:
            action = self.lessons_menu.addAction(title, lambda p=path: self.open_file(p, lesson=True))
            action.setToolTip(path.name)
        if not lessons:
            self.lessons_menu.addAction("(no lessons found)").setEnabled(False)

    # --- talking to the engine ----------------------------------------------------------------

    def send(self, command: object) -> None:
        """Send a command to the engine (takes effect at the next step)."""
        self.bridge.send(command)

    def toggle_play(self) -> None:
        """Play if paused, pause if playing."""
        playing = self.snapshot is not None and self.snapshot.playing
        self.send(Pause() if playing else Play())

    def step_once(self) -> None:
        self.send(Step(1))

    def reset_runs(self) -> None:
        self.send(Reset())

    def _on_problem_requested(self, spec: Mapping) -> None:
        """A new problem: keep the runs' optimizers and settings, start each from the default start."""
        if self.snapshot is None:
            return
        current = self.snapshot.scenario
        runs = tuple(run.with_changes(start=None) for run in current.runs)
        self.bridge.load(replace(current, problem=dict(spec), runs=runs, title=None, description=None,
                                 captions=()))

    # --- snapshots ----------------------------------------------------------------------------

    def _on_snapshot(self, snapshot: Snapshot, drawing: LandscapeDrawing | None) -> None:
        if snapshot.loaded is not None:
            self._on_loaded(snapshot, drawing)
        self.traces.take(snapshot)
        self.snapshot = snapshot
        self.specs = {frame.run_id: spec for frame, spec in zip(snapshot.runs, snapshot.scenario.runs, strict=True)}
        runs_key = tuple(self.specs.items())
        if runs_key != self._runs_key:
            self._runs_key = runs_key
            self.runs_panel.set_runs(list(self.specs), list(self.specs.values()), self.problem)
            if self.selected not in self.specs:
                self.selected = next(iter(self.specs), None)
            if self.selected is not None:
                self.runs_panel.select(self.selected)
        for error in snapshot.errors:
            self.messages.show_message(error, "error")
        if snapshot.preview is not None and self._dragging:
            run_id, path = snapshot.preview
            spec = self.specs.get(run_id)
            self._view().set_preview(path, spec.color if spec else "#000000")
        self._report_divergence(snapshot)
        self.play_action.setText("Pause" if snapshot.playing else "Play")
        self.setWindowModified(self._saved is None or snapshot.scenario != self._saved)

    def _on_loaded(self, snapshot: Snapshot, drawing: LandscapeDrawing | None) -> None:
        loaded = snapshot.loaded
        self.problem = loaded.problem
        self._runs_key = None
        self._reported.clear()
        self.selected = None
        self.loss_plot.clear()
        grid = loaded.grid
        if grid is not None and len(grid.axes) == 2 and drawing is not None:
            self.landscape.set_landscape(self.problem, grid, drawing)
            self.views.setCurrentWidget(self.landscape)
        elif grid is not None and len(grid.axes) == 1:
            self.curve.set_landscape(self.problem, grid)
            self.views.setCurrentWidget(self.curve)
        else:
            self.views.setCurrentWidget(self.no_view)
        self.data_view.set_problem(self.problem)
        self.data_view.setVisible(DataView.applies_to(self.problem))
        self.problem_panel.set_problem(self.problem, snapshot.scenario.problem)
        if self._pending_saved is not None:
            self._saved, self.path = self._pending_saved
            self._pending_saved = None
        else:
            self._saved = None
        title = (snapshot.scenario.title or {}).get("en")
        name = self.path.name if self.path else "untitled"
        self.setWindowTitle(f"{title or self.problem.title} — {name}[*] — gdsim")

    def _report_divergence(self, snapshot: Snapshot) -> None:
        """One non-modal message per run that diverged (again after each restart)."""
        for frame in snapshot.runs:
            trace = self.traces.get(frame.run_id)
            key = (frame.run_id, trace.restarts if trace else 0)
            diverged = frame.status == DIVERGED
            if key in self._reported or not diverged.any():
                continue
            self._reported.add(key)
            spec = self.specs.get(frame.run_id)
            label = spec.label if spec else f"Run {frame.run_id}"
            reason = frame.reason or "it left the range of finite numbers"
            if len(frame.status) == 1:
                text = f"{label} diverged at step {int(frame.diverged_at[0])}: {reason}; try a smaller learning rate"
            else:
                text = (f"{label}: {int(diverged.sum())} of {len(frame.status)} balls diverged ({reason}); "
                        "try a smaller learning rate")
            self.messages.show_message(text, "warning")

    # --- drawing (on the frame clock) ---------------------------------------------------------

    def _view(self) -> LandscapeView | CurveView:
        return self.curve if self.views.currentWidget() is self.curve else self.landscape

    def _draw(self) -> bool:
        """Draw what changed since the last frame; True if the main view did (a paint will follow)."""
        if self.snapshot is None:
            return False
        changed = False
        if self.views.currentWidget() is not self.no_view:
            changed = self._view().draw(self.traces, self.specs, self.selected)
        if self.data_view.isVisible():
            changed = self.data_view.draw(self.traces, self.specs, self.selected) or changed
        snapshot = self.snapshot
        if snapshot is self._drawn_snapshot:
            return changed
        # The main view draws every frame; the secondary widgets at their own, lower rates.
        self._drawn_snapshot = snapshot
        self._frames += 1
        settled = snapshot.finished or not snapshot.playing
        # staggered (frame numbers 1 and 3 modulo their rates), so no frame does both costly ones
        if settled or self._frames % LOSS_EVERY == 1:
            self.loss_plot.draw(self.traces, self.specs)
        if settled or self._frames % READOUT_EVERY == 0:
            frame = snapshot.run(self.selected) if self.selected is not None else None
            self.readout.show_run(frame, self.specs.get(self.selected), self.problem)
            state = "playing" if snapshot.playing else ("finished" if snapshot.finished else "paused")
            self.step_label.setText(f"step {snapshot.tick} · {state}{self._rate(snapshot)}")
        if settled or self._frames % RESULTS_EVERY == 3:
            self.results.show_runs(list(snapshot.runs), list(snapshot.scenario.runs), self.problem)
        return changed

    def _rate(self, snapshot: Snapshot) -> str:
        """" · N steps/s" over the last second or so while playing, else ""."""
        now = time.perf_counter()
        if not snapshot.playing:
            self._rate_from = None
            return ""
        if self._rate_from is None or snapshot.tick < self._rate_from[1]:
            self._rate_from = (now, snapshot.tick, "")
        elif now - self._rate_from[0] >= 1.0:
            rate = (snapshot.tick - self._rate_from[1]) / (now - self._rate_from[0])
            self._rate_from = (now, snapshot.tick, f" · {rate:,.0f} steps/s")
        return self._rate_from[2]

    # --- placing starts -----------------------------------------------------------------------

    def _on_selected(self, run_id: int) -> None:
        self.selected = run_id
        self._drawn_snapshot = None  # the readout shows the newly selected run at the next frame

    def _place_start(self, point: tuple[float, ...], shift: bool) -> None:
        spec = self.specs.get(self.selected)
        if spec is None:
            return
        if shift:
            used = {s.color for s in self.specs.values()}
            color = next((c for c in OKABE_ITO if c not in used), spec.color)
            self.send(AddRun(spec.with_changes(start=tuple(point), color=color,
                                               label=f"{spec.label} {len(self.specs) + 1}")))
        else:
            self.send(MoveStart(self.selected, tuple(point)))

    def _on_start_dragged(self, point: tuple[float, ...]) -> None:
        if self.selected is None:
            return
        self._dragging = True
        self._drag_point = point
        if not self._preview_timer.isActive():
            self._send_preview()
            self._preview_timer.start()

    def _send_preview(self) -> None:
        if self._dragging and self._drag_point is not None and self.selected is not None:
            self.send(Preview(self.selected, tuple(self._drag_point)))
            self._drag_point = None

    def _on_drag_finished(self, point: tuple[float, ...], shift: bool) -> None:
        self._dragging = False
        self._drag_point = None
        self._preview_timer.stop()
        self._view().set_preview(None)
        self._place_start(point, shift)

    def _on_hovered(self, text: str) -> None:
        self.hover_label.setText(text)

    # --- view options -------------------------------------------------------------------------

    def _arrows_toggled(self, _on: bool = True) -> None:
        for view in (self.landscape, self.curve):
            view.set_arrows(self.gradient_action.isChecked(), self.velocity_action.isChecked())

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines (for a projector), or back to normal."""
        font = self.font()
        font.setPointSizeF(self._base_point_size * (1.5 if on else 1.0))
        self.setFont(font)
        for view in (self.landscape, self.curve, self.loss_plot, self.data_view):
            view.set_presentation(on)

    # --- settings and closing -------------------------------------------------------------------

    def _restore_settings(self) -> None:
        self._base_point_size = self.font().pointSizeF()
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.confirm_discard():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        if self.path is not None:
            self.settings.setValue("files/last", str(self.path))
        self.shut_down()
        event.accept()

    def shut_down(self) -> None:
        """Stop the clock and timers and join the worker thread (idempotent)."""
        self.clock.stop()
        self._preview_timer.stop()
        self.bridge.stop()
