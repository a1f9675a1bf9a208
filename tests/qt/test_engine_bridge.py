"""The bridge: snapshots arrive in order in the GUI thread, calls run in the worker, stop joins."""

from __future__ import annotations

import threading

from gdsim.engine.commands import Load, Play, Step
from gdsim.engine.spec import Scenario
from gdsim.qt.engine_bridge import EngineBridge
from tests.qt.conftest import racing_scenario

WAIT = 10_000


def test_snapshots_arrive_in_the_gui_thread_one_at_a_time_and_in_order(qtbot):
    bridge = EngineBridge(racing_scenario())
    received = []
    bridge.snapshot_received.connect(lambda snapshot, drawing: received.append(
        (snapshot, drawing, threading.current_thread() is threading.main_thread())))
    bridge.start()
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT)
    first, drawing, in_gui = received[0]
    assert first.loaded is not None and drawing is not None and in_gui
    bridge.send(Play())
    qtbot.waitUntil(lambda: received[-1][0].tick > 20, timeout=WAIT)
    ticks = [snapshot.tick for snapshot, _, _ in received]
    assert ticks == sorted(ticks) and all(in_gui for _, _, in_gui in received)
    assert all(drawing is None for _, drawing, _ in received[1:])  # contours only with a new landscape
    bridge.stop()
    assert not bridge.running


def test_a_call_runs_in_the_worker_with_the_engine_and_answers_in_the_gui_thread(qtbot):
    bridge = EngineBridge(racing_scenario())
    bridge.start()
    answers = []
    bridge.send(Step(3))
    bridge.call(lambda engine: (engine.tick, threading.current_thread() is threading.main_thread()),
                lambda result, error: answers.append((result, error)))
    bridge.call(lambda engine: 1 / 0, lambda result, error: answers.append((result, error)))
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=WAIT)
    (tick, in_gui), error = answers[0]
    assert not in_gui and error is None
    assert answers[1][0] is None and isinstance(answers[1][1], ZeroDivisionError)
    bridge.stop()


def test_a_scenario_that_cannot_run_is_reported_and_a_later_load_recovers(qtbot):
    bad = Scenario(problem={"kind": "landscape", "name": "nowhere"})
    bridge = EngineBridge(bad)
    failures, received = [], []
    bridge.failed.connect(failures.append)
    bridge.snapshot_received.connect(lambda snapshot, drawing: received.append(snapshot))
    bridge.start()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT)
    assert "nowhere" in failures[0]
    bridge.send(Load(racing_scenario()))
    qtbot.waitUntil(lambda: bool(received), timeout=WAIT)
    assert received[0].loaded.problem.name == "rosenbrock"
    bridge.stop()
    bridge.stop()  # idempotent
    assert not bridge.running
