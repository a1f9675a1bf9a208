"""Guards against known-bad versions of what gdsim stands on."""

import subprocess
import sys
from importlib.metadata import version

from packaging.version import Version

# PySide6 6.12.0 on Python 3.11 aborts the interpreter ("Fatal Python error: none_dealloc") after a few
# thousand QObject.property() calls on a missing property, which pyqtgraph's setData makes each call.
HAMMER = """
from PySide6.QtCore import QObject
thing = QObject()
for _ in range(50_000):
    assert thing.property("no_such_property") is None
print("survived")
"""


def test_pyside6_is_a_version_that_survives_many_missing_property_lookups():
    assert Version(version("PySide6-Essentials")) < Version("6.12")
    result = subprocess.run([sys.executable, "-c", HAMMER], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"


def test_pyqtgraph_set_data_survives_many_calls():
    code = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import numpy as np
import pyqtgraph as pg
app = pg.mkQApp()
curve = pg.PlotDataItem()
x = np.arange(10.0)
for i in range(5_000):
    curve.setData(x, x * i)
print("survived")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"


def test_torch_is_the_pinned_cpu_build():
    assert Version("2.13") <= Version(version("torch").split("+")[0]) < Version("2.14")
