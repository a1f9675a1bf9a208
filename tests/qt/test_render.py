"""``gdsim render``: videos, stills and frames read back; captions in them; bad input and interruption
write nothing. The first test runs the command in a fresh process with no display (the offscreen
platform); the others call the command line in this process."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import imageio.v2 as imageio
import numpy as np
import pytest

from gdsim.cli import main
from gdsim.qt.render.job import plan_render
from gdsim.qt.render.renderer import render
from gdsim.session.recording import load_recording
from gdsim.session.simulate import replayed_engine

ROOT = Path(__file__).resolve().parents[2]
RECORDING = ROOT / "tests" / "session" / "fixtures" / "recording_v1.json"
CAPTION = {"from_step": 0, "to_step": 3, "text": {"en": "The first steps", "zh": "最初几步"}}


def scenario_file(folder: Path, steps: int = 8, captions=(CAPTION,)) -> Path:
    path = folder / "bowl.json"
    path.write_text(json.dumps({
        "format": "gdsim.scenario", "version": 1, "title": {"en": "A bowl"},
        "problem": {"kind": "landscape", "name": "elongated_bowl"}, "steps": steps,
        "runs": [{"optimizer": "sgd", "hyper": {"lr": 0.05}, "start": [1.5, 1.2]}], "captions": list(captions)}))
    return path


def files_in(folder: Path) -> set[str]:
    """The files in ``folder`` but the window tests' settings folder (tests/qt/conftest.py)."""
    return {p.name for p in folder.iterdir()} - {"settings"}


def test_an_mp4_renders_headless_and_reads_back(tmp_path):
    source = scenario_file(tmp_path)
    out = tmp_path / "bowl.mp4"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "main.py", "render", str(source), "-o", str(out), "--size", "640x360",
                           "--fps", "10", "--steps-per-second", "5"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "frames" in done.stderr  # the progress bar
    assert "640x360 rounded to 640x368" in done.stderr  # whole blocks of 16 pixels for the encoder
    # 8 steps at 5 steps per second, 10 frames per second: ticks 0, 0.5, 1, ... 8
    expected = math.ceil(8 * 10 / 5) + 1
    reader = imageio.get_reader(out)
    frames = [frame for frame in reader]
    assert len(frames) == expected
    assert frames[0].shape == (368, 640, 3)
    assert reader.get_meta_data()["fps"] == pytest.approx(10)
    assert files_in(tmp_path) == {"bowl.json", "bowl.mp4"}  # no temporary file left


def test_a_gif_is_640_wide_at_15_frames_per_second_by_default(qapp, tmp_path):
    out = tmp_path / "bowl.gif"
    assert main(["render", str(scenario_file(tmp_path)), "-o", str(out), "--steps-per-second", "15", "--quiet"]) == 0
    frames = imageio.mimread(out)
    assert len(frames) == 8 + 1  # one frame per step at 15 steps per second and 15 frames per second
    assert frames[0].shape[:2] == (360, 640)
    assert not np.array_equal(frames[0], frames[-1])  # the ball moved


