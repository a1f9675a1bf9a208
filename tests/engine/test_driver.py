"""The driver protocol: one snapshot in flight, commands between steps, Step(n) exact, Quit ends."""

import contextlib
import queue
import threading

import pytest

from gdsim.engine.commands import Load, Pause, Play, Preview, Quit, SetHyper, SetSpeed, Step, Taken, Watch
from gdsim.engine.driver import drive
from gdsim.engine.spec import Scenario
from tests.engine.helpers import engine_on, sgd_run

WAITERS: list[threading.Thread] = []


@pytest.fixture
def steered():
    engine = engine_on("x_squared", sgd_run(0.1), sgd_run(0.3), steps=50)
    inbox: queue.Queue = queue.Queue()
    generator = drive(engine, inbox)
    yield engine, inbox, generator
    inbox.put(Taken())
    inbox.put(Quit())
    while WAITERS:
        WAITERS.pop().join(5)
    generator.close()


def next_within(generator, seconds=5.0):
    """The next snapshot if one comes within ``seconds``, else None (the wait goes on in a thread)."""
    box = []

    def wait():
        with contextlib.suppress(StopIteration):
            box.append(next(generator))

    thread = threading.Thread(target=wait, daemon=True)
    WAITERS.append(thread)
    thread.start()
    thread.join(seconds)
    return box[0] if box else None


def test_first_snapshot_carries_the_problem_and_its_grid(steered):
    _, _, generator = steered
    first = next(generator)
    assert first.loaded is not None and first.loaded.problem.name == "x_squared"
    assert first.loaded.grid.values.shape == first.loaded.grid.axes[0].shape
    assert first.tick == 0 and all(frame.restart for frame in first.runs)


def test_step_takes_exactly_one_step(steered):
    engine, inbox, generator = steered
    next(generator)
    inbox.put(Taken())
    inbox.put(Step(1))
    snapshot = next(generator)
    assert snapshot.tick == 1 and [list(f.points.steps) for f in snapshot.runs] == [[1], [1]]


def test_no_second_snapshot_before_the_first_is_taken(steered):
    engine, inbox, generator = steered
    next(generator)
    inbox.put(Step(3))
    assert next_within(generator, 0.3) is None  # blocked: the first snapshot was not taken
    assert engine.tick == 0
    inbox.put(Taken())
    # the waiting call above completes now, in its own thread; the engine took the 3 steps
    for _ in range(100):
        if engine.tick == 3:
            break
        threading.Event().wait(0.01)
    assert engine.tick == 3


def test_play_runs_to_the_end_and_stops_playing(steered):
    engine, inbox, generator = steered
    next(generator)
    inbox.put(Taken())
    inbox.put(Play())
    for _ in range(10_000):
        snapshot = next(generator)
        inbox.put(Taken())
        if not snapshot.playing and snapshot.finished:
            break
    assert engine.finished and engine.tick == 50


def test_pause_holds_the_engine_and_paced_play_moves_slowly(steered):
    engine, inbox, generator = steered
    next(generator)
    inbox.put(Taken())
    inbox.put(SetSpeed(5.0))
    inbox.put(Play())
    snapshot = next(generator)
    inbox.put(Taken())
    assert snapshot.playing and snapshot.tick <= 2
    inbox.put(Pause())
    paused = next(generator)
    inbox.put(Taken())
    assert not paused.playing
    assert next_within(generator, 0.3) is None
    assert engine.tick == paused.tick


def test_bad_commands_come_back_as_messages_and_preview_changes_nothing(steered):
    engine, inbox, generator = steered
    next(generator)
    inbox.put(Taken())
    inbox.put(SetHyper(0, "lr", -0.5))
    inbox.put(Preview(0, (4.0,), steps=10))
    snapshot = next(generator)
    assert [str(e) for e in snapshot.errors] == ["lr: must be at least 0, not -0.5"]
    run_id, path = snapshot.preview
    assert run_id == 0 and path.shape == (11, 1) and path[-1, 0] == pytest.approx(4.0 * 0.8**10)
    assert engine.tick == 0 and engine.runs[0].theta[0, 0] == 10.0


def test_load_swaps_the_engine_and_quit_ends(steered):
    _, inbox, generator = steered
    next(generator)
    inbox.put(Taken())
    inbox.put(Load(Scenario(problem={"kind": "landscape", "name": "bowl"}, runs=(sgd_run(0.1, start=(1.0, 1.0)),))))
    snapshot = next(generator)
    assert snapshot.loaded.problem.name == "bowl" and snapshot.tick == 0
    inbox.put(Taken())
    inbox.put(Load(Scenario(problem={"kind": "landscape", "name": "nowhere"})))
    assert "unknown landscape" in str(next(generator).errors[0])
    inbox.put(Quit())
    with pytest.raises(StopIteration):
        next(generator)


