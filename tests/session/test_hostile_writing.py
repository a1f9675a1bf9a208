"""Issue 11, writing (items 1-4): the output target is checked before any work, never replaced when it
is not a regular file, every failure is one line with exit status 2 and the old file kept; modes are
kept, stale temporaries cleaned, the folder synced; printing never crashes on an ASCII terminal.

Special files are FIFOs, folders and links made in the test's temporary folder: nothing under /dev.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gdsim.cli import main
from gdsim.core.errors import InputError
from gdsim.session.jsonio import writable_target, write_atomic

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "tests" / "session" / "fixtures" / "scenario_v1.json"
LESSONS = sorted((ROOT / "resources" / "scenarios").glob("*.json"))


@pytest.fixture
def never_simulates(monkeypatch):
    """Fail the test if the command line starts simulating: a bad target must be refused first."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("simulated before checking the output target")

    monkeypatch.setattr("gdsim.session.simulate.simulate", refuse)
    monkeypatch.setattr("gdsim.session.simulate.replay", refuse)


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdsim: ") and "Traceback" not in captured.err, captured.err
    return lines[0]


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "link_to_fifo":
        os.mkfifo(tmp_path / "pipe")
        path.symlink_to(tmp_path / "pipe")
    elif kind == "dangling_link":
        path.symlink_to(tmp_path / "nowhere" / "file.json")
    return path


@pytest.mark.parametrize(("kind", "words"), [
    ("fifo", "is a named pipe, not a regular file"), ("folder", "is a folder, not a regular file"),
    ("link_to_fifo", "is a named pipe, not a regular file"), ("dangling_link", "which does not exist"),
])
def test_item1_a_target_that_is_not_a_regular_file_is_refused_before_simulating(tmp_path, capsys, never_simulates,
                                                                                 kind, words):
    target = _special(tmp_path, kind)
    before = os.lstat(target)
    assert main(["run", str(SCENARIO), "-o", str(target)]) == 2
    message = _one_line_error(capsys)
    assert words in message and "nothing was written" in message
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted({target.name, *(["pipe"] if kind == "link_to_fifo" else [])})


def test_item1_a_link_to_a_regular_file_writes_that_file_and_keeps_the_link(tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["run", str(SCENARIO), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["format"] == "gdsim.recording"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize(("name", "words"), [
    ("missing/out.json", "does not exist"), ("", "names no file"), ("x" * 250 + ".json", "file name is too long"),
    (".", "is a folder, not a regular file"),
])
def test_item2_output_errors_are_one_line_before_simulating(tmp_path, capsys, never_simulates, name, words):
    target = str(tmp_path / name) if name else ""
    assert main(["run", str(SCENARIO), "-o", target]) == 2
    assert words in _one_line_error(capsys)
    assert [p.name for p in tmp_path.iterdir()] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders, so the refusal cannot be seen")
def test_item2_a_read_only_folder_is_refused_before_simulating(tmp_path, capsys, never_simulates):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["run", str(SCENARIO), "-o", str(folder / "out.json")]) == 2
        assert "not writable" in _one_line_error(capsys)
    finally:
        folder.chmod(0o700)


def test_item2_a_read_only_folder_as_the_write_meets_it(tmp_path, monkeypatch):
    """As root a read-only folder does not stop a write, so the refusal is simulated where it is checked."""
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    with pytest.raises(InputError) as caught:
        writable_target(tmp_path / "out.json")
    assert caught.value.code == "file.unwritable" and "is not writable" in caught.value.message


def test_item2_a_folder_that_refuses_files_is_found_before_simulating(tmp_path, capsys, never_simulates, monkeypatch):
    """A read-only file system, or /proc, refuses to create a file whatever the permission bits say."""
    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    assert main(["run", str(SCENARIO), "-o", str(tmp_path / "out.json")]) == 2
    assert os.strerror(errno.EROFS) in _one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []


def test_item2_a_full_disk_is_one_line_and_keeps_the_old_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("precious")

    def full(_descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert main(["run", str(SCENARIO), "-o", str(target)]) == 2
    message = _one_line_error(capsys)
    assert os.strerror(errno.ENOSPC) in message and "nothing was written" in message
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_item3_a_new_file_gets_the_umask_mode_and_an_existing_one_keeps_its_own(tmp_path, umask):
    old = os.umask(umask)
    try:
        fresh = write_atomic(tmp_path / "new.json", "{}\n")
        existing = tmp_path / "shared.json"
        existing.write_text("old")
        existing.chmod(0o664)
        write_atomic(existing, "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(existing.stat().st_mode) == 0o664 and existing.read_text() == "{}\n"


def test_item3_stale_temporaries_of_the_target_are_removed_on_the_next_write(tmp_path):
    target = tmp_path / "out.json"
    stale = [tmp_path / ".out.json.ab12_xyz.tmp", tmp_path / ".out.json.zz99qqqq.tmp"]
    kept = [tmp_path / ".other.json.ab12_xyz.tmp", tmp_path / ".out.json.notes", tmp_path / "out.json.ab12_xyz.tmp"]
    under_way = tmp_path / ".out.json.justnow1.tmp"  # another write to the target, still going on
    an_hour_ago = time.time() - 3600
    for path in stale + kept + [under_way]:
        path.write_text("left over")
        if path != under_way:
            os.utime(path, (an_hour_ago, an_hour_ago))
    write_atomic(target, "{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.json", under_way.name, *(p.name for p in kept)])


def test_item3_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced: list[tuple[bool, bool]] = []
    real_fsync = os.fsync
    target = tmp_path / "out.json"

    def spy(descriptor):
        synced.append((stat.S_ISDIR(os.fstat(descriptor).st_mode), target.exists()))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(target, "{}\n")
    assert synced == [(False, False), (True, True)]  # the file before the rename, its folder after


def test_item3_the_window_writes_with_the_same_writer(tmp_path):
    from gdsim.qt.scenario_files import default_scenario, write_session_file

    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(InputError, match="named pipe, not a regular file; nothing was written"):
        write_session_file(tmp_path / "pipe.json", default_scenario())
    existing = tmp_path / "s.json"
    existing.write_text("old")
    existing.chmod(0o604)
    write_session_file(existing, default_scenario())
    assert stat.S_IMODE(existing.stat().st_mode) == 0o604


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem[:2])
def test_item4_every_lesson_prints_on_an_ascii_terminal(tmp_path, monkeypatch, lesson):
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["run", str(lesson), "-o", str(tmp_path / "out.json")]) == 0
    stdout.flush()
    printed = stdout.buffer.getvalue().decode("ascii")
    recording = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    for run in recording["runs"]:
        shown = run["label"].encode("ascii", "backslashreplace").decode("ascii")
        assert f"{shown}: {run['status']} after {run['steps']} steps" in printed


def test_item4_lc_all_c_in_a_real_interpreter(tmp_path):
    lesson = ROOT / "resources" / "scenarios" / "01_u_curve_direction.json"
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", str(lesson), "-o", "out.json"],
                            cwd=tmp_path, capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode("ascii", "replace")
    assert b"\\u" in result.stdout and b"wrote out.json" in result.stdout
