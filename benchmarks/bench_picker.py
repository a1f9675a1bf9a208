"""The optimizer picker's list of torch classes: how long listing them takes against a bare import of torch
and pytorch_optimizer (each in a fresh interpreter, taking turns), and how long the window's GUI thread
goes without running while the list loads in its worker (the first opening of the picker).

Run: ``QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python benchmarks/bench_picker.py``
from a checkout's root (``PYTHONPATH=.`` from a worktree).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

BARE = "import time; t = time.perf_counter(); import torch, pytorch_optimizer; print(time.perf_counter() - t)"
LISTING = ("import time; t = time.perf_counter(); from gdsim.engine.optimizer_catalog import torch_catalog; "
           "groups = torch_catalog(); print(time.perf_counter() - t)")
WINDOW = """
import tempfile, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
folder = tempfile.mkdtemp()  # never the person's own settings
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
app = QApplication([])
from gdsim.qt.main_window import MainWindow
window = MainWindow(None, QSettings())
window.show()
deadline = time.monotonic() + 20
while window.snapshot is None and time.monotonic() < deadline:
    app.processEvents()
combo = window.runs_panel.editor.optimizer.combo
gaps, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
timer = QTimer()
timer.timeout.connect(tick)
timer.start(5)
start = time.perf_counter()
combo.showPopup()
while combo.loader.groups is None and time.perf_counter() - start < 60:
    app.processEvents()
loaded = time.perf_counter() - start
timer.stop()
combo.hidePopup()
print(loaded, max(gaps), sorted(gaps)[int(0.95 * (len(gaps) - 1))])
window.close()
"""


def timed(code: str) -> list[float]:
    env = {**os.environ, "GDSIM_DATA_DIR": tempfile.mkdtemp()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return [float(value) for value in out.stdout.split()]


def main(rounds: int = 5) -> None:
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    ratios, bare_times, listing_times = [], [], []
    for round_ in range(rounds):
        order = (BARE, LISTING) if round_ % 2 == 0 else (LISTING, BARE)
        results = {code: timed(code)[0] for code in order}
        bare_times.append(results[BARE])
        listing_times.append(results[LISTING])
        ratios.append(results[LISTING] / results[BARE])
    print(f"bare import of torch + pytorch_optimizer: median {statistics.median(bare_times):.2f} s")
    print(f"torch_catalog() (imports included):       median {statistics.median(listing_times):.2f} s")
    print(f"ratio listing / bare import: {statistics.median(ratios):.2f} [{min(ratios):.2f}, {max(ratios):.2f}]")
    windows = [timed(WINDOW) for _ in range(3)]
    loaded, longest, p95 = (statistics.median(column) for column in zip(*windows, strict=True))
    print(f"window: list loaded {loaded:.2f} s after the first opening; the GUI thread's longest gap meanwhile "
          f"{1000 * longest:.0f} ms, p95 {1000 * p95:.0f} ms (timer every 5 ms); medians of 3")


if __name__ == "__main__":
    main()
