"""The import rules of DESIGN.md, checked two ways so they cannot rot.

1. Statically: every import statement in each layer (including lazy ones inside functions).
2. Dynamically: the pure layers import in a fresh interpreter with Qt, torch and sklearn blocked,
   and starting the window imports neither torch, sklearn, sympy nor anything of gdsim.nets.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gdsim"
QT = {"PySide6", "pyqtgraph", "superqt", "OpenGL", "shiboken6"}
TORCH = {"torch", "sklearn", "torchvision"}
# What each layer may not import (gdsim subpackages and third-party top-level names).
FORBIDDEN = {
    "core": {"gdsim.engine", "gdsim.session", "gdsim.qt", "gdsim.nets", "gdsim.cli"} | QT | TORCH,
    "nets": {"gdsim.engine", "gdsim.session", "gdsim.qt", "gdsim.cli"} | QT,
    "engine": {"gdsim.session", "gdsim.qt", "gdsim.cli"} | QT | TORCH,
    "session": {"gdsim.qt", "gdsim.cli"} | QT | TORCH,
    "qt": {"gdsim.cli"} | TORCH,
}


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violates(name: str, forbidden: set[str]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_imports_only_what_it_may(layer):
    offenders = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in sorted(imported_names(path))
        if violates(name, FORBIDDEN[layer])
    ]
    assert offenders == []


def test_no_layer_reads_the_package_entry():
    """``gdsim/__init__`` is the entry (it re-exports the version and ``simulate``): the layers
    below take what they need from the layer that owns it, so ``import gdsim`` appears nowhere in them."""
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for layer in FORBIDDEN
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.Import) and any(alias.name == "gdsim" for alias in node.names))
        or (isinstance(node, ast.ImportFrom) and node.module == "gdsim" and node.level == 0)
    ]
    assert offenders == []


def test_torch_and_sklearn_are_imported_only_in_nets():
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "nets" not in path.relative_to(PACKAGE).parts[:1]
        and any(violates(name, TORCH) for name in imported_names(path))
    ]
    assert offenders == []


BLOCKER = """
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
import gdsim
for package in {packages!r}:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + '.'):
        importlib.import_module(info.name)
print('ok')
"""


def test_pure_layers_import_with_qt_and_torch_blocked():
    code = BLOCKER.format(blocked=sorted(QT | TORCH), packages=["gdsim.core", "gdsim.engine", "gdsim.session"])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_starting_the_window_imports_no_heavy_library():
    code = ("import sys, gdsim.cli, gdsim.qt.app, gdsim.qt.main_window; "
            "print(sorted(m for m in ('torch', 'sklearn', 'sympy') if m in sys.modules)"
            " + sorted(m for m in sys.modules if m.startswith('gdsim.nets')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=PACKAGE.parent, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
