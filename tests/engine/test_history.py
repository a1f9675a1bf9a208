import numpy as np

from gdsim.engine.history import History


def test_history_thins_past_its_cap_and_keeps_the_first_point():
    history = History(1, 1, record_every=1, cap_values=64 * 5)
    step = 0
    while step < 1000:
        if history.due(step):
            history.append(step, np.array([[float(step)]]), np.zeros(1), np.zeros(1), 0.1, np.zeros(1), 0)
        step += 1
    steps = history.view("step")
    assert steps[0] == 0 and len(steps) < 64
    assert history.stride > 1 and history.generation > 0
    np.testing.assert_array_equal(np.diff(steps), history.stride)
    np.testing.assert_array_equal(history.view("path")[:, 0, 0], steps)
