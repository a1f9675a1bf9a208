"""Record a session in the window, save it, open it and replay it; seek; fork; recover after a crash.

Oracles from outside the window: ``gdsim.session.simulate.replay`` of the saved file, a headless
engine run with the events up to a tick, and SGD's closed form on x², x_k = x0 (1 - 2 lr)^k.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdsim.engine.spec import OKABE_ITO, RunSpec, Scenario
from gdsim.qt import session_files
from gdsim.qt.recorder import RECORDING_FILTER, RECOVERY_NAME
from gdsim.qt.testing import WindowDriver
from gdsim.qt.timeline import FACTORS
from gdsim.session.jsonio import dumps
from gdsim.session.recording import load_recording, save_recording
from gdsim.session.simulate import replay, simulate, simulated_engine

WAIT = 20_000
FIXTURE = Path(__file__).parents[1] / "session" / "fixtures" / "recording_v1.json"


def x_squared(steps: int = 100_000) -> Scenario:
    """SGD and Adam on x² (SGD's path has a closed form)."""
    return Scenario(problem={"kind": "landscape", "name": "x_squared", "options": {}}, steps=steps, runs=(
        RunSpec(label="SGD", color=OKABE_ITO[0], optimizer="sgd", hyper={"lr": 0.1}, start=(3.0,)),
        RunSpec(label="Adam", color=OKABE_ITO[1], optimizer="adam", hyper={"lr": 0.3}, start=(-2.0,))))


def save_dialog_answers(monkeypatch, path: Path, chosen: str = RECORDING_FILTER) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), chosen))


def live_paths(window) -> list[np.ndarray]:
    """What the window holds to draw: each run's recorded path."""
    return [window.live.get(run_id).path[: window.live.get(run_id).length, 0] for run_id in window.session.runs]


def headless_at(recording: dict, tick: int):
    events = [event for event in recording["event_list"] if event.step <= tick]
    return simulated_engine(recording["scenario_spec"], events, ticks=tick)


def wait_for_tick(window, qtbot, tick: int) -> None:
    replaying = window.replay
    qtbot.waitUntil(lambda: not replaying._seeking and not replaying._awaiting_load and replaying.tick == tick
                    and window.snapshot.tick == tick and window.session.caught_up, timeout=WAIT)
    qtbot.wait(30)


def record_a_session(window, qtbot, monkeypatch, path: Path) -> dict:
    """Record: step, change lr, play, move a start, reset, step; stop and save to ``path``."""
    driver = WindowDriver(window, qtbot)
    save_dialog_answers(monkeypatch, path)
    window.record_action.trigger()
    assert window.recorder.active and window.recorder.indicator.isVisible()
    assert "REC" in window.recorder.indicator.text() and window.record_action.text().endswith("Stop recording")
    driver.step(5)
    driver.set_hyper(0, "lr", 0.05)
    window.speed.slider.setValue(20)  # 100 steps per second
    driver.play()
    driver.wait_until_step(12)
    driver.pause()
    sgd = list(window.session.runs)[0]
    window.session.move_start(sgd, (2.0,))
    qtbot.waitUntil(lambda: window.session.caught_up and window.live.frame(sgd).step == 0, timeout=WAIT)
    driver.step(4)
    driver.reset()
    driver.step(3)
    window.record_action.trigger()  # stop: asks where to save (answered above) and writes
    assert not window.recorder.active and not window.recorder.indicator.isVisible()
    assert window.session.file.path == path and window.session.file.kind == "recording"
    return load_recording(path)


