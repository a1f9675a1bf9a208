"""Window-test fixtures: settings in a temporary folder, and no thread or timer left running.

Every test in tests/qt gets QSettings and the data folder pointed at its own temporary folder
(never the user's own settings or data), and fails if it leaves a QThread running or a QTimer
active (the idea of napari's ``dangling_qthreads`` and ``dangling_qtimers`` fixtures).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThread, QTimer

from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario


@pytest.fixture(autouse=True)
def settings_folder(tmp_path, qapp):
    """QSettings read and write INI files under ``tmp_path``."""
    QCoreApplication.setOrganizationName("gdsim-tests")
    QCoreApplication.setApplicationName("gdsim-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(tmp_path / "system"))
    QSettings().setValue("view/language", "en")  # the texts tests read, whatever the machine's locale
    return tmp_path / "settings"


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """The app's data folder (the recovery file of a recording) is under ``tmp_path`` too."""
    folder = tmp_path / "data"
    monkeypatch.setenv("GDSIM_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def gc_in_gui_thread(qapp):
    """As in the app: workers must not collect (and destroy) the GUI thread's Qt objects."""
    from gdsim.qt.workers import garbage_collected_in_gui_thread

    with garbage_collected_in_gui_thread():
        yield


@pytest.fixture(autouse=True)
def no_dangling_threads_or_timers(monkeypatch, qapp):
    """Fail the test if a QThread it started still runs, or a QTimer it started is still active."""
    threads: list[QThread] = []
    timers: list[QTimer] = []
    thread_start, timer_start = QThread.start, QTimer.start

    def start_thread(self, *args):
        threads.append(self)
        return thread_start(self, *args)

    def start_timer(self, *args):
        timers.append(self)
        return timer_start(self, *args)

    monkeypatch.setattr(QThread, "start", start_thread)
    monkeypatch.setattr(QTimer, "start", start_timer)
    yield
    running = [t for t in threads if _alive(t, QThread.isRunning)]
    active = [t for t in timers if _alive(t, QTimer.isActive)]
    for thread in running:
        thread.quit()
        thread.wait(2000)
    for timer in active:
        timer.stop()
    assert not running, f"the test left {len(running)} QThread(s) running"
    assert not active, f"the test left {len(active)} QTimer(s) active: {[t.objectName() for t in active]}"


def _alive(obj, check) -> bool:
    try:
        return bool(check(obj))
    except RuntimeError:  # the C++ object is gone, so it runs nothing
        return False


def racing_scenario(*runs: RunSpec, problem: str = "rosenbrock", steps: int = 100_000) -> Scenario:
    """A scenario on the landscape ``problem`` with ``runs`` (default: one SGD and one Adam run)."""
    runs = runs or (RunSpec(label="SGD", color=OKABE_ITO[0], optimizer="sgd", hyper={"lr": 0.001}),
                    RunSpec(label="Adam", color=OKABE_ITO[1], optimizer="adam", hyper={"lr": 0.02}))
    return Scenario(problem={"kind": "landscape", "name": problem, "options": {}}, runs=runs, steps=steps)


@pytest.fixture
def make_window(qtbot, monkeypatch, settings_folder):
    """Build a shown MainWindow on a scenario; it is closed (worker joined) after the test.

    The unsaved-changes prompt answers "discard" unless a test replaces ``confirm_discard``.
    """
    from gdsim.qt.app import configure
    from gdsim.qt.main_window import MainWindow

    configure(QCoreApplication.instance())
    windows: list[MainWindow] = []

    def make(scenario: Scenario | None = None) -> MainWindow:
        window = MainWindow(scenario, QSettings())
        monkeypatch.setattr(window, "confirm_discard", lambda: True)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # keyboard shortcuts go to the active window (Xvfb has no window manager)
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        qtbot.waitUntil(lambda: window.snapshot is not None, timeout=10_000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.deleteLater()
