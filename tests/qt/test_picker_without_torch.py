"""Opening the optimizer picker in a fresh window lists every optimizer at once from the committed table:
torch and pytorch_optimizer are not imported, and the GUI thread's heartbeat never stops for long."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.engine.optimizer_catalog_table import installed_versions, read_table

#: The longest the GUI thread may go without a heartbeat while the picker opens.
LONGEST_GAP_S = 0.2

WINDOW = """
import json, sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])
app = QApplication([])
from gdsim.qt.main_window import MainWindow
window = MainWindow(None, QSettings())
window.show()
deadline = time.monotonic() + 60
while window.snapshot is None and time.monotonic() < deadline:
    app.processEvents()
combo = window.runs_panel.editor.optimizer.combo
gaps, last = [], [time.perf_counter()]
def beat():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
heart = QTimer()
heart.timeout.connect(beat)
heart.start(5)
def run_for(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
run_for(0.2)
gaps.clear()
combo.showPopup()
run_for(0.5)
heart.stop()
print(json.dumps({"names": combo.popup.visible_names(), "visible": combo.popup.isVisible(),
                  "longest_gap": max(gaps), "beats": len(gaps),
                  "imported": [name for name in ("torch", "pytorch_optimizer") if name in sys.modules]}))
combo.hidePopup()
window.close()
"""


def test_the_picker_lists_every_class_at_once_without_importing_torch(tmp_path):
    table = read_table()
    if table["versions"] != installed_versions():
        pytest.skip(f"the table was written for {table['versions']}, installed: {installed_versions()}: the "
                    "picker lists the classes live, in a worker")
    pytest.importorskip("torch")
    pytest.importorskip("pytorch_optimizer")
    from gdsim.nets.torch_optimizers import class_names

    out = subprocess.run([sys.executable, "-c", WINDOW, str(tmp_path / "settings")], capture_output=True,
                         text=True, timeout=300,
                         env={**os.environ, "GDSIM_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown["visible"] and shown["imported"] == []
    # every class of the installed modules (listed here, with torch), and gdsim's own
    assert set(shown["names"]) == set(OPTIMIZERS) | set(class_names("torch.optim")) | set(
        class_names("pytorch_optimizer"))
    assert shown["beats"] > 10
    assert shown["longest_gap"] < LONGEST_GAP_S, f"the GUI thread stopped {shown['longest_gap']:.3f} s"

