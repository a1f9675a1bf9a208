"""Installed, not only cloned: a wheel built from this tree carries the lessons and translations, and
the installed `gdsim` validates and runs a lesson from its own package data."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_a_wheel_installs_into_a_fresh_venv_and_runs_a_lesson(tmp_path):
    source = tmp_path / "source"  # a copy: building leaves build/ and *.egg-info behind
    shutil.copytree(ROOT / "gdsim", source / "gdsim", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", tmp_path / "dist",
        source, cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("gdsim-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    lessons = sorted(n for n in names if n.startswith("gdsim/resources/scenarios/") and n.endswith(".json"))
    assert len(lessons) == len(list((ROOT / "gdsim" / "resources" / "scenarios").glob("*.json"))) > 0
    assert "gdsim/resources/translations/gdsim_zh_CN.qm" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    # the dependencies (numpy, PySide6, ...) come from this interpreter's site-packages, appended
    # after the new venv's own, so the gdsim imported is the wheel's (an editable install's finder
    # there is not run: a path in a .pth file does not process that folder's .pth files)
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout
    Path(purelib.strip(), "test_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=tmp_path)

    where = run(python, "-c", "import gdsim.resources as r; print(r.SCENARIOS_DIR)", cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    lesson = sorted(Path(where).glob("09_*.json"))[0]
    gdsim = venv / "bin" / "gdsim"
    assert "a valid scenario" in run(gdsim, "validate", lesson, cwd=tmp_path).stdout
    done = run(gdsim, "run", lesson, "-o", tmp_path / "lesson.rec.json", cwd=tmp_path)
    assert "after 1000 steps" in done.stdout and (tmp_path / "lesson.rec.json").stat().st_size > 0
