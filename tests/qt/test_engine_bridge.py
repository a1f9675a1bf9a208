"""The bridge: snapshots in order in the GUI thread, one in flight, recordings, adoption, errors, stop."""

from __future__ import annotations

import threading
import time
import warnings

import pytest

from gdsim.engine.commands import Load, Play, SetHyper, Step
from gdsim.engine.engine import Engine
from gdsim.engine.spec import Scenario
from gdsim.qt import engine_bridge
from gdsim.qt.engine_bridge import EngineBridge
from gdsim.qt.views.protocol import Picture
from tests.qt.conftest import racing_scenario

WAIT = 10_000



@pytest.fixture
def bridge(qtbot):
    made = EngineBridge()
    yield made
    made.stop()


def in_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_the_first_snapshot_carries_the_loaded_problem_and_its_picture(bridge, qtbot):
    with qtbot.waitSignal(bridge.snapshot_received, timeout=WAIT) as first:
        bridge.start(racing_scenario())
    snapshot, picture = first.args
    assert snapshot.loaded is not None and snapshot.loaded.problem.name == "rosenbrock"
    assert isinstance(picture, Picture) and picture.problem is snapshot.loaded.problem
    assert picture.grid is snapshot.loaded.grid and picture.drawing is not None  # contours made in the worker
    assert [label for _, label in ((i, s.label) for i, s in snapshot.specs)] == ["SGD", "Adam"]


def test_snapshots_arrive_in_the_gui_thread_in_order_with_pictures_only_for_new_problems(bridge, qtbot):
    received = []
    bridge.snapshot_received.connect(lambda snapshot, picture: received.append((snapshot, picture, in_gui_thread())))
    bridge.start(racing_scenario())
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT)
    bridge.send(Play())
    qtbot.waitUntil(lambda: received[-1][0].tick > 20, timeout=WAIT)
    ticks = [snapshot.tick for snapshot, _, _ in received]
    assert ticks == sorted(ticks) and all(in_gui for _, _, in_gui in received)
    assert all(picture is None for _, picture, _ in received[1:])
    bridge.load(racing_scenario(problem="himmelblau"))
    qtbot.waitUntil(lambda: received[-1][0].loaded is not None and len(received) > 2, timeout=WAIT)
    assert received[-1][1].problem.name == "himmelblau"


def test_the_worker_computes_nothing_until_the_gui_has_handled_the_last_snapshot(bridge, qtbot, monkeypatch):
    """Backpressure: while the GUI is busy with a snapshot, the worker yields no other, also across
    an engine adopted in between (the worker's snapshots are counted in its thread)."""
    yielded, handled, mismatches = [], [], []
    batch = engine_bridge._batch
    monkeypatch.setattr(engine_bridge, "_batch", lambda snapshot: yielded.append(snapshot.tick) or batch(snapshot))

    def handle(snapshot, _picture):
        handled.append(snapshot.tick)
        if len(yielded) != len(handled):
            mismatches.append((len(yielded), len(handled)))
        if len(handled) == 4:
            bridge.adopt(Engine(racing_scenario(problem="himmelblau")))  # sent before this one is taken
        if len(handled) in (3, 4, 6):
            time.sleep(0.2)  # the GUI is busy: a worker without backpressure would go on meanwhile
            if len(yielded) != len(handled):
                mismatches.append((len(yielded), len(handled)))
        if snapshot.loaded is not None:
            bridge.send(Play())

    bridge.snapshot_received.connect(handle)
    bridge.start(racing_scenario())
    qtbot.waitUntil(lambda: len(handled) > 12, timeout=WAIT)
    assert mismatches == []
    assert [tick for tick in handled[4:] if tick == 0]  # the adopted engine started over


def test_a_scenario_that_cannot_run_is_reported_and_a_later_load_recovers(bridge, qtbot):
    texts, received = [], []
    bridge.failed.connect(texts.append)
    bridge.snapshot_received.connect(lambda snapshot, picture: received.append(snapshot))
    with qtbot.waitSignals([bridge.failed, bridge.snapshot_received], order="strict", timeout=WAIT):
        bridge.start(Scenario(problem={"kind": "landscape", "name": "nowhere"}))
        bridge.load(racing_scenario())
    assert len(texts) == 1 and "nowhere" in texts[0] and "Traceback" not in texts[0]
    assert received[0].loaded.problem.name == "rosenbrock"


def test_started_without_a_scenario_it_waits_for_a_load(bridge, qtbot):
    received = []
    bridge.snapshot_received.connect(lambda snapshot, picture: received.append(snapshot))
    bridge.start(None)
    bridge.send(Play())  # nothing to play yet: dropped, not an error
    qtbot.wait(100)
    assert received == [] and bridge.running
    with qtbot.waitSignal(bridge.snapshot_received, timeout=WAIT) as first:
        bridge.load(racing_scenario())
    assert first.args[0].loaded.problem.name == "rosenbrock" and not first.args[0].playing


