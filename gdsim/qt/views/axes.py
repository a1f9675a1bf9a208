"""Axes that show plain numbers, and what an axis shows (for tests and the test driver).

pyqtgraph scales an axis's numbers by an SI prefix and says so in its label ("loss J (x1e-09)");
gdsim's ticks carry the magnitude themselves. ``AxisItem.enableAutoSIPrefix(False)`` cannot be
used to turn that off: it computes a prefix for the range of the moment and then keeps it, since
later range changes only update the prefix while it is enabled (a log loss axis spanning 1e12 was
labelled 10^12 too low from then on). ``PlainAxis`` never applies a prefix.
"""

from __future__ import annotations

import pyqtgraph as pg


class PlainAxis(pg.AxisItem):
    """An AxisItem whose numbers are never scaled by an SI prefix."""

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.autoSIPrefix = False
        self.updateAutoSIPrefix()

    def updateAutoSIPrefix(self) -> None:  # noqa: N802 - pyqtgraph override
        if self.autoSIPrefix:
            super().updateAutoSIPrefix()
        elif self.autoSIPrefixScale != 1.0 or self.labelUnitPrefix:
            self.autoSIPrefixScale = 1.0
            self.labelUnitPrefix = ""
            self._updateLabel()


def plain_axes(**axes: pg.AxisItem) -> dict[str, pg.AxisItem]:
    """``axisItems`` for a PlotItem: its shown axes (left and bottom), a PlainAxis where ``axes`` has none."""
    return {side: axes.get(side) or PlainAxis(side) for side in ("left", "bottom")}


def tick_labels(axis: pg.AxisItem) -> list[str]:
    """The non-empty tick labels ``axis`` draws for its current range and size, low to high."""
    low, high = sorted(axis.range)
    length = axis.size().height() if axis.orientation in ("left", "right") else axis.size().width()
    labelled: dict[float, str] = {}
    for spacing, values in axis.tickValues(low, high, max(length, 1.0)):
        shown = [v for v in values if low <= v <= high and round(v, 9) not in labelled]
        strings = axis.tickStrings(shown, axis.autoSIPrefixScale * axis.scale, spacing)
        labelled.update((round(v, 9), s) for v, s in zip(shown, strings, strict=True) if s)
    return [labelled[v] for v in sorted(labelled)]
