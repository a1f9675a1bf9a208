"""The Sweep window's cost and responsiveness: each sweep lesson run in the window's worker against the
same sweep run headless in the same process (the in-process executor `gdsim sweep` uses), and the GUI
thread's stalls meanwhile, seen by a 5 ms QTimer heartbeat.

Run it under Xvfb with the xcb platform, from the repository root:

    PYTHONPATH=. QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/bench_sweep_window.py

Printed first the gaps of the window shown and idle (the machine's own stalls, the baseline), then
per lesson: the window's wall time / the headless wall time (median over --rounds, sides taking turns),
the GUI gaps (longest, p95, p99, count over 30 ms) and the window's redraws (count, median ms).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from gdsim.qt.views.sweep_view import SweepWindow
from gdsim.resources import SWEEPS_DIR
from gdsim.session.sweep import load_sweep
from gdsim.session.sweep_exec import run_in_process

HEARTBEAT_MS = 5


def headless(sweep, problem) -> float:
    began = time.perf_counter()
    for _rows in run_in_process(sweep, problem):
        pass
    return time.perf_counter() - began


def in_window(app: QApplication, sweep, problem, path, idle: float = 0.0) -> tuple[float, list[float], list[float]]:
    """Wall seconds, the heartbeat's gaps (ms) and the redraws' durations (ms) of one run in the window;
    with ``idle`` seconds, the gaps of the window shown for that long running nothing (the baseline:
    the machine's own stalls)."""
    window = SweepWindow(sweep, problem, path)
    window.resize(1280, 720)
    window.show()
    for _ in range(20):
        app.processEvents()
    redraws = []
    draw = window._on_tally

    def timed(tally) -> None:
        began = time.perf_counter()
        draw(tally)
        redraws.append(1000 * (time.perf_counter() - began))

    window._on_tally = timed
    gaps, clock = [], QElapsedTimer()
    clock.start()

    def beat() -> None:
        gaps.append(clock.restart())

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(HEARTBEAT_MS)
    done = []
    window.finished.connect(lambda: done.append(True))
    began = time.perf_counter()
    if idle:
        done.append(True)
    else:
        window.start()
    while not done or time.perf_counter() - began < idle:
        app.processEvents()
        time.sleep(0.0005)
    seconds = time.perf_counter() - began
    heartbeat.stop()
    window.close()
    app.processEvents()
    return seconds, gaps[1:], redraws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    QCoreApplication.setOrganizationName("gdsim-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication([])
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    paths = sorted(SWEEPS_DIR.glob("*.json"))
    _, idle, _ = in_window(app, *load_sweep(paths[0]), paths[0], idle=3.0)
    idle_ms = np.array(idle, dtype=float)
    print(f"the window idle for 3 s (baseline): GUI gaps longest {idle_ms.max():.0f} ms, p95 "
          f"{np.percentile(idle_ms, 95):.0f} ms, p99 {np.percentile(idle_ms, 99):.0f} ms, "
          f"{int((idle_ms > 30).sum())} over 30 ms in {len(idle_ms)} beats")
    for path in paths:
        sweep, problem = load_sweep(path)
        ratios, gaps, redraws = [], [], []
        for _ in range(args.rounds):
            alone = headless(sweep, problem)
            seconds, round_gaps, round_redraws = in_window(app, sweep, problem, path)
            ratios.append(seconds / alone)
            gaps += round_gaps
            redraws += round_redraws
        gaps_ms = np.array(gaps, dtype=float)
        print(f"{path.name}: {len(sweep.cells)} cells; window / headless {np.median(ratios):.2f}x "
              f"[{min(ratios):.2f}-{max(ratios):.2f}]; GUI gaps longest {gaps_ms.max():.0f} ms, "
              f"p95 {np.percentile(gaps_ms, 95):.0f} ms, p99 {np.percentile(gaps_ms, 99):.0f} ms, "
              f"{int((gaps_ms > 30).sum())} over 30 ms in {len(gaps_ms)} beats; {len(redraws)} redraws, "
              f"median {np.median(redraws):.1f} ms")
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