def test_a_recording_is_made_in_the_worker_and_handed_over_in_the_gui_thread(bridge, qtbot):
    received, recordings = [], []
    bridge.snapshot_received.connect(lambda snapshot, picture: received.append(snapshot))
    bridge.start(racing_scenario())
    bridge.send(Step(5))
    bridge.send(SetHyper(0, "lr", 0.002))
    bridge.take_recording(lambda recording: recordings.append((recording, in_gui_thread())))
    bridge.take_recording(lambda recording: recordings.append((recording, in_gui_thread())))
    qtbot.waitUntil(lambda: len(recordings) == 2, timeout=WAIT)
    for recording, in_gui in recordings:
        assert in_gui and recording["format"] == "gdsim.recording"
        assert [event["command"] for event in recording["events"]] == ["set_hyper"]
    carrying = [s for s in received if s.recording is not None]
    assert carrying and carrying[-1].recording is recordings[-1][0]
    # made when the request was read: after every command sent before it, before that batch's steps
    assert recordings[-1][0]["meta"]["ticks"] <= carrying[-1].tick


def test_a_recording_without_an_engine_fails_with_a_reason(bridge, qtbot):
    failures = []
    bridge.start(None)
    with qtbot.waitSignal(bridge.failed, timeout=WAIT):
        bridge.take_recording(lambda recording: pytest.fail("no engine, no recording"), failures.append)
    assert failures and "nothing to record" in failures[0]


def test_a_bug_in_the_worker_is_reported_with_its_traceback_and_a_fresh_worker_waits_for_an_engine(bridge, qtbot):
    received = []
    bridge.snapshot_received.connect(lambda snapshot, picture: received.append(snapshot))
    bridge.start(racing_scenario())
    qtbot.waitUntil(lambda: len(received) == 1, timeout=WAIT)
    failures = []
    with qtbot.waitSignal(bridge.crashed, timeout=WAIT) as crash:
        bridge.adopt("not an engine")
        bridge.take_recording(lambda recording: pytest.fail("the engine failed"), failures.append)
    assert crash.args[0].startswith("Traceback") and "AttributeError" in crash.args[0]
    assert failures == ["The engine stopped because of a bug in gdsim."]
    assert bridge.running
    bridge.load(racing_scenario(problem="himmelblau"))
    qtbot.waitUntil(lambda: received[-1].loaded is not None and len(received) == 2, timeout=WAIT)
    bridge.send(Step(3))
    qtbot.waitUntil(lambda: received[-1].tick == 3, timeout=WAIT)
    recordings = []
    bridge.take_recording(recordings.append)
    qtbot.waitUntil(lambda: len(recordings) == 1, timeout=WAIT)  # answers are numbered afresh
    assert recordings[0]["meta"]["ticks"] == 3


def test_stop_joins_the_worker_at_once_even_flat_out_and_is_idempotent(qtbot):
    bridge = EngineBridge()
    bridge.stop()  # never started: nothing to join
    bridge = EngineBridge()
    received = []
    bridge.snapshot_received.connect(lambda snapshot, picture: received.append(snapshot))
    bridge.start(racing_scenario())
    bridge.send(Play())
    qtbot.waitUntil(lambda: len(received) > 5, timeout=WAIT)
    started = time.perf_counter()
    bridge.stop()
    assert time.perf_counter() - started < 1.0
    assert not bridge.running and bridge._pool.activeThreadCount() == 0
    count = len(received)
    bridge.send(Load(racing_scenario()))
    qtbot.wait(100)
    assert len(received) == count  # nothing is delivered after stop
    lost = []
    bridge.take_recording(lambda recording: pytest.fail("stopped"), lost.append)
    assert lost == ["The engine has stopped."]
    bridge.stop()
    with pytest.raises(RuntimeError):
        bridge.start(None)


def test_the_running_worker_leaves_the_process_warning_filters_alone(bridge, qtbot):
    """superqt's own run() swaps the global filters and showwarning for as long as a worker runs."""
    filters, show = list(warnings.filters), warnings.showwarning
    with qtbot.waitSignal(bridge.snapshot_received, timeout=WAIT):
        bridge.start(racing_scenario())
    assert warnings.filters == filters and warnings.showwarning is show


def test_acknowledged_when_drawn_the_engine_waits_for_the_receiver(qtbot):
    bridge = EngineBridge(acknowledge_when_drawn=True)
    received = []
    bridge.snapshot_received.connect(lambda snapshot, _picture: received.append(snapshot))
    bridge.start(racing_scenario())
    try:
        qtbot.waitUntil(lambda: len(received) == 1, timeout=10_000)
        bridge.send(Play())
        qtbot.wait(300)
        assert len(received) == 1 and received[0].tick == 0  # nothing computed before acknowledge()
        bridge.acknowledge()
        qtbot.waitUntil(lambda: len(received) == 2, timeout=10_000)
        qtbot.wait(200)
        assert len(received) == 2 and received[1].tick > 0
        bridge.acknowledge()
        bridge.acknowledge()  # a second acknowledgement of one snapshot is ignored
        qtbot.waitUntil(lambda: len(received) == 3, timeout=10_000)
        qtbot.wait(200)
        assert len(received) == 3
    finally:
        bridge.stop()
