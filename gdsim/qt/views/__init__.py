"""The views: each registers itself (gdsim.qt.views.protocol) when this package is imported.

Main views (one shown at a time, or the 2D and 3D views side by side): the 2D landscape, the 3D
surface, the 1D curve, a network's evaluations, and a note for problems with no landscape to draw;
beside them: the data of a one-feature data problem. The loss plot is a panel below every view.

pyqtgraph's export dialog (a plot's context menu, "Export…") lists every exporter it knows; the
Matplotlib window is offered only where matplotlib is installed (gdsim does not need it), since
choosing it otherwise prints a traceback.
"""

from __future__ import annotations

import importlib.util

from pyqtgraph.exporters import Exporter
from pyqtgraph.exporters.Matplotlib import MatplotlibExporter

from gdsim.qt.views import (  # noqa: F401 - they register themselves
    curve_1d,
    data_view,
    landscape_2d,
    network_view,
    no_landscape,
    surface_3d,
)

if importlib.util.find_spec("matplotlib") is None and MatplotlibExporter in Exporter.Exporters:
    Exporter.Exporters.remove(MatplotlibExporter)
