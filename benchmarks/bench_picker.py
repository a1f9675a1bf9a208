"""The optimizer picker's list of torch classes: how long listing them live takes, and reading the committed
table (gdsim/resources/optimizer_catalog.json) instead, against a bare import of torch and pytorch_optimizer
(each in a fresh interpreter, taking turns), and how long the window's GUI thread goes without running when
the picker first opens (the list from the table) and while a picked class's editors wait for torch.

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
TABLE = ("import time; t = time.perf_counter(); from gdsim.engine.optimizer_catalog_table import committed_catalog; "
         "groups = committed_catalog(); assert groups is not None; print(time.perf_counter() - t)")
WINDOW = """
import os, tempfile, time
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
listed = time.perf_counter() - start  # the tree is filled when showPopup returns
while time.perf_counter() - start < 0.5:
    app.processEvents()
opening_gap = max(gaps)
gaps.clear()
start = time.perf_counter()
combo.popup.select("pytorch_optimizer.Lion")
combo.popup._pick("pytorch_optimizer.Lion")  # as Enter does: the editors wait for torch in the worker
editor = window.runs_panel.editor.optimizer
while editor.optimizer is None and time.perf_counter() - start < 120:
    app.processEvents()
declared = time.perf_counter() - start
timer.stop()
print(listed, opening_gap, declared, max(gaps), sorted(gaps)[int(0.95 * (len(gaps) - 1))], flush=True)
os._exit(0)  # closing would ask whether to save the changed session
"""


def timed(code: str) -> list[float]:
    env = {**os.environ, "GDSIM_DATA_DIR": tempfile.mkdtemp()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return [float(value) for value in out.stdout.split()]


def main(rounds: int = 5) -> None:
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    times: dict[str, list[float]] = {BARE: [], LISTING: [], TABLE: []}
    for round_ in range(rounds):
        order = (BARE, LISTING, TABLE) if round_ % 2 == 0 else (TABLE, LISTING, BARE)
        for code in order:
            times[code].append(timed(code)[0])
    for label, code in (("live listing, torch_catalog()", LISTING), ("committed table", TABLE)):
        ratios = [side / bare for side, bare in zip(times[code], times[BARE], strict=True)]
        print(f"{label}: median {statistics.median(times[code]):.3f} s; / bare import of torch + "
              f"pytorch_optimizer (median {statistics.median(times[BARE]):.2f} s): "
              f"{statistics.median(ratios):.4f} [{min(ratios):.4f}, {max(ratios):.4f}]")
    windows = [timed(WINDOW) for _ in range(3)]
    listed, opening_gap, declared, longest, p95 = (statistics.median(column) for column in zip(*windows, strict=True))
    print(f"window, first opening: {len(windows)} openings, medians: every class listed {1000 * listed:.0f} ms after "
          f"the click, the GUI thread's longest gap in the next 0.5 s {1000 * opening_gap:.0f} ms (timer every 5 ms)")
    print(f"window, a class picked: its editors {declared:.2f} s later (torch imported in the worker); the GUI "
          f"thread's longest gap meanwhile {1000 * longest:.0f} ms, p95 {1000 * p95:.0f} ms")


if __name__ == "__main__":
    main()