def test_watch_writes_out_only_the_watched_runs_next_update_at_once_and_after_a_load(steered):
    """Every run's next update at first; after Watch only the watched run's, in a snapshot that
    comes while paused; the next update is SGD's on x² (x' = (1 − 2·lr)·x, the closed form); a new
    engine loaded keeps watching the same run ids."""
    _, inbox, generator = steered
    first = next(generator)
    assert first.watched is None and all(frame.next_update is not None for frame in first.runs)
    inbox.put(Taken())
    inbox.put(Step(2))
    next(generator)
    inbox.put(Taken())
    inbox.put(Watch((1,)))
    watched = next_within(generator)
    assert watched is not None and watched.watched == (1,) and watched.tick == 2  # paused: nothing moved
    quiet, loud = watched.runs
    assert quiet.next_update is None and quiet.gradient is not None  # the gradient is still drawn for all
    x = 10.0 * (1 - 2 * 0.3) ** 2
    assert loud.positions[0, 0] == pytest.approx(x)
    assert loud.next_update.position[0] == pytest.approx((1 - 2 * 0.3) * x)
    assert loud.next_update.gradient[0] == pytest.approx(2 * x) == loud.gradient[0, 0]
    inbox.put(Taken())
    inbox.put(Load(Scenario(problem={"kind": "landscape", "name": "x_squared"}, runs=(sgd_run(0.1), sgd_run(0.2)),
                            steps=10)))
    loaded = next(generator)
    assert loaded.watched == (1,) and [f.next_update is None for f in loaded.runs] == [True, False]
    inbox.put(Taken())
    inbox.put(Watch(None))
    assert all(frame.next_update is not None for frame in next_within(generator).runs)


def test_a_run_that_has_stopped_shows_the_gradient_where_it_stopped():
    """The frame's gradient is the coming update's own while a run moves; once it has stopped (its
    steps all taken) there is no coming update, and the gradient is at the point it stopped at:
    on x², 2·x with x = 10·0.8³ after three steps of SGD at lr 0.1 (the closed form)."""
    from gdsim.engine.engine import Engine

    engine = engine_on("x_squared", sgd_run(0.1), steps=3)
    engine.advance(10)
    assert engine.finished
    (frame,) = engine.snapshot().runs
    x = 10.0 * 0.8**3
    assert frame.positions[0, 0] == pytest.approx(x) and frame.gradient[0, 0] == pytest.approx(2 * x)
    assert isinstance(engine, Engine) and frame.next_update is None


def test_a_load_that_spreads_starts_keeps_the_runs_apart_inside_the_domain():
    from gdsim.engine.driver import engine_for

    runs = (sgd_run(0.1, start=None), sgd_run(0.2, start=None), sgd_run(0.3, start=(0.5, 0.5)),
            sgd_run(0.4, start=None))
    engine = engine_for(Load(Scenario(problem={"kind": "landscape", "name": "himmelblau"}, runs=runs),
                             spread_starts=True))
    problem = engine.problem
    starts = [engine.runs[i].theta[0] for i in range(4)]
    assert tuple(starts[0]) == tuple(problem.start) and tuple(starts[2]) == (0.5, 0.5)
    assert len({tuple(s) for s in starts}) == 4
    assert all(((problem.domain[:, 0] <= s) & (s <= problem.domain[:, 1])).all() for s in starts)


def test_with_a_frame_a_batch_computes_for_what_the_consumer_left_of_it(monkeypatch):
    """A batch computes for the frame's time less what passed since the last batch ended (making
    its snapshot, the consumer drawing it), and never less than ``batch_seconds``; on a clock the
    test moves, so the answer is exact."""
    import gdsim.engine.driver as driver

    now = [100.0]
    monkeypatch.setattr(driver, "time", type("Clock", (), {"perf_counter": staticmethod(lambda: now[0])}))
    engine = engine_on("x_squared", sgd_run(0.01), steps=10**6)
    given = []
    step = engine.advance

    def advance(steps, seconds=float("inf")):
        given.append(seconds)
        now[0] += seconds  # the batch computes for as long as it is given
        return step(min(steps, 3))

    monkeypatch.setattr(engine, "advance", advance)
    inbox: queue.Queue = queue.Queue()
    generator = drive(engine, inbox, batch_seconds=0.004, frame_seconds=0.02)
    next(generator)
    inbox.put(Play())
    inbox.put(Taken())
    next(generator)
    assert given == [0.004]  # no frame yet to fill
    for drawing, expected in ((0.0, 0.02), (0.005, 0.015), (0.012, 0.008), (0.03, 0.004)):
        now[0] += drawing  # the consumer takes this long to draw the snapshot
        inbox.put(Taken())
        next(generator)
        assert given[-1] == pytest.approx(expected)
    inbox.put(Quit())
    inbox.put(Taken())
    generator.close()
