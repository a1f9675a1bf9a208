"""The main window: the session model, the live run model, the registered views, panels and menus.

State lives once: the session model holds what the person set (runs' settings, selection, view
options, the open file); the live run model holds what the engine computed (each run's history and
latest frame). Widgets read and write the session model, whose edits leave as engine commands; the
engine's snapshots update the live run model, and the frame clock draws from it. The window names
no view: it builds every registered view and shows those that apply to the problem.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import gdsim.qt.views  # noqa: F401 - registers the views
from gdsim.core.stopping import LR_OVERFLOW
from gdsim.engine.commands import EngineCommand, Load, Pause, Play, Preview, Reset, SetSpeed, Step, Watch
from gdsim.engine.snapshot import Snapshot
from gdsim.engine.spec import Scenario
from gdsim.engine.status import Status
from gdsim.qt.captions import CaptionOverlay
from gdsim.qt.declarations import problem_title
from gdsim.qt.engine_bridge import EngineBridge
from gdsim.qt.frame_clock import FrameClock
from gdsim.qt.help_menu import HelpMenu
from gdsim.qt.i18n import chosen_language, install_language, mark_source, remember_language, retranslate_marked
from gdsim.qt.language_menu import LanguageMenu
from gdsim.qt.lazy_views import LazyViews
from gdsim.qt.message_bar import MessageBar
from gdsim.qt.messages import fill, located_text, reason_text
from gdsim.qt.panels import ProblemPanel, Readout, ResultsTable, RunsPanel
from gdsim.qt.panels.lesson_panel import LessonPanel
from gdsim.qt.panels.runs_panel import next_colour
from gdsim.qt.projector import enter_full_screen, leave_full_screen, stack_as_tabs
from gdsim.qt.recent_files import remember_last
from gdsim.qt.recorder import Recorder
from gdsim.qt.render.export_actions import add_export_actions
from gdsim.qt.replay import Replay
from gdsim.qt.run_traces import RunTraces
from gdsim.qt.scenario_files import default_scenario, lesson_files
from gdsim.qt.session_files import SessionFiles
from gdsim.qt.session_model import SessionModel, ViewOptions
from gdsim.qt.slice_control import SliceControl
from gdsim.qt.speed_slider import DEFAULT_SPEED, SpeedSlider
from gdsim.qt.sweep_menu import add_sweep_action, add_sweep_lessons
from gdsim.qt.views.layouts import MainViews, ViewLayouts, layout_asked
from gdsim.qt.views.loss_plot import LossPlot
from gdsim.qt.views.protocol import VIEWS, Picture, views_for

#: Previews of a dragged start are asked for at most this often (milliseconds).
PREVIEW_MS = 40
#: While running, the loss plot is redrawn at most this often (seconds: every 6th frame at 60 frames
#: per second, every frame on a machine too busy for 10), and at once when the runs pause or finish;
#: the views and the numbers (status bar, readout, results) on every frame, so what they show agrees.
LOSS_SECONDS = 0.1
#: While the window shows it, the engine computes between two frames, only while the GUI thread is
#: idle (a snapshot is acknowledged once the frame showing it is painted): what is left of a frame
#: of FRAME_SECONDS after the GUI's share, and at least BATCH_SECONDS (seconds). A window that draws
#: quickly leaves the engine more of each frame; one that draws slowly (a busy machine) still gets
#: about 55 frames a second while drawing takes up to 11 ms. A frame comes out a little longer than
#: FRAME_SECONDS (a batch ends after the step that passes its time, and is let start by the GUI):
#: about 57 a second.
BATCH_SECONDS = 0.006
FRAME_SECONDS = 1 / 58
#: How long after letting the engine compute a batch the frame clock leaves drawing to its snapshot
#: (a flat-out batch comes within FRAME_SECONDS and its snapshot's making; a paced one may take
#: longer, and a change made meanwhile is drawn by the tick after this).
BATCH_COMING_SECONDS = 0.03
#: The share of the window's width the panels take in presentation mode (one column of tabs; the
#: results table drops its distance columns there to fit it).
PRESENTATION_PANELS = 0.3
#: Status.DIVERGED as a plain int (an array compared with the enum member is 3x slower: every run,
#: every frame).
DIVERGED = int(Status.DIVERGED)
#: The key of the one message that reports diverged runs.
DIVERGED_KEY = "diverged"
#: What to try, by why runs diverged (see ``_divergence_cause``), in the order the message gives them.
DIVERGENCE_ADVICE = {
    "schedule": QT_TRANSLATE_NOOP("MainWindow", "The learning-rate schedule grows the rate without bound: "
                                                "give it a factor (gamma) of at most 1."),
    "start": QT_TRANSLATE_NOOP("MainWindow", "The loss or its gradient is not finite where the run starts: "
                                             "move its start (or rescale the data)."),
    "step": QT_TRANSLATE_NOOP("MainWindow", "Try a smaller learning rate."),
}
#: The key of the notice shown while the worker loads torch for a network.
LOADING_TORCH_KEY = "loading_torch"
#: The context of the window's translated texts (menus, actions, panel titles).
TEXTS = "MainWindow"


#: The status bar's text: the selected run's step and the session's state, then the pace.
STEP_TEXT = QT_TRANSLATE_NOOP("MainWindow", "step %1 · %2")
RATE_TEXT = QT_TRANSLATE_NOOP("MainWindow", " · %1 steps/s")
STATES = {"playing": QT_TRANSLATE_NOOP("MainWindow", "playing"),
          "finished": QT_TRANSLATE_NOOP("MainWindow", "finished"),
          "paused": QT_TRANSLATE_NOOP("MainWindow", "paused")}


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


class MainWindow(SessionFiles, QMainWindow):
    """The gdsim window.

    Parameters
    ----------
    scenario
        The session to start with: a Scenario, or None for the default session. A file given on
        the command line is opened after the window shows (``open_file``), never parsed here.
    settings
        Where geometry and recent files are kept.
    empty
        Start with no session at all (a file is about to be opened): nothing is loaded until then.
    language
        The interface language ("en", "zh"); None: the one chosen last, else the system's.
    """

    def __init__(self, scenario: Scenario | None = None, settings: QSettings | None = None,
                 empty: bool = False, language: str | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.setObjectName("gdsim_window")
        self.setWindowTitle("gdsim[*]")
        self.setAcceptDrops(True)
        self.session = SessionModel(self)
        self.session.set_options(language=chosen_language(self.settings, language))
        install_language(self.session.options.language)
        self._full_screen_layout = None
        self._unstacked = None
        self.live = RunTraces()
        self.snapshot: Snapshot | None = None
        self.problem = None
        self._drawn_snapshot: Snapshot | None = None
        self._loss_drawn_at = 0.0
        self._dragging = False
        self._drag_point: tuple[float, ...] | None = None
        self._rate_from: tuple[float, int] | None = None
        self._rate_text = ""
        self._base_point_size = self.font().pointSizeF()
        self._presentation_shown = False
        #: How many problems have been loaded (tests wait for it to grow).
        self.loads = 0
        #: The file the next loaded engine belongs to (set when a file is opened or a session is new).
        self.pending_file = None
        self._problem_asked = False
        #: The main views that apply to the problem loaded, by key (the layout picks among them).
        self._main_applying: list[str] = []
        #: The picture of the problem loaded, and the views that were given it (a view built later, when
        #: a layout first shows it, is given it then).
        self._picture: Picture | None = None
        self._pictured: set[str] = set()
        #: A network's loss slice, drawn by the main views that apply to it (show_slice), or None.
        self._slice_picture: Picture | None = None

        self.replay = Replay(self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._bind_session()
        self.bridge = EngineBridge(self, batch_seconds=BATCH_SECONDS, acknowledge_when_drawn=True,
                                   frame_seconds=FRAME_SECONDS)
        self.bridge.snapshot_received.connect(self._on_snapshot)
        self.bridge.failed.connect(lambda text: self.messages.show_message(text, "error"))
        self.bridge.bug.connect(lambda text, details: self.messages.show_message(text, "error", details=details))
        self.bridge.crashed.connect(self._on_engine_crashed)
        self._rebuilding = False
        self._wire_recording()
        self.clock = FrameClock(self._draw_quietly, None, parent=self)
        self.clock.shown.connect(self.bridge.acknowledge)
        self.clock.shown.connect(self._after_first_frame)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self._preview_timer.timeout.connect(self._send_preview)
        self._restore_settings()
        self.bridge.start(None if empty else scenario or default_scenario())
        self.clock.start()
        QTimer.singleShot(0, self.recorder.offer_recovery)

    # --- layout -------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.messages = MessageBar(self)
        self.main_views = MainViews(self)
        self.main_views.setObjectName("main_views")
        self.beside = QSplitter(Qt.Orientation.Horizontal, self)
        self.beside.setObjectName("views")
        self.beside.setChildrenCollapsible(False)
        self.beside.addWidget(self.main_views)
        #: Every registered view, by key, built when first needed; those that apply to the problem are shown.
        self.views = LazyViews(self._build_view)
        self.views["2d"]  # noqa: B018 - the default session's view, laid out with the window (the others wait)
        self.beside.setStretchFactor(0, 3)
        self.beside.setStretchFactor(1, 2)
        #: The scenario's captions over the main view (the same layer videos draw).
        self.captions = CaptionOverlay(self.main_views)
        self.loss_plot = LossPlot(self)
        self.loss_plot.setObjectName("loss_plot")
        top = QWidget(self)
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.messages)
        column.addWidget(self.beside, 1)
        column.addWidget(self.replay.timeline)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.loss_plot)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 230])
        self.setCentralWidget(self.splitter)

        self.problem_panel = ProblemPanel(self)
        self.problem_panel.setObjectName("problem_panel")
        self.runs_panel = RunsPanel(self.session, self)
        self.runs_panel.setObjectName("runs_panel")
        self.readout = Readout(self)
        self.readout.setObjectName("readout_panel")
        self.results = ResultsTable(self)
        self.results.setObjectName("results_panel")
        self.problem_panel.problem_requested.connect(self._on_problem_requested)
        self.results.selected.connect(self.session.select)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(4, 4, 4, 4)
        left_column.addWidget(self.problem_panel)
        left_column.addWidget(self.runs_panel, 1)
        self.lesson_panel = LessonPanel(self.session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.lesson_panel)
        self.docks = [self._dock(QT_TRANSLATE_NOOP("MainWindow", "Problem and runs"), left,
                                 Qt.DockWidgetArea.LeftDockWidgetArea, "problem_dock"),
                      self._dock(QT_TRANSLATE_NOOP("MainWindow", "Selected run"), self.readout,
                                 Qt.DockWidgetArea.RightDockWidgetArea, "readout_dock"),
                      self._dock(QT_TRANSLATE_NOOP("MainWindow", "Results"), self.results,
                                 Qt.DockWidgetArea.RightDockWidgetArea, "results_dock")]
        self.resizeDocks(self.docks, [300, 420, 420], Qt.Orientation.Horizontal)

        self.step_label = QLabel("", self)
        self.step_label.setObjectName("status_step")
        self.hover_label = QLabel("", self)
        self.hover_label.setObjectName("status_hover")
        self.statusBar().addWidget(self.step_label)
        self.statusBar().addPermanentWidget(self.hover_label)
        self._fit_status_label()

    def _fit_status_label(self) -> None:
        """A fixed size for the step label, so its changing text never relayouts the window (a label
        fixed in one direction only still asks its layout again at every new text: about 1.4 ms a frame)."""
        metrics = self.step_label.fontMetrics()
        widest = max((_translated(state) for state in STATES.values()), key=metrics.horizontalAdvance)
        sample = fill(_translated(STEP_TEXT), "99,999,999", widest) + fill(_translated(RATE_TEXT), "999,999")
        margins = self.step_label.contentsMargins()
        self.step_label.setFixedSize(metrics.horizontalAdvance(sample) + 8,
                                     metrics.height() + margins.top() + margins.bottom() + 2)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea, name: str) -> QDockWidget:
        dock = QDockWidget(_translated(title), self)
        mark_source(dock, title)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcuts: tuple[str | QKeySequence, ...] = (), tip: str = "",
                checkable: bool = False, name: str = "") -> QAction:
        action = QAction(_translated(text), self)
        mark_source(action, text, tip)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(_translated(tip or text))
        action.setStatusTip(_translated(tip) if tip else "")
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.play_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "Play"), self.toggle_play, ("Space",),
                                        QT_TRANSLATE_NOOP("MainWindow", "Play or pause (Space)"), name="play")
        self.step_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "Step"), self.step_once, ("S", "Right"),
                                        QT_TRANSLATE_NOOP("MainWindow", "Take one step (S or →)"), name="step")
        self.reset_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "Reset"), self.reset_runs, ("R",),
                                         QT_TRANSLATE_NOOP("MainWindow", "Put every ball back at its start (R)"),
                                         name="reset")
        self.speed = SpeedSlider(self)
        self.speed.setObjectName("speed")
        self.speed.speed_changed.connect(lambda speed: self.send(SetSpeed(speed)))
        bar = self.addToolBar(_translated(QT_TRANSLATE_NOOP("MainWindow", "Transport")))
        mark_source(bar, "Transport")
        bar.setObjectName("transport")
        bar.setMovable(False)
        for action in (self.play_action, self.step_action, self.reset_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.speed)
        bar.addSeparator()
        self.record_action = self._action(QT_TRANSLATE_NOOP("MainWindow", "● Record"), lambda: self.recorder.toggle(),
                                          ("Ctrl+R",), QT_TRANSLATE_NOOP("MainWindow", "Record the session (its "
                                                                         "commands and their pace) to save and replay"),
                                          name="record")
        bar.addAction(self.record_action)
        self.layouts = ViewLayouts(self)
        self.layouts.changed.connect(lambda _key: self._arrange_views())
        bar.addSeparator()
        bar.addActions(list(self.layouts.actions.values()))

    def _menu(self, parent, title: str) -> QMenu:
        """A menu titled ``title`` (an English source text, translated now and on LanguageChange)."""
        menu = parent.addMenu(_translated(title))
        mark_source(menu, title)
        return menu

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&File"))
        self.lesson_action = file_menu.addAction("")  # names the lesson open, if any
        self.lesson_action.setObjectName("lesson_name")
        self.lesson_action.setEnabled(False)
        self.lesson_action.setVisible(False)
        file_menu.addAction(self._action(QT_TRANSLATE_NOOP("MainWindow", "&New"), self.new_session,
                                         (QKeySequence.StandardKey.New,), name="new"))
        file_menu.addAction(self._action(QT_TRANSLATE_NOOP("MainWindow", "&Open…"), self.open_dialog,
                                         (QKeySequence.StandardKey.Open,), name="open"))
        self.recent_menu = self._menu(file_menu, QT_TRANSLATE_NOOP("MainWindow", "Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        add_sweep_action(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(QT_TRANSLATE_NOOP("MainWindow", "&Save"), self.save,
                                         (QKeySequence.StandardKey.Save,), name="save"))
        file_menu.addAction(self._action(QT_TRANSLATE_NOOP("MainWindow", "Save &as…"), self.save_as,
                                         (QKeySequence.StandardKey.SaveAs,), name="save_as"))
        file_menu.addSeparator()
        add_export_actions(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(QT_TRANSLATE_NOOP("MainWindow", "&Quit"), self.close,
                                         (QKeySequence.StandardKey.Quit,), name="quit"))
        self.lessons_menu = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&Lessons"))
        self.lessons_menu.aboutToShow.connect(self._fill_lessons)
        self._fill_lessons()
        run_menu = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&Run"))
        for action in (self.play_action, self.step_action, self.reset_action):
            run_menu.addAction(action)
        run_menu.addSeparator()
        run_menu.addAction(self.record_action)
        run_menu.addSeparator()
        self.slice_control = SliceControl(self, run_menu)
        view_menu = self._menu(bar, QT_TRANSLATE_NOOP("MainWindow", "&View"))
        self.presentation_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Presentation mode"), lambda on: self.session.set_options(presentation=on),
            ("F5",), QT_TRANSLATE_NOOP("MainWindow", "Large fonts and thick lines, for a projector"), checkable=True,
            name="presentation")
        self.full_screen_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Full screen"), self.set_full_screen, ("F11",),
            QT_TRANSLATE_NOOP("MainWindow", "Only the views, the loss plot and the captions, on the whole screen"),
            checkable=True, name="full_screen")
        self.gradient_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "Negative-&gradient arrows"),
            lambda on: self.session.set_options(gradient_arrows=on), ("G",),
            QT_TRANSLATE_NOOP("MainWindow", "Show −∇J at each ball (the direction of steepest descent)"),
            checkable=True, name="gradient_arrows")
        self.velocity_action = self._action(
            QT_TRANSLATE_NOOP("MainWindow", "&Velocity arrows"),
            lambda on: self.session.set_options(velocity_arrows=on), ("V",),
            QT_TRANSLATE_NOOP("MainWindow", "Show the velocity of momentum-type optimizers"), checkable=True,
            name="velocity_arrows")
        for action in (self.presentation_action, self.full_screen_action, self.gradient_action, self.velocity_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addActions(list(self.layouts.actions.values()))
        view_menu.setToolTipsVisible(True)  # a disabled 3D layout says why
        view_menu.aboutToShow.connect(self.layouts.check_gl)
        view_menu.addSeparator()
        # hide a panel to give the views the room (a projector); its entry shows it again
        for dock in (self.lesson_panel, *self.docks):
            toggle = dock.toggleViewAction()
            toggle.setObjectName(f"show_{dock.objectName()}")
            view_menu.addAction(toggle)
        transport = self.findChild(QWidget, "transport").toggleViewAction()
        transport.setObjectName("show_transport")
        view_menu.addAction(transport)
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(self.session.options.language, self)
        self.language_menu.language_chosen.connect(self.set_language)
        view_menu.addMenu(self.language_menu)
        self.menuBar().addMenu(HelpMenu(self))

    def _fill_lessons(self) -> None:
        self.lessons_menu.clear()
        lessons = lesson_files(language=self.session.options.language)
        for title, path in lessons:
            action = self.lessons_menu.addAction(title, lambda p=path: self.open_file(p, lesson=True))
            action.setToolTip(path.name)
        if not lessons:
            self.lessons_menu.addAction(_translated(QT_TRANSLATE_NOOP("MainWindow", "(no lessons found)"))
                                        ).setEnabled(False)
        add_sweep_lessons(self, self.lessons_menu)

    # --- language and full screen -----------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Switch the interface and the lesson texts to ``language`` at once, and remember it."""
        remember_language(self.settings, language)
        self.session.set_options(language=language)
        install_language(language)  # every widget gets LanguageChange: retranslate()
        self.language_menu.show_language(language)

    def retranslate(self) -> None:
        """Show the window's menus, actions and panel titles in the current language."""
        retranslate_marked((*self.findChildren(QAction), *self.findChildren(QMenu), *self.findChildren(QDockWidget),
                            *self.findChildren(QToolBar)), TEXTS)
        self._show_play_text()
        if hasattr(self, "recorder"):  # built after the widgets
            self._show_recording(self.recorder.active)
        self._fit_status_label()
        self._fill_lessons()
        self._show_title()
        self._redraw_all()  # the views' legends, the results and the readout say a lesson's run labels anew
        if self.snapshot is not None:  # the numbers stay, their words change
            self._report_divergence(self.snapshot)
            self._rate_text = ""
            self.step_label.setText(self._status_text(self.snapshot, self.live.frame(self.session.selected)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_full_screen(self, on: bool) -> None:
        """Only the views, the loss plot and the captions, on the whole screen (F11), or back."""
        if on and self._full_screen_layout is None:
            self._full_screen_layout = enter_full_screen(self)
        elif not on and self._full_screen_layout is not None:
            leave_full_screen(self, self._full_screen_layout)
            self._full_screen_layout = None

    # --- the session model ------------------------------------------------------------------------

    def _bind_session(self) -> None:
        """Widgets that show view options follow the model (signals blocked while set)."""
        session = self.session
        session.command.connect(self.send)
        self.captions.bind(session)
        session.options_changed.connect(self._show_options)
        session.modified_changed.connect(self.setWindowModified)
        session.file_changed.connect(lambda _file: self._show_title())
        session.options_changed.connect(lambda _options: self._show_title())
        session.options_changed.connect(lambda options: self.problem_panel.set_language(options.language))
        self.problem_panel.set_language(session.options.language)
        session.selected_changed.connect(self._on_selected)
        session.run_changed.connect(lambda _run: self._redraw_all())
        session.runs_changed.connect(self._redraw_all)
        self.loss_plot.log_y.toggled.connect(lambda on: session.set_options(log_y=on))
        self.loss_plot.x_axis_changed.connect(lambda key: session.set_options(x_axis=key))
        self._show_options(session.options)

    def _build_view(self, key: str) -> QWidget:
        """Make the registered view ``key``, put it in its place, hidden, in the current options' looks."""
        cls = VIEWS[key]
        view = cls(self)
        if cls.placement == "main":
            self.main_views.addWidget(view)
        else:
            self.beside.addWidget(view)
            view.hide()
        if cls.places_starts:
            view.start_clicked.connect(self._place_start)
            view.start_dragged.connect(self._on_start_dragged)
            view.drag_finished.connect(self._on_drag_finished)
            view.hovered.connect(self._on_hovered)
        if self._presentation_shown:
            view.set_presentation(True)
        options = self.session.options
        view.set_arrows(options.gradient_arrows, options.velocity_arrows)
        return view

    def _show_options(self, options: ViewOptions) -> None:
        for action, on in ((self.presentation_action, options.presentation),
                           (self.gradient_action, options.gradient_arrows),
                           (self.velocity_action, options.velocity_arrows)):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        scale = 1.5 if options.presentation else 1.0
        if self._presentation_shown != options.presentation:
            self._presentation_shown = options.presentation
            font = self.font()
            font.setPointSizeF(self._base_point_size * scale)
            self.setFont(font)
            self._fit_status_label()
            for view in (*self.views.built(), self.loss_plot, self.results):
                view.set_presentation(options.presentation)
            self._fit_docks(scale)
            self._stack_side_panels(options.presentation)
        for view in self.views.built():
            view.set_arrows(options.gradient_arrows, options.velocity_arrows)
        self.loss_plot.set_log(options.log_y)
        self.loss_plot.set_x_axis(options.x_axis)
        self._redraw_all()

    def _fit_docks(self, scale: float) -> None:
        """Side panels as wide as their larger text needs, leaving the view at least half the window."""
        width = self.width()
        left, right = min(300 * scale, 0.25 * width), min(420 * scale, 0.3 * width)
        self.resizeDocks(self.docks, [int(left), int(right), int(right)], Qt.Orientation.Horizontal)

    def _show_lesson_panel(self) -> None:
        """A lesson's texts are shown (the panel given room when it appears); a session without none."""
        if self._full_screen_layout is not None:
            return
        self.lesson_panel.show_if_texts(self.docks[1:], arrange=self._unstacked is None)

    def _stack_side_panels(self, on: bool) -> None:
        """In presentation mode the panels are tabs of one column (the lesson on top), back after."""
        if on:
            self._unstacked = stack_as_tabs(self, [self.lesson_panel, *self.docks], PRESENTATION_PANELS,
                                            self.lesson_panel, self._base_point_size)
        elif self._unstacked is not None:
            self.restoreState(self._unstacked)
            self._unstacked = None

    def _layout_to_keep(self):
        """The panels' layout to remember: as it was before full screen or presentation mode changed it."""
        if self._full_screen_layout is not None:
            return self._full_screen_layout.state
        return self._unstacked if self._unstacked is not None else self.saveState()

    def _redraw_all(self) -> None:
        """Let every panel show the model again at the next frame (settings, selection, options)."""
        self._drawn_snapshot = None

    def _show_title(self) -> None:
        """"lesson or problem — file — gdsim" in the window title; the lesson named in the File menu."""
        file = self.session.file
        lesson = self.session.title()
        title = lesson or (problem_title(self.problem.title) if self.problem is not None else "gdsim")
        name = file.path.name if file.path else _translated(QT_TRANSLATE_NOOP("MainWindow", "untitled"))
        self.setWindowTitle(f"{title} — {name}[*] — gdsim")
        self.lesson_action.setText(_translated(QT_TRANSLATE_NOOP("MainWindow", "Lesson: %1")).replace("%1", lesson)
                                   if lesson else "")
        self.lesson_action.setVisible(bool(lesson))

    # --- talking to the engine ----------------------------------------------------------------

    def send(self, command: object) -> None:
        """Send a command to the engine (takes effect at the next step).

        During a replay a command that changes the simulation (or Play and Step past its end) forks
        a new session first, and the speed slider waits until the replay is left; while recording a
        transport command is kept in the pace, and a new problem ends the recording first."""
        if self.replay.active:
            if isinstance(command, SetSpeed):
                return
            if isinstance(command, EngineCommand | Load | Play | Step):
                self.replay.fork()
        self.recorder.mark(command)
        if isinstance(command, Load) and self.recorder.active:
            self.messages.show_message(_translated(QT_TRANSLATE_NOOP(
                "MainWindow", "Recording stopped: a new problem starts a new session.")), "info")
            self.recorder.stop(adopt=False)
        self.bridge.send(command)

    @property
    def playing(self) -> bool:
        return self.snapshot is not None and self.snapshot.playing

    def toggle_play(self) -> None:
        """Play if paused, pause if playing (a replay's own play and pause until its end)."""
        if self.replay.active and not self.replay.at_end:
            self.replay.toggle_play()
        else:
            self.send(Pause() if self.playing else Play())

    def step_once(self) -> None:
        if self.replay.active and not self.replay.at_end:
            self.replay.step()
        else:
            self.send(Step(1))

    def reset_runs(self) -> None:
        self.send(Reset())

    # --- recording and replay ---------------------------------------------------------------------

    def _wire_recording(self) -> None:
        """The recorder and the replay follow the engine's snapshots; Record shows its state."""
        self.recorder = Recorder(self)
        self.statusBar().addPermanentWidget(self.recorder.indicator)
        self.bridge.snapshot_received.connect(self.replay.on_snapshot)
        self.bridge.snapshot_received.connect(self.recorder.on_snapshot)
        self.recorder.recording_changed.connect(self._show_recording)
        self.replay.active_changed.connect(lambda _active: self._show_recording(self.recorder.active))

    def _show_recording(self, on: bool) -> None:
        self.record_action.setText(_translated(QT_TRANSLATE_NOOP("MainWindow", "■ Stop recording")) if on
                                   else _translated(QT_TRANSLATE_NOOP("MainWindow", "● Record")))
        self.record_action.setEnabled(on or not self.replay.active)

    def take_session_recording(self, done, failed) -> None:
        """The session as a recording, for saving: the file as opened while it is replayed, else the
        engine's recording with the pace recorded; ``done(recording)`` or ``failed(text)``."""
        if self.replay.active:
            done(self.replay.source.recording)
        else:
            self.bridge.take_recording(lambda recording: done(self.recorder.with_pace(recording)), failed)

    def _on_problem_requested(self, spec: Mapping) -> None:
        """A new problem: keep the runs' optimizers and settings, each from its own start near the
        problem's default start."""
        if self.snapshot is None:
            return
        current = self.session.scenario()
        # a start and mini-batches belong to the old problem (a landscape has no samples to batch)
        runs = tuple(run.with_changes(start=None, batch_size=None) for run in current.runs)
        self._problem_asked = True
        if spec.get("kind") == "network":
            self.messages.show_message("Loading torch… (the network is built in the background)", "info",
                                       key=LOADING_TORCH_KEY)
        self.send(Load(replace(current, problem=dict(spec), runs=runs, title=None, description=None, captions=(),
                               view=None),
                       spread_starts=True))

    # --- snapshots ----------------------------------------------------------------------------

    def _on_engine_crashed(self, details: str) -> None:
        """The engine's worker failed on a bug: say so in one sentence (the traceback behind Details)
        and rebuild the engine from the session as it stands, its runs back at their starts. If the
        rebuilt engine fails before it shows anything, it is not rebuilt again: Open and New still work."""
        if self._rebuilding:
            self._rebuilding = False
            text = _translated(QT_TRANSLATE_NOOP("MainWindow", "The engine stopped because of a bug in gdsim and "
                                                               "could not be restarted: open a file or start anew."))
            self.messages.show_message(text, "error", details=details)
            return
        self._rebuilding = True
        self.pending_file = None  # an engine a file worker built may be what failed: the file is not open
        self.messages.show_message(_translated(QT_TRANSLATE_NOOP(
            "MainWindow", "The engine stopped because of a bug in gdsim; it was restarted on the same session, "
                          "with every run back at its start.")), "error", details=details)
        self.bridge.load(self.session.scenario() if self.problem is not None else default_scenario())

    def _on_snapshot(self, snapshot: Snapshot, picture: Picture | None) -> None:
        self._rebuilding = False
        if snapshot.loaded is not None or snapshot.errors:
            self.messages.dismiss_key(LOADING_TORCH_KEY)
        if snapshot.loaded is not None:
            self._on_loaded(snapshot, picture)
        elif snapshot.specs is not None:
            self.session.acknowledge(snapshot.specs, snapshot.commands)
        self.live.take(snapshot)
        self.snapshot = snapshot
        for error in snapshot.errors:
            self.messages.show_message(located_text(error), "error")
        if self._problem_asked and snapshot.errors and snapshot.loaded is None:
            # the problem picked could not be loaded: the panel shows the problem still running
            self._problem_asked = False
            self.problem_panel.set_problem(self.problem, self.session.base.problem)
        if snapshot.preview is not None and self._dragging:
            run_id, path = snapshot.preview
            spec = self.session.run(run_id)
            for view in self._shown_views():
                view.set_preview(path, spec.color if spec else "#000000")
        self._report_divergence(snapshot)
        self._show_play_text()
        self.clock.poke()

    def _after_first_frame(self) -> None:
        """Once the first frame is on screen: find out whether OpenGL works (making a context loads
        the display's driver, which would hold back the first frame)."""
        self.clock.shown.disconnect(self._after_first_frame)
        QTimer.singleShot(0, self.layouts.check_gl)

    def _show_play_text(self) -> None:
        playing = self.snapshot is not None and self.snapshot.playing
        self.play_action.setText(_translated(QT_TRANSLATE_NOOP("MainWindow", "Pause")) if playing
                                 else _translated(QT_TRANSLATE_NOOP("MainWindow", "Play")))

    def _on_loaded(self, snapshot: Snapshot, picture: Picture | None) -> None:
        loaded = snapshot.loaded
        picked, self._problem_asked = self._problem_asked, False
        if not picked:  # a file or a new session, not another problem: its own pace
            self.speed.set_speed(loaded.scenario.pace if loaded.scenario.pace is not None else DEFAULT_SPEED)
        self.problem = loaded.problem
        self.slice_control.enable_for(self.problem)
        self.loss_plot.clear()
        self.loss_plot.set_problem(self.problem)
        picture = picture or Picture(loaded.problem, loaded.grid, None)
        self._picture, self._pictured, self._slice_picture = picture, set(), None
        self._main_applying = [key for key, cls in VIEWS.items() if cls.placement == "main" and cls.applies_to(picture)]
        for key in self._main_applying:  # those built are given the problem now; the others when first shown
            if self.views.get_built(key) is not None:
                self._pictured_view(key)
        beside = views_for(picture, loaded.scenario.view)  # the views beside the main ones a scenario asks for
        shown_beside = []
        for key, cls in VIEWS.items():
            if cls.placement == "main":
                continue
            wanted = cls in beside
            view = self._pictured_view(key) if wanted else self.views.get_built(key)
            if view is not None:
                view.setVisible(wanted)
            if wanted:
                shown_beside.append(view)
        self._share_width(shown_beside)
        # a file's (or a new session's) layout; a problem picked in the panel keeps the one chosen
        asked = None if picked else layout_asked(loaded.scenario.view)
        refused = self.layouts.set_layout(asked) if asked is not None else ""
        if refused:
            self.messages.show_message(fill(_translated(QT_TRANSLATE_NOOP(
                "MainWindow", "This scenario asks for the 3D view. %1")), refused), "warning")
        self._arrange_views()
        self.problem_panel.set_problem(self.problem, loaded.scenario.problem)
        self.runs_panel.set_problem(None)  # neither the old runs meet the new problem nor the new runs the old
        self.session.load(loaded.scenario, snapshot.specs or (), self.problem)
        self._watch_selected()  # (a replay's engine, adopted, watches every run until told)
        self.runs_panel.set_problem(self.problem)
        self._show_lesson_panel()
        if self.pending_file is not None:
            self.session.set_file(self.pending_file)
            self.pending_file = None
        file = self.session.file
        if file.saved is None:
            self.session.set_file(replace(file, saved=self.session.scenario()))
        self._show_title()
        self._redraw_all()
        self.loads += 1

    def _arrange_views(self) -> None:
        """Show the main views of the chosen layout (2D, 3D or both); the clock watches the first."""
        if self._main_applying:
            main = self.layouts.arrange(self.main_views, self._main_applying, self._pictured_view)
            self.clock.watch(main.watched)
        self._redraw_all()

    def _share_width(self, shown_beside: list[QWidget]) -> None:
        """The main views take 3 parts of the width and each view shown beside them 2 (a view built
        late would otherwise take what the splitter gives a newcomer)."""
        parts = [3 if self.beside.widget(i) is self.main_views else 2 if self.beside.widget(i) in shown_beside else 0
                 for i in range(self.beside.count())]
        width = max(self.beside.width(), 1)
        self.beside.setSizes([width * part // sum(parts) for part in parts])

    def _pictured_view(self, key: str) -> QWidget:
        """View ``key``, built if it never was, showing the problem loaded."""
        view = self.views[key]
        if key not in self._pictured:
            sliced = self._slice_picture is not None and VIEWS[key].applies_to(self._slice_picture)
            view.set_problem(self._slice_picture if sliced else self._picture)
            self._pictured.add(key)
        return view

    def show_slice(self, picture: Picture) -> None:
        """Draw a network's loss slice (``picture``) in the main views that apply to it (2D, 3D, as the
        layout chooses; its Network layout shows the network's own view again), the runs rolling on it."""
        keys = [key for key, cls in VIEWS.items() if cls.placement == "main" and cls.applies_to(picture)]
        self._slice_picture = picture
        if self.layouts.layout not in keys and self.layouts.layout != "split":
            self.layouts.set_layout(keys[0])
        self._main_applying = [key for key in self._main_applying if key not in keys] + keys
        self._pictured -= set(keys)
        for key in keys:
            if self.views.get_built(key) is not None:
                self._pictured_view(key)
        self._arrange_views()

    def _shown_views(self) -> list:
        """The main views shown (the watched one first) and the views beside them that are visible."""
        shown = self.main_views.shown()
        return shown + [view for view in self.views.built()
                        if type(view).placement != "main" and view.isVisible()]

    def _report_divergence(self, snapshot: Snapshot) -> None:
        """One message for the runs that have diverged now (gone when none has: after a reset, a
        moved start, a new problem), built from the engine's frames, with advice for each cause:
        a schedule that overflowed, a start where the loss is not finite, or a step too long."""
        parts, causes = [], set()
        for frame in snapshot.runs:
            diverged = frame.status == DIVERGED
            if not diverged.any():
                continue
            causes.add(_divergence_cause(frame, diverged))
            spec = self.session.run(frame.run_id)
            unnamed = _translated(QT_TRANSLATE_NOOP("MainWindow", "Run %1"))
            label = self.session.shown_label(spec) if spec else fill(unnamed, frame.run_id)
            reason = reason_text(frame.reason) or _translated(QT_TRANSLATE_NOOP(
                "MainWindow", "it left the range of finite numbers"))
            if not frame.is_swarm:
                parts.append(fill(_translated(QT_TRANSLATE_NOOP("MainWindow", "%1 at step %2 (%3)")),
                                  label, f"{int(frame.diverged_at[0]):,}", reason))
            else:
                parts.append(fill(_translated(QT_TRANSLATE_NOOP("MainWindow", "%1: %2 of %3 balls (%4)")),
                                  label, int(diverged.sum()), len(frame.status), reason))
        if parts:
            joined = _translated(QT_TRANSLATE_NOOP("MainWindow", "; ")).join(parts)
            text = fill(_translated(QT_TRANSLATE_NOOP("MainWindow", "Diverged: %1.")), joined)
            for cause, advice in DIVERGENCE_ADVICE.items():
                if cause in causes:  # one sentence after another (no space between them in Chinese)
                    text = fill(_translated(QT_TRANSLATE_NOOP("MainWindow", "%1 %2")), text, _translated(advice))
            self.messages.show_message(text, "warning", key=DIVERGED_KEY)
        else:
            self.messages.dismiss_key(DIVERGED_KEY)

    # --- drawing (on the frame clock) ---------------------------------------------------------

    def _draw_quietly(self) -> bool:
        """``_draw`` with NumPy's floating-point warnings off: diverged runs bring infinite and NaN
        numbers to draw (the views leave them out), which is no error."""
        with np.errstate(all="ignore"):
            return self._draw()

    def _draw(self) -> bool:
        """Draw what changed since the last frame; True if the main view did (a paint will follow).

        While playing, a tick that comes shortly after the engine was let compute its next batch
        draws nothing: that batch's snapshot draws everything (settings and options changed
        meanwhile too) as soon as it comes, and the tick would only take the interpreter lock from
        the engine (one in three ticks, 0.2 ms each, with 8 runs racing). Nor does a snapshot made
        before a run was selected, which lacks its next update: the next one brings it.
        """
        snapshot = self.snapshot
        if snapshot is None:
            return False
        computing = self.bridge.computing_for()
        if snapshot.playing and computing is not None and computing < BATCH_COMING_SECONDS:
            return False
        selected = self.session.selected
        if selected is not None and snapshot.watched is not None and selected not in snapshot.watched:
            # a run just selected: the snapshot with its next update is on its way (at once, even
            # while paused); this one would show it without (the readout's lines, the 1D step arrow)
            self.bridge.acknowledge()
            return False
        runs, selected = self.session.shown_runs(), self.session.selected  # a lesson's labels in the language
        main, *beside = self._shown_views()
        changed = main.draw(self.live, runs, selected)
        self.captions.follow(main, self.live)
        for view in beside:
            view.draw(self.live, runs, selected)
        # The engine's next batch waits until this frame is on screen (the clock's ``shown``), and
        # starts at once when nothing will be painted (nothing changed, or the view is not seen).
        if not changed or self.isMinimized() or main.watched.visibleRegion().isEmpty():
            self.bridge.acknowledge()
        if snapshot is self._drawn_snapshot:
            return changed
        self._drawn_snapshot = snapshot
        settled = snapshot.finished or not snapshot.playing
        frame = self.live.frame(selected)
        self.readout.show_run(frame, runs.get(selected), self.problem)
        self.step_label.setText(self._status_text(snapshot, frame))
        frames = [self.live.frame(run_id) for run_id in runs]
        self.results.show_runs(frames, list(runs.values()), self.problem, snapshot.playing)
        now = time.perf_counter()
        if settled or now - self._loss_drawn_at >= LOSS_SECONDS:
            self._loss_drawn_at = now
            self.loss_plot.draw(self.live, runs)
        return changed

    def _status_text(self, snapshot: Snapshot, frame) -> str:
        """"step N · playing · R steps/s" for the selected run."""
        step = frame.step if frame is not None else 0
        state = "playing" if snapshot.playing else ("finished" if snapshot.finished else "paused")
        return fill(_translated(STEP_TEXT), f"{step:,}", _translated(STATES[state])) + self._rate(snapshot, step)

    def _rate(self, snapshot: Snapshot, step: int) -> str:
        """" · N steps/s" over the last second or so while playing, else ""."""
        now = time.perf_counter()
        if not snapshot.playing:
            self._rate_from, self._rate_text = None, ""
            return ""
        if self._rate_from is None or snapshot.tick < self._rate_from[1]:
            self._rate_from = (now, snapshot.tick)
        elif now - self._rate_from[0] >= 1.0:
            rate = (snapshot.tick - self._rate_from[1]) / (now - self._rate_from[0])
            self._rate_from = (now, snapshot.tick)
            self._rate_text = fill(_translated(RATE_TEXT), f"{rate:,.0f}")
        return self._rate_text

    # --- placing starts -----------------------------------------------------------------------

    def _on_selected(self, _run_id: int | None) -> None:
        self._watch_selected()
        self._redraw_all()  # the readout shows the newly selected run at the next frame

    def _watch_selected(self) -> None:
        """Have the engine write out the next update of the selected run only (the readout's and the
        1D view's): the snapshot that carries it comes at once, even while paused. Not a command of
        the session: neither recorded nor forking a replay."""
        selected = self.session.selected
        self.bridge.send(Watch(() if selected is None else (selected,)))

    def _place_start(self, point: tuple[float, ...], shift: bool) -> None:
        selected = self.session.selected
        spec = self.session.run(selected)
        if spec is None or self._slice_picture is not None:  # a network's slice has no starts to place
            return
        if shift:
            runs = self.session.runs
            self.session.add_run(spec.with_changes(start=tuple(point),
                                                   color=next_colour([s.color for s in runs.values()]),
                                                   label=f"{spec.label} {len(runs) + 1}"))
        else:
            self.session.move_start(selected, tuple(point))

    def _on_start_dragged(self, point: tuple[float, ...]) -> None:
        if self.session.selected is None or self._slice_picture is not None:
            return
        self._dragging = True
        self._drag_point = point
        if not self._preview_timer.isActive():
            self._send_preview()
            self._preview_timer.start()

    def _send_preview(self) -> None:
        selected = self.session.selected
        if self._dragging and self._drag_point is not None and selected is not None:
            self.send(Preview(selected, tuple(self._drag_point)))
            self._drag_point = None

    def _on_drag_finished(self, point: tuple[float, ...], shift: bool) -> None:
        self._dragging = False
        self._drag_point = None
        self._preview_timer.stop()
        for view in self._shown_views():
            view.set_preview(None)
        self._place_start(point, shift)

    def _on_hovered(self, text: str) -> None:
        self.hover_label.setText(text)

    # --- settings and closing -------------------------------------------------------------------

    def _restore_settings(self) -> None:
        """The window's geometry and docks as they were; a stored value that is not one (an edited or
        broken settings file) is ignored, never an error."""
        stored = (QByteArray, bytes)
        geometry = self.settings.value("window/geometry")
        if not isinstance(geometry, stored) or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        state = self.settings.value("window/state")
        if isinstance(state, stored):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.confirm_discard():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self._layout_to_keep())
        path = self.session.file.path
        if path is not None:
            remember_last(self.settings, path)
        self.shut_down()
        event.accept()

    def shut_down(self) -> None:
        """Stop the clock and timers and join the worker thread (idempotent)."""
        self.clock.stop()
        self._preview_timer.stop()
        self.recorder.shut_down()
        self.replay.shut_down()
        self.bridge.stop()


def _divergence_cause(frame, diverged: np.ndarray) -> str:
    """Why a run's balls diverged, from the engine's frame: its schedule overflowed the rate
    ("schedule"); a ball that never moved has a loss or gradient that is not finite where it
    started ("start"); else an update went too far ("step")."""
    if frame.reason and frame.reason.startswith(LR_OVERFLOW):
        return "schedule"
    if frame.network is not None:  # a network has no start to move
        return "step"
    unmoved = diverged & (frame.ball_steps == 0)
    if unmoved.any():
        bad = ~np.isfinite(frame.loss)
        if frame.gradient is not None:
            bad |= ~np.isfinite(frame.gradient).all(axis=1)
        if (bad & unmoved).any():
            return "start"
    return "step"
