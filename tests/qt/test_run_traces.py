"""The live run model holds exactly the engine's history, and rows the engine rewrote are replaced."""

from __future__ import annotations

import numpy as np

from gdsim.engine.commands import Reset, SetHyper
from gdsim.engine.engine import Engine
from gdsim.qt.run_traces import RunTraces
from tests.qt.conftest import racing_scenario


def test_traces_hold_the_engines_history_through_appends_rewrites_and_restarts():
    engine = Engine(racing_scenario())
    traces = RunTraces()
    traces.take(engine.snapshot())
    engine.advance(5)
    traces.take(engine.snapshot())
    engine.apply(SetHyper(0, "lr", 5e-4))  # rewrites the rate of the row at step 5
    engine.advance(600)
    traces.take(engine.snapshot())
    trace = traces.get(0)
    history = engine.runs[0].history
    assert trace.length == history.length == 606
    np.testing.assert_array_equal(trace.path[: trace.length], history.view("path")[:, 0])
    np.testing.assert_array_equal(trace.loss[: trace.length], history.view("loss")[:, 0])
    np.testing.assert_array_equal(trace.lrs[: trace.length], history.view("lr"))
    assert trace.lrs[4] == 1e-3 and trace.lrs[5] == 5e-4
    assert trace.frame.step == 605
    restarts = trace.restarts
    engine.apply(Reset())
    traces.take(engine.snapshot())
    assert trace.length == 1 and trace.restarts == restarts + 1 and trace.frame.step == 0
