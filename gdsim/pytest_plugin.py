"""gdsim's pytest plugin: the ``gdsim_window`` fixture, for gdsim's GUI tests and other people's.

Registered with the ``pytest11`` entry point, so it is available wherever gdsim is installed. It
needs pytest-qt; Qt and the window are imported only when a test asks for the fixture. The window
keeps its settings and data (a recording's recovery file) in the test's temporary folder, never in
the user's own.

Example::

    def test_adam_goes_downhill(gdsim_window):
        gdsim_window.open("lesson.json")
        gdsim_window.step(20)
        shown = gdsim_window.shown()
        assert shown["readout"]["step"] == shown["status_step"] == 20
"""

from __future__ import annotations

import pytest


@pytest.fixture
def gdsim_window(qtbot, tmp_path, monkeypatch):
    """A shown gdsim window on its default session, and a driver for it (a WindowDriver).

    The unsaved-changes prompt is answered "discard"; the window is closed and its worker joined
    after the test.
    """
    import pyqtgraph as pg
    from PySide6.QtCore import QCoreApplication, QSettings

    from gdsim.qt.app import configure
    from gdsim.qt.main_window import MainWindow
    from gdsim.qt.testing import WindowDriver
    from gdsim.qt.workers import garbage_collected_in_gui_thread

    app = QCoreApplication.instance()
    ini, user, system = QSettings.Format.IniFormat, QSettings.Scope.UserScope, QSettings.Scope.SystemScope
    saved = (app.organizationName(), app.applicationName(), app.applicationDisplayName(),
             QSettings.defaultFormat(), pg.getConfigOption("background"), pg.getConfigOption("foreground"),
             pg.getConfigOption("antialias"), pg.getConfigOption("imageAxisOrder"))
    configure(app)
    QSettings.setDefaultFormat(ini)
    QSettings.setPath(ini, user, str(tmp_path / "gdsim-settings"))
    QSettings.setPath(ini, system, str(tmp_path / "gdsim-system"))
    monkeypatch.setenv("GDSIM_DATA_DIR", str(tmp_path / "gdsim-data"))  # a recording's recovery file
    with garbage_collected_in_gui_thread():  # as in the app: workers never destroy Qt objects
        window = MainWindow(None, QSettings())
        monkeypatch.setattr(window, "confirm_discard", lambda: True)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.snapshot is not None, timeout=15_000)
        yield WindowDriver(window, qtbot)
        window.close()
        window.deleteLater()
    # give back what the fixture changed for the process (names, pyqtgraph's look, the settings format)
    organization, application, display, settings_format, background, foreground, antialias, order = saved
    app.setOrganizationName(organization)
    app.setApplicationName(application)
    app.setApplicationDisplayName(display)
    QSettings.setDefaultFormat(settings_format)
    pg.setConfigOptions(background=background, foreground=foreground, antialias=antialias, imageAxisOrder=order)