def test_a_recorded_session_replays_identically_seeks_exactly_and_forks_when_taken_over(
        make_window, qtbot, tmp_path, monkeypatch):
    window = make_window(x_squared())
    path = tmp_path / "demo.gdsim.json"
    recording = record_a_session(window, qtbot, monkeypatch, path)

    # the file: the commands that changed the simulation as events, the buttons in the pace
    assert [event["command"] for event in recording["events"]] == ["set_hyper", "move_start", "reset"]
    transport = [mark["command"] for mark in recording["pace"]["transport"]]
    assert {"step", "play", "pause", "speed"} <= set(transport)
    assert recording["pace"]["tick"][-1] <= recording["meta"]["ticks"]
    # replayed headless: bit for bit; and SGD after the reset follows the closed form from its new start
    again = replay(recording)
    for mine, theirs in zip(recording["runs"], again["runs"], strict=True):
        assert np.array_equal(np.asarray(mine["path"]), np.asarray(theirs["path"]))
    sgd_path = np.asarray(recording["runs"][0]["path"])[:, 0]
    assert np.allclose(sgd_path, 2.0 * 0.9 ** np.arange(4), rtol=1e-12, atol=0)
    end = recording["meta"]["ticks"]

    # opened: replayed to its end, with a timeline whose marks are the events' ticks
    driver = WindowDriver(window, qtbot)
    driver.open(path)
    replaying = window.replay
    assert replaying.active and window.replay.timeline.isVisible() and window.snapshot.tick == end
    assert window.replay.timeline.slider.maximum() == end
    event_ticks = sorted(event["step"] for event in recording["events"])
    assert event_ticks == sorted(tick for tick, colour in window.replay.timeline.slider.marks if colour == "#D55E00")
    assert not window.record_action.isEnabled() and not window.session.modified
    for shown, saved in zip(live_paths(window), recording["runs"], strict=True):
        assert np.array_equal(shown, np.asarray(saved["path"])[:, 0])

    # seek back and forth with the slider: the state at each tick is a headless run's to that tick
    for tick in (0, event_ticks[0] - 1, event_ticks[1], 3, end - 1, event_ticks[0], end, 1):
        window.replay.timeline.slider.setValue(tick)
        wait_for_tick(window, qtbot, tick)
        reference = headless_at(recording, tick)
        for shown, run in zip(live_paths(window), reference.runs.values(), strict=True):
            assert np.array_equal(shown, run.history.view("path")[:, 0, 0]), tick
        assert [spec.hyper["lr"] for spec in window.session.runs.values()] == \
               [run.spec.hyper["lr"] for run in reference.runs.values()], tick
        assert not window.session.modified
    assert window.replay.timeline.label.text() == f"step 1 / {end:,}"

    # the timeline plays (as fast as it goes) through the recorded events to the same end
    window.replay.timeline.factor.setCurrentText(next(name for name, f in FACTORS.items() if f is None))
    window.replay.timeline.play_button.click()
    qtbot.waitUntil(lambda: window.snapshot.tick == end and not window.replay.playing, timeout=WAIT)
    qtbot.wait(50)
    for shown, saved in zip(live_paths(window), recording["runs"], strict=True):
        assert np.array_equal(shown, np.asarray(saved["path"])[:, 0])

    # at the recorded pace, pausing holds it
    window.replay.timeline.factor.setCurrentText("×1")
    window.replay.seek(0)
    wait_for_tick(window, qtbot, 0)
    window.replay.timeline.play_button.click()
    qtbot.waitUntil(lambda: window.snapshot.tick > 0, timeout=WAIT)
    window.replay.timeline.play_button.click()
    qtbot.waitUntil(lambda: not window.snapshot.playing, timeout=WAIT)
    held = window.snapshot.tick
    qtbot.wait(300)
    assert window.snapshot.tick == held < end and window.replay.active

    # taking the controls mid-way forks an untitled session from that tick, and says so
    fork_at = event_ticks[0] + 2
    window.replay.seek(fork_at)
    wait_for_tick(window, qtbot, fork_at)
    x_at_fork = window.live.frame(list(window.session.runs)[0]).positions[0, 0]
    driver.set_hyper(0, "lr", 0.2)
    assert any(f"Replay left at tick {fork_at:,}: you are now in a new session" in m
               for m in window.messages.messages())
    assert not window.replay.active and not window.replay.timeline.isVisible() and window.record_action.isEnabled()
    assert window.session.file.path is None and window.session.file.kind == "recording" and window.session.modified
    driver.step(2)  # no recorded event is applied any more: SGD goes on with lr 0.2 from where it was
    sgd = window.live.frame(list(window.session.runs)[0])
    assert sgd.positions[0, 0] == pytest.approx(x_at_fork * 0.6 ** 2, rel=1e-12)
    assert window.snapshot.tick == fork_at + 2


def test_save_on_a_replayed_recording_writes_the_whole_recording_wherever_it_is_shown(
        make_window, qtbot, tmp_path, monkeypatch):
    scenario = x_squared(steps=400)
    from gdsim.engine.commands import SetHyper
    from gdsim.engine.snapshot import Event

    path = tmp_path / "kept.gdsim.json"
    save_recording(simulate(scenario, [Event(40, 0.5, SetHyper(0, "lr", 0.02))], ticks=120), path)
    original = json.loads(path.read_text())
    window = make_window()
    WindowDriver(window, qtbot).open(path)
    window.replay.seek(30)  # before the event: the engine holds neither the event nor the ticks after
    wait_for_tick(window, qtbot, 30)
    path.write_text("{}")  # so the save is seen to write
    assert window.save()
    written = json.loads(path.read_text())
    assert written["format"] == "gdsim.recording" and written["events"] == original["events"]
    assert written["runs"] == original["runs"] and written["meta"]["ticks"] == 120
    # Save As offers both kinds; choosing the scenario writes a scenario, the recording stays a recording
    scenario_path = tmp_path / "as_scenario.json"
    save_dialog_answers(monkeypatch, scenario_path, session_files.SCENARIO_FILTER)
    assert window.save_as()
    assert json.loads(scenario_path.read_text())["format"] == "gdsim.scenario"


