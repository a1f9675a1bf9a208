"""gdsim: a desktop gradient-descent simulator.

The package is layered (see DESIGN.md): ``core`` (pure NumPy) <- ``engine`` <- ``session`` <- ``qt``,
with ``nets`` (torch) beside ``core``. Importing ``gdsim`` itself is cheap: ``simulate`` is loaded on
first use.
"""

from __future__ import annotations

from typing import Any

from gdsim.core.version import __version__

__all__ = ["__version__", "simulate"]


def __getattr__(name: str) -> Any:
    if name == "simulate":
        from gdsim.session.simulate import simulate

        return simulate
    raise AttributeError(f"module 'gdsim' has no attribute {name!r}")
