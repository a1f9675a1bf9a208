"""File > Sweep… and the Lessons menu's Sweeps: a sweep file read, checked and run in its own window.

A sweep file is read and checked in a function worker (:func:`gdsim.session.sweep.load_sweep`); a bad
file is one message in the main window naming what is wrong and where, and no window opens. A good
one opens a :class:`~gdsim.qt.views.sweep_view.SweepWindow` beside the main window, which starts
running it at once; a sweep already open is brought to the front instead. A clicked cell replaces the
session with that cell's run, untitled (after the window's usual question if the session has changes). The
sweep windows follow the main window's presentation mode and stop their work when the application
quits. The sweep modules (and the process pool's) are imported when a sweep is first opened, not at
start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QWidget

from gdsim.engine.spec import Scenario
from gdsim.qt.i18n import mark_source, retranslate_marked
from gdsim.qt.scenario_files import lesson_files
from gdsim.qt.session_files import could_not
from gdsim.qt.session_model import OpenFile
from gdsim.qt.workers import run_in_worker
from gdsim.resources import SWEEPS_DIR

#: The context of this module's dialogs and menu (the File menu's action is the window's: "MainWindow").
TEXTS = "SweepMenu"
SWEEP_FILTER = QT_TRANSLATE_NOOP("SweepMenu", "gdsim sweeps (*.json);;All files (*)")


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


def add_sweep_action(window: QMainWindow, menu: QMenu) -> QAction:
    """Add Sweep… to ``menu`` (the window's File menu): pick a sweep file and run it."""
    text = QT_TRANSLATE_NOOP("MainWindow", "S&weep…")
    tip = QT_TRANSLATE_NOOP("MainWindow", "Run a learning-rate × optimizer sweep file and compare the optimizers "
                                          "fairly, each at its own best rate")
    action = QAction(window)
    action.setObjectName("sweep")
    mark_source(action, text, tip)  # translated now and on LanguageChange, with the window's actions
    retranslate_marked((action,), "MainWindow")
    action.triggered.connect(lambda: ask_sweep(window))
    menu.addAction(action)
    return action


def add_sweep_lessons(window: QMainWindow, menu: QMenu) -> QMenu:
    """Add the Sweeps submenu (the bundled sweep lessons, titled in the window's language) to
    ``menu`` (the Lessons menu, refilled whenever it shows)."""
    menu.addSeparator()
    submenu = menu.findChild(QMenu, "sweep_lessons")  # kept from the last filling: the menu's clear() spares it
    if submenu is None:
        submenu = QMenu(menu)
        submenu.setObjectName("sweep_lessons")
        submenu.setToolTipsVisible(True)
    submenu.clear()
    submenu.setTitle(_translated(QT_TRANSLATE_NOOP("SweepMenu", "Sweeps: the articles' comparisons, measured")))
    menu.addMenu(submenu)
    sweeps = lesson_files(SWEEPS_DIR, window.session.options.language)
    for title, path in sweeps:
        action = submenu.addAction(title, lambda p=path: open_sweep(window, p))
        action.setToolTip(path.name)
    if not sweeps:
        submenu.addAction(_translated(QT_TRANSLATE_NOOP("SweepMenu", "(no sweep lessons found)"))).setEnabled(False)
    return submenu


def ask_sweep(window: QMainWindow) -> None:
    """Ask for a sweep file (starting in the bundled lessons' folder) and open it."""
    name, _ = QFileDialog.getOpenFileName(window, _translated(QT_TRANSLATE_NOOP("SweepMenu", "Open a sweep")),
                                          str(SWEEPS_DIR), _translated(SWEEP_FILTER))
    if name:
        open_sweep(window, Path(name))


def sweep_windows(window: QMainWindow) -> list[QWidget]:
    """The sweep windows (:class:`~gdsim.qt.views.sweep_view.SweepWindow`) open beside ``window``."""
    return [child for child in window.findChildren(QWidget, "sweep_window") if child.isVisible()]


def open_sweep(window: QMainWindow, path: Path) -> None:
    """Read and check ``path`` in a worker; then show it in a Sweep window, running (or say what is
    wrong in the main window's message bar)."""
    from gdsim.session.sweep import load_sweep

    path = Path(path).resolve()
    for shown in sweep_windows(window):
        if shown.path == path:
            shown.raise_()
            shown.activateWindow()
            return

    def failed(error: BaseException) -> None:
        text, details = could_not("open", path, error)
        window.messages.show_message(text, "error", details=details)

    def opened(loaded) -> None:
        for shown in sweep_windows(window):  # opened twice before the first was read: one window
            if shown.path == path:
                shown.raise_()
                return
        show_sweep(window, path, *loaded)

    run_in_worker(load_sweep, path, returned=opened, errored=failed)


def show_sweep(window: QMainWindow, path: Path, sweep, problem, run: bool = True):
    """Open the Sweep window of a sweep read and checked already (``sweep`` and ``problem`` as
    :func:`~gdsim.session.sweep.load_sweep` returns them) beside the main ``window``, and start it
    (unless ``run`` is false); returns the :class:`~gdsim.qt.views.sweep_view.SweepWindow`."""
    from gdsim.qt.views.sweep_view import SweepWindow

    def open_scenario(scenario: Scenario) -> None:
        if window.confirm_discard():
            window.pending_file = OpenFile()  # untitled, as a new session: Save never overwrites the file open
            window.bridge.load(scenario)
            window.raise_()
            window.activateWindow()

    sweep_window = SweepWindow(sweep, problem, path, open_scenario, lambda: window.session.options.language, window)
    sweep_window.follow_options(window.session.options)
    window.session.options_changed.connect(sweep_window.follow_options)
    QCoreApplication.instance().aboutToQuit.connect(sweep_window.cancel)
    sweep_window.show()
    if run:
        sweep_window.start()
    return sweep_window
