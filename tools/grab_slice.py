"""Screenshots of lesson 16 with a loss slice in the main views, as a teacher would show it.

Run under a virtual X server of the size wanted, from the project's root::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x720x24" python tools/grab_slice.py OUTDIR

It opens lesson 16, trains to the end, computes the slice (principal directions, 41x41) around the
selected run's weights, closes the slice window, and saves OUTDIR/slice_<W>x<H>_<name>.png for the
2D layout, the 3D layout and presentation mode (F5) with the 2D layout; a person judges them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gdsim.engine.commands import SetSpeed  # noqa: E402
from gdsim.qt.app import configure  # noqa: E402
from gdsim.qt.main_window import MainWindow  # noqa: E402

LESSON = ROOT / "resources" / "scenarios" / "16_mlp_digits_adam_vs_sgd.json"


def wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        QTest.qWait(50)


def main(out: Path, method: str = "pca") -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    configure(app)
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, language="en")
    window.show()
    window.setGeometry(app.primaryScreen().availableGeometry())  # no window manager to maximise it
    wait(lambda: window.loads > 0, 60, "the default session")
    window.open_file(LESSON, confirmed=True)
    wait(lambda: getattr(window.problem, "stepper", "") == "torch", 60, "the lesson")
    window.send(SetSpeed(100_000))
    window.play_action.trigger()
    wait(lambda: window.snapshot is not None and window.snapshot.finished, 120, "training")
    dialog = window.slice_control.open()
    dialog.method.setCurrentIndex(dialog.method.findData(method))
    dialog.compute_button.click()
    try:
        wait(lambda: dialog.landscape is not None, 120, "the slice")
    except TimeoutError:
        print("slice window:", dialog.info.text(), "| messages:", window.messages.messages(), file=sys.stderr)
        raise
    dialog.close()
    QTest.qWait(800)
    screen = app.primaryScreen().size()
    size = f"{screen.width()}x{screen.height()}"
    shots = []
    for layout in ("2d", "3d", "network"):
        window.layouts.actions[layout].trigger()
        QTest.qWait(1200)
        shots.append((window.grab(), f"slice_{size}_{method}_{layout}.png"))
    window.layouts.actions["2d"].trigger()
    window.presentation_action.setChecked(True)
    QTest.qWait(1500)
    shots.append((window.grab(), f"slice_{size}_{method}_presentation.png"))
    for image, name in shots:
        image.save(str(out / name))
        print(out / name)
    window.shut_down()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screens"), sys.argv[2] if len(sys.argv) > 2 else "pca")
