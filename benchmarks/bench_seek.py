"""Seeking in a 10,000-step recording: the seconds to reach its end, cold and from checkpoints.

The recording: the window's default session (SGD, momentum and Adam racing on Rosenbrock, every
point recorded) with a change of a learning rate, a moved start and a reset on the way, 10,000 ticks.
What the window does (gdsim.session.replaying, in a function worker):

- open: a new ``Checkpoints`` and ``engine_at(end)``: the whole recording re-simulated, keeping a
  copy of the engine every 500 ticks (what opening a recording costs);
- cold seek: ``engine_at(end)`` with no checkpoint but the start (a cache that kept nothing);
- warm seek to the end, and to 50 ticks evenly spread: from the nearest checkpoint (a deep copy and
  the ticks after it).

The reference in the same process: ``simulated_engine`` (the bare headless replay, no copies).
Ratios are paired per round (sides take turns); quote them rather than the seconds.

With ``--window`` (under a display: Xvfb and xcb), the same recording in the window: opening it (read,
re-simulated in a worker, adopted and drawn), seeking with the timeline until the views show the
tick (worker, adoption, the landscape and every panel drawn again), and playing it at "max".
Usage: python benchmarks/bench_seek.py [--quick] [--window]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timing import load_average, paired_ratio, refuse_torch, taking_turns

from gdsim.engine.commands import MoveStart, Reset, SetHyper
from gdsim.engine.snapshot import Event
from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario
from gdsim.session.jsonio import dumps
from gdsim.session.recording import parse_recording, save_recording
from gdsim.session.replaying import Checkpoints
from gdsim.session.simulate import simulate, simulated_engine

TICKS = 10_000


def session() -> Scenario:
    """The runs of the window's default session (gdsim.qt.scenario_files.default_scenario), 100,000 steps."""
    return Scenario(problem={"kind": "landscape", "name": "rosenbrock", "options": {}}, steps=100_000, runs=(
        RunSpec(label="SGD", color=OKABE_ITO[0], optimizer="sgd", hyper={"lr": 0.001}),
        RunSpec(label="Momentum", color=OKABE_ITO[1], optimizer="sgd", hyper={"lr": 0.001, "momentum": 0.9}),
        RunSpec(label="Adam", color=OKABE_ITO[2], optimizer="adam", hyper={"lr": 0.05})))


def recorded() -> dict:
    events = [Event(2_000, 1.0, SetHyper(2, "lr", 0.01)), Event(5_000, 2.0, MoveStart(0, (-1.0, 2.0))),
              Event(8_000, 3.0, Reset())]
    return simulate(session(), events, ticks=TICKS)


def recording() -> dict:
    return parse_recording(json.loads(dumps(recorded())))


def main(rounds: int) -> None:
    refuse_torch()
    recorded = recording()
    warm = Checkpoints(recorded)
    warm.engine_at(TICKS)
    spread = [TICKS * i // 50 for i in range(1, 51)]

    def opening() -> None:
        Checkpoints(recorded).engine_at(TICKS)

    def cold() -> None:
        Checkpoints(recorded, every=10 * TICKS).engine_at(TICKS)

    def bare() -> None:
        simulated_engine(recorded["scenario_spec"], recorded["event_list"], ticks=TICKS)

    def warm_end() -> None:
        warm.engine_at(TICKS)

    def warm_spread() -> None:
        for tick in spread:
            warm.engine_at(tick)

    print(f"seeking in a {TICKS:,}-tick recording (3 runs on Rosenbrock, 3 events), {rounds} rounds; {load_average()}")
    times = taking_turns({"bare": bare, "open": opening, "cold": cold, "warm_end": warm_end,
                          "warm_spread": warm_spread}, rounds)
    base = times["bare"]
    print(f"  {'bare headless replay (simulated_engine)':<52}{base.wall_median:8.3f} s")
    rows = (("open: re-simulate, keeping a checkpoint every 500", "open"),
            ("cold seek to the end (no checkpoint)", "cold"),
            ("warm seek to the end (from the last checkpoint)", "warm_end"))
    for label, name in rows:
        print(f"  {label:<52}{times[name].wall_median:8.3f} s   ratio {paired_ratio(times[name], base).text()}")
    per_seek = times["warm_spread"].wall_median / len(spread)
    print(f"  {'warm seek to any tick (mean of 50 spread)':<52}{per_seek:8.4f} s")
    print(f"  checkpoints kept: {len(warm.ticks)} (every {warm.every} ticks)")
    print(load_average())


def window(rounds: int) -> None:
    """The recording opened, sought and played in the window (needs a display)."""
    import os

    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from gdsim.qt.app import configure

    folder = Path(tempfile.mkdtemp(prefix="bench_seek_"))
    os.environ["GDSIM_DATA_DIR"] = str(folder / "data")
    app = QApplication.instance() or QApplication([])
    configure(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    from gdsim.qt.main_window import MainWindow

    path = folder / "recording.gdsim.json"
    save_recording(recorded(), path)

    def wait(condition) -> float:
        started = time.perf_counter()
        while not condition():
            if time.perf_counter() - started > 300:
                raise TimeoutError("the window did not get there in 5 minutes")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        return time.perf_counter() - started

    shown = MainWindow(None, QSettings())
    shown.resize(1400, 900)
    shown.show()
    wait(lambda: shown.snapshot is not None)
    replay = shown.replay
    print(f"the same recording in the window, {rounds} rounds; {load_average()}")
    opened, sought, played = [], [], []
    for _ in range(rounds):
        loads = shown.loads
        started = time.perf_counter()
        shown.open_file(path, confirmed=True)
        wait(lambda loads=loads: shown.loads > loads and replay.active)
        opened.append(time.perf_counter() - started)
        for tick in (TICKS // 2, 100, TICKS - 1, TICKS // 4, TICKS):
            replay.seek(tick)
            sought.append(wait(lambda tick=tick: not replay._seeking and not replay._awaiting_load
                               and shown.snapshot.tick == tick))
        replay.timeline.factor.setCurrentText("max")
        replay.seek(0)
        wait(lambda: not replay._awaiting_load and shown.snapshot.tick == 0)
        replay.play()
        played.append(wait(lambda: shown.snapshot.tick == TICKS))
    print(f"  {'open (read, re-simulate, adopt, draw)':<52}{statistics.median(opened):8.3f} s")
    print(f"  {'seek with the timeline until shown (median)':<52}{statistics.median(sought):8.3f} s"
          f"   [{min(sought):.3f}-{max(sought):.3f}]")
    print(f"  {'play at max from 0 to the end':<52}{statistics.median(played):8.3f} s")
    print(load_average())
    shown.shut_down()


if __name__ == "__main__":
    if "--window" in sys.argv:
        window(2 if "--quick" in sys.argv else 3)
    else:
        main(3 if "--quick" in sys.argv else 7)