def test_a_recording_left_by_a_crash_is_offered_back_at_the_next_start(make_window, qtbot, data_folder,
                                                                       monkeypatch):
    window = make_window(x_squared())
    driver = WindowDriver(window, qtbot)
    window.record_action.trigger()
    driver.step(3)
    driver.set_hyper(0, "lr", 0.05)
    driver.step(2)
    window.recorder.autosave()
    recovery = data_folder / RECOVERY_NAME
    qtbot.waitUntil(lambda: recovery.is_file() and not window.recorder._autosaving, timeout=WAIT)
    kept = load_recording(recovery)
    assert kept["meta"]["ticks"] == 5 and [e["command"] for e in kept["events"]] == ["set_hyper"]
    assert kept["pace"]["transport"]
    # the crash: the window goes without a word and the recovery file stays
    monkeypatch.setattr(window.recorder, "confirm_close", lambda: True)
    window.close()

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    again = make_window(x_squared())
    qtbot.waitUntil(lambda: again.replay.active and again.snapshot.tick == 5, timeout=WAIT)
    assert len(asked) == 1 and "Recover" in asked[0]
    assert again.session.file.path is None and again.session.file.kind == "recording"
    assert any("Recovered the recording" in m for m in again.messages.messages())
    assert not recovery.exists() and len(list(data_folder.glob("recovered-*.gdsim.json"))) == 1
    for shown, saved in zip(live_paths(again), kept["runs"], strict=True):
        assert np.array_equal(shown, np.asarray(saved["path"])[:, 0])


def test_a_broken_recovery_file_is_set_aside_with_a_message_and_the_window_starts(make_window, qtbot, data_folder):
    data_folder.mkdir(parents=True)
    (data_folder / RECOVERY_NAME).write_text('{"format": "gdsim.recording", "version": 1, "scenario": ')
    window = make_window(x_squared())
    qtbot.waitUntil(lambda: any("could not be read" in m for m in window.messages.messages()), timeout=WAIT)
    assert not (data_folder / RECOVERY_NAME).exists()
    assert len(list(data_folder.glob("broken-recovery-*.gdsim.json"))) == 1
    WindowDriver(window, qtbot).step(2)  # the window works
    assert window.snapshot.tick == 2 and not window.replay.active


def test_closing_with_an_unsaved_recording_asks_save_discard_or_cancel(make_window, qtbot, data_folder,
                                                                       monkeypatch, tmp_path):
    window = make_window(x_squared())
    monkeypatch.setattr(window, "confirm_discard", lambda: session_files.SessionFiles.confirm_discard(window))
    window.record_action.trigger()
    WindowDriver(window, qtbot).step(2)
    window.recorder.autosave()
    qtbot.waitUntil(lambda: (data_folder / RECOVERY_NAME).is_file(), timeout=WAIT)
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers[0])
    window.close()
    assert window.isVisible() and window.recorder.active  # Cancel: nothing happens
    path = tmp_path / "closing.gdsim.json"
    save_dialog_answers(monkeypatch, path)
    answers[0] = QMessageBox.StandardButton.Save
    window.close()
    assert not window.isVisible() and not window.recorder.unsaved
    assert load_recording(path)["meta"]["ticks"] == 2 and not (data_folder / RECOVERY_NAME).exists()


def test_the_committed_recording_opens_replays_and_seeks(make_window, qtbot):
    recording = load_recording(FIXTURE)
    end = recording["meta"]["ticks"]
    window = make_window()
    WindowDriver(window, qtbot).open(FIXTURE)
    assert window.replay.active and window.snapshot.tick == end
    for tick in (end // 3, end):
        window.replay.seek(tick)
        wait_for_tick(window, qtbot, tick)
        reference = headless_at(recording, tick)
        for run_id, run in reference.runs.items():
            shown = window.live.frame(run_id)
            assert np.array_equal(shown.positions, run.theta)
    migrated = {**json.loads(FIXTURE.read_text()), "version": 2}  # version 1 migrates unchanged
    assert json.loads(dumps(window.replay.source.recording)) == migrated
    window.step_action.trigger()  # Step at the end takes the controls: the recording goes on from there
    qtbot.waitUntil(lambda: not window.replay.active, timeout=WAIT)
    assert any(f"Replay left at tick {end:,}" in m for m in window.messages.messages())
    assert window.session.file.path == FIXTURE and window.record_action.isEnabled()


def test_a_new_problem_ends_the_recording_and_saves_what_was_recorded(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window(x_squared())
    path = tmp_path / "before_the_change.gdsim.json"
    save_dialog_answers(monkeypatch, path)
    window.record_action.trigger()
    WindowDriver(window, qtbot).step(3)
    loads = window.loads
    window.problem_panel.problem_requested.emit({"kind": "landscape", "name": "double_well", "options": {}})
    qtbot.waitUntil(lambda: window.loads > loads and window.problem.name == "double_well", timeout=WAIT)
    saved = load_recording(path)
    assert saved["scenario"]["problem"]["name"] == "x_squared" and saved["meta"]["ticks"] == 3
    assert not window.recorder.unsaved and window.session.file.path != path
    assert any("Recording stopped: a new problem" in m for m in window.messages.messages())
