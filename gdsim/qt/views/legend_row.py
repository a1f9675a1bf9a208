"""A legend in its own row of a plot's layout, below the axes: it never covers what is drawn.

Each entry is a coloured mark and a name; entries wrap onto more lines when the plot is narrow.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pyqtgraph as pg

from gdsim.qt.views.style import wrap_label

#: A ball (run or basin), a run drawn in other colours (a finished swarm) and a known minimum.
BALL = "●"
RING = "○"
STAR = "☆"
#: The layout row under a PlotItem's bottom axis (rows 0-3: title, top axis, plot, bottom axis).
ROW = 4
#: Largest height a layout item can have (Qt's QWIDGETSIZE_MAX).
UNLIMITED = 16_777_215.0


class LegendRow(pg.LabelItem):
    """Coloured marks and names under a plot; hidden (no height) without entries."""

    def __init__(self, plot: pg.PlotItem) -> None:
        super().__init__("", color="k", justify="center")
        plot.layout.addItem(self, ROW, 1)
        self.entries: tuple[tuple[str, str, str], ...] = ()
        self._width = UNLIMITED
        self.set_entries((), "9pt")

    def set_entries(self, entries: Sequence[tuple[str, str, str]], size: str) -> None:
        """Show ``entries`` (mark, colour, name) in text of ``size`` (e.g. "9pt")."""
        self.entries = tuple(entries)
        parts = [f"<span style='color:{color}; font-weight:bold'>{mark}</span>&nbsp;"
                 + html.escape(name).replace(" ", "&nbsp;") for mark, color, name in self.entries]
        self.setText("&nbsp;&nbsp;&nbsp; ".join(parts), size=size)
        self.fit(self._width)

    def fit(self, width: float) -> None:
        """Wrap the entries at ``width`` pixels."""
        self._width = width
        wrap_label(self, width)
        self.setVisible(bool(self.entries))
        if self.entries:
            self.setMaximumHeight(UNLIMITED)
        else:
            self.setMinimumHeight(0)
            self.setMaximumHeight(0)