def test_captions_are_in_the_frames_at_their_steps_and_not_with_no_captions(qapp, tmp_path):
    source = scenario_file(tmp_path)
    with_captions, without = tmp_path / "with", tmp_path / "without"
    options = ["--size", "640x360", "--steps-per-second", "10", "--fps", "10", "--quiet"]
    assert main(["render", str(source), "-o", f"{with_captions}/", *options]) == 0
    assert main(["render", str(source), "-o", f"{without}/", "--no-captions", *options]) == 0
    names = sorted(files_in(with_captions))
    assert names == sorted(files_in(without)) == [f"frame_{i:05d}.png" for i in range(9)]  # ticks 0..8
    for step, name in enumerate(names):
        a = imageio.imread(with_captions / name)[..., :3].astype(int)
        b = imageio.imread(without / name)[..., :3].astype(int)
        differs = np.abs(a - b).sum(axis=2) > 30
        if step > CAPTION["to_step"]:
            assert not differs.any(), f"frame {step}: a caption after its last step"
            continue
        rows, cols = np.nonzero(differs)
        assert differs.sum() > 2000, f"frame {step}: no caption"
        box = a[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
        dark = (box.max(axis=2) < 80).mean()
        assert dark > 0.5  # a dark box ...
        assert (box.min(axis=2) > 200).any()  # ... with light text in it
        assert rows.max() - rows.min() >= 14  # at least a line of legible height


def test_a_still_shows_the_step_asked_for_and_the_last_by_default(qapp, tmp_path):
    source = scenario_file(tmp_path, captions=())
    last, early = tmp_path / "last.png", tmp_path / "early.png"
    assert main(["render", str(source), "-o", str(last), "--quiet"]) == 0
    assert main(["render", str(source), "-o", str(early), "--step", "1", "--quiet"]) == 0
    assert main(["render", str(source), "-o", str(tmp_path / "again.png"), "--step", "8", "--quiet"]) == 0
    a, b, c = (imageio.imread(tmp_path / name) for name in ("last.png", "early.png", "again.png"))
    assert a.shape[:2] == (720, 1280)
    assert np.array_equal(a, c) and not np.array_equal(a, b)


def test_a_committed_recording_renders_its_replay(qapp, tmp_path):
    out = tmp_path / "recording.png"
    job = plan_render(RECORDING, str(out), size="480x270")
    recording = load_recording(RECORDING)
    assert job.source.kind == "recording"
    assert job.end_tick == replayed_engine(recording).tick == recording["meta"]["ticks"]
    result = render(job)
    assert result.frames == 1 and imageio.imread(out).shape[:2] == (270, 480)


@pytest.mark.parametrize("arguments, words", [
    (["--view", "cube"], "no view 'cube'"),
    (["--view", "1d"], "does not fit"),
    (["--size", "big"], "WIDTHxHEIGHT"),
    (["--size", "10x10"], "outside"),
    (["--fps", "0"], "above 0"),
    (["--step", "3"], "still"),
    (["-o", "{tmp}/no/such/folder/out.mp4"], "no folder"),
    (["-o", "{tmp}/out.avi"], ".mp4, .gif, .png"),
    (["-o", "{tmp}/locked/out.mp4"], "cannot write"),
    (["-o", "{tmp}/folder.mp4"], "not a regular file"),
    (["--broken"], "not valid JSON"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(qapp, tmp_path, capsys, arguments, words):
    source = scenario_file(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    (tmp_path / "folder.mp4").mkdir()
    if "locked" in " ".join(arguments) and os.geteuid() == 0:
        pytest.skip("root may write in a read-only folder")
    if arguments == ["--broken"]:
        source.write_text('{"format": "gdsim.scenario", "version": 1, "problem": ')
        arguments = []
    arguments = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    if "-o" not in arguments:
        arguments += ["-o", str(tmp_path / "out.mp4")]
    before = files_in(tmp_path)
    assert main(["render", str(source), *arguments, "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and err.startswith("gdsim:") and len(err.splitlines()) == 1
    assert files_in(tmp_path) == before and not any(locked.iterdir())


def test_the_3d_view_is_refused_without_opengl_and_drawn_with_it(tmp_path):
    source = scenario_file(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    refused = subprocess.run([sys.executable, "main.py", "render", str(source), "-o", str(tmp_path / "3d.png"),
                              "--view", "3d", "--offscreen", "--quiet"], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 2 and "needs OpenGL" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert not (tmp_path / "3d.png").exists()
    if not os.environ.get("DISPLAY"):
        pytest.skip("no display to draw OpenGL on (run under Xvfb with QT_QPA_PLATFORM=xcb)")
    drawn = subprocess.run([sys.executable, "main.py", "render", str(source), "-o", str(tmp_path / "3d.png"),
                            "--view", "3d", "--size", "640x360", "--quiet"], cwd=ROOT,
                           env={**env, "QT_QPA_PLATFORM": "xcb"}, capture_output=True, text=True, timeout=180)
    if drawn.returncode == 2 and "needs OpenGL" in drawn.stderr:
        pytest.skip(f"this display has no OpenGL: {drawn.stderr.strip()}")
    assert drawn.returncode == 0, drawn.stderr
    image = imageio.imread(tmp_path / "3d.png")
    assert image.shape[:2] == (360, 640)
    surface = image[40:-140, 40:-40, :3].reshape(-1, 3)  # above the loss plot
    assert len(np.unique(surface, axis=0)) > 200  # a shaded, coloured surface, not a blank frame


@pytest.mark.parametrize("out", ["stopped.mp4", "stopped.gif", "stopped/"])
def test_an_interruption_leaves_nothing_at_the_output(qapp, tmp_path, out):
    job = plan_render(scenario_file(tmp_path), f"{tmp_path}/{out}", size="320x180", title=True)
    before = files_in(tmp_path)

    def interrupt(done: int, _total: int) -> None:
        if done == _total - 2:  # past the title card, into the simulation
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render(job, interrupt)
    assert files_in(tmp_path) == before  # neither the output nor a temporary file


def test_the_window_exports_images_and_a_video_without_waiting(gdsim_window, tmp_path):
    from gdsim.qt.render.export_actions import export_image, export_video

    window = gdsim_window.window
    gdsim_window.open(scenario_file(tmp_path))
    assert window.findChild(type(window.play_action), "export_video") is not None
    png, svg = tmp_path / "loss.png", tmp_path / "window.svg"
    assert export_image(window, window.loss_plot, png)
    assert imageio.imread(png).shape[:2] == (window.loss_plot.height(), window.loss_plot.width())
    assert export_image(window, window, svg)
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml") and "<svg" in svg.read_text(encoding="utf-8")
    assert not export_image(window, window, tmp_path / "window.bmp")  # refused with a message

    out = tmp_path / "session.gif"
    export = export_video(window, out)
    results = []
    export.finished.connect(lambda ok, text: results.append((ok, text)))
    gdsim_window.qtbot.waitUntil(lambda: bool(results), timeout=120_000)
    assert results[0][0], results[0][1]
    frames = imageio.mimread(out)
    assert len(frames) > 1 and frames[0].shape[:2] == (360, 640)

    stopped = tmp_path / "stopped.mp4"
    export = export_video(window, stopped)
    results.clear()
    export.finished.connect(lambda ok, text: results.append((ok, text)))
    export.progressed.connect(lambda done, _total: export.cancel())
    gdsim_window.qtbot.waitUntil(lambda: bool(results), timeout=120_000)
    assert results[0] == (False, "Export cancelled; nothing written.")
    assert not stopped.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".stopped")]


def test_the_default_pace_gives_each_lesson_caption_time_to_be_read():
    from gdsim.qt.render.timeline import default_pace
    from gdsim.session.scenario import load_scenario

    lessons = ROOT / "resources" / "scenarios"
    u_curve, _ = load_scenario(lessons / "04_u_curve_gd_momentum_rmsprop_adam.json")
    regression, _ = load_scenario(lessons / "09_linear_regression_y_2x_plus_1.json")
    # 20 steps in 10 s is 2 steps/s: each caption (11 and 10 steps) shows for 5 s or more
    assert default_pace(20, u_curve.captions) == pytest.approx(2.0)
    # 1000 steps in 10 s would show the first caption (51 steps) for half a second; 25 steps/s
    # (the 40 s cap) shows it for 2 s
    assert default_pace(1000, regression.captions) == pytest.approx(25.0)
    assert default_pace(1000) == pytest.approx(100.0)
    assert default_pace(3) == pytest.approx(2.0)  # never slower than 2 steps/s
