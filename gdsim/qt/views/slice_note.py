"""The words a view shows over a network's loss slice: each run's true loss beside the plane's under
its ball, and how far the plane can be trusted.

A slice is a plane through weight space; the runs' weights are projected on it, and they leave it as
they train (principal directions hold only part of the path's variance). So the note puts each run's true
training loss at its newest evaluation (computed by the engine) beside the plane's loss at the
projection of the same weights, and says what the directions are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from gdsim.engine.spec import RunSpec
from gdsim.qt.messages import fill
from gdsim.qt.panels.formatting import format_number

translate = QCoreApplication.translate


def slice_note(computed, runs, specs: Mapping[int, RunSpec]) -> str:
    """The note for ``computed`` (a :class:`gdsim.nets.landscape.LossSlice`) and the shown runs of
    ``runs`` (the live run model): one line per run with its losses, then one on the directions."""
    lines = []
    for trace in runs:
        spec = specs.get(trace.run_id)
        network = None if trace.frame is None else trace.frame.network
        if spec is None or not spec.visible or network is None or network.on_plane is None:
            continue
        _step, true, plane = network.on_plane
        true_text = format_number(true, 3) if math.isfinite(true) else "—"
        lines.append(fill(translate("SliceNote", "%1: true J %2 · plane J %3"), spec.label, true_text,
                          format_number(plane, 3)))
    if computed.explained is not None:
        first, second = computed.explained
        lines.append(fill(translate("SliceNote", "a, b: the path's principal directions (%1% + %2% of its "
                                                 "variance); the plane is approximate."),
                          f"{100 * first:.0f}", f"{100 * second:.0f}"))
    else:
        lines.append(translate("SliceNote", "a, b: filter-normalised random directions; the plane is approximate."))
    return "\n".join(lines)
